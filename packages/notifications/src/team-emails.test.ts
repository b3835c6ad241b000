import { describe, expect, it } from 'vitest';
import {
  createFollowUpHandlers,
  followUpJobKey,
  type Booking,
  type Host,
  type JobKind,
  type LinkKind,
} from '@workestra/booking-core';
import { makeBooking, makeHost, makeLink } from '@workestra/booking-core/testing';
import { buildBookingIcs } from './booking-ics.js';
import { createEmailJobHandlers } from './handlers.js';
import { buildConfirmationEmail } from './messages.js';
import { messageInput } from './test-support/fixtures.js';
import { parseIcs } from './test-support/ical.js';
import { recordingTransport } from './test-support/recording-transport.js';
import { drain, FROM, MON2_9, PUBLIC_URL, world } from './test-support/world.js';

/**
 * The email world plus a team link owned by Ana whose members are Ben (Tokyo) and Dee (New York),
 * and one booking of it inserted through the store with its creation emails queued: it went to
 * Ben; on a collective link Dee is its co-host.
 */
async function teamWorld(kind: Exclude<LinkKind, 'solo'>) {
  const w = await world();
  const ana = (await w.store.transaction((tx) => tx.findHost('ws_1', w.host.hostId))) as Host;
  const person = (name: string, timeZone: string) =>
    makeHost({ workspaceId: 'ws_1', name, email: `${name.toLowerCase()}@example.com`, timeZone });
  const ben = person('Ben', 'Asia/Tokyo');
  const dee = person('Dee', 'America/New_York');
  const link = makeLink(ana, {
    kind,
    slug: 'team-call',
    title: 'Team call',
    members: [ben, dee].map((h) => ({
      hostId: h.id,
      weight: 1,
      calendarProvider: 'none' as const,
      timeZone: null,
      weeklyHours: null,
    })),
  });
  const booking: Booking = makeBooking(link, {
    hostId: ben.id,
    coHostIds: kind === 'collective' ? [dee.id] : [],
    start: MON2_9,
    end: MON2_9 + 30 * 60_000,
    blockedStart: MON2_9,
    blockedEnd: MON2_9 + 30 * 60_000,
    attendeeName: 'Ada Lovelace',
  });
  const job = (kind: JobKind) => ({
    kind,
    payload: {
      workspaceId: booking.workspaceId,
      bookingId: booking.id,
      linkId: booking.linkId,
      sequence: booking.icalSequence,
    },
    runAt: w.clock.now(),
    idempotencyKey: followUpJobKey(booking.id, kind, booking.icalSequence),
  });
  await w.store.transaction(async (tx) => {
    await tx.insertHost(ben);
    await tx.insertHost(dee);
    await tx.insertLink(link);
    await tx.insertBooking(booking);
    await tx.enqueueJobs([job('email.confirmation'), job('email.host-notice')], w.clock.now());
  });
  return { ...w, ana, ben, dee, link, booking };
}

describe('team meetings’ emails', () => {
  it('round robin: the attendee meets the member it went to, who alone gets the notice', async () => {
    const t = await teamWorld('round_robin');
    const sent = recordingTransport();
    await drain(t.runner(sent));
    expect(sent.sent.map((m) => [m.to.email, m.subject])).toEqual([
      ['ada@example.com', 'Confirmed: Team call with Ben'],
      ['ben@example.com', 'New booking: Team call with Ada Lovelace'],
    ]);
    const confirmation = sent.sent[0];
    expect(confirmation?.text).toContain('With: Ben');
    expect(confirmation?.replyTo?.email).toBe('ben@example.com');
    const { vevent } = parseIcs(confirmation?.ics?.content ?? '');
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:ben@example.com');
    expect(vevent.getAllProperties('attendee').map((p) => p.getFirstValue())).toEqual([
      'mailto:ada@example.com',
    ]);
    // Ben's notice is in Ben's zone (Tokyo).
    expect(sent.sent[1]?.text).toMatch(/When: .* 6:00.*PM.*\(Asia\/Tokyo\)/);
  });

  it('collective: the host and each co-host get their own notice, once; the invite lists the co-hosts', async () => {
    const t = await teamWorld('collective');
    const sent = recordingTransport();
    const runner = t.runner(sent);
    await drain(runner);
    expect(sent.sent.map((m) => [m.to.email, m.subject])).toEqual([
      ['ada@example.com', 'Confirmed: Team call with Ben and Dee'],
      ['ben@example.com', 'New booking: Team call with Ada Lovelace'],
      ['dee@example.com', 'New booking: Team call with Ada Lovelace'],
    ]);
    const [confirmation, toBen, toDee] = sent.sent;
    expect(confirmation?.text).toContain('With: Ben and Dee');
    expect(toDee?.text).toContain('Hosts: Ben and Dee');
    // Dee reads her notice in her own zone (New York).
    expect(toDee?.text).toMatch(/When: .* 4:00.*AM.*\(America\/New_York\)/);
    expect(toBen?.text).toMatch(/When: .* 6:00.*PM.*\(Asia\/Tokyo\)/);
    for (const m of sent.sent) {
      const { vevent } = parseIcs(m.ics?.content ?? '');
      expect(vevent.getFirstPropertyValue('uid')).toBe(t.booking.icalUid);
      expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:ben@example.com');
      expect(vevent.getAllProperties('attendee').map((p) => p.getFirstValue())).toEqual([
        'mailto:ada@example.com',
        'mailto:dee@example.com',
      ]);
    }
    // One ledger key per recipient: the host's as before, the co-host's with its id.
    const notice = followUpJobKey(t.booking.id, 'email.host-notice', 0);
    expect(await t.ledger.findMessage(`${notice}:host`)).toMatchObject({ status: 'sent' });
    expect(await t.ledger.findMessage(`${notice}:host:${t.dee.id}`)).toMatchObject({
      status: 'sent',
      hostId: t.dee.id,
    });

    // The notice job run again (a retry, a second worker) sends nothing again.
    const again = recordingTransport();
    const handlers = createFollowUpHandlers({
      store: t.store,
      handlers: createEmailJobHandlers({
        ledger: t.ledger,
        transport: again,
        publicUrl: PUBLIC_URL,
        from: FROM,
        clock: t.clock,
      }),
    });
    const job = await t.jobs.findJobByKey(notice);
    if (job === null) throw new Error('no notice job');
    await handlers['email.host-notice']?.(job);
    expect(again.sent).toEqual([]);
  });

  it('collective: a cancellation reaches the attendee, the host and the co-host, with METHOD:CANCEL', async () => {
    const t = await teamWorld('collective');
    const sent = recordingTransport();
    const runner = t.runner(sent);
    await drain(runner);
    sent.sent.length = 0;
    await t.core.cancelBookingAsHost(t.host, { bookingId: t.booking.id, reason: 'Team offsite' });
    await drain(runner);
    expect(sent.sent.map((m) => [m.to.email, m.subject, m.ics?.method])).toEqual([
      ['ada@example.com', 'Cancelled: Team call with Ben and Dee', 'CANCEL'],
      ['ben@example.com', 'Cancelled: Team call with Ada Lovelace', 'CANCEL'],
      ['dee@example.com', 'Cancelled: Team call with Ada Lovelace', 'CANCEL'],
    ]);
    for (const m of sent.sent)
      expect(parseIcs(m.ics?.content ?? '').vevent.getFirstPropertyValue('sequence')).toBe(1);
  });
});

describe('team meetings’ calendar object', () => {
  it('has the host as organizer and the co-hosts as attendees; a solo booking’s is unchanged', () => {
    const solo = messageInput();
    const team = messageInput({
      coHosts: [{ name: 'Dee', email: 'dee@example.com', timeZone: 'America/New_York' }],
    });
    const { vevent } = parseIcs(buildBookingIcs(team, 'REQUEST'));
    expect(vevent.getFirstPropertyValue('summary')).toBe(
      'Intro call: Ana, Dee and Ada "Countess" Lovelace',
    );
    expect(vevent.getAllProperties('attendee').map((p) => p.getFirstValue())).toEqual([
      'mailto:ada@example.com',
      'mailto:dee@example.com',
    ]);
    expect(buildConfirmationEmail(team).ics?.content).toBe(buildBookingIcs(team, 'REQUEST'));
    expect(buildBookingIcs(solo, 'REQUEST')).toBe(
      buildBookingIcs({ ...solo, coHosts: [] }, 'REQUEST'),
    );
    expect(
      parseIcs(buildBookingIcs(solo, 'REQUEST')).vevent.getAllProperties('attendee'),
    ).toHaveLength(1);
  });
});
