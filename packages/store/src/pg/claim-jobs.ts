import { and, inArray, sql, type SQL } from 'drizzle-orm';
import { claimOrder } from '../conditions.js';
import { dueWhere, expiredWhere } from '../jobs-common.js';
import type { Dialect } from '../queries/dialect.js';
import { claimSet, type ClaimInputs, type ClaimRows } from '../queries/jobs.js';

/** Each input of a claim as a drizzle placeholder of its own name. */
const placeholders = {
  workerId: sql.placeholder('workerId'),
  now: sql.placeholder('now'),
  lockedUntil: sql.placeholder('lockedUntil'),
  limit: sql.placeholder('limit'),
} as unknown as ClaimInputs;

/**
 * `claimJobs`' statement on PostgreSQL: ONE `UPDATE ... RETURNING` whose two CTEs pick the rows,
 * `expired` leases first (up to `limit`), then `due` pending jobs up to what is left of `limit`,
 * each `ORDER BY ... LIMIT ... FOR UPDATE SKIP LOCKED` on its own so each walks `jobs_due_idx` in
 * order (one `WHERE a OR b` would sort every due row). One round trip per claim instead of two.
 * Built once and prepared under a name (PostgreSQL parses and plans it once per pooled
 * connection); one statement for any kind, one for the `kinds` given as an array parameter
 * (`kind = any($kinds)`, so any set of kinds shares it).
 */
export function preparedClaims(dialect: Dialect): ClaimRows {
  const { db } = dialect;
  const { jobs } = dialect.tables;
  const { now, limit } = placeholders;
  const prepare = (name: string, ofKinds?: SQL) => {
    const pick = (where: SQL, n: number) =>
      db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(where, ofKinds))
        .orderBy(...claimOrder(jobs))
        .limit(n)
        .for('update', { skipLocked: true });
    const expired = db.$with('expired').as(pick(expiredWhere(jobs, now), limit));
    // A LIMIT may be any expression without outer references: what `expired` left of `limit`.
    const rest = sql`(${limit} - (select count(*) from ${expired}))` as unknown as number;
    const due = db.$with('due').as(pick(dueWhere(jobs, now), rest));
    return db
      .with(expired, due)
      .update(jobs)
      .set(claimSet(jobs, placeholders))
      .where(
        inArray(
          jobs.id,
          sql`(select ${expired.id} from ${expired} union all select ${due.id} from ${due})`,
        ),
      )
      .returning()
      .prepare(name);
  };
  const anyKind = prepare('workestra_claim_jobs');
  const ofKinds = prepare(
    'workestra_claim_jobs_of_kinds',
    sql`${jobs.kind} = any(${sql.placeholder('kinds')}::text[])`,
  );
  return (inputs, kinds) =>
    kinds === undefined
      ? anyKind.execute({ ...inputs })
      : ofKinds.execute({ ...inputs, kinds: [...kinds] });
}
