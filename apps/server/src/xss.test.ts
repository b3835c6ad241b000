// Hostile text in every field a host or an attendee sets (host name, link title, description and
// form labels, attendee name and email, form answers, cancel reason, webhook description, time-off
// note) is stored and answered verbatim, and is inert where it is rendered: the emails' HTML
// escapes it (no element, no javascript: URL), their headers carry no injected line, and the
// .ics files escape it per RFC 5545 (a line break in a value never starts a property). SQL-looking
// input is plain data: stored and shown as typed, the tables intact. The browser side is
// apps/web/tests/xss.test.ts.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { Client, expectStatus, type Json } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const JS_URL = 'javascript:alert(1)';
const TEMPLATE = '{{7*7}}';
const DROP = "'; DROP TABLE bookings; --";
const OR = "' OR 1=1 --";
/** A multi-line value that would add properties to an .ics, or headers to a mail, if not escaped. */
const LINES = `${SCRIPT}\r\nX-INJECTED:1\nATTENDEE:mailto:evil@example.com\n${JS_URL}`;

/** A comma and an address in a name: a recipient, if the display name were not quoted. */
const HOST_NAME = `${SCRIPT} ${IMG}, evil@example.com`;
const TITLE = `${IMG} ${TEMPLATE}`;
const DESCRIPTION = `${LINES}\n${TEMPLATE}`;
const LABEL = `<b onmouseover=alert(1)>Company</b> ${TEMPLATE}`;
const ATTENDEE = `${SCRIPT} ${TEMPLATE}`;
const EMAIL = "o'reilly+drop--@example.com";
const ANSWERS = { company: DROP, notes: `${OR}\n${LINES}`, site: JS_URL };
const REASON = `${IMG}\n${LINES}`;

/**
 * Asserts that an email's HTML has no element or attribute the hostile text could have made: its
 * tags (text holds no `<` once escaped) are no script/img/iframe/object/embed/svg, carry no `on*`
 * handler and no javascript: URL.
 */
function expectInertHtml(html: string, what: string): void {
  const tags = html.match(/<[^>]*>/g) ?? [];
  expect(tags.length, what).toBeGreaterThan(0);
  for (const tag of tags) {
    expect(tag, what).not.toMatch(/^<\/?(script|img|iframe|object|embed|svg|b\s)/i);
    expect(tag, what).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag, what).not.toMatch(/javascript:/i);
  }
}

async function drain(server: TestServer): Promise<void> {
  for (let round = 0; round < 30; round++)
    if ((await server.runtime.runner.runOnce()).claimed === 0) return;
  throw new Error('jobs kept coming');
}

/** Every property name of every component, and the values of TEXT properties, of an .ics. */
function icsContent(ics: string): { names: string[]; texts: string[] } {
  const names: string[] = [];
  const texts: string[] = [];
  const walk = (c: ICAL.Component) => {
    for (const p of c.getAllProperties()) {
      names.push(p.name.toUpperCase());
      for (const v of p.getValues()) if (typeof v === 'string') texts.push(v);
    }
    for (const sub of c.getAllSubcomponents()) walk(sub);
  };
  walk(new ICAL.Component(ICAL.parse(ics)));
  return { names, texts };
}

/** An .ics is inert: nothing injected as a property, and the hostile text kept as text. */
function expectInertIcs(ics: string): void {
  // Unfold (RFC 5545 3.1) and look at each content line's name.
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  for (const line of lines) {
    expect(line).not.toMatch(/^X-INJECTED/i);
    expect(line).not.toMatch(/^ATTENDEE[:;].*evil@example\.com/i);
    expect(line).not.toMatch(/[\r\n]/);
  }
  const { names, texts } = icsContent(ics);
  expect(names).not.toContain('X-INJECTED');
  const attendees = texts.filter((t) => /^mailto:/i.test(t));
  expect(attendees.join(' ')).not.toContain('evil@example.com');
}

describe.each(DIALECTS)('hostile text stays text (%s)', (dialect) => {
  it('in the API, the emails and the calendar files; SQL-looking input is plain data', async () => {
    await using server = await startTestServer(
      dialect,
      {},
      { webhooks: { lookup: async () => [{ address: '93.184.216.34', family: 4 }] } },
    );
    const host = new Client(server.url);
    await host.signup({ email: 'ana@example.com', name: HOST_NAME, timeZone: 'UTC' });
    const link = await host.post('/api/host/links', {
      body: {
        title: TITLE,
        slug: 'hostile',
        description: DESCRIPTION,
        timeZone: 'UTC',
        autoCreateDeal: true,
        formFields: [
          { id: 'company', type: 'short_text', label: LABEL },
          { id: 'notes', type: 'long_text', label: `Notes ${SCRIPT}` },
          { id: 'site', type: 'url', label: 'Site' },
        ],
      },
    });
    expectStatus(link, 201);
    expect(link.body.link).toMatchObject({ title: TITLE, description: DESCRIPTION });

    const visitor = new Client(server.url);
    const book = (answers: Record<string, string>) =>
      visitor.post('/api/public/links/hostile/bookings', {
        body: {
          start: '2026-11-03T10:00:00Z',
          name: ATTENDEE,
          email: EMAIL,
          timeZone: 'UTC',
          answers,
        },
      });
    // A javascript: URL is no website: refused for the url field, field by field.
    const badUrl = await book(ANSWERS);
    expectStatus(badUrl, 400);
    expect(badUrl.body.error.details.map((d: Json) => d.path)).toEqual(['answers.site']);
    const booked = await book({ ...ANSWERS, site: 'https://example.com/?q=<script>' });
    expectStatus(booked, 201);
    const { booking, cancelToken } = booked.body;
    expect(booking.attendeeName).toBe(ATTENDEE);

    // Stored verbatim, tables intact.
    const seen = await host.get(`/api/host/bookings/${booking.id}`);
    expectStatus(seen, 200);
    expect(seen.body.booking).toMatchObject({ attendeeName: ATTENDEE, attendeeEmail: EMAIL });
    expect(seen.body.booking.answers.map((a: Json) => a.value)).toEqual([
      DROP,
      ANSWERS.notes,
      'https://example.com/?q=<script>',
    ]);
    expect((await host.get('/api/host/bookings?filter=upcoming')).body.bookings).toHaveLength(1);
    expect((await host.get('/api/auth/session')).body.host.name).toBe(HOST_NAME);

    // Webhook description and time-off note: kept as typed.
    const hook = await host.post('/api/host/webhooks', {
      body: { url: 'https://hooks.example/hook', events: ['booking.created'], description: SCRIPT },
    });
    expectStatus(hook, 201);
    expect(hook.body.subscription.description).toBe(SCRIPT);
    const away = await host.post('/api/host/time-off', {
      body: { start: '2026-11-05T10:00:00Z', end: '2026-11-05T11:00:00Z', note: `${IMG}\n${DROP}` },
    });
    expectStatus(away, 201);
    expect(away.body.timeOff.note).toBe(`${IMG}\n${DROP}`);

    await drain(server); // the confirmation and the host's notice
    // The attendee cancels with a hostile reason.
    const cancelled = await visitor.post(`/api/public/tokens/${cancelToken}/cancel`, {
      body: { reason: REASON },
    });
    expectStatus(cancelled, 200);
    await drain(server);

    // The CRM deal's notes quote the title verbatim.
    const deals = (await host.get('/api/host/crm/deals')).body.deals as Json[];
    expect(deals).toHaveLength(1);
    const deal = await host.get(`/api/host/crm/deals/${deals[0].id}`);
    expect(JSON.stringify(deal.body)).toContain(JSON.stringify(TITLE).slice(1, -1));

    // Every email: escaped HTML, the hostile text in the plain text, no injected header.
    const summaries = await server.handle.outbox.listOutbox();
    expect(summaries.length).toBeGreaterThanOrEqual(4); // confirmation + notice, cancelled x2
    let escapedSeen = 0;
    let icsSeen = 0;
    let addressLines = 0;
    for (const summary of summaries) {
      const mail = await server.handle.outbox.getOutboxMessage(summary.id);
      if (!mail) throw new Error('outbox message vanished');
      const what = `${mail.subject} to ${mail.to.join(',')}`;
      expectInertHtml(mail.html, what);
      if (mail.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;')) escapedSeen++;
      expect(mail.html).not.toContain('49'.repeat(2)); // no template ran (7*7 twice)
      const headers = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]/g, ' ');
      expect(headers, what).not.toMatch(/^(X-INJECTED|ATTENDEE|Bcc|Cc)/im);
      // Each address header names one mailbox: the names are quoted, the address is ours.
      for (const line of headers.split('\r\n').filter((l) => /^(To|Reply-To):/i.test(l))) {
        addressLines++;
        expect(line, what).toMatch(
          /^(To|Reply-To): (?:"(?:[^"\\]|\\.)*" )?<(ana@example\.com|o'reilly\+drop--@example\.com)>$/i,
        );
      }
      if (mail.ics) {
        icsSeen++;
        expectInertIcs(mail.ics);
      }
    }
    expect(escapedSeen).toBeGreaterThanOrEqual(2);
    expect(icsSeen).toBeGreaterThanOrEqual(2);
    expect(addressLines).toBeGreaterThanOrEqual(summaries.length);

    // The token's calendar file is gone with the booking (the CANCEL one went by email, above).
    const ics = await visitor.get(`/api/public/tokens/${cancelToken}/calendar.ics?purpose=cancel`);
    expect([ics.status, ics.body.error.code]).toEqual([410, 'BOOKING_CANCELLED']);

    // The tables are all there: another booking works and both are listed.
    expectStatus(
      await new Client(server.url).post('/api/public/links/hostile/bookings', {
        body: {
          start: '2026-11-03T11:00:00Z',
          name: OR,
          email: 'b@example.com',
          timeZone: 'UTC',
          answers: { company: OR },
        },
      }),
      201,
    );
    const cancelledList = await host.get('/api/host/bookings?filter=cancelled');
    expect(cancelledList.body.bookings.map((b: Json) => b.cancelReason ?? null)).toEqual([REASON]);
    const upcoming = await host.get('/api/host/bookings?filter=upcoming');
    expect(upcoming.body.bookings.map((b: Json) => b.attendeeName)).toEqual([OR]);
  });

  it('in a confirmed booking’s calendar file (REQUEST)', async () => {
    await using server = await startTestServer(dialect);
    const host = new Client(server.url);
    await host.signup({ email: 'ana@example.com', name: HOST_NAME, timeZone: 'UTC' });
    expectStatus(
      await host.post('/api/host/links', {
        body: { title: TITLE, slug: 'hostile', description: DESCRIPTION, timeZone: 'UTC' },
      }),
      201,
    );
    const booked = await new Client(server.url).post('/api/public/links/hostile/bookings', {
      body: { start: '2026-11-03T10:00:00Z', name: ATTENDEE, email: EMAIL, timeZone: 'UTC' },
    });
    expectStatus(booked, 201);
    const ics = await new Client(server.url).get(
      `/api/public/tokens/${booked.body.cancelToken}/calendar.ics?purpose=cancel`,
    );
    expectStatus(ics, 200);
    expectInertIcs(ics.text);
    const { texts } = icsContent(ics.text);
    // Kept as text, line breaks included (unescaped by the parser).
    expect(
      texts.some((t) => t.includes(TITLE)),
      texts.join('\n---\n'),
    ).toBe(true);
    expect(texts.join('\n')).toContain(DESCRIPTION.replace(/\r\n/g, '\n'));
  });
});
