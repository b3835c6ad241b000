// A workspace with one of everything a host route names by id, and walking the OpenAPI document's
// host routes with such ids (tenant-isolation.test.ts, csrf-every-route.test.ts).
import { randomBytes } from 'node:crypto';
import type { WebhookHostLookup } from '@workestra/crm-bridge';
import { type GoogleEmulator, startGoogleEmulator } from '@workestra/calendar-providers/testing';
import { expect } from 'vitest';
import { connectCalendar } from './calendar-consent.js';
import { Client, expectStatus, type Json } from './client.js';
import { type Dialect, startTestServer, type TestServer } from './server.js';

/**
 * A test server with the Google emulator configured, webhook URLs resolving to a public address
 * and the webhook sender's requests recorded in `sent` (nothing leaves the machine).
 *
 * @example
 * ```ts
 * const { server, close } = await startWorkspaceServer('sqlite');
 * ```
 */
export async function startWorkspaceServer(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<{
  server: TestServer;
  google: GoogleEmulator;
  sent: string[];
  close(): Promise<void>;
}> {
  const google = await startGoogleEmulator();
  const sent: string[] = [];
  const lookup: WebhookHostLookup = async () => [{ address: '93.184.216.34', family: 4 }];
  const fetchSpy: typeof fetch = async (input) => {
    sent.push(String(input));
    return new Response(null, { status: 204 });
  };
  try {
    const server = await startTestServer(
      dialect,
      {
        GOOGLE_CLIENT_ID: google.client.clientId,
        GOOGLE_CLIENT_SECRET: google.client.clientSecret,
        GOOGLE_BASE_URL: google.url,
        SECRET_KEY: randomBytes(32).toString('base64'),
        ...env,
      },
      { webhooks: { lookup, fetch: fetchSpy } },
    );
    return {
      server,
      google,
      sent,
      close: async () => {
        await server.close();
        await google.close();
      },
    };
  } catch (error) {
    await google.close();
    throw error;
  }
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** The HTTP methods an OpenAPI path item may hold operations for (as its keys spell them). */
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** What one workspace holds, by the document's path prefix up to each path parameter. */
export interface Workspace {
  readonly host: Client;
  readonly email: string;
  readonly linkId: string;
  readonly bookingId: string;
  /** `{prefix ending in a path parameter}` -> this workspace's value for it. */
  readonly ids: Record<string, string>;
}

/** Runs the server's due jobs until none is left. */
export async function drain(server: TestServer): Promise<void> {
  for (let round = 0; round < 30; round++)
    if ((await server.runtime.runner.runOnce()).claimed === 0) return;
  throw new Error('jobs kept coming');
}

/**
 * Signs `name` up and gives its workspace one of everything a host route can name by id (its
 * Google calendar connected through the emulator of {@link startWorkspaceServer}); `day` is the
 * date of its booking and time off.
 *
 * @example
 * ```ts
 * const ana = await workspace(server, 'ana', '2026-11-03');
 * await ana.host.get(fill('/api/host/links/{id}', ana.ids));
 * ```
 */
export async function workspace(server: TestServer, name: string, day: string): Promise<Workspace> {
  const email = `${name}@example.com`;
  const host = new Client(server.url);
  await host.signup({ email, name });
  const slug = `${name}-brief`;
  const link = await host.post('/api/host/links', {
    body: {
      title: `${name} brief`,
      slug,
      timeZone: 'UTC',
      autoCreateDeal: true,
      defaultDealStage: 'New leads',
      formFields: [{ id: 'brief', type: 'file', label: 'Brief', required: true, accept: ['pdf'] }],
    },
  });
  expectStatus(link, 201);
  const hook = await host.post('/api/host/webhooks', {
    body: { url: 'https://placeholder.example/hook', events: ['booking.created'] },
  });
  expectStatus(hook, 201);

  const form = new FormData();
  form.append('file', new Blob([PDF]), `${name}.pdf`);
  const uploaded = await fetch(`${server.url}/api/public/links/${slug}/uploads?field=brief`, {
    method: 'POST',
    body: form,
  });
  expect(uploaded.status).toBe(201);
  const uploadId = ((await uploaded.json()) as Json).upload.id as string;
  const booked = await new Client(server.url).post(`/api/public/links/${slug}/bookings`, {
    body: {
      start: `${day}T10:00:00Z`,
      name: `Guest of ${name}`,
      email: `guest-${name}@example.com`,
      timeZone: 'UTC',
      answers: { brief: { uploadId } },
    },
  });
  expectStatus(booked, 201);
  await drain(server); // CRM contact + deal, webhook delivery

  const timeOff = await host.post('/api/host/time-off', {
    body: { start: `${day}T15:00:00Z`, end: `${day}T16:00:00Z`, note: `${name} away` },
  });
  expectStatus(timeOff, 201);
  const invite = await host.post('/api/host/invites', {
    body: { email: `invitee-${name}@example.com` },
  });
  expectStatus(invite, 201);
  await connectCalendar(server, host, 'google', email);

  const contacts = (await host.get('/api/host/crm/contacts')).body.contacts as Json[];
  const deals = (await host.get('/api/host/crm/deals')).body.deals as Json[];
  const deliveries = (await host.get('/api/host/webhooks/deliveries')).body.items as Json[];
  expect([contacts.length, deals.length, deliveries.length]).toEqual([1, 1, 1]);
  const bookingId = booked.body.booking.id as string;
  return {
    host,
    email,
    linkId: link.body.link.id,
    bookingId,
    ids: {
      '/api/host/links/{id}': link.body.link.id,
      '/api/host/bookings/{id}': bookingId,
      '/api/host/bookings/{id}/files/{uploadId}': uploadId,
      '/api/host/invites/{id}': invite.body.invite.id,
      '/api/host/crm/contacts/{id}': contacts[0].id,
      '/api/host/crm/deals/{id}': deals[0].id,
      '/api/host/time-off/{id}': timeOff.body.timeOff.id,
      '/api/host/webhooks/{id}': hook.body.subscription.id,
      '/api/host/webhooks/deliveries/{id}': deliveries[0].id,
      // Not an id: a host names its own connection; B's is connected, A's is not.
      '/api/host/calendar-connections/{provider}': 'google',
    },
  };
}

/** One operation of the OpenAPI document: its method, its path (`{name}` per parameter), the operation. */
export interface Operation {
  readonly method: (typeof METHODS)[number];
  /** The document's path, `{name}` for each parameter. */
  readonly path: string;
  readonly op: Json;
}

/** Every host operation of the document. */
export function hostOperations(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>))
    for (const method of METHODS)
      if (item[method]?.tags?.includes('host')) out.push({ method, path, op: item[method] });
  return out;
}

/** `path` with each `{param}` replaced by the workspace's value for the prefix ending in it. */
export function fill(path: string, ids: Record<string, string>): string {
  return path.replace(/\{[A-Za-z]+\}/g, (match, offset: number) => {
    const prefix = path.slice(0, offset + match.length);
    const value = ids[prefix];
    if (value === undefined)
      throw new Error(
        `No id for ${prefix}: give the workspace one in test-support/host-workspace.ts`,
      );
    return encodeURIComponent(value);
  });
}

/**
 * Path parameters that name something of the signed-in host's own rather than an id (the provider
 * of its calendar connection): another workspace's value is the same word.
 */
export const OWN_NAME_PARAMS = new Set(['provider']);
export const namesOwnThing = (path: string): boolean =>
  [...path.matchAll(/\{([A-Za-z]+)\}/g)].every((m) => OWN_NAME_PARAMS.has(m[1] ?? ''));

/** The codes the route documents for `status` (the document lists them in the description). */
export function documentedCodes(op: Json, status: number): string[] {
  const description = op.responses?.[String(status)]?.description as string | undefined;
  return description ? description.split(', ') : [];
}

/**
 * Starting a consent and taking the provider back to the callback act on the signed-in host's own
 * pending consent (nothing of another workspace is named); oauth-replay.test.ts covers them.
 */
export const OWN_CONSENT_FLOW = new Set([
  'post /api/host/calendar-connections/{provider}/start',
  'get /api/host/calendar-connections/{provider}/callback',
]);

/** A body each write route would accept for its own workspace's ids. */
export function plausibleBody(method: string, path: string, own: Workspace): unknown {
  const bodies: Record<string, unknown> = {
    'patch /api/host/links/{id}': { title: 'Taken over', active: false },
    'post /api/host/bookings/{id}/cancel': { reason: 'taken over' },
    'post /api/host/crm/deals/{id}/schedule': { linkId: own.linkId },
    'patch /api/host/webhooks/{id}': { description: 'taken over', active: false },
    'put /api/host/calendar-connections/{provider}/calendars': {
      calendarsToCheck: ['primary'],
      writeCalendar: 'primary',
    },
  };
  return bodies[`${method} ${path}`];
}

/** Values for the query parameters a GET route requires. */
export const REQUIRED_QUERY: Record<string, string> = {
  from: '2026-11-01T00:00:00Z',
  to: '2026-12-01T00:00:00Z',
};

/** The query string of the parameters `op` requires. */
export function requiredQuery(op: Json): string {
  const names = ((op.parameters ?? []) as Json[])
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => p.name as string);
  if (names.length === 0) return '';
  const query = new URLSearchParams();
  for (const name of names) {
    const value = REQUIRED_QUERY[name];
    if (value === undefined) throw new Error(`No value for the required query parameter ${name}`);
    query.set(name, value);
  }
  return `?${query}`;
}

/** Every GET host route read by `ws` with its own ids: what the workspace's data looks like. */
export async function snapshot(doc: Json, ws: Workspace): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const { method, path, op } of hostOperations(doc)) {
    if (method !== 'get' || OWN_CONSENT_FLOW.has(`${method} ${path}`)) continue;
    const res = await ws.host.get(fill(path, ws.ids) + requiredQuery(op));
    out[path] = { status: res.status, body: res.body ?? res.text };
  }
  return out;
}
