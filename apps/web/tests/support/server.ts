// The real reference server (apps/server/dist/main.js) as a disposable child process: a free
// port, a temp SQLite data dir, the demo seed, no job runner, a rate limit tests cannot hit (each
// overridable, e.g. a calendar provider pointed at an emulator and a running job runner).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const serverMain = resolve(webRoot, '../server/dist/main.js');

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/**
 * Starts the server and resolves once GET /healthz answers 200. `env` adds to or overrides the
 * defaults, e.g. `{ GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, GOOGLE_BASE_URL, JOB_POLL_MS: '100' }`.
 */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  if (!existsSync(serverMain))
    throw new Error(
      `${serverMain} is missing: build it with \`npx turbo run build --filter=@workestra/server\``,
    );
  if (!existsSync(join(webRoot, 'dist', 'book.html')))
    throw new Error('apps/web/dist is missing: run `npm run build -w @workestra/web` first');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'workestra-web-test-'));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [serverMain], {
    cwd: webRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SEED_DEMO: 'true',
      JOB_POLL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '10000',
      LOG_LEVEL: 'warn',
      DEMO_CALENDAR: 'false', // /book/demo on no calendar: no emulated busy events in these tests
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));

  // A guard against a server that never comes up, not a speed check: generous for a busy machine.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy in 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    url,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
