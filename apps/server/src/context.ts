import type { BookingCore, BookingStore, JobStore } from '@workestra/booking-core';
import type { EmailTransport } from '@workestra/notifications';
import type { AuthStore, SqlCrm } from '@workestra/store';
import type { Logger } from 'pino';
import type { LoginThrottle } from './auth/login-throttle.js';
import type { PasswordHasher } from './auth/password.js';
import type { Config } from './config.js';
import type { DealTokens } from './deal-tokens.js';
import type { Sessions } from './http/session.js';

/** What every route module receives: the configuration, the use-cases and the stores. */
export interface RouteContext {
  readonly config: Config;
  readonly core: BookingCore;
  /** For reading a booking's link and host names into responses. */
  readonly store: BookingStore;
  /** The job queue: a booking's follow-ups as its host sees them. */
  readonly jobs: Pick<JobStore, 'listBookingJobs'>;
  readonly auth: AuthStore;
  readonly logger: Logger;
  readonly sessions: Sessions;
  readonly passwords: PasswordHasher;
  readonly loginThrottle: LoginThrottle;
  /** The store's SQL CRM (`/api/host/crm`, and the deal a "Schedule a call" booking attaches to). */
  readonly crm: SqlCrm;
  /** The tokens of "Schedule a call" links. */
  readonly dealTokens: DealTokens;
  /** The mail transport of the server's own emails (invites); null: none is sent. */
  readonly mail: EmailTransport | null;
  /** The clock of token expiries. */
  readonly now: () => number;
}
