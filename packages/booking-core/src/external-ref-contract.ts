import { describe, expect, it } from 'vitest';
import type { Booking } from './domain.js';
import { makeBooking, makeHost, makeLink } from './fixtures.js';
import type { BookingStore } from './ports.js';

const HOUR = 3_600_000;

/**
 * The write-back part of the store contract (run by `describeStoreContract`): `setExternalRef`
 * writes only at the expected SEQUENCE, touches nothing else, and `updateBooking` never undoes it.
 */
export function describeExternalRefCases(current: () => BookingStore): void {
  describe('external references (write-back)', () => {
    async function seedBooking(overrides: Partial<Booking> = {}): Promise<Booking> {
      const store = current();
      const host = makeHost();
      const link = makeLink(host);
      const booking = { ...makeBooking(link), ...overrides };
      await store.transaction(async (tx) => {
        await tx.insertHost(host);
        await tx.insertLink(link);
        await tx.insertBooking(booking);
      });
      return booking;
    }
    const find = (b: Booking) => current().transaction((tx) => tx.findBooking(b.workspaceId, b.id));

    it('writes a reference (and the meeting URL for the calendar) at the expected SEQUENCE', async () => {
      const booking = await seedBooking();
      expect((await find(booking))?.externalRefs).toEqual({});
      const written = await current().transaction(async (tx) => [
        await tx.setExternalRef(
          booking.workspaceId,
          booking.id,
          'calendar',
          { provider: 'google', id: 'evt_1', meetingUrl: 'https://meet.example.test/abc' },
          0,
        ),
        await tx.setExternalRef(
          booking.workspaceId,
          booking.id,
          'crm-contact',
          { provider: 'memory', id: 'contact_1', meetingUrl: 'https://ignored.example.test' },
          0,
        ),
      ]);
      expect(written).toEqual([true, true]);
      expect(await find(booking)).toEqual({
        ...booking,
        meetingUrl: 'https://meet.example.test/abc',
        externalRefs: {
          calendar: { provider: 'google', id: 'evt_1' },
          'crm-contact': { provider: 'memory', id: 'contact_1' },
        },
      });
    });

    it('keeps the references a booking was inserted with (preset ones marked), until a write-back', async () => {
      const booking = await seedBooking({
        externalRefs: { 'crm-deal': { provider: 'memory', id: 'deal_1', preset: true } },
      });
      expect((await find(booking))?.externalRefs).toEqual({
        'crm-deal': { provider: 'memory', id: 'deal_1', preset: true },
      });
      await current().transaction((tx) =>
        tx.setExternalRef(
          booking.workspaceId,
          booking.id,
          'crm-contact',
          { provider: 'memory', id: 'c_1' },
          0,
        ),
      );
      expect((await find(booking))?.externalRefs).toEqual({
        'crm-deal': { provider: 'memory', id: 'deal_1', preset: true },
        'crm-contact': { provider: 'memory', id: 'c_1' },
      });
    });

    it('replaces one system’s reference, keeps the meeting URL when none is given, clears it with null', async () => {
      const booking = await seedBooking();
      const set = (id: string, meetingUrl?: string | null) =>
        current().transaction((tx) =>
          tx.setExternalRef(
            booking.workspaceId,
            booking.id,
            'calendar',
            meetingUrl === undefined
              ? { provider: 'google', id }
              : { provider: 'google', id, meetingUrl },
            0,
          ),
        );
      await set('evt_1', 'https://meet.example.test/1');
      await set('evt_2');
      expect(await find(booking)).toMatchObject({
        meetingUrl: 'https://meet.example.test/1',
        externalRefs: { calendar: { provider: 'google', id: 'evt_2' } },
      });
      await set('evt_2', null);
      expect((await find(booking))?.meetingUrl).toBeNull();
    });

    it('refuses a write for an older SEQUENCE, another workspace or an unknown booking', async () => {
      const booking = await seedBooking();
      const moved: Booking = {
        ...booking,
        start: booking.start + HOUR,
        end: booking.end + HOUR,
        blockedStart: booking.blockedStart + HOUR,
        blockedEnd: booking.blockedEnd + HOUR,
        icalSequence: 1,
      };
      await current().transaction((tx) => tx.updateBooking(moved));
      const results = await current().transaction(async (tx) => [
        await tx.setExternalRef(
          booking.workspaceId,
          booking.id,
          'calendar',
          { provider: 'google', id: 'late' },
          0,
        ),
        await tx.setExternalRef(
          'other-workspace',
          booking.id,
          'calendar',
          { provider: 'google', id: 'x' },
          1,
        ),
        await tx.setExternalRef(
          booking.workspaceId,
          'no-such-booking',
          'calendar',
          { provider: 'google', id: 'x' },
          0,
        ),
      ]);
      expect(results).toEqual([false, false, false]);
      expect(await find(booking)).toEqual(moved);
    });

    it('keeps references and the meeting URL through a full-row updateBooking', async () => {
      const booking = await seedBooking();
      await current().transaction((tx) =>
        tx.setExternalRef(
          booking.workspaceId,
          booking.id,
          'crm-deal',
          { provider: 'memory', id: 'deal_1' },
          0,
        ),
      );
      await current().transaction((tx) =>
        tx.setExternalRef(
          booking.workspaceId,
          booking.id,
          'calendar',
          { provider: 'google', id: 'evt_1', meetingUrl: 'https://meet.example.test/1' },
          0,
        ),
      );
      // A use-case that read the row before the write-backs writes it back whole.
      const cancelled: Booking = { ...booking, status: 'cancelled', icalSequence: 1 };
      await current().transaction((tx) => tx.updateBooking(cancelled));
      expect(await find(booking)).toEqual({
        ...cancelled,
        meetingUrl: 'https://meet.example.test/1',
        externalRefs: {
          'crm-deal': { provider: 'memory', id: 'deal_1' },
          calendar: { provider: 'google', id: 'evt_1' },
        },
      });
    });

    it('keeps nothing of a write-back whose transaction rolled back', async () => {
      const booking = await seedBooking();
      await expect(
        current().transaction(async (tx) => {
          await tx.setExternalRef(
            booking.workspaceId,
            booking.id,
            'calendar',
            { provider: 'google', id: 'evt_1' },
            0,
          );
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await find(booking))?.externalRefs).toEqual({});
    });
  });
}
