import { describe, expect, it } from 'vitest';
import {
  buildCancellationEmail,
  buildConfirmationEmail,
  buildHostNoticeEmail,
  buildReminderEmail,
  buildRescheduleEmail,
  type BookingMessageInput,
} from './messages.js';
import { messageInput } from './test-support/fixtures.js';

/** ICU puts thin and narrow no-break spaces around the dash and before AM. */
const plain = (s: string) => s.replace(/[\u2009\u202f\u00a0]/g, ' ');

const base = messageInput({
  selfService: { rescheduleUrl: 'https://w.test/r/x', cancelUrl: 'https://w.test/c/x' },
  bookingPageUrl: 'https://w.test/book/intro',
  dashboardUrl: 'https://w.test/calendar',
  link: { title: 'Intro call', description: 'A first talk.' },
});

/** The fixture's booking (13:00–13:30 UTC, 14:00 in Berlin) in the attendee's language and clock. */
function attendee(
  attendeeLocale: string | null,
  attendeeHourCycle: 'h12' | 'h23' | null = null,
  more: Partial<BookingMessageInput> = {},
): BookingMessageInput {
  return {
    ...base,
    ...more,
    booking: {
      ...base.booking,
      start: Date.parse('2026-11-09T13:00:00Z'),
      end: Date.parse('2026-11-09T13:30:00Z'),
      attendeeTimeZone: 'Europe/Berlin',
      meetingUrl: 'https://meet.test/abc',
      cancelReason: 'Krank',
      attendeeLocale,
      attendeeHourCycle,
    },
  };
}

/** The text body's line for a label (`Label: value`; French `Label : value`, Japanese `Label：value`). */
const line = (text: string, label: string, separator = ': '): string | undefined =>
  plain(text)
    .split('\n')
    .find((l) => l.startsWith(`${label}${separator}`));

describe('attendee emails in the attendee language', () => {
  it('German confirmation: subject, heading, labels, lang, 24-hour time and a German date', () => {
    const email = buildConfirmationEmail(attendee('de', 'h23'));
    expect(email.subject).toBe('Bestätigt: Intro call mit Ana');
    expect(email.html).toMatch(/^<!doctype html><html lang="de"><head>/);
    expect(email.html).toContain('<title>Ihr Termin ist gebucht</title>');
    expect(email.text).toContain(
      'Hallo Ada "Countess" Lovelace, Ihr Termin mit Ana ist bestätigt.',
    );
    expect(line(email.text, 'Was')).toBe('Was: Intro call');
    expect(line(email.text, 'Wann')).toBe(
      'Wann: Montag, 9. November 2026, 14:00–14:30 Uhr MEZ (Europe/Berlin)',
    );
    expect(line(email.text, 'Mit')).toBe('Mit: Ana');
    expect(line(email.text, 'Wo')).toBe('Wo: https://meet.test/abc');
    expect(line(email.text, 'Worum es geht')).toBe('Worum es geht: A first talk.');
    expect(email.text).toContain('Verschieben: https://w.test/r/x');
    expect(email.text).toContain('Absagen: https://w.test/c/x');
    expect(email.text).toContain('An der Besprechung teilnehmen: https://meet.test/abc');
    expect(email.html).toContain('>Wann</td>');
    expect(email.text).not.toMatch(/\b(What|When|With|Reschedule)\b/);
  });

  it('German with a 12-hour clock shows 2:00 PM', () => {
    const email = buildConfirmationEmail(attendee('de', 'h12'));
    expect(line(email.text, 'Wann')).toContain('2:00–2:30 PM');
  });

  it('Japanese reminder', () => {
    const email = buildReminderEmail(attendee('ja'));
    expect(email.subject).toBe('リマインダー：明日のAnaとのIntro call');
    expect(email.html).toMatch(/^<!doctype html><html lang="ja"><head>/);
    expect(email.html).toContain('<h1 style="font-size:20px">ミーティングは明日です</h1>');
    expect(email.text).toContain(
      'Ada "Countess" Lovelace 様、Anaとのミーティングのリマインダーです。',
    );
    const when = line(email.text, '日時', '：');
    // The long Japanese date (the range pattern alone would shorten it to 2026/11/9).
    expect(when).toContain('2026年11月9日月曜日 14時00分～14時30分');
    expect(when).toMatch(/^日時：/);
    expect(email.text).toContain('日時を変更：https://w.test/r/x');
    expect(email.ics).toBeNull();
  });

  it('lists several hosts as the language does', () => {
    const coHosts = [
      { name: 'Ben', email: 'ben@example.com', timeZone: 'UTC' },
      { name: 'Dee', email: 'dee@example.com', timeZone: 'UTC' },
    ];
    expect(buildConfirmationEmail(attendee('de', null, { coHosts })).subject).toBe(
      'Bestätigt: Intro call mit Ana, Ben und Dee',
    );
    expect(buildConfirmationEmail(attendee('ja', null, { coHosts })).subject).toBe(
      '確定：Ana、Ben、DeeとのIntro call',
    );
    // English keeps its own list form (no serial comma), as before.
    expect(buildConfirmationEmail(attendee('en-US', null, { coHosts })).subject).toBe(
      'Confirmed: Intro call with Ana, Ben and Dee',
    );
  });

  it('en-GB puts the day before the month', () => {
    const email = buildConfirmationEmail(attendee('en-GB'));
    expect(email.subject).toBe('Confirmed: Intro call with Ana');
    expect(email.html).toMatch(/<html lang="en-GB">/);
    expect(line(email.text, 'When')).toBe(
      'When: Monday, 9 November 2026, 14:00–14:30 CET (Europe/Berlin)',
    );
  });

  it('en with h23 keeps US dates on a 24-hour clock', () => {
    const email = buildConfirmationEmail(attendee('en', 'h23'));
    expect(line(email.text, 'When')).toBe(
      'When: Monday, November 9, 2026, 14:00 – 14:30 GMT+1 (Europe/Berlin)',
    );
  });

  it('a null locale gives the English email of before', () => {
    const email = buildConfirmationEmail(attendee(null));
    expect(email.subject).toBe('Confirmed: Intro call with Ana');
    expect(email.html).toMatch(/^<!doctype html><html lang="en"><head>/);
    expect(plain(email.text)).toBe(
      [
        'Your meeting is booked',
        '',
        'Hi Ada "Countess" Lovelace, your meeting with Ana is confirmed.',
        '',
        'What: Intro call',
        'When: Monday, November 9, 2026, 2:00 – 2:30 PM GMT+1 (Europe/Berlin)',
        'With: Ana',
        'Where: https://meet.test/abc',
        'About: A first talk.',
        '',
        'Join the meeting: https://meet.test/abc',
        'Reschedule: https://w.test/r/x',
        'Cancel: https://w.test/c/x',
        '',
        'The attached invitation adds this meeting to your calendar.',
        '',
      ].join('\n'),
    );
    // Absent fields and null ones give the same email.
    const { attendeeLocale: _l, attendeeHourCycle: _h, ...booking } = attendee(null).booking;
    expect(buildConfirmationEmail({ ...attendee(null), booking })).toEqual(email);
  });

  it('a German reschedule: new time, the old one, and the footer about old links', () => {
    const input = attendee('de', 'h23', {
      previous: {
        start: Date.parse('2026-11-06T08:00:00Z'),
        end: Date.parse('2026-11-06T08:30:00Z'),
      },
    });
    const email = buildRescheduleEmail(input, 'attendee');
    expect(email.subject).toBe('Verschoben: Intro call mit Ana');
    expect(line(email.text, 'Bisher')).toBe(
      'Bisher: Freitag, 6. November 2026, 09:00–09:30 Uhr MEZ (Europe/Berlin)',
    );
    expect(email.text).toContain(
      'Links aus früheren E-Mails funktionieren nicht mehr; verwenden Sie die Links oben.',
    );
    const noLinks = buildRescheduleEmail({ ...input, selfService: null }, 'attendee');
    expect(noLinks.text).toContain(
      'Mit der angehängten Einladung tragen Sie diesen Termin in Ihren Kalender ein.',
    );
  });

  it('a French cancellation: no place, the reason, and a link to book again', () => {
    const email = buildCancellationEmail(attendee('fr'), 'attendee');
    expect(email.subject).toBe('Annulé : Intro call avec Ana');
    expect(email.html).toMatch(/<html lang="fr">/);
    expect(email.text).not.toContain('Où');
    expect(line(email.text, 'Motif', ' : ')).toBe('Motif : Krank');
    expect(line(email.text, 'Quand', ' : ')).toBe(
      'Quand : lundi 9 novembre 2026, 14:00 – 14:30 UTC+1 (Europe/Berlin)',
    );
    expect(email.text).toContain('Réserver un autre créneau : https://w.test/book/intro');
    expect(email.ics?.method).toBe('CANCEL');
  });
});

describe('host emails stay English', () => {
  const german = attendee('de-DE', 'h23', {
    previous: {
      start: Date.parse('2026-11-06T08:00:00Z'),
      end: Date.parse('2026-11-06T08:30:00Z'),
    },
  });
  const none = {
    ...german,
    booking: { ...german.booking, attendeeLocale: null, attendeeHourCycle: null },
  };

  it('the notice of a German-speaking attendee’s booking is the English one', () => {
    const email = buildHostNoticeEmail(german);
    expect(email).toEqual(buildHostNoticeEmail(none));
    expect(email.subject).toBe('New booking: Intro call with Ada "Countess" Lovelace');
    expect(email.html).toMatch(/^<!doctype html><html lang="en"><head>/);
    expect(line(email.text, 'When')).toBe(
      'When: Monday, November 9, 2026, 2:00 – 2:30 PM GMT+1 (Europe/Berlin)',
    );
  });

  it('so are the host’s reschedule and cancellation notices', () => {
    expect(buildRescheduleEmail(german, 'host')).toEqual(buildRescheduleEmail(none, 'host'));
    expect(buildCancellationEmail(german, 'host')).toEqual(buildCancellationEmail(none, 'host'));
    expect(buildCancellationEmail(german, 'host').text).toContain('Reason: Krank');
  });
});
