// Tenant isolation, driven from the OpenAPI document so that a new host route is covered (or fails
// loudly until test-support/host-workspace.ts knows its ids). Two workspaces, each with a link with a file form field, a
// booking with an uploaded file, CRM contact and deal, a webhook with a delivery, time off, an invite
// and a connected Google calendar (emulator). Host A then calls every host route that takes a path
// parameter with B's ids, with every method the document lists: each answer is a 404 (or 403) with a
// code the route documents, never 2xx; afterwards every GET host route read as B answers exactly
// what it answered before; B's ids in query filters (contactId, subscriptionId) answer nothing of
// B's. A member of A's workspace is refused the owner's private things (links,
// bookings and their files, time off, calendar connection) and sees what the workspace shares
// (CRM, webhooks, invites, members), as the access rules in booking-core/src/access.ts say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, Client, expectStatus, type Json } from './test-support/client.js';
import {
  documentedCodes,
  fill,
  hostOperations,
  namesOwnThing,
  OWN_CONSENT_FLOW,
  plausibleBody,
  snapshot,
  startWorkspaceServer,
  workspace,
  type Workspace,
} from './test-support/host-workspace.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

/** Asserts a refusal: 404 (or 403) with a code this route documents for it; never 2xx. */
function expectRefused(res: Answer, op: Json, what: string): void {
  expect([403, 404], `${what}: ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
  const code = res.body?.error?.code as string;
  expect(code, what).not.toBe('CSRF_FAILED');
  expect(documentedCodes(op, res.status), `${what}: ${code}`).toContain(code);
}

describe('the error codes the refusals are checked against', () => {
  it('are each documented under their real status, none under 500', async () => {
    await using server = await startTestServer('sqlite');
    const doc = (await new Client(server.url).get('/api/openapi.json')).body;
    const under500: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>))
      for (const [method, op] of Object.entries(item as Record<string, Json>))
        if (op.responses?.['500'])
          under500.push(`${method} ${path}: ${op.responses['500'].description}`);
    expect(under500).toEqual([]);
  });
});

describe.each(DIALECTS)('tenant isolation over every host route (%s)', (dialect) => {
  let server: TestServer;
  let close: () => Promise<void>;
  let sent: string[];
  let doc: Json;
  let a: Workspace;
  let b: Workspace;
  beforeAll(async () => {
    ({ server, sent, close } = await startWorkspaceServer(dialect));
    doc = (await new Client(server.url).get('/api/openapi.json')).body;
    a = await workspace(server, 'ana', '2026-11-03');
    b = await workspace(server, 'ben', '2026-11-04');
  });
  afterAll(() => close?.());

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

    // Ids in query parameters (a filter by B's contact or subscription): nothing of B's answered.
    const QUERY_IDS: Record<string, string> = {
      contactId: '/api/host/crm/contacts/{id}',
      subscriptionId: '/api/host/webhooks/{id}',
    };
    let queried = 0;
    for (const { method, path, op } of hostOperations(doc)) {
      if (method !== 'get' || OWN_CONSENT_FLOW.has(`${method} ${path}`)) continue;
      for (const param of (op.parameters ?? []) as Json[]) {
        if (param.in !== 'query' || !/Id$/.test(param.name)) continue;
        const prefix = QUERY_IDS[param.name as string];
        expect(prefix, `${path}?${param.name}: name the kind of id it takes`).toBeDefined();
        const res = await a.host.get(`${fill(path, a.ids)}?${param.name}=${b.ids[prefix!]}`);
        expect([200, 404], `${path}?${param.name}: ${res.text}`).toContain(res.status);
        for (const id of Object.values(b.ids).filter((v) => v !== 'google'))
          expect(res.text).not.toContain(id === b.ids[prefix!] ? `"id":"${id}"` : id);
        expect(res.text).not.toContain(b.email);
        queried++;
      }
    }
    expect(queried).toBeGreaterThanOrEqual(2);

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

    // What the product does let a member see: a meeting it attends on the owner's team link
    // (access.ts: its host, a co-host, or the link's owner), never the team link itself.
    const ids = async (c: Client) => (await c.get('/api/auth/session')).body.host.id as string;
    const team = await a.host.post('/api/host/links', {
      body: {
        title: 'Team call',
        slug: 'ana-team',
        timeZone: 'UTC',
        kind: 'collective',
        members: [{ hostId: await ids(a.host) }, { hostId: await ids(mia) }],
      },
    });
    expectStatus(team, 201);
    const booked = await new Client(server.url).post('/api/public/links/ana-team/bookings', {
      body: { start: '2026-11-05T10:00:00Z', name: 'Cy', email: 'cy@example.com', timeZone: 'UTC' },
    });
    expectStatus(booked, 201);
    const teamBooking = booked.body.booking.id as string;
    expectStatus(await mia.get(`/api/host/bookings/${teamBooking}`), 200);
    expectStatus(await a.host.get(`/api/host/bookings/${teamBooking}`), 200);
    expect(
      ((await mia.get('/api/host/bookings?filter=upcoming')).body.bookings as Json[]).map(
        (x) => x.id,
      ),
    ).toEqual([teamBooking]);
    expect((await mia.get(`/api/host/links/${team.body.link.id}`)).status).toBe(404);
    // Still not the owner's own meeting.
    expect((await mia.get(`/api/host/bookings/${a.bookingId}`)).status).toBe(404);
  });
});
