import { civilFromDays, daysFromCivil, weekdayOfDays } from './calendar.js';
import { SlotsError } from './errors.js';

/**
 * RFC 5545 recurrence rules over whole dates, expanded with integer date arithmetic.
 *
 * Why not the `rrule` package at run time: it walks every period from DTSTART and checks the end
 * of the range only when a date matches, so a rule that never matches (`FREQ=DAILY;BYMONTH=2;
 * BYMONTHDAY=30`) iterates to the year 9999 (about 5 s per call), and ordinary rules cost
 * milliseconds per call. Here a rule without COUNT jumps straight to the periods of the requested
 * range, so the cost is bounded by the range, and a rule with COUNT walks at most the periods
 * from its start (no earlier than 1900) to the end of the range. The test suite checks this
 * expander against `rrule` on random rules.
 */
export interface RecurrenceRule {
  readonly freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  readonly interval: number;
  readonly count: number | undefined;
  /** Last date (epoch day) that may occur. */
  readonly until: number | undefined;
  /** Weekdays 0 = Sunday..6, with an ordinal (0 = every) for MONTHLY/YEARLY. */
  readonly byDay: readonly { readonly weekday: number; readonly n: number }[] | undefined;
  readonly byMonthDay: readonly number[] | undefined;
  readonly byMonth: readonly number[] | undefined;
  readonly bySetPos: readonly number[] | undefined;
  /** First day of the week for WEEKLY periods, 0 = Sunday. Default Monday. */
  readonly weekStart: number;
  /** Epoch day of the first date the rule counts from. */
  readonly start: number;
}

const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
const MIN_START_YEAR = 1900;

function fail(field: string, message: string): never {
  throw new SlotsError('INVALID_RRULE', field, message);
}

function integers(value: string, part: string, min: number, max: number, field: string): number[] {
  return value.split(',').map((text) => {
    const n = /^[+-]?\d{1,6}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < min || n > max || n === 0) {
      fail(field, `${part}=${text} is out of range (${min}..${max}, not 0)`);
    }
    return n;
  });
}

function parseUntil(value: string, field: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value);
  const day = m ? daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
  const back = Number.isNaN(day) ? undefined : civilFromDays(day);
  if (!m || !back || back.month !== Number(m[2]) || back.day !== Number(m[3])) {
    fail(field, `UNTIL=${value} is not a date (YYYYMMDD or YYYYMMDDTHHMMSSZ)`);
  }
  return day;
}

/**
 * Parses `FREQ=...;...` (an optional `RRULE:` prefix allowed) anchored at a host-local date.
 * Supported: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY,
 * BYMONTH, BYSETPOS, WKST. Anything else is refused with `INVALID_RRULE`, never ignored.
 */
export function parseRecurrence(text: string, startDay: number, field: string): RecurrenceRule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (/DTSTART|TZID|[\r\n]/i.test(body)) {
    fail(field, 'must be a single RRULE without DTSTART or TZID; put the first date in `start`');
  }
  if (civilFromDays(startDay).year < MIN_START_YEAR) {
    throw new SlotsError(
      'INVALID_DATE',
      field.replace(/rrule$/, 'start'),
      `must be in ${MIN_START_YEAR} or later`,
    );
  }
  const parts = new Map<string, string>();
  for (const item of body.split(';')) {
    const eq = item.indexOf('=');
    const key = eq > 0 ? item.slice(0, eq).trim().toUpperCase() : '';
    const value =
      eq > 0
        ? item
            .slice(eq + 1)
            .trim()
            .toUpperCase()
        : '';
    if (!key || !value) fail(field, `"${item}" is not KEY=VALUE`);
    if (parts.has(key)) fail(field, `${key} appears twice`);
    parts.set(key, value);
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) fail(field, 'needs FREQ');
  if (!(FREQS as readonly string[]).includes(freq)) {
    fail(
      field,
      `FREQ=${freq} is not supported: use YEARLY, MONTHLY, WEEKLY or DAILY (overrides apply to whole dates)`,
    );
  }
  for (const key of parts.keys()) {
    if (
      ![
        'FREQ',
        'INTERVAL',
        'COUNT',
        'UNTIL',
        'BYDAY',
        'BYMONTHDAY',
        'BYMONTH',
        'BYSETPOS',
        'WKST',
      ].includes(key)
    ) {
      fail(field, `${key} is not supported in availability overrides`);
    }
  }
  if (parts.has('COUNT') && parts.has('UNTIL')) fail(field, 'COUNT and UNTIL must not both be set');
  const get = (key: string) => parts.get(key);
  const interval = get('INTERVAL')
    ? integers(get('INTERVAL')!, 'INTERVAL', 1, 10_000, field)[0]!
    : 1;
  const count = get('COUNT') ? integers(get('COUNT')!, 'COUNT', 1, 100_000, field)[0] : undefined;
  const until = get('UNTIL') ? parseUntil(get('UNTIL')!, field) : undefined;
  const byMonthDay = get('BYMONTHDAY')
    ? integers(get('BYMONTHDAY')!, 'BYMONTHDAY', -31, 31, field)
    : undefined;
  const byMonth = get('BYMONTH') ? integers(get('BYMONTH')!, 'BYMONTH', 1, 12, field) : undefined;
  const bySetPos = get('BYSETPOS')
    ? integers(get('BYSETPOS')!, 'BYSETPOS', -366, 366, field)
    : undefined;
  const wkst = get('WKST');
  const weekStart = wkst === undefined ? 1 : WEEKDAY_CODES.indexOf(wkst);
  if (weekStart < 0) fail(field, `WKST=${wkst} is not a weekday (MO, TU, ...)`);
  const byDay = get('BYDAY')
    ?.split(',')
    .map((code) => {
      const m = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(code);
      if (!m) fail(field, `BYDAY=${code} is not a weekday such as MO, 1MO or -1FR`);
      const n = m[1] === undefined ? 0 : Number(m[1]);
      if (m[1] !== undefined && (n === 0 || Math.abs(n) > 53))
        fail(field, `BYDAY=${code}: the ordinal must be 1..53 or -53..-1`);
      if (n !== 0 && freq !== 'MONTHLY' && freq !== 'YEARLY')
        fail(field, `BYDAY=${code}: ordinals only go with MONTHLY or YEARLY`);
      return { weekday: WEEKDAY_CODES.indexOf(m[2]!), n };
    });
  if (byMonthDay && freq === 'WEEKLY') fail(field, 'BYMONTHDAY does not go with FREQ=WEEKLY');
  if (byMonthDay && byDay?.some((d) => d.n !== 0))
    fail(field, 'BYDAY with an ordinal does not go with BYMONTHDAY');
  return {
    freq: freq as RecurrenceRule['freq'],
    interval,
    count,
    until,
    byDay,
    byMonthDay,
    byMonth,
    bySetPos,
    weekStart,
    start: startDay,
  };
}

const daysInMonth = (year: number, month: number): number =>
  daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
  daysFromCivil(year, month, 1);

/** Days of `[first, last]` on the given weekdays; an ordinal picks the nth (or nth from the end). */
function weekdaysIn(
  first: number,
  last: number,
  byDay: RecurrenceRule['byDay'] & object,
): number[] {
  const out: number[] = [];
  for (const { weekday, n } of byDay) {
    const firstHit = first + ((weekday - weekdayOfDays(first) + 7) % 7);
    if (n === 0) {
      for (let d = firstHit; d <= last; d += 7) out.push(d);
    } else {
      const total = firstHit > last ? 0 : Math.floor((last - firstHit) / 7) + 1;
      const index = n > 0 ? n - 1 : total + n;
      if (index >= 0 && index < total) out.push(firstHit + index * 7);
    }
  }
  return out;
}

/** Candidate days of one month under BYMONTHDAY / BYDAY (intersected when both are given). */
function monthDays(
  rule: RecurrenceRule,
  year: number,
  month: number,
  defaultDay: number,
): number[] {
  const first = daysFromCivil(year, month, 1);
  const dim = daysInMonth(year, month);
  let days: number[] | undefined;
  if (rule.byMonthDay) {
    days = [];
    for (const md of rule.byMonthDay) {
      const dom = md > 0 ? md : dim + md + 1;
      if (dom >= 1 && dom <= dim) days.push(first + dom - 1);
    }
  }
  if (rule.byDay) {
    const hits = weekdaysIn(first, first + dim - 1, rule.byDay);
    days = days ? days.filter((d) => hits.includes(d)) : hits;
  }
  return days ?? (defaultDay <= dim ? [first + defaultDay - 1] : []);
}

/** The candidate days of period `k` (sorted, distinct), before BYSETPOS. */
function periodCandidates(rule: RecurrenceRule, k: number): number[] {
  const { year: y0, month: m0, day: d0 } = civilFromDays(rule.start);
  const inMonths = (d: number) => !rule.byMonth || rule.byMonth.includes(civilFromDays(d).month);
  switch (rule.freq) {
    case 'DAILY': {
      const d = rule.start + k * rule.interval;
      if (!inMonths(d)) return [];
      if (rule.byDay && !rule.byDay.some((b) => b.weekday === weekdayOfDays(d))) return [];
      if (rule.byMonthDay) {
        const { year, month, day } = civilFromDays(d);
        const dim = daysInMonth(year, month);
        if (!rule.byMonthDay.some((md) => (md > 0 ? md : dim + md + 1) === day)) return [];
      }
      return [d];
    }
    case 'WEEKLY': {
      const weekStart =
        rule.start - ((weekdayOfDays(rule.start) - rule.weekStart + 7) % 7) + k * 7 * rule.interval;
      const weekdays = rule.byDay ? rule.byDay.map((b) => b.weekday) : [weekdayOfDays(rule.start)];
      const out: number[] = [];
      // As in RFC 5545's reference implementations, the first week begins at the start date itself,
      // so BYSETPOS counts only days from there.
      for (let d = k === 0 ? rule.start : weekStart; d < weekStart + 7; d++)
        if (weekdays.includes(weekdayOfDays(d)) && inMonths(d)) out.push(d);
      return out;
    }
    case 'MONTHLY': {
      const index = m0 - 1 + k * rule.interval;
      const year = y0 + Math.floor(index / 12);
      const month = (index % 12) + 1;
      if (rule.byMonth && !rule.byMonth.includes(month)) return [];
      return monthDays(rule, year, month, d0);
    }
    case 'YEARLY': {
      const year = y0 + k * rule.interval;
      if (rule.byMonth) return rule.byMonth.flatMap((month) => monthDays(rule, year, month, d0));
      if (rule.byMonthDay) {
        const out: number[] = [];
        for (let month = 1; month <= 12; month++) out.push(...monthDays(rule, year, month, d0));
        return out;
      }
      if (rule.byDay)
        return weekdaysIn(daysFromCivil(year, 1, 1), daysFromCivil(year, 12, 31), rule.byDay);
      return d0 <= daysInMonth(year, m0) ? [daysFromCivil(year, m0, d0)] : [];
    }
  }
}

function periodDays(rule: RecurrenceRule, k: number): number[] {
  const days = [...new Set(periodCandidates(rule, k))].sort((a, b) => a - b);
  if (!rule.bySetPos) return days;
  const picked = new Set<number>();
  for (const pos of rule.bySetPos) {
    const d = days[pos > 0 ? pos - 1 : days.length + pos];
    if (d !== undefined) picked.add(d);
  }
  return [...picked].sort((a, b) => a - b);
}

/** First day of period `k` (a lower bound on its candidates). */
function periodStart(rule: RecurrenceRule, k: number): number {
  const { year: y0, month: m0 } = civilFromDays(rule.start);
  switch (rule.freq) {
    case 'DAILY':
      return rule.start + k * rule.interval;
    case 'WEEKLY':
      return (
        rule.start - ((weekdayOfDays(rule.start) - rule.weekStart + 7) % 7) + k * 7 * rule.interval
      );
    case 'MONTHLY': {
      const index = m0 - 1 + k * rule.interval;
      return daysFromCivil(y0 + Math.floor(index / 12), (index % 12) + 1, 1);
    }
    case 'YEARLY':
      return daysFromCivil(y0 + k * rule.interval, 1, 1);
  }
}

/** The first period that can hold `day` (rules without COUNT start their walk there). */
function periodOf(rule: RecurrenceRule, day: number): number {
  if (day <= rule.start) return 0;
  const a = civilFromDays(rule.start);
  const b = civilFromDays(day);
  const span =
    rule.freq === 'DAILY'
      ? day - rule.start
      : rule.freq === 'WEEKLY'
        ? Math.floor((day - periodStart(rule, 0)) / 7)
        : rule.freq === 'MONTHLY'
          ? (b.year - a.year) * 12 + b.month - a.month
          : b.year - a.year;
  return Math.max(0, Math.floor(span / rule.interval));
}

/** Host-local epoch days in `[fromDay, toDay]` on which `rule` occurs. */
export function occurrenceDays(rule: RecurrenceRule, fromDay: number, toDay: number): number[] {
  const last = rule.until === undefined ? toDay : Math.min(toDay, rule.until);
  const out: number[] = [];
  // COUNT counts from the first occurrence, so only then must the walk begin at the start.
  let seen = 0;
  for (
    let k = rule.count === undefined ? periodOf(rule, fromDay) : 0;
    periodStart(rule, k) <= last;
    k++
  ) {
    for (const day of periodDays(rule, k)) {
      if (day < rule.start || day > last) continue;
      if (rule.count !== undefined && ++seen > rule.count) return out;
      if (day >= fromDay) out.push(day);
    }
  }
  return out;
}
