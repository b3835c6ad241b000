import type { Deps } from './deps.js';
import { BookingError, isStoreConflictError } from './errors.js';
import type { IdSource, StoreTx } from './ports.js';

/** What picking a slug needs of the dependencies. */
type SlugDeps = Pick<Deps, 'ids' | 'reservedSlugs'>;
import { MAX_SLUG_LENGTH, slugCandidate, splitSlugCounter } from './slug.js';

/*
 * Slugs are one public namespace shared by every workspace, so picking one is a search for a free
 * name, and two requests can pick the same name at once: the store's unique index decides, and
 * the loser moves on to the next candidate.
 */

/**
 * The default of `BookingCoreOptions.reservedSlugs`: the paths the reference app serves beside
 * link pages under `/book/` (`/book/reschedule/<token>`, `/book/cancel/<token>`, `/book/embed`).
 *
 * @example
 * ```ts
 * import { DEFAULT_RESERVED_SLUGS } from '@workestra/booking-core';
 * const reservedSlugs = [...DEFAULT_RESERVED_SLUGS, 'admin'];
 * ```
 */
export const DEFAULT_RESERVED_SLUGS = Object.freeze(['reschedule', 'cancel', 'embed'] as const);
/** Numbered candidates (`base`, `base-2`, ... `base-100`) to probe before random suffixes. */
const MAX_NUMBERED = 100;
/** Random-suffix candidates to probe once the numbered ones are used up. */
const MAX_RANDOM = 10;
/** Length of a random suffix: 36^6 names, so ten tries practically never all collide. */
const RANDOM_SUFFIX_LENGTH = 6;

/**
 * A free slug and where to resume the search if another request takes it before our insert
 * commits (`resumeAt`: the next numbered candidate, or past them for random ones).
 */
export interface SlugPick {
  readonly slug: string;
  readonly resumeAt: number;
}

/** How many times a derived slug may be lost to concurrent requests before giving up. */
export const MAX_SLUG_RACES = MAX_NUMBERED + MAX_RANDOM;

/** `VALIDATION_FAILED` for a slug that would shadow a public page. */
export function assertSlugAllowed(reserved: ReadonlySet<string>, slug: string): void {
  if (reserved.has(slug))
    throw new BookingError('VALIDATION_FAILED', {
      details: [{ path: 'slug', message: `"${slug}" is reserved` }],
    });
}

/** Whether `slug` may be given to a link (`selfId`: the link that may already hold it). */
export async function slugFree(
  tx: StoreTx,
  reserved: ReadonlySet<string>,
  slug: string,
  selfId?: string,
): Promise<boolean> {
  if (reserved.has(slug)) return false;
  const holder = await tx.findLiveLinkBySlug(slug);
  return holder === null || holder.id === selfId;
}

function randomSuffix(ids: IdSource): string {
  // Tokens are base64url; lowercased and stripped they are still far more than 6 random characters.
  return ids
    .token()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, RANDOM_SUFFIX_LENGTH);
}

/**
 * The first free slug near `base`, starting at the `from`-th numbered candidate: `base`,
 * `base-2`, ... `base-100`, then `base-<random>`. Null only if every candidate was taken.
 */
export async function pickFreeSlug(
  tx: StoreTx,
  deps: SlugDeps,
  base: string,
  from: number,
): Promise<SlugPick | null> {
  for (let n = Math.max(1, from); n <= MAX_NUMBERED; n++) {
    const slug = slugCandidate(base, n);
    if (await slugFree(tx, deps.reservedSlugs, slug)) return { slug, resumeAt: n + 1 };
  }
  for (let i = 0; i < MAX_RANDOM; i++) {
    const suffix = randomSuffix(deps.ids);
    if (suffix === '') continue;
    const slug = `${base.slice(0, MAX_SLUG_LENGTH - suffix.length - 1).replace(/-+$/g, '')}-${suffix}`;
    if (await slugFree(tx, deps.reservedSlugs, slug)) return { slug, resumeAt: MAX_NUMBERED + 1 };
  }
  return null;
}

/** A free slug to offer instead of `taken`: `product-demo` -> `product-demo-2`, `-2` -> `-3`. */
export async function suggestSlug(
  tx: StoreTx,
  deps: SlugDeps,
  taken: string,
): Promise<string | null> {
  const { base, n } = splitSlugCounter(taken);
  return (await pickFreeSlug(tx, deps, base, n + 1))?.slug ?? null;
}

/**
 * `SLUG_TAKEN` for `slug`, carrying a free alternative in `details.suggestion` (null in the
 * practically impossible case that none was found), so a client can offer it in one click.
 */
export function slugTaken(slug: string, suggestion: string | null, cause?: unknown): BookingError {
  return new BookingError('SLUG_TAKEN', {
    message:
      suggestion === null
        ? `The link address "${slug}" is already in use`
        : `The link address "${slug}" is already in use; "${suggestion}" is free`,
    details: { slug, suggestion },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Whether `error` is the store's unique-slug backstop (a concurrent request took the slug). */
export function isSlugConflict(error: unknown): boolean {
  return isStoreConflictError(error, 'slug');
}

/**
 * Runs `write`, which stores `slug` explicitly; when a concurrent request took the slug first
 * (the store's unique index), the conflict becomes `SLUG_TAKEN` with a fresh suggestion.
 */
export async function explainSlugConflict<T>(
  deps: Deps,
  slug: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isSlugConflict(error)) throw error;
    const suggestion = await deps.store.transaction((tx) => suggestSlug(tx, deps, slug));
    throw slugTaken(slug, suggestion, error);
  }
}
