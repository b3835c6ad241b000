import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultPlan } from './faults.js';
import { sendJson } from './http.js';
import type { OAuthState } from './oauth.js';

/** A refusal an emulated API answers with its provider's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** How a provider words its errors: the body shape and the reasons it gives. */
export interface ApiDialect {
  errorBody(status: number, reason: string, message: string): unknown;
  readonly unauthorized: { readonly reason: string; readonly message: string };
  readonly throttled: string;
  readonly failed: string;
}

/** One API request as an emulator logged it. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/**
 * The part every emulated API request goes through: the bearer token, then the fault plan
 * (answer a failure before the work, hang until released, or do the work and lose the answer),
 * then `handle`; each answer is logged.
 */
export async function serveApi(
  req: IncomingMessage,
  res: ServerResponse,
  context: {
    readonly oauth: OAuthState;
    readonly faults: FaultPlan;
    readonly requests: LoggedRequest[];
    readonly dialect: ApiDialect;
  },
  handle: (account: string) => Promise<{ status: number; body: unknown }>,
): Promise<void> {
  const { dialect } = context;
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    context.requests.push({ method: req.method ?? 'GET', path, status });
    sendJson(res, status, body, headers);
  };
  const failure = (status: number, reason: string, message: string) =>
    answer(status, dialect.errorBody(status, reason, message));
  const account = context.oauth.accountOf(req.headers.authorization);
  if (account === null)
    return failure(401, dialect.unauthorized.reason, dialect.unauthorized.message);
  const fault = context.faults.take(req.method ?? 'GET');
  let lost: number | null = null;
  if (fault !== null && 'hang' in fault) await context.faults.waitHang();
  else if (fault !== null && fault.afterApply === true) lost = fault.status;
  else if (fault !== null) {
    const reason = fault.status === 429 ? dialect.throttled : dialect.failed;
    return answer(
      fault.status,
      dialect.errorBody(fault.status, reason, 'Injected failure'),
      fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
    );
  }
  try {
    const result = await handle(account);
    if (lost !== null) return failure(lost, dialect.failed, 'Injected failure after the change');
    answer(result.status, result.body);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    failure(error.status, error.reason, error.message);
  }
}
