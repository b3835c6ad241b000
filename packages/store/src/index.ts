export { DEFAULT_SQLITE_FILENAME, openStore, parseDatabaseUrl } from './open-store.js';
export type { DatabaseTarget } from './open-store.js';
export type { StoreHandle } from './store-handle.js';
export type { SqliteStoreHandle, SqliteStoreOptions } from './sqlite/open.js';
export type { PostgresStoreHandle, PostgresStoreOptions } from './pg/open.js';
export type {
  AuthStore,
  HostCredentials,
  HostInvite,
  HostSession,
  PendingInvite,
} from './auth-store.js';
export { CALENDAR_CONNECTION_STATES } from './calendar-connection-store.js';
export type {
  CalendarConnectionKey,
  CalendarConnectionState,
  CalendarConnectionStore,
  CalendarTokenUpdate,
  StoredCalendarConnection,
} from './calendar-connection-store.js';
export { isStoreError, StoreError } from './errors.js';
export type { StoreErrorCode } from './errors.js';
export { DEFAULT_MAX_ATTEMPTS } from './jobs-common.js';
export { CRM_MEETING_STATUSES, CRM_PAGE_LIMIT_MAX } from './crm-store.js';
export type {
  CrmContactRecord,
  CrmDealRecord,
  CrmDealWithContact,
  CrmListQuery,
  CrmMeetingStatus,
  CrmMeetingRecord,
  CrmNoteRecord,
  CrmPage,
  CrmSettings,
  CrmStage,
  SqlCrm,
} from './crm-store.js';
export {
  WEBHOOK_AUTO_DISABLE_AFTER_FAILURES,
  WEBHOOK_AUTO_DISABLED_REASON,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_PAGE_LIMIT_MAX,
} from './webhook-store.js';
export type {
  NewWebhookDelivery,
  NewWebhookSubscription,
  WebhookAttemptOutcome,
  WebhookDeliveryPage,
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
  WebhookStore,
  WebhookSubscriptionPatch,
  WebhookSubscriptionRecord,
} from './webhook-store.js';
