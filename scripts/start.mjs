#!/usr/bin/env node
// `npm start`: builds what is needed, then runs the reference server (apps/server) in the
// foreground. With no environment set it uses SQLite under ./data and seeds a demo host and
// /book/demo. The web app (apps/web) is built too when it exists; if that build fails the server
// still starts and its pages say the web app is not built.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const turbo = (filter) =>
  execFileSync(
    'npx',
    ['turbo', 'run', 'build', `--filter=${filter}`, '--output-logs=errors-only'],
    { cwd: root, stdio: 'inherit', env },
  );

turbo('@workestra/server...');
if (existsSync(`${root}apps/web/package.json`)) {
  try {
    turbo('@workestra/web...');
  } catch {
    console.warn(
      '\nnpm start: the web app (apps/web) did not build; starting the server without it.\n',
    );
  }
}

const server = spawn(process.execPath, ['apps/server/dist/main.js'], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
// The server shuts down gracefully on SIGINT/SIGTERM; pass them on and wait for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
