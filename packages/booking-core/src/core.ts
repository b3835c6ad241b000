import type { Booking, BookingLink, Host, HostRef, TimeOff } from './domain.js';
import { resolveDeps, type BookingCoreOptions } from './deps.js';
import { book, type BookOptions, type BookResult } from './book.js';
import { cancel, hostCancelBooking } from './cancel.js';
import {
  getBooking,
  listBookings,
  markNoShow,
  undoNoShow,
  type BookingDetails,
  type BookingPage,
} from './host-bookings.js';
import {
  createHost,
  createLink,
  deleteLink,
  getLink,
  listLinks,
  setLinkActive,
  updateLink,
} from './links.js';
import {
  getPublicLink,
  getPublicSlots,
  type PublicLinkView,
  type PublicSlots,
} from './public-slots.js';
import { reschedule, type RescheduleResult } from './reschedule.js';
import { addTimeOff, listTimeOff, removeTimeOff } from './time-off.js';
import { publicBooking, type PublicBooking } from './public-booking.js';
import { tokenBooking, type TokenBooking } from './token-booking.js';
import { viewToken, type TokenView } from './token-view.js';

/**
 * The booking use-cases, bound to their dependencies. Inputs are plain data (instants as epoch ms
 * or ISO-8601 strings), outputs are plain data (instants as epoch ms). Every input is typed
 * `unknown` because every method validates it (with the schema exported beside it, e.g.
 * `bookInputSchema` for `book`): pass a parsed request body straight in. Every method throws
 * `BookingError` on refusal (`VALIDATION_FAILED` with `details` for bad input). Host methods take a {@link HostRef} and never reach another host's rows.
 *
 * @example
 * ```ts
 * const core = createBookingCore({ store: createMemoryStore() });
 * const host = await core.createHost({ workspaceId: 'ws_1', email: 'ana@example.com', name: 'Ana', timeZone: 'Europe/Berlin' });
 * const me = { workspaceId: 'ws_1', hostId: host.id };
 * const link = await core.createLink(me, { title: 'Intro call' }); // slug 'intro-call'
 * ```
 */
export interface BookingCore {
  /**
   * Registers a host: `{ workspaceId, email, name, timeZone }` (`createHostInputSchema`).
   * @example
   * ```ts
   * await core.createHost({ workspaceId: 'ws_1', email: 'ana@example.com', name: 'Ana', timeZone: 'Europe/Berlin' });
   * ```
   */
  createHost(input: unknown): Promise<Host>;
  /**
   * Creates a booking link; `SLUG_TAKEN` when an explicit slug is in use (`details.suggestion` is a
   * free one), `VALIDATION_FAILED` with `details` for bad settings (including windows and time
   * zones the slot engine refuses). Without a slug, one is derived from the title (transliterated,
   * with the next free `-n` suffix), which never fails for being taken.
   * @example
   * ```ts
   * await core.createLink(me, { title: 'Intro call', weeklyHours: { monday: [{ start: '09:00', end: '12:00' }] } });
   * ```
   */
  createLink(host: HostRef, input: unknown): Promise<BookingLink>;
  /**
   * Changes some settings of a link (`updateLinkInputSchema`: any of `createLink`'s fields).
   * @example
   * ```ts
   * await core.updateLink(me, link.id, { durationMinutes: 45 });
   * ```
   */
  updateLink(host: HostRef, linkId: string, patch: unknown): Promise<BookingLink>;
  /**
   * One of the host's live links.
   * @example
   * ```ts
   * await core.getLink(me, link.id);
   * ```
   */
  getLink(host: HostRef, linkId: string): Promise<BookingLink>;
  /**
   * The host's live links, oldest first.
   * @example
   * ```ts
   * (await core.listLinks(me)).map((l) => l.slug);
   * ```
   */
  listLinks(host: HostRef): Promise<BookingLink[]>;
  /**
   * Disables a link: its page answers `LINK_INACTIVE`, existing meetings are unaffected.
   * @example
   * ```ts
   * await core.disableLink(me, link.id);
   * ```
   */
  disableLink(host: HostRef, linkId: string): Promise<BookingLink>;
  /**
   * Re-enables a link with the same slug and settings.
   * @example
   * ```ts
   * await core.enableLink(me, link.id);
   * ```
   */
  enableLink(host: HostRef, linkId: string): Promise<BookingLink>;
  /**
   * Deletes a link: page `LINK_NOT_FOUND`, slug reusable, meetings kept.
   * @example
   * ```ts
   * await core.deleteLink(me, link.id);
   * ```
   */
  deleteLink(host: HostRef, linkId: string): Promise<BookingLink>;
  /**
   * The public page of a link: `LINK_NOT_FOUND` (unknown/deleted) or `LINK_INACTIVE`.
   * @example
   * ```ts
   * await core.getPublicLink('intro-call');
   * ```
   */
  getPublicLink(slug: unknown): Promise<PublicLinkView>;
  /**
   * Bookable slots in a range, grouped by day in the attendee's zone:
   * `{ slug, from, to, timeZone }` (`publicSlotsInputSchema`).
   * @example
   * ```ts
   * await core.getPublicSlots({ slug: 'intro-call', from: '2026-11-02T00:00:00Z', to: '2026-11-09T00:00:00Z', timeZone: 'Asia/Tokyo' });
   * ```
   */
  getPublicSlots(input: unknown): Promise<PublicSlots>;
  /**
   * Books exactly `start` of `{ slug, start, name, email, timeZone }` (`bookInputSchema`):
   * `SLOT_TAKEN` if someone was faster, `SLOT_UNAVAILABLE` if never offered. `options` are the
   * caller's own (trusted, not validated): `externalRefs` the booking starts with, e.g. the CRM
   * deal a call is booked onto.
   * @example
   * ```ts
   * const { booking, tokens } = await core.book({ slug: 'intro-call', start: '2026-11-02T08:00:00Z', name: 'Ada', email: 'ada@example.com', timeZone: 'Europe/London' });
   * ```
   */
  book(input: unknown, options?: BookOptions): Promise<BookResult>;
  /**
   * Moves a booking (attendee, by reschedule token): `{ token, start }` (`rescheduleInputSchema`).
   * @example
   * ```ts
   * await core.reschedule({ token: tokens.reschedule, start: '2026-11-03T08:00:00Z' });
   * ```
   */
  reschedule(input: unknown): Promise<RescheduleResult>;
  /**
   * Cancels a booking (attendee, by cancel token): `{ token, reason? }` (`cancelInputSchema`).
   * @example
   * ```ts
   * await core.cancel({ token: tokens.cancel, reason: 'Something came up' });
   * ```
   */
  cancel(input: unknown): Promise<Booking>;
  /**
   * What the reschedule/cancel page shows: `{ token, purpose, from?, to?, timeZone? }`
   * (`tokenViewInputSchema`).
   * @example
   * ```ts
   * await core.viewToken({ token: tokens.reschedule, purpose: 'reschedule' });
   * ```
   */
  viewToken(input: unknown): Promise<TokenView>;
  /**
   * The booking a token opens (`{ token, purpose }`), with its link and host (for the attendee's
   * calendar file).
   * @example
   * ```ts
   * const { booking } = await core.tokenBooking({ token: tokens.reschedule, purpose: 'reschedule' });
   * ```
   */
  tokenBooking(input: unknown): Promise<TokenBooking>;
  /**
   * The booking a token opens as its attendee sees it (`{ token, purpose }`), in any state: the
   * page that just booked, moved or cancelled a meeting shows it with this.
   * @example
   * ```ts
   * const view = await core.publicBooking({ token: tokens.cancel, purpose: 'cancel' });
   * `${view.linkTitle} with ${view.hostName}`; // 'Intro call with Ana'
   * ```
   */
  publicBooking(input: unknown): Promise<PublicBooking>;
  /**
   * One page of a dashboard tab of the host's bookings (`{ filter?, limit?, cursor?, from?, to? }`,
   * `bookingListQuerySchema`), each with its link: at most `limit` (default 50, max 100),
   * continued with `cursor: page.nextCursor` until `nextCursor` is null; optionally only meetings
   * starting in `[from, to)`. A malformed cursor, or one from another tab, is `VALIDATION_FAILED`.
   * @example
   * ```ts
   * const { bookings, nextCursor } = await core.listBookings(me, { filter: 'upcoming', limit: 20 });
   * ```
   */
  listBookings(host: HostRef, query: unknown): Promise<BookingPage>;
  /**
   * One of the host's bookings with its event log.
   * @example
   * ```ts
   * const { events } = await core.getBooking(me, booking.id);
   * ```
   */
  getBooking(host: HostRef, bookingId: string): Promise<BookingDetails>;
  /**
   * Cancels one of the host's bookings: `{ bookingId, reason? }` (`hostCancelInputSchema`).
   * @example
   * ```ts
   * await core.cancelBookingAsHost(me, { bookingId: booking.id, reason: 'Out sick' });
   * ```
   */
  cancelBookingAsHost(host: HostRef, input: unknown): Promise<Booking>;
  /**
   * Marks a started meeting as a no-show.
   * @example
   * ```ts
   * await core.markNoShow(me, booking.id);
   * ```
   */
  markNoShow(host: HostRef, bookingId: string): Promise<Booking>;
  /**
   * Takes back a no-show mark: the meeting is a plain confirmed one again.
   * @example
   * ```ts
   * await core.undoNoShow(me, booking.id);
   * ```
   */
  undoNoShow(host: HostRef, bookingId: string): Promise<Booking>;
  /**
   * The host's time-off ranges overlapping `[from, to)` (`timeOffListQuerySchema`: `to` after
   * `from`, at most 731 days later), by start.
   * @example
   * ```ts
   * const ranges = await core.listTimeOff(me, { from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
   * ```
   */
  listTimeOff(host: HostRef, query: unknown): Promise<TimeOff[]>;
  /**
   * Adds a time-off range `{ start, end, note? }` (`timeOffInputSchema`: `end` after `start`, at
   * most 366 days). Slots inside it are not offered on any of the host's links and a booking or
   * reschedule into it is `SLOT_TAKEN`; bookings already inside it are kept.
   * @example
   * ```ts
   * const off = await core.addTimeOff(me, { start: '2026-12-24T00:00:00Z', end: '2026-12-27T00:00:00Z', note: 'Holidays' });
   * ```
   */
  addTimeOff(host: HostRef, input: unknown): Promise<TimeOff>;
  /**
   * Removes one of the host's time-off ranges: `NOT_FOUND` when unknown or another host's.
   * @example
   * ```ts
   * await core.removeTimeOff(me, 'off_1');
   * ```
   */
  removeTimeOff(host: HostRef, timeOffId: string): Promise<void>;
}

/**
 * Binds the booking use-cases to a store and (optionally) a calendar, clock, id source and logger.
 *
 * @example
 * ```ts
 * import { createBookingCore, createMemoryStore } from '@workestra/booking-core';
 *
 * const store = createMemoryStore();
 * const core = createBookingCore({ store, clock: { now: () => Date.parse('2026-11-01T00:00:00Z') } });
 * ```
 */
export function createBookingCore(options: BookingCoreOptions): BookingCore {
  const deps = resolveDeps(options);
  return {
    createHost: (input) => createHost(deps, input),
    createLink: (host, input) => createLink(deps, host, input),
    updateLink: (host, linkId, patch) => updateLink(deps, host, linkId, patch),
    getLink: (host, linkId) => getLink(deps, host, linkId),
    listLinks: (host) => listLinks(deps, host),
    disableLink: (host, linkId) => setLinkActive(deps, host, linkId, false),
    enableLink: (host, linkId) => setLinkActive(deps, host, linkId, true),
    deleteLink: (host, linkId) => deleteLink(deps, host, linkId),
    getPublicLink: (slug) => getPublicLink(deps, slug),
    getPublicSlots: (input) => getPublicSlots(deps, input),
    book: (input, options) => book(deps, input, options),
    reschedule: (input) => reschedule(deps, input),
    cancel: (input) => cancel(deps, input),
    viewToken: (input) => viewToken(deps, input),
    tokenBooking: (input) => tokenBooking(deps, input),
    publicBooking: (input) => publicBooking(deps, input),
    listBookings: (host, query) => listBookings(deps, host, query),
    getBooking: (host, bookingId) => getBooking(deps, host, bookingId),
    cancelBookingAsHost: (host, input) => hostCancelBooking(deps, host, input),
    markNoShow: (host, bookingId) => markNoShow(deps, host, bookingId),
    undoNoShow: (host, bookingId) => undoNoShow(deps, host, bookingId),
    listTimeOff: (host, query) => listTimeOff(deps, host, query),
    addTimeOff: (host, input) => addTimeOff(deps, host, input),
    removeTimeOff: (host, timeOffId) => removeTimeOff(deps, host, timeOffId),
  };
}
