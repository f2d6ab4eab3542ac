/**
 * The database's schema as numbered steps (`PRAGMA user_version`), and the text rules of its gap rows.
 * Migrations run inside an IMMEDIATE transaction, so two servers starting together cannot both apply one;
 * they only add, never drop what users saved.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { KbError } from '../errors.js';
import { masked } from '../privacy/mask.js';
import { templateOf } from '../signals/templates.js';

/** Longest gap text kept, in characters (a query, or a paste excerpt). */
export const MAX_GAP_CHARS = 500;

/** Schema steps: index i brings the file from user_version i to i + 1. Append; never edit a shipped step. */
const MIGRATIONS: readonly (string | ((db: BetterSqlite3.Database) => void))[] = [
  `CREATE TABLE shared_results (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     log TEXT NOT NULL,
     redacted INTEGER NOT NULL DEFAULT 0,
     answers TEXT NOT NULL DEFAULT '{}',
     result TEXT
   );
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY,
     target TEXT NOT NULL CHECK (target IN ('article', 'diagnosis')),
     article_id TEXT NOT NULL,
     shared_id TEXT,
     helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
     comment TEXT,
     created_at TEXT NOT NULL
   );
   CREATE INDEX feedback_by_article ON feedback (article_id, helpful);
   CREATE TABLE gaps (
     kind TEXT NOT NULL CHECK (kind IN ('search', 'paste')),
     key TEXT NOT NULL,
     text TEXT NOT NULL,
     count INTEGER NOT NULL DEFAULT 1,
     first_seen TEXT NOT NULL,
     last_seen TEXT NOT NULL,
     PRIMARY KEY (kind, key)
   );
   CREATE INDEX gaps_by_count ON gaps (kind, count DESC, last_seen DESC);`,
  // Hits per client in the current window, shared by every server process on this file (see web/rate-limit.ts).
  `CREATE TABLE rate_limits (
     key TEXT PRIMARY KEY,
     window_ends INTEGER NOT NULL,
     hits INTEGER NOT NULL
   );`,
  // Shares get an owner (the hash of a key only its creator holds) and expire by age; gaps are capped by
  // age; admins log in to /reports with a session cookie.
  `ALTER TABLE shared_results ADD COLUMN owner_key_hash TEXT;
   CREATE INDEX shared_by_age ON shared_results (created_at);
   CREATE INDEX gaps_by_age ON gaps (kind, last_seen);
   CREATE TABLE admin_sessions (
     token_hash TEXT PRIMARY KEY,
     expires_at TEXT NOT NULL
   );`,
  // Rows written before masking covered secrets are masked and templated again, in place (nothing dropped).
  remaskStoredText,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** What a gap row shows: its lines masked, then templated (numbers, hex, hosts and paths as placeholders). */
export function gapText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => templateOf(masked(l)))
    .filter(Boolean)
    .join('\n');
}

/** Migration step: masks and templates gap texts and feedback comments kept before masking covered secrets. */
function remaskStoredText(db: BetterSqlite3.Database): void {
  const gaps = db.prepare('SELECT rowid, kind, text FROM gaps').all() as { rowid: number; kind: string; text: string }[];
  const update = db.prepare('UPDATE OR IGNORE gaps SET key = ?, text = ? WHERE rowid = ?');
  const drop = db.prepare('UPDATE gaps SET count = count + ? WHERE kind = ? AND key = ?');
  const remove = db.prepare('DELETE FROM gaps WHERE rowid = ?');
  for (const g of gaps) {
    const shown = gapText(g.text).slice(0, MAX_GAP_CHARS);
    // Two old rows that template alike become one, their counts added.
    if (update.run(shown, shown, g.rowid).changes === 0) {
      const count = (db.prepare('SELECT count FROM gaps WHERE rowid = ?').get(g.rowid) as { count: number }).count;
      drop.run(count, g.kind, shown);
      remove.run(g.rowid);
    }
  }
  const comments = db.prepare("SELECT id, comment FROM feedback WHERE comment IS NOT NULL AND comment != ''").all() as { id: number; comment: string }[];
  const setComment = db.prepare('UPDATE feedback SET comment = ? WHERE id = ?');
  for (const c of comments) setComment.run(masked(c.comment), c.id);
}

export function migrate(db: BetterSqlite3.Database, file: string): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Read again inside the write lock: another server may have migrated meanwhile.
    const from = version();
    if (from > SCHEMA_VERSION) {
      throw new KbError(
        `store: ${file} has schema version ${from}, newer than the ${SCHEMA_VERSION} this kbsleuth knows; upgrade kbsleuth, or point DATA_DIR at another folder.`,
      );
    }
    for (let v = from; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
