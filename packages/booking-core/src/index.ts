export type {
  Booking,
  BookingEvent,
  BookingEventType,
  BookingLink,
  BookingLinkSettings,
  BookingStatus,
  BookingToken,
  BusyKind,
  CalendarProviderName,
  ConnectedCalendarProvider,
  EpochMs,
  ExternalRef,
  ExternalRefs,
  ExternalSystem,
  FileAnswer,
  FileKind,
  FormAnswer,
  FormField,
  FormFieldType,
  Host,
  HostRef,
  LinkKind,
  LinkMember,
  Job,
  JobKind,
  JobStatus,
  NewJob,
  TimeOff,
  TokenPurpose,
  Upload,
} from './domain.js';
export type {
  BookingContext,
  BookingListFilter,
  BookingListKey,
  LinkAssignment,
  BookingStore,
  CalendarBusyInterval,
  CalendarBusySource,
  CalendarConnection,
  Clock,
  ExternalRefWrite,
  HostBookingsQuery,
  IdSource,
  JobsEnqueuedListener,
  JobStore,
  Logger,
  MessageClaim,
  MessageLedger,
  MessageRecord,
  MessageOwner,
  MessageOwnerColumns,
  MessageStatus,
  OutboxMessage,
  OutboxStore,
  OutboxSummary,
  UncertainMessageQuery,
  StoreTx,
  TokenSealer,
} from './ports.js';
export { createAesGcmSealer } from './sealer.js';
export {
  BOOKING_ERROR_CODES,
  BookingError,
  isBookingError,
  isStoreConflictError,
  StoreConflictError,
} from './errors.js';
export { BOOKING_ERROR_HTTP_STATUS } from './http-status.js';
export type { BookingErrorCode, StoreConstraint, ValidationIssue } from './errors.js';
export { createBookingCore } from './core.js';
export { readMembersBusy } from './members-busy.js';
export type { MemberBusy, MembersBusyInput, TeamMember } from './members-busy.js';
export { pickTeamMember } from './team-rotation.js';
export type { RotationMember, TeamPickInput } from './team-rotation.js';
export type { BookingCore } from './core.js';
export { cryptoIds, silentLogger, systemClock } from './deps.js';
export type { BookingCoreOptions } from './deps.js';
export type { BookOptions, BookResult } from './book.js';
export type { RescheduleResult } from './reschedule.js';
export type {
  BookingDetails,
  BookingLinkSummary,
  BookingPage,
  BookingPerson,
  FollowUpFailure,
  HostBooking,
} from './host-bookings.js';
export type { PublicBooking } from './public-booking.js';
export { DEFAULT_RESERVED_SLUGS } from './link-slugs.js';
export { parseInput } from './validation.js';
export { formatAnswerLines, formatAnswerValue, formatFileSize } from './answer-format.js';
export type { PublicLinkView, PublicSlots } from './public-slots.js';
export type { TokenView } from './token-view.js';
export type { TokenBooking } from './token-booking.js';
export type { PlainTokens } from './tokens.js';
export { hashToken } from './tokens.js';
export { slugify } from './slug.js';
export { FORM_LIMITS, LINK_LIMITS, SLOTS_ANSWER_LIMITS, TIME_OFF_LIMITS } from './limits.js';
export {
  EMBED_LIMITS,
  EMBED_QUERY,
  embedDomainProblem,
  embedOriginAllowed,
  frameAncestors,
  normalizeEmbedDomain,
} from './embed.js';
export {
  ATTENDEE_LOCALES,
  HOUR_CYCLES,
  LANGUAGE_QUERY_PARAM,
  LOCALE_NAMES,
  MAX_LOCALE_TAG_LENGTH,
  canonicalLocale,
  isAttendeeLocale,
  matchAttendeeLocale,
} from './locales.js';
export type { AttendeeLocale, HourCycle } from './locales.js';
export {
  attendeeLocaleSchema,
  BOOKING_PAGE_SIZE,
  bookInputSchema,
  bookingListFilterSchema,
  bookingListQuerySchema,
  cancelInputSchema,
  createHostInputSchema,
  createLinkInputSchema,
  currencySchema,
  dateOverrideSchema,
  formAnswersSchema,
  formFieldSchema,
  hostCancelInputSchema,
  hourCycleSchema,
  instantSchema,
  linkMemberSchema,
  publicSlotsInputSchema,
  recurringOverrideSchema,
  rescheduleInputSchema,
  slugSchema,
  timeOffInputSchema,
  timeOffListQuerySchema,
  timeWindowSchema,
  timeZoneSchema,
  tokenBookingInputSchema,
  tokenSchema,
  tokenViewInputSchema,
  updateLinkInputSchema,
  weeklyHoursSchema,
} from './schemas.js';
export type { BookInput, BookingListQuery, CreateLinkInput, UpdateLinkInput } from './schemas.js';
export {
  BOOKING_EVENT_TYPES,
  BUSY_KINDS,
  CALENDAR_PROVIDERS,
  EXTERNAL_SYSTEMS,
  FILE_KINDS,
  FORM_FIELD_TYPES,
  JOB_KINDS,
  JOB_STATUSES,
  LINK_KINDS,
} from './domain.js';
export { followUpJobKey, REMINDER_LEAD_MS } from './follow-up-jobs.js';
export type { FollowUpPayload, SealedTokens } from './follow-up-jobs.js';
export {
  CRM_CHANGES,
  FOLLOW_UP_PAYLOAD_SCHEMAS,
  FOLLOW_UP_RULE_NAMES,
  FOLLOW_UP_RULES,
  followUpSkipReason,
} from './follow-up-kinds.js';
export type { CrmChange, FollowUpPayloads, FollowUpRule } from './follow-up-kinds.js';
export { isTeamLink, memberLink, memberLinks } from './team-links.js';
export { createFollowUpHandlers } from './follow-up-seam.js';
export type {
  FollowUp,
  FollowUpHandler,
  FollowUpHandlers,
  FollowUpSeamOptions,
  WriteBack,
} from './follow-up-seam.js';
export { FOLLOW_UP_ERROR_CODES, FollowUpError, isFollowUpError } from './follow-up-error.js';
export type { FollowUpErrorCode } from './follow-up-error.js';
export type {
  CalendarAttendee,
  CalendarEventDetails,
  CalendarEventResult,
  CalendarEventTarget,
  CalendarEvents,
} from './calendar-events.js';
export type {
  CrmBridge,
  CrmChangeContext,
  CrmContactInput,
  CrmDealInput,
  CrmMeeting,
} from './crm-bridge.js';
export { calendarFollowUpHandlers } from './calendar-follow-ups.js';
export type { CalendarFollowUpHandlers } from './calendar-follow-ups.js';
export {
  bookingIdOfCrmDealKey,
  crmDealKey,
  crmFollowUpHandlers,
  crmMeetingOf,
} from './crm-follow-ups.js';
export type { CrmFollowUpHandlers, CrmFollowUpOptions } from './crm-follow-ups.js';
export { createMemoryCalendar, MemoryCalendar } from './memory-calendar.js';
export type { MemoryCalendarEvent } from './memory-calendar.js';
export { createMemoryCrm, MemoryCrm } from './memory-crm.js';
export type { MemoryCrmContact, MemoryCrmDeal, MemoryCrmNote } from './memory-crm.js';
export { JOB_RUNNER_DEFAULTS, JobRunner } from './job-runner.js';
export type { JobHandler, JobHandlers, JobRunnerOptions, RunReport } from './job-runner.js';
export { backoffDelay } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { createMemoryStore, MemoryStore } from './memory-store.js';
export {
  bookingHostIds,
  hostsById,
  lockBookingHosts,
  pickBookingHosts,
  readBookingHosts,
} from './booking-hosts.js';
export type { BookingHosts } from './booking-hosts.js';
