/** Longest slug derived from a title (the schema allows 80, leaving room for a `-n` suffix). */
const MAX_DERIVED = 60;

/**
 * A slug from a title: accents dropped, lowercase, runs of anything else turned into one dash.
 *
 * @example
 * ```ts
 * slugify('30-Minute Intro Call!'); // '30-minute-intro-call'
 * slugify('Café créme'); // 'cafe-creme'
 * slugify('会议'); // 'meeting'
 * ```
 */
export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_DERIVED)
    .replace(/-+$/g, '');
  return base === '' ? 'meeting' : base;
}

/** The `n`-th candidate for a derived slug: `base`, `base-2`, `base-3`, ... */
export function slugCandidate(base: string, n: number): string {
  return n <= 1 ? base : `${base}-${n}`;
}
