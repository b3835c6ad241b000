// A "customer site" for the embed tests: a second local origin (its own port) serving pages that
// paste the snippet, with a harness recording the `workestra:*` events each embed dispatches.
import { createServer, type Server } from 'node:http';
import { EMBED_EVENTS } from '../../src/embed/protocol';

export interface CustomerSite {
  /** `http://127.0.0.1:<port>`: another origin than the booking server. */
  origin: string;
  /** Serves `html` (a full page) at `path` from now on. */
  page(path: string, html: string): void;
  close(): Promise<void>;
}

/**
 * The harness every page gets in its `<head>`: `window.embedEvents` collects each event's type,
 * element id and detail (listening on `document`, so every embed's events arrive).
 */
export const HARNESS = `<script>
window.embedEvents = [];
for (const name of ${JSON.stringify(EMBED_EVENTS)})
  document.addEventListener('workestra:' + name, (e) =>
    window.embedEvents.push({ type: e.type, id: e.target.id, detail: e.detail }));
</script>`;

/** A plain marketing page look, so the README's screenshot shows the embed in a real-looking site. */
const SITE_STYLE = `<style>
body { margin: 0; font-family: Georgia, serif; color: #222; background: #fbfaf7; }
header { background: #0b3d2e; color: #fff; padding: 18px 40px; font-size: 22px; }
main { max-width: 980px; margin: 0 auto; padding: 8px 24px 40px; }
</style>`;

/** A page with the harness, `body` and the loader from `server`. */
export function customerPage(server: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Widgets</title>
${SITE_STYLE}${HARNESS}</head><body><header>Acme Widgets</header><main>
<h1>Talk to our team</h1><p>Pick a time below: thirty minutes with a product specialist.</p>
${body}</main><script src="${server}/embed.js" async></script></body></html>`;
}

/** Starts the site on a free port of 127.0.0.1. */
export async function startCustomerSite(): Promise<CustomerSite> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const html = pages.get((req.url ?? '/').split('?')[0]!);
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    page: (path, html) => void pages.set(path, html),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
