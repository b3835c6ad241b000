import type { JobKind } from '@workestra/booking-core';
import { and, sql, type SQL } from 'drizzle-orm';
import { dueWhere, expiredWhere } from '../jobs-common.js';
import type { Dialect } from '../shared/dialect.js';
import { claimStatement, type ClaimInputs, type ClaimPhase } from '../shared/jobs.js';

/** Each input of a claim as a drizzle placeholder of its own name. */
const placeholders = {
  workerId: sql.placeholder('workerId'),
  now: sql.placeholder('now'),
  lockedUntil: sql.placeholder('lockedUntil'),
  limit: sql.placeholder('limit'),
} as unknown as ClaimInputs;

/**
 * The claim statements on PostgreSQL, each built once and prepared under a name of its own (drizzle
 * `prepare`: PostgreSQL parses and plans it once per pooled connection), instead of built by
 * drizzle and parsed for every claim. Four of them: expired or due, for any kind or for the
 * `kinds` given as one array parameter (`kind = any($kinds)`, so any set of kinds shares it).
 * Same SQL and same locking as the built statements of `shared/jobs.ts`.
 */
export function preparedClaims(dialect: Dialect): ClaimPhase {
  const { jobs } = dialect.tables;
  const now = placeholders.now;
  const ofKinds = sql`${jobs.kind} = any(${sql.placeholder('kinds')}::text[])`;
  const prepare = (name: string, where: SQL) =>
    claimStatement(dialect, where, placeholders).prepare(name);
  const statements = {
    expired: prepare('workestra_claim_expired', expiredWhere(jobs, now)),
    due: prepare('workestra_claim_due', dueWhere(jobs, now)),
    expiredOfKinds: prepare(
      'workestra_claim_expired_kinds',
      and(expiredWhere(jobs, now), ofKinds) as SQL,
    ),
    dueOfKinds: prepare('workestra_claim_due_kinds', and(dueWhere(jobs, now), ofKinds) as SQL),
  };
  return (phase, inputs, kinds: readonly JobKind[] | undefined) =>
    kinds === undefined
      ? statements[phase].execute({ ...inputs })
      : statements[`${phase}OfKinds`].execute({ ...inputs, kinds: [...kinds] });
}
