import type { z } from 'zod';
import * as s from './api-schemas.js';
import { calendarFileQuerySchema } from './routes/calendar-file.js';

/** One route of docs/http-api.md, as the OpenAPI document describes it. */
export interface ApiRoute {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path (`/api/host/links/:id`). */
  readonly path: string;
  readonly summary: string;
  readonly tag: 'public' | 'auth' | 'host' | 'ops';
  /** `session`: needs the cookie; `csrf`: also the `X-CSRF-Token` header. */
  readonly auth: 'none' | 'session' | 'csrf';
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly status: number;
  /** Absent for bodiless answers (204) and for non-JSON ones (`mediaType`). */
  readonly response?: z.ZodType;
  /** The media type of a non-JSON success body (a file download), e.g. `text/calendar`. */
  readonly mediaType?: string;
  /** Error codes this route answers besides VALIDATION_FAILED / rate limits. */
  readonly errors: readonly string[];
}

const HOST = ['UNAUTHENTICATED'];
const HOST_WRITE = ['UNAUTHENTICATED', 'CSRF_FAILED'];
/** A read from the host's connected calendar provider. */
const PROVIDER_READ = [
  'CALENDAR_NOT_CONNECTED',
  'CALENDAR_AUTH_EXPIRED',
  'CALENDAR_REJECTED',
  'CALENDAR_UNAVAILABLE',
];

/**
 * Every route the server answers under `/api` and `/healthz`. The OpenAPI document is generated from
 * this table; a test checks the table against the document and against the running app.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/api/public/links/:slug',
    summary: 'Public view of a booking link',
    tag: 'public',
    auth: 'none',
    status: 200,
    response: s.publicLinkResponseSchema,
    errors: ['LINK_NOT_FOUND', 'LINK_INACTIVE', 'RATE_LIMITED'],
  },
  {
    method: 'get',
    path: '/api/public/links/:slug/slots',
    summary: "Bookable slots in a range, grouped by day in the attendee's zone",
    tag: 'public',
    auth: 'none',
    query: s.slotsQuerySchema,
    status: 200,
    response: s.slotsResponseSchema,
    errors: ['LINK_NOT_FOUND', 'LINK_INACTIVE', 'CALENDAR_UNAVAILABLE', 'RATE_LIMITED'],
  },
  {
    method: 'post',
    path: '/api/public/links/:slug/bookings',
    summary: 'Book a slot',
    tag: 'public',
    auth: 'none',
    body: s.bookBodySchema,
    status: 201,
    response: s.bookResponseSchema,
    errors: [
      'LINK_NOT_FOUND',
      'LINK_INACTIVE',
      'SLOT_TAKEN',
      'SLOT_UNAVAILABLE',
      'CALENDAR_UNAVAILABLE',
      'RATE_LIMITED',
    ],
  },
  {
    method: 'get',
    path: '/api/public/tokens/:token',
    summary: 'What the reschedule/cancel page shows',
    tag: 'public',
    auth: 'none',
    query: s.tokenQuerySchema,
    status: 200,
    response: s.tokenViewSchema,
    errors: ['TOKEN_INVALID', 'TOKEN_EXPIRED', 'BOOKING_CANCELLED', 'RATE_LIMITED'],
  },
  {
    method: 'get',
    path: '/api/public/tokens/:token/calendar.ics',
    summary: "The attendee's calendar file: the emailed invitation (same UID, current SEQUENCE)",
    tag: 'public',
    auth: 'none',
    query: calendarFileQuerySchema,
    status: 200,
    mediaType: 'text/calendar',
    errors: ['TOKEN_INVALID', 'TOKEN_EXPIRED', 'BOOKING_CANCELLED', 'RATE_LIMITED'],
  },
  {
    method: 'post',
    path: '/api/public/tokens/:token/reschedule',
    summary: 'Move a booking (attendee)',
    tag: 'public',
    auth: 'none',
    body: s.rescheduleBodySchema,
    status: 200,
    response: s.rescheduleResponseSchema,
    errors: [
      'TOKEN_INVALID',
      'TOKEN_EXPIRED',
      'BOOKING_CANCELLED',
      'LINK_NOT_FOUND',
      'LINK_INACTIVE',
      'SLOT_TAKEN',
      'SLOT_UNAVAILABLE',
      'RATE_LIMITED',
    ],
  },
  {
    method: 'post',
    path: '/api/public/tokens/:token/cancel',
    summary: 'Cancel a booking (attendee)',
    tag: 'public',
    auth: 'none',
    body: s.tokenCancelBodySchema,
    status: 200,
    response: s.publicBookingResponseSchema,
    errors: ['TOKEN_INVALID', 'TOKEN_EXPIRED', 'BOOKING_CANCELLED', 'RATE_LIMITED'],
  },

  {
    method: 'post',
    path: '/api/auth/signup',
    summary: 'Create a host account (new workspace) and sign in',
    tag: 'auth',
    auth: 'none',
    body: s.signupBodySchema,
    status: 201,
    response: s.sessionResponseSchema,
    errors: ['EMAIL_TAKEN', 'CSRF_FAILED', 'RATE_LIMITED'],
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in',
    tag: 'auth',
    auth: 'none',
    body: s.loginBodySchema,
    status: 200,
    response: s.sessionResponseSchema,
    errors: ['INVALID_CREDENTIALS', 'CSRF_FAILED', 'RATE_LIMITED'],
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out',
    tag: 'auth',
    auth: 'csrf',
    status: 204,
    errors: ['CSRF_FAILED'],
  },
  {
    method: 'get',
    path: '/api/auth/session',
    summary: 'The signed-in host and its CSRF token',
    tag: 'auth',
    auth: 'session',
    status: 200,
    response: s.sessionResponseSchema,
    errors: HOST,
  },

  {
    method: 'get',
    path: '/api/host/links',
    summary: "The host's live links, oldest first",
    tag: 'host',
    auth: 'session',
    status: 200,
    response: s.linksResponseSchema,
    errors: HOST,
  },
  {
    method: 'post',
    path: '/api/host/links',
    summary: 'Create a booking link',
    tag: 'host',
    auth: 'csrf',
    body: s.createLinkBodySchema,
    status: 201,
    response: s.linkResponseSchema,
    errors: [...HOST_WRITE, 'SLUG_TAKEN'],
  },
  {
    method: 'get',
    path: '/api/host/links/:id',
    summary: 'One of the host’s links',
    tag: 'host',
    auth: 'session',
    status: 200,
    response: s.linkResponseSchema,
    errors: [...HOST, 'NOT_FOUND'],
  },
  {
    method: 'patch',
    path: '/api/host/links/:id',
    summary: 'Change some settings of a link',
    tag: 'host',
    auth: 'csrf',
    body: s.updateLinkBodySchema,
    status: 200,
    response: s.linkResponseSchema,
    errors: [...HOST_WRITE, 'NOT_FOUND', 'SLUG_TAKEN'],
  },
  {
    method: 'post',
    path: '/api/host/links/:id/disable',
    summary: 'Disable a link (page answers LINK_INACTIVE; meetings kept)',
    tag: 'host',
    auth: 'csrf',
    status: 200,
    response: s.linkResponseSchema,
    errors: [...HOST_WRITE, 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/host/links/:id/enable',
    summary: 'Re-enable a link (same slug and settings)',
    tag: 'host',
    auth: 'csrf',
    status: 200,
    response: s.linkResponseSchema,
    errors: [...HOST_WRITE, 'NOT_FOUND', 'SLUG_TAKEN'],
  },
  {
    method: 'delete',
    path: '/api/host/links/:id',
    summary: 'Delete a link (slug reusable; meetings kept)',
    tag: 'host',
    auth: 'csrf',
    status: 204,
    errors: [...HOST_WRITE, 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/host/bookings',
    summary: 'One page of a dashboard tab of the host’s bookings (cursor-paged)',
    tag: 'host',
    auth: 'session',
    query: s.bookingsQuerySchema,
    status: 200,
    response: s.hostBookingsResponseSchema,
    errors: HOST,
  },
  {
    method: 'get',
    path: '/api/host/bookings/:id',
    summary: 'One booking with its event log',
    tag: 'host',
    auth: 'session',
    status: 200,
    response: s.bookingDetailsResponseSchema,
    errors: [...HOST, 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/host/bookings/:id/cancel',
    summary: 'Cancel a booking (host)',
    tag: 'host',
    auth: 'csrf',
    body: s.hostCancelBodySchema,
    status: 200,
    response: s.hostBookingResponseSchema,
    errors: [...HOST_WRITE, 'NOT_FOUND', 'BOOKING_CANCELLED'],
  },
  {
    method: 'post',
    path: '/api/host/bookings/:id/no-show',
    summary: 'Mark a started meeting as a no-show',
    tag: 'host',
    auth: 'csrf',
    status: 200,
    response: s.hostBookingResponseSchema,
    errors: [...HOST_WRITE, 'NOT_FOUND', 'BOOKING_CANCELLED', 'CONFLICT'],
  },

  {
    method: 'get',
    path: '/api/host/uncertain-emails',
    summary: 'Emails of the host’s bookings that may or may not have been delivered (latest first)',
    tag: 'host',
    auth: 'session',
    status: 200,
    response: s.uncertainEmailsResponseSchema,
    errors: HOST,
  },

  {
    method: 'get',
    path: '/api/host/calendar-connections',
    summary: 'The host’s calendar connections and the providers this server can connect',
    tag: 'host',
    auth: 'session',
    status: 200,
    response: s.calendarConnectionsResponseSchema,
    errors: HOST,
  },
  {
    method: 'post',
    path: '/api/host/calendar-connections/:provider/start',
    summary: 'Start connecting a calendar: the consent URL (PKCE, state bound to the session)',
    tag: 'host',
    auth: 'csrf',
    status: 200,
    response: s.calendarConnectStartResponseSchema,
    errors: [...HOST_WRITE, 'CALENDAR_PROVIDER_NOT_CONFIGURED'],
  },
  {
    method: 'get',
    path: '/api/host/calendar-connections/:provider/callback',
    summary:
      'Where the provider returns after consent: exchanges the code, stores the sealed tokens, redirects (303) to the calendar settings; a browser (Accept: text/html) is redirected there with ?provider&error=<code> instead of a 4xx body',
    tag: 'host',
    auth: 'session',
    query: s.calendarCallbackQuerySchema,
    status: 303,
    errors: [
      ...HOST,
      'CALENDAR_PROVIDER_NOT_CONFIGURED',
      'OAUTH_STATE_MISMATCH',
      'OAUTH_DENIED',
      'OAUTH_FAILED',
    ],
  },
  {
    method: 'get',
    path: '/api/host/calendar-connections/:provider/calendars',
    summary:
      'The calendars of the connected account (read from the provider) and the account’s email',
    tag: 'host',
    auth: 'session',
    status: 200,
    response: s.calendarListResponseSchema,
    errors: [...HOST, ...PROVIDER_READ],
  },
  {
    method: 'put',
    path: '/api/host/calendar-connections/:provider/calendars',
    summary:
      'Choose the calendars to check for conflicts and the one to write bookings into (checked against the account’s calendars when the provider answers)',
    tag: 'host',
    auth: 'csrf',
    body: s.calendarSelectionBodySchema,
    status: 200,
    response: s.calendarConnectionSchema,
    errors: [...HOST_WRITE, 'CALENDAR_NOT_CONNECTED', 'UNKNOWN_CALENDAR', 'CALENDAR_NOT_WRITABLE'],
  },
  {
    method: 'delete',
    path: '/api/host/calendar-connections/:provider',
    summary: 'Disconnect a calendar: revoke the grant where the provider can, forget the tokens',
    tag: 'host',
    auth: 'csrf',
    status: 204,
    errors: [...HOST_WRITE, 'CALENDAR_NOT_CONNECTED'],
  },

  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness and database check (503 when the database does not answer)',
    tag: 'ops',
    auth: 'none',
    status: 200,
    response: s.healthSchema,
    errors: [],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    tag: 'ops',
    auth: 'none',
    status: 200,
    errors: [],
  },
];
