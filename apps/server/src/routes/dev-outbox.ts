import type { OutboxMessage, OutboxStore } from '@workestra/booking-core';
import { escapeHtml } from '@workestra/notifications';
import { Router, type Request, type Response } from 'express';
import { PAGE_CSP } from '../http/security-headers.js';

/** `localhost`, `127.0.0.1` or `[::1]`, with an optional port: a `Host` only a local client sends. */
const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

/**
 * Whether the request names a loopback host: its `Host` header and, when present, its
 * `X-Forwarded-Host`. A page on another site that rebinds its own name to 127.0.0.1 still sends
 * its own name as `Host`, so this shuts it out (DNS rebinding).
 */
function loopbackRequest(req: Request): boolean {
  const host = req.headers.host;
  if (host === undefined || !LOOPBACK_HOST.test(host)) return false;
  const forwarded = req.headers['x-forwarded-host'];
  return (
    forwarded === undefined || (typeof forwarded === 'string' && LOOPBACK_HOST.test(forwarded))
  );
}

/** The email's own HTML, shown alone: no scripts, no network, no forms, nothing but inline styles and images from data URLs. */
const MAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; sandbox";

function page(res: Response, title: string, body: string, status = 200): void {
  res.status(status).setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', 'no-store');
  res
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)}</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem">${body}</body></html>`,
    );
}

const when = (ms: number): string =>
  new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

function detail(m: OutboxMessage): string {
  const base = `/dev/outbox/${encodeURIComponent(m.id)}`;
  const views = [
    `<a href="${base}/html">HTML</a>`,
    `<a href="${base}/text">text</a>`,
    ...(m.ics ? [`<a href="${base}/ics">.ics</a>`] : []),
    `<a href="${base}/raw">raw (.eml)</a>`,
  ].join(' · ');
  return (
    `<p><a href="/dev/outbox">← outbox</a></p><h1>${escapeHtml(m.subject)}</h1>` +
    `<table><tr><th align="left">From</th><td>${escapeHtml(m.from)}</td></tr>` +
    `<tr><th align="left">To</th><td>${escapeHtml(m.to.join(', '))}</td></tr>` +
    `<tr><th align="left">Date</th><td>${when(m.createdAt)}</td></tr>` +
    `<tr><th align="left">Message-ID</th><td>${escapeHtml(m.messageId)}</td></tr>` +
    `<tr><th align="left">Invite</th><td>${m.icsMethod ? `METHOD:${escapeHtml(m.icsMethod)}` : '—'}</td></tr></table>` +
    `<p>${views}</p><h2>Text</h2><pre style="white-space:pre-wrap;background:#f6f6f6;padding:1rem">${escapeHtml(m.text)}</pre>` +
    (m.ics
      ? `<h2>Calendar (.ics)</h2><pre style="white-space:pre-wrap;background:#f6f6f6;padding:1rem">${escapeHtml(m.ics)}</pre>`
      : '')
  );
}

/**
 * `/dev/outbox`: the mail the dev transport kept instead of sending (mounted only when no SMTP
 * server is configured and `PUBLIC_URL` is loopback, or `DEV_OUTBOX=true`). A list, a detail page
 * per message, and the text, HTML, .ics and raw views. There is no sign-in and the emails hold
 * attendees' working reschedule/cancel links, so unless `anyHost` (`DEV_OUTBOX=true`) every
 * request whose `Host` is not loopback answers 404. Everything from the message is escaped; the
 * HTML view is served alone under a sandboxing CSP, so a hostile booking cannot run script here.
 *
 * @example
 * ```ts
 * app.use('/dev/outbox', devOutboxRoutes(handle.outbox, { anyHost: false }));
 * ```
 */
export function devOutboxRoutes(outbox: OutboxStore, options: { anyHost: boolean }): Router {
  const router = Router();

  // Not for us: on to the next handler, as if the outbox were not mounted (a 404).
  router.use((req, _res, next) => {
    next(options.anyHost || loopbackRequest(req) ? undefined : 'router');
  });

  router.get('/', async (_req, res) => {
    const rows = await outbox.listOutbox({ limit: 200 });
    const items = rows
      .map(
        (m) =>
          `<tr><td>${when(m.createdAt)}</td><td>${escapeHtml(m.to.join(', '))}</td>` +
          `<td><a href="/dev/outbox/${encodeURIComponent(m.id)}">${escapeHtml(m.subject)}</a></td>` +
          `<td>${m.icsMethod ? escapeHtml(m.icsMethod) : ''}</td></tr>`,
      )
      .join('');
    page(
      res,
      'Dev outbox',
      `<h1>Dev outbox</h1><p>No SMTP server is configured (<code>SMTP_HOST</code>), so email is kept here instead of sent. Newest first.</p>` +
        (rows.length === 0
          ? '<p>No messages yet. Book a meeting; the job runner sends the emails within a second or two.</p>'
          : `<table cellpadding="6"><thead><tr><th align="left">Date</th><th align="left">To</th><th align="left">Subject</th><th align="left">Invite</th></tr></thead><tbody>${items}</tbody></table>`),
    );
  });

  const find = async (id: string, res: Response): Promise<OutboxMessage | null> => {
    const message = await outbox.getOutboxMessage(id);
    if (!message)
      page(
        res,
        'Not found',
        '<h1>No such message</h1><p><a href="/dev/outbox">← outbox</a></p>',
        404,
      );
    return message;
  };

  router.get('/:id', async (req, res) => {
    const m = await find(req.params.id, res);
    if (m) page(res, m.subject, detail(m));
  });
  router.get('/:id/html', async (req, res) => {
    const m = await find(req.params.id, res);
    if (!m) return;
    res.setHeader('Content-Security-Policy', MAIL_CSP);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(m.html);
  });
  router.get('/:id/text', async (req, res) => {
    const m = await find(req.params.id, res);
    if (m) res.type('text/plain; charset=utf-8').send(m.text);
  });
  router.get('/:id/ics', async (req, res) => {
    const m = await find(req.params.id, res);
    if (!m) return;
    if (!m.ics) return void page(res, 'Not found', '<h1>This message has no invite</h1>', 404);
    res.type('text/calendar; charset=utf-8').send(m.ics);
  });
  router.get('/:id/raw', async (req, res) => {
    const m = await find(req.params.id, res);
    if (m) res.type('text/plain; charset=utf-8').send(m.raw);
  });
  return router;
}
