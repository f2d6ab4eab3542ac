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
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEFAULTS } from '../config.js';
import { KbError } from '../errors.js';
import { masked } from '../privacy/mask.js';
import { gapText, MAX_GAP_CHARS, migrate } from './schema.js';
import type { TroubleshootResult } from '../types.js';

export { SCHEMA_VERSION } from './schema.js';

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
  /** Days a shared result is kept; older ones are not shown and are swept. Default 90. */
  shareTtlDays?: number;
  /** Knowledge-gap rows kept per kind; past it the least recently seen are dropped. Default 1,000. */
  maxGaps?: number;
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
  /** The diagnosis made when it was shared, shown as it is (answering a question re-runs it). */
  result?: TroubleshootResult;
  /** ISO time after which the share is no longer shown and is swept. */
  expiresAt: string;
}

/** A new share, with the owner key its creator needs to delete it (only its hash is kept). */
export interface NewShare extends SharedResult {
  ownerKey: string;
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

/** Longest comment kept, in characters. */
export const MAX_COMMENT_CHARS = 2000;

export class Database {
  readonly file: string;
  private readonly db: BetterSqlite3.Database;
  private readonly now: () => Date;
  private readonly shareTtlMs: number;
  private readonly maxGaps: number;
  private readonly statements;
  private hitsSinceSweep = 0;
  private sharesSinceSweep = 0;

  /** Opens (creating if needed) the database at `file`, in WAL mode, with the schema brought up to date. */
  constructor(file: string, options: DatabaseOptions = {}) {
    this.file = file;
    this.now = options.now ?? (() => new Date());
    this.shareTtlMs = (options.shareTtlDays ?? DEFAULTS.shareTtlDays) * DAY_MS;
    this.maxGaps = options.maxGaps ?? DEFAULTS.maxGaps;
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    const busy = options.busyTimeoutMs ?? 5000;
    try {
      this.db = new BetterSqlite3(file, { timeout: busy });
    } catch (err) {
      throw new KbError(`store: cannot open the database ${file} (${(err as Error).message}); check that DATA_DIR is writable.`, { cause: err });
    }
    this.db.pragma(`busy_timeout = ${busy}`);
    enableWal(this.db, busy);
    // In WAL mode NORMAL loses no committed write when the process dies; only a power cut can lose the last ones.
    this.db.pragma('synchronous = NORMAL');
    migrate(this.db, file);
    this.statements = prepare(this.db);
  }

  /**
   * Saves a troubleshooting result under a new random id, with a new owner key (returned once, kept only
   * as a hash). The log is stored as given: callers mask it unless its sharer opted out.
   */
  saveShared(input: { log: string; answers?: Record<string, string>; redacted?: boolean; result?: TroubleshootResult }): NewShare {
    const created = this.now();
    const ownerKey = randomBytes(OWNER_KEY_BYTES).toString('base64url');
    const shared: NewShare = {
      id: randomBytes(SHARED_ID_BYTES).toString('base64url'),
      createdAt: created.toISOString(),
      log: input.log,
      redacted: input.redacted ?? false,
      answers: input.answers ?? {},
      result: input.result,
      expiresAt: new Date(created.getTime() + this.shareTtlMs).toISOString(),
      ownerKey,
    };
    this.statements.insertShared.run(
      shared.id,
      shared.createdAt,
      shared.log,
      shared.redacted ? 1 : 0,
      JSON.stringify(shared.answers),
      shared.result ? JSON.stringify(shared.result) : null,
      hashKey(ownerKey),
    );
    if (++this.sharesSinceSweep >= SHARE_SWEEP_EVERY) {
      this.sharesSinceSweep = 0;
      this.sweepExpiredShares();
    }
    return shared;
  }

  /** A shared result that has not expired. */
  findShared(id: string): SharedResult | undefined {
    if (!SHARED_ID.test(id)) return undefined;
    const row = this.statements.selectShared.get(id, this.oldestLiveShare()) as
      { id: string; created_at: string; log: string; redacted: number; answers: string; result: string | null } | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      createdAt: row.created_at,
      log: row.log,
      redacted: row.redacted === 1,
      answers: JSON.parse(row.answers) as Record<string, string>,
      result: row.result ? (JSON.parse(row.result) as TroubleshootResult) : undefined,
      expiresAt: new Date(Date.parse(row.created_at) + this.shareTtlMs).toISOString(),
    };
  }

  /**
   * Removes a shared result if `ownerKey` is the one returned when it was made (or `asAdmin`); feedback given
   * on it is kept, detached. Shares saved before owner keys existed can only be removed by an admin.
   */
  deleteShared(id: string, proof: { ownerKey?: string; asAdmin?: boolean }): DeleteOutcome {
    if (!SHARED_ID.test(id)) return 'missing';
    const row = this.statements.selectOwner.get(id) as { owner_key_hash: string | null } | undefined;
    if (!row) return 'missing';
    if (!proof.asAdmin && !(proof.ownerKey && row.owner_key_hash && sameHash(hashKey(proof.ownerKey), row.owner_key_hash))) return 'forbidden';
    this.db.transaction(() => {
      this.statements.detachFeedback.run(id);
      this.statements.deleteShared.run(id);
    })();
    return 'deleted';
  }

  /** Deletes shares older than the time to live; returns how many. */
  sweepExpiredShares(): number {
    return this.db.transaction(() => {
      this.statements.detachExpiredFeedback.run(this.oldestLiveShare());
      return this.statements.sweepShares.run(this.oldestLiveShare()).changes;
    })();
  }

  private oldestLiveShare(): string {
    return new Date(this.now().getTime() - this.shareTtlMs).toISOString();
  }

  /** Opens an admin session for a day; returns its token (kept only as a hash). */
  openAdminSession(): { token: string; expiresAt: Date } {
    const token = randomBytes(OWNER_KEY_BYTES).toString('base64url');
    const expiresAt = new Date(this.now().getTime() + DAY_MS);
    this.statements.sweepSessions.run(this.now().toISOString());
    this.statements.insertSession.run(hashKey(token), expiresAt.toISOString());
    return { token, expiresAt };
  }

  hasAdminSession(token: string): boolean {
    return !!token && !!this.statements.selectSession.get(hashKey(token), this.now().toISOString());
  }

  closeAdminSession(token: string): void {
    this.statements.deleteSession.run(hashKey(token));
  }

  addFeedback(input: FeedbackInput): Feedback {
    const createdAt = this.now().toISOString();
    // Masked: comments are read on the reports page by people other than their author.
    const comment = input.comment ? masked(input.comment.trim().slice(0, MAX_COMMENT_CHARS)) || undefined : undefined;
    const info = this.statements.insertFeedback.run(input.target, input.articleId, input.sharedId ?? null, input.helpful ? 1 : 0, comment ?? null, createdAt);
    return { ...input, comment, id: Number(info.lastInsertRowid), createdAt };
  }

  /** Feedback on one article, newest first. */
  feedbackFor(articleId: string): Feedback[] {
    const rows = this.statements.selectFeedback.all(articleId) as {
      id: number;
      target: FeedbackTarget;
      article_id: string;
      shared_id: string | null;
      helpful: number;
      comment: string | null;
      created_at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      target: r.target,
      articleId: r.article_id,
      sharedId: r.shared_id ?? undefined,
      helpful: r.helpful === 1,
      comment: r.comment ?? undefined,
      createdAt: r.created_at,
    }));
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
   * Counts one more sighting of a knowledge gap: one row per template of its masked text, so the same gap
   * seen 40 times is one row with a count and no raw text is kept. Past `maxGaps` rows of a kind, the least
   * recently seen are dropped.
   */
  recordGap(kind: GapKind, text: string): void {
    const shown = gapText(text.slice(0, MAX_GAP_CHARS * 4));
    if (!shown) return;
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.statements.upsertGap.run(kind, shown.slice(0, MAX_GAP_CHARS), shown.slice(0, MAX_GAP_CHARS), at, at);
      this.statements.capGaps.run(kind, kind, this.maxGaps);
    })();
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

/** Every this many new shares, expired ones are deleted (the pages also hide them as soon as they expire). */
export const SHARE_SWEEP_EVERY = 50;
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Switches the file to WAL. The switch needs an exclusive lock that SQLite does not wait for through
 * busy_timeout: two workers opening one older file at the same moment got SQLITE_BUSY at once. So it is
 * retried, every 20 ms, for as long as a write would wait.
 */
function enableWal(db: BetterSqlite3.Database, busyMs: number): void {
  const until = Date.now() + busyMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= until) throw err;
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}
/** Random bytes of an owner key or an admin session token: 256 bits. */
export const OWNER_KEY_BYTES = 32;

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** What deleting a share came to: only its owner (or an admin) may. */
export type DeleteOutcome = 'deleted' | 'missing' | 'forbidden';

/** Every this many counted hits, windows that ended are deleted. */
export const RATE_LIMIT_SWEEP_EVERY = 500;

/** Opens `kbsleuth.sqlite` under `dataDir`. */
export function openDatabase(dataDir: string, options: DatabaseOptions = {}): Database {
  return new Database(path.join(dataDir, DATABASE_FILE), options);
}

function prepare(db: BetterSqlite3.Database) {
  return {
    insertShared: db.prepare('INSERT INTO shared_results (id, created_at, log, redacted, answers, result, owner_key_hash) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    selectShared: db.prepare('SELECT id, created_at, log, redacted, answers, result FROM shared_results WHERE id = ? AND created_at > ?'),
    selectOwner: db.prepare('SELECT owner_key_hash FROM shared_results WHERE id = ?'),
    deleteShared: db.prepare('DELETE FROM shared_results WHERE id = ?'),
    sweepShares: db.prepare('DELETE FROM shared_results WHERE created_at <= ?'),
    detachFeedback: db.prepare('UPDATE feedback SET shared_id = NULL WHERE shared_id = ?'),
    detachExpiredFeedback: db.prepare('UPDATE feedback SET shared_id = NULL WHERE shared_id IN (SELECT id FROM shared_results WHERE created_at <= ?)'),
    capGaps: db.prepare(
      'DELETE FROM gaps WHERE kind = ? AND rowid IN (SELECT rowid FROM gaps WHERE kind = ? ORDER BY last_seen DESC, rowid DESC LIMIT -1 OFFSET ?)',
    ),
    insertSession: db.prepare('INSERT INTO admin_sessions (token_hash, expires_at) VALUES (?, ?)'),
    selectSession: db.prepare('SELECT 1 FROM admin_sessions WHERE token_hash = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM admin_sessions WHERE token_hash = ?'),
    sweepSessions: db.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?'),
    insertFeedback: db.prepare('INSERT INTO feedback (target, article_id, shared_id, helpful, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    selectFeedback: db.prepare('SELECT id, target, article_id, shared_id, helpful, comment, created_at FROM feedback WHERE article_id = ? ORDER BY id DESC'),
    selectUnhelpful: db.prepare(
      `SELECT article_id, SUM(helpful) AS helpful, SUM(1 - helpful) AS unhelpful, MAX(created_at) AS last_at
       FROM feedback GROUP BY article_id HAVING SUM(1 - helpful) > 0
       ORDER BY unhelpful DESC, last_at DESC LIMIT ?`,
    ),
    selectComments: db.prepare(
      "SELECT comment FROM feedback WHERE article_id = ? AND helpful = 0 AND comment IS NOT NULL AND comment != '' ORDER BY id DESC LIMIT 5",
    ),
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
