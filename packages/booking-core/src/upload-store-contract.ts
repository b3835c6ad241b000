import { describe, expect, it } from 'vitest';
import type { BookingLink, FormAnswer, FormField } from './domain.js';
import { FIXTURE_EPOCH, makeBooking, makeHost, makeLink, makeUpload } from './fixtures.js';
import type { BookingStore } from './ports.js';

const MIN = 60_000;

/** One field of each type, as `formFieldSchema` gives them (defaults filled in). */
const FORM: readonly FormField[] = [
  {
    id: 'company',
    type: 'short_text',
    label: 'Company',
    help: 'Where you work',
    required: true,
    options: [],
    maxLength: 200,
    accept: [],
    maxBytes: null,
  },
  {
    id: 'topics',
    type: 'checkboxes',
    label: 'Topics',
    help: null,
    required: false,
    options: ['Pricing', 'Security'],
    maxLength: null,
    accept: [],
    maxBytes: null,
  },
  {
    id: 'brief',
    type: 'file',
    label: 'Brief',
    help: null,
    required: false,
    options: [],
    maxLength: null,
    accept: ['pdf', 'png'],
    maxBytes: 5 * 1024 * 1024,
  },
];

const ANSWERS: readonly FormAnswer[] = [
  { fieldId: 'company', label: 'Company', type: 'short_text', value: 'Acme "Ünïcode" ✓' },
  { fieldId: 'topics', label: 'Topics', type: 'checkboxes', value: ['Pricing', 'Security'] },
  { fieldId: 'consent', label: 'I agree', type: 'checkbox', value: true },
  {
    fieldId: 'brief',
    label: 'Brief',
    type: 'file',
    value: { uploadId: 'up_1', filename: 'brief.pdf', kind: 'pdf', size: 2048 },
  },
];

/**
 * The pre-meeting form part of the store contract (run by `describeStoreContract`): a link's
 * `formFields` and a booking's `answers` stored as given (`[]` by default; `updateBooking` keeps
 * the stored answers), and uploads: stored
 * and found within their workspace, attached to one booking at most (`attachUpload` only while
 * unattached), the unattached ones before an instant listed across workspaces oldest first up to
 * a limit, deleted within their workspace, and rolled back with their transaction.
 */
export function describeUploadStoreCases(current: () => BookingStore): void {
  /** A host with one link (with a form), stored. */
  async function seed(workspaceId?: string): Promise<{ link: BookingLink }> {
    const store = current();
    const host = makeHost(workspaceId === undefined ? {} : { workspaceId });
    const link = makeLink(host, { formFields: FORM });
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
    });
    return { link };
  }

  describe('pre-meeting forms', () => {
    it('stores a link’s form fields and a booking’s answers as given; [] by default', async () => {
      const store = current();
      const { link } = await seed();
      const plain = makeLink({ id: link.hostId, workspaceId: link.workspaceId });
      const answered = makeBooking(link, { answers: ANSWERS });
      const none = makeBooking(link, { start: FIXTURE_EPOCH + 11 * 60 * MIN });
      await store.transaction(async (tx) => {
        await tx.insertLink(plain);
        await tx.insertBooking(answered);
        await tx.insertBooking(none);
      });
      await store.transaction(async (tx) => {
        expect((await tx.findLink(link.workspaceId, link.id))?.formFields).toEqual(FORM);
        expect((await tx.findLink(link.workspaceId, plain.id))?.formFields).toEqual([]);
        expect(await tx.findBooking(link.workspaceId, answered.id)).toEqual(answered);
        expect((await tx.findBooking(link.workspaceId, none.id))?.answers).toEqual([]);
        await tx.updateLink({
          ...link,
          formFields: FORM.slice(0, 1),
          updatedAt: FIXTURE_EPOCH + 1,
        });
      });
      await store.transaction(async (tx) => {
        expect((await tx.findLink(link.workspaceId, link.id))?.formFields).toEqual(
          FORM.slice(0, 1),
        );
        // Editing the form leaves stored answers alone, and so does a full-row booking update.
        expect((await tx.findBooking(link.workspaceId, answered.id))?.answers).toEqual(ANSWERS);
        await tx.updateBooking({ ...answered, answers: [], icalSequence: 1 });
      });
      await store.transaction(async (tx) => {
        expect(await tx.findBooking(link.workspaceId, answered.id)).toEqual({
          ...answered,
          icalSequence: 1,
        });
      });
    });

    it('stores and finds an upload within its workspace; an id twice is a conflict', async () => {
      const store = current();
      const { link } = await seed();
      const upload = makeUpload(link, 'brief', { filename: 'résumé (final).pdf', size: 123_456 });
      await store.transaction((tx) => tx.insertUpload(upload));
      await expect(store.transaction((tx) => tx.insertUpload(upload))).rejects.toEqual(
        expect.objectContaining({ name: 'StoreConflictError', constraint: 'duplicate' }),
      );
      await store.transaction(async (tx) => {
        expect(await tx.findUpload(link.workspaceId, upload.id)).toEqual(upload);
        expect(await tx.findUpload('other-workspace', upload.id)).toBeNull();
        expect(await tx.findUpload(link.workspaceId, 'unknown')).toBeNull();
      });
    });

    it('attaches an upload to one booking once, within its workspace', async () => {
      const store = current();
      const { link } = await seed();
      const first = makeBooking(link);
      const second = makeBooking(link, { start: FIXTURE_EPOCH + 11 * 60 * MIN });
      const upload = makeUpload(link, 'brief');
      await store.transaction(async (tx) => {
        await tx.insertBooking(first);
        await tx.insertBooking(second);
        await tx.insertUpload(upload);
      });
      await store.transaction(async (tx) => {
        expect(await tx.attachUpload('other-workspace', upload.id, first.id)).toBe(false);
        expect(await tx.attachUpload(link.workspaceId, 'unknown', first.id)).toBe(false);
        expect(await tx.attachUpload(link.workspaceId, upload.id, first.id)).toBe(true);
        expect(await tx.attachUpload(link.workspaceId, upload.id, second.id)).toBe(false);
      });
      await store.transaction(async (tx) => {
        expect(await tx.attachUpload(link.workspaceId, upload.id, second.id)).toBe(false);
        expect(await tx.findUpload(link.workspaceId, upload.id)).toEqual({
          ...upload,
          bookingId: first.id,
        });
      });
    });

    it('lists unattached uploads created before an instant, across workspaces, oldest first, up to a limit', async () => {
      const store = current();
      const { link } = await seed();
      const { link: elsewhere } = await seed();
      const booking = makeBooking(link);
      const at = (minutes: number) => FIXTURE_EPOCH + minutes * MIN;
      const oldest = makeUpload(elsewhere, 'brief', { createdAt: at(1) });
      const older = makeUpload(link, 'brief', { createdAt: at(2) });
      const attached = makeUpload(link, 'brief', { createdAt: at(1) });
      const fresh = makeUpload(link, 'brief', { createdAt: at(10) });
      await store.transaction(async (tx) => {
        await tx.insertBooking(booking);
        for (const u of [fresh, attached, older, oldest]) await tx.insertUpload(u);
        await tx.attachUpload(link.workspaceId, attached.id, booking.id);
      });
      await store.transaction(async (tx) => {
        const ids = async (before: number, limit: number) =>
          (await tx.listUnattachedUploads(before, limit)).map((u) => u.id);
        expect(await tx.listUnattachedUploads(at(10), 10)).toEqual([oldest, older]);
        expect(await ids(at(10) + 1, 10)).toEqual([oldest.id, older.id, fresh.id]);
        expect(await ids(at(10), 1)).toEqual([oldest.id]);
        expect(await ids(at(1), 10)).toEqual([]);
      });
    });

    it('deletes an upload within its workspace only; rolls upload writes back', async () => {
      const store = current();
      const { link } = await seed();
      const kept = makeUpload(link, 'brief');
      await store.transaction((tx) => tx.insertUpload(kept));
      await expect(
        store.transaction(async (tx) => {
          await tx.insertUpload(makeUpload(link, 'brief', { id: 'rolled-back' }));
          expect(await tx.deleteUpload(link.workspaceId, kept.id)).toBe(true);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      await store.transaction(async (tx) => {
        expect(await tx.findUpload(link.workspaceId, 'rolled-back')).toBeNull();
        expect(await tx.deleteUpload('other-workspace', kept.id)).toBe(false);
        expect(await tx.deleteUpload(link.workspaceId, kept.id)).toBe(true);
        expect(await tx.deleteUpload(link.workspaceId, kept.id)).toBe(false);
        expect(await tx.findUpload(link.workspaceId, kept.id)).toBeNull();
      });
    });
  });
}
