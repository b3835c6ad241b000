import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Reads a request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A JSON object request body: `'not json'` when the content type is not JSON, `'unreadable'`
 * when the body is no JSON object. The emulators answer each as their provider does.
 */
export async function readJsonObject(
  req: IncomingMessage,
): Promise<Record<string, unknown> | 'not json' | 'unreadable'> {
  if (!(req.headers['content-type'] ?? '').includes('application/json')) return 'not json';
  try {
    const body: unknown = JSON.parse(await readBody(req));
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'unreadable';
    return body as Record<string, unknown>;
  } catch {
    return 'unreadable';
  }
}

/** Answers JSON with a status and optional headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text === '' ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...headers,
  });
  res.end(text);
}

/** Starts `handler` on a loopback port; resolves with the server and its base URL. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  port = 0,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      sendJson(res, 500, { error: { code: 500, message: String(error) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${bound}` };
}

/** Closes a server, cutting its open connections (hanging requests included). */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
