import type { CalendarEventState } from './busy-rules.js';
import type { ConnectionRef } from './types.js';

/**
 * A short cache of the events an adapter read per connection and range, so a slot page and the
 * booking right after it ask the provider once. Writes through the same adapter drop the
 * connection's entries; a failed read never fills it (so an error is never served as "free").
 */
export class BusyCache {
  private readonly byConnection = new Map<
    string,
    Map<string, { at: number; events: CalendarEventState[] }>
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(ref: ConnectionRef, range: string): CalendarEventState[] | null {
    const hit = this.byConnection.get(connectionKey(ref))?.get(range);
    if (hit === undefined || this.now() - hit.at >= this.ttlMs) return null;
    return hit.events;
  }

  set(ref: ConnectionRef, range: string, events: CalendarEventState[]): void {
    if (this.ttlMs <= 0) return;
    const key = connectionKey(ref);
    const entries = this.byConnection.get(key) ?? new Map();
    const now = this.now();
    for (const [r, entry] of entries) if (now - entry.at >= this.ttlMs) entries.delete(r);
    entries.set(range, { at: now, events });
    this.byConnection.set(key, entries);
  }

  invalidate(ref: ConnectionRef): void {
    this.byConnection.delete(connectionKey(ref));
  }
}

const connectionKey = (ref: ConnectionRef): string =>
  `${ref.workspaceId}\u0000${ref.connection.provider}\u0000${ref.connection.hostId}`;
