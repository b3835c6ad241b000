/**
 * Who a meeting is with, as the attendee's pages say it: the booked host, then a collective
 * meeting's co-hosts ("Ana", "Ana and Bea", "Ana, Bea, and Cy"), in the page's language.
 *
 * @example
 * ```ts
 * meetingWith({ hostName: 'Ana', coHostNames: ['Bea'] }); // 'Ana and Bea'
 * ```
 */
export function meetingWith(b: { hostName: string; coHostNames: readonly string[] }): string {
  const names = [b.hostName, ...b.coHostNames].filter((n) => n !== '');
  return new Intl.ListFormat('en', { type: 'conjunction' }).format(names);
}
