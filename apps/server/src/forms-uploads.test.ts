// Pre-meeting forms over HTTP on the real stores: a link with a form, a booking refused field by
// field and nothing taken, a file uploaded (checked by content) and booked with, downloaded by the
// host as an attachment, 404 for another host, an executable named .pdf refused.
import { describe, expect, it } from 'vitest';
import { Client, expectError, expectStatus, type Json } from './test-support/client.js';
import { DIALECTS, startTestServer } from './test-support/server.js';

const START = '2026-11-03T10:00:00Z';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** A Windows executable's first bytes, whatever its name says. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

/** Uploads `bytes` as `filename` to the link's field: the answer. */
async function upload(url: string, field: string, filename: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), filename);
  const res = await fetch(`${url}/api/public/links/brief/uploads?field=${field}`, {
    method: 'POST',
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : undefined, text };
}

describe.each(DIALECTS)('pre-meeting form with a file (%s)', (dialect) => {
  it('refuses bad answers field by field, books with a file, lets only the host download it', async () => {
    await using server = await startTestServer(dialect, { RATE_LIMIT_PER_MINUTE: '1000' });
    const ana = new Client(server.url);
    await ana.signup({ email: 'ana@example.com', name: 'Ana', timeZone: 'UTC' });
    const created = await ana.post('/api/host/links', {
      body: {
        title: 'Project brief',
        slug: 'brief',
        timeZone: 'UTC',
        formFields: [
          { id: 'company', type: 'short_text', label: 'Company', required: true },
          { id: 'size', type: 'dropdown', label: 'Team size', options: ['1-10', '11-50'] },
          { id: 'brief', type: 'file', label: 'Brief', required: true, accept: ['pdf'] },
        ],
      },
    });
    expectStatus(created, 201);
    const view = await new Client(server.url).get('/api/public/links/brief');
    expect(view.body.link.formFields.map((f: Json) => [f.id, f.type, f.maxBytes])).toEqual([
      ['company', 'short_text', null],
      ['size', 'dropdown', null],
      ['brief', 'file', 5 * 1024 * 1024],
    ]);

    // An executable named .pdf is refused by its content; nothing is stored for it.
    const exe = await upload(server.url, 'brief', 'brief.pdf', EXE);
    expect(exe.status, exe.text).toBe(415);
    expect(exe.body.error.code).toBe('FILE_TYPE_NOT_ALLOWED');

    const book = (answers: Record<string, unknown>) =>
      new Client(server.url).post('/api/public/links/brief/bookings', {
        body: { start: START, name: 'Carl', email: 'carl@example.com', timeZone: 'UTC', answers },
      });
    // Missing and invalid answers: refused per field, the slot still free.
    const refused = await book({ size: '500+' });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.body.error.details.map((d: Json) => d.path).sort()).toEqual([
      'answers.brief',
      'answers.company',
      'answers.size',
    ]);

    const pdf = await upload(server.url, 'brief', 'Our brief.pdf', PDF);
    expect(pdf.status, pdf.text).toBe(201);
    const uploadId = pdf.body.upload.id as string;
    const booked = await book({ company: 'Acme', size: '11-50', brief: { uploadId } });
    expectStatus(booked, 201);
    // The same upload cannot go with a second booking.
    const again = await new Client(server.url).post('/api/public/links/brief/bookings', {
      body: {
        start: '2026-11-03T11:00:00Z',
        name: 'Dora',
        email: 'dora@example.com',
        timeZone: 'UTC',
        answers: { company: 'Beta', brief: { uploadId } },
      },
    });
    expectError(again, 400, 'VALIDATION_FAILED');

    // The host sees the answers and downloads the file as an attachment.
    const bookingId = booked.body.booking.id as string;
    const detail = await ana.get(`/api/host/bookings/${bookingId}`);
    expectStatus(detail, 200);
    expect(detail.body.booking.answers).toEqual([
      { fieldId: 'company', label: 'Company', type: 'short_text', value: 'Acme' },
      { fieldId: 'size', label: 'Team size', type: 'dropdown', value: '11-50' },
      {
        fieldId: 'brief',
        label: 'Brief',
        type: 'file',
        value: { uploadId, filename: 'Our brief.pdf', kind: 'pdf', size: PDF.length },
      },
    ]);
    const file = await fetch(`${server.url}/api/host/bookings/${bookingId}/files/${uploadId}`, {
      headers: { cookie: ana.cookie ?? '' },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);

    // Another workspace's host gets 404 for the same file.
    const eve = new Client(server.url);
    await eve.signup({ email: 'eve@example.com', name: 'Eve' });
    const stolen = await fetch(`${server.url}/api/host/bookings/${bookingId}/files/${uploadId}`, {
      headers: { cookie: eve.cookie ?? '' },
    });
    expect(stolen.status).toBe(404);
  });
});
