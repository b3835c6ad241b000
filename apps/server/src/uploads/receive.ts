import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import busboy from 'busboy';
import { FILE_KINDS, type FileKind } from './kinds.js';
import { SNIFF_BYTES, sniffKind } from './sniff.js';
import { type FileStorage, newStorageKey } from './storage.js';

/** Every code an {@link UploadError} has (their HTTP statuses are in the server's error table). */
export const UPLOAD_ERROR_CODES = [
  'FILE_TOO_LARGE',
  'FILE_TYPE_NOT_ALLOWED',
  'INVALID_MULTIPART',
] as const;

/** One of {@link UPLOAD_ERROR_CODES}. */
export type UploadErrorCode = (typeof UPLOAD_ERROR_CODES)[number];

/** Why an upload was refused; nothing of it is kept. */
export class UploadError extends Error {
  constructor(
    readonly code: UploadErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/** What {@link receiveUpload} accepts. */
export interface ReceiveUploadOptions {
  /** The most bytes the file may have: one more and the upload is cut off (`FILE_TOO_LARGE`). */
  readonly maxBytes: number;
  /** The kinds the field takes, told by content (`FILE_TYPE_NOT_ALLOWED` for any other). */
  readonly accept: readonly FileKind[];
  readonly storage: FileStorage;
  /** The new file's storage key; default {@link newStorageKey}. */
  readonly newKey?: () => string;
}

/** A file received and stored. */
export interface ReceivedUpload {
  readonly storageKey: string;
  /** The client's file name made safe to offer for download ({@link downloadFilename}). */
  readonly filename: string;
  /** Told by the content, never by the declared name or type. */
  readonly kind: FileKind;
  /** Bytes stored. */
  readonly size: number;
}

const MAX_FILENAME_CHARS = 200;

/**
 * The name a stored file is offered for download under: the last path segment of the client's
 * name, without control and format characters (bidirectional overrides could disguise the
 * extension), trimmed, at most 200 characters, ending in an extension of its kind (added when the
 * client's name has another one). `upload.<ext>` when nothing is left.
 *
 * @example
 * ```ts
 * downloadFilename('C:\\Users\\me\\report.PDF', 'pdf'); // 'report.PDF'
 * downloadFilename('invoice.exe', 'pdf'); // 'invoice.exe.pdf'
 * ```
 */
export function downloadFilename(raw: string | undefined, kind: FileKind): string {
  const { extensions } = FILE_KINDS[kind];
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .trim()
    .replace(/^\.+/, '');
  const lower = name.toLowerCase();
  const suffix = extensions.some((ext) => lower.endsWith(ext) && lower.length > ext.length)
    ? ''
    : extensions[0];
  if (name === '') name = 'upload';
  const chars = Array.from(name + suffix);
  if (chars.length <= MAX_FILENAME_CHARS) return name + suffix;
  // Too long: shorten the stem, keep the extension.
  const dot = name.lastIndexOf('.');
  const ext = suffix || (dot > 0 ? name.slice(dot) : '');
  const stem = Array.from(suffix ? name : name.slice(0, name.length - ext.length));
  const extChars = Array.from(ext).slice(0, 20);
  return stem.slice(0, MAX_FILENAME_CHARS - extChars.length).join('') + extChars.join('');
}

/**
 * Counts the file's bytes as they pass (failing with `FILE_TOO_LARGE` on the first byte past the
 * limit) and holds back the first {@link SNIFF_BYTES} until the kind is known (failing with
 * `FILE_TYPE_NOT_ALLOWED`): no byte reaches the storage before the content was checked.
 */
class UploadGate extends Transform {
  size = 0;
  kind: FileKind | null = null;
  private head: Buffer[] = [];
  private headBytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly accept: readonly FileKind[],
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(tooLarge(this.maxBytes));
      return;
    }
    if (this.kind !== null) {
      callback(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) {
      callback();
      return;
    }
    callback(this.decide(false));
  }

  override _flush(callback: TransformCallback) {
    callback(this.kind === null ? this.decide(true) : null);
  }

  /** Sniffs the held-back head; pushes it on when the kind is accepted. */
  private decide(complete: boolean): UploadError | null {
    const head = Buffer.concat(this.head);
    this.head = [];
    const kind = sniffKind(head, complete);
    if (kind === null || !this.accept.includes(kind))
      return new UploadError(
        'FILE_TYPE_NOT_ALLOWED',
        kind === null
          ? 'This file type is not allowed'
          : `Files of this type (${kind}) are not allowed here`,
        { accept: [...this.accept] },
      );
    this.kind = kind;
    this.push(head);
    return null;
  }
}

function tooLarge(maxBytes: number): UploadError {
  return new UploadError('FILE_TOO_LARGE', `The file is larger than ${maxBytes} bytes`, {
    maxBytes,
  });
}

const malformed = (message: string) => new UploadError('INVALID_MULTIPART', message);

/**
 * Receives the one file of a `multipart/form-data` request and stores it, streaming: the bytes
 * are counted as they arrive and the upload is cut off on the first byte past `maxBytes` (the
 * rest of the body is never read and the connection is closed after the answer, so memory and
 * disk stay bounded whatever the client sends); the kind is told by the first bytes
 * ({@link sniffKind}) and must be one of `accept`. On any refusal the partial file is deleted
 * before the promise rejects with an {@link UploadError}: `FILE_TOO_LARGE`,
 * `FILE_TYPE_NOT_ALLOWED`, or `INVALID_MULTIPART` (not multipart, no file part, more than one
 * part, a malformed or truncated body). When the request has its response attached (`req.res`,
 * as in Express) and the body was left unread, the response gets `Connection: close`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const storage = createDiskStorage('./data/uploads');
 * createServer(async (req, res) => {
 *   const file = await receiveUpload(req, { maxBytes: 5_000_000, accept: ['pdf'], storage });
 *   res.end(JSON.stringify(file));
 * });
 * ```
 */
export function receiveUpload(
  req: IncomingMessage & { res?: ServerResponse },
  options: ReceiveUploadOptions,
): Promise<ReceivedUpload> {
  const { maxBytes, accept, storage } = options;
  const newKey = options.newKey ?? newStorageKey;
  return new Promise<ReceivedUpload>((resolve, reject) => {
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity') {
      reject(malformed('Send the file uncompressed (no Content-Encoding)'));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: {
          files: 1,
          fields: 0,
          // busboy signals `partsLimit` on reaching the count: the second part is the one too many.
          parts: 2,
          // busboy passes on one byte past the limit (which the gate refuses), then would skip
          // the rest of the part, reading the body to its end: `limit` stops reading first.
          fileSize: maxBytes + 1,
          headerPairs: 20,
        },
      });
    } catch {
      reject(malformed('Send the file as multipart/form-data with a boundary'));
      return;
    }

    let settled = false;
    let stored: { key: string; gate: UploadGate; put: Promise<number> } | null = null;
    let formEnded = false;

    let reading = true;
    /** Stops reading the request: what is left of it is never consumed. */
    const stopReading = (): void => {
      if (!reading) return;
      reading = false;
      if (req.complete) return;
      req.unpipe(parser);
      req.pause();
      if (req.res && !req.res.headersSent) req.res.setHeader('Connection', 'close');
    };

    /** Stops reading, deletes what was stored of the file, then refuses. */
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      stopReading();
      parser.destroy();
      const current = stored;
      const cleanup = current
        ? (() => {
            current.gate.destroy();
            return current.put.then(
              () => storage.delete(current.key),
              () => storage.delete(current.key),
            );
          })()
        : Promise.resolve();
      cleanup.then(
        () => reject(error),
        () => reject(error),
      );
    };

    const finish = (): void => {
      if (settled || !formEnded || !stored) return;
      const { key, gate, put } = stored;
      put.then(
        (size) => {
          if (settled) return;
          settled = true;
          const kind = gate.kind as FileKind;
          resolve({ storageKey: key, filename: downloadFilename(filename, kind), kind, size });
        },
        () => undefined, // handled where `put` is made
      );
    };

    let filename: string | undefined;
    parser.on('file', (_name, stream, info) => {
      if (settled) {
        stream.resume();
        return;
      }
      if (stored) {
        stream.resume();
        fail(malformed('Send exactly one file'));
        return;
      }
      filename = info.filename;
      const gate = new UploadGate(maxBytes, accept);
      // The gate's refusal is what `put` rejects with; it may come before `put` listens.
      let refusal: unknown;
      gate.on('error', (error) => {
        refusal ??= error;
        // At once, not after the partial file is deleted: the body must not be drained meanwhile.
        stopReading();
      });
      const key = newKey();
      // busboy fails the file's stream when the body ends or breaks inside it: the client's doing.
      stream.on('error', () => gate.destroy(malformed('The upload was cut short')));
      stream.on('limit', stopReading);
      stream.pipe(gate);
      const put = storage.put(key, gate);
      stored = { key, gate, put };
      // An UploadError is the client's; anything else (the disk) is ours and answers 500.
      put.catch((error: unknown) => fail(refusal ?? error));
    });
    parser.on('field', () => fail(malformed('Send only the file, no other form fields')));
    parser.on('fieldsLimit', () => fail(malformed('Send only the file, no other form fields')));
    parser.on('filesLimit', () => fail(malformed('Send exactly one file')));
    parser.on('partsLimit', () => fail(malformed('Send exactly one file')));
    parser.on('error', () => fail(malformed('The multipart body is malformed or incomplete')));
    parser.on('close', () => {
      formEnded = true;
      if (!stored) fail(malformed('The request has no file'));
      else finish();
    });
    req.on('close', () => {
      if (!req.complete) fail(malformed('The upload was cut short'));
    });
    req.pipe(parser);
  });
}
