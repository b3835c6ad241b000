import type { BookingMessageInput } from '../messages.js';

/** A booking message input with hostile names everywhere; override what a test needs. */
export function messageInput(overrides: Partial<BookingMessageInput> = {}): BookingMessageInput {
  return {
    booking: {
      start: Date.parse('2026-11-09T09:00:00Z'),
      end: Date.parse('2026-11-09T09:30:00Z'),
      attendeeName: 'Ada "Countess" Lovelace',
      attendeeEmail: 'ada@example.com',
      attendeeTimeZone: 'America/New_York',
      icalUid: 'b_1@workestra.test',
      icalSequence: 0,
      meetingUrl: null,
      cancelReason: null,
    },
    link: { title: 'Intro call', description: null },
    host: { name: 'Ana', email: 'ana@example.com', timeZone: 'Europe/Berlin' },
    selfService: null,
    now: Date.parse('2026-11-02T12:00:00Z'),
    ...overrides,
  };
}
