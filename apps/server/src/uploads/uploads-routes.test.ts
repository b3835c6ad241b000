import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostRef } from '@workestra/booking-core';
import express from 'express';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorHandler } from '../http/errors.js';
import { buildOpenApi } from '../openapi.js';
import { attachmentDisposition, hostUploadRoutes, publicUploadRoute } from '../routes/uploads.js';
import type { FileFieldTarget, UploadRecord, UploadRecords } from './records.js';
import { createDiskStorage, type FileStorage } from './storage.js';
import type { Json } from '../test-support/client.js';
import { sweepUploads } from './sweep.js';

const BOUNDARY = 'workestra-routes-boundary';
const PDF = Buffer.from('%PDF-1.4\n% a tiny test document\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 0x90)]);

const body = (filename: string, bytes: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);

const HOST_A: HostRef = { workspaceId: 'ws1', hostId: 'host-a' };
const HOST_B: HostRef = { workspaceId: 'ws1', hostId: 'host-b' };
const MEMBER: HostRef = { workspaceId: 'ws1', hostId: 'member-m' };

/**
 * Upload rows in memory, with the access rule of booking-core's `getBooking` reduced to a table:
 * which hosts may see which booking.
 */
function memoryRecords(fields: Record<string, FileFieldTarget>, access: Record<string, string[]>) {
  const rows = new Map<string, UploadRecord>();
  const records: UploadRecords = {
    async fileField(slug, fieldId) {
      if (slug !== 'intro-call') return 'LINK_NOT_FOUND';
      return fields[fieldId] ?? 'FILE_FIELD_NOT_FOUND';
    },
    async insert(upload) {
      rows.set(upload.id, upload);
    },
    async findForHost(host, bookingId, uploadId) {
      if (!access[bookingId]?.includes(host.hostId)) return null;
      const upload = rows.get(uploadId);
      return upload && upload.workspaceId === host.workspaceId ? upload : null;
    },
    async listUnattached(createdBefore, limit) {
      return [...rows.values()]
        .filter((u) => u.bookingId === null && u.createdAt < createdBefore)
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit);
    },
    async delete(workspaceId, id) {
      if (rows.get(id)?.workspaceId === workspaceId) rows.delete(id);
    },
  };
  return { records, rows };
}

let dir: string;
let storage: FileStorage;
let server: Server;
let url: string;
let clock: number;
let mem: ReturnType<typeof memoryRecords>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workestra-upload-routes-'));
  storage = createDiskStorage(join(dir, 'uploads'));
  clock = Date.UTC(2026, 11, 7, 9);
  mem = memoryRecords(
    {
      brief: {
        workspaceId: 'ws1',
        linkId: 'link1',
        fieldId: 'brief',
        maxBytes: 1000,
        accept: ['pdf', 'png'],
      },
      agenda: {
        workspaceId: 'ws1',
        linkId: 'link1',
        fieldId: 'agenda',
        maxBytes: null,
        accept: ['pdf'],
      },
    },
    { b1: ['host-a', 'member-m'], b2: ['host-b'] },
  );
  const options = { records: mem.records, storage, maxBytes: 2000, now: () => clock };
  const app = express();
  app.post('/api/public/links/:slug/uploads', publicUploadRoute(options));
  // Stands in for the session check: the host named by a header.
  app.use('/api/host', (req, res, next) => {
    const hostId = req.headers['x-test-host'];
    if (typeof hostId === 'string')
      res.locals.signedIn = { host: { workspaceId: 'ws1', hostId }, sid: 's' };
    next();
  });
  app.use('/api/host/bookings', hostUploadRoutes(options));
  app.use(errorHandler(pino({ level: 'silent' })));
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function upload(path: string, bytes: Buffer, filename = 'brief.pdf') {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: body(filename, bytes),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

const download = (host: HostRef | null, bookingId: string, uploadId: string) =>
  fetch(`${url}/api/host/bookings/${bookingId}/files/${uploadId}`, {
    headers: host ? { 'x-test-host': host.hostId } : {},
  });

/** Uploads the brief, then attaches it to booking `b1` as booking-core's `book` would. */
async function attachedBrief(): Promise<UploadRecord> {
  const res = await upload(
    '/api/public/links/intro-call/uploads?field=brief',
    PDF,
    'Brief – v2.pdf',
  );
  expect(res.status).toBe(201);
  const row = mem.rows.get(res.json.upload.id)!;
  mem.rows.set(row.id, { ...row, bookingId: 'b1' });
  return { ...row, bookingId: 'b1' };
}

describe('POST /api/public/links/:slug/uploads', () => {
  it('stores the file of a file field and answers its id, unattached to any booking', async () => {
    const res = await upload('/api/public/links/intro-call/uploads?field=brief', PDF);
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      upload: { id: expect.any(String), filename: 'brief.pdf', kind: 'pdf', size: PDF.length },
    });
    const row = mem.rows.get(res.json.upload.id);
    expect(row).toMatchObject({
      workspaceId: 'ws1',
      linkId: 'link1',
      fieldId: 'brief',
      bookingId: null,
      createdAt: clock,
    });
    expect(await readdir(join(dir, 'uploads'))).toEqual([row?.storageKey]);
  });

  it('answers 404 for an unknown link or field and 400 without a field', async () => {
    expect((await upload('/api/public/links/nope/uploads?field=brief', PDF)).json.error.code).toBe(
      'LINK_NOT_FOUND',
    );
    expect((await upload('/api/public/links/Bad%20Slug!/uploads?field=brief', PDF)).status).toBe(
      404,
    );
    const field = await upload('/api/public/links/intro-call/uploads?field=notes', PDF);
    expect([field.status, field.json.error.code]).toEqual([404, 'FILE_FIELD_NOT_FOUND']);
    const none = await upload('/api/public/links/intro-call/uploads', PDF);
    expect([none.status, none.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(mem.rows.size).toBe(0);
  });

  it('closes the connection instead of reading a large body it refuses before reading', async () => {
    const sockets: Socket[] = [];
    server.on('connection', (socket: Socket) => sockets.push(socket));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunks = (50 * 1024 * 1024) / chunk.length;
    const req = request(`${url}/api/public/links/nope/uploads?field=brief`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': chunks * chunk.length,
      },
    });
    // A client that keeps sending after the answer, until the connection breaks.
    let status: number | undefined;
    req.on('response', (res) => {
      status = res.statusCode;
      res.resume();
    });
    let broken = false;
    const closed = new Promise<void>((resolve) =>
      req.on('error', () => {
        broken = true;
        resolve();
      }),
    );
    for (let i = 0; i < chunks && !broken; i++)
      if (!req.write(chunk)) await Promise.race([once(req, 'drain'), closed]);
    expect(broken).toBe(true);
    expect([404, undefined]).toContain(status);
    req.destroy();
    await vi.waitFor(() => expect(sockets.every((s) => s.destroyed)).toBe(true));
    const read = sockets.reduce((sum, s) => sum + s.bytesRead, 0);
    expect(read).toBeLessThan(20 * 1024 * 1024);
  });

  it("enforces the field's limit, capped by the server's, and refuses an executable named .pdf", async () => {
    const padded = (n: number) => Buffer.concat([PDF, Buffer.alloc(n - PDF.length, 0x20)]);
    expect(
      (await upload('/api/public/links/intro-call/uploads?field=brief', padded(1000))).status,
    ).toBe(201);
    const over = await upload('/api/public/links/intro-call/uploads?field=brief', padded(1001));
    expect([over.status, over.json.error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    // No limit of its own: the server's (2000 bytes here).
    expect(
      (await upload('/api/public/links/intro-call/uploads?field=agenda', padded(2000))).status,
    ).toBe(201);
    expect(
      (await upload('/api/public/links/intro-call/uploads?field=agenda', padded(2001))).status,
    ).toBe(413);
    const exe = await upload(
      '/api/public/links/intro-call/uploads?field=brief',
      EXE,
      'invoice.pdf',
    );
    expect([exe.status, exe.json.error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    expect(mem.rows.size).toBe(2);
    expect(await readdir(join(dir, 'uploads'))).toHaveLength(2);
  });
});

describe('GET /api/host/bookings/:id/files/:uploadId', () => {
  it("serves the booking's host and assigned member the file as an attachment, never sniffed", async () => {
    const brief = await attachedBrief();
    for (const host of [HOST_A, MEMBER]) {
      const res = await download(host, 'b1', brief.id);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="Brief _ v2.pdf"; filename*=UTF-8''Brief%20%E2%80%93%20v2.pdf`,
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('content-security-policy')).toContain('sandbox');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
    }
  });

  it('answers 404 to another host, under another booking, before attachment, and once the file is gone', async () => {
    const brief = await attachedBrief();
    const other = await download(HOST_B, 'b1', brief.id);
    expect(other.status).toBe(404);
    expect(((await other.json()) as Json).error.code).toBe('UPLOAD_NOT_FOUND');
    // Host B's own booking does not open host A's file.
    expect((await download(HOST_B, 'b2', brief.id)).status).toBe(404);
    expect((await download(HOST_A, 'b2', brief.id)).status).toBe(404);
    expect((await download(HOST_A, 'b1', 'no-such-upload')).status).toBe(404);
    expect((await download(HOST_A, 'b1', '..%2F..%2Fsecret.key')).status).toBe(404);
    expect((await download(null, 'b1', brief.id)).status).toBe(401);

    const loose = await upload('/api/public/links/intro-call/uploads?field=brief', PDF);
    expect((await download(HOST_A, 'b1', loose.json.upload.id)).status).toBe(404);

    await storage.delete(brief.storageKey);
    expect((await download(HOST_A, 'b1', brief.id)).status).toBe(404);
  });
});

describe('sweepUploads', () => {
  it('deletes the file and row of uploads attached to no booking after an hour, and nothing else', async () => {
    const attached = await attachedBrief();
    const old = (await upload('/api/public/links/intro-call/uploads?field=brief', PDF)).json.upload
      .id;
    clock += 30 * 60_000;
    const recent = (await upload('/api/public/links/intro-call/uploads?field=brief', PDF)).json
      .upload.id;
    clock += 31 * 60_000;
    const keys = (id: string) => mem.rows.get(id)?.storageKey;
    const oldKey = keys(old);

    expect(await sweepUploads({ records: mem.records, storage, now: () => clock, batch: 1 })).toBe(
      1,
    );
    expect([...mem.rows.keys()].sort()).toEqual([attached.id, recent].sort());
    expect((await readdir(join(dir, 'uploads'))).sort()).toEqual(
      [attached.storageKey, keys(recent)].sort(),
    );
    expect(await storage.open(oldKey!)).toBeNull();
    expect(await sweepUploads({ records: mem.records, storage, now: () => clock })).toBe(0);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('a "b";c%.txt')).toBe(
      `attachment; filename="a _b__c_.txt"; filename*=UTF-8''a%20%22b%22%3Bc%25.txt`,
    );
    expect(attachmentDisposition("it's (1).pdf")).toBe(
      `attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`,
    );
  });
});

describe('the OpenAPI entries of the upload routes', () => {
  it('document the multipart body, the query and the upload errors by status', () => {
    const doc = buildOpenApi({ serverUrl: 'http://localhost' }) as Json;
    const post = doc.paths['/api/public/links/{slug}/uploads'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.parameters.map((p: { name: string }) => p.name)).toEqual(['slug', 'field']);
    expect(
      post.responses['201'].content['application/json'].schema.properties.upload,
    ).toBeDefined();
    expect(post.responses['413'].description).toBe('FILE_TOO_LARGE');
    expect(post.responses['415'].description).toContain('FILE_TYPE_NOT_ALLOWED');
    expect(post.responses['400'].description).toContain('INVALID_MULTIPART');
    expect(post.responses['404'].description).toContain('FILE_FIELD_NOT_FOUND');
    const get = doc.paths['/api/host/bookings/{id}/files/{uploadId}'].get;
    expect(get.responses['404'].description).toContain('UPLOAD_NOT_FOUND');
    expect(get.security).toEqual([{ session: [] }]);
  });
});
