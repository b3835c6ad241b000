import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from './route-table.js';
import { Client, type Json } from './test-support/client.js';
import { startTestServer, type TestServer } from './test-support/server.js';

describe('GET /api/openapi.json', () => {
  let server: TestServer;
  let doc: Json;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    doc = JSON.parse(await res.text());
  });
  afterAll(() => server?.close());

  it('is an OpenAPI 3.1.0 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.components.schemas.Error).toBeTruthy();
    // Every $ref resolves inside the document.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const pointer = ref.slice(8, -1).replace(/^#\//, '').split('/');
      expect(
        pointer.reduce((node: Json, key) => node?.[key], doc),
        ref,
      ).toBeDefined();
    }
  });

  it('lists every route of the table with its schemas and error statuses', () => {
    for (const route of API_ROUTES) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method];
      expect(op, `${route.method} ${path}`).toBeDefined();
      expect(op.responses[String(route.status)]).toBeDefined();
      if (route.body) {
        expect(op.requestBody.content['application/json'].schema.type).toBe('object');
        expect(op.responses['400'].description).toContain('INVALID_CONTENT_ENCODING');
        expect(op.responses['413'].description).toBe('PAYLOAD_TOO_LARGE');
        expect(op.responses['415'].description).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
      for (const name of route.path.match(/:([A-Za-z]+)/g) ?? [])
        expect(op.parameters.some((p: Json) => p.name === name.slice(1) && p.in === 'path')).toBe(
          true,
        );
      if (route.method !== 'get') expect(op.responses['400']).toBeDefined();
      if (route.tag !== 'ops') expect(op.responses['503'].description).toContain('DATABASE_BUSY');
    }
    const ops = Object.values(doc.paths).flatMap((p: Json) => Object.keys(p));
    expect(ops).toHaveLength(API_ROUTES.length);
    expect(
      doc.paths['/api/public/links/{slug}/slots'].get.parameters.map((p: Json) => p.name),
    ).toEqual(['slug', 'from', 'to', 'timeZone']);
    expect(
      doc.paths['/api/public/links/{slug}/bookings'].post.responses['409'].description,
    ).toMatch(/SLOT_TAKEN/);
    expect(doc.paths['/api/host/links'].post.security).toEqual([{ session: [], csrf: [] }]);
  });

  it('matches the routes the app answers (no table entry is a dead route)', async () => {
    const anon = new Client(server.url);
    for (const route of API_ROUTES) {
      const path = route.path.replace(/:([A-Za-z]+)/g, 'x');
      const res = await anon.request(route.method.toUpperCase(), path);
      expect(res.text, `${route.method} ${route.path}`).not.toMatch(/No API route/);
    }
  });
});
