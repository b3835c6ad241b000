// The link form's field errors: the server names a weekday's windows by path
// (`weeklyHours.monday[1].end`), which the form shows at that day's row, naming the day.
import type { Weekday } from '../common/types';
import type { FieldIssue } from '../common/api';
import { linkIssueKey } from '../common/form-fields';
import { WEEKDAYS } from './weekly-hours';

/** Errors by field key; a weekday's are keyed `weeklyHours.<day>`. */
export type LinkErrors = Record<string, string>;

/**
 * The error key of a weekday's windows.
 *
 * @example
 * dayErrorKey('monday'); // 'weeklyHours.monday'
 */
export function dayErrorKey(day: Weekday): string {
  return `weeklyHours.${day}`;
}

/**
 * The weekday a server path points into (`weeklyHours.monday[1]`, `['weeklyHours', 'monday', 1]`),
 * or null for any other field.
 *
 * @example
 * weekdayOfPath('weeklyHours.tuesday[0].end'); // 'tuesday'
 */
export function weekdayOfPath(path: FieldIssue['path']): Weekday | null {
  const parts = Array.isArray(path) ? path.map(String) : String(path).split(/[.[\]]+/);
  if (parts[0] !== 'weeklyHours') return null;
  const day = parts[1];
  return WEEKDAYS.find((d) => d === day) ?? null;
}

const dayName = (day: Weekday): string => day.charAt(0).toUpperCase() + day.slice(1);

/**
 * A message that names its day: "Monday: windows of one day must not overlap".
 *
 * @example
 * dayMessage('monday', 'windows of one day must not overlap');
 */
export function dayMessage(day: Weekday, message: string): string {
  return `${dayName(day)}: ${message}`;
}

/**
 * The server's field issues keyed for the form: the first message of each field, a weekday's under
 * {@link dayErrorKey} with the day named.
 *
 * @example
 * issuesToErrors([{ path: 'weeklyHours.monday', message: 'windows of one day must not overlap' }]);
 * // { 'weeklyHours.monday': 'Monday: windows of one day must not overlap' }
 */
export function issuesToErrors(issues: readonly FieldIssue[]): LinkErrors {
  const errors: LinkErrors = {};
  for (const issue of issues) {
    const day = weekdayOfPath(issue.path);
    if (day) errors[dayErrorKey(day)] ??= dayMessage(day, issue.message);
    else errors[linkIssueKey(issue.path)] ??= issue.message;
  }
  return errors;
}
