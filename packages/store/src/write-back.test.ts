import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-support/databases.js';
import { makeBooking, makeHost, makeLink, T0 } from './test-support/fixtures.js';

/**
 * `setExternalRef` racing a reschedule on PostgreSQL: the write-back waits on the reschedule's row
 * lock, then re-checks the SEQUENCE on the new row, so a late calendar write never lands on (or
 * undoes) the moved booking. (SQLite serialises every write, so the race cannot happen there.)
 */
describe('write-back racing a reschedule: postgres', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('refuses the write-back that waited for a reschedule of its booking, and keeps the move', async () => {
    const { store } = await db.open({ maxConnections: 4 });
    const host = makeHost();
    const link = makeLink(host);
    const booking = makeBooking(link, T0);
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
      await tx.insertBooking(booking);
    });

    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let rowLocked!: () => void;
    const locked = new Promise<void>((resolve) => (rowLocked = resolve));
    const moved = { ...booking, start: booking.start + 3_600_000, end: booking.end + 3_600_000 };
    const reschedule = store.withHostLock(host.workspaceId, host.id, async (tx) => {
      await tx.updateBooking({
        ...moved,
        blockedStart: moved.start,
        blockedEnd: moved.end,
        icalSequence: 1,
      });
      rowLocked();
      await released;
    });
    await locked;
    const writeBack = store.transaction((tx) =>
      tx.setExternalRef(
        host.workspaceId,
        booking.id,
        'calendar',
        { provider: 'google', id: 'evt_late', meetingUrl: 'https://meet.example.test/late' },
        0,
      ),
    );
    // Wait (bounded by vitest's timeout, not by a guess) until the write-back blocks on the row lock.
    await vi.waitFor(async () => {
      const waiting = await db.raw(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'update \"bookings\"%'",
      );
      expect(waiting[0]?.['n']).toBe(1);
    });
    release();
    await reschedule;
    expect(await writeBack).toBe(false);
    const stored = await store.transaction((tx) => tx.findBooking(host.workspaceId, booking.id));
    expect(stored).toMatchObject({
      start: moved.start,
      icalSequence: 1,
      meetingUrl: null,
      externalRefs: {},
    });
  });
});
