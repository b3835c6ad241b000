import transliterate from 'slugify';

/** Longest slug the schema accepts. */
export const MAX_SLUG_LENGTH = 80;
/** Longest slug derived from a title, leaving room for a `-n` suffix. */
const MAX_DERIVED = 60;
/** What a title with nothing transliterable (say, only Chinese characters) becomes. */
const FALLBACK_SLUG = 'meeting';

/**
 * A slug from a title: letters transliterated to ASCII (`ß` -> `ss`, `Ł` -> `l`, Cyrillic,
 * Greek and Georgian to Latin), lowercase, and every run of anything else turned into one dash.
 * Punctuation and symbols separate words instead of being spelled out (`Q&A` -> `q-a`, not
 * `qanda`). A title with nothing left becomes `meeting`.
 *
 * @example
 * ```ts
 * slugify('30-Minute Intro Call!'); // '30-minute-intro-call'
 * slugify('Łódź intro'); // 'lodz-intro'
 * slugify('Встреча'); // 'vstrecha'
 * slugify('会议'); // 'meeting'
 * ```
 */
export function slugify(title: string): string {
  // NFKC first so ligatures and compatibility forms (`ﬁ`, `①`) reach the transliterator as letters.
  const words = title.normalize('NFKC').replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ');
  const base = transliterate(words, { lower: true, strict: true, trim: true })
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_DERIVED)
    .replace(/-+$/g, '');
  return base === '' ? FALLBACK_SLUG : base;
}

/**
 * The `n`-th candidate for a slug: `base`, `base-2`, `base-3`, ... The base is shortened when the
 * suffix would push the slug past {@link MAX_SLUG_LENGTH}.
 */
export function slugCandidate(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = `-${n}`;
  const head = base.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/g, '');
  return `${head}${suffix}`;
}

/**
 * Splits a slug that already ends in a counter (`product-demo-2`) into its base and the counter,
 * so the next candidate is `product-demo-3` rather than `product-demo-2-2`.
 */
export function splitSlugCounter(slug: string): { base: string; n: number } {
  const match = /^(.+)-(\d{1,4})$/.exec(slug);
  if (match === null) return { base: slug, n: 1 };
  const n = Number(match[2]);
  return n >= 2 ? { base: match[1] as string, n } : { base: slug, n: 1 };
}
