/**
 * store/open-storage: the store a server opens from its settings (SQLite under DATA_DIR, or PostgreSQL when
 * DATABASE_URL is set), and what `kbsleuth db status` and `db migrate` read and do through it.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { DATABASE_FILE, SCHEMA_VERSION } from '../../src/store/database.js';
import { PG_STEPS } from '../../src/store/pg-schema.js';
import { migrateStorage, openStorage, storageStatus } from '../../src/store/open-storage.js';
import { KbError } from '../../src/errors.js';
import { StorageUnavailableError } from '../../src/store/storage.js';
import { makeTempDataDir } from '../support/app.js';
import { PG_SKIP, TEST_DATABASE_URL, dropTestSchemas, makeTestSchema } from '../support/pg.js';

/** A DATABASE_URL that reaches the test server in its own schema (as a host configured with it would). */
function urlIn(schema: string): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Nothing listens on port 1 of the loopback address: connecting is refused at once. */
const REFUSED_URL = 'postgres://kb:s3cret@127.0.0.1:1/kbsleuth';

describe('store/open-storage: SQLite (no DATABASE_URL)', () => {
  it('opens kbsleuth.sqlite under DATA_DIR, created and up to date', async () => {
    const dataDir = makeTempDataDir();
    const storage = openStorage({ databaseUrl: undefined, dataDir });
    assert.equal(storage.kind, 'sqlite');
    assert.equal(storage.where, path.join(dataDir, DATABASE_FILE));
    assert.equal((await storage.status()).current, SCHEMA_VERSION);
    await storage.close();
    assert.ok(existsSync(path.join(dataDir, DATABASE_FILE)));
  });

  it('passes MAX_GAPS on to the store: past it the least recently seen gap is dropped', async () => {
    const storage = openStorage({ databaseUrl: undefined, dataDir: makeTempDataDir(), maxGaps: 2 });
    for (const text of ['printer offline', 'spooler stalls', 'queue stops']) await storage.recordGap('search', text);
    assert.deepEqual((await storage.listGaps('search')).map((g) => g.text).sort(), ['queue stops', 'spooler stalls']);
    await storage.close();
  });

  it('passes SHARE_TTL_DAYS on to the store: a share expires that many days after it was saved', async () => {
    const storage = openStorage({ databaseUrl: undefined, dataDir: makeTempDataDir(), shareTtlDays: 3 });
    const share = await storage.saveShared({ log: 'spooler stalls' });
    const found = await storage.findShared(share.id);
    assert.equal(Date.parse(found!.expiresAt) - Date.parse(found!.createdAt), 3 * 86_400_000);
    await storage.close();
  });

  it('reads the status of a missing file as version 0 without creating it', async () => {
    const dataDir = makeTempDataDir();
    const status = await storageStatus({ databaseUrl: undefined, dataDir });
    assert.equal(status.kind, 'sqlite');
    assert.equal(status.where, path.join(dataDir, DATABASE_FILE));
    assert.equal(status.current, 0);
    assert.equal(status.pending.length, SCHEMA_VERSION);
    assert.equal(existsSync(path.join(dataDir, DATABASE_FILE)), false);
  });

  it('migrates an older file and gives the status before and after', async () => {
    const dataDir = makeTempDataDir();
    const raw = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
    raw.pragma('user_version = 0');
    raw.close();
    const { before, after } = await migrateStorage({ databaseUrl: undefined, dataDir });
    assert.deepEqual([before.current, before.pending.length], [0, SCHEMA_VERSION]);
    assert.deepEqual([after.current, after.pending], [SCHEMA_VERSION, []]);
  });
});

describe('store/open-storage: PostgreSQL (DATABASE_URL set)', () => {
  it('opens PostgreSQL, named by host, port and database only, without connecting yet', async () => {
    const storage = openStorage({ databaseUrl: REFUSED_URL, dataDir: makeTempDataDir() }, { log: () => undefined });
    assert.equal(storage.kind, 'postgres');
    assert.equal(storage.where, '127.0.0.1:1/kbsleuth');
    await storage.close();
  });

  it('says for db status that it cannot reach the server, where, why and what to check', async () => {
    await assert.rejects(storageStatus({ databaseUrl: REFUSED_URL, dataDir: makeTempDataDir() }), (err: Error) => {
      assert.ok(err instanceof KbError);
      assert.ok(err.cause instanceof StorageUnavailableError, 'keeps the outage as its cause');
      assert.equal(err.message, 'db: cannot reach PostgreSQL at 127.0.0.1:1/kbsleuth (connection refused); check DATABASE_URL and that the server runs.');
      return true;
    });
  });

  it('says the same for db migrate', async () => {
    await assert.rejects(
      migrateStorage({ databaseUrl: REFUSED_URL, dataDir: makeTempDataDir() }),
      /^KbError: db: cannot reach PostgreSQL at 127\.0\.0\.1:1\/kbsleuth \(connection refused\)/,
    );
  });

  describe('on a running server', { skip: PG_SKIP }, () => {
    after(dropTestSchemas);

    it('reads an empty schema as version 0 and migrates it to the latest', async () => {
      const databaseUrl = urlIn(await makeTestSchema());
      const status = await storageStatus({ databaseUrl, dataDir: makeTempDataDir() });
      assert.equal(status.kind, 'postgres');
      assert.deepEqual([status.current, status.pending.length], [0, PG_STEPS.length]);
      const { before, after } = await migrateStorage({ databaseUrl, dataDir: makeTempDataDir() });
      assert.equal(before.current, 0);
      assert.deepEqual([after.current, after.pending], [PG_STEPS.length, []]);
      assert.equal((await storageStatus({ databaseUrl, dataDir: makeTempDataDir() })).current, PG_STEPS.length);
    });

    it('passes on an error of the database that is no outage as it is, not as "cannot reach"', async () => {
      const databaseUrl = urlIn(await makeTestSchema());
      const raw = new pg.Client({ connectionString: databaseUrl });
      await raw.connect();
      // A version table without its version column: reading it is a statement error (42703), not an outage.
      await raw.query('CREATE TABLE kbsleuth_schema (x integer)');
      await raw.end();
      await assert.rejects(storageStatus({ databaseUrl, dataDir: makeTempDataDir() }), (err: Error & { code?: string }) => {
        assert.ok(!(err instanceof KbError), err.message);
        assert.equal(err.code, '42703');
        return true;
      });
    });
  });
});
