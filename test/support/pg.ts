/**
 * PostgreSQL for the tests: TEST_DATABASE_URL names a server (`.ci/run` starts one with
 * scripts/test-postgres.sh). Each caller gets a private schema, dropped by dropTestSchemas() in the suites'
 * after hooks, so test files running at once never see each other's rows. Without TEST_DATABASE_URL the
 * PostgreSQL suites skip and say why. The two-host test starts a server of its own (startPrivatePostgres).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PROJECT_DIR } from '../../src/config.js';
import { PgStorage, type PgStorageOptions } from '../../src/store/pg-storage.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** The reason PostgreSQL suites skip, or false when they run. */
export const PG_SKIP: string | false = TEST_DATABASE_URL
  ? false
  : 'TEST_DATABASE_URL is not set: start a server with `eval "$(scripts/test-postgres.sh start /tmp/kbsleuth-pg)"` (as .ci/run does) to run the PostgreSQL suites';

const created: string[] = [];
let admin: pg.Pool | undefined;

function adminPool(): pg.Pool {
  admin ??= new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  return admin;
}

/** A new empty schema on the test server; its name. */
export async function makeTestSchema(): Promise<string> {
  const name = `kbtest_${randomBytes(6).toString('hex')}`;
  await adminPool().query(`CREATE SCHEMA ${name}`);
  created.push(name);
  return name;
}

/** A PgStorage (a host) working in the schema `searchPath`; several on one schema are several hosts. */
export function pgStorageOn(searchPath: string, options: Partial<PgStorageOptions> = {}): PgStorage {
  return new PgStorage({ connectionString: TEST_DATABASE_URL!, searchPath, log: () => undefined, ...options });
}

/** Drops what this process created; call from an `after` hook. */
export async function dropTestSchemas(): Promise<void> {
  if (!admin) return;
  for (const name of created.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`).catch(() => undefined);
  await admin.end();
  admin = undefined;
}

const SCRIPT = path.join(PROJECT_DIR, 'scripts', 'test-postgres.sh');

/** Why a test needing a PostgreSQL of its own (to stop and start) skips, or false when initdb is there. */
export function privatePostgresSkip(): string | false {
  const found = spawnSync('bash', ['-c', 'command -v initdb || ls /usr/lib/postgresql/*/bin/initdb'], { stdio: 'ignore' }).status === 0;
  return found ? false : 'PostgreSQL is not installed (no initdb): apt-get install -y --no-install-recommends postgresql, as .ci/run does';
}

export interface PrivatePostgres {
  /** postgres:// URL of its `postgres` database. */
  url: string;
  /** Stops the server (fast shutdown: sessions are cut, as in an outage). */
  stop(): void;
  /** Starts it again on the same port with the same data. */
  resume(): void;
  /** Stops it and removes its folder. */
  destroy(): void;
}

/** A PostgreSQL server of the test's own, in a temporary folder, on a free port (scripts/test-postgres.sh). */
export function startPrivatePostgres(): PrivatePostgres {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kbsleuth-pg-'));
  const run = (...args: string[]) => {
    const r = spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`test-postgres.sh ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  };
  const url = /TEST_DATABASE_URL=(\S+)/.exec(run('start', dir))![1];
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    spawnSync('bash', [SCRIPT, 'stop', dir]);
    rmSync(dir, { recursive: true, force: true });
  };
  // A failed test must not leave a server running.
  process.once('exit', destroy);
  return { url, stop: () => void run('stop', dir), resume: () => void run('resume', dir), destroy };
}
