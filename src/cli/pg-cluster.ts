/**
 * A throwaway PostgreSQL cluster for the tests and the bench: `initdb` in a temporary directory,
 * `postgres` on a free loopback port (and a unix socket in that directory), removed by `stop()`.
 * Nothing is mocked: it is the real server Debian's `postgresql` package installs.
 *
 * initdb and postgres refuse to run as root. Run as root (CI, containers), they run as the
 * `postgres` user (or `nobody`) through setpriv, which needs no PAM or login shell, and the
 * directory is handed to that user; run as anyone else, they run as that user.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './local-run';

export interface PgCluster {
  readonly port: number;
  readonly dir: string;
  /** a URL for `database` on this cluster (the superuser `candor`, trusted on the loopback) */
  url(database?: string): string;
  /** CREATE DATABASE `name` and return its URL */
  createDatabase(name: string): Promise<string>;
  /** fast shutdown, then the directory is removed */
  stop(): Promise<void>;
}

/** The directory holding initdb, pg_ctl and postgres: PG_BIN, pg_config's, Debian's newest, or PATH's. */
export function findPgBin(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const has = (dir: string): boolean => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  if (env['PG_BIN']) return has(env['PG_BIN']) ? env['PG_BIN'] : null;
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (config.status === 0 && has(config.stdout.trim())) return config.stdout.trim();
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v) && has(join(debian, v, 'bin')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  for (const dir of (env['PATH'] ?? '').split(':')) if (dir && has(dir)) return dir;
  return null;
}

/** Why the PostgreSQL tests cannot run here, or null when they can. */
export function pgUnavailable(): string | null {
  return findPgBin() ? null : 'PostgreSQL is not installed (no initdb/pg_ctl: apt-get install -y postgresql, or set PG_BIN)';
}

function idOf(user: string): { uid: number; gid: number } | null {
  const u = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (u.status !== 0 || g.status !== 0) return null;
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export interface ClusterOptions {
  /** fsync=off: faster, and enough for tests that never crash the database itself (default: on, as deployed) */
  fsync?: boolean;
}

export async function startCluster(opts: ClusterOptions = {}): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error(pgUnavailable()!);
  const asRoot = process.getuid?.() === 0;
  // under root the cluster's user must reach the directory: /tmp, not a TMPDIR private to root
  const dir = mkdtempSync(join(asRoot && existsSync('/tmp') ? '/tmp' : tmpdir(), 'candor-pg-'));
  let prefix: string[] = [];
  if (asRoot) {
    const who = idOf('postgres') ?? idOf('nobody');
    if (!who) throw new Error('running as root with neither a postgres nor a nobody user to run PostgreSQL as');
    chownSync(dir, who.uid, who.gid);
    prefix = ['setpriv', `--reuid=${who.uid}`, `--regid=${who.gid}`, '--clear-groups'];
  }
  const run = (tool: string, args: string[]): void => {
    const [cmd, ...rest] = [...prefix, join(bin, tool), ...args];
    const r = spawnSync(cmd!, rest, { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    if (r.status !== 0) {
      const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
      throw new Error(`${tool} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}${log}`);
    }
  };
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'candor', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const settings = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...(opts.fsync === false ? ['-c fsync=off'] : [])];
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', settings.join(' '), 'start']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const url = (database = 'postgres'): string => `postgres://candor@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    port,
    dir,
    url,
    async createDatabase(name: string): Promise<string> {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}": lowercase letters, digits and _ only`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  };
}
