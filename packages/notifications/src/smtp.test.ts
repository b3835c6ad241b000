import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { renderEmail } from './render.js';
import { createSmtpTransport } from './smtp-transport.js';
import { parseIcs } from './test-support/ical.js';
import { startSmtpSink, type Received } from './test-support/smtp-sink.js';
import { drain, MON2_9, PUBLIC_URL, world } from './test-support/world.js';

const HOUR = 3_600_000;

/** The calendar parts of a parsed message: the text/calendar alternative and the .ics attachment. */
function calendarParts(mail: ParsedMail) {
  const alternative = mail.attachments.find((a) => a.contentType === 'text/calendar');
  const attachment = mail.attachments.find((a) => a.contentType === 'application/ics');
  return { alternative, attachment };
}

const byRecipient = (received: Received[], email: string) =>
  received.filter((r) => r.rcptTo.includes(email));

describe('booking emails over real SMTP', () => {
  it('confirms to the attendee and notifies the host with one REQUEST invite', async () => {
    await using sink = await startSmtpSink();
    const w = await world();
    const transport = createSmtpTransport({ host: '127.0.0.1', port: sink.port });
    const { booking } = await w.book(MON2_9, {
      name: 'Ada <script>alert(1)</script>, "the"; Countess X-Evil: 1',
      timeZone: 'America/New_York',
    });
    await drain(w.runner(transport));

    expect(sink.received).toHaveLength(2);
    const [toAttendee] = byRecipient(sink.received, 'ada@example.com');
    const [toHost] = byRecipient(sink.received, 'ana@example.com');
    if (!toAttendee || !toHost) throw new Error('missing message');

    const a = toAttendee.mail;
    expect(a.subject).toBe('Confirmed: Intro call with Ana <b>Host</b>');
    expect(a.from?.value[0]).toMatchObject({
      name: 'Workestra',
      address: 'no-reply@workestra.test',
    });
    expect(a.to && !Array.isArray(a.to) ? a.to.value[0]?.address : null).toBe('ada@example.com');
    expect(a.replyTo?.value[0]?.address).toBe('ana@example.com');
    expect(a.messageId).toMatch(/^<[0-9a-f]{32}@workestra\.test>$/);
    expect(a.headers.get('x-evil')).toBeUndefined();
    // The attendee's zone: 09:00 UTC is 4:00 AM in New York (EST).
    expect(a.text).toContain('Monday, November 9, 2026, 4:00');
    expect(a.text).toContain('(America/New_York)');
    expect(a.html).not.toContain('<script>');
    expect(a.html).toContain('&lt;script&gt;');
    expect(a.html).toContain('Ana &lt;b&gt;Host&lt;/b&gt;');

    // Working self-service links, in plain text and HTML.
    const links = /\/book\/reschedule\/([A-Za-z0-9_-]+)/.exec(a.text ?? '');
    expect(links).not.toBeNull();
    expect(a.html).toContain(`${PUBLIC_URL}/book/reschedule/${links?.[1]}`);
    const view = await w.core.viewToken({ token: links?.[1] ?? '', purpose: 'reschedule' });
    expect(view.booking.start).toBe(booking.start);

    // The text/calendar alternative's method equals METHOD; the same .ics is attached.
    const { alternative, attachment } = calendarParts(a);
    expect(toAttendee.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(alternative?.content.toString('utf8')).toBe(attachment?.content.toString('utf8'));
    expect(attachment?.filename).toBe('invite.ics');
    const { calendar, vevent } = parseIcs(attachment?.content.toString('utf8') ?? '');
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevent.getFirstPropertyValue('uid')).toBe(booking.icalUid);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(vevent.getFirstProperty('attendee')?.getParameter('cn')).toBe(
      `Ada <script>alert(1)</script>, 'the'; Countess X-Evil: 1`,
    );

    const h = toHost.mail;
    expect(h.subject).toMatch(/^New booking: Intro call with Ada <script>/);
    // The host's zone: 09:00 UTC is 10:00 AM in Berlin.
    expect(h.text).toContain('Monday, November 9, 2026, 10:00');
    expect(h.text).not.toContain('/book/reschedule/'); // the attendee's links are the attendee's
    expect(calendarParts(h).attachment?.content.toString('utf8')).toContain('METHOD:REQUEST');
    expect(await w.ledger.findMessage(`${booking.id}:email.confirmation:0:attendee`)).toMatchObject(
      {
        status: 'sent',
        recipient: 'ada@example.com',
        messageId: a.messageId,
      },
    );
  });

  it('sends the updated invite on reschedule (same UID, SEQUENCE 1) and a CANCEL on cancel', async () => {
    await using sink = await startSmtpSink();
    const w = await world();
    const transport = createSmtpTransport({ host: '127.0.0.1', port: sink.port });
    const { booking, tokens } = await w.book();
    await drain(w.runner(transport));
    sink.received.length = 0;

    await w.core.reschedule({ token: tokens.reschedule, start: MON2_9 + 2 * HOUR });
    await drain(w.runner(transport));
    expect(sink.received).toHaveLength(2);
    for (const r of sink.received) {
      const ics = calendarParts(r.mail).attachment?.content.toString('utf8') ?? '';
      const { calendar, vevent } = parseIcs(ics);
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(vevent.getFirstPropertyValue('uid')).toBe(booking.icalUid);
      expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
      expect(ics).toContain('DTSTART:20261109T110000Z');
      expect(r.mail.subject).toMatch(/^Rescheduled: Intro call with /);
    }
    const [notice] = byRecipient(sink.received, 'ada@example.com');
    expect(notice?.mail.text).toContain('Was: Monday, November 9, 2026, 4:00');
    // New links work; the old ones say the meeting moved (tokens rotated).
    const cancelToken = /\/book\/cancel\/([A-Za-z0-9_-]+)/.exec(notice?.mail.text ?? '')?.[1] ?? '';
    expect(cancelToken).not.toBe(tokens.cancel);
    await expect(w.core.cancel({ token: tokens.cancel })).rejects.toMatchObject({
      code: 'BOOKING_MOVED',
    });
    sink.received.length = 0;

    await w.core.cancel({ token: cancelToken, reason: 'Sorry; <i>ill</i>' });
    await drain(w.runner(transport));
    expect(sink.received).toHaveLength(2);
    for (const r of sink.received) {
      const { alternative, attachment } = calendarParts(r.mail);
      expect(r.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i);
      const { calendar, vevent } = parseIcs(alternative?.content.toString('utf8') ?? '');
      expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
      expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
      expect(vevent.getFirstPropertyValue('uid')).toBe(booking.icalUid);
      expect(attachment?.filename).toBe('cancel.ics');
      expect(r.mail.html).toContain('Sorry; &lt;i&gt;ill&lt;/i&gt;');
    }
    // The reminders of both sequences were cancelled with the booking: none was ever sent.
    expect(
      (await w.jobs.listJobs()).filter((j) => j.kind === 'email.reminder').map((j) => j.status),
    ).toEqual(['cancelled', 'cancelled']);
  });

  it('retries after a 451 and sends exactly once', async () => {
    await using sink = await startSmtpSink();
    const w = await world();
    const transport = createSmtpTransport({ host: '127.0.0.1', port: sink.port });
    const { booking } = await w.book();
    sink.rejectNext(1, 451);
    const runner = w.runner(transport);
    const first = await runner.runOnce();
    expect(first.retried).toBe(1); // one of confirmation / host notice was refused
    expect(sink.received).toHaveLength(1);
    w.clock.advance(5_000);
    await drain(runner);
    expect(sink.received).toHaveLength(2);
    const ids = sink.received.map((r) => r.mail.messageId);
    expect(new Set(ids).size).toBe(2);
    const records = await Promise.all(
      ['email.confirmation:0:attendee', 'email.host-notice:0:host'].map((k) =>
        w.ledger.findMessage(`${booking.id}:${k}`),
      ),
    );
    expect(records.map((r) => r?.status)).toEqual(['sent', 'sent']);
    expect(records.map((r) => r?.attempts).sort()).toEqual([1, 2]);
  });

  it('records an unknown outcome (connection lost after DATA), never resends it, lists it for the host', async () => {
    await using sink = await startSmtpSink();
    const w = await world();
    const transport = createSmtpTransport({ host: '127.0.0.1', port: sink.port });
    const { booking } = await w.book();
    await w.core.cancelBookingAsHost(w.host, { bookingId: booking.id }); // leaves one job per side
    const runner = w.runner(transport);
    await drain(runner); // confirmation + host notice are stale now; cancellation sends 2
    sink.received.length = 0;

    const { booking: second } = await w.book(MON2_9 + HOUR);
    sink.hangUpAfterNextData();
    const report = await runner.runOnce();
    // Retrying cannot decide it, so the job completes: no retry, no false failure.
    expect(report).toMatchObject({ succeeded: report.claimed, retried: 0, failed: 0 });
    const key = `${second.id}:email.confirmation:0:attendee`;
    const hostKey = `${second.id}:email.host-notice:0:host`;
    const records = [await w.ledger.findMessage(key), await w.ledger.findMessage(hostKey)];
    expect(records.map((r) => r?.status).sort()).toEqual(['sent', 'unknown']);
    const before = sink.received.length;
    for (let i = 0; i < 10; i++) {
      w.clock.advance(120_000);
      await runner.runOnce();
    }
    expect(sink.received.length).toBe(before); // never re-sent
    expect(await w.jobs.listJobs({ status: 'failed' })).toEqual([]);
    const { events, booking: intact } = await w.core.getBooking(w.host, second.id);
    expect(intact.status).toBe('confirmed');
    expect(events.map((e) => e.type)).toEqual(['created']);
    // Visible instead: listed for the host, with the error.
    const undecided = await w.ledger.listUncertainMessages({ owner: w.host });
    expect(undecided).toHaveLength(1);
    expect(undecided[0]).toMatchObject({
      status: 'unknown',
      bookingId: second.id,
      lastError: expect.stringMatching(/SMTP outcome unknown/),
    });
  });

  it('sends the bytes built before the claim, unchanged', async () => {
    await using sink = await startSmtpSink();
    const transport = createSmtpTransport({ host: '127.0.0.1', port: sink.port });
    const email = await renderEmail({
      from: 'Workestra <no-reply@workestra.test>',
      to: { name: 'Ada', email: 'ada@example.com' },
      replyTo: null,
      subject: 'Hello',
      text: 'Hello\n.\nA line with a lone dot above',
      html: '<p>Hello</p>',
      messageId: '<fixed@workestra.test>',
      ics: null,
    });
    await transport.send(email);
    expect(sink.received).toHaveLength(1);
    // SMTP adds nothing to the message and takes nothing away (dot-stuffing is undone by the server).
    expect(sink.received[0]?.raw.replace(/\r\n$/, '')).toBe(email.raw.replace(/\r\n$/, ''));
    expect(sink.received[0]?.rcptTo).toEqual(['ada@example.com']);
    expect(sink.received[0]?.mail.messageId).toBe('<fixed@workestra.test>');
  });
});
