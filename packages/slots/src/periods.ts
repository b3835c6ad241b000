import { civilFromDays, daysFromCivil, weekdayOfDays } from './calendar.js';
import type { RecurrenceRule } from './rrule.js';

/*
 * The periods of a rule (its days, weeks, months or years, numbered from 0 at the start) and the
 * dates each one yields. Candidates are marked in a day mask and read back in order, so a period
 * costs one pass over its days: no sorting, no sets, however long its BY-lists are.
 */

const daysInMonth = (year: number, month: number): number =>
  daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
  daysFromCivil(year, month, 1);

/** Scratch masks, indexed by day of the month or of the year (1-based); cleared after each use. */
const dayMask = new Uint8Array(368);
const weekdayMask = new Uint8Array(368);

/** Marks the days of `[1, length]` (day 1 = epoch day `first`) that `byDay` selects. */
function markWeekdays(
  mask: Uint8Array,
  first: number,
  length: number,
  byDay: NonNullable<RecurrenceRule['byDay']>,
): void {
  for (const { weekday, n } of byDay) {
    const firstHit = 1 + ((weekday - weekdayOfDays(first) + 7) % 7);
    if (n === 0) {
      for (let d = firstHit; d <= length; d += 7) mask[d] = 1;
    } else {
      const total = firstHit > length ? 0 : Math.floor((length - firstHit) / 7) + 1;
      const index = n > 0 ? n - 1 : total + n;
      if (index >= 0 && index < total) mask[firstHit + index * 7] = 1;
    }
  }
}

/** Appends the days of one month that BYMONTHDAY / BYDAY select (both: their intersection). */
function pushMonthDays(
  rule: RecurrenceRule,
  year: number,
  month: number,
  defaultDay: number,
  out: number[],
): void {
  const first = daysFromCivil(year, month, 1);
  const dim = daysInMonth(year, month);
  if (!rule.byMonthDay && !rule.byDay) {
    if (defaultDay <= dim) out.push(first + defaultDay - 1);
    return;
  }
  if (rule.byMonthDay) {
    for (const md of rule.byMonthDay) {
      const dom = md > 0 ? md : dim + md + 1;
      if (dom >= 1 && dom <= dim) dayMask[dom] = 1;
    }
  }
  if (rule.byDay) markWeekdays(weekdayMask, first, dim, rule.byDay);
  for (let dom = 1; dom <= dim; dom++) {
    const hit = rule.byMonthDay
      ? dayMask[dom] === 1 && (!rule.byDay || weekdayMask[dom] === 1)
      : weekdayMask[dom] === 1;
    if (hit) out.push(first + dom - 1);
    dayMask[dom] = 0;
    weekdayMask[dom] = 0;
  }
}

/**
 * Whether a DAILY rule's period holding epoch day `d` (civil `year`-`month`-`day`) yields it:
 * the BY-parts filter the one day, and BYSETPOS keeps it only at position 1 or -1.
 */
export function dailyYields(
  rule: RecurrenceRule,
  d: number,
  year: number,
  month: number,
  day: number,
): boolean {
  const masks = rule.masks;
  if (masks.month && masks.month[month] !== 1) return false;
  if (
    masks.monthDay &&
    masks.monthDay[day] !== 1 &&
    masks.fromEnd![daysInMonth(year, month) - day + 1] !== 1
  )
    return false;
  if (masks.weekday && masks.weekday[weekdayOfDays(d)] !== 1) return false;
  return !rule.bySetPos || rule.bySetPos.some((pos) => pos === 1 || pos === -1);
}

/**
 * Visits the days of a DAILY rule's periods `k, k + 1, ...` up to epoch day `last`, in order,
 * until `visit` returns false. The civil date is carried along rather than recomputed, so a day
 * costs a few additions; returns the number of periods visited.
 */
export function walkDaily(
  rule: RecurrenceRule,
  k: number,
  last: number,
  visit: (day: number, year: number, month: number, dom: number) => boolean,
): number {
  let d = rule.start + k * rule.interval;
  if (d > last) return 0;
  let { year, month, day } = civilFromDays(d);
  let dim = daysInMonth(year, month);
  let visited = 0;
  for (; d <= last; d += rule.interval) {
    visited++;
    if (!visit(d, year, month, day)) break;
    day += rule.interval;
    while (day > dim) {
      day -= dim;
      month = month === 12 ? 1 : month + 1;
      if (month === 1) year++;
      dim = daysInMonth(year, month);
    }
  }
  return visited;
}

/** Replaces `out` with the candidate days of period `k`, sorted and distinct, before BYSETPOS. */
function candidates(rule: RecurrenceRule, k: number, out: number[]): void {
  out.length = 0;
  const { y0, m0, d0 } = rule;
  switch (rule.freq) {
    case 'DAILY': {
      const d = rule.start + k * rule.interval;
      const { year, month, day } = civilFromDays(d);
      if (dailyYields(rule, d, year, month, day)) out.push(d);
      return;
    }
    case 'WEEKLY': {
      const weekStart = periodStart(rule, k);
      const startWeekday = weekdayOfDays(rule.start);
      // As in RFC 5545's reference implementations, the first week begins at the start date itself,
      // so BYSETPOS counts only days from there.
      for (let d = k === 0 ? rule.start : weekStart; d < weekStart + 7; d++) {
        const weekday = weekdayOfDays(d);
        if (rule.byDay ? !rule.byDay.some((b) => b.weekday === weekday) : weekday !== startWeekday)
          continue;
        if (rule.byMonth && !rule.byMonth.includes(civilFromDays(d).month)) continue;
        out.push(d);
      }
      return;
    }
    case 'MONTHLY': {
      const index = m0 - 1 + k * rule.interval;
      const month = (index % 12) + 1;
      if (rule.byMonth && !rule.byMonth.includes(month)) return;
      pushMonthDays(rule, y0 + Math.floor(index / 12), month, d0, out);
      return;
    }
    case 'YEARLY': {
      const year = y0 + k * rule.interval;
      if (rule.byMonth) {
        for (const month of rule.byMonth) pushMonthDays(rule, year, month, d0, out);
      } else if (rule.byMonthDay) {
        for (let month = 1; month <= 12; month++) pushMonthDays(rule, year, month, d0, out);
      } else if (rule.byDay) {
        const first = daysFromCivil(year, 1, 1);
        const length = daysFromCivil(year + 1, 1, 1) - first;
        markWeekdays(weekdayMask, first, length, rule.byDay);
        for (let d = 1; d <= length; d++) {
          if (weekdayMask[d] === 1) out.push(first + d - 1);
          weekdayMask[d] = 0;
        }
      } else if (d0 <= daysInMonth(year, m0)) {
        out.push(daysFromCivil(year, m0, d0));
      }
      return;
    }
  }
}

const scratch: number[] = [];

/**
 * Replaces `out` with the days period `k` yields, sorted and distinct (BYSETPOS applied; days
 * before the rule's start are left for the caller to drop, as RFC 5545 counts them in the set).
 */
export function periodDays(rule: RecurrenceRule, k: number, out: number[]): void {
  if (!rule.bySetPos || rule.freq === 'DAILY') {
    candidates(rule, k, out);
    return;
  }
  candidates(rule, k, scratch);
  out.length = 0;
  const n = scratch.length;
  // Positions pick indexes; mark them in order so that the result stays sorted and distinct.
  for (const pos of rule.bySetPos) {
    const index = pos > 0 ? pos - 1 : n + pos;
    if (index >= 0 && index < n) dayMask[index] = 1;
  }
  for (let i = 0; i < n; i++) {
    if (dayMask[i] === 1) out.push(scratch[i] as number);
    dayMask[i] = 0;
  }
}

/** First day of period `k` (a lower bound on its candidates). */
export function periodStart(rule: RecurrenceRule, k: number): number {
  const { y0, m0 } = rule;
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

/** The first period that can hold `day`. */
export function periodOf(rule: RecurrenceRule, day: number): number {
  if (day <= rule.start) return 0;
  const a = { year: rule.y0, month: rule.m0 };
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
