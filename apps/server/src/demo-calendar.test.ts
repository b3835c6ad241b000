// DEMO_CALENDAR: the composition `main.ts` runs (runtime, demo seed, start) on a data dir, with the
// demo host connected to the in-process Google emulator. Busy and tentative events remove slots, a
// free-marked one does not, a booking gets a Meet link, and a restart connects again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BookingLink } from '@workestra/booking-core';
import type { GoogleEmulatorEvent } from '@workestra/calendar-providers/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { slotsResponseSchema } from './api-schemas.js';
import { createPasswordHasher } from './auth/password.js';
import { loadConfig } from './config.js';
import { DEMO_CALENDAR_ACCOUNT } from './demo-calendar.js';
import { createRuntime, type Runtime } from './runtime.js';
import { DEMO_LOGIN, DEMO_SLUG, seedDemo } from './seed.js';
import { connectCalendar } from './test-support/calendar-consent.js';
import { bookOne, Client, expectStatus } from './test-support/client.js';
import { TEST_SCRYPT_PARAMS } from './test-support/passwords.js';
import { NOW, type TestServer } from './test-support/server.js';

const passwords = createPasswordHasher(TEST_SCRYPT_PARAMS);
const HOUR = 3_600_000;
const dirs: string[] = [];
const running: Runtime[] = [];
afterEach(async () => {
  for (const runtime of running.splice(0)) await runtime.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workestra-demo-calendar-'));
  dirs.push(dir);
  return dir;
}

/** What `main.ts` does, on `dir` with `env`: runtime, the demo seed when on, start. */
async function startDemo(dir: string, env: Record<string, string> = {}, log: string[] = []) {
  const config = loadConfig({
    DATA_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    JOB_POLL_MS: '0',
    ...env,
  });
  const logger = pino({ level: 'info' }, { write: (line: string) => void log.push(line) });
  const runtime = await createRuntime(config, {
    logger,
    clock: { now: () => NOW },
    passwords,
    webDist: join(tmpdir(), 'workestra-no-web-dist'),
  });
  running.push(runtime);
  if (runtime.config.seedDemo)
    await seedDemo({
      core: runtime.core,
      auth: runtime.handle.auth,
      logger,
      passwords,
      demoCalendar: runtime.demoCalendar !== null,
    });
  const { port } = await runtime.start();
  return { runtime, url: `http://127.0.0.1:${port}` };
}

async function demoHost(runtime: Runtime) {
  const credentials = await runtime.handle.auth.findCredentialsByEmail(DEMO_LOGIN.email);
  if (!credentials) throw new Error('no demo host');
  return { workspaceId: credentials.workspaceId, hostId: credentials.hostId };
}

async function demoLink(runtime: Runtime): Promise<BookingLink> {
  const link = (await runtime.core.listLinks(await demoHost(runtime))).find(
    (l) => l.slug === DEMO_SLUG,
  );
  if (!link) throw new Error('no demo link');
  return link;
}

async function slotStarts(url: string): Promise<number[]> {
  const from = new Date(NOW).toISOString();
  const to = new Date(NOW + 8 * 24 * HOUR).toISOString();
  const res = await new Client(url).get(
    `/api/public/links/${DEMO_SLUG}/slots?from=${from}&to=${to}&timeZone=UTC`,
  );
  expectStatus(res, 200);
  return slotsResponseSchema
    .parse(res.body)
    .days.flatMap((d) => d.slots.map((s) => Date.parse(s.start)));
}

const span = (e: GoogleEmulatorEvent) => ({
  start: Date.parse(e.start.dateTime ?? ''),
  end: Date.parse(e.end.dateTime ?? ''),
});

/** Whether `at` is inside the seeded link's hours (Mon-Fri 09:00-12:00, 13:00-17:00) in `zone`. */
function inLinkHours(at: number, zone: string): boolean {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const minutes = Number(part('hour')) * 60 + Number(part('minute'));
  const weekday = !['Sat', 'Sun'].includes(part('weekday'));
  return weekday && ((minutes >= 540 && minutes < 720) || (minutes >= 780 && minutes < 1020));
}

/** Runs due jobs until none is left, at most `rounds` claims (a bound, not a wait). */
async function drain(runtime: Runtime, rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) if ((await runtime.runner.runOnce()).claimed === 0) return;
  throw new Error(`jobs still due after ${rounds} rounds`);
}

/** The seeded events by kind, and a check that each sits inside the link's hours. */
async function seededEvents(runtime: Runtime) {
  const events = runtime.demoCalendar?.events(DEMO_CALENDAR_ACCOUNT) ?? [];
  const zone = (await demoLink(runtime)).timeZone;
  for (const e of events) {
    expect(inLinkHours(span(e).start, zone), e.summary ?? '').toBe(true);
    expect(inLinkHours(span(e).end - 1, zone), e.summary ?? '').toBe(true);
  }
  const free = events.filter((e) => e.transparency === 'transparent');
  const tentative = events.filter((e) =>
    e.attendees?.some((a) => a.responseStatus === 'tentative'),
  );
  const blocking = events.filter((e) => e.transparency !== 'transparent');
  expect(free).toHaveLength(1);
  expect(tentative).toHaveLength(1);
  expect(blocking.length).toBeGreaterThanOrEqual(2);
  return { free: free.map(span), blocking: blocking.map(span) };
}

/** Slots the demo link offers against the seeded events: none over a blocking one, the free one's. */
async function expectBusyRulesVisible(runtime: Runtime, url: string): Promise<number> {
  const { free, blocking } = await seededEvents(runtime);
  const starts = await slotStarts(url);
  const slot = 30 * 60_000;
  for (const b of blocking) {
    expect(starts.filter((s) => s < b.end && s + slot > b.start)).toEqual([]);
  }
  const [focus] = free;
  expect(starts).toContain(focus?.start);
  return focus?.start ?? 0;
}

describe('DEMO_CALENDAR', () => {
  it('connects the demo host to the emulated calendar: busy rules visible, a Meet link after the jobs, again after a restart', async () => {
    const dir = dataDir();
    const log: string[] = [];
    const first = await startDemo(dir, {}, log);
    expect(first.runtime.demoCalendar).not.toBeNull();
    expect(first.runtime.config.calendarProviders.google?.baseUrl).toBe(
      first.runtime.demoCalendar?.url,
    );
    expect(log.join('\n')).toContain('the Google calendar is emulated at http://127.0.0.1:');
    expect(await demoLink(first.runtime)).toMatchObject({
      calendarProvider: 'google',
      autoMeetingLink: true,
    });
    const freeStart = await expectBusyRulesVisible(first.runtime, first.url);

    // The free-marked time can be booked; the calendar job writes the event with a Meet link.
    const booked = await bookOne(first, DEMO_SLUG, new Date(freeStart + 30 * 60_000).toISOString());
    await drain(first.runtime);
    const made = first.runtime.demoCalendar
      ?.events(DEMO_CALENDAR_ACCOUNT)
      .filter((e) => e.hangoutLink !== undefined);
    expect(made).toHaveLength(1);
    const host = await demoHost(first.runtime);
    const stored = await first.runtime.handle.store.transaction((tx) =>
      tx.findBooking(host.workspaceId, booked.booking.id as string),
    );
    expect(stored?.meetingUrl).toBe(made?.[0]?.hangoutLink);
    expect(stored?.meetingUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/meet\//);
    await first.runtime.close();

    // A restart on the same data dir: a new emulator, the demo host connected again.
    const second = await startDemo(dir);
    expect(second.runtime.demoCalendar?.url).not.toBe(first.runtime.demoCalendar?.url);
    const connections = await second.runtime.handle.calendarConnections.listConnections(
      host.workspaceId,
      host.hostId,
    );
    expect(connections).toMatchObject([
      { provider: 'google', state: 'working', accountEmail: DEMO_CALENDAR_ACCOUNT },
    ]);
    expect(await expectBusyRulesVisible(second.runtime, second.url)).toBe(freeStart);
    // The first booking holds its slot; another booking gets its Meet link from the new emulator.
    const starts = await slotStarts(second.url);
    expect(starts).not.toContain(freeStart + 30 * 60_000);
    await bookOne(second, DEMO_SLUG, new Date(starts[0] ?? 0).toISOString());
    await drain(second.runtime);
    expect(
      second.runtime.demoCalendar
        ?.events(DEMO_CALENDAR_ACCOUNT)
        .filter((e) => e.hangoutLink !== undefined),
    ).toHaveLength(1);
  });

  it('lets the demo host disconnect (revoked at the emulator) and reconnect through its consent page', async () => {
    const { runtime, url } = await startDemo(dataDir());
    const host = new Client(url);
    expectStatus(
      await host.post('/api/auth/login', {
        body: { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password },
      }),
      200,
    );
    const listed = await host.get('/api/host/calendar-connections');
    expect(listed.body).toMatchObject({
      connections: [{ provider: 'google', accountEmail: DEMO_CALENDAR_ACCOUNT, state: 'working' }],
      providers: ['google'],
    });
    expectStatus(await host.delete('/api/host/calendar-connections/google'), 204);
    // Not connected: the link's calendar cannot be read, so nothing is offered as free.
    const unreadable = await new Client(url).get(
      `/api/public/links/${DEMO_SLUG}/slots?from=2026-11-03T00:00:00Z&to=2026-11-10T00:00:00Z&timeZone=UTC`,
    );
    expect(unreadable.status).toBe(503);

    // The consent helpers read only the server's URL.
    await connectCalendar({ url } as TestServer, host, 'google', DEMO_CALENDAR_ACCOUNT);
    expect((await host.get('/api/host/calendar-connections')).body.connections).toMatchObject([
      { provider: 'google', state: 'working' },
    ]);
    await expectBusyRulesVisible(runtime, url);
  });
});

describe('DEMO_CALENDAR on an earlier demo database, and off', () => {
  it('switches a demo link the seed left untouched; keeps one its host edited (still connected)', async () => {
    const untouched = dataDir();
    const before = await startDemo(untouched, { DEMO_CALENDAR: 'false' });
    expect(before.runtime.demoCalendar).toBeNull();
    expect(await demoLink(before.runtime)).toMatchObject({ calendarProvider: 'none' });
    await before.runtime.close();
    const after = await startDemo(untouched);
    expect(await demoLink(after.runtime)).toMatchObject({
      calendarProvider: 'google',
      autoMeetingLink: true,
    });
    await expectBusyRulesVisible(after.runtime, after.url);

    const edited = dataDir();
    const own = await startDemo(edited, { DEMO_CALENDAR: 'false' });
    const link = await demoLink(own.runtime);
    // The injected clock stands still: an edit must still count as one.
    await own.runtime.core.updateLink(await demoHost(own.runtime), link.id, {
      title: 'My intro call',
    });
    await own.runtime.close();
    const log: string[] = [];
    const later = await startDemo(edited, {}, log);
    expect(await demoLink(later.runtime)).toMatchObject({
      title: 'My intro call',
      calendarProvider: 'none',
      autoMeetingLink: false,
    });
    expect(log.join('\n')).toContain('/book/demo was changed by its host');
    const host = await demoHost(later.runtime);
    expect(
      await later.runtime.handle.calendarConnections.listConnections(host.workspaceId, host.hostId),
    ).toMatchObject([{ provider: 'google', state: 'working' }]);
  });

  it('runs no emulator with DEMO_CALENDAR=false or a GOOGLE_CLIENT_ID; without a demo host it logs and goes on', async () => {
    const log: string[] = [];
    const off = await startDemo(dataDir(), { DEMO_CALENDAR: 'false' }, log);
    expect(off.runtime.demoCalendar).toBeNull();
    expect(off.runtime.config.calendarProviders).toEqual({});
    const host = await demoHost(off.runtime);
    expect(
      await off.runtime.handle.calendarConnections.listConnections(host.workspaceId, host.hostId),
    ).toEqual([]);
    expect(log.join('\n')).not.toContain('emulated');

    const real = await startDemo(dataDir(), {
      GOOGLE_CLIENT_ID: 'g-id',
      GOOGLE_CLIENT_SECRET: 'g-secret',
    });
    expect(real.runtime.demoCalendar).toBeNull();
    expect(real.runtime.config.calendarProviders.google).toEqual({
      clientId: 'g-id',
      clientSecret: 'g-secret',
      baseUrl: null,
    });
    expect(await demoLink(real.runtime)).toMatchObject({ calendarProvider: 'none' });

    const noHostLog: string[] = [];
    const noHost = await startDemo(
      dataDir(),
      { DEMO_CALENDAR: 'true', SEED_DEMO: 'false' },
      noHostLog,
    );
    expect(noHost.runtime.demoCalendar).not.toBeNull();
    expect(noHostLog.join('\n')).toContain('DEMO_CALENDAR: there is no demo host');
    expectStatus(await new Client(noHost.url).get('/healthz'), 200);
  });
});
