import { isIP } from 'node:net';
import { resolve } from 'node:path';
import {
  type ConnectedCalendarProvider,
  JOB_KINDS,
  JOB_RUNNER_DEFAULTS,
  type JobKind,
} from '@workestra/booking-core';
import { parseDatabaseUrl } from '@workestra/store';
import { z } from 'zod';
import { defaultMailFrom } from './mail-from.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** `kind=n,kind=n` → per-kind limits; every kind must be one of booking-core's `JOB_KINDS`. */
const kindLimits = z.string().transform((text, ctx) => {
  const limits: Partial<Record<JobKind, number>> = {};
  for (const entry of text.split(',').map((e) => e.trim())) {
    const match = /^([a-z.-]+)\s*=\s*(\d{1,4})$/.exec(entry);
    const kind = JOB_KINDS.find((k) => k === match?.[1]);
    if (match === null || kind === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not kind=number with a kind among ${JOB_KINDS.join(', ')}`,
      });
      return z.NEVER;
    }
    limits[kind] = Number(match[2]);
  }
  return limits;
});

/** Loopback host names (as `URL#hostname` spells them: IPv6 in brackets). */
const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Whether a URL host name (`localhost`, `127.0.0.1`, `[::1]`, any case) is loopback.
 *
 * @example
 * ```ts
 * isLoopbackHostname(new URL('http://localhost:3000').hostname); // true
 * ```
 */
export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname.toLowerCase());
}

/** Express's `trust proxy` names (proxy-addr): `loopback`, `linklocal`, `uniquelocal`. */
const TRUST_PROXY_NAMES: ReadonlySet<string> = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One entry of Express's list syntax: a name, an address, `addr/prefix` or IPv4 `addr/netmask`. */
function isTrustProxyEntry(entry: string): boolean {
  if (TRUST_PROXY_NAMES.has(entry)) return true;
  const slash = entry.indexOf('/');
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return false;
  if (slash === -1) return true;
  const range = entry.slice(slash + 1);
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4;
}

/**
 * `TRUST_PROXY`: `false` (default, also `0`/`no`), a hop count (`1`, `2`, ...), or Express's list
 * syntax (`loopback`, `uniquelocal`, `10.0.0.0/8, fd00::/8`, ...). The legacy `true`/`yes` means one
 * hop (`1`): trusting every hop would let a forged `X-Forwarded-For` pick the client IP.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): false | number | string[] => {
    const lower = v.toLowerCase();
    if (lower === 'false' || lower === 'no' || lower === '0') return false;
    if (lower === 'true' || lower === 'yes') return 1;
    if (/^\d+$/.test(lower)) {
      const hops = Number(lower);
      if (hops <= 32) return hops;
    }
    const entries = lower.split(',').map((e) => e.trim());
    if (entries.length > 0 && entries.every(isTrustProxyEntry)) return entries;
    ctx.addIssue({
      code: 'custom',
      message:
        'expected false, a hop count (1, 2, ...), or a comma-separated list of loopback, linklocal, uniquelocal, addresses and subnets (10.0.0.0/8)',
    });
    return z.NEVER;
  });

/** Where the rate limits count (`RATE_LIMIT_STORE`), declared once. */
export const RATE_LIMIT_STORES = ['memory', 'database'] as const;
/** One of {@link RATE_LIMIT_STORES}. */
export type RateLimitStore = (typeof RATE_LIMIT_STORES)[number];

/**
 * Every environment variable the server reads, in one zod schema. With none set, `npm start` runs
 * on an embedded SQLite file under `./data` with a demo host and link.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Unset: SQLite at `$DATA_DIR/workestra.db`. `postgres://...`: PostgreSQL. `file:...`/path: SQLite there. */
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** The public origin used in links and emails. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Seed a demo host and the link `/book/demo` on first run. Unset: only when `PUBLIC_URL` is unset
   * or loopback (a known password must not appear on a public server by default).
   */
  SEED_DEMO: bool.optional(),
  /** Express `trust proxy` (set when behind a reverse proxy so client IPs are right); see {@link trustProxy}. */
  TRUST_PROXY: trustProxy.default(false),
  /**
   * Serve the dev outbox at `/dev/outbox` (only ever without SMTP). Unset: only when `PUBLIC_URL` is
   * loopback, and only to requests whose `Host` is loopback. `true`: always, to any `Host`
   * (unauthenticated: it shows attendees' reschedule/cancel links). `false`: never.
   */
  DEV_OUTBOX: bool.optional(),
  /**
   * Let webhook subscriptions reach plain `http:` URLs and hosts that are or resolve to loopback,
   * private, link-local, carrier-grade NAT, multicast or unspecified addresses. Unset: only when
   * `PUBLIC_URL` is loopback (local development). Off in production: a webhook URL could
   * otherwise reach the server's own network (server-side request forgery).
   */
  WEBHOOK_ALLOW_PRIVATE_URLS: bool.optional(),
  /** How often (ms) the webhook sender looks for due retries and other instances' deliveries. */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(100).default(5000),
  /**
   * Where the rate limits count: `memory` (each process its own counters) or `database` (in the
   * PostgreSQL database all instances share, so several processes enforce one budget). Default:
   * `database` on PostgreSQL, `memory` on SQLite (one process).
   */
  RATE_LIMIT_STORE: z.enum(RATE_LIMIT_STORES).optional(),
  /** Requests per minute per client IP on public routes. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Requests per minute per client IP on login and signup (stricter: password guessing). */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /**
   * Failed sign-ins per email address (whether or not an account has it) within 15 minutes, from
   * all addresses together, before that email is refused with 429 for the rest of the window.
   * Addresses that signed in to the account in the last 30 days are exempt.
   */
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** Largest JSON request body, in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10_485_760)
    .default(32 * 1024),
  /**
   * The largest file a form's upload field takes, in bytes (a field may set a lower limit, never a
   * higher one). Enforced while the file streams in. Files are kept in `$DATA_DIR/uploads`.
   */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1_073_741_824)
    .default(10 * 1024 * 1024),
  /**
   * How often (ms) uploads of bookings that never completed (attached to no booking an hour after
   * the upload) are deleted, file and row.
   */
  UPLOAD_SWEEP_MS: z.coerce.number().int().min(1000).default(300_000),
  /** The built web app to serve; default `apps/web/dist` next to this package. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** How long a graceful shutdown waits for in-flight work before exiting anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * The job runner's idle poll (wake-ups on enqueue do not wait for it); 0 disables the
   * in-process runner.
   */
  JOB_POLL_MS: z.coerce.number().int().min(0).default(1000),
  /**
   * Whether the job runner runs in a worker thread of the server (its own event loop and core,
   * its own database connection; default true) or on the main thread beside HTTP (false).
   */
  JOB_RUNNER_THREAD: bool.optional(),
  /** Most follow-up jobs running at once in this process. */
  JOB_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(JOB_RUNNER_DEFAULTS.concurrency),
  /** Per-kind limits, `crm.sync=2,calendar.create=4`; unlisted kinds get half of JOB_CONCURRENCY. */
  JOB_KIND_CONCURRENCY: kindLimits.optional(),
  /** How long a claimed job stays claimed without a heartbeat (renewed every third of it). */
  JOB_LEASE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(3_600_000)
    .default(JOB_RUNNER_DEFAULTS.leaseMs),
  /** Host session lifetime. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 14),
  /** Allow the session cookie over plain http (local development). Defaults to true unless PUBLIC_URL is https. */
  COOKIE_SECURE: bool.optional(),
  /** SMTP server for outgoing mail. Unset: mail is kept in the dev outbox (`/dev/outbox`). */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** TLS from the first byte (port 465). Default: true iff SMTP_PORT is 465; otherwise STARTTLS when offered. */
  SMTP_SECURE: bool.optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().min(1).optional(),
  /**
   * The From address of every email. Default `Workestra <no-reply@<PUBLIC_URL host>>` when that
   * host is a domain, else `no-reply@workestra.localhost` (see `defaultMailFrom`).
   */
  MAIL_FROM: z.string().min(3).optional(),
  /**
   * 32 bytes, base64: seals reschedule/cancel tokens into email job payloads. Unset: generated once
   * and kept in `$DATA_DIR/secret.key` (mode 0600). Set it (the same on every instance) when several
   * instances share a database.
   */
  SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  /** Google OAuth client (set both): lets hosts connect Google Calendar. Unset: Google links answer 503. */
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  /**
   * A stand-in for Google's OAuth and Calendar endpoints, such as the emulator of
   * `@workestra/calendar-providers/testing` (`/o/oauth2/v2/auth`, `/token`, `/revoke`, the API
   * under it). Unset: Google's own.
   */
  GOOGLE_BASE_URL: z.url().optional(),
  /**
   * Connect the demo host to an emulated Google calendar (an in-process emulator on a loopback
   * port, with a few busy events) so `/book/demo` shows busy time removed and a Meet link.
   * `auto`: when the demo seed is on and no `GOOGLE_CLIENT_ID` is set.
   */
  DEMO_CALENDAR: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Microsoft identity platform client (set both): lets hosts connect Microsoft 365 calendars. */
  MICROSOFT_CLIENT_ID: z.string().min(1).optional(),
  MICROSOFT_CLIENT_SECRET: z.string().min(1).optional(),
  /** The directory hosts sign in to: `common` (default), `organizations`, `consumers` or a tenant id. */
  MICROSOFT_TENANT: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/)
    .default('common'),
  /**
   * A stand-in for the identity platform and Microsoft Graph (`/<tenant>/oauth2/v2.0/...`, Graph
   * under it), such as the emulator of `@workestra/calendar-providers/testing`. Unset: Microsoft's own.
   */
  MICROSOFT_BASE_URL: z.url().optional(),
});

/**
 * One calendar provider's OAuth client and endpoints, when its client id and secret are set.
 * `baseUrl` null means the provider's own endpoints.
 */
export interface CalendarProviderConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly baseUrl: string | null;
}

/** Parsed configuration. */
export type Config = z.infer<typeof configSchema> & {
  publicUrl: string;
  databaseUrl: string;
  /** `RATE_LIMIT_STORE`, or its default for the database. */
  rateLimitStore: RateLimitStore;
  cookieSecure: boolean;
  mailFrom: string;
  /** Whether `PUBLIC_URL` (or its default) names a loopback host. */
  publicUrlIsLoopback: boolean;
  /** Whether to seed the demo host: `SEED_DEMO`, or unset and {@link publicUrlIsLoopback}. */
  seedDemo: boolean;
  /** `JOB_RUNNER_THREAD`, default true: the job runner in a worker thread. */
  jobRunnerThread: boolean;
  /**
   * Whether to start the emulated Google calendar of the demo (`DEMO_CALENDAR`, or `auto`: the
   * demo seed on and no `GOOGLE_CLIENT_ID`). Its provider config is filled in at start-up.
   */
  demoCalendar: boolean;
  /** Whether to mount `/dev/outbox`: no SMTP, and `DEV_OUTBOX=true` or unset and loopback. */
  devOutbox: boolean;
  /** Whether webhooks may reach http and private hosts: `WEBHOOK_ALLOW_PRIVATE_URLS`, or unset and loopback. */
  webhookAllowPrivateUrls: boolean;
  /** SMTP settings when `SMTP_HOST` is set; null means the dev outbox. */
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    auth?: { user: string; pass: string };
  } | null;
  /** The calendar providers hosts can connect: those whose client id and secret are set. */
  calendarProviders: Partial<Record<ConnectedCalendarProvider, CalendarProviderConfig>>;
  /** The Microsoft directory hosts sign in to (`MICROSOFT_TENANT`). */
  microsoftTenant: string;
};

/** A provider's client from `<PREFIX>_CLIENT_ID`/`_SECRET`/`_BASE_URL`; both or neither of id and secret. */
function providerClient(
  prefix: string,
  id: string | undefined,
  secret: string | undefined,
  baseUrl: string | undefined,
): CalendarProviderConfig | undefined {
  if ((id === undefined) !== (secret === undefined))
    throw new Error(
      `Invalid configuration:\n  ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET: set both or neither`,
    );
  if (id === undefined || secret === undefined) return undefined;
  return { clientId: id, clientSecret: secret, baseUrl: baseUrl?.replace(/\/$/, '') ?? null };
}

/** Parses `env` (default `process.env`); throws a readable error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  const databaseUrl = c.DATABASE_URL ?? `file:${resolve(c.DATA_DIR, 'workestra.db')}`;
  if ((c.SMTP_USER === undefined) !== (c.SMTP_PASS === undefined))
    throw new Error('Invalid configuration:\n  SMTP_USER and SMTP_PASS: set both or neither');
  const port = c.SMTP_PORT ?? 587;
  const google = providerClient(
    'GOOGLE',
    c.GOOGLE_CLIENT_ID,
    c.GOOGLE_CLIENT_SECRET,
    c.GOOGLE_BASE_URL,
  );
  const microsoft = providerClient(
    'MICROSOFT',
    c.MICROSOFT_CLIENT_ID,
    c.MICROSOFT_CLIENT_SECRET,
    c.MICROSOFT_BASE_URL,
  );
  const onPostgres = parseDatabaseUrl(databaseUrl).dialect === 'postgres';
  const rateLimitStore = c.RATE_LIMIT_STORE ?? (onPostgres ? 'database' : 'memory');
  if (rateLimitStore === 'database' && !onPostgres)
    throw new Error(
      'Invalid configuration:\n  RATE_LIMIT_STORE=database needs a PostgreSQL DATABASE_URL (SQLite serves one process: use memory)',
    );
  const publicUrlIsLoopback = isLoopbackHostname(new URL(publicUrl).hostname);
  const seedDemo = c.SEED_DEMO ?? publicUrlIsLoopback;
  if (c.DEMO_CALENDAR === 'true' && google)
    throw new Error(
      'Invalid configuration:\n  DEMO_CALENDAR=true and GOOGLE_CLIENT_ID: the demo calendar replaces the Google client; unset one',
    );
  return {
    ...c,
    publicUrl,
    databaseUrl,
    rateLimitStore,
    publicUrlIsLoopback,
    seedDemo,
    jobRunnerThread: c.JOB_RUNNER_THREAD ?? true,
    demoCalendar:
      c.DEMO_CALENDAR === 'auto' ? seedDemo && google === undefined : c.DEMO_CALENDAR === 'true',
    devOutbox: !c.SMTP_HOST && (c.DEV_OUTBOX ?? publicUrlIsLoopback),
    webhookAllowPrivateUrls: c.WEBHOOK_ALLOW_PRIVATE_URLS ?? publicUrlIsLoopback,
    cookieSecure: c.COOKIE_SECURE ?? publicUrl.startsWith('https:'),
    mailFrom: c.MAIL_FROM ?? defaultMailFrom(publicUrl),
    smtp: c.SMTP_HOST
      ? {
          host: c.SMTP_HOST,
          port,
          secure: c.SMTP_SECURE ?? port === 465,
          ...(c.SMTP_USER && c.SMTP_PASS ? { auth: { user: c.SMTP_USER, pass: c.SMTP_PASS } } : {}),
        }
      : null,
    calendarProviders: { ...(google ? { google } : {}), ...(microsoft ? { microsoft } : {}) },
    microsoftTenant: c.MICROSOFT_TENANT,
  };
}
