import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import type { Logger } from '@workestra/booking-core';
import { createApp } from './app.js';
import { openBookingService } from './booking.js';
import { DEMO_SLUG, seedDemoHost } from './seed.js';

const port = Number(process.env.PORT ?? 3100);
const filename = process.env.DATABASE_FILE ?? 'data/headless-node.db';

const logger: Logger = {
  info: (obj, msg) => console.log(msg ?? '', JSON.stringify(obj)),
  warn: (obj, msg) => console.warn(msg ?? '', obj),
  error: (obj, msg) => console.error(msg ?? '', obj),
};

if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
const service = await openBookingService({ filename, logger });
const host = await seedDemoHost(service.core, service.db.store);
const app = createApp(service.core, { host, logger });
service.runner.start(1000);

const server = serve({ fetch: app.fetch, port }, (info) => {
  printSamples(`http://localhost:${info.port}`).catch((error: unknown) =>
    logger.error({ err: error }, 'could not list sample slots'),
  );
});

async function printSamples(base: string): Promise<void> {
  const from = new Date();
  const to = new Date(from.getTime() + 7 * 86_400_000);
  const { days } = await service.core.getPublicSlots({
    slug: DEMO_SLUG,
    from: from.getTime(),
    to: to.getTime(),
    timeZone: 'UTC',
  });
  const first = days[0]?.slots[0];
  const start = first === undefined ? '<a slot start>' : new Date(first.start).toISOString();
  const json = "-H 'content-type: application/json'";
  console.log(`Booking links on ${base} (SQLite: ${filename}). Try:

  curl '${base}/links/${DEMO_SLUG}/slots?from=${from.toISOString()}&to=${to.toISOString()}&timeZone=Europe/London'

  curl -X POST ${base}/links/${DEMO_SLUG}/bookings ${json} \\
    -d '{"start":"${start}","name":"Ada","email":"ada@example.com","timeZone":"Europe/London"}'

  curl ${base}/bookings/<tokens.cancel from the booking>

  curl -X POST ${base}/bookings/cancel ${json} -d '{"token":"<tokens.cancel from the booking>"}'

  curl '${base}/host/bookings?filter=upcoming&limit=20'

  curl -X POST ${base}/links ${json} -d '{"title":"Demo call","durationMinutes":45}'
`);
}

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  server.close();
  await service.close();
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
