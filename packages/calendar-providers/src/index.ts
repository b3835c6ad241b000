export {
  CALENDAR_PROVIDER_ERROR_CODES,
  CalendarProviderError,
  isCalendarProviderError,
} from './errors.js';
export type { CalendarProviderErrorCode } from './errors.js';
export { BUSY_KINDS } from './types.js';
export type {
  AccessTokenSource,
  AdapterOptions,
  BusyInterval,
  BusyKind,
  BusyQuery,
  CalendarAdapter,
  CalendarList,
  CalendarSelection,
  CalendarSelectionSource,
  ConnectionRef,
  ProviderCalendar,
} from './types.js';
export { busyKindOf, toBusyIntervals } from './busy-rules.js';
export type { CalendarEventState } from './busy-rules.js';
export type { ResilienceOptions } from './resilience.js';
export { createGoogleCalendar } from './google/calendar.js';
export type { GoogleCalendarOptions } from './google/calendar.js';
export { createGoogleOAuth, GOOGLE_CALENDAR_SCOPES } from './google/oauth.js';
export type { GoogleOAuthOptions } from './google/oauth.js';
export type { CalendarOAuth, OAuthStart, OAuthTokens } from './oauth-types.js';
export { createMicrosoftCalendar } from './microsoft/calendar.js';
export type { MicrosoftCalendarOptions } from './microsoft/calendar.js';
export { createMicrosoftOAuth, MICROSOFT_CALENDAR_SCOPES } from './microsoft/oauth.js';
export type { MicrosoftOAuthOptions } from './microsoft/oauth.js';
