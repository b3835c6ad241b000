import { describe, expect, it } from 'vitest';
import type { BookingLink, FormAnswer } from './domain.js';
import { crmFollowUpHandlers } from './crm-follow-ups.js';
import { isBookingError, type ValidationIssue } from './errors.js';
import { createFollowUpHandlers } from './follow-up-seam.js';
import { createMemoryCrm } from './memory-crm.js';
import { makeUpload } from './fixtures.js';
import type { CreateLinkInput } from './schemas.js';
import { MIN, MON_9, world, type World } from './test-utils.js';

/** A form with one field of most types; `brief` takes a PDF or PNG of at most 10 KB. */
const FORM: NonNullable<CreateLinkInput['formFields']> = [
  { id: 'company', type: 'short_text', label: 'Company', required: true },
  { id: 'size', type: 'dropdown', label: 'Team size', options: ['1-10', '11+'], required: true },
  { id: 'topics', type: 'checkboxes', label: 'Topics', options: ['Pricing', 'Security'] },
  { id: 'consent', type: 'checkbox', label: 'I agree to be contacted', required: true },
  { id: 'phone', type: 'phone', label: 'Phone' },
  { id: 'site', type: 'url', label: 'Website' },
  { id: 'notes', type: 'long_text', label: 'Anything else?' },
  { id: 'brief', type: 'file', label: 'Brief', accept: ['pdf', 'png'], maxBytes: 10_240 },
];

const GOOD = {
  company: ' Acme ',
  size: '11+',
  topics: ['Security', 'Pricing'],
  consent: true,
  phone: '',
  site: 'https://acme.example',
};

async function formWorld() {
  const w = await world();
  const link = await w.link({ formFields: FORM });
  return { ...w, formLink: link };
}

/** The issues of a `VALIDATION_FAILED` refusal (any other outcome fails the test). */
async function refusal(promise: Promise<unknown>): Promise<ValidationIssue[]> {
  try {
    await promise;
  } catch (error) {
    if (isBookingError(error, 'VALIDATION_FAILED')) return error.details as ValidationIssue[];
    throw error;
  }
  throw new Error('expected a refusal');
}

/** How many bookings, jobs and attached uploads the store holds. */
async function taken(w: World, link: BookingLink) {
  const page = await w.core.listBookings(w.host, { filter: 'upcoming' });
  const jobs = await w.store.listJobs();
  const uploads = await w.store.transaction((tx) => tx.listUnattachedUploads(Infinity, 100));
  return {
    bookings: page.bookings.filter((b) => b.linkId === link.id).length,
    jobs: jobs.length,
    unattached: uploads.length,
  };
}

describe('book with a pre-meeting form', () => {
  it('refuses missing or invalid answers field by field and books nothing', async () => {
    const w = await formWorld();
    const upload = makeUpload(w.formLink, 'brief');
    await w.store.transaction((tx) => tx.insertUpload(upload));
    const before = await taken(w, w.formLink);
    const details = await refusal(
      w.core.book({
        ...w.attendee(MON_9),
        answers: {
          size: '5',
          topics: ['Gossip'],
          phone: 'call me',
          site: 'ftp://acme.example',
          brief: { uploadId: upload.id },
          extra: 'x',
        },
      }),
    );
    expect(details).toEqual([
      { path: 'answers.company', message: 'Required' },
      { path: 'answers.size', message: 'Choose one of the options' },
      { path: 'answers.topics', message: 'Choose only from the options' },
      { path: 'answers.consent', message: 'Required' },
      { path: 'answers.phone', message: 'Use digits, spaces and + ( ) - . only' },
      { path: 'answers.site', message: 'Enter a web address starting with http:// or https://' },
      { path: 'answers.extra', message: 'Not a field of this form' },
    ]);
    expect(await taken(w, w.formLink)).toEqual(before);
    expect(before).toMatchObject({ bookings: 0, jobs: 0, unattached: 1 });
    // The slot is still free: the same attendee books it with good answers.
    await expect(w.core.book({ ...w.attendee(MON_9), answers: GOOD })).resolves.toBeDefined();
  });

  it('stores the answers’ snapshot in form order, files with name, kind and size; views carry it', async () => {
    const w = await formWorld();
    const upload = makeUpload(w.formLink, 'brief', {
      filename: 'deck.png',
      kind: 'png',
      size: 4096,
    });
    await w.store.transaction((tx) => tx.insertUpload(upload));
    const { booking } = await w.core.book({
      ...w.attendee(MON_9),
      answers: { ...GOOD, brief: { uploadId: upload.id } },
    });
    const expected: FormAnswer[] = [
      { fieldId: 'company', label: 'Company', type: 'short_text', value: 'Acme' },
      { fieldId: 'size', label: 'Team size', type: 'dropdown', value: '11+' },
      { fieldId: 'topics', label: 'Topics', type: 'checkboxes', value: ['Pricing', 'Security'] },
      { fieldId: 'consent', label: 'I agree to be contacted', type: 'checkbox', value: true },
      { fieldId: 'site', label: 'Website', type: 'url', value: 'https://acme.example' },
      {
        fieldId: 'brief',
        label: 'Brief',
        type: 'file',
        value: { uploadId: upload.id, filename: 'deck.png', kind: 'png', size: 4096 },
      },
    ];
    expect(booking.answers).toEqual(expected);
    expect((await w.core.getBooking(w.host, booking.id)).booking.answers).toEqual(expected);
    const page = await w.core.listBookings(w.host, { filter: 'upcoming' });
    expect(page.bookings.find((b) => b.id === booking.id)?.answers).toEqual(expected);
    expect(
      await w.store.transaction((tx) => tx.findUpload(upload.workspaceId, upload.id)),
    ).toMatchObject({ bookingId: booking.id });
  });

  it('keeps stored answers as they were when the form is edited later', async () => {
    const w = await formWorld();
    const { booking } = await w.core.book({ ...w.attendee(MON_9), answers: GOOD });
    await w.core.updateLink(w.host, w.formLink.id, {
      formFields: [
        { id: 'company', type: 'long_text', label: 'Organisation' },
        { id: 'size', type: 'short_text', label: 'Headcount' },
      ],
    });
    const { booking: stored } = await w.core.getBooking(w.host, booking.id);
    expect(stored.answers).toEqual(booking.answers);
    expect(stored.answers[0]).toEqual({
      fieldId: 'company',
      label: 'Company',
      type: 'short_text',
      value: 'Acme',
    });
    // New bookings are checked against the new form: the old answers no longer fit it.
    const details = await refusal(w.core.book({ ...w.attendee(MON_9 + 30 * MIN), answers: GOOD }));
    expect(details.map((d) => d.path)).toEqual([
      'answers.topics',
      'answers.consent',
      'answers.phone',
      'answers.site',
    ]);
  });

  it('attaches an upload to one booking only: a second booking with it is refused', async () => {
    const w = await formWorld();
    const upload = makeUpload(w.formLink, 'brief');
    await w.store.transaction((tx) => tx.insertUpload(upload));
    const answers = { ...GOOD, brief: { uploadId: upload.id } };
    await w.core.book({ ...w.attendee(MON_9), answers });
    const before = await taken(w, w.formLink);
    expect(await refusal(w.core.book({ ...w.attendee(MON_9 + 30 * MIN), answers }))).toEqual([
      { path: 'answers.brief', message: 'Upload the file again' },
    ]);
    expect(await taken(w, w.formLink)).toEqual(before);
  });

  it('refuses uploads of another link, field or workspace, and unknown ones', async () => {
    const w = await formWorld();
    const other = await w.link({ title: 'Other', formFields: FORM });
    const stranger = await w.link({ title: 'Stranger', formFields: FORM }, w.stranger);
    const uploads = [
      makeUpload(other, 'brief'),
      makeUpload(w.formLink, 'notes'),
      makeUpload(stranger, 'brief', { linkId: w.formLink.id }),
      makeUpload(w.formLink, 'brief', { id: 'never-stored' }),
      makeUpload(w.formLink, 'brief', { kind: 'gif' }),
      makeUpload(w.formLink, 'brief', { size: 10_241 }),
    ];
    await w.store.transaction(async (tx) => {
      for (const u of uploads.filter((u) => u.id !== 'never-stored')) await tx.insertUpload(u);
    });
    const messages = [];
    for (const upload of uploads) {
      const details = await refusal(
        w.core.book({ ...w.attendee(MON_9), answers: { ...GOOD, brief: { uploadId: upload.id } } }),
      );
      messages.push(details.map((d) => `${d.path}: ${d.message}`).join());
    }
    expect(messages).toEqual([
      'answers.brief: Upload the file again',
      'answers.brief: Upload the file again',
      'answers.brief: Upload the file again',
      'answers.brief: Upload the file again',
      'answers.brief: Upload a file of an accepted type',
      'answers.brief: Upload a smaller file',
    ]);
    expect((await taken(w, w.formLink)).bookings).toBe(0);
  });

  it('stores answers on a team link’s booking', async () => {
    const w = await world();
    const link = await w.link({
      kind: 'round_robin',
      members: [{ hostId: w.host.hostId }, { hostId: w.colleague.hostId }],
      formFields: FORM,
    });
    const upload = makeUpload(link, 'brief');
    await w.store.transaction((tx) => tx.insertUpload(upload));
    expect(
      (await refusal(w.core.book({ ...w.attendee(MON_9), answers: {} }))).map((d) => d.path),
    ).toEqual(['answers.company', 'answers.size', 'answers.consent']);
    const { booking } = await w.core.book({
      ...w.attendee(MON_9),
      answers: { ...GOOD, brief: { uploadId: upload.id } },
    });
    expect(booking.answers.map((a) => a.fieldId)).toEqual([
      'company',
      'size',
      'topics',
      'consent',
      'site',
      'brief',
    ]);
    expect(
      await w.store.transaction((tx) => tx.findUpload(upload.workspaceId, upload.id)),
    ).toMatchObject({ bookingId: booking.id });
  });

  it('a link without a form takes no answers; its bookings have []', async () => {
    const w = await world();
    await w.link();
    const { booking } = await w.core.book(w.attendee(MON_9));
    expect(booking.answers).toEqual([]);
    expect(
      await refusal(w.core.book({ ...w.attendee(MON_9 + 30 * MIN), answers: { x: 'y' } })),
    ).toEqual([{ path: 'answers.x', message: 'Not a field of this form' }]);
  });

  it('puts the answers in the CRM note of the new booking as "Label: value" lines', async () => {
    const w = await formWorld();
    const crm = createMemoryCrm();
    const handlers = createFollowUpHandlers({ store: w.store, handlers: crmFollowUpHandlers(crm) });
    const upload = makeUpload(w.formLink, 'brief', { filename: 'deck.pdf', size: 5000 });
    await w.store.transaction((tx) => tx.insertUpload(upload));
    await w.core.book({
      ...w.attendee(MON_9),
      answers: { ...GOOD, consent: true, brief: { uploadId: upload.id } },
    });
    for (const job of await w.store.listJobs()) await handlers[job.kind]?.(job);
    expect(crm.listNotes().map((n) => n.note)).toEqual([
      [
        'Booked "Intro call" (2026-11-02T09:00:00.000Z)',
        'Company: Acme',
        'Team size: 11+',
        'Topics: Pricing, Security',
        'I agree to be contacted: Yes',
        'Website: https://acme.example',
        'Brief: deck.pdf (4.9 KB)',
      ].join('\n'),
    ]);
  });
});
