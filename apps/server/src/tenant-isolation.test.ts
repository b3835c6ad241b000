// Tenant isolation, driven from the OpenAPI document so that a new host route is covered (or fails
// loudly until its ids are known here). Two workspaces, each with a link with a file form field, a
// booking with an uploaded file, CRM contact and deal, a webhook with a delivery, time off, an invite
// and a connected Google calendar (emulator). Host A then calls every host route that takes a path
// parameter with B's ids, with every method the document lists: each answer is a 404 (or 403) with a
// code the route documents, never 2xx; afterwards every GET host route read as B answers exactly
// what it answered before. A member of A's workspace is refused the owner's private things (links,
// bookings and their files, time off, calendar connection) and sees what the workspace shares
// (CRM, webhooks, invites, members), as the access rules in booking-core/src/access.ts say.
import { randomBytes } from 'node:crypto';
import type { WebhookHostLookup } from '@workestra/crm-bridge';
import { type GoogleEmulator, startGoogleEmulator } from '@workestra/calendar-providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCalendar } from './test-support/calendar-consent.js';
import { type Answer, Client, expectStatus, type Json } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** What one workspace holds, by the document's path prefix up to each path parameter. */
interface Workspace {
  readonly host: Client;
  readonly email: string;
  readonly linkId: string;
  readonly bookingId: string;
  /** `{prefix ending in a path parameter}` -> this workspace's value for it. */
  readonly ids: Record<string, string>;
}

async function drain(server: TestServer): Promise<void> {
  for (let round = 0; round < 30; round++)
    if ((await server.runtime.runner.runOnce()).claimed === 0) return;
  throw new Error('jobs kept coming');
}

/** Signs `name` up and gives its workspace one of everything a host route can name by id. */
async function workspace(server: TestServer, name: string, day: string): Promise<Workspace> {
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

interface Operation {
  readonly method: (typeof METHODS)[number];
  /** The document's path, `{name}` for each parameter. */
  readonly path: string;
  readonly op: Json;
}

/** Every host operation of the document. */
function hostOperations(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>))
    for (const method of METHODS)
      if (item[method]?.tags?.includes('host')) out.push({ method, path, op: item[method] });
  return out;
}

/** `path` with each `{param}` replaced by the workspace's value for the prefix ending in it. */
function fill(path: string, ids: Record<string, string>): string {
  return path.replace(/\{[A-Za-z]+\}/g, (match, offset: number) => {
    const prefix = path.slice(0, offset + match.length);
    const value = ids[prefix];
    if (value === undefined)
      throw new Error(`No id for ${prefix}: give the workspace one in tenant-isolation.test.ts`);
    return encodeURIComponent(value);
  });
}

/**
 * Path parameters that name something of the signed-in host's own rather than an id (the provider
 * of its calendar connection): another workspace's value is the same word.
 */
const OWN_NAME_PARAMS = new Set(['provider']);
const namesOwnThing = (path: string): boolean =>
  [...path.matchAll(/\{([A-Za-z]+)\}/g)].every((m) => OWN_NAME_PARAMS.has(m[1] ?? ''));

/** The codes the route documents for `status` (the document lists them in the description). */
function documentedCodes(op: Json, status: number): string[] {
  const description = op.responses?.[String(status)]?.description as string | undefined;
  return description ? description.split(', ') : [];
}

/**
 * Starting a consent and taking the provider back to the callback act on the signed-in host's own
 * pending consent (nothing of another workspace is named); oauth-replay.test.ts covers them.
 */
const OWN_CONSENT_FLOW = new Set([
  'post /api/host/calendar-connections/{provider}/start',
  'get /api/host/calendar-connections/{provider}/callback',
]);

/** A body each write route would accept for its own workspace's ids. */
function plausibleBody(method: string, path: string, own: Workspace): unknown {
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
const REQUIRED_QUERY: Record<string, string> = {
  from: '2026-11-01T00:00:00Z',
  to: '2026-12-01T00:00:00Z',
};

/** The query string of the parameters `op` requires. */
function requiredQuery(op: Json): string {
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
async function snapshot(doc: Json, ws: Workspace): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const { method, path, op } of hostOperations(doc)) {
    if (method !== 'get' || OWN_CONSENT_FLOW.has(`${method} ${path}`)) continue;
    const res = await ws.host.get(fill(path, ws.ids) + requiredQuery(op));
    out[path] = { status: res.status, body: res.body ?? res.text };
  }
  return out;
}

/** Asserts a refusal: 404 (or 403) with a code this route documents for it; never 2xx. */
function expectRefused(res: Answer, op: Json, what: string): void {
  expect([403, 404], `${what}: ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
  const code = res.body?.error?.code as string;
  expect(code, what).not.toBe('CSRF_FAILED');
  expect(documentedCodes(op, res.status), `${what}: ${code}`).toContain(code);
}

describe.each(DIALECTS)('tenant isolation over every host route (%s)', (dialect) => {
  let google: GoogleEmulator;
  let server: TestServer;
  let doc: Json;
  let a: Workspace;
  let b: Workspace;
  /** The URLs the webhook sender POSTed to (the webhook "test" route sends at once). */
  const sent: string[] = [];
  beforeAll(async () => {
    google = await startGoogleEmulator();
    // The webhook URL resolves to a public address, and nothing leaves the machine.
    const lookup: WebhookHostLookup = async () => [{ address: '93.184.216.34', family: 4 }];
    const fetchSpy: typeof fetch = async (input) => {
      sent.push(String(input));
      return new Response(null, { status: 204 });
    };
    server = await startTestServer(
      dialect,
      {
        GOOGLE_CLIENT_ID: google.client.clientId,
        GOOGLE_CLIENT_SECRET: google.client.clientSecret,
        GOOGLE_BASE_URL: google.url,
        SECRET_KEY: randomBytes(32).toString('base64'),
      },
      { webhooks: { lookup, fetch: fetchSpy } },
    );
    doc = (await new Client(server.url).get('/api/openapi.json')).body;
    a = await workspace(server, 'ana', '2026-11-03');
    b = await workspace(server, 'ben', '2026-11-04');
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  it("answers 404 to every host route called with another workspace's ids, and changes nothing", async () => {
    const before = await snapshot(doc, b);
    // B's snapshot really holds B's things (a broken fill would compare error answers).
    for (const [path, seen] of Object.entries(before))
      expect((seen as { status: number }).status, path).toBe(200);

    const sentBefore = sent.length;
    const tried: string[] = [];
    for (const { method, path, op } of hostOperations(doc)) {
      if (!path.includes('{') || OWN_CONSENT_FLOW.has(`${method} ${path}`)) continue;
      const body = plausibleBody(method, path, a);
      if (op.requestBody?.content?.['application/json'])
        expect(body, `${method} ${path} takes a body: add a plausible one`).toBeDefined();
      const url = fill(path, b.ids);
      const res = await a.host.request(method.toUpperCase(), url, body ? { body } : {});
      if (namesOwnThing(path)) {
        // A's own connection (A has one too): whatever the answer, it is A's, never B's.
        expect(res.status, `${method} ${url}: ${res.text}`).toBeLessThan(500);
        expect(res.text).not.toContain(b.email);
      } else expectRefused(res, op, `${method} ${url}`);
      tried.push(`${method} ${path}`);
    }
    // The routes this was written against are among them (the document is not empty or renamed).
    expect(tried).toEqual(
      expect.arrayContaining([
        'get /api/host/links/{id}',
        'delete /api/host/links/{id}',
        'post /api/host/bookings/{id}/cancel',
        'get /api/host/bookings/{id}/files/{uploadId}',
        'delete /api/host/invites/{id}',
        'get /api/host/crm/deals/{id}',
        'post /api/host/crm/deals/{id}/schedule',
        'delete /api/host/time-off/{id}',
        'post /api/host/webhooks/{id}/secret',
        'post /api/host/webhooks/deliveries/{id}/retry',
        'delete /api/host/calendar-connections/{provider}',
      ]),
    );

    // Mixed: A's own booking with B's upload is no way to B's file.
    const mixed = await a.host.get(
      `/api/host/bookings/${a.bookingId}/files/${b.ids['/api/host/bookings/{id}/files/{uploadId}']}`,
    );
    expect(mixed.status).toBe(404);

    // A's lists show nothing of B's.
    const aLists = JSON.stringify(await snapshot(doc, a));
    for (const id of Object.values(b.ids).filter((v) => v !== 'google'))
      expect(aLists).not.toContain(id);
    expect(aLists).not.toContain(b.email);

    expect(sent.length, 'no webhook was sent for B').toBe(sentBefore);
    expect(await snapshot(doc, b)).toEqual(before);
  });

  it("keeps a team member to what the workspace shares, never the owner's private things", async () => {
    const invited = await a.host.post('/api/host/invites', {
      body: { email: 'mia@example.com' },
    });
    expectStatus(invited, 201);
    const token = new URL(invited.body.url).pathname.replace('/invite/', '');
    const mia = new Client(server.url);
    expectStatus(
      await mia.post(`/api/auth/invites/${token}/accept`, {
        body: { name: 'Mia', password: 'correct horse battery', timeZone: 'UTC' },
      }),
      201,
    );
    const miaWs: Workspace = { ...a, host: mia, email: 'mia@example.com' };
    expect((await mia.get('/api/auth/session')).body.host.workspaceId).toBe(
      (await a.host.get('/api/auth/session')).body.host.workspaceId,
    );

    /**
     * The access rules (booking-core access.ts, time-off.ts, the calendar connection key): links,
     * bookings (and their files), time off and calendar connections belong to one host; CRM,
     * webhooks, invites and members belong to the workspace.
     */
    const HOST_PRIVATE = [
      '/api/host/links',
      '/api/host/bookings',
      '/api/host/time-off',
      '/api/host/calendar-connections',
    ];
    const WORKSPACE_SHARED = ['/api/host/crm', '/api/host/webhooks', '/api/host/invites'];
    const before = await snapshot(doc, a);
    for (const { method, path, op } of hostOperations(doc)) {
      if (!path.includes('{') || OWN_CONSENT_FLOW.has(`${method} ${path}`)) continue;
      const isPrivate = HOST_PRIVATE.some((p) => path.startsWith(`${p}/`));
      const isShared = WORKSPACE_SHARED.some((p) => path.startsWith(`${p}/`));
      expect(isPrivate !== isShared, `${path}: say whether members share it`).toBe(true);
      const url = fill(path, a.ids);
      if (isPrivate) {
        const body = plausibleBody(method, path, miaWs);
        const res = await mia.request(method.toUpperCase(), url, body ? { body } : {});
        expectRefused(res, op, `member ${method} ${url}`);
      } else if (method === 'get') {
        expectStatus(await mia.get(url), 200);
      }
    }
    // The member's lists hold none of the owner's links, bookings or time off.
    expect((await mia.get('/api/host/links')).body.links).toEqual([]);
    expect((await mia.get('/api/host/bookings?filter=upcoming')).body.bookings).toEqual([]);
    expect(
      (await mia.get('/api/host/time-off?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z')).body
        .timeOff,
    ).toEqual([]);
    expect((await mia.get('/api/host/calendar-connections')).body.connections).toEqual([]);
    // The shared lists show the workspace's records.
    expect((await mia.get('/api/host/crm/contacts')).body.contacts).toHaveLength(1);
    expect((await mia.get('/api/host/webhooks')).text).toContain(a.ids['/api/host/webhooks/{id}']);
    expect(await snapshot(doc, a)).toEqual(before);
  });
});
