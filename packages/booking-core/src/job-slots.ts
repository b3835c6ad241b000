import { JOB_KINDS, type JobKind } from './domain.js';

/**
 * One claim to make: at most `limit` jobs, of these `kinds` (`undefined`: any kind, so jobs of a
 * kind this version does not know are still claimed and fail visibly for want of a handler).
 */
export interface ClaimStep {
  readonly kinds: readonly JobKind[] | undefined;
  readonly limit: number;
}

/**
 * The running-job slots of one runner: a global limit and a limit per kind, so a slow provider's
 * kind holds at most its own slots and never starves the others (emails keep going while a CRM
 * times out). {@link JobSlots.next} turns the free slots into the next claim.
 */
export class JobSlots {
  private readonly running = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly concurrency: number,
    private readonly kindLimit: (kind: string) => number,
  ) {}

  /** Jobs running now. */
  get size(): number {
    return this.total;
  }

  take(kind: string): void {
    this.running.set(kind, (this.running.get(kind) ?? 0) + 1);
    this.total++;
  }

  release(kind: string): void {
    this.running.set(kind, (this.running.get(kind) ?? 1) - 1);
    this.total--;
  }

  private free(kind: string): number {
    return this.kindLimit(kind) - (this.running.get(kind) ?? 0);
  }

  /**
   * The next claim, or `null` when no slot is free. `drained` kinds are known to have nothing due
   * and are left out. Kinds with room for a full claim are claimed together; otherwise the kinds
   * with less room, up to the smallest room among them, so no kind exceeds its limit. (A busy
   * runner still claims several jobs per query: jobs that finish while a claim is in flight are
   * refilled together by the next one.)
   */
  next(batchSize: number, drained: ReadonlySet<JobKind>): ClaimStep | null {
    const limit = Math.min(batchSize, this.concurrency - this.total);
    if (limit <= 0) return null;
    const ready = JOB_KINDS.filter((kind) => !drained.has(kind) && this.free(kind) > 0);
    if (ready.length === 0) return null;
    const roomy = ready.filter((kind) => this.free(kind) >= limit);
    if (roomy.length > 0)
      return { kinds: roomy.length === JOB_KINDS.length ? undefined : roomy, limit };
    return { kinds: ready, limit: Math.min(...ready.map((kind) => this.free(kind))) };
  }
}
