import { createTransport } from 'nodemailer';
import { NotificationError } from './errors.js';
import type { EmailTransport } from './transport.js';

/**
 * Where and how to reach the SMTP server.
 *
 * @example
 * ```ts
 * const options: SmtpOptions = { host: 'smtp.example.com', port: 587, secure: false, auth: { user: 'u', pass: 'p' } };
 * ```
 */
export interface SmtpOptions {
  readonly host: string;
  readonly port: number;
  /** `true`: TLS from the first byte (port 465). `false`: STARTTLS when offered (587/25). */
  readonly secure?: boolean;
  /** Refuse to send unless STARTTLS succeeds (with `secure: false`). */
  readonly requireTls?: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Accept self-signed certificates (tests, local relays). Default false. */
  readonly allowSelfSigned?: boolean;
  /** Connect/greeting timeout in ms. Default 10 000. */
  readonly connectionTimeoutMs?: number;
  /** Inactivity timeout in ms. Default 30 000. */
  readonly socketTimeoutMs?: number;
}

interface SmtpError {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  timeoutType?: unknown;
  command?: unknown;
}

/** Failures that happen before the server could have the message: nothing was delivered. */
const NOTHING_SENT_CODES = new Set([
  'EAUTH',
  'EENVELOPE',
  'ETLS',
  'EDNS',
  'EREQUIRETLS',
  'ESTREAM',
]);
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/**
 * Was the message certainly not delivered? A server reply of 4xx/5xx (at any step, including the
 * final reply to DATA) says so; so do connection, DNS, TLS, auth and envelope failures. A socket
 * that closed or timed out mid-session without a reply is undecided: the server may have queued
 * the message before the connection died.
 */
export function certainlyNotSent(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SmtpError;
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return true;
  if (typeof e.code === 'string' && NOTHING_SENT_CODES.has(e.code)) return true;
  if (typeof e.originalCode === 'string' && CONNECT_FAILURES.has(e.originalCode)) return true;
  if (typeof e.code === 'string' && CONNECT_FAILURES.has(e.code)) return true;
  if (typeof e.timeoutType === 'string' && SETUP_TIMEOUTS.has(e.timeoutType)) return true;
  return e.command === 'API' && e.code === 'EMESSAGE';
}

/**
 * An {@link EmailTransport} over SMTP through nodemailer (one connection per message). It sends
 * the bytes `renderEmail` built, as they are, so the only work after the claim is the SMTP
 * exchange itself. Failures are
 * reported as `NotificationError`: `TRANSPORT_REJECTED` when the message was certainly not
 * delivered (a 4xx/5xx reply, connection refused, DNS, TLS or auth failure), `OUTCOME_UNKNOWN`
 * when the connection died after the message may have been handed over.
 *
 * @example
 * ```ts
 * import { createSmtpTransport } from '@workestra/notifications';
 *
 * const transport = createSmtpTransport({
 *   host: 'smtp.example.com', port: 587, secure: false, requireTls: true,
 *   auth: { user: 'apikey', pass: process.env.SMTP_PASS ?? '' },
 * });
 * ```
 */
export function createSmtpTransport(options: SmtpOptions): EmailTransport {
  const mailer = createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    requireTLS: options.requireTls ?? false,
    ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.connectionTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    tls: { rejectUnauthorized: !(options.allowSelfSigned ?? false) },
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    name: 'smtp',
    async send(email) {
      try {
        await mailer.sendMail({
          envelope: { from: email.envelope.from, to: [...email.envelope.to] },
          raw: email.raw,
        });
        return { messageId: email.message.messageId };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw certainlyNotSent(error)
          ? new NotificationError('TRANSPORT_REJECTED', `SMTP refused the message: ${reason}`, {
              cause: error,
            })
          : new NotificationError('OUTCOME_UNKNOWN', `SMTP outcome unknown: ${reason}`, {
              cause: error,
            });
      }
    },
    async close() {
      mailer.close();
    },
  };
}
