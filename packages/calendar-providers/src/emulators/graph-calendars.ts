import { ApiError } from './api.js';
import { PageTokens, pageSizeParam, type EmulatorCalendarSpec } from './calendar-lists.js';
import { bad } from './graph-shapes.js';

/** A calendar of an emulated mailbox. */
interface MailboxCalendar {
  name: string;
  canEdit: boolean;
}

/** The fields of Graph's calendar resource the emulator answers (and `$select` may name). */
const CALENDAR_FIELDS = new Set([
  'id',
  'name',
  'color',
  'canEdit',
  'canShare',
  'canViewPrivateItems',
  'isDefaultCalendar',
  'owner',
]);

/**
 * The calendars of the Graph emulator's mailboxes: the default calendar (`primary` inside the
 * emulator, an opaque id to clients) always, others once added or seeded into. Answers
 * `GET /me/calendars` and refuses writes into a calendar the mailbox cannot edit.
 */
export class MailboxCalendars {
  private readonly byAccount = new Map<string, Map<string, MailboxCalendar>>();
  private readonly tokens = new PageTokens();

  private of(account: string): Map<string, MailboxCalendar> {
    let calendars = this.byAccount.get(account);
    if (calendars === undefined) {
      calendars = new Map([['primary', { name: 'Calendar', canEdit: true }]]);
      this.byAccount.set(account, calendars);
    }
    return calendars;
  }

  /** The opaque id Graph gives the default calendar of `account`. */
  defaultIdOf(account: string): string {
    return `AAMkAGdefault${Buffer.from(account).toString('base64url')}=`;
  }

  /** The emulator's id of the calendar a path names (`primary` for the default), or null. */
  resolve(account: string, asked: string): string | null {
    const id = asked === this.defaultIdOf(account) ? 'primary' : asked;
    return this.of(account).has(id) ? id : null;
  }

  /** A calendar seeded into exists from then on, editable. */
  ensure(account: string, id: string): void {
    if (!this.of(account).has(id)) this.of(account).set(id, { name: id, canEdit: true });
  }

  add(account: string, spec: EmulatorCalendarSpec): void {
    if (spec.id === 'primary' || spec.id === this.defaultIdOf(account))
      throw new Error('The default calendar always exists; add another id');
    this.of(account).set(spec.id, { name: spec.name ?? spec.id, canEdit: spec.canWrite ?? true });
  }

  /** Throws Graph's 403 unless `account` may write into `id`. */
  assertWritable(account: string, id: string): void {
    if (this.of(account).get(id)?.canEdit !== true)
      throw new ApiError(
        403,
        'ErrorAccessDenied',
        'Access is denied. Check credentials and try again.',
      );
  }

  /**
   * `GET /me/calendars`: paged by `$top` (default 10, as Graph; `pageSize` caps it) and
   * `$skiptoken`; `$select` checked.
   */
  list(url: URL, account: string, baseUrl: string, pageSize: number): Record<string, unknown> {
    const q = url.searchParams;
    const asked = pageSizeParam(url, '$top', 1000, 10, (m) => bad(m, 'BadRequest'));
    const top = Math.min(asked, pageSize);
    const select = q.get('$select');
    const fields = select === null ? null : select.split(',').map((f) => f.trim());
    for (const f of fields ?? [])
      if (!CALENDAR_FIELDS.has(f))
        throw bad(
          `Could not find a property named '${f}' on type 'microsoft.graph.calendar'.`,
          'BadRequest',
        );
    const all = [...this.of(account).entries()].map(([id, c]) => {
      const full: Record<string, unknown> = {
        id: id === 'primary' ? this.defaultIdOf(account) : id,
        name: c.name,
        color: 'auto',
        canEdit: c.canEdit,
        canShare: id === 'primary',
        canViewPrivateItems: true,
        isDefaultCalendar: id === 'primary',
        owner: { name: account.split('@')[0], address: account },
      };
      if (fields === null) return full;
      return Object.fromEntries(
        Object.entries(full).filter(([k]) => k === 'id' || fields.includes(k)),
      );
    });
    const offset = this.tokens.offsetOf(q.get('$skiptoken'), () =>
      bad('Invalid $skiptoken.', 'BadRequest'),
    );
    const page = this.tokens.page(all, offset, top);
    const body: Record<string, unknown> = { value: page.items };
    if (page.next !== null) {
      const next = new URL(`${baseUrl}${url.pathname}${url.search}`);
      next.searchParams.set('$skiptoken', page.next);
      body['@odata.nextLink'] = next.toString();
    }
    return body;
  }
}
