import { JOB_KINDS, type JobKind, type JobsEnqueuedListener } from '@workestra/booking-core';

/**
 * The subscribers of `JobStore.onJobsEnqueued` of one store handle. Emitting never throws: a
 * failing listener must not fail the commit that woke it (polling finds the jobs anyway).
 */
export class EnqueueListeners {
  private readonly listeners = new Set<JobsEnqueuedListener>();

  get size(): number {
    return this.listeners.size;
  }

  /** Adds a subscription (one per call, even for the same function) and returns its removal. */
  add(listener: JobsEnqueuedListener): () => void {
    const entry: JobsEnqueuedListener = (kinds) => listener(kinds);
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  emit(kinds: readonly JobKind[]): void {
    if (kinds.length === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(kinds);
      } catch {
        // The subscriber's own failure: the jobs are committed either way.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** The kinds named in a wake-up payload (`"email.confirmation,crm.sync"`); unknown names are dropped. */
export function parseKinds(payload: string | undefined): JobKind[] {
  const named = new Set((payload ?? '').split(','));
  return JOB_KINDS.filter((kind) => named.has(kind));
}

/** The payload of a wake-up for `kinds`: each kind once, comma-separated. */
export function formatKinds(kinds: readonly JobKind[]): string {
  return [...new Set(kinds)].join(',');
}
