import { describe, expect, it } from 'vitest';
import { buildBookingIcs } from './booking-ics.js';
import {
  buildCancellationEmail,
  buildConfirmationEmail,
  buildHostNoticeEmail,
  buildRescheduleEmail,
} from './messages.js';
import { messageInput } from './test-support/fixtures.js';
import { parseIcs } from './test-support/ical.js';

describe('buildBookingIcs', () => {
  it('is the very calendar object every email attaches: one UID, the current SEQUENCE', () => {
    const input = messageInput({ booking: { ...messageInput().booking, icalSequence: 3 } });
    const download = buildBookingIcs(input, 'REQUEST');
    expect(buildConfirmationEmail(input).ics?.content).toBe(download);
    expect(buildHostNoticeEmail(input).ics?.content).toBe(download);
    expect(buildRescheduleEmail(input, 'attendee').ics?.content).toBe(download);
    expect(buildCancellationEmail(input, 'attendee').ics?.content).toBe(
      buildBookingIcs(input, 'CANCEL'),
    );
    const { calendar, vevent } = parseIcs(download);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevent.getFirstPropertyValue('uid')).toBe('b_1@workestra.test');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
    expect(vevent.getFirstPropertyValue('summary')).toBe(
      'Intro call: Ana and Ada "Countess" Lovelace',
    );
    expect(vevent.getFirstProperty('attendee')?.getFirstValue()).toBe('mailto:ada@example.com');
  });
});
