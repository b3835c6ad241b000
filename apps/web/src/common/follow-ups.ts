import type { JobKind } from '@workestra/booking-core';
import type { FollowUp } from './types';

/**
 * What each follow-up of a booking is, in the host's words; typed by booking-core's job kinds, so
 * a new kind without a label does not compile.
 */
export const FOLLOW_UP_LABELS: Readonly<Record<JobKind, string>> = {
  'crm.sync': 'CRM update',
  'calendar.create': 'calendar event',
  'calendar.update': 'calendar event update',
  'calendar.delete': 'calendar event removal',
  'email.confirmation': 'confirmation',
  'email.host-notice': 'new-booking notice',
  'email.reminder': 'reminder',
  'email.reschedule': 'reschedule notice',
  'email.cancellation': 'cancellation notice',
};

/** The label of a job kind as the server names it; an unknown one is shown as it came. */
export function followUpLabel(kind: string): string {
  return (FOLLOW_UP_LABELS as Record<string, string>)[kind] ?? kind;
}

/**
 * What a booking's details say of one follow-up, or null when there is nothing to say: done,
 * cancelled, and not yet tried (e.g. a reminder that is due later) stay quiet; a retry and a
 * failure are told with the error, and a retry with when it is tried next (`when` formats it).
 *
 * @example
 * followUpLine(job, (iso) => formatDateTime(iso, zone));
 * // 'Calendar event: retrying after an error (attempt 2 of 8): HTTP 503; next try Wed, Nov 4, 9:05 AM'
 */
export function followUpLine(f: FollowUp, when: (iso: string) => string): string | null {
  const name = followUpLabel(f.kind);
  const title = name.charAt(0).toUpperCase() + name.slice(1);
  const error = f.lastError ? `: ${f.lastError}` : '';
  if (f.status === 'failed')
    return `${title}: failed after ${f.attempts} ${f.attempts === 1 ? 'attempt' : 'attempts'}${error}`;
  if (f.status === 'pending' && f.attempts > 0) {
    const next = f.nextAttemptAt ? `; next try ${when(f.nextAttemptAt)}` : '';
    return `${title}: retrying after an error (attempt ${f.attempts + 1} of ${f.maxAttempts})${error}${next}`;
  }
  if (f.status === 'running' && f.attempts > 1)
    return `${title}: retrying now (attempt ${f.attempts} of ${f.maxAttempts})${error}`;
  return null;
}
