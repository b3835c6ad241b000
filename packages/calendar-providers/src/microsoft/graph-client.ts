import {
  Client,
  HTTPMessageHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';

/**
 * Puts the bearer token on every request. The client's own authentication handler sends no
 * token to a host that is not HTTPS (an emulator on loopback), and its default chain retries
 * with real sleeps; our chain is this middleware and the HTTP handler, and retries are ours.
 */
class BearerMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly token: string) {}

  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${this.token}`);
    options.headers = headers;
    if (this.next === undefined) throw new Error('BearerMiddleware needs a next middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A Graph client for one call with `token`, against `baseUrl` (Graph's, or an emulator's). */
export function graphClient(baseUrl: string, token: string): Client {
  const bearer = new BearerMiddleware(token);
  bearer.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({ middleware: bearer, baseUrl, defaultVersion: 'v1.0' });
}
