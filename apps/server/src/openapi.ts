import { z } from 'zod';
import { errorSchema } from './api-schemas.js';
import { BODY_ERROR_CODES } from './http/body.js';
import { DATABASE_FAULT_CODES, STATUS_BY_CODE } from './http/errors.js';
import { API_ROUTES, type ApiRoute } from './route-table.js';

type Json = Record<string, unknown>;

/** Requests are documented as clients send them (`io: 'input'`): defaults optional, instants as strings. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Json;
  return rest;
}

/** `/api/host/links/:id` -> `/api/host/links/{id}` and its path parameter names. */
function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

function errorResponses(route: ApiRoute): Json {
  // Every /api route parses a JSON body when one is sent; document it where one is expected.
  // Every route but the ops ones reads the database, which may be locked, unreachable or full (503).
  const codes = [
    ...new Set([
      'VALIDATION_FAILED',
      ...(route.body ? BODY_ERROR_CODES : []),
      ...route.errors,
      ...(route.tag === 'ops' ? [] : DATABASE_FAULT_CODES),
    ]),
  ];
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const status = STATUS_BY_CODE[code] ?? 500;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Json = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b))
    out[String(status)] = {
      description: list.join(', '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  return out;
}

function operation(route: ApiRoute, params: string[]): Json {
  const parameters: Json[] = params.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (route.query) {
    const query = jsonSchema(route.query, 'input') as { properties?: Json; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {}))
      parameters.push({
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        schema,
      });
  }
  const op: Json = {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    tags: [route.tag],
    responses: {
      [String(route.status)]: route.response
        ? {
            description: 'OK',
            content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
          }
        : route.mediaType
          ? { description: 'OK', content: { [route.mediaType]: { schema: { type: 'string' } } } }
          : { description: 'No content' },
      ...errorResponses(route),
    },
  };
  if (parameters.length > 0) op.parameters = parameters;
  if (route.body)
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
    };
  if (route.multipartFile)
    op.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
            required: ['file'],
          },
        },
      },
    };
  if (route.auth === 'session') op.security = [{ session: [] }];
  if (route.auth === 'csrf') op.security = [{ session: [], csrf: [] }];
  return op;
}

/**
 * The OpenAPI 3.1 document of the server, generated from {@link API_ROUTES} and the zod schemas
 * the routes parse with.
 *
 * @example
 * ```ts
 * app.get('/api/openapi.json', (_req, res) => res.json(buildOpenApi({ serverUrl: config.publicUrl })));
 * ```
 */
export function buildOpenApi(options: { serverUrl: string }): Json {
  const paths: Record<string, Json> = {};
  for (const route of API_ROUTES) {
    const { path, params } = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, params) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Workestra Scheduling reference server',
      version: '0.0.0',
      description:
        'Booking links: public booking API, host accounts and host API. Prose: docs/http-api.md.',
    },
    servers: [{ url: options.serverUrl }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'wk_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
    },
  };
}
