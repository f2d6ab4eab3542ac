/**
 * The SQLite file under DATA_DIR that keeps what users add: shared troubleshooting results, feedback on
 * articles and diagnoses, and the knowledge gaps (searches with no results, pastes nothing explained).
 *
 * Several servers may open one file: WAL mode lets readers work beside a writer, and the busy timeout makes
 * a second writer wait for the first instead of failing. The schema is created on open and numbered with
 * `PRAGMA user_version`; migrations run inside an IMMEDIATE transaction, so two servers starting together
 * cannot both apply one.
 */
import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { KbError } from '../errors.js';
import type { TroubleshootResult } from '../types.js';

/** The database file's name under DATA_DIR. */
export const DATABASE_FILE = 'kbsleuth.sqlite';

/** What feedback is about: an article page, or one diagnosis of a troubleshooting result. */
export const FEEDBACK_TARGETS = ['article', 'diagnosis'] as const;
export type FeedbackTarget = (typeof FEEDBACK_TARGETS)[number];
export const isFeedbackTarget = (s: unknown): s is FeedbackTarget => typeof s === 'string' && (FEEDBACK_TARGETS as readonly string[]).includes(s);

/** Kinds of knowledge gap: a search with no results, a paste no article explained. */
export const GAP_KINDS = ['search', 'paste'] as const;
export type GapKind = (typeof GAP_KINDS)[number];

/** Random bytes behind a shared id: 15 bytes are 20 url-safe characters, 120 bits nobody guesses. */
export const SHARED_ID_BYTES = 15;
/** A shared id as it may appear in a URL. */
export const SHARED_ID = /^[A-Za-z0-9_-]{16,40}$/;

export interface DatabaseOptions {
  /** Milliseconds a writer waits for another process's write to finish before failing. Default 5000. */
  busyTimeoutMs?: number;
  /** Clock for created_at and seen times (tests pass a fixed one). Default `() => new Date()`. */
  now?: () => Date;
}

export interface SharedResult {
  id: string;
  /** ISO time. */
  createdAt: string;
  /** The paste as stored: masked when `redacted`. */
  log: string;
  redacted: boolean;
  /** Answers given to the troubleshooter's questions (`{ 'version:sms': '1.2' }`). */
  answers: Record<string, string>;
  /** The result as it was shown when shared; pages re-run the troubleshooter on `log` instead. */
  result?: TroubleshootResult;
}

export interface FeedbackInput {
  target: FeedbackTarget;
  articleId: string;
  /** The shared result the diagnosis was read on, if any. */
  sharedId?: string;
  helpful: boolean;
  comment?: string;
}

export interface Feedback extends FeedbackInput {
  id: number;
  createdAt: string;
}

export interface Gap {
  kind: GapKind;
  /** The query, or an excerpt of the paste (its unexplained lines). */
  text: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface ArticleFeedbackSummary {
  articleId: string;
  helpful: number;
  unhelpful: number;
  lastAt: string;
  /** The latest comments left with a "no", newest first. */
  comments: string[];
}

/** Schema steps: index i brings the file from user_version i to i + 1. Append; never edit a shipped step. */
const MIGRATIONS: readonly string[] = [
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
];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Longest comment kept, in characters. */
export const MAX_COMMENT_CHARS = 2000;
/** Longest gap text kept, in characters (a query, or a paste excerpt). */
export const MAX_GAP_CHARS = 500;

export class Database {
  readonly file: string;
  private readonly db: BetterSqlite3.Database;
  private readonly now: () => Date;
  private readonly statements;
  private hitsSinceSweep = 0;

  /** Opens (creating if needed) the database at `file`, in WAL mode, with the schema brought up to date. */
  constructor(file: string, options: DatabaseOptions = {}) {
    this.file = file;
    this.now = options.now ?? (() => new Date());
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    const busy = options.busyTimeoutMs ?? 5000;
    try {
      this.db = new BetterSqlite3(file, { timeout: busy });
    } catch (err) {
      throw new KbError(`store: cannot open the database ${file} (${(err as Error).message}); check that DATA_DIR is writable.`, { cause: err });
    }
    this.db.pragma(`busy_timeout = ${busy}`);
    this.db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses no committed write when the process dies; only a power cut can lose the last ones.
    this.db.pragma('synchronous = NORMAL');
    migrate(this.db, file);
    this.statements = prepare(this.db);
  }

  /** Saves a troubleshooting result under a new random id. */
  saveShared(input: { log: string; answers?: Record<string, string>; redacted?: boolean; result?: TroubleshootResult }): SharedResult {
    const shared: SharedResult = {
      id: randomBytes(SHARED_ID_BYTES).toString('base64url'),
      createdAt: this.now().toISOString(),
      log: input.log,
      redacted: input.redacted ?? false,
      answers: input.answers ?? {},
      result: input.result,
    };
    this.statements.insertShared.run(shared.id, shared.createdAt, shared.log, shared.redacted ? 1 : 0, JSON.stringify(shared.answers), shared.result ? JSON.stringify(shared.result) : null);
    return shared;
  }

  findShared(id: string): SharedResult | undefined {
    if (!SHARED_ID.test(id)) return undefined;
    const row = this.statements.selectShared.get(id) as { id: string; created_at: string; log: string; redacted: number; answers: string; result: string | null } | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      createdAt: row.created_at,
      log: row.log,
      redacted: row.redacted === 1,
      answers: JSON.parse(row.answers) as Record<string, string>,
      result: row.result ? (JSON.parse(row.result) as TroubleshootResult) : undefined,
    };
  }

  /** Removes a shared result; feedback given on it is kept, detached. Returns whether it existed. */
  deleteShared(id: string): boolean {
    if (!SHARED_ID.test(id)) return false;
    return this.db.transaction(() => {
      this.statements.detachFeedback.run(id);
      return this.statements.deleteShared.run(id).changes > 0;
    })();
  }

  addFeedback(input: FeedbackInput): Feedback {
    const createdAt = this.now().toISOString();
    const comment = input.comment?.trim().slice(0, MAX_COMMENT_CHARS) || undefined;
    const info = this.statements.insertFeedback.run(input.target, input.articleId, input.sharedId ?? null, input.helpful ? 1 : 0, comment ?? null, createdAt);
    return { ...input, comment, id: Number(info.lastInsertRowid), createdAt };
  }

  /** Feedback on one article, newest first. */
  feedbackFor(articleId: string): Feedback[] {
    const rows = this.statements.selectFeedback.all(articleId) as { id: number; target: FeedbackTarget; article_id: string; shared_id: string | null; helpful: number; comment: string | null; created_at: string }[];
    return rows.map((r) => ({ id: r.id, target: r.target, articleId: r.article_id, sharedId: r.shared_id ?? undefined, helpful: r.helpful === 1, comment: r.comment ?? undefined, createdAt: r.created_at }));
  }

  /** Articles someone marked unhelpful, most "no" answers first. */
  listUnhelpfulArticles(limit = 50): ArticleFeedbackSummary[] {
    const rows = this.statements.selectUnhelpful.all(limit) as { article_id: string; helpful: number; unhelpful: number; last_at: string }[];
    return rows.map((r) => ({
      articleId: r.article_id,
      helpful: r.helpful,
      unhelpful: r.unhelpful,
      lastAt: r.last_at,
      comments: (this.statements.selectComments.all(r.article_id) as { comment: string }[]).map((c) => c.comment),
    }));
  }

  /**
   * Counts one more sighting of a knowledge gap. `key` identifies it (a normalised query, a hash of the
   * paste); `text` is what the reports page shows.
   */
  recordGap(kind: GapKind, key: string, text: string): void {
    const at = this.now().toISOString();
    this.statements.upsertGap.run(kind, key.slice(0, MAX_GAP_CHARS), text.slice(0, MAX_GAP_CHARS), at, at);
  }

  /** Gaps of one kind, most seen first. */
  listGaps(kind: GapKind, limit = 50): Gap[] {
    const rows = this.statements.selectGaps.all(kind, limit) as { kind: GapKind; text: string; count: number; first_seen: string; last_seen: string }[];
    return rows.map((r) => ({ kind: r.kind, text: r.text, count: r.count, firstSeen: r.first_seen, lastSeen: r.last_seen }));
  }

  /**
   * Counts one hit for `key` in its current window of `windowMs`, starting a new window when the last one
   * ended. One statement, so processes sharing the file never lose a count.
   */
  countHit(key: string, windowMs: number): { hits: number; windowEnds: Date } {
    const now = this.now().getTime();
    if (++this.hitsSinceSweep >= RATE_LIMIT_SWEEP_EVERY) {
      this.hitsSinceSweep = 0;
      this.statements.sweepHits.run(now);
    }
    const row = this.statements.countHit.get({ key, windowEnds: now + windowMs, now }) as { hits: number; window_ends: number };
    return { hits: row.hits, windowEnds: new Date(row.window_ends) };
  }

  /** Hits counted for `key` in its current window, if one is open. */
  hitsOf(key: string): { hits: number; windowEnds: Date } | undefined {
    const row = this.statements.selectHits.get(key, this.now().getTime()) as { hits: number; window_ends: number } | undefined;
    return row && { hits: row.hits, windowEnds: new Date(row.window_ends) };
  }

  /** Takes back one hit (a request that should not count after all), in the current window only. */
  uncountHit(key: string): void {
    this.statements.uncountHit.run(key, this.now().getTime());
  }

  resetHits(key: string): void {
    this.statements.resetHits.run(key);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Every this many counted hits, windows that ended are deleted. */
export const RATE_LIMIT_SWEEP_EVERY = 500;

/** Opens `kbsleuth.sqlite` under `dataDir`. */
export function openDatabase(dataDir: string, options: DatabaseOptions = {}): Database {
  return new Database(path.join(dataDir, DATABASE_FILE), options);
}

function migrate(db: BetterSqlite3.Database, file: string): void {
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
    for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function prepare(db: BetterSqlite3.Database) {
  return {
    insertShared: db.prepare('INSERT INTO shared_results (id, created_at, log, redacted, answers, result) VALUES (?, ?, ?, ?, ?, ?)'),
    selectShared: db.prepare('SELECT id, created_at, log, redacted, answers, result FROM shared_results WHERE id = ?'),
    deleteShared: db.prepare('DELETE FROM shared_results WHERE id = ?'),
    detachFeedback: db.prepare('UPDATE feedback SET shared_id = NULL WHERE shared_id = ?'),
    insertFeedback: db.prepare('INSERT INTO feedback (target, article_id, shared_id, helpful, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    selectFeedback: db.prepare('SELECT id, target, article_id, shared_id, helpful, comment, created_at FROM feedback WHERE article_id = ? ORDER BY id DESC'),
    selectUnhelpful: db.prepare(
      `SELECT article_id, SUM(helpful) AS helpful, SUM(1 - helpful) AS unhelpful, MAX(created_at) AS last_at
       FROM feedback GROUP BY article_id HAVING SUM(1 - helpful) > 0
       ORDER BY unhelpful DESC, last_at DESC LIMIT ?`,
    ),
    selectComments: db.prepare("SELECT comment FROM feedback WHERE article_id = ? AND helpful = 0 AND comment IS NOT NULL AND comment != '' ORDER BY id DESC LIMIT 5"),
    upsertGap: db.prepare(
      `INSERT INTO gaps (kind, key, text, count, first_seen, last_seen) VALUES (?, ?, ?, 1, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen`,
    ),
    countHit: db.prepare(
      `INSERT INTO rate_limits (key, window_ends, hits) VALUES (@key, @windowEnds, 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN window_ends <= @now THEN 1 ELSE hits + 1 END,
         window_ends = CASE WHEN window_ends <= @now THEN excluded.window_ends ELSE window_ends END
       RETURNING hits, window_ends`,
    ),
    selectHits: db.prepare('SELECT hits, window_ends FROM rate_limits WHERE key = ? AND window_ends > ?'),
    uncountHit: db.prepare('UPDATE rate_limits SET hits = MAX(hits - 1, 0) WHERE key = ? AND window_ends > ?'),
    resetHits: db.prepare('DELETE FROM rate_limits WHERE key = ?'),
    sweepHits: db.prepare('DELETE FROM rate_limits WHERE window_ends <= ?'),
    selectGaps: db.prepare('SELECT kind, text, count, first_seen, last_seen FROM gaps WHERE kind = ? ORDER BY count DESC, last_seen DESC LIMIT ?'),
  };
}
