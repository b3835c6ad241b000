import type { HostRef, Upload } from '@workestra/booking-core';
import type { FileKind } from './kinds.js';

/**
 * A stored upload as the server keeps track of it: booking-core's `Upload` (its file in the
 * file storage under `storageKey`; `bookingId` null until a booking takes it, and swept an
 * hour later if none does).
 *
 * @example
 * ```ts
 * const pending = (u: UploadRecord): boolean => u.bookingId === null;
 * ```
 */
export type UploadRecord = Upload;

/** A link's file field, as an upload to it needs it. */
export interface FileFieldTarget {
  readonly workspaceId: string;
  readonly linkId: string;
  readonly fieldId: string;
  /** The field's own limit; null: the server's `UPLOAD_MAX_BYTES`. */
  readonly maxBytes: number | null;
  readonly accept: readonly FileKind[];
}

/**
 * What the upload routes and the sweep need from booking-core and the store: a port, so that
 * they are written (and tested) against it. The server's implementation reads the link's form
 * fields, the uploads table and host access to a booking (booking-core's `getBooking`).
 */
export interface UploadRecords {
  /**
   * The file field `fieldId` of the live link `slug`: `LINK_NOT_FOUND` when there is no such
   * live link, `FILE_FIELD_NOT_FOUND` when it has no file field of that id.
   */
  fileField(
    slug: string,
    fieldId: string,
  ): Promise<FileFieldTarget | 'LINK_NOT_FOUND' | 'FILE_FIELD_NOT_FOUND'>;
  insert(upload: UploadRecord): Promise<void>;
  /**
   * Upload `uploadId` when it is attached to booking `bookingId` and `host` may see that booking
   * (its host, its assigned member, its link's owner); null otherwise, whichever the reason.
   */
  findForHost(host: HostRef, bookingId: string, uploadId: string): Promise<UploadRecord | null>;
  /** Uploads attached to no booking and created before `createdBefore`, oldest first, at most `limit`. */
  listUnattached(createdBefore: number, limit: number): Promise<UploadRecord[]>;
  delete(workspaceId: string, id: string): Promise<void>;
}
