import { randomUUID } from 'node:crypto';
import {
  type BookingListFilter,
  type BookingStore,
  type HostBookingsQuery,
  StoreConflictError,
} from '@workestra/booking-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { makeBooking, makeHost, makeLink, MINUTE, T0 } from './test-support/fixtures.js';

/** A whole dashboard tab in one read. */
const wholeTab = (filter: BookingListFilter, now: number): HostBookingsQuery => ({
  filter,
  now,
  limit: 1000,
  after: null,
  startFrom: null,
  startBefore: null,
});

describe.each(DIALECTS)('BookingStore on %s', (dialect) => {
  let db: TestDatabase;
  let store: BookingStore;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    ({ store } = await db.open());
  });
  afterAll(async () => db.drop());

  it('round-trips hosts, links and bookings with every field', async () => {
    const host = makeHost();
    const link = makeLink(host, { description: 'Say hi', dailyCap: 4 });
    const booking = makeBooking(link, T0, {
      blockedStart: T0 - 5 * MINUTE,
      blockedEnd: T0 + 40 * MINUTE,
    });
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
      await tx.insertBooking(booking);
    });
    await store.transaction(async (tx) => {
      expect(await tx.findHost(host.workspaceId, host.id)).toEqual(host);
      expect(await tx.findLink(host.workspaceId, link.id)).toEqual(link);
      expect(await tx.findBooking(host.workspaceId, booking.id)).toEqual(booking);
      expect(await tx.listLinks(host.workspaceId, host.id)).toEqual([link]);
    });
  });

  it('round-trips deal values beyond 32 bits, up to the largest the API accepts', async () => {
    const host = makeHost();
    const link = makeLink(host, {
      autoCreateDeal: true,
      defaultDealStage: 'qualified',
      defaultDealValueMinor: 3_000_000_000,
    });
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
    });
    expect(await store.transaction((tx) => tx.findLink(host.workspaceId, link.id))).toEqual(link);
    const max = { ...link, defaultDealValueMinor: Number.MAX_SAFE_INTEGER, updatedAt: T0 + 1 };
    await store.transaction((tx) => tx.updateLink(max));
    const stored = await store.transaction((tx) => tx.findLink(host.workspaceId, link.id));
    expect(stored).toEqual(max);
    expect(typeof stored?.defaultDealValueMinor).toBe('number');
  });

  it('round-trips the deal currency, set and cleared', async () => {
    const host = makeHost();
    const link = makeLink(host, { defaultDealCurrency: 'JPY', defaultDealValueMinor: 5_000 });
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
    });
    expect(
      (await store.transaction((tx) => tx.findLink(host.workspaceId, link.id)))
        ?.defaultDealCurrency,
    ).toBe('JPY');
    const cleared = { ...link, defaultDealCurrency: null, updatedAt: T0 + 1 };
    await store.transaction((tx) => tx.updateLink(cleared));
    expect(await store.transaction((tx) => tx.findLink(host.workspaceId, link.id))).toEqual(
      cleared,
    );
  });

  it('scopes every read by workspace', async () => {
    const host = makeHost();
    const link = makeLink(host);
    const booking = makeBooking(link, T0);
    const other = randomUUID();
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
      await tx.insertBooking(booking);
      await tx.appendEvent({
        id: randomUUID(),
        workspaceId: host.workspaceId,
        bookingId: booking.id,
        type: 'created',
        actor: 'attendee',
        at: T0,
        data: {},
      });
    });
    await store.transaction(async (tx) => {
      expect(await tx.findHost(other, host.id)).toBeNull();
      expect(await tx.findLink(other, link.id)).toBeNull();
      expect(await tx.listLinks(other, host.id)).toEqual([]);
      expect(await tx.findBooking(other, booking.id)).toBeNull();
      expect(await tx.listHostBusy(other, host.id, T0 - MINUTE, T0 + 60 * MINUTE)).toEqual([]);
      expect(await tx.listHostBookings(other, host.id, wholeTab('upcoming', T0 - MINUTE))).toEqual(
        [],
      );
      expect(await tx.listEvents(other, booking.id)).toEqual([]);
    });
    // An update addressed to the wrong workspace changes nothing.
    await store.transaction((tx) =>
      tx.updateBooking({ ...booking, workspaceId: other, attendeeName: 'Mallory' }),
    );
    const kept = await store.transaction((tx) => tx.findBooking(host.workspaceId, booking.id));
    expect(kept?.attendeeName).toBe(booking.attendeeName);
  });

  it('refuses a booking whose link belongs to another workspace', async () => {
    const host = makeHost();
    const foreignHost = makeHost();
    const foreignLink = makeLink(foreignHost);
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertHost(foreignHost);
      await tx.insertLink(foreignLink);
    });
    const booking = makeBooking(foreignLink, T0, {
      workspaceId: host.workspaceId,
      hostId: host.id,
    });
    await expect(store.transaction((tx) => tx.insertBooking(booking))).rejects.toThrow();
  });

  it('keeps slugs unique among live links and frees a slug when its link is deleted', async () => {
    const host = makeHost();
    const first = makeLink(host, { slug: `team-${randomUUID().slice(0, 6)}` });
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(first);
    });
    const clash = makeLink(makeHost(), { slug: first.slug });
    await store.transaction((tx) =>
      tx.insertHost({ ...makeHost(), id: clash.hostId, workspaceId: clash.workspaceId }),
    );
    const error = await store.transaction((tx) => tx.insertLink(clash)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConflictError);
    expect(error).toMatchObject({ constraint: 'slug' });

    // The conflict is visible inside the transaction too, as the typed error.
    let inside: unknown;
    await store
      .transaction(async (tx) => {
        inside = await tx.insertLink({ ...clash, id: randomUUID() }).catch((e: unknown) => e);
        throw inside;
      })
      .catch(() => undefined);
    expect(inside).toBeInstanceOf(StoreConflictError);
    expect(inside).toMatchObject({ constraint: 'slug' });

    await store.transaction((tx) =>
      tx.updateLink({ ...first, deletedAt: T0 + MINUTE, active: false }),
    );
    expect(await store.transaction((tx) => tx.findLiveLinkBySlug(first.slug))).toBeNull();
    await store.transaction((tx) => tx.insertLink(clash));
    expect(await store.transaction((tx) => tx.findLiveLinkBySlug(first.slug))).toEqual(clash);
    // The deleted link keeps its row, and the host's list shows live links only.
    expect(await store.transaction((tx) => tx.findLink(host.workspaceId, first.id))).toMatchObject({
      deletedAt: T0 + MINUTE,
    });
    expect(await store.transaction((tx) => tx.listLinks(host.workspaceId, host.id))).toEqual([]);
    // Reviving the deleted link would make two live links share the slug.
    await expect(store.transaction((tx) => tx.updateLink(first))).rejects.toMatchObject({
      constraint: 'slug',
    });
  });

  it('keeps bookings when their link is deleted', async () => {
    const host = makeHost();
    const link = makeLink(host);
    const booking = makeBooking(link, T0);
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
      await tx.insertBooking(booking);
      await tx.updateLink({ ...link, deletedAt: T0, active: false });
    });
    expect(await store.transaction((tx) => tx.findBooking(host.workspaceId, booking.id))).toEqual(
      booking,
    );
  });

  it('lists busy time by blocked range and the dashboard tabs', async () => {
    const host = makeHost();
    const link = makeLink(host);
    const now = T0 + 24 * 60 * MINUTE;
    const past = makeBooking(link, T0);
    const noShow = makeBooking(link, T0 + 60 * MINUTE, { noShow: true });
    const cancelled = makeBooking(link, now + 60 * MINUTE, {
      status: 'cancelled',
      cancelReason: 'sick',
    });
    const soon = makeBooking(link, now + 120 * MINUTE, {
      blockedStart: now + 110 * MINUTE,
      blockedEnd: now + 160 * MINUTE,
    });
    const later = makeBooking(link, now + 240 * MINUTE);
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
      for (const b of [later, past, noShow, cancelled, soon]) await tx.insertBooking(b);
    });
    await store.transaction(async (tx) => {
      const ids = async (filter: BookingListFilter) =>
        (await tx.listHostBookings(host.workspaceId, host.id, wholeTab(filter, now))).map(
          (b) => b.id,
        );
      expect(await ids('upcoming')).toEqual([soon.id, later.id]);
      expect(await ids('past')).toEqual([past.id]);
      expect(await ids('no_show')).toEqual([noShow.id]);
      expect(await ids('cancelled')).toEqual([cancelled.id]);

      // Half-open ranges: touching the buffer is not busy, overlapping it is; cancelled is never busy.
      expect(
        await tx.listHostBusy(host.workspaceId, host.id, now + 100 * MINUTE, now + 110 * MINUTE),
      ).toEqual([]);
      expect(
        (
          await tx.listHostBusy(host.workspaceId, host.id, now + 100 * MINUTE, now + 111 * MINUTE)
        ).map((b) => b.id),
      ).toEqual([soon.id]);
      expect(
        await tx.listHostBusy(host.workspaceId, host.id, now + 60 * MINUTE, now + 90 * MINUTE),
      ).toEqual([]);
      expect(
        (await tx.listHostBusy(host.workspaceId, host.id, T0, now + 300 * MINUTE)).map((b) => b.id),
      ).toEqual([past.id, noShow.id, soon.id, later.id]);
    });
  });

  it('finds tokens by purpose and hash, and keeps the event log in order', async () => {
    const host = makeHost();
    const link = makeLink(host);
    const booking = makeBooking(link, T0);
    const hash = 'a'.repeat(63) + randomUUID().slice(0, 1);
    const events = (['created', 'rescheduled', 'cancelled'] as const).map((type) => ({
      id: randomUUID(),
      workspaceId: host.workspaceId,
      bookingId: booking.id,
      type,
      actor: 'attendee' as const,
      at: T0, // same millisecond: insertion order must hold
      data: { step: type, nested: { ok: true } },
    }));
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
      await tx.insertBooking(booking);
      await tx.insertToken({
        bookingId: booking.id,
        workspaceId: host.workspaceId,
        purpose: 'cancel',
        tokenHash: hash,
        createdAt: T0,
        supersededAt: null,
      });
      for (const e of events) await tx.appendEvent(e);
    });
    await store.transaction(async (tx) => {
      expect(await tx.findToken('cancel', hash)).toEqual({
        bookingId: booking.id,
        workspaceId: host.workspaceId,
        purpose: 'cancel',
        tokenHash: hash,
        createdAt: T0,
        supersededAt: null,
      });
      expect(await tx.findToken('reschedule', hash)).toBeNull();
      expect(await tx.listEvents(host.workspaceId, booking.id)).toEqual(events);
    });
    // The log is append-only in the database itself.
    await expect(
      db.raw(`UPDATE booking_events SET type = 'no_show' WHERE booking_id = '${booking.id}'`),
    ).rejects.toThrow(/append-only/);
  });

  it('rolls back everything when the transaction function throws', async () => {
    const host = makeHost();
    await expect(
      store.transaction(async (tx) => {
        await tx.insertHost(host);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.transaction((tx) => tx.findHost(host.workspaceId, host.id))).toBeNull();
  });

  it('maps a duplicate id to StoreConflictError(duplicate)', async () => {
    const host = makeHost();
    await store.transaction((tx) => tx.insertHost(host));
    const error = await store.transaction((tx) => tx.insertHost(host)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConflictError);
    expect(error).toMatchObject({ constraint: 'duplicate' });
  });

  it('queues jobs in the transaction: idempotent, cancellable while pending', async () => {
    const key = `reminder:${randomUUID()}`;
    const job = {
      kind: 'email.reminder' as const,
      payload: { bookingId: 'b1' },
      runAt: T0,
      idempotencyKey: key,
    };
    await store.transaction((tx) => tx.enqueueJobs([job, job], T0));
    await store.transaction((tx) =>
      tx.enqueueJobs([{ ...job, payload: { bookingId: 'other' } }], T0 + 1),
    );
    const handle = await db.open();
    expect(await handle.jobs.findJobByKey(key)).toMatchObject({
      status: 'pending',
      payload: { bookingId: 'b1' },
      attempts: 0,
      maxAttempts: 5,
    });
    await store.transaction((tx) => tx.cancelJobs([key], T0 + 2));
    expect(await handle.jobs.findJobByKey(key)).toMatchObject({
      status: 'cancelled',
      updatedAt: T0 + 2,
    });
    // A rolled-back transaction queues nothing.
    const lost = `lost:${randomUUID()}`;
    await store
      .transaction(async (tx) => {
        await tx.enqueueJobs([{ ...job, idempotencyKey: lost }], T0);
        throw new Error('abort');
      })
      .catch(() => undefined);
    expect(await handle.jobs.findJobByKey(lost)).toBeNull();
  });
});
