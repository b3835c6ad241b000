#!/usr/bin/env node
// `npm start`: builds what is needed, then runs the main job. Until the reference server lands
// (apps/server), the main job is a terminal demo of the slot engine on a demo booking link.
import { execFileSync } from 'node:child_process';

execFileSync(
  'npx',
  ['turbo', 'run', 'build', '--filter=@workestra/slots', '--output-logs=errors-only'],
  {
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  },
);
await import('./slot-demo.mjs');
