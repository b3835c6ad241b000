// The attendee's "Add to calendar" file is the emailed invitation: same UID, current SEQUENCE.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  bookOne,
  Client,
  expectError,
  expectStatus,
  signUpHost,
} from './test-support/client.js';
import { startTestServer, type TestServer } from './test-support/server.js';

/** UID and SEQUENCE of an iCalendar object, read by ical.js (an independent parser). */
function identity(ics: string): { method: unknown; uid: unknown; sequence: unknown } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: vevent.getFirstPropertyValue('uid'),
    sequence: vevent.getFirstPropertyValue('sequence'),
  };
}

describe('GET /api/public/tokens/:token/calendar.ics', () => {
  let server: TestServer;
  let visitor: Client;
  const logs: string[] = [];

  /** Sends every due email into the dev outbox; returns the .ics of the newest one to `to`. */
  async function invitedAs(to: string, subject: RegExp): Promise<string> {
    await server.runtime.runner.runOnce();
    const list = await server.handle.outbox.listOutbox();
    const summary = list.find((m) => m.to.some((t) => t.includes(to)) && subject.test(m.subject));
    const message = await server.handle.outbox.getOutboxMessage(summary?.id ?? '');
    if (!message?.ics) throw new Error(`no invite to ${to} matching ${subject}`);
    return message.ics;
  }

  const download = (token: string, purpose = 'reschedule'): Promise<Answer> =>
    visitor.get(`/api/public/tokens/${token}/calendar.ics?purpose=${purpose}`);

  beforeAll(async () => {
    server = await startTestServer('sqlite', {}, { log: (line) => logs.push(line) });
    await signUpHost(server, {
      email: 'ics-host@example.com',
      link: { title: 'Intro call', slug: 'intro-call' },
    });
    visitor = new Client(server.url);
  });
  afterAll(() => server?.close());

  it('is the emailed invite, and after a reschedule carries the new SEQUENCE', async () => {
    const booked = await bookOne(server, 'intro-call', '2026-11-04T10:00:00Z', {
      name: 'Ada Lovelace',
    });
    const emailed = identity(await invitedAs('ada@example.com', /^Confirmed:/));

    const file = await download(booked.rescheduleToken);
    expectStatus(file, 200);
    expect(file.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="intro-call.ics"');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(identity(file.text)).toEqual(emailed);
    expect(emailed).toMatchObject({ method: 'REQUEST', sequence: 0 });
    expect(identity((await download(booked.cancelToken, 'cancel')).text)).toEqual(emailed);

    const moved = await visitor.post(`/api/public/tokens/${booked.rescheduleToken}/reschedule`, {
      body: { start: '2026-11-04T11:00:00Z' },
    });
    expectStatus(moved, 200);
    const update = identity(await invitedAs('ada@example.com', /^Rescheduled:/));
    expect(update).toEqual({ ...emailed, sequence: 1 });
    // The reschedule rotated the tokens: the file comes with the new one; the old one says moved.
    expectError(await download(booked.rescheduleToken), 410, 'BOOKING_MOVED');
    const after = await download(moved.body.rescheduleToken);
    expectStatus(after, 200);
    expect(identity(after.text)).toEqual(update);
  });

  it('gives nothing about a booking without its token', async () => {
    const booked = await bookOne(server, 'intro-call', '2026-11-05T10:00:00Z', {
      name: 'Grace Hopper',
      email: 'grace@example.com',
    });
    for (const answer of [
      await download('A'.repeat(43)),
      await download(booked.cancelToken, 'reschedule'),
      await download(booked.rescheduleToken, 'cancel'),
    ]) {
      expectError(answer, 404, 'TOKEN_INVALID');
      expect(answer.text).not.toContain('Grace');
    }
    expectError(await download(booked.rescheduleToken, 'other'), 400, 'VALIDATION_FAILED');
    expectStatus(
      await visitor.post(`/api/public/tokens/${booked.cancelToken}/cancel`, { body: {} }),
      200,
    );
    expectError(await download(booked.rescheduleToken), 410, 'BOOKING_CANCELLED');
    // The token travels in the URL: the request log must not keep it.
    expect(logs.some((line) => line.includes('calendar.ics'))).toBe(true);
    expect(logs.join('\n')).not.toContain(booked.rescheduleToken);
  });
});
