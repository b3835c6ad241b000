/**
 * Units of work the engine did. The tests bound the engine's cost by counting these instead of
 * timing it, so no assertion depends on the machine's speed. Internal: not exported by the package.
 */
export interface WorkMeter {
  /** Recurrence periods (days, weeks, months or years) expanded. */
  periods: number;
  /** Host-local days whose windows were laid out. */
  days: number;
  /** Slot-grid positions examined. */
  steps: number;
}

/** A meter at zero. */
export function workMeter(): WorkMeter {
  return { periods: 0, days: 0, steps: 0 };
}
