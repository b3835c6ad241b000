// The workspace's CRM (docs/http-api.md, "CRM"): the types the /crm pages read, the calls, and
// the pure helpers that decide how a deal's value and meetings are shown.
import { api, query } from '../common/api';
import { currencyDigits } from './money';

/** A contact as `/api/host/crm` answers it. */
export interface CrmContact {
  id: string;
  email: string;
  name: string;
  timeZone: string;
  createdAt: string;
  updatedAt: string;
}

/** The meeting a deal tracks. */
export interface CrmMeeting {
  start: string;
  end: string;
  status: 'scheduled' | 'cancelled' | 'no_show';
  meetingUrl: string | null;
}

/** A deal: its stage, its value in minor units, its meeting. */
export interface CrmDeal {
  id: string;
  contactId: string;
  title: string;
  stage: string | null;
  valueMinor: number | null;
  currency: string | null;
  meeting: CrmMeeting;
  createdAt: string;
  updatedAt: string;
}

/** One booking of a contact (with its deal, when it has one), as it is now. */
export interface CrmBookedMeeting extends CrmMeeting {
  bookingId: string;
  dealId: string | null;
  /** The title of the link it was booked on. */
  title: string;
  /** The booking's event in the host's calendar, once made. */
  calendarEvent: { provider: string; id: string } | null;
}

/** A note on a contact (and a deal when `dealId` is set). */
export interface CrmNote {
  id: string;
  dealId: string | null;
  note: string;
  createdAt: string;
}

/** A deal with its contact, as the deals list and the deal view carry it. */
export type CrmDealWithContact = CrmDeal & { contact: CrmContact };

/** One page of a list; `next` goes back as `after` (null: no more). */
export interface CrmPage<T> {
  items: T[];
  next: string | null;
}

const BASE = '/api/host/crm';

/** One page of contacts, newest first, matching `search` when given. */
export async function fetchContacts(search: string, after?: string): Promise<CrmPage<CrmContact>> {
  const page = await api<{ contacts: CrmContact[]; next: string | null }>(
    'GET',
    `${BASE}/contacts${query({ search: search || undefined, after })}`,
  );
  return { items: page.contacts, next: page.next };
}

/** One page of deals with their contacts, newest first, matching `search` when given. */
export async function fetchDeals(
  search: string,
  after?: string,
): Promise<CrmPage<CrmDealWithContact>> {
  const page = await api<{ deals: CrmDealWithContact[]; next: string | null }>(
    'GET',
    `${BASE}/deals${query({ search: search || undefined, after })}`,
  );
  return { items: page.deals, next: page.next };
}

/** A contact with its deals and notes. */
export function fetchContact(id: string): Promise<{
  contact: CrmContact;
  deals: CrmDeal[];
  meetings: CrmBookedMeeting[];
  notes: CrmNote[];
}> {
  return api('GET', `${BASE}/contacts/${encodeURIComponent(id)}`);
}

/** A deal with its contact, its meetings, its notes, and the link whose booking created it (when known). */
export function fetchDeal(id: string): Promise<{
  deal: CrmDealWithContact;
  meetings: CrmBookedMeeting[];
  notes: CrmNote[];
  sourceLinkId: string | null;
}> {
  return api('GET', `${BASE}/deals/${encodeURIComponent(id)}`);
}

/**
 * A "Schedule a call" link for the deal: `linkId`'s booking page pre-filled with the deal's
 * contact; a booking made there joins the deal (for 14 days, until `expiresAt`).
 */
export function scheduleCall(
  dealId: string,
  linkId: string,
): Promise<{ url: string; expiresAt: string }> {
  return api('POST', `${BASE}/deals/${encodeURIComponent(dealId)}/schedule`, { linkId });
}

/** The workspace's CRM settings. */
export interface CrmSettings {
  /** The stage a deal moves to when the booking that created it is cancelled; null leaves it. */
  cancelledFirstMeetingStage: string | null;
}

/** The workspace's CRM settings. */
export async function fetchCrmSettings(): Promise<CrmSettings> {
  return (await api<{ settings: CrmSettings }>('GET', `${BASE}/settings`)).settings;
}

/** Saves the workspace's CRM settings; resolves them as stored. */
export async function saveCrmSettings(settings: CrmSettings): Promise<CrmSettings> {
  return (await api<{ settings: CrmSettings }>('PUT', `${BASE}/settings`, settings)).settings;
}

/**
 * The link a new call on a deal defaults to: the one that made the deal while it is active, else
 * the first active one; null when there is none.
 *
 * @example
 * ```ts
 * defaultLinkId([{ id: 'a', active: true }, { id: 'b', active: true }], 'b'); // 'b'
 * ```
 */
export function defaultLinkId(
  links: readonly { id: string; active: boolean }[],
  sourceLinkId: string | null,
): string | null {
  const active = links.filter((l) => l.active);
  return (active.find((l) => l.id === sourceLinkId) ?? active[0])?.id ?? null;
}

/**
 * A value in minor units as money: `1,500.50` without a currency, `€1,500.50` with one (the
 * currency's own number of decimals). `locale` defaults to the browser's.
 *
 * @example
 * ```ts
 * formatMoney(150_050, null, 'en-US'); // '1,500.50'
 * formatMoney(1_500, 'JPY', 'en-US'); // '¥1,500'
 * ```
 */
export function formatMoney(valueMinor: number, currency: string | null, locale?: string): string {
  if (currency) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    return format.format(valueMinor / 10 ** currencyDigits(currency));
  }
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(valueMinor / 100);
}

/**
 * Meetings split by their start against `now`: upcoming soonest first, past latest first.
 *
 * @example
 * ```ts
 * const { upcoming, past } = splitByStart(meetings, Date.now());
 * ```
 */
export function splitByStart<T extends { start: string }>(
  meetings: readonly T[],
  now: number,
): { upcoming: T[]; past: T[] } {
  const start = (m: T) => Date.parse(m.start);
  const upcoming = meetings.filter((m) => start(m) >= now).sort((a, b) => start(a) - start(b));
  const past = meetings.filter((m) => start(m) < now).sort((a, b) => start(b) - start(a));
  return { upcoming, past };
}

/** How a meeting status reads on the page. */
export const MEETING_STATUS_LABELS: Record<CrmMeeting['status'], string> = {
  scheduled: 'Scheduled',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};
