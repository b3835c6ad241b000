import { type BookingStore, StoreConflictError } from '@workestra/booking-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { makeBooking, makeHost, makeLink, MINUTE, T0 } from './test-support/fixtures.js';

/**
 * The database refuses overlapping confirmed bookings of one host even when the application's
 * lock is skipped: the SQLite trigger / PostgreSQL exclusion constraint is the backstop.
 */
describe.each(DIALECTS)('double-booking backstop on %s', (dialect) => {
  let db: TestDatabase;
  let store: BookingStore;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    ({ store } = await db.open());
  });
  afterAll(async () => db.drop());

  async function setUp() {
    const host = makeHost();
    const link = makeLink(host);
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
    });
    return { host, link };
  }

  it("refuses a second confirmed booking overlapping the first, as StoreConflictError('booking_overlap')", async () => {
    const { link } = await setUp();
    await store.transaction((tx) => tx.insertBooking(makeBooking(link, T0)));
    const error = await store
      .transaction((tx) => tx.insertBooking(makeBooking(link, T0 + 15 * MINUTE)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConflictError);
    expect(error).toMatchObject({ constraint: 'booking_overlap' });
  });

  it('counts the buffers: blocked ranges that overlap conflict, touching ones do not', async () => {
    const { link } = await setUp();
    await store.transaction((tx) =>
      tx.insertBooking(makeBooking(link, T0, { blockedEnd: T0 + 40 * MINUTE })),
    );
    // starts when the first ends, but the first's 10-minute after-buffer is still running
    await expect(
      store.transaction((tx) => tx.insertBooking(makeBooking(link, T0 + 30 * MINUTE))),
    ).rejects.toMatchObject({ constraint: 'booking_overlap' });
    await store.transaction((tx) => tx.insertBooking(makeBooking(link, T0 + 40 * MINUTE)));
  });

  it('ignores cancelled bookings and other hosts', async () => {
    const { link } = await setUp();
    const other = await setUp();
    const first = makeBooking(link, T0);
    await store.transaction((tx) => tx.insertBooking(first));
    await store.transaction((tx) =>
      tx.insertBooking(makeBooking(link, T0, { status: 'cancelled' })),
    );
    await store.transaction((tx) => tx.insertBooking(makeBooking(other.link, T0)));
    await store.transaction((tx) => tx.updateBooking({ ...first, status: 'cancelled' }));
    await store.transaction((tx) => tx.insertBooking(makeBooking(link, T0 + 10 * MINUTE)));
  });

  it('refuses an update (reschedule or un-cancel) into an overlap, but not a booking moving within its own range', async () => {
    const { link } = await setUp();
    const a = makeBooking(link, T0);
    const b = makeBooking(link, T0 + 60 * MINUTE);
    await store.transaction(async (tx) => {
      await tx.insertBooking(a);
      await tx.insertBooking(b);
    });
    const moved = {
      ...b,
      start: T0 + 20 * MINUTE,
      end: T0 + 50 * MINUTE,
      blockedStart: T0 + 20 * MINUTE,
      blockedEnd: T0 + 50 * MINUTE,
    };
    await expect(store.transaction((tx) => tx.updateBooking(moved))).rejects.toMatchObject({
      constraint: 'booking_overlap',
    });
    const nudged = {
      ...b,
      start: T0 + 45 * MINUTE,
      end: T0 + 75 * MINUTE,
      blockedStart: T0 + 45 * MINUTE,
      blockedEnd: T0 + 75 * MINUTE,
    };
    await store.transaction((tx) => tx.updateBooking(nudged));
    expect(await store.transaction((tx) => tx.findBooking(b.workspaceId, b.id))).toEqual(nudged);
  });

  it('holds for SQL that bypasses the store entirely', async () => {
    const { link } = await setUp();
    await store.transaction((tx) => tx.insertBooking(makeBooking(link, T0)));
    const clash = makeBooking(link, T0 + 5 * MINUTE);
    const columns =
      'id, workspace_id, link_id, host_id, status, start, "end", blocked_start, blocked_end, attendee_name, attendee_email, attendee_time_zone, no_show, ical_uid, ical_sequence, created_at, updated_at';
    const values = [
      clash.id,
      clash.workspaceId,
      clash.linkId,
      clash.hostId,
      'confirmed',
      clash.start,
      clash.end,
      clash.blockedStart,
      clash.blockedEnd,
      'x',
      'x@example.com',
      'UTC',
      dialect === 'sqlite' ? 0 : false,
      'uid',
      0,
      T0,
      T0,
    ];
    const placeholders = values
      .map((_, i) => (dialect === 'sqlite' ? '?' : `$${i + 1}`))
      .join(', ');
    await expect(
      db.raw(`INSERT INTO bookings (${columns}) VALUES (${placeholders})`, values),
    ).rejects.toThrow(dialect === 'sqlite' ? /SLOT_TAKEN/ : /bookings_no_overlap/);
  });
});
