import type { JobKind } from '@workestra/booking-core';

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
