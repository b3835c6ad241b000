import { describe, expect, it } from 'vitest';
import { renderEmail } from './render.js';
import { recordingTransport } from './test-support/recording-transport.js';
import { drain, MON2_9, PUBLIC_URL, world } from './test-support/world.js';
import type { EmailMessage } from './transport.js';

const HOUR = 3_600_000;

/** One header of a built message's MIME source (unfolded), or null when it is absent. */
async function header(message: EmailMessage, name: string): Promise<string | null> {
  const { raw } = await renderEmail(message);
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? null : line.slice(name.length + 1).trim();
}

describe('threading', () => {
  it('answers each recipient’s first message across confirmation, reschedule and cancellation', async () => {
    const w = await world();
    const t = recordingTransport();
    const runner = w.runner(t);
    const { tokens } = await w.book();
    await drain(runner);
    const moved = await w.core.reschedule({ token: tokens.reschedule, start: MON2_9 + HOUR });
    await drain(runner);
    await w.core.cancel({ token: moved.tokens!.cancel });
    await drain(runner);

    const to = (email: string) => t.sent.filter((m) => m.to.email === email);
    for (const [email, first] of [
      ['ada@example.com', 'Confirmed: '],
      ['ana@example.com', 'New booking: '],
    ] as const) {
      const messages = to(email);
      expect(messages.map((m) => m.subject.split(':')[0])).toEqual([
        first.slice(0, -2),
        'Rescheduled',
        'Cancelled',
      ]);
      const [root, ...later] = messages;
      expect(await header(root!, 'In-Reply-To')).toBeNull();
      expect(await header(root!, 'References')).toBeNull();
      for (const message of later) {
        expect(await header(message, 'In-Reply-To')).toBe(root!.messageId);
        expect(await header(message, 'References')).toBe(root!.messageId);
      }
      expect(new Set(messages.map((m) => m.messageId)).size).toBe(3);
    }
    // Two bookings never share a thread.
    const other = recordingTransport();
    const w2 = await world();
    await w2.book();
    await drain(w2.runner(other));
    expect(other.sent.map((m) => m.messageId)).not.toContain(to('ada@example.com')[0]!.messageId);
  });

  it('threads a reschedule whose confirmation was skipped under the same root', async () => {
    const w = await world();
    const t = recordingTransport();
    const { tokens } = await w.book();
    await w.core.reschedule({ token: tokens.reschedule, start: MON2_9 + HOUR });
    await drain(w.runner(t));
    // The confirmation never went (superseded), yet the notice names the id it would have had,
    // so a later message and this one still group together.
    const [notice] = t.sent.filter((m) => m.to.email === 'ada@example.com');
    expect(await header(notice!, 'In-Reply-To')).toMatch(/^<[0-9a-f]{32}@workestra\.test>$/);
  });
});

describe('links in the emails', () => {
  it('gives the host a dashboard link and the attendee none', async () => {
    const w = await world();
    const t = recordingTransport();
    await w.book();
    await drain(w.runner(t));
    const host = t.sent.find((m) => m.to.email === 'ana@example.com');
    const attendee = t.sent.find((m) => m.to.email === 'ada@example.com');
    expect(host?.text).toContain(`Open your dashboard: ${PUBLIC_URL}/calendar`);
    expect(host?.html).toContain(`href="${PUBLIC_URL}/calendar"`);
    expect(attendee?.text).not.toContain('/calendar');
  });

  it('offers "Book another time" only while the link takes bookings', async () => {
    const offered = async (disable: boolean): Promise<boolean> => {
      const w = await world();
      const t = recordingTransport();
      const { tokens } = await w.book();
      if (disable) {
        const [link] = await w.core.listLinks(w.host);
        await w.core.disableLink(w.host, link!.id);
      }
      await w.core.cancel({ token: tokens.cancel });
      await drain(w.runner(t));
      const cancellation = t.sent.find(
        (m) => m.to.email === 'ada@example.com' && m.subject.startsWith('Cancelled'),
      );
      if (!cancellation) throw new Error('no cancellation email');
      return cancellation.text.includes('Book another time');
    };
    expect(await offered(false)).toBe(true);
    expect(await offered(true)).toBe(false);
  });
});
