import { describe, expect, it } from 'vitest';
import { Client, signUpHost } from './test-support/client.js';
import { DIALECTS, startTestServer } from './test-support/server.js';

describe.each(DIALECTS)('race for one slot (%s)', (dialect) => {
  it('50 concurrent bookings of one slot: exactly one 201, 49 x 409 SLOT_TAKEN', async () => {
    await using server = await startTestServer(dialect, { RATE_LIMIT_PER_MINUTE: '1000' });
    const { host } = await signUpHost(server, {
      email: 'race@example.com',
      link: { title: 'Race', slug: 'race' },
    });

    const start = '2026-11-03T10:00:00Z';
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        new Client(server.url).post('/api/public/links/race/bookings', {
          body: { start, name: `Attendee ${i}`, email: `a${i}@example.com`, timeZone: 'UTC' },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(
      answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'SLOT_TAKEN'),
    ).toBe(true);

    const bookings = (await host.get('/api/host/bookings')).body.bookings;
    expect(bookings).toHaveLength(1);
    expect(bookings[0].start).toBe('2026-11-03T10:00:00.000Z');
  });
});
