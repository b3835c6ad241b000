// Round-robin under a race: three members all free, thirty visitors take the same slot at once.
// Exactly one booking per member, everyone else SLOT_TAKEN; in one process on both databases, and
// across several server processes sharing PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBookingCore,
  type BookingCore,
  type BookingStore,
  type HostRef,
} from '@workestra/booking-core';
import { openStore } from '@workestra/store';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, type Answer } from './test-support/client.js';
import { DIALECTS, freshDatabase, startTestServer } from './test-support/server.js';
import { killServerProcesses, startServerProcess } from './test-support/server-process.js';

/** Visitors racing for one slot; members of the link. */
const VISITORS = 30;
const MEMBERS = ['Ana', 'Ben', 'Cy'] as const;
/** A Tuesday 10:00 UTC after the test servers' clock (Monday 2026-11-02 12:00 UTC). */
const START = '2026-11-03T10:00:00Z';

afterEach(killServerProcesses);

/** Three hosts of one workspace and a round-robin link `team` over all of them. */
async function teamLink(core: BookingCore, workspaceId: string): Promise<Map<string, string>> {
  const hosts = [];
  for (const name of MEMBERS)
    hosts.push(
      await core.createHost({
        workspaceId,
        email: `${name.toLowerCase()}@example.com`,
        name,
        timeZone: 'UTC',
      }),
    );
  const owner: HostRef = { workspaceId, hostId: hosts[0]!.id };
  await core.createLink(owner, {
    title: 'Team',
    slug: 'team',
    timeZone: 'UTC',
    kind: 'round_robin',
    members: hosts.map((h) => ({ hostId: h.id })),
  });
  return new Map(hosts.map((h) => [h.name, h.id]));
}

/** `VISITORS` bookings of `start` at once, the i-th sent to `urls[i % urls.length]`. */
function race(urls: readonly string[], start: string): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: VISITORS }, (_, i) =>
      new Client(urls[i % urls.length]!).post('/api/public/links/team/bookings', {
        body: { start, name: `Visitor ${i}`, email: `v${i}@example.com`, timeZone: 'UTC' },
      }),
    ),
  );
}

/** 10:00 UTC on the first Tuesday at least two days after the real clock's now. */
function realTuesdayTen(): string {
  const day = new Date(Date.now() + 2 * 86_400_000);
  day.setUTCHours(10, 0, 0, 0);
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString();
}

/** The members' confirmed bookings at `start`, as the store holds them: one host id per booking. */
async function bookedHosts(
  store: BookingStore,
  workspaceId: string,
  hostIds: readonly string[],
  start: number,
): Promise<string[]> {
  const rows = await store.transaction((tx) =>
    tx.listHostsBusy(workspaceId, hostIds, start, start + 1),
  );
  return rows.map((b) => b.hostId).sort();
}

/** One 201 per member (told apart by the host name the attendee sees), the rest SLOT_TAKEN. */
function expectOnePerMember(answers: readonly Answer[]): void {
  const won = answers.filter((a) => a.status === 201);
  const lost = answers.filter((a) => a.status !== 201);
  expect(won.map((a) => a.body.booking.hostName as string).sort()).toEqual([...MEMBERS]);
  expect(lost).toHaveLength(VISITORS - MEMBERS.length);
  for (const a of lost) {
    expect(a.status, a.text).toBe(409);
    expect(a.body.error.code).toBe('SLOT_TAKEN');
  }
}

describe.each(DIALECTS)('round-robin race for one slot (%s)', (dialect) => {
  it(`${VISITORS} simultaneous bookings, ${MEMBERS.length} members free: one booking each`, async () => {
    await using server = await startTestServer(dialect, { RATE_LIMIT_PER_MINUTE: '10000' });
    const ids = [...(await teamLink(server.core, 'ws_team')).values()];
    expectOnePerMember(await race([server.url], START));
    expect(await bookedHosts(server.handle.store, 'ws_team', ids, Date.parse(START))).toEqual(
      [...ids].sort(),
    );
  });
});

describe('round-robin race across three server processes sharing PostgreSQL', () => {
  it(`${VISITORS} simultaneous bookings spread over the processes: one booking per member`, async () => {
    const db = await freshDatabase('postgres');
    const dataDirs: string[] = [];
    const handle = await openStore(db.url);
    try {
      const ids = [
        ...(await teamLink(createBookingCore({ store: handle.store }), 'ws_team')).values(),
      ];
      const secret = randomBytes(32).toString('base64');
      const urls: string[] = [];
      for (let i = 0; i < 3; i++) {
        const dataDir = mkdtempSync(join(tmpdir(), 'workestra-team-'));
        dataDirs.push(dataDir);
        const child = startServerProcess({
          DATABASE_URL: db.url,
          DATA_DIR: dataDir,
          WEB_DIST_DIR: join(dataDir, 'no-web'),
          SECRET_KEY: secret,
          RATE_LIMIT_PER_MINUTE: '100000',
        });
        urls.push(`http://127.0.0.1:${await child.listening}`);
      }
      // The processes run on the real clock: a Tuesday at least two days ahead.
      const start = realTuesdayTen();
      expectOnePerMember(await race(urls, start));
      expect(await bookedHosts(handle.store, 'ws_team', ids, Date.parse(start))).toEqual(
        [...ids].sort(),
      );
    } finally {
      killServerProcesses();
      await handle.close();
      await db.drop();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
