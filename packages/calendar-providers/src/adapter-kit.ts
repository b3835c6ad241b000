import { BusyCache } from './busy-cache.js';
import { toBusyIntervals, type CalendarEventState } from './busy-rules.js';
import {
  resolveResilience,
  withRetries,
  type AttemptVerdict,
  type Resilience,
} from './resilience.js';
import type {
  AdapterOptions,
  BusyInterval,
  BusyQuery,
  CalendarSelection,
  ConnectionRef,
  ProviderCalendar,
} from './types.js';

const PRIMARY_ONLY: CalendarSelection = Object.freeze({ check: ['primary'], write: 'primary' });

/**
 * What both provider adapters share: the resolved resilience, the calendar selection, the busy
 * cache, and busy time built from a provider's event listing by the one set of busy rules.
 */
export function adapterKit(
  options: AdapterOptions & {
    /** The provider's name in error messages. */
    readonly provider: string;
    /** How the provider's client library errors read (see `withRetries`). */
    readonly classify: (now: () => number) => (error: unknown) => AttemptVerdict;
  },
  listEvents: (
    ref: ConnectionRef,
    calendarId: string,
    from: number,
    to: number,
  ) => Promise<CalendarEventState[]>,
): {
  resilience: Resilience;
  /** One provider call with the connection's token, a timeout and retries. */
  call: <T>(
    ref: ConnectionRef,
    what: string,
    fn: (token: string, signal: AbortSignal) => Promise<T>,
  ) => Promise<T>;
  selectionOf: (ref: ConnectionRef) => Promise<CalendarSelection>;
  /** Runs a write and drops the connection's cached busy time before and after it. */
  writing: <T>(ref: ConnectionRef, write: () => Promise<T>) => Promise<T>;
  busyDetails: (query: BusyQuery) => Promise<BusyInterval[]>;
  /** booking-core's port: the same intervals as `busyDetails`, kinds included. */
  busy: (query: BusyQuery) => Promise<BusyInterval[]>;
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

  const classify = options.classify(resilience.now);
  return {
    resilience,
    call: (ref, what, fn) =>
      withRetries(
        resilience,
        `${options.provider} ${what}`,
        async (signal, refresh) => fn(await options.accessToken({ ...ref, refresh }), signal),
        classify,
      ),
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
    busy: busyDetails,
  };
}

/** The calendars with the primary first, the others in the provider's order. */
export function primaryFirst(calendars: readonly ProviderCalendar[]): ProviderCalendar[] {
  return [...calendars.filter((c) => c.primary), ...calendars.filter((c) => !c.primary)];
}
