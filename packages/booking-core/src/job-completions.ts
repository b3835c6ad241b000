import type { Clock, JobStore } from './ports.js';

/** Most jobs marked done by one write. */
const MAX_BATCH = 100;

/**
 * Records finished jobs as `done` in batches: while one `completeJobs` write is in flight, the
 * jobs finishing meanwhile wait and go together in the next one. A store commits (and, on a
 * durable database, syncs to disk) once per batch rather than once per job, which is what bounds a
 * busy runner; a job waits at most one write longer than it would alone.
 */
export class JobCompletions {
  private waiting: { id: string; settle: (error?: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly jobs: JobStore,
    private readonly workerId: string,
    private readonly clock: Clock,
  ) {}

  /** Resolves once the job is recorded `done` (rejects with the store's error if it could not be). */
  complete(jobId: string): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      this.waiting.push({
        id: jobId,
        settle: (error) => (error === undefined ? resolve() : reject(error)),
      });
    });
    if (!this.flushing) void this.flush();
    return done;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        let failure: unknown;
        try {
          await this.jobs.completeJobs(
            this.workerId,
            batch.map((w) => w.id),
            this.clock.now(),
          );
        } catch (error) {
          failure = error ?? new Error('completeJobs failed');
        }
        for (const w of batch) w.settle(failure);
      }
    } finally {
      this.flushing = false;
    }
  }
}
