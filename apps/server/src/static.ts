import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EMBED_QUERY,
  frameAncestors,
  slugSchema,
  type BookingStore,
} from '@workestra/booking-core';
import express, { Router, type Response } from 'express';
import { PAGE_CSP, pageCsp } from './http/security-headers.js';

/**
 * `apps/web/dist`, found from this package's own location: `src/` in tests and `dist/` when built
 * are both one level below the package, so the same relative path works from either.
 */
export function defaultWebDist(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

/** Host app pages (docs/http-api.md, "Pages served"). */
const HOST_PAGES = [
  '/',
  '/login',
  '/signup',
  '/invite/:token',
  '/settings/booking-links',
  '/settings/booking-links/:id/embed',
  '/settings/calendars',
  '/settings/time-off',
  '/settings/webhooks',
  '/settings/members',
  '/calendar',
  '/crm',
  '/crm/contacts/:id',
  '/crm/deals/:id',
];

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Workestra Scheduling</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>The web app is not built</h1>
<p>The server is running and its JSON API answers under <code>/api</code>
(see <a href="/api/openapi.json">/api/openapi.json</a>), but <code>apps/web/dist</code> does not exist yet.</p>
<p>Build it with <code>npx turbo run build --filter=@workestra/web</code> and reload.</p>
</body></html>`;

const NOT_FOUND = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>Not found</h1><p>There is no page at this address.</p></body></html>`;

/** The embed loader: customer sites load it with a `<script>` tag from their own origin. */
const LOADER = '/embed.js';

/**
 * Serves the web app: `book.html` for the public booking pages (404 for a slug no live link has),
 * `index.html` for the host pages, `/assets/*` cached immutably, the embed loader for any site.
 * Without a build, every page is a short note saying so.
 *
 * A booking page is never framed, except in embed mode (`/book/<slug>?embed=1&origin=<site>`):
 * then `frame-ancestors` names the embedding site when the link's `embedDomains` allow it (`'none'`
 * when they do not, so the browser refuses the frame) and `X-Frame-Options` is left out.
 *
 * @example
 * ```ts
 * app.use(webRoutes({ distDir: defaultWebDist(), store, publicUrl: config.publicUrl }));
 * ```
 */
export function webRoutes(options: {
  distDir: string;
  store: BookingStore;
  publicUrl: string;
}): Router {
  const { distDir, store, publicUrl } = options;
  const router = Router();

  const sendPage = async (
    res: Response,
    file: 'book.html' | 'index.html',
    status = 200,
    csp = PAGE_CSP,
  ): Promise<void> => {
    const candidates = file === 'book.html' ? ['book.html', 'index.html'] : ['index.html'];
    const found = candidates.map((name) => join(distDir, name)).find((path) => existsSync(path));
    res.status(status).setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(found ? await readFile(found, 'utf8') : NOT_BUILT);
  };

  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), {
      immutable: true,
      maxAge: '1y',
      index: false,
      redirect: false,
    }),
  );

  router.get(
    ['/book/reschedule/:token', '/book/cancel/:token', '/book/booking/:token'],
    (_req, res) => sendPage(res, 'book.html'),
  );
  router.get('/book/:slug', async (req, res) => {
    const slug = req.params.slug;
    const live = slugSchema.safeParse(slug).success
      ? await store.transaction((tx) => tx.findLiveLinkBySlug(slug))
      : null;
    if (live && req.query[EMBED_QUERY.flag] === '1') {
      const origin = req.query[EMBED_QUERY.origin];
      const ancestors = frameAncestors(
        live.embedDomains,
        typeof origin === 'string' ? origin : null,
        publicUrl,
      );
      res.removeHeader('X-Frame-Options');
      return sendPage(res, 'book.html', 200, pageCsp(ancestors));
    }
    await sendPage(res, 'book.html', live ? 200 : 404);
  });
  router.get(HOST_PAGES, (_req, res) => sendPage(res, 'index.html'));

  // Any site may load the loader; it then frames only what each link allows.
  router.get(LOADER, (_req, res, next) => {
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  });
  // Other build outputs at the root (favicon, the embed loader script).
  router.use(express.static(distDir, { index: false, redirect: false, maxAge: '1h' }));

  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.status(404).setHeader('Content-Security-Policy', PAGE_CSP);
    res.type('html').send(NOT_FOUND);
  });
  return router;
}
