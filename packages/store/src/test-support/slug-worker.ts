// A separate process for the slug race test: opens the SQLite store on the given file, says
// "ready", waits for "go" on stdin (so every worker starts together), creates `count` links with
// the same title and no slug, and prints each outcome (the slug, or `error:<code>`) as JSON.
import { once } from 'node:events';
import { createBookingCore } from '@workestra/booking-core';
import { openSqliteStore } from '../sqlite/open.js';

const [filename, workspaceId, hostId, count, title] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const handle = await openSqliteStore({ filename });
const core = createBookingCore({ store: handle.store });
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const outcomes = await Promise.all(
  Array.from({ length: Number(count) }, () =>
    core.createLink({ workspaceId, hostId }, { title }).then(
      (link) => link.slug,
      (error: unknown) => `error:${(error as { code?: string }).code ?? String(error)}`,
    ),
  ),
);
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
await handle.close();
