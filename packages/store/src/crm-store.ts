import type { CrmBridge, CrmMeeting, EpochMs, ExternalRef } from '@workestra/booking-core';

/**
 * The meeting statuses a CRM deal can track, declared once for the tables' check constraint
 * (booking-core's `CrmMeeting['status']` is the source; a status missing here fails to compile).
 *
 * @example
 * ```ts
 * CRM_MEETING_STATUSES.includes('no_show'); // true
 * ```
 */
export const CRM_MEETING_STATUSES = Object.freeze([
  'scheduled',
  'cancelled',
  'no_show',
] as const satisfies readonly CrmMeeting['status'][]);

/**
 * One of {@link CRM_MEETING_STATUSES}.
 *
 * @example
 * ```ts
 * const status: CrmMeetingStatus = 'cancelled';
 * ```
 */
export type CrmMeetingStatus = (typeof CRM_MEETING_STATUSES)[number];
// Compile-time check that the list covers booking-core's union, not only a part of it.
const everyStatus: readonly CrmMeetingStatus[] = [] as CrmMeeting['status'][];
void everyStatus;

/**
 * The most rows one `listContacts` or `listDeals` page returns; a larger `limit` is lowered to it.
 *
 * @example
 * ```ts
 * const page = await handle.crm.listContacts({ workspaceId, limit: CRM_PAGE_LIMIT_MAX });
 * ```
 */
export const CRM_PAGE_LIMIT_MAX = 200;

/**
 * A contact as the SQL CRM holds it. `email` is as first given; contacts are matched on it trimmed
 * and lowercased.
 *
 * @example
 * ```ts
 * const { items } = await handle.crm.listContacts({ workspaceId, search: 'ada', limit: 20 });
 * const contact: CrmContactRecord | undefined = items[0];
 * ```
 */
export interface CrmContactRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly email: string;
  readonly name: string;
  readonly timeZone: string;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

/**
 * A deal as the SQL CRM holds it: the meeting it tracks, its stage (free text) and value.
 *
 * @example
 * ```ts
 * const { items } = await handle.crm.listDeals({ workspaceId, limit: 20 });
 * const deal: CrmDealRecord | undefined = items[0];
 * deal?.meeting.status; // 'scheduled'
 * ```
 */
export interface CrmDealRecord {
  readonly id: string;
  readonly workspaceId: string;
  /** The idempotency key it was created with (e.g. `<bookingId>:deal`). */
  readonly key: string;
  readonly contactId: string;
  readonly title: string;
  readonly stage: string | null;
  /** Minor units (cents). */
  readonly valueMinor: number | null;
  /** ISO 4217 code; null until links carry a currency. */
  readonly currency: string | null;
  readonly meeting: CrmMeeting;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

/**
 * A note on a contact (and a deal, when `dealId` is set).
 *
 * @example
 * ```ts
 * const contact = await handle.crm.getContact({ workspaceId, contactId: 'crmc_1' });
 * const notes: readonly CrmNoteRecord[] = contact?.notes ?? [];
 * ```
 */
export interface CrmNoteRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly key: string;
  readonly contactId: string;
  readonly dealId: string | null;
  readonly note: string;
  readonly createdAt: EpochMs;
}

/**
 * A meeting the CRM heard of (one per booking), as the booking is now: what the contact and deal
 * pages list as upcoming and past meetings.
 *
 * @example
 * ```ts
 * const deal = await handle.crm.getDeal({ workspaceId, dealId: 'crmd_1' });
 * const upcoming = (deal?.meetings ?? []).filter((m: CrmMeetingRecord) => m.start >= Date.now());
 * ```
 */
export interface CrmMeetingRecord {
  readonly bookingId: string;
  readonly contactId: string;
  readonly dealId: string | null;
  /** The title of the link it was booked on, when the CRM heard of it. */
  readonly title: string;
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly status: CrmMeeting['status'];
  /** The booking's meeting link now (the calendar job may add it after the CRM heard of the booking). */
  readonly meetingUrl: string | null;
  /** The booking's event in the host's calendar, once the calendar job made it; null otherwise. */
  readonly calendarEvent: ExternalRef | null;
  readonly updatedAt: EpochMs;
}

/**
 * A deal with its contact, as `listDeals` and `getDeal` return it.
 *
 * @example
 * ```ts
 * const { items }: CrmPage<CrmDealWithContact> = await handle.crm.listDeals({ workspaceId, limit: 20 });
 * items[0]?.contact.email;
 * ```
 */
export interface CrmDealWithContact extends CrmDealRecord {
  readonly contact: CrmContactRecord;
}

/**
 * One page of a list, newest first; pass `next` as `after` for the following page (null: no more).
 *
 * @example
 * ```ts
 * const first: CrmPage<CrmContactRecord> = await handle.crm.listContacts({ workspaceId, limit: 50 });
 * const second = first.next === null ? null : await handle.crm.listContacts({ workspaceId, limit: 50, after: first.next });
 * ```
 */
export interface CrmPage<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

/**
 * What `listContacts` and `listDeals` take. `search` matches a contact's name or email (and a
 * deal's title), case-insensitively, anywhere in the text.
 *
 * @example
 * ```ts
 * const query: CrmListQuery = { workspaceId: 'ws_1', search: 'ada', limit: 20 };
 * ```
 */
export interface CrmListQuery {
  readonly workspaceId: string;
  readonly search?: string;
  /** 1 to {@link CRM_PAGE_LIMIT_MAX}. */
  readonly limit: number;
  /** The `next` of the previous page. */
  readonly after?: string;
}

/**
 * A named pipeline stage of a workspace, in `position` order.
 *
 * @example
 * ```ts
 * const stages: readonly CrmStage[] = await handle.crm.listStages('ws_1');
 * ```
 */
export interface CrmStage {
  readonly name: string;
  readonly position: number;
}

/**
 * A workspace's CRM settings (defaults when never saved: every field null).
 *
 * @example
 * ```ts
 * const settings: CrmSettings = await handle.crm.getSettings('ws_1');
 * settings.cancelledFirstMeetingStage; // e.g. 'Lost', or null
 * ```
 */
export interface CrmSettings {
  /** The stage a deal moves to when the booking that created it is cancelled; null leaves the stage. */
  readonly cancelledFirstMeetingStage: string | null;
}

/**
 * The SQL CRM (`handle.crm`, name `workestra`): booking-core's `CrmBridge` over the store's
 * `crm_*` tables, on SQLite and PostgreSQL alike, plus what the reference app's `/crm` page reads.
 * Every write is idempotent; every query is scoped to one workspace.
 *
 * @example
 * ```ts
 * const { crm } = handle;
 * const { contactId } = await crm.findOrCreateContact({ workspaceId, contact: { email: 'Ada@Example.com ', name: 'Ada', timeZone: 'UTC' } });
 * const found = await crm.listContacts({ workspaceId, search: 'ada', limit: 20 });
 * ```
 */
export interface SqlCrm extends CrmBridge {
  readonly name: 'workestra';
  /** Contacts, newest first, optionally matching `search` (name or email). */
  listContacts(query: CrmListQuery): Promise<CrmPage<CrmContactRecord>>;
  /** A contact with its deals (newest first), meetings (by start) and notes (oldest first), or null. */
  getContact(input: { readonly workspaceId: string; readonly contactId: string }): Promise<
    | (CrmContactRecord & {
        readonly deals: readonly CrmDealRecord[];
        readonly meetings: readonly CrmMeetingRecord[];
        readonly notes: readonly CrmNoteRecord[];
      })
    | null
  >;
  /** Deals with their contacts, newest first, optionally of one contact or matching `search` (title, contact name or email). */
  listDeals(
    query: CrmListQuery & { readonly contactId?: string },
  ): Promise<CrmPage<CrmDealWithContact>>;
  /** A deal with its contact, its meetings (by start) and its notes (oldest first), or null. */
  getDeal(input: { readonly workspaceId: string; readonly dealId: string }): Promise<
    | (CrmDealWithContact & {
        readonly meetings: readonly CrmMeetingRecord[];
        readonly notes: readonly CrmNoteRecord[];
      })
    | null
  >;
  /** The workspace's named pipeline stages, in order. */
  listStages(workspaceId: string): Promise<readonly CrmStage[]>;
  /** Adds the `names` the workspace does not have yet, after its last stage, in the order given; returns all stages. */
  ensureStages(input: {
    readonly workspaceId: string;
    readonly names: readonly string[];
  }): Promise<readonly CrmStage[]>;
  /** The workspace's CRM settings (all null when never saved). */
  getSettings(workspaceId: string): Promise<CrmSettings>;
  /** Replaces the workspace's CRM settings; returns them as stored. */
  putSettings(input: {
    readonly workspaceId: string;
    readonly settings: CrmSettings;
  }): Promise<CrmSettings>;
}
