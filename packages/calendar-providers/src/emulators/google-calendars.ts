import type { PageTokens } from './calendar-lists.js';
import { pageSizeParam } from './calendar-lists.js';
import { bad } from './google-shapes.js';

/** Google's access roles, weakest first (`minAccessRole` filters by this order). */
const ACCESS_ROLES = ['freeBusyReader', 'reader', 'writer', 'owner'];

/**
 * `calendarList.list` of the Google emulator: the account's calendars (the primary's id is the
 * account's address), paged by `maxResults` (at most 250; the emulator's `pageSize` caps it) and `pageToken`, filtered by
 * `minAccessRole`; other parameters checked as Google does.
 */
export function calendarList(
  url: URL,
  account: string,
  calendars: ReadonlyMap<string, { name: string; canWrite: boolean; timeZone: string }>,
  tokens: PageTokens,
  pageSize: number,
): Record<string, unknown> {
  const q = url.searchParams;
  const asked = pageSizeParam(url, 'maxResults', 250, 100, (m) => bad(m, 'invalidParameter'));
  const size = Math.min(asked, pageSize);
  const minRole = q.get('minAccessRole');
  if (minRole !== null && !ACCESS_ROLES.includes(minRole))
    throw bad(`Invalid value for minAccessRole: ${minRole}`, 'invalidParameter');
  for (const flag of ['showHidden', 'showDeleted']) {
    const value = q.get(flag);
    if (value !== null && value !== 'true' && value !== 'false')
      throw bad(`Invalid value for ${flag}: ${value}`, 'invalidParameter');
  }
  const entries = [...calendars.entries()]
    .map(([id, cal]) => ({
      kind: 'calendar#calendarListEntry',
      id,
      summary: cal.name,
      timeZone: cal.timeZone,
      accessRole: id === account ? 'owner' : cal.canWrite ? 'writer' : 'reader',
      ...(id === account ? { primary: true } : {}),
    }))
    .filter(
      (e) =>
        minRole === null || ACCESS_ROLES.indexOf(e.accessRole) >= ACCESS_ROLES.indexOf(minRole),
    );
  const offset = tokens.offsetOf(q.get('pageToken'), () => bad('Invalid page token', 'invalid'));
  const page = tokens.page(entries, offset, size);
  return {
    kind: 'calendar#calendarList',
    items: page.items,
    ...(page.next === null ? {} : { nextPageToken: page.next }),
  };
}
