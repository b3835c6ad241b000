import type { Clock, JobStore, Logger } from './ports.js';

/**
 * Keeps the claims of a runner's running jobs alive: every `leaseMs / 3` it extends the lease of
 * every job `held()` returns to `now + leaseMs`. A long job thus keeps its claim, while the jobs of
 * a worker that died come back after one short lease. Runs only while there are jobs (`ensure` when
 * one starts, `halt` when the last one ends), so an idle runner leaves no timer behind.
 */
export class LeaseHeartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  private beating: Promise<void> | undefined;
  private readonly everyMs: number;

  constructor(
    private readonly options: {
      readonly jobs: JobStore;
      readonly workerId: string;
      readonly leaseMs: number;
      readonly clock: Clock;
      readonly logger: Logger;
      /** Ids of the jobs still being worked on (not those being completed or failed). */
      readonly held: () => string[];
    },
  ) {
    this.everyMs = Math.floor(options.leaseMs / 3);
  }

  /** Starts beating unless it already does (a lease under 3 ms is too short to extend). */
  ensure(): void {
    if (this.timer !== undefined || this.everyMs < 1) return;
    this.timer = setInterval(() => this.beat(), this.everyMs);
  }

  /** Stops the timer; resolves when a beat in flight has finished. */
  async halt(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
  }

  /** One extension round (the timer's work; public so it can be driven directly). */
  beat(): Promise<void> {
    if (this.beating) return this.beating;
    const ids = this.options.held();
    if (ids.length === 0) return Promise.resolve();
    const { jobs, workerId, leaseMs, clock, logger } = this.options;
    const now = clock.now();
    this.beating = jobs
      .extendLeases(workerId, ids, now + leaseMs, now)
      .then((extended) => {
        const kept = new Set(extended);
        const stillHeld = new Set(this.options.held());
        const lost = ids.filter((id) => !kept.has(id) && stillHeld.has(id));
        // The handler goes on (it cannot be interrupted), but another worker may run the job too:
        // this is why handlers must be idempotent. It happens when this process stalled past a lease.
        if (lost.length > 0)
          logger.warn({ jobIds: lost, workerId }, 'lost the lease of running jobs');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not extend job leases'))
      .finally(() => {
        this.beating = undefined;
      });
    return this.beating;
  }
}
