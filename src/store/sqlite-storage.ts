/**
 * Storage over the SQLite file under DATA_DIR (store/database.ts): the default, for one machine. Its calls
 * are synchronous underneath; the promises only give it the shape PostgreSQL needs. A busy, full or
 * unopenable file answers as unavailable (503) rather than as a server error.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { Database, SCHEMA_VERSION, type FeedbackInput, type GapKind } from './database.js';
import { StorageUnavailableError, type SaveSharedInput, type SchemaStatus, type Storage } from './storage.js';

/** SQLite result codes that mean "cannot use the file now", not "this statement is wrong". */
const UNAVAILABLE_CODES: Record<string, string> = {
  SQLITE_BUSY: 'another process holds the write lock',
  SQLITE_LOCKED: 'the file is locked',
  SQLITE_CANTOPEN: 'the file cannot be opened',
  SQLITE_READONLY: 'the file is read-only',
  SQLITE_FULL: 'the disk is full',
  SQLITE_IOERR: 'a disk error',
};

export class SqliteStorage implements Storage {
  readonly kind = 'sqlite';
  readonly where: string;
  errors = 0;

  constructor(readonly db: Database) {
    this.where = db.file;
  }

  saveShared(input: SaveSharedInput) {
    return this.run(() => this.db.saveShared(input));
  }
  findShared(id: string) {
    return this.run(() => this.db.findShared(id));
  }
  deleteShared(id: string, proof: { ownerKey?: string; asAdmin?: boolean }) {
    return this.run(() => this.db.deleteShared(id, proof));
  }
  sweepExpiredShares() {
    return this.run(() => this.db.sweepExpiredShares());
  }
  openAdminSession() {
    return this.run(() => this.db.openAdminSession());
  }
  hasAdminSession(token: string) {
    return this.run(() => this.db.hasAdminSession(token));
  }
  closeAdminSession(token: string) {
    return this.run(() => this.db.closeAdminSession(token));
  }
  addFeedback(input: FeedbackInput) {
    return this.run(() => this.db.addFeedback(input));
  }
  feedbackFor(articleId: string) {
    return this.run(() => this.db.feedbackFor(articleId));
  }
  listUnhelpfulArticles(limit?: number) {
    return this.run(() => this.db.listUnhelpfulArticles(limit));
  }
  recordGap(kind: GapKind, text: string) {
    return this.run(() => this.db.recordGap(kind, text));
  }
  listGaps(kind: GapKind, limit?: number) {
    return this.run(() => this.db.listGaps(kind, limit));
  }
  countHit(key: string, windowMs: number) {
    return this.run(() => this.db.countHit(key, windowMs));
  }
  hitsOf(key: string) {
    return this.run(() => this.db.hitsOf(key));
  }
  uncountHit(key: string) {
    return this.run(() => this.db.uncountHit(key));
  }
  resetHits(key: string) {
    return this.run(() => this.db.resetHits(key));
  }

  async ping(): Promise<void> {
    await this.run(() => this.db.hitsOf('ping'));
  }

  /** Opening the file already migrated it (store/database.ts, in an IMMEDIATE transaction). */
  migrate(): Promise<SchemaStatus> {
    return this.status();
  }

  async status(): Promise<SchemaStatus> {
    return sqliteSchemaStatus(this.db.file);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private async run<T>(fn: () => T): Promise<T> {
    try {
      return fn();
    } catch (err) {
      this.errors++;
      const code = String((err as { code?: unknown }).code ?? '');
      const reason = UNAVAILABLE_CODES[code] ?? UNAVAILABLE_CODES[code.replace(/_[A-Z]+$/, '')];
      if (reason) throw new StorageUnavailableError('sqlite', reason, { cause: err });
      throw err;
    }
  }
}

/** The schema version of a SQLite file, read without opening it for writing (so without migrating it). */
export function sqliteSchemaStatus(file: string): SchemaStatus {
  let current = 0;
  if (file !== ':memory:' && existsSync(file)) {
    const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      current = raw.pragma('user_version', { simple: true }) as number;
    } finally {
      raw.close();
    }
  } else if (file === ':memory:') {
    current = SCHEMA_VERSION;
  }
  const pending = Array.from({ length: Math.max(0, SCHEMA_VERSION - current) }, (_, i) => `step ${current + i + 1}`);
  return { kind: 'sqlite', where: file, current, latest: SCHEMA_VERSION, pending };
}

/** Opens (and so migrates) the SQLite file and wraps it. */
export function openSqliteStorage(file: string, options?: ConstructorParameters<typeof Database>[1]): SqliteStorage {
  return new SqliteStorage(new Database(file, options));
}
