import {
  calendarFollowUpHandlers,
  crmFollowUpHandlers,
  type Clock,
  type ConnectedCalendarProvider,
  type JobRunner,
  type OutboxStore,
  type TokenSealer,
} from '@workestra/booking-core';
import { withWebhooks, type WebhookHostLookup } from '@workestra/crm-bridge';
import { createEmailJobHandlers, type EmailTransport } from '@workestra/notifications';
import type { Logger } from 'pino';
import type { CalendarAccess } from './calendars/calendar-access.js';
import type { CalendarProviderKit } from './calendars/providers.js';
import type { Config } from './config.js';
import type { ServerStoreHandle } from './database.js';
import { createJobRunner } from './jobs.js';
import { chooseTransport } from './mail.js';
import { createWebhookSender, type WebhookSender } from './webhooks.js';

/** What {@link composeFollowUps} builds: the parts that act on a booking after it is made. */
export interface FollowUps {
  /** The hosts' calendars through their stored connections; undefined with no provider configured. */
  readonly calendar: CalendarAccess | undefined;
  /** The configured calendar providers' client kits (empty with none). */
  readonly kits: Partial<Record<ConnectedCalendarProvider, CalendarProviderKit>>;
  /** The mail transport, and the dev outbox when mail is kept there (no `SMTP_HOST`). */
  readonly mail: { readonly transport: EmailTransport; readonly outbox: OutboxStore | null };
  /** Sends recorded webhook deliveries (not started). */
  readonly webhookSender: WebhookSender;
  /** Every follow-up job kind's handler (not started). */
  readonly runner: JobRunner;
}

/**
 * Builds the follow-up side of the server over an open store: calendar access (when a provider is
 * configured), the mail transport, the webhook sender and the job runner with every handler
 * (emails, calendar events, the SQL CRM with its webhook deliveries). Nothing is started. The
 * main thread builds it (its runner serves `runOnce` and, with `JOB_RUNNER_THREAD=false`, runs
 * there); the job runner thread builds its own over its own connection.
 *
 * @example
 * ```ts
 * const { runner, webhookSender } = await composeFollowUps({ config, handle, sealer, logger });
 * runner.start(config.JOB_POLL_MS);
 * ```
 */
export async function composeFollowUps(options: {
  config: Config;
  handle: ServerStoreHandle;
  sealer: TokenSealer;
  logger: Logger;
  clock?: Clock;
  webhooks?: { readonly fetch?: typeof fetch; readonly lookup?: WebhookHostLookup };
}): Promise<FollowUps> {
  const { config, handle, sealer, logger, clock } = options;
  const now = clock ? () => clock.now() : Date.now;
  // The calendar client libraries load only when a provider is configured: they would add a
  // few hundred milliseconds to every start-up otherwise.
  let kits: Partial<Record<ConnectedCalendarProvider, CalendarProviderKit>> = {};
  let calendar: CalendarAccess | undefined;
  if (Object.keys(config.calendarProviders).length > 0) {
    const [{ calendarProviderKits }, { createCalendarAccess }] = await Promise.all([
      import('./calendars/providers.js'),
      import('./calendars/calendar-access.js'),
    ]);
    kits = calendarProviderKits(config);
    calendar = createCalendarAccess({
      connections: handle.calendarConnections,
      sealer,
      kits,
      now,
      logger: logger.child({ component: 'calendars' }),
    });
  }
  const mail = chooseTransport(config, handle.outbox, clock);
  const webhookSender = createWebhookSender({
    store: handle.webhooks,
    sealer,
    allowPrivateUrls: config.webhookAllowPrivateUrls,
    logger,
    now,
    ...(options.webhooks?.fetch ? { fetch: options.webhooks.fetch } : {}),
    ...(options.webhooks?.lookup ? { lookup: options.webhooks.lookup } : {}),
  });
  const runner = createJobRunner({
    jobs: handle.jobs,
    store: handle.store,
    logger,
    concurrency: config.JOB_CONCURRENCY,
    leaseMs: config.JOB_LEASE_MS,
    ...(config.JOB_KIND_CONCURRENCY ? { kindConcurrency: config.JOB_KIND_CONCURRENCY } : {}),
    ...(clock ? { clock } : {}),
    ...(calendar ? { calendar: calendarFollowUpHandlers(calendar) } : {}),
    // Contacts, deals and notes in this server's database (the store's SQL CRM), each change
    // also recorded as signed webhook deliveries for the workspace's subscriptions. A cancelled
    // first meeting moves its deal to the stage the workspace's CRM settings name.
    crm: crmFollowUpHandlers(
      withWebhooks(handle.crm, {
        outbox: handle.webhooks,
        now,
        onRecorded: () => webhookSender.wake(),
      }),
      {
        stageOnFirstCancel: async (workspaceId) =>
          (await handle.crm.getSettings(workspaceId)).cancelledFirstMeetingStage,
      },
    ),
    email: createEmailJobHandlers({
      ledger: handle.ledger,
      transport: mail.transport,
      sealer,
      publicUrl: config.publicUrl,
      from: config.mailFrom,
      logger: logger.child({ component: 'mail' }),
      ...(clock ? { clock } : {}),
    }),
  });
  return { calendar, kits, mail, webhookSender, runner };
}
