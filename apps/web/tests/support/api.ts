// Node-side API client for test setup: sign up a host, create links, book, with the session
// cookie and CSRF token carried by hand.
import { zonedParts } from '../../src/common/time';
import type { BookingCreated, Link, LinkInput, SlotDay } from '../../src/common/types';

export interface HostClient {
  cookie: string;
  csrf: string;
  email: string;
  password: string;
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

let counter = 0;
/** A unique email per call within a run. */
export function uniqueEmail(prefix = 'host'): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}@example.test`;
}

async function call<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; data: T; res: Response }> {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = (text ? JSON.parse(text) : undefined) as T;
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return { status: res.status, data, res };
}

/** The client of a host just signed in (signup or invite accept): its cookie and CSRF token. */
function signedInClient(
  base: string,
  res: Response,
  csrf: string,
  email: string,
  password: string,
): HostClient {
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    cookie,
    csrf,
    email,
    password,
    async request<T>(method: string, path: string, body?: unknown) {
      return (await call<T>(base, method, path, body, { Cookie: cookie, 'X-CSRF-Token': csrf }))
        .data;
    },
  };
}

/** Signs up a host through the API. */
export async function signUpHost(
  base: string,
  opts: { name?: string; timeZone?: string } = {},
): Promise<HostClient> {
  const email = uniqueEmail();
  const password = 'correct-horse-battery';
  const { data, res } = await call<{ csrfToken: string }>(base, 'POST', '/api/auth/signup', {
    email,
    password,
    name: opts.name ?? 'Hana Host',
    timeZone: opts.timeZone ?? 'Europe/Berlin',
  });
  return signedInClient(base, res, data.csrfToken, email, password);
}

/**
 * Invites a teammate into `host`'s workspace and accepts the invite through the API: the new
 * member, signed in.
 */
export async function addMember(
  base: string,
  host: HostClient,
  opts: { name?: string; timeZone?: string } = {},
): Promise<HostClient & { id: string }> {
  const email = uniqueEmail('member');
  const { url } = await host.request<{ url: string }>('POST', '/api/host/invites', { email });
  const token = new URL(url).pathname.replace('/invite/', '');
  const password = 'correct-horse-battery';
  const { data, res } = await call<{ csrfToken: string; host: { id: string } }>(
    base,
    'POST',
    `/api/auth/invites/${token}/accept`,
    { name: opts.name ?? 'Mia Member', password, timeZone: opts.timeZone ?? 'Europe/Berlin' },
  );
  return { id: data.host.id, ...signedInClient(base, res, data.csrfToken, email, password) };
}

const EVERY_DAY = { start: '08:00', end: '18:00' };

/**
 * Whole hours from now until the next midnight in `timeZone`. As a link's minimum notice it makes
 * the first day offered a whole one (08:00-18:00), whatever time of day the suite runs: late in the
 * afternoon today would offer one slot or none, and a test that picks "another time on the first
 * day" would find nothing.
 */
function hoursToMidnight(timeZone: string): number {
  return Math.ceil((24 * 60 - zonedParts(new Date(), timeZone).minutes) / 60);
}

/**
 * A link open every day 08:00-18:00 in Europe/Berlin unless overridden, offering times from the
 * next day in its zone on (so the first day offered has all its times).
 */
export async function createLink(host: HostClient, input: Partial<LinkInput> = {}): Promise<Link> {
  const timeZone = input.timeZone ?? 'Europe/Berlin';
  const { link } = await host.request<{ link: Link }>('POST', '/api/host/links', {
    title: 'Test call',
    timeZone,
    minNoticeHours: hoursToMidnight(timeZone),
    weeklyHours: Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
        d,
        [EVERY_DAY],
      ]),
    ),
    ...input,
  });
  return link;
}

/** The first `n` offered slots of a link in the next two weeks. */
export async function firstSlots(base: string, slug: string, n: number): Promise<string[]> {
  const from = new Date().toISOString();
  const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
  const { data } = await call<{ days: SlotDay[] }>(
    base,
    'GET',
    `/api/public/links/${slug}/slots?from=${from}&to=${to}&timeZone=UTC`,
  );
  return data.days.flatMap((d) => d.slots.map((s) => s.start)).slice(0, n);
}

/** Books `start` on `slug` as an attendee. */
export async function book(
  base: string,
  slug: string,
  start: string,
  attendee: { name: string; email: string; timeZone?: string },
): Promise<BookingCreated> {
  return (
    await call<BookingCreated>(base, 'POST', `/api/public/links/${slug}/bookings`, {
      start,
      name: attendee.name,
      email: attendee.email,
      timeZone: attendee.timeZone ?? 'UTC',
    })
  ).data;
}

/** Books the first offered slot of `slug` as an attendee; returns its start and the booking. */
export async function bookFirstSlot(
  base: string,
  slug: string,
  attendee: { name: string; email: string; timeZone?: string },
): Promise<{ start: string; created: BookingCreated }> {
  const [start] = await firstSlots(base, slug, 1);
  if (!start) throw new Error(`${slug} offers no slot in the next two weeks`);
  return { start, created: await book(base, slug, start, attendee) };
}
