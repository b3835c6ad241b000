import type { Logger } from 'pino';
import type { UploadRecords } from './records.js';
import type { FileStorage } from './storage.js';

/** How old an upload attached to no booking gets before it is deleted. */
export const UNATTACHED_UPLOAD_TTL_MS = 3_600_000;

/** What {@link sweepUploads} works on. */
export interface UploadSweepOptions {
  readonly records: UploadRecords;
  readonly storage: FileStorage;
  readonly now: () => number;
  /** Default {@link UNATTACHED_UPLOAD_TTL_MS}. */
  readonly olderThanMs?: number;
  /** Uploads read per batch; default 100. */
  readonly batch?: number;
  /** Batches per pass at most (the rest waits for the next pass); default 50. */
  readonly maxBatches?: number;
}

/**
 * One pass of the sweep: deletes the uploads that were never attached to a booking (the attendee
 * uploaded, then never booked) and are older than an hour: the file first, then the row, so a
 * failure leaves a row to retry, never an orphaned file. Resolves with how many were deleted.
 *
 * @example
 * ```ts
 * const deleted = await sweepUploads({ records, storage, now: Date.now });
 * ```
 */
export async function sweepUploads(options: UploadSweepOptions): Promise<number> {
  const { records, storage } = options;
  const before = options.now() - (options.olderThanMs ?? UNATTACHED_UPLOAD_TTL_MS);
  const batch = options.batch ?? 100;
  let deleted = 0;
  for (let i = 0; i < (options.maxBatches ?? 50); i++) {
    const uploads = await records.listUnattached(before, batch);
    for (const upload of uploads) {
      await storage.delete(upload.storageKey);
      await records.delete(upload.workspaceId, upload.id);
      deleted++;
    }
    if (uploads.length < batch) break;
  }
  return deleted;
}

/** A running sweep ({@link startUploadSweep}). */
export interface UploadSweeper {
  /** Waits for a pass in progress, then runs no more. */
  stop(): Promise<void>;
}

/**
 * Runs {@link sweepUploads} every `intervalMs` (`UPLOAD_SWEEP_MS`) until stopped; a pass never
 * overlaps the previous one, and a failed pass is logged and retried on the next tick.
 *
 * @example
 * ```ts
 * const sweeper = startUploadSweep({ records, storage, now: Date.now, logger, intervalMs: 300_000 });
 * await sweeper.stop();
 * ```
 */
export function startUploadSweep(
  options: UploadSweepOptions & { readonly logger: Logger; readonly intervalMs: number },
): UploadSweeper {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepUploads(options)
      .then((deleted) => {
        if (deleted > 0) options.logger.info({ deleted }, 'deleted uploads of unfinished bookings');
      })
      .catch((error: unknown) =>
        options.logger.warn({ err: error }, 'could not delete uploads of unfinished bookings'),
      )
      .finally(() => {
        running = null;
      });
  }, options.intervalMs).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
