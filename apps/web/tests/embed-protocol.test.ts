// The embed query is written by the loader (embedFrameUrl) and read by the booking page
// (readEmbedQuery): what one writes, the other must read back, and bad values never get through.
import { describe, expect, it } from 'vitest';
import { EMBED_QUERY } from '@workestra/booking-core/embed';
import { LANGUAGE_QUERY_PARAM } from '@workestra/booking-core/locales';
import { embedFrameUrl, isEmbedColor, readEmbedQuery } from '../src/embed/protocol';

const LINK = 'https://book.example.com/book/intro';
const ORIGIN = 'https://www.customer.example';

const searchOf = (url: string) => new URL(url).search;

describe('embed query', () => {
  it('round-trips every option from the loader to the booking page', () => {
    const options = {
      origin: ORIGIN,
      color: '#0b7a5a',
      theme: 'dark',
      hideDetails: true,
      name: 'Ana Lima & Co',
      email: 'ana+demo@example.com',
      date: '2027-03-09',
    } as const;
    const url = embedFrameUrl(LINK, options);
    expect(url.startsWith(`${LINK}?`)).toBe(true);
    expect(readEmbedQuery(searchOf(url))).toEqual(options);
  });

  it('sets the language the booking page reads (?lang=) when it is one with a catalog', () => {
    const url = new URL(embedFrameUrl(LINK, { origin: ORIGIN, lang: 'ja' }));
    expect(url.searchParams.get(LANGUAGE_QUERY_PARAM)).toBe('ja');
  });

  it('keeps the link URL and its own query, adding the embed flag and origin', () => {
    const url = new URL(embedFrameUrl(`${LINK}?dealToken=abc`, { origin: ORIGIN }));
    expect(url.origin + url.pathname).toBe(LINK);
    expect(url.searchParams.get('dealToken')).toBe('abc');
    expect(url.searchParams.get(EMBED_QUERY.flag)).toBe('1');
    expect(url.searchParams.get(EMBED_QUERY.origin)).toBe(ORIGIN);
  });

  it('reads defaults for a bare embed URL', () => {
    expect(readEmbedQuery(searchOf(embedFrameUrl(LINK, { origin: ORIGIN })))).toEqual({
      origin: ORIGIN,
      color: undefined,
      theme: 'auto',
      hideDetails: false,
      name: undefined,
      email: undefined,
      date: undefined,
    });
  });

  it.each([
    ['colour without #', { color: '0b7a5a' }],
    ['short colour', { color: '#0b7' }],
    ['colour name', { color: 'red' }],
    ['date with a time', { date: '2027-03-09T10:00' }],
    ['date in another order', { date: '09/03/2027' }],
    ['language without a catalog', { lang: 'ko' }],
    ['language tag, not a language', { lang: 'de-DE' }],
  ])('leaves out an invalid value on writing: %s', (_name, bad) => {
    const url = new URL(embedFrameUrl(LINK, { origin: ORIGIN, ...bad }));
    expect([...url.searchParams.keys()].sort()).toEqual(
      [EMBED_QUERY.flag, EMBED_QUERY.origin].sort(),
    );
  });

  it('drops invalid colour, date and theme on reading, keeping the rest', () => {
    const q = new URLSearchParams({
      [EMBED_QUERY.flag]: '1',
      [EMBED_QUERY.origin]: ORIGIN,
      color: 'javascript:alert(1)',
      theme: 'neon',
      date: 'tomorrow',
      name: 'Bea',
    });
    expect(readEmbedQuery(`?${q}`)).toEqual({
      origin: ORIGIN,
      color: undefined,
      theme: 'auto',
      hideDetails: false,
      name: 'Bea',
      email: undefined,
      date: undefined,
    });
  });

  it('writes no theme for auto, and reads each named theme back', () => {
    expect(new URL(embedFrameUrl(LINK, { origin: ORIGIN, theme: 'auto' })).search).not.toContain(
      'theme',
    );
    for (const theme of ['light', 'dark'] as const)
      expect(readEmbedQuery(searchOf(embedFrameUrl(LINK, { origin: ORIGIN, theme })))?.theme).toBe(
        theme,
      );
  });

  it.each([
    ['no query', ''],
    ['a normal booking query', '?name=Ana&email=ana%40example.com'],
    ['the flag without an origin', `?${EMBED_QUERY.flag}=1`],
    ['an origin without the flag', `?${EMBED_QUERY.origin}=${encodeURIComponent(ORIGIN)}`],
    ['a flag other than 1', `?${EMBED_QUERY.flag}=true&${EMBED_QUERY.origin}=${ORIGIN}`],
  ])('is null outside embed mode: %s', (_name, search) => {
    expect(readEmbedQuery(search)).toBeNull();
  });

  it('takes #rrggbb colours only', () => {
    expect(isEmbedColor('#0B7a5A')).toBe(true);
    for (const bad of [undefined, null, '', '#0b7a5a0', ' #0b7a5a', '#gggggg'])
      expect(isEmbedColor(bad)).toBe(false);
  });
});
