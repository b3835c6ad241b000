export type {
  Booking,
  BookingEvent,
  BookingEventType,
  BookingLink,
  BookingLinkSettings,
  BookingStatus,
  BookingToken,
  CalendarProviderName,
  EpochMs,
  Host,
  HostRef,
  Job,
  JobKind,
  JobStatus,
  NewJob,
  TokenPurpose,
} from './domain.js';
export type {
  BookingListFilter,
  BookingListKey,
  BookingStore,
  CalendarBusySource,
  Clock,
  HostBookingsQuery,
  IdSource,
  JobsEnqueuedListener,
  JobStore,
  Logger,
  MessageClaim,
  MessageLedger,
  MessageRecord,
  MessageStatus,
  OutboxMessage,
  OutboxStore,
  OutboxSummary,
  StoreTx,
  TokenSealer,
} from './ports.js';
export { createAesGcmSealer } from './sealer.js';
export { BookingError, StoreConflictError } from './errors.js';
export type { BookingErrorCode, StoreConstraint, ValidationIssue } from './errors.js';
export { createBookingCore } from './core.js';
export type { BookingCore } from './core.js';
export { cryptoIds, silentLogger, systemClock } from './deps.js';
export type { BookingCoreOptions } from './deps.js';
export type { BookResult } from './book.js';
export type { RescheduleResult } from './reschedule.js';
export type { BookingDetails, BookingPage } from './host-bookings.js';
export type { PublicLinkView, PublicSlots } from './public-slots.js';
export type { TokenView } from './token-view.js';
export type { PlainTokens } from './tokens.js';
export { hashToken } from './tokens.js';
export { slugify } from './slug.js';
export { LINK_LIMITS, SLOTS_ANSWER_LIMITS } from './limits.js';
export {
  BOOKING_PAGE_SIZE,
  bookInputSchema,
  bookingListFilterSchema,
  bookingListQuerySchema,
  cancelInputSchema,
  createHostInputSchema,
  createLinkInputSchema,
  dateOverrideSchema,
  hostCancelInputSchema,
  instantSchema,
  publicSlotsInputSchema,
  recurringOverrideSchema,
  rescheduleInputSchema,
  slugSchema,
  timeWindowSchema,
  timeZoneSchema,
  tokenSchema,
  tokenViewInputSchema,
  updateLinkInputSchema,
  weeklyHoursSchema,
} from './schemas.js';
export type { BookInput, BookingListQuery, CreateLinkInput, UpdateLinkInput } from './schemas.js';
export { JOB_KINDS } from './domain.js';
export { followUpJobKey, REMINDER_LEAD_MS } from './follow-up-jobs.js';
export type { FollowUpPayload, SealedTokens } from './follow-up-jobs.js';
export { JobRunner } from './job-runner.js';
export type { JobHandler, JobHandlers, JobRunnerOptions, RunReport } from './job-runner.js';
export { backoffDelay } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { createMemoryStore, MemoryStore } from './memory-store.js';
