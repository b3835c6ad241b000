import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A server process (`src/main.ts` under tsx), its output, and signals for its life events. */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** The port, once the server logs `listening`; rejects if the process exits first. */
  readonly listening: Promise<number>;
  readonly exited: Promise<number | null>;
  output(): string;
}

const children: ChildProcess[] = [];

/**
 * Starts `src/main.ts` with only the given environment (plus PATH/HOME), on a random port.
 * `wrapper` is a command line the server's own is appended to (e.g. one that mounts a filesystem
 * for it first).
 */
export function startServerProcess(
  env: Record<string, string>,
  wrapper: readonly string[] = [],
): ServerProcess {
  const command = [...wrapper, process.execPath, '--import', 'tsx', 'src/main.ts'];
  const child = spawn(command[0] ?? process.execPath, command.slice(1), {
    cwd: SERVER_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      JOB_POLL_MS: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${out}`)));
  });
  // Only the first outcome matters; a later rejection is expected.
  listening.catch(() => undefined);
  return { child, listening, exited, output: () => out };
}

/** `kill -9` for every server process still running (call from `afterEach`). */
export function killServerProcesses(): void {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
