import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FollowUpPayload } from './follow-up-jobs.js';
import { createAesGcmSealer } from './sealer.js';
import { codeOf, world } from './test-utils.js';

const MON2_9 = Date.parse('2026-11-09T09:00:00Z');

describe('createAesGcmSealer', () => {
  const sealer = createAesGcmSealer(randomBytes(32));

  it('round-trips, with a fresh IV each time', () => {
    const a = sealer.seal('tøken');
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealer.seal('tøken')).not.toBe(a);
    expect(sealer.open(a)).toBe('tøken');
  });

  it('refuses tampering, another key and garbage', () => {
    const sealed = sealer.seal('secret');
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    expect(() => sealer.open(`v1.${bytes.toString('base64url')}`)).toThrow();
    expect(() => createAesGcmSealer(randomBytes(32)).open(sealed)).toThrow();
    expect(() => sealer.open('v2.abc')).toThrow();
    expect(() => sealer.open('v1.')).toThrow();
    expect(() => createAesGcmSealer(randomBytes(16))).toThrow(/32-byte/);
  });
});

describe('tokens in job payloads', () => {
  const sealer = createAesGcmSealer(randomBytes(32));
  const payloadOf = async (w: Awaited<ReturnType<typeof world>>, key: string) =>
    (await w.store.findJobByKey(key))?.payload as FollowUpPayload | undefined;

  it('seals the tokens into the attendee’s email jobs only, never in plain form', async () => {
    const w = await world({ sealer });
    await w.link();
    const { booking, tokens } = await w.core.book(w.attendee(MON2_9));
    const confirmation = await payloadOf(w, `${booking.id}:email.confirmation:0`);
    const reminder = await payloadOf(w, `${booking.id}:email.reminder:0`);
    for (const payload of [confirmation, reminder]) {
      expect(sealer.open(payload?.sealedTokens?.reschedule ?? '')).toBe(tokens.reschedule);
      expect(sealer.open(payload?.sealedTokens?.cancel ?? '')).toBe(tokens.cancel);
    }
    expect((await payloadOf(w, `${booking.id}:email.host-notice:0`))?.sealedTokens).toBeUndefined();
    expect((await payloadOf(w, `${booking.id}:crm.sync:0`))?.sealedTokens).toBeUndefined();
    const everything = JSON.stringify(await w.store.listJobs());
    expect(everything).not.toContain(tokens.reschedule);
    expect(everything).not.toContain(tokens.cancel);
  });

  it('rotates both tokens on reschedule: old links say the meeting moved, the notice carries new ones', async () => {
    const w = await world({ sealer });
    await w.link();
    const { booking, tokens } = await w.core.book(w.attendee(MON2_9));
    await w.core.reschedule({ token: tokens.reschedule, start: '2026-11-09T10:00:00Z' });
    expect(
      await codeOf(w.core.reschedule({ token: tokens.reschedule, start: '2026-11-09T11:00:00Z' })),
    ).toBe('BOOKING_MOVED');
    expect(await codeOf(w.core.cancel({ token: tokens.cancel }))).toBe('BOOKING_MOVED');

    const notice = await payloadOf(w, `${booking.id}:email.reschedule:1`);
    const reminder = await payloadOf(w, `${booking.id}:email.reminder:1`);
    expect(reminder?.sealedTokens).toBeDefined();
    const fresh = {
      reschedule: sealer.open(notice?.sealedTokens?.reschedule ?? ''),
      cancel: sealer.open(notice?.sealedTokens?.cancel ?? ''),
    };
    expect(sealer.open(reminder?.sealedTokens?.cancel ?? '')).toBe(fresh.cancel);
    const { booking: moved } = await w.core.reschedule({
      token: fresh.reschedule,
      start: '2026-11-09T11:00:00Z',
    });
    expect(moved.icalSequence).toBe(2);
    // The second move rotated again, so `fresh` is stale now too.
    expect(await codeOf(w.core.cancel({ token: fresh.cancel }))).toBe('BOOKING_MOVED');
    const latest = await payloadOf(w, `${booking.id}:email.reschedule:2`);
    const cancelled = await w.core.cancel({
      token: sealer.open(latest?.sealedTokens?.cancel ?? ''),
    });
    expect(cancelled.status).toBe('cancelled');
  });

  it('keeps tokens stable without a sealer (nothing could deliver new ones)', async () => {
    const w = await world();
    await w.link();
    const { booking, tokens } = await w.core.book(w.attendee(MON2_9));
    await w.core.reschedule({ token: tokens.reschedule, start: '2026-11-09T10:00:00Z' });
    expect((await payloadOf(w, `${booking.id}:email.reschedule:1`))?.sealedTokens).toBeUndefined();
    expect((await w.core.cancel({ token: tokens.cancel })).status).toBe('cancelled');
  });
});
