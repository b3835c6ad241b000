import {
  createBookingCore,
  isBookingError,
  type BookingStore,
  type FileAnswer,
} from '@workestra/booking-core';
import { makeBooking, makeHost, makeLink, makeUpload } from '@workestra/booking-core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const MON_9 = '2026-11-02T09:00:00Z';

// Pre-meeting forms through booking-core's `book` over each SQL store: the answers' JSON round
// trip, the upload attached once, and a refused booking leaving nothing behind.
describe.each(DIALECTS)('pre-meeting forms on %s', (dialect) => {
  let db: TestDatabase;
  let store: BookingStore;
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    ({ store } = await db.open());
  });
  afterEach(async () => db.drop());

  it('books with answers, attaches the upload once and refuses its reuse with nothing booked', async () => {
    const core = createBookingCore({ store, clock: { now: () => NOW } });
    const host = await core.createHost({
      workspaceId: 'ws_forms',
      email: 'ana@example.com',
      name: 'Ana',
      timeZone: 'UTC',
    });
    const me = { workspaceId: 'ws_forms', hostId: host.id };
    const link = await core.createLink(me, {
      title: 'Discovery',
      timeZone: 'UTC',
      formFields: [
        { id: 'company', type: 'short_text', label: 'Company', required: true },
        { id: 'topics', type: 'checkboxes', label: 'Topics', options: ['Pricing', 'Security'] },
        { id: 'brief', type: 'file', label: 'Brief', accept: ['pdf'], required: true },
      ],
    });
    expect((await core.getLink(me, link.id)).formFields).toEqual(link.formFields);
    const upload = makeUpload(link, 'brief', { filename: 'plan "v2".pdf', size: 9000 });
    await store.transaction((tx) => tx.insertUpload(upload));
    const attendee = { slug: link.slug, name: 'Ada', email: 'ada@example.com', timeZone: 'UTC' };
    const answers = { company: 'Acme', topics: ['Security'], brief: { uploadId: upload.id } };

    const { booking } = await core.book({ ...attendee, start: MON_9, answers });
    const file: FileAnswer = {
      uploadId: upload.id,
      filename: 'plan "v2".pdf',
      kind: 'pdf',
      size: 9000,
    };
    expect((await core.getBooking(me, booking.id)).booking.answers).toEqual([
      { fieldId: 'company', label: 'Company', type: 'short_text', value: 'Acme' },
      { fieldId: 'topics', label: 'Topics', type: 'checkboxes', value: ['Security'] },
      { fieldId: 'brief', label: 'Brief', type: 'file', value: file },
    ]);
    expect(await store.transaction((tx) => tx.findUpload(link.workspaceId, upload.id))).toEqual({
      ...upload,
      bookingId: booking.id,
    });

    const again = await core
      .book({ ...attendee, start: '2026-11-02T10:00:00Z', answers })
      .catch((error: unknown) => error);
    expect(isBookingError(again, 'VALIDATION_FAILED') && again.details).toEqual([
      { path: 'answers.brief', message: 'Upload the file again' },
    ]);
    expect(await db.raw(`SELECT id FROM bookings`)).toEqual([{ id: booking.id }]);
  });

  it('of two transactions attaching one upload at once, exactly one does', async () => {
    const host = makeHost();
    const link = makeLink(host);
    const [a, b] = [makeBooking(link), makeBooking(link, { start: Date.parse(MON_9) + 3_600_000 })];
    const upload = makeUpload(link, 'brief');
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
      await tx.insertBooking(a);
      await tx.insertBooking(b);
      await tx.insertUpload(upload);
    });
    const results = await Promise.all(
      [a, b].map((booking) =>
        store.transaction((tx) => tx.attachUpload(link.workspaceId, upload.id, booking.id)),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? a : b;
    expect(
      (await store.transaction((tx) => tx.findUpload(link.workspaceId, upload.id)))?.bookingId,
    ).toBe(winner.id);
  });
});
