/**
 * A failure an emulator answers instead of (or after) doing the work:
 * - `{ status: 429, retryAfter: '2' }` or `{ status: 500 }`: answered before anything happens;
 * - `{ status: 500, afterApply: true }`: the work is done, then the answer is lost as a 500;
 * - `{ hang: true }`: the request waits until the test releases it (see `hangNext`).
 *
 * A queued fault with a `method` waits for the first request of that method.
 *
 * @example
 * ```ts
 * const fault: EmulatorFault = { status: 429, retryAfter: '3' };
 * ```
 */
export type EmulatorFault =
  | {
      readonly status: number;
      readonly retryAfter?: string;
      readonly afterApply?: boolean;
      readonly method?: string;
    }
  | { readonly hang: true };

/**
 * A hanging request: `arrived` resolves when a request reached it; `release()` lets it go on
 * (it is then answered normally, if its client still listens).
 *
 * @example
 * ```ts
 * import { startGoogleEmulator } from '@workestra/calendar-providers/testing';
 * const emulator = await startGoogleEmulator();
 * const hang: Hang = emulator.faults.hangNext();
 * await hang.arrived;
 * hang.release();
 * ```
 */
export interface Hang {
  readonly arrived: Promise<void>;
  release(): void;
}

/** The fault plan of an emulator: queued faults first, then random ones at a rate. */
export class FaultPlan {
  private readonly queue: EmulatorFault[] = [];
  private readonly hangs: { arrived: () => void; released: Promise<void>; release: () => void }[] =
    [];
  private random: { rate: number; next: () => number; faults: readonly EmulatorFault[] } | null =
    null;
  private readonly open = new Set<() => void>();

  push(...faults: EmulatorFault[]): void {
    this.queue.push(...faults);
  }

  hangNext(): Hang {
    let arrived!: () => void;
    let release!: () => void;
    const arrivedP = new Promise<void>((r) => (arrived = r));
    const released = new Promise<void>((r) => (release = r));
    this.hangs.push({ arrived, released, release });
    this.queue.push({ hang: true });
    return { arrived: arrivedP, release };
  }

  setRandom(rate: number, next: () => number, faults: readonly EmulatorFault[]): void {
    this.random = rate > 0 ? { rate, next, faults } : null;
  }

  /** The fault for the next request (of `method`), if any. */
  take(method: string): EmulatorFault | null {
    const at = this.queue.findIndex(
      (f) => !('method' in f) || f.method === undefined || f.method === method,
    );
    if (at >= 0) return this.queue.splice(at, 1)[0] ?? null;
    if (this.random !== null && this.random.next() < this.random.rate) {
      const { faults, next } = this.random;
      return faults[Math.floor(next() * faults.length)] ?? null;
    }
    return null;
  }

  /** Waits for the test to release the oldest hang (or for the emulator to close). */
  async waitHang(): Promise<void> {
    const hang = this.hangs.shift();
    if (hang === undefined) return;
    this.open.add(hang.release);
    hang.arrived();
    await hang.released;
    this.open.delete(hang.release);
  }

  releaseAll(): void {
    for (const release of this.open) release();
    for (const hang of this.hangs.splice(0)) hang.release();
  }
}
