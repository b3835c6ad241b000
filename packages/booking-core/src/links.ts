import type { BookingLink, BookingLinkSettings, Host, HostRef, LinkMember } from './domain.js';
import type { Deps } from './deps.js';
import {
  BookingError,
  isBookingError,
  translateConflicts,
  type ValidationIssue,
} from './errors.js';
import type { StoreTx } from './ports.js';
import { ownLink, readHostRef } from './access.js';
import { assertLinkSettings } from './link-rules.js';
import {
  assertSlugAllowed,
  explainSlugConflict,
  isSlugConflict,
  MAX_SLUG_RACES,
  pickFreeSlug,
  slugFree,
  slugTaken,
  suggestSlug,
  type SlugPick,
} from './link-slugs.js';
import { createHostInputSchema, createLinkInputSchema, updateLinkInputSchema } from './schemas.js';
import { slugify } from './slug.js';
import { parseInput } from './validation.js';

/** Registers a host (the person whose time is booked). */
export async function createHost(deps: Deps, raw: unknown): Promise<Host> {
  const input = parseInput(createHostInputSchema, raw);
  const host: Host = { id: deps.ids.id(), ...input, createdAt: deps.clock.now() };
  await translateConflicts(() => deps.store.transaction((tx) => tx.insertHost(host)));
  return host;
}

/**
 * Creates a link for the host. An explicit slug that is taken is `SLUG_TAKEN` with a free
 * suggestion; a slug derived from the title always succeeds (the next free `-n` suffix).
 */
export async function createLink(deps: Deps, hostRef: HostRef, raw: unknown): Promise<BookingLink> {
  const host = readHostRef(hostRef);
  const input = parseInput(createLinkInputSchema, raw);
  const now = deps.clock.now();
  if (input.slug !== undefined) assertSlugAllowed(deps.reservedSlugs, input.slug);
  const { slug: explicitSlug, timeZone, ...rest } = input;

  /** One try; `from` is the numbered candidate a derived slug starts at, `picked` records it. */
  const attempt = (from: number, picked: { last?: SlugPick }): Promise<BookingLink> =>
    deps.store.transaction(async (tx) => {
      const owner = await tx.findHost(host.workspaceId, host.hostId);
      if (owner === null) throw new BookingError('NOT_FOUND');
      const settings: BookingLinkSettings = {
        ...rest,
        slug: explicitSlug ?? '',
        timeZone: timeZone ?? owner.timeZone,
      };
      assertLinkSettings(settings, now);
      await assertMembersKnown(tx, host.workspaceId, settings.members);
      let slug: string;
      if (explicitSlug !== undefined) {
        if (!(await slugFree(tx, deps.reservedSlugs, explicitSlug)))
          throw slugTaken(explicitSlug, await suggestSlug(tx, deps, explicitSlug));
        slug = explicitSlug;
      } else {
        const pick = await pickFreeSlug(tx, deps, slugify(settings.title), from);
        if (pick === null) throw slugTaken(slugify(settings.title), null);
        picked.last = pick;
        slug = pick.slug;
      }
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

  if (explicitSlug !== undefined)
    return translateConflicts(() => explainSlugConflict(deps, explicitSlug, () => attempt(1, {})));
  // Between our probe and our insert a concurrent request may take the same slug; the store's
  // unique index refuses the second insert. A derived slug then resumes at the next candidate
  // (each lost race means someone else holds that one), so it ends with a free slug.
  let from = 1;
  for (let race = 1; ; race++) {
    const picked: { last?: SlugPick } = {};
    try {
      return await translateConflicts(() => attempt(from, picked));
    } catch (error) {
      const lost = isBookingError(error) && isSlugConflict(error.cause);
      if (!lost || picked.last === undefined || race >= MAX_SLUG_RACES) throw error;
      from = picked.last.resumeAt;
    }
  }
}

/** Changes some settings of one of the host's links. Changing the title keeps the slug. */
export async function updateLink(
  deps: Deps,
  hostRef: HostRef,
  linkId: string,
  raw: unknown,
): Promise<BookingLink> {
  const host = readHostRef(hostRef);
  const patch = parseInput(updateLinkInputSchema, raw);
  if (patch.slug !== undefined) assertSlugAllowed(deps.reservedSlugs, patch.slug);
  const defined = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as Partial<BookingLinkSettings>;
  const now = deps.clock.now();
  const write = () =>
    deps.store.transaction(async (tx) => {
      const link = await ownLink(tx, host, linkId);
      const next: BookingLink = { ...link, ...defined, updatedAt: now };
      assertLinkSettings(next, now);
      await assertMembersKnown(tx, next.workspaceId, next.members);
      if (next.slug !== link.slug && !(await slugFree(tx, deps.reservedSlugs, next.slug, link.id)))
        throw slugTaken(next.slug, await suggestSlug(tx, deps, next.slug));
      await tx.updateLink(next);
      return next;
    });
  const wanted = patch.slug;
  return translateConflicts(() =>
    wanted === undefined ? write() : explainSlugConflict(deps, wanted, write),
  );
}

/** One of the host's live links. */
export function getLink(deps: Deps, hostRef: HostRef, linkId: string): Promise<BookingLink> {
  const host = readHostRef(hostRef);
  return deps.store.transaction((tx) => ownLink(tx, host, linkId));
}

/**
 * The host's live links, oldest first: those it owns and the team links it is a member of (only
 * the owner, `link.hostId`, may change a link; the others see it read-only).
 */
export async function listLinks(deps: Deps, hostRef: HostRef): Promise<BookingLink[]> {
  const host = readHostRef(hostRef);
  const links = await deps.store.transaction((tx) => tx.listLinks(host.workspaceId, host.hostId));
  return links.filter((l) => l.deletedAt === null);
}

/**
 * Every member of a team link is a host of the link's workspace, or `VALIDATION_FAILED` on
 * `members[i].hostId` of each one that is not (another workspace's host is "not a host" too).
 */
async function assertMembersKnown(
  tx: StoreTx,
  workspaceId: string,
  members: readonly LinkMember[],
): Promise<void> {
  const issues: ValidationIssue[] = [];
  for (const [index, member] of members.entries()) {
    if ((await tx.findHost(workspaceId, member.hostId)) === null)
      issues.push({ path: `members[${index}].hostId`, message: 'is not a host of this workspace' });
  }
  if (issues.length > 0) throw new BookingError('VALIDATION_FAILED', { details: issues });
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
