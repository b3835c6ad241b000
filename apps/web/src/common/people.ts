import { currentLocale } from './i18n';

/**
 * Who a meeting is with, as the attendee's pages say it: the booked host, then a collective
 * meeting's co-hosts ("Ana", "Ana and Bea", "Ana, Bea, and Cy"), listed the way `locale` (the
 * page's by default) does ("Ana und Bea" in German).
 *
 * @example
 * ```ts
 * meetingWith({ hostName: 'Ana', coHostNames: ['Bea'] }); // 'Ana and Bea'
 * meetingWith({ hostName: 'Ana', coHostNames: ['Bea'] }, 'de'); // 'Ana und Bea'
 * ```
 */
export function meetingWith(
  b: { hostName: string; coHostNames: readonly string[] },
  locale: string = currentLocale(),
): string {
  const names = [b.hostName, ...b.coHostNames].filter((n) => n !== '');
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}
