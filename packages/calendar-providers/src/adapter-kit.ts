import { BusyCache } from './busy-cache.js';
import { toBusyIntervals, type CalendarEventState } from './busy-rules.js';
import { resolveResilience, type Resilience, type ResilienceOptions } from './resilience.js';
import type {
  BusyInterval,
  BusyQuery,
  CalendarSelection,
  CalendarSelectionSource,
  ConnectionRef,
} from './types.js';

const PRIMARY_ONLY: CalendarSelection = Object.freeze({ check: ['primary'], write: 'primary' });

/**
 * What both provider adapters share: the resolved resilience, the calendar selection, the busy
 * cache, and busy time built from a provider's event listing by the one set of busy rules.
 */
export function adapterKit(
  options: {
    readonly calendars?: CalendarSelectionSource;
    readonly resilience?: ResilienceOptions;
  },
  listEvents: (
    ref: ConnectionRef,
    calendarId: string,
    from: number,
    to: number,
  ) => Promise<CalendarEventState[]>,
): {
  resilience: Resilience;
  selectionOf: (ref: ConnectionRef) => Promise<CalendarSelection>;
  /** Runs a write and drops the connection's cached busy time before and after it. */
  writing: <T>(ref: ConnectionRef, write: () => Promise<T>) => Promise<T>;
  busyDetails: (query: BusyQuery) => Promise<BusyInterval[]>;
  busy: (query: BusyQuery) => Promise<{ start: number; end: number }[]>;
} {
  const resilience = resolveResilience(options.resilience);
  const cache = new BusyCache(resilience.busyCacheMs, resilience.now);
  const selectionOf = (ref: ConnectionRef) =>
    options.calendars ? options.calendars(ref) : Promise.resolve(PRIMARY_ONLY);

  const busyDetails = async (query: BusyQuery): Promise<BusyInterval[]> => {
    const selection = await selectionOf(query);
    const range = `${query.from}|${query.to}|${selection.check.join('\u0000')}`;
    let states = cache.get(query, range);
    if (states === null) {
      const perCalendar = await Promise.all(
        selection.check.map((id) => listEvents(query, id, query.from, query.to)),
      );
      states = perCalendar.flat();
      cache.set(query, range, states);
    }
    return toBusyIntervals(states, query);
  };

  return {
    resilience,
    selectionOf,
    async writing(ref, write) {
      cache.invalidate(ref);
      try {
        return await write();
      } finally {
        cache.invalidate(ref);
      }
    },
    busyDetails,
    busy: async (query) => (await busyDetails(query)).map(({ start, end }) => ({ start, end })),
  };
}
