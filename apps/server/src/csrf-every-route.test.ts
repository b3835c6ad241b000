// CSRF over the whole API, driven from the OpenAPI document: every state-changing route a session
// may call (every non-GET host or auth route with a session) is documented as needing the
// X-CSRF-Token header, and each one, called by a signed-in host on its own things without the
// token, with a wrong one or with another session's, answers 403 CSRF_FAILED and changes nothing
// (every GET host route reads the same afterwards; the session still works).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectError, expectStatus, type Json } from './test-support/client.js';
import {
  fill,
  METHODS,
  plausibleBody,
  snapshot,
  startWorkspaceServer,
  workspace,
  type Workspace,
} from './test-support/host-workspace.js';
import { DIALECTS, type TestServer } from './test-support/server.js';

describe.each(DIALECTS)('CSRF on every state-changing route (%s)', (dialect) => {
  let server: TestServer;
  let close: () => Promise<void>;
  let doc: Json;
  let ana: Workspace;
  let other: Client;
  beforeAll(async () => {
    ({ server, close } = await startWorkspaceServer(dialect));
    doc = (await new Client(server.url).get('/api/openapi.json')).body;
    ana = await workspace(server, 'ana', '2026-11-03');
    other = new Client(server.url);
    await other.signup({ email: 'other@example.com', name: 'Other' });
  });
  afterAll(() => close?.());

  it('documents the token on every non-GET route that takes a session', () => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>))
      for (const method of METHODS) {
        const op = item[method];
        if (!op || method === 'get') continue;
        const schemes = ((op.security ?? []) as Json[]).flatMap((s) => Object.keys(s));
        if (op.tags.includes('host') || schemes.includes('session'))
          expect(schemes, `${method} ${path}`).toEqual(['session', 'csrf']);
      }
  });

  it('refuses each of them without the token, with a wrong one and with another session’s', async () => {
    const before = await snapshot(doc, ana);
    const tried: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>))
      for (const method of METHODS) {
        const op = item[method];
        const schemes = ((op?.security ?? []) as Json[]).flatMap((s) => Object.keys(s));
        if (!schemes.includes('csrf')) continue;
        const url = fill(path, ana.ids);
        const body = plausibleBody(method, path, ana);
        for (const csrf of [false, 'wrong', other.csrfToken ?? ''] as const) {
          const res = await ana.host.request(method.toUpperCase(), url, {
            ...(body ? { body } : {}),
            csrf,
          });
          expectError(res, 403, 'CSRF_FAILED');
        }
        tried.push(`${method} ${path}`);
      }
    expect(tried.length).toBeGreaterThanOrEqual(24); // the count when this was written
    expect(tried).toEqual(
      expect.arrayContaining([
        'post /api/auth/logout',
        'post /api/host/links',
        'delete /api/host/links/{id}',
        'post /api/host/bookings/{id}/cancel',
        'put /api/host/crm/settings',
        'post /api/host/webhooks/{id}/secret',
        'delete /api/host/calendar-connections/{provider}',
      ]),
    );
    expect(await snapshot(doc, ana)).toEqual(before);
    expectStatus(await ana.host.get('/api/auth/session'), 200);
  });
});
