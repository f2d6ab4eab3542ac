/** store/sqlite-storage: the SQLite file behind the Storage interface: its schema status read without writing, and errors as 503s. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DATABASE_FILE, SCHEMA_VERSION } from '../../src/store/database.js';
import { openSqliteStorage, sqliteSchemaStatus } from '../../src/store/sqlite-storage.js';
import { StorageUnavailableError } from '../../src/store/storage.js';
import { makeTempDataDir } from '../support/app.js';

const steps = (from: number) => Array.from({ length: SCHEMA_VERSION - from }, (_, i) => `step ${from + i + 1}`);

describe('store/sqlite-storage: schema status', () => {
  it('reads a missing file as version 0 with every step pending, and does not create it', () => {
    const file = path.join(makeTempDataDir(), DATABASE_FILE);
    assert.deepEqual(sqliteSchemaStatus(file), { kind: 'sqlite', where: file, current: 0, latest: SCHEMA_VERSION, pending: steps(0) });
    assert.equal(existsSync(file), false);
  });

  it("reads an older file's version and names the steps left, without migrating it", () => {
    const file = path.join(makeTempDataDir(), DATABASE_FILE);
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 2');
    raw.close();
    assert.deepEqual(sqliteSchemaStatus(file).pending, steps(2));
    assert.equal(sqliteSchemaStatus(file).current, 2);
    const again = new BetterSqlite3(file, { readonly: true });
    assert.equal(again.pragma('user_version', { simple: true }), 2, 'still at version 2');
    again.close();
  });

  it('reads an in-memory store as up to date', () => {
    assert.deepEqual(sqliteSchemaStatus(':memory:'), { kind: 'sqlite', where: ':memory:', current: SCHEMA_VERSION, latest: SCHEMA_VERSION, pending: [] });
  });

  it('says where it is, and is up to date once opened', async () => {
    const file = path.join(makeTempDataDir(), DATABASE_FILE);
    const storage = openSqliteStorage(file);
    assert.equal(storage.where, file);
    assert.equal(storage.kind, 'sqlite');
    assert.deepEqual(await storage.status(), { kind: 'sqlite', where: file, current: SCHEMA_VERSION, latest: SCHEMA_VERSION, pending: [] });
    await storage.close();
  });
});

describe('store/sqlite-storage: errors', () => {
  it('answers a file another process holds the write lock on as unavailable (503), naming the lock, and counts it', async () => {
    const file = path.join(makeTempDataDir(), DATABASE_FILE);
    const storage = openSqliteStorage(file, { busyTimeoutMs: 20 });
    const holder = new BetterSqlite3(file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      await assert.rejects(storage.recordGap('search', 'x'), (err: unknown) => {
        assert.ok(err instanceof StorageUnavailableError, String(err));
        assert.equal(err.status, 503);
        assert.equal(err.reason, 'another process holds the write lock');
        assert.equal(err.kind, 'sqlite');
        assert.match(String((err.cause as { code?: string }).code), /^SQLITE_BUSY/);
        return true;
      });
      assert.equal(storage.errors, 1);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    await storage.recordGap('search', 'x');
    assert.equal((await storage.listGaps('search'))[0].count, 1, 'writes again once the lock is gone');
    await storage.close();
  });

  it('passes other errors on as they are, counted too', async () => {
    const storage = openSqliteStorage(path.join(makeTempDataDir(), DATABASE_FILE));
    await assert.rejects(
      storage.addFeedback({ target: 'nonsense' as 'article', articleId: 'Q1', helpful: true }),
      (err: unknown) => !(err instanceof StorageUnavailableError) && /CHECK constraint/.test(String(err)),
    );
    assert.equal(storage.errors, 1);
    await storage.close();
  });

  it('answers a ping while open, and fails one once closed', async () => {
    const storage = openSqliteStorage(path.join(makeTempDataDir(), DATABASE_FILE));
    await storage.ping();
    await storage.close();
    await assert.rejects(storage.ping());
  });
});
