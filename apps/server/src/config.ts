import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

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
  /** Seed a demo host and the link `/book/demo` on first run. */
  SEED_DEMO: bool.default(true),
  /** Express `trust proxy` (set when behind a reverse proxy so client IPs are right). */
  TRUST_PROXY: bool.default(false),
  /** Requests per minute per client IP on public routes. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Requests per minute per client IP on login and signup (stricter: password guessing). */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Largest JSON request body, in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10_485_760)
    .default(32 * 1024),
  /** The built web app to serve; default `apps/web/dist` next to this package. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** How long a graceful shutdown waits for in-flight work before exiting anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Job runner poll interval; 0 disables the in-process runner. */
  JOB_POLL_MS: z.coerce.number().int().min(0).default(1000),
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
  /** The From address of every email. Default `Workestra <no-reply@<PUBLIC_URL host>>`. */
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
});

/** Parsed configuration. */
export type Config = z.infer<typeof configSchema> & {
  publicUrl: string;
  databaseUrl: string;
  cookieSecure: boolean;
  mailFrom: string;
  /** SMTP settings when `SMTP_HOST` is set; null means the dev outbox. */
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    auth?: { user: string; pass: string };
  } | null;
};

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
  return {
    ...c,
    publicUrl,
    databaseUrl,
    cookieSecure: c.COOKIE_SECURE ?? publicUrl.startsWith('https:'),
    mailFrom: c.MAIL_FROM ?? `Workestra <no-reply@${new URL(publicUrl).hostname}>`,
    smtp: c.SMTP_HOST
      ? {
          host: c.SMTP_HOST,
          port,
          secure: c.SMTP_SECURE ?? port === 465,
          ...(c.SMTP_USER && c.SMTP_PASS ? { auth: { user: c.SMTP_USER, pass: c.SMTP_PASS } } : {}),
        }
      : null,
  };
}
