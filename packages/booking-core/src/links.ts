import type { BookingLink, BookingLinkSettings, Host, HostRef } from './domain.js';
import type { Deps } from './deps.js';
import { BookingError, StoreConflictError, translateConflicts } from './errors.js';
import { ownLink, readHostRef } from './access.js';
import { assertLinkSettings } from './link-rules.js';
import type { StoreTx } from './ports.js';
import {
  createHostInputSchema,
  createLinkInputSchema,
  updateLinkInputSchema,
  type CreateLinkInput,
  type UpdateLinkInput,
} from './schemas.js';
import { slugCandidate, slugify } from './slug.js';
import { parseInput } from './validation.js';

/** Slugs that would shadow the public pages under `/book/`. */
const RESERVED_SLUGS: ReadonlySet<string> = new Set(['reschedule', 'cancel', 'embed']);
/** How many `-n` suffixes to try, and how often to retry when another request takes a slug first. */
const MAX_SUFFIX = 1000;
const MAX_SLUG_RACES = 5;

/** Registers a host (the person whose time is booked). */
export async function createHost(deps: Deps, raw: unknown): Promise<Host> {
  const input = parseInput(createHostInputSchema, raw);
  const host: Host = { id: deps.ids.id(), ...input, createdAt: deps.clock.now() };
  await translateConflicts(() => deps.store.transaction((tx) => tx.insertHost(host)));
  return host;
}

function assertSlugAllowed(slug: string): void {
  if (RESERVED_SLUGS.has(slug))
    throw new BookingError('VALIDATION_FAILED', {
      details: [{ path: 'slug', message: `"${slug}" is reserved` }],
    });
}

async function slugFree(tx: StoreTx, slug: string, selfId?: string): Promise<boolean> {
  if (RESERVED_SLUGS.has(slug)) return false;
  const holder = await tx.findLiveLinkBySlug(slug);
  return holder === null || holder.id === selfId;
}

async function firstFreeSlug(tx: StoreTx, base: string): Promise<string> {
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const candidate = slugCandidate(base, n);
    if (await slugFree(tx, candidate)) return candidate;
  }
  throw new BookingError('SLUG_TAKEN', { message: `No free slug near "${base}"; choose one` });
}

/** Creates a link for the host; the slug is derived from the title unless given. */
export async function createLink(
  deps: Deps,
  hostRef: HostRef,
  raw: CreateLinkInput,
): Promise<BookingLink> {
  const host = readHostRef(hostRef);
  const input = parseInput(createLinkInputSchema, raw);
  const now = deps.clock.now();
  if (input.slug !== undefined) assertSlugAllowed(input.slug);
  const { slug: explicitSlug, timeZone, ...rest } = input;

  const attempt = (): Promise<BookingLink> =>
    deps.store.transaction(async (tx) => {
      const owner = await tx.findHost(host.workspaceId, host.hostId);
      if (owner === null) throw new BookingError('NOT_FOUND');
      const settings: BookingLinkSettings = {
        ...rest,
        slug: explicitSlug ?? '',
        timeZone: timeZone ?? owner.timeZone,
      };
      assertLinkSettings(settings, now);
      let slug: string;
      if (explicitSlug === undefined) slug = await firstFreeSlug(tx, slugify(settings.title));
      else if (await slugFree(tx, explicitSlug)) slug = explicitSlug;
      else throw new BookingError('SLUG_TAKEN');
      const link: BookingLink = {
        ...settings,
        slug,
        id: deps.ids.id(),
        workspaceId: host.workspaceId,
        hostId: host.hostId,
        active: true,
        deletedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insertLink(link);
      return link;
    });

  // A concurrent request may take the derived slug between our probe and our insert: try again.
  for (let race = 1; ; race++) {
    try {
      return await translateConflicts(attempt);
    } catch (error) {
      const slugRace =
        error instanceof BookingError &&
        error.code === 'SLUG_TAKEN' &&
        error.cause instanceof StoreConflictError;
      if (!slugRace || explicitSlug !== undefined || race >= MAX_SLUG_RACES) throw error;
    }
  }
}

/** Changes some settings of one of the host's links. Changing the title keeps the slug. */
export async function updateLink(
  deps: Deps,
  hostRef: HostRef,
  linkId: string,
  raw: UpdateLinkInput,
): Promise<BookingLink> {
  const host = readHostRef(hostRef);
  const patch = parseInput(updateLinkInputSchema, raw);
  if (patch.slug !== undefined) assertSlugAllowed(patch.slug);
  const defined = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as Partial<BookingLinkSettings>;
  const now = deps.clock.now();
  return translateConflicts(() =>
    deps.store.transaction(async (tx) => {
      const link = await ownLink(tx, host, linkId);
      const next: BookingLink = { ...link, ...defined, updatedAt: now };
      assertLinkSettings(next, now);
      if (next.slug !== link.slug && !(await slugFree(tx, next.slug, link.id)))
        throw new BookingError('SLUG_TAKEN');
      await tx.updateLink(next);
      return next;
    }),
  );
}

/** One of the host's live links. */
export function getLink(deps: Deps, hostRef: HostRef, linkId: string): Promise<BookingLink> {
  const host = readHostRef(hostRef);
  return deps.store.transaction((tx) => ownLink(tx, host, linkId));
}

/** The host's live links, oldest first. */
export async function listLinks(deps: Deps, hostRef: HostRef): Promise<BookingLink[]> {
  const host = readHostRef(hostRef);
  const links = await deps.store.transaction((tx) => tx.listLinks(host.workspaceId, host.hostId));
  return links.filter((l) => l.deletedAt === null && l.hostId === host.hostId);
}

/** Disables or re-enables a link; slug and settings are kept, so re-enabling restores the page as it was. */
export function setLinkActive(
  deps: Deps,
  hostRef: HostRef,
  linkId: string,
  active: boolean,
): Promise<BookingLink> {
  const host = readHostRef(hostRef);
  const now = deps.clock.now();
  return translateConflicts(() =>
    deps.store.transaction(async (tx) => {
      const link = await ownLink(tx, host, linkId);
      if (link.active === active) return link;
      const next: BookingLink = { ...link, active, updatedAt: now };
      await tx.updateLink(next);
      return next;
    }),
  );
}

/** Deletes a link: its page answers `LINK_NOT_FOUND`, its slug is free again, its meetings stay. */
export function deleteLink(deps: Deps, hostRef: HostRef, linkId: string): Promise<BookingLink> {
  const host = readHostRef(hostRef);
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const link = await ownLink(tx, host, linkId);
    const next: BookingLink = { ...link, deletedAt: now, updatedAt: now };
    await tx.updateLink(next);
    return next;
  });
}
