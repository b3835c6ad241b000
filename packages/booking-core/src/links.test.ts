import { describe, expect, it } from 'vitest';
import { BookingError } from './errors.js';
import { slugify } from './slug.js';
import { codeOf, MON_9, slotStarts, world } from './test-utils.js';

describe('slugify', () => {
  it('keeps lowercase letters, digits and single dashes', () => {
    expect(slugify('30-Minute Intro Call!')).toBe('30-minute-intro-call');
    expect(slugify('  Café  crème -- déjà vu ')).toBe('cafe-creme-deja-vu');
    expect(slugify('会议')).toBe('meeting');
    expect(slugify('x'.repeat(100))).toHaveLength(60);
  });

  it('transliterates letters instead of dropping them', () => {
    expect(slugify('Straße')).toBe('strasse');
    expect(slugify('Łódź intro')).toBe('lodz-intro');
    expect(slugify('Встреча с клиентом')).toBe('vstrecha-s-klientom');
    expect(slugify('Зустріч')).toBe('zustrich');
    expect(slugify('Ærø über naïve')).toBe('aero-uber-naive');
    expect(slugify('İstanbul')).toBe('istanbul');
    // Decomposed accents and compatibility forms (ligatures) too.
    expect(slugify('Cafe\u0301 ﬁka')).toBe('cafe-fika');
  });

  it('treats punctuation and symbols as separators, not words', () => {
    expect(slugify('Q&A session')).toBe('q-a-session');
    expect(slugify('50% off — today_only')).toBe('50-off-today-only');
    expect(slugify('C++ & C#')).toBe('c-c');
    expect(slugify('!!!')).toBe('meeting');
  });
});

describe('createLink', () => {
  it('fills in the product defaults and the host’s time zone', async () => {
    const { core, host } = await world();
    const link = await core.createLink(host, { title: '30-minute intro call' });
    expect(link).toMatchObject({
      slug: '30-minute-intro-call',
      description: null,
      durationMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minNoticeHours: 0,
      maxDaysAhead: 30,
      timeZone: 'Europe/Berlin',
      dailyCap: null,
      calendarProvider: 'none',
      autoMeetingLink: false,
      autoCreateDeal: false,
      active: true,
      deletedAt: null,
      workspaceId: host.workspaceId,
      hostId: host.hostId,
    });
    expect(Object.keys(link.weeklyHours)).toEqual([
      'monday',
      'tuesday',
      'wednesday',
      'thursday',
      'friday',
    ]);
  });

  it('stores every setting of the product doc', async () => {
    const { core, host } = await world();
    const link = await core.createLink(host, {
      title: 'Demo',
      description: 'Bring questions',
      slug: 'demo-call',
      durationMinutes: 45,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
      minNoticeHours: 4,
      maxDaysAhead: 14,
      timeZone: 'America/New_York',
      weeklyHours: {
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
      },
      dateOverrides: [{ date: '2026-12-24', windows: [] }],
      recurringOverrides: [
        { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', start: '2026-01-02', windows: [] },
      ],
      dailyCap: 4,
      calendarProvider: 'google',
      autoMeetingLink: true,
      autoCreateDeal: true,
      defaultDealStage: 'New leads',
      defaultDealValueMinor: 250_000,
      defaultDealCurrency: 'EUR',
    });
    expect(await core.getLink(host, link.id)).toEqual(link);
    expect(link.weeklyHours.monday).toHaveLength(2);
  });

  it('derives -2, -3 when the derived slug is taken, anywhere', async () => {
    const { core, host, stranger } = await world();
    expect((await core.createLink(host, { title: 'Intro call' })).slug).toBe('intro-call');
    expect((await core.createLink(host, { title: 'Intro call' })).slug).toBe('intro-call-2');
    expect((await core.createLink(stranger, { title: 'Intro  Call' })).slug).toBe('intro-call-3');
  });

  it('refuses an explicit slug in use with SLUG_TAKEN, and malformed or reserved ones with VALIDATION_FAILED', async () => {
    const { core, host, stranger } = await world();
    await core.createLink(host, { title: 'A', slug: 'taken' });
    expect(await codeOf(core.createLink(stranger, { title: 'B', slug: 'taken' }))).toBe(
      'SLUG_TAKEN',
    );
    for (const slug of [
      'Upper',
      'has space',
      '-lead',
      'trail-',
      'double--dash',
      '',
      'reschedule',
    ]) {
      expect(await codeOf(core.createLink(host, { title: 'C', slug }))).toBe('VALIDATION_FAILED');
    }
  });

  it('gives every one of 20 concurrent same-title links a slug: the next free suffix, never SLUG_TAKEN', async () => {
    const { core, host, stranger } = await world();
    const links = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        core.createLink(i % 2 ? host : stranger, { title: 'Product demo' }),
      ),
    );
    const expected = [
      'product-demo',
      ...Array.from({ length: 19 }, (_, i) => `product-demo-${i + 2}`),
    ];
    expect(links.map((l) => l.slug).sort()).toEqual(expected.sort());
  });

  it('falls back to a random suffix once the first 100 numbered slugs are taken', async () => {
    const { core, host } = await world();
    for (let i = 0; i < 100; i++) await core.createLink(host, { title: 'Busy' });
    const crowded = await core.createLink(host, { title: 'Busy' });
    expect(crowded.slug).toMatch(/^busy-[a-z0-9]{6}$/);
    expect(crowded.slug).not.toMatch(/^busy-\d+$/);
  });

  it('never derives a reserved slug', async () => {
    const { core, host } = await world();
    expect((await core.createLink(host, { title: 'Cancel' })).slug).toBe('cancel-2');
    expect((await core.createLink(host, { title: 'Embed!' })).slug).toBe('embed-2');
  });

  it('reserves the slugs of the reservedSlugs option instead of the default ones', async () => {
    const { core, host } = await world({ reservedSlugs: ['admin'] });
    expect(await codeOf(core.createLink(host, { title: 'A', slug: 'admin' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect((await core.createLink(host, { title: 'Admin' })).slug).toBe('admin-2');
    // The reference app's paths are only the default: an app without them may use the names.
    expect((await core.createLink(host, { title: 'C', slug: 'cancel' })).slug).toBe('cancel');
  });

  it('answers a taken explicit slug with a free suggestion in details', async () => {
    const { core, host, stranger } = await world();
    await core.createLink(host, { title: 'A', slug: 'product-demo' });
    await core.createLink(host, { title: 'B', slug: 'product-demo-2' });
    const error = await core
      .createLink(stranger, { title: 'Product demo', slug: 'product-demo' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BookingError);
    expect(error).toMatchObject({
      code: 'SLUG_TAKEN',
      details: { slug: 'product-demo', suggestion: 'product-demo-3' },
    });
    expect((error as Error).message).toContain('"product-demo-3" is free');
    // A slug that already ends in a counter is counted on, not suffixed again.
    expect(
      await core.createLink(stranger, { title: 'x', slug: 'product-demo-2' }).catch((e) => e),
    ).toMatchObject({ details: { suggestion: 'product-demo-3' } });
    // The suggestion works.
    const taken = await core.createLink(stranger, { title: 'x', slug: 'product-demo-3' });
    expect(taken.slug).toBe('product-demo-3');
    // Long slugs stay within 80 characters.
    const long = 'l'.repeat(80);
    await core.createLink(host, { title: 'L', slug: long });
    const { details } = (await core
      .createLink(stranger, { title: 'x', slug: long })
      .catch((e: unknown) => e)) as BookingError;
    expect(details).toEqual({ slug: long, suggestion: `${'l'.repeat(78)}-2` });
  });

  it('suggests a free slug when a concurrent request takes an explicit slug first', async () => {
    const { core, host, stranger } = await world();
    const outcomes = await Promise.allSettled([
      core.createLink(host, { title: 'A', slug: 'launch' }),
      core.createLink(stranger, { title: 'B', slug: 'launch' }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({
      code: 'SLUG_TAKEN',
      details: { slug: 'launch', suggestion: 'launch-2' },
    });
  });

  it('creates unique derived slugs under concurrency', async () => {
    const { core, host } = await world();
    const links = await Promise.all(
      Array.from({ length: 5 }, () => core.createLink(host, { title: 'Same' })),
    );
    expect(new Set(links.map((l) => l.slug)).size).toBe(5);
  });

  it('reports bad settings as VALIDATION_FAILED with paths, including what only the slot engine knows', async () => {
    const { core, host } = await world();
    const details = async (input: Parameters<typeof core.createLink>[1]) => {
      try {
        await core.createLink(host, input);
      } catch (error) {
        expect(error).toBeInstanceOf(BookingError);
        expect((error as BookingError).code).toBe('VALIDATION_FAILED');
        return (error as BookingError).details as { path: string; message: string }[];
      }
      throw new Error('expected VALIDATION_FAILED');
    };
    expect((await details({ title: 'x', durationMinutes: 481 }))[0]?.path).toBe('durationMinutes');
    expect((await details({ title: '' }))[0]?.path).toBe('title');
    expect((await details({ title: 'x', timeZone: 'Mars/Olympus' }))[0]?.path).toBe('timeZone');
    expect(
      (await details({ title: 'x', weeklyHours: { monday: [{ start: '9am', end: '12:00' }] } }))[0]
        ?.path,
    ).toBe('weeklyHours.monday[0].start');
    expect((await details({ title: 'x', weeklyHours: { mon: [] } as never }))[0]?.path).toBe(
      'weeklyHours',
    );
    const reversed = await details({
      title: 'x',
      weeklyHours: { monday: [{ start: '12:00', end: '09:00' }] },
    });
    expect(reversed[0]?.path).toMatch(/^weeklyHours\.monday\[0\]/);
    const overlapping = await details({
      title: 'x',
      weeklyHours: {
        tuesday: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
    });
    expect(overlapping[0]?.path).toMatch(/^weeklyHours\.tuesday/);
    expect(
      (
        await details({
          title: 'x',
          recurringOverrides: [{ rrule: 'NONSENSE', start: '2026-01-01', windows: [] }],
        })
      )[0]?.path,
    ).toMatch(/^recurringOverrides\[0\]/);
    expect((await details({ title: 'x', autoMeetingLink: true }))[0]?.path).toBe('autoMeetingLink');
  });

  it('keeps a deal currency only as a known uppercase ISO 4217 code, null by default', async () => {
    const { core, host } = await world();
    expect((await core.createLink(host, { title: 'No currency' })).defaultDealCurrency).toBeNull();
    const yen = await core.createLink(host, {
      title: 'Yen',
      autoCreateDeal: true,
      defaultDealValueMinor: 5_000,
      defaultDealCurrency: 'JPY',
    });
    expect(yen.defaultDealCurrency).toBe('JPY');
    for (const defaultDealCurrency of ['eur', 'EURO', 'XYZ', '', 'E1R', 42]) {
      const error = await core
        .createLink(host, { title: 'x', defaultDealCurrency } as never)
        .catch((e: unknown) => e);
      expect(error, String(defaultDealCurrency)).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'defaultDealCurrency' }],
      });
    }
  });

  it('is NOT_FOUND for a host that does not exist in the workspace', async () => {
    const { core, host } = await world();
    expect(
      await codeOf(core.createLink({ workspaceId: 'ws_b', hostId: host.hostId }, { title: 'x' })),
    ).toBe('NOT_FOUND');
  });
});

describe('updateLink', () => {
  it('changes only the given fields and keeps the slug when the title changes', async () => {
    const { core, host, clock } = await world();
    const link = await core.createLink(host, { title: 'Intro call', bufferAfterMinutes: 5 });
    clock.advance(1000);
    const next = await core.updateLink(host, link.id, { title: 'Kick-off', durationMinutes: 60 });
    expect(next).toMatchObject({
      title: 'Kick-off',
      slug: 'intro-call',
      durationMinutes: 60,
      bufferAfterMinutes: 5,
      updatedAt: link.updatedAt + 1000,
    });
    expect(await core.getLink(host, link.id)).toEqual(next);
  });

  it('moves the slug when free, refuses when taken, validates the merged settings', async () => {
    const { core, host } = await world();
    const a = await core.createLink(host, { title: 'A' });
    await core.createLink(host, { title: 'B' });
    expect((await core.updateLink(host, a.id, { slug: 'a-new' })).slug).toBe('a-new');
    expect(await core.updateLink(host, a.id, { slug: 'b' }).catch((e: unknown) => e)).toMatchObject(
      { code: 'SLUG_TAKEN', details: { slug: 'b', suggestion: 'b-2' } },
    );
    expect((await core.updateLink(host, a.id, { slug: 'a-new' })).slug).toBe('a-new');
    expect(await codeOf(core.updateLink(host, a.id, { autoMeetingLink: true }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await core.updateLink(host, a.id, { calendarProvider: 'microsoft', autoMeetingLink: true }))
        .autoMeetingLink,
    ).toBe(true);
  });

  it('sets, keeps and clears the deal currency, refusing an unknown one', async () => {
    const { core, host } = await world();
    const link = await core.createLink(host, { title: 'Deals', autoCreateDeal: true });
    expect(
      (await core.updateLink(host, link.id, { defaultDealCurrency: 'USD' })).defaultDealCurrency,
    ).toBe('USD');
    expect((await core.updateLink(host, link.id, { title: 'Renamed' })).defaultDealCurrency).toBe(
      'USD',
    );
    expect(
      await core.updateLink(host, link.id, { defaultDealCurrency: 'usd' }).catch((e: unknown) => e),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'defaultDealCurrency' }] });
    expect(
      (await core.updateLink(host, link.id, { defaultDealCurrency: null })).defaultDealCurrency,
    ).toBeNull();
  });
});

describe('disable, re-enable, delete', () => {
  it('disabling shows "This link is no longer active"; re-enabling restores the same slug and settings', async () => {
    const { core, host } = await world();
    const link = await core.createLink(host, {
      title: 'Intro call',
      timeZone: 'UTC',
      weeklyHours: { monday: [{ start: '09:00', end: '10:00' }] },
    });
    await core.disableLink(host, link.id);
    const error = await core.getPublicLink('intro-call').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BookingError);
    expect(error).toMatchObject({
      code: 'LINK_INACTIVE',
      message: 'This link is no longer active',
    });
    expect(
      await codeOf(
        core.getPublicSlots({
          slug: 'intro-call',
          from: MON_9,
          to: MON_9 + 3_600_000,
          timeZone: 'UTC',
        }),
      ),
    ).toBe('LINK_INACTIVE');
    expect(await codeOf(core.createLink(host, { title: 'x', slug: 'intro-call' }))).toBe(
      'SLUG_TAKEN',
    );
    const back = await core.enableLink(host, link.id);
    expect({ ...back, updatedAt: 0 }).toEqual({ ...link, updatedAt: 0 });
    expect((await core.getPublicLink('intro-call')).title).toBe('Intro call');
  });

  it('deleting answers LINK_NOT_FOUND, keeps the meetings, and frees the slug', async () => {
    const { core, host, colleague, attendee } = await world();
    const link = await core.createLink(host, {
      title: 'Intro call',
      timeZone: 'UTC',
      weeklyHours: { monday: [{ start: '09:00', end: '10:00' }] },
    });
    const { booking } = await core.book(attendee(MON_9));
    await core.deleteLink(host, link.id);
    expect(await codeOf(core.getPublicLink('intro-call'))).toBe('LINK_NOT_FOUND');
    expect(await codeOf(core.getLink(host, link.id))).toBe('NOT_FOUND');
    expect(await core.listLinks(host)).toEqual([]);
    expect(
      (await core.listBookings(host, { filter: 'upcoming' })).bookings.map((b) => b.id),
    ).toEqual([booking.id]);
    const reused = await core.createLink(colleague, { title: 'Intro call' });
    expect(reused.slug).toBe('intro-call');
    expect((await core.getPublicLink('intro-call')).hostName).toBe('Ben');
    // The old meeting still blocks its host's time, link or no link.
    expect((await core.getBooking(host, booking.id)).booking.status).toBe('confirmed');
  });

  it('lists the host’s live links only', async () => {
    const { core, host, colleague } = await world();
    const a = await core.createLink(host, { title: 'A' });
    const b = await core.createLink(host, { title: 'B' });
    await core.createLink(colleague, { title: 'C' });
    await core.disableLink(host, b.id);
    expect((await core.listLinks(host)).map((l) => [l.slug, l.active])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    await core.deleteLink(host, a.id);
    expect((await core.listLinks(host)).map((l) => l.slug)).toEqual(['b']);
  });
});

describe('tenant isolation of links', () => {
  it('never lets another host or workspace read or touch a link: NOT_FOUND, not FORBIDDEN', async () => {
    const { core, host, colleague, stranger } = await world();
    const link = await core.createLink(host, { title: 'Mine' });
    for (const other of [colleague, stranger, { workspaceId: 'ws_b', hostId: host.hostId }]) {
      expect(await codeOf(core.getLink(other, link.id))).toBe('NOT_FOUND');
      expect(await codeOf(core.updateLink(other, link.id, { title: 'Hacked' }))).toBe('NOT_FOUND');
      expect(await codeOf(core.disableLink(other, link.id))).toBe('NOT_FOUND');
      expect(await codeOf(core.enableLink(other, link.id))).toBe('NOT_FOUND');
      expect(await codeOf(core.deleteLink(other, link.id))).toBe('NOT_FOUND');
      expect(await core.listLinks(other)).toEqual([]);
    }
    expect(await core.getLink(host, link.id)).toEqual(link);
  });

  it('slots of a link count only its own host’s bookings', async () => {
    const { core, host, colleague, attendee } = await world();
    const weekly = { monday: [{ start: '09:00', end: '10:00' }] };
    await core.createLink(host, { title: 'Ana', timeZone: 'UTC', weeklyHours: weekly });
    await core.createLink(colleague, { title: 'Ben', timeZone: 'UTC', weeklyHours: weekly });
    await core.book(attendee(MON_9, 'ana'));
    expect(await slotStarts(core, 'ben', '2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-11-02T09:00:00.000Z',
      '2026-11-02T09:30:00.000Z',
    ]);
    expect(await slotStarts(core, 'ana', '2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-11-02T09:30:00.000Z',
    ]);
  });
});

// PostgreSQL refuses a NUL in text (SQLite stores it), so it is refused for every store alike.
describe('free text', () => {
  it('allows line breaks in descriptions but no other control characters', async () => {
    const { core, host } = await world();
    const ok = await core.createLink(host, { title: 'Intro', description: 'Line one\n\tLine two' });
    expect(ok.description).toBe('Line one\n\tLine two');
    expect(await codeOf(core.createLink(host, { title: 'Intro', description: 'a\u0000b' }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});
