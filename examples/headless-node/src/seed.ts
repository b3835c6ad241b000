import type { BookingCore, BookingStore, HostRef } from '@workestra/booking-core';

/** The slug of the link {@link seedDemoHost} creates. */
export const DEMO_SLUG = 'intro';

/**
 * Makes sure the demo host and its link `intro` exist (30 minutes, Monday-Friday 09:00-17:00
 * Europe/Berlin) and returns the host. In your service the host would be your signed-in user.
 *
 * @example
 * ```ts
 * const host = await seedDemoHost(service.core, service.db.store);
 * ```
 */
export async function seedDemoHost(core: BookingCore, store: BookingStore): Promise<HostRef> {
  // BookingCore has no "find host" use-case, so a re-run recognises its seed by the link's slug.
  const existing = await store.transaction((tx) => tx.findLiveLinkBySlug(DEMO_SLUG));
  if (existing !== null) return { workspaceId: existing.workspaceId, hostId: existing.hostId };

  const host = await core.createHost({
    workspaceId: 'demo',
    email: 'ana@example.com',
    name: 'Ana Host',
    timeZone: 'Europe/Berlin',
  });
  const ref: HostRef = { workspaceId: host.workspaceId, hostId: host.id };
  await core.createLink(ref, { title: 'Intro call', slug: DEMO_SLUG, durationMinutes: 30 });
  return ref;
}
