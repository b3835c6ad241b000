import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../http/errors.js';
import type { FileKind } from './kinds.js';
import { downloadFilename, receiveUpload, type ReceivedUpload } from './receive.js';
import { createDiskStorage } from './storage.js';

const MB = 1024 * 1024;
const BOUNDARY = '----workestra-test-boundary';

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
/** The start of a Windows program. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 0x90)]);

function partHead(filename: string, type: string, name = 'file'): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
}
const TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
const multipart = (filename: string, type: string, body: Buffer): Buffer =>
  Buffer.concat([partHead(filename, type), body, TAIL]);

interface Outcome {
  status: number;
  body: { error?: { code: string } } & Partial<ReceivedUpload>;
}

let dir: string;
let server: Server;
let port: number;
let sockets: Socket[];
/** What each upload the server handled came to, in order. */
let handled: Promise<ReceivedUpload | Error>[];
let options: { maxBytes: number; accept: FileKind[] };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workestra-receive-'));
  const storage = createDiskStorage(join(dir, 'uploads'));
  options = { maxBytes: 5 * MB, accept: ['pdf', 'png'] };
  sockets = [];
  handled = [];
  const app = express();
  app.post('/upload', async (req, res) => {
    const result = receiveUpload(req, { ...options, storage });
    handled.push(result.catch((error: unknown) => error as Error));
    res.status(201).json(await result);
  });
  app.use(errorHandler(pino({ level: 'silent' })));
  server = app.listen(0, '127.0.0.1');
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** Sends `body` in one go and reads the JSON answer. */
async function post(
  body: Buffer,
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
): Promise<Outcome> {
  const res = await fetch(`http://127.0.0.1:${port}/upload`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: res.status, body: (await res.json()) as Outcome['body'] };
}

const stored = async () => readdir(join(dir, 'uploads')).catch(() => [] as string[]);

describe('receiveUpload', () => {
  it('stores a small PDF and a PNG, kinds told by content, and keeps the name for download', async () => {
    const pdf = await post(multipart('Quarterly report.pdf', 'application/pdf', PDF));
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({
      filename: 'Quarterly report.pdf',
      kind: 'pdf',
      size: PDF.length,
    });
    expect(await readFile(join(dir, 'uploads', pdf.body.storageKey as string))).toEqual(PDF);

    // The declared type plays no part: a PNG sent as octet-stream with no extension is a PNG.
    const png = await post(multipart('pixel', 'application/octet-stream', PNG));
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ filename: 'pixel.png', kind: 'png', size: PNG.length });
    expect((await stored()).sort()).toEqual([pdf.body.storageKey, png.body.storageKey].sort());
  });

  it('refuses an executable renamed .pdf with 415, and keeps nothing', async () => {
    const res = await post(multipart('invoice.pdf', 'application/pdf', EXE));
    expect(res).toEqual({
      status: 415,
      body: { error: expect.objectContaining({ code: 'FILE_TYPE_NOT_ALLOWED' }) },
    });
    await Promise.all(handled);
    expect(await stored()).toEqual([]);
  });

  it('refuses a known kind the field does not accept, and an unknown one', async () => {
    options.accept = ['png'];
    expect((await post(multipart('a.pdf', 'application/pdf', PDF))).body.error?.code).toBe(
      'FILE_TYPE_NOT_ALLOWED',
    );
    options.accept = ['pdf', 'png', 'txt'];
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 0)]);
    expect((await post(multipart('a.txt', 'text/plain', zip))).status).toBe(415);
    await Promise.all(handled);
    expect(await stored()).toEqual([]);
  });

  it('takes a file of exactly maxBytes and refuses one byte more with 413', async () => {
    options.maxBytes = 10_000;
    options.accept = ['txt'];
    const exact = await post(multipart('notes.txt', 'text/plain', Buffer.alloc(10_000, 'a')));
    expect(exact.status).toBe(201);
    expect(exact.body.size).toBe(10_000);
    const over = await post(multipart('notes.txt', 'text/plain', Buffer.alloc(10_001, 'a')));
    expect(over.status).toBe(413);
    expect(over.body.error?.code).toBe('FILE_TOO_LARGE');
    await Promise.all(handled);
    expect(await stored()).toEqual([exact.body.storageKey]);
  });

  it('cuts a 50 MB upload to a 5 MB field off while streaming: the server reads little of it and memory stays flat', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunks = (50 * MB) / chunk.length;
    const head = Buffer.concat([partHead('big.pdf', 'application/pdf'), Buffer.from('%PDF-1.7\n')]);
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/upload',
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': head.length + chunks * chunk.length + TAIL.length,
      },
    });
    let stop = false;
    let status: number | 'reset' | undefined;
    const ended = new Promise<void>((resolve) => {
      req.on('response', (res) => {
        status = res.statusCode;
        stop = true;
        res.resume();
        res.on('end', resolve);
        res.on('error', () => resolve());
      });
      req.on('error', () => {
        status ??= 'reset';
        stop = true;
        resolve();
      });
    });
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    let sent = 0;
    req.write(head);
    for (let i = 0; i < chunks && !stop; i++) {
      sent += chunk.length;
      if (!req.write(chunk)) await Promise.race([once(req, 'drain'), ended]);
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }
    if (!stop) req.end(TAIL);
    await ended;
    const outcome = await handled[0];

    expect(outcome).toMatchObject({ code: 'FILE_TOO_LARGE' });
    // The answer is 413, unless the closed connection reached the client before it.
    expect([413, 'reset']).toContain(status);
    // The server stopped reading a little after 5 MB, far from 50 MB.
    const read = sockets.reduce((sum, socket) => sum + socket.bytesRead, 0);
    expect(read).toBeGreaterThan(5 * MB);
    expect(read).toBeLessThan(6 * MB);
    expect(sent).toBeLessThan(40 * MB);
    expect(peak - before).toBeLessThan(16 * MB);
    // The partial file is gone.
    expect(await stored()).toEqual([]);
    req.destroy();
  });

  it('answers 400 INVALID_MULTIPART for bodies that are not one well-formed file', async () => {
    const codes = async (body: Buffer, type?: string) => {
      const res = await post(body, type);
      return `${res.status} ${res.body.error?.code}`;
    };
    expect(await codes(Buffer.from('{"a":1}'), 'application/json')).toBe('400 INVALID_MULTIPART');
    expect(await codes(PDF, 'multipart/form-data')).toBe('400 INVALID_MULTIPART');
    const gzipped = await fetch(`http://127.0.0.1:${port}/upload`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-encoding': 'gzip',
      },
      body: gzipSync(multipart('a.pdf', 'application/pdf', PDF)),
    });
    expect(gzipped.status).toBe(400);
    expect(await codes(Buffer.from(`--${BOUNDARY}--\r\n`))).toBe('400 INVALID_MULTIPART');
    const field = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`,
    );
    expect(await codes(Buffer.concat([field, multipart('a.pdf', 'application/pdf', PDF)]))).toBe(
      '400 INVALID_MULTIPART',
    );
    const two = Buffer.concat([
      partHead('a.pdf', 'application/pdf'),
      PDF,
      Buffer.from('\r\n'),
      multipart('b.pdf', 'application/pdf', PDF),
    ]);
    expect(await codes(two)).toBe('400 INVALID_MULTIPART');
    // Cut off inside the file: no closing boundary.
    const truncated = Buffer.concat([
      partHead('a.pdf', 'application/pdf'),
      PDF,
      Buffer.alloc(5000, 0x20),
    ]);
    expect(await codes(truncated)).toBe('400 INVALID_MULTIPART');
    await Promise.all(handled);
    expect(await stored()).toEqual([]);
  });
});

describe('downloadFilename', () => {
  it('keeps the last path segment, without control or format characters, with its kind’s extension', () => {
    expect(downloadFilename('C:\\Users\\me\\report.PDF', 'pdf')).toBe('report.PDF');
    expect(downloadFilename('../../etc/passwd', 'txt')).toBe('passwd.txt');
    expect(downloadFilename('invoice.exe', 'pdf')).toBe('invoice.exe.pdf');
    expect(downloadFilename('photo.jpeg', 'jpeg')).toBe('photo.jpeg');
    expect(downloadFilename('photo.jpg', 'jpeg')).toBe('photo.jpg');
    expect(downloadFilename('a\r\nb\u0000c.png', 'png')).toBe('abc.png');
    // A right-to-left override would show "invoice‮fdp.exe" as "invoiceexe.pdf".
    expect(downloadFilename('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.exe.pdf');
    expect(downloadFilename('.hidden.txt', 'txt')).toBe('hidden.txt');
    expect(downloadFilename(undefined, 'gif')).toBe('upload.gif');
    expect(downloadFilename('  ', 'gif')).toBe('upload.gif');
    expect(downloadFilename('.pdf', 'pdf')).toBe('pdf.pdf');
  });

  it('is at most 200 characters and keeps the extension', () => {
    const long = downloadFilename(`${'é'.repeat(300)}.webp`, 'webp');
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('é.webp')).toBe(true);
    const other = downloadFilename(`${'x'.repeat(300)}.bin`, 'txt');
    expect(other).toHaveLength(200);
    expect(other.endsWith('x.txt')).toBe(true);
  });
});
