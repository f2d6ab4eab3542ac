/**
 * `kbsleuth db status` and `kbsleuth db migrate` on the SQLite file under DATA_DIR and, with
 * TEST_DATABASE_URL, on PostgreSQL (in a schema of the test's own, through the URL's `options`).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.js';
import { DATABASE_FILE } from '../../src/store/database.js';
import { PG_STEPS } from '../../src/store/pg-schema.js';
import { makeTempDataDir } from '../support/app.js';
import { PG_SKIP, TEST_DATABASE_URL, dropTestSchemas, makeTestSchema } from '../support/pg.js';

function kbsleuth(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'kbsleuth.js'), ...args], {
    cwd: PROJECT_DIR,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli: kbsleuth db on the SQLite file', () => {
  it('reports the pending steps without creating the file, exits 3, then migrates and reports none', () => {
    const dataDir = makeTempDataDir();
    const before = kbsleuth(['db', 'status'], { DATA_DIR: dataDir });
    assert.equal(before.code, 3, before.err);
    assert.match(before.out, /store: +sqlite .*kbsleuth\.sqlite\nschema: +version 0 of \d+\npending: .*kbsleuth db migrate/);
    assert.equal(existsSync(path.join(dataDir, DATABASE_FILE)), false, 'status changed nothing');
    const migrated = kbsleuth(['db', 'migrate'], { DATA_DIR: dataDir });
    assert.equal(migrated.code, 0, migrated.err);
    assert.match(migrated.out, /migrated from schema version 0 to (\d+)\n[\s\S]*version \1 of \1/);
    const again = kbsleuth(['db', 'status'], { DATA_DIR: dataDir });
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.out, /pending/);
  });
});

describe('cli: kbsleuth db on PostgreSQL', { skip: PG_SKIP }, () => {
  after(() => dropTestSchemas());

  it('names the database without its password, applies every step once, and says so', async () => {
    const url = new URL(TEST_DATABASE_URL!);
    url.password = 'not-shown-anywhere';
    url.searchParams.set('options', `-c search_path=${await makeTestSchema()}`);
    const env = { DATABASE_URL: url.toString(), DATA_DIR: makeTempDataDir() };
    const before = kbsleuth(['db', 'status'], env);
    assert.equal(before.code, 3, before.err);
    assert.match(before.out, new RegExp(`store: +postgres ${url.hostname}:${url.port}/\\S+\\nschema: +version 0 of ${PG_STEPS.length}`));
    const migrated = kbsleuth(['db', 'migrate'], env);
    assert.equal(migrated.code, 0, migrated.err);
    assert.match(migrated.out, new RegExp(`migrated from schema version 0 to ${PG_STEPS.length}`));
    assert.match(kbsleuth(['db', 'migrate'], env).out, new RegExp(`already at schema version ${PG_STEPS.length}`));
    for (const r of [before, migrated]) assert.doesNotMatch(r.out + r.err, /not-shown-anywhere/);
  });
});

describe('cli: kbsleuth db with an unreachable DATABASE_URL', () => {
  it('says which database it cannot reach and what to check, exit 1', () => {
    const r = kbsleuth(['db', 'status'], { DATABASE_URL: 'postgres://kb:pw@127.0.0.1:1/kbsleuth' });
    assert.equal(r.code, 1);
    assert.match(r.err, /db: cannot reach PostgreSQL at 127\.0\.0\.1:1\/kbsleuth \(connection refused\); check DATABASE_URL/);
  });
});
