import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { slugSchema } from '@workestra/booking-core';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';
import { signedIn } from '../http/session.js';
import { ID_SHAPE, idParam, param, parse } from '../http/validate.js';
import { FILE_KINDS, type FileKind } from '../uploads/kinds.js';
import { receiveUpload } from '../uploads/receive.js';
import type { UploadRecords } from '../uploads/records.js';
import type { FileStorage } from '../uploads/storage.js';

/** What the upload routes work with. */
export interface UploadRouteOptions {
  readonly records: UploadRecords;
  readonly storage: FileStorage;
  /** The largest upload any field takes (`UPLOAD_MAX_BYTES`); a field's own limit may be lower. */
  readonly maxBytes: number;
  /** Default `Date.now`. */
  readonly now?: () => number;
  /** The upload row's id; default a random UUID. */
  readonly newId?: () => string;
}

/** `?field=<fieldId>` of an upload. */
export const uploadQuerySchema = z.object({
  field: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'a form field id'),
});

/** The answer to an upload: what the booking's answer for the field names (`{ uploadId }`). */
export const uploadResponseSchema = z.object({
  upload: z.object({
    id: z.string(),
    filename: z.string(),
    kind: z.enum(Object.keys(FILE_KINDS) as [FileKind, ...FileKind[]]),
    size: z.number().int(),
  }),
});

/**
 * `POST /api/public/links/:slug/uploads?field=<fieldId>`: one file for a file field of the link's
 * form, before the booking is made (mount it under `/api` ahead of the JSON body parser, behind
 * the public rate limit). The field's size limit is enforced while the file streams in and its
 * kinds are told by content ({@link receiveUpload}); the file is stored under a random key and
 * its row inserted, attached to no booking yet: a booking's answer for the field names the id.
 * Answers `201 { upload: { id, filename, kind, size } }`.
 *
 * @example
 * ```ts
 * api.post('/public/links/:slug/uploads', publicLimit, publicUploadRoute({ records, storage, maxBytes: 10_485_760 }));
 * ```
 */
export function publicUploadRoute(options: UploadRouteOptions): RequestHandler {
  const { records, storage } = options;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  return async (req, res) => {
    try {
      await handle(req, res);
    } catch (error) {
      // Refused before the body was read (or while): close the connection after the answer
      // rather than read the rest of a body that may be large.
      if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
      throw error;
    }
  };

  async function handle(req: Request, res: Response): Promise<void> {
    const slug = param(req, 'slug');
    if (!slugSchema.safeParse(slug).success)
      throw new HttpError(404, 'LINK_NOT_FOUND', 'This link does not exist');
    const { field } = parse(uploadQuerySchema, req.query);
    const target = await records.fileField(slug, field);
    if (target === 'LINK_NOT_FOUND')
      throw new HttpError(404, 'LINK_NOT_FOUND', 'This link does not exist');
    if (target === 'FILE_FIELD_NOT_FOUND')
      throw new HttpError(404, 'FILE_FIELD_NOT_FOUND', 'This form has no such file field');
    const maxBytes = Math.min(target.maxBytes ?? options.maxBytes, options.maxBytes);
    const file = await receiveUpload(req, { maxBytes, accept: target.accept, storage });
    const upload = {
      id: newId(),
      workspaceId: target.workspaceId,
      linkId: target.linkId,
      fieldId: target.fieldId,
      filename: file.filename,
      kind: file.kind,
      size: file.size,
      storageKey: file.storageKey,
      bookingId: null,
      createdAt: now(),
    };
    try {
      await records.insert(upload);
    } catch (error) {
      await storage.delete(file.storageKey).catch(() => undefined);
      throw error;
    }
    res.status(201).json({
      upload: { id: upload.id, filename: upload.filename, kind: upload.kind, size: upload.size },
    });
  }
}

/**
 * `Content-Disposition: attachment` with the name both as RFC 6266 `filename*` (UTF-8) and as a
 * plain ASCII `filename` for clients without it.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * `GET /api/host/bookings/:id/files/:uploadId` (mounted at `/api/host/bookings` behind the
 * session check): the file of an upload attached to that booking, for a host who may see the
 * booking; `404 UPLOAD_NOT_FOUND` for anyone else and anything else. Served as a download that
 * no browser renders in the app's origin: `Content-Disposition: attachment`,
 * `X-Content-Type-Options: nosniff`, a sandboxing `Content-Security-Policy`, the content type of
 * its (sniffed) kind, `Cache-Control: private, no-store`.
 *
 * @example
 * ```ts
 * api.use('/host/bookings', hostUploadRoutes({ records, storage, maxBytes: 10_485_760 }));
 * ```
 */
export function hostUploadRoutes(options: UploadRouteOptions): Router {
  const { records, storage } = options;
  const router = Router();
  router.get('/:id/files/:uploadId', async (req, res) => {
    const { host } = signedIn(res);
    const notFound = () => new HttpError(404, 'UPLOAD_NOT_FOUND', 'No such file');
    const bookingId = idParam(req, 'id');
    const uploadId = param(req, 'uploadId');
    if (!ID_SHAPE.test(uploadId)) throw notFound();
    const upload = await records.findForHost(host, bookingId, uploadId);
    if (!upload || upload.bookingId !== bookingId) throw notFound();
    const stream = await storage.open(upload.storageKey);
    if (!stream) throw notFound();
    const { mime } = FILE_KINDS[upload.kind];
    res.status(200);
    res.setHeader('Content-Type', upload.kind === 'txt' ? `${mime}; charset=utf-8` : mime);
    res.setHeader('Content-Length', String(upload.size));
    res.setHeader('Content-Disposition', attachmentDisposition(upload.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    // A client that goes away mid-download is no error of ours; nothing more can be sent then.
    await pipeline(stream, res).catch(() => res.destroy());
  });
  return router;
}
