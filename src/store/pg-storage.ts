/**
 * Storage in PostgreSQL (DATABASE_URL), shared by every host behind a load balancer. A pool per process
 * connects lazily and again after any failure, so a database that was down at start or restarted since is
 * used as soon as it answers; until then each call rejects with StorageUnavailableError (503) after at most
 * the connect timeout. The schema is brought up to date before the first query (pg-schema.ts).
 *
 * Text columns cannot hold U+0000 in PostgreSQL: NUL characters in pastes, comments and gaps are stored as
 * U+FFFD. answers and result are JSON in TEXT columns (JSONB refuses \u0000 too).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { DEFAULTS } from '../config.js';
import { KbError } from '../errors.js';
import type { TroubleshootResult } from '../types.js';
import { masked } from '../privacy/mask.js';
import {
  DAY_MS,
  MAX_COMMENT_CHARS,
  OWNER_KEY_BYTES,
  RATE_LIMIT_SWEEP_EVERY,
  SHARE_SWEEP_EVERY,
  SHARED_ID,
  SHARED_ID_BYTES,
  hashKey,
  sameHash,
  type ArticleFeedbackSummary,
  type DeleteOutcome,
  type Feedback,
  type FeedbackInput,
  type FeedbackTarget,
  type Gap,
  type GapKind,
  type NewShare,
  type SharedResult,
} from './database.js';
import { MAX_GAP_CHARS, gapText } from './schema.js';
import { migrateSchema, newerSchemaNote, PG_STEPS, pendingSteps, schemaVersion } from './pg-schema.js';
import { StorageUnavailableError, type RateWindow, type SaveSharedInput, type SchemaStatus, type Storage } from './storage.js';

// Required when a PostgreSQL store is opened, not at import: most workers serve SQLite (pg costs a tenth of a second).
const require = createRequire(import.meta.url);

export interface PgStorageOptions {
  /** A postgres:// URL (DATABASE_URL). */
  connectionString: string;
  /** Connections this process opens at most. Default 10. */
  poolSize?: number;
  /** Milliseconds to wait for a connection before answering 503. Default 3000. */
  connectTimeoutMs?: number;
  /** Milliseconds a statement may run. Default 10000. */
  statementTimeoutMs?: number;
  /** Schema to work in (search_path), for tests that want a private one. Default: the URL's. */
  searchPath?: string;
  /** Clock for created_at, seen times and rate windows (tests pass their own). Default `() => new Date()`. */
  now?: () => Date;
  /** Days a shared result is kept (SHARE_TTL_DAYS). Default 90. */
  shareTtlDays?: number;
  /** Knowledge-gap rows kept per kind. Default 1,000. */
  maxGaps?: number;
  /** Where outages and recoveries are reported. Default: stderr. */
  log?: (message: string) => void;
}

export class PgStorage implements Storage {
  readonly kind = 'postgres';
  readonly where: string;
  private readonly pool: pg.Pool;
  private readonly now: () => Date;
  private readonly log: (message: string) => void;
  private schemaReady?: Promise<void>;
  private readonly shareTtlMs: number;
  private readonly maxGaps: number;
  private hitsSinceSweep = 0;
  private sharesSinceSweep = 0;
  /** When the database stopped answering, while it does not. */
  private downSince?: Date;
  /** Calls that failed because the database could not be reached, or with an error of its own. */
  errors = 0;

  constructor(options: PgStorageOptions) {
    this.where = describeUrl(options.connectionString);
    this.now = options.now ?? (() => new Date());
    this.shareTtlMs = (options.shareTtlDays ?? DEFAULTS.shareTtlDays) * DAY_MS;
    this.maxGaps = options.maxGaps ?? DEFAULTS.maxGaps;
    this.log = options.log ?? ((m) => process.stderr.write(`kbsleuth: ${m}\n`));
    const { Pool } = require('pg') as typeof pg;
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      query_timeout: (options.statementTimeoutMs ?? 10_000) + 2000,
      application_name: 'kbsleuth',
      keepAlive: true,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    // An idle connection the server dropped (restart, failover) must not take the process down (see withClient too).
    this.pool.on('error', (err) => this.noteFailure(err));
  }

  async saveShared(input: SaveSharedInput): Promise<NewShare> {
    const created = this.now();
    const shared: NewShare = {
      id: randomBytes(SHARED_ID_BYTES).toString('base64url'),
      createdAt: created.toISOString(),
      log: noNul(input.log),
      redacted: input.redacted ?? false,
      answers: input.answers ?? {},
      result: input.result,
      expiresAt: new Date(created.getTime() + this.shareTtlMs).toISOString(),
      ownerKey: randomBytes(OWNER_KEY_BYTES).toString('base64url'),
    };
    await this.query('INSERT INTO shared_results (id, created_at, log, redacted, answers, result, owner_key_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      shared.id,
      shared.createdAt,
      shared.log,
      shared.redacted,
      JSON.stringify(shared.answers),
      shared.result ? JSON.stringify(shared.result) : null,
      hashKey(shared.ownerKey),
    ]);
    if (++this.sharesSinceSweep >= SHARE_SWEEP_EVERY) {
      this.sharesSinceSweep = 0;
      await this.sweepExpiredShares();
    }
    return shared;
  }

  async findShared(id: string): Promise<SharedResult | undefined> {
    if (!SHARED_ID.test(id)) return undefined;
    const { rows } = await this.query<{ id: string; created_at: Date; log: string; redacted: boolean; answers: string; result: string | null }>(
      'SELECT id, created_at, log, redacted, answers, result FROM shared_results WHERE id = $1 AND created_at > $2',
      [id, this.oldestLiveShare()],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      createdAt: row.created_at.toISOString(),
      log: row.log,
      redacted: row.redacted,
      answers: JSON.parse(row.answers) as Record<string, string>,
      result: row.result ? (JSON.parse(row.result) as TroubleshootResult) : undefined,
      expiresAt: new Date(row.created_at.getTime() + this.shareTtlMs).toISOString(),
    };
  }

  async deleteShared(id: string, proof: { ownerKey?: string; asAdmin?: boolean }): Promise<DeleteOutcome> {
    if (!SHARED_ID.test(id)) return 'missing';
    const { rows } = await this.query<{ owner_key_hash: string | null }>('SELECT owner_key_hash FROM shared_results WHERE id = $1', [id]);
    if (!rows[0]) return 'missing';
    const owner = rows[0].owner_key_hash;
    if (!proof.asAdmin && !(proof.ownerKey && owner && sameHash(hashKey(proof.ownerKey), owner))) return 'forbidden';
    // One statement, so the detaching and the deletion commit together.
    const res = await this.query('WITH detached AS (UPDATE feedback SET shared_id = NULL WHERE shared_id = $1) DELETE FROM shared_results WHERE id = $1', [id]);
    // Another host may have deleted it between the two statements.
    return (res.rowCount ?? 0) > 0 ? 'deleted' : 'missing';
  }

  async sweepExpiredShares(): Promise<number> {
    const { rows } = await this.query<{ n: number }>(
      `WITH old AS (DELETE FROM shared_results WHERE created_at <= $1 RETURNING id),
            detached AS (UPDATE feedback SET shared_id = NULL WHERE shared_id IN (SELECT id FROM old))
       SELECT count(*)::int AS n FROM old`,
      [this.oldestLiveShare()],
    );
    return rows[0].n;
  }

  private oldestLiveShare(): string {
    return new Date(this.now().getTime() - this.shareTtlMs).toISOString();
  }

  async openAdminSession(): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(OWNER_KEY_BYTES).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + DAY_MS);
    await this.query('DELETE FROM admin_sessions WHERE expires_at <= $1', [now.toISOString()]);
    await this.query('INSERT INTO admin_sessions (token_hash, expires_at) VALUES ($1, $2)', [hashKey(token), expiresAt.toISOString()]);
    return { token, expiresAt };
  }

  async hasAdminSession(token: string): Promise<boolean> {
    if (!token) return false;
    const { rows } = await this.query('SELECT 1 FROM admin_sessions WHERE token_hash = $1 AND expires_at > $2', [hashKey(token), this.now().toISOString()]);
    return rows.length > 0;
  }

  async closeAdminSession(token: string): Promise<void> {
    await this.query('DELETE FROM admin_sessions WHERE token_hash = $1', [hashKey(token)]);
  }

  async addFeedback(input: FeedbackInput): Promise<Feedback> {
    const createdAt = this.now().toISOString();
    // Masked: comments are read on the reports page by people other than their author.
    const comment = input.comment ? noNul(masked(input.comment.trim().slice(0, MAX_COMMENT_CHARS))) || undefined : undefined;
    const { rows } = await this.query<{ id: string }>(
      'INSERT INTO feedback (target, article_id, shared_id, helpful, comment, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [input.target, input.articleId, input.sharedId ?? null, input.helpful, comment ?? null, createdAt],
    );
    return { ...input, comment, id: Number(rows[0].id), createdAt };
  }

  async feedbackFor(articleId: string): Promise<Feedback[]> {
    const { rows } = await this.query<{
      id: string;
      target: FeedbackTarget;
      article_id: string;
      shared_id: string | null;
      helpful: boolean;
      comment: string | null;
      created_at: Date;
    }>('SELECT id, target, article_id, shared_id, helpful, comment, created_at FROM feedback WHERE article_id = $1 ORDER BY id DESC', [articleId]);
    return rows.map((r) => ({
      id: Number(r.id),
      target: r.target,
      articleId: r.article_id,
      sharedId: r.shared_id ?? undefined,
      helpful: r.helpful,
      comment: r.comment ?? undefined,
      createdAt: r.created_at.toISOString(),
    }));
  }

  async listUnhelpfulArticles(limit = 50): Promise<ArticleFeedbackSummary[]> {
    const { rows } = await this.query<{ article_id: string; helpful: number; unhelpful: number; last_at: Date; comments: string[] }>(
      `SELECT f.article_id,
              count(*) FILTER (WHERE helpful)::int AS helpful,
              count(*) FILTER (WHERE NOT helpful)::int AS unhelpful,
              max(created_at) AS last_at,
              ARRAY(SELECT c.comment FROM feedback c
                    WHERE c.article_id = f.article_id AND NOT c.helpful AND c.comment IS NOT NULL AND c.comment <> ''
                    ORDER BY c.id DESC LIMIT 5) AS comments
       FROM feedback f GROUP BY f.article_id HAVING count(*) FILTER (WHERE NOT helpful) > 0
       ORDER BY unhelpful DESC, last_at DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ articleId: r.article_id, helpful: r.helpful, unhelpful: r.unhelpful, lastAt: r.last_at.toISOString(), comments: r.comments }));
  }

  async recordGap(kind: GapKind, text: string): Promise<void> {
    const shown = noNul(gapText(text.slice(0, MAX_GAP_CHARS * 4)).slice(0, MAX_GAP_CHARS));
    if (!shown) return;
    const at = this.now().toISOString();
    await this.query(
      `INSERT INTO gaps (kind, key, text, count, first_seen, last_seen) VALUES ($1, $2, $2, 1, $3, $3)
       ON CONFLICT (kind, key) DO UPDATE SET count = gaps.count + 1, last_seen = excluded.last_seen`,
      [kind, shown, at],
    );
    await this.query('DELETE FROM gaps WHERE kind = $1 AND key IN (SELECT key FROM gaps WHERE kind = $1 ORDER BY last_seen DESC, key DESC OFFSET $2)', [
      kind,
      this.maxGaps,
    ]);
  }

  async listGaps(kind: GapKind, limit = 50): Promise<Gap[]> {
    const { rows } = await this.query<{ kind: GapKind; text: string; count: number; first_seen: Date; last_seen: Date }>(
      'SELECT kind, text, count, first_seen, last_seen FROM gaps WHERE kind = $1 ORDER BY count DESC, last_seen DESC LIMIT $2',
      [kind, limit],
    );
    return rows.map((r) => ({ kind: r.kind, text: r.text, count: r.count, firstSeen: r.first_seen.toISOString(), lastSeen: r.last_seen.toISOString() }));
  }

  async countHit(key: string, windowMs: number): Promise<RateWindow> {
    const now = this.now().getTime();
    if (++this.hitsSinceSweep >= RATE_LIMIT_SWEEP_EVERY) {
      this.hitsSinceSweep = 0;
      await this.query('DELETE FROM rate_limits WHERE window_ends <= $1', [now]);
    }
    // One statement: two hosts counting the same client at once both land, each sees its own total.
    const { rows } = await this.query<{ hits: number; window_ends: string }>(
      `INSERT INTO rate_limits (key, window_ends, hits) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limits.window_ends <= $3 THEN 1 ELSE rate_limits.hits + 1 END,
         window_ends = CASE WHEN rate_limits.window_ends <= $3 THEN excluded.window_ends ELSE rate_limits.window_ends END
       RETURNING hits, window_ends`,
      [noNul(key), now + windowMs, now],
    );
    return { hits: rows[0].hits, windowEnds: new Date(Number(rows[0].window_ends)) };
  }

  async hitsOf(key: string): Promise<RateWindow | undefined> {
    const { rows } = await this.query<{ hits: number; window_ends: string }>('SELECT hits, window_ends FROM rate_limits WHERE key = $1 AND window_ends > $2', [
      noNul(key),
      this.now().getTime(),
    ]);
    return rows[0] && { hits: rows[0].hits, windowEnds: new Date(Number(rows[0].window_ends)) };
  }

  async uncountHit(key: string): Promise<void> {
    await this.query('UPDATE rate_limits SET hits = greatest(hits - 1, 0) WHERE key = $1 AND window_ends > $2', [noNul(key), this.now().getTime()]);
  }

  async resetHits(key: string): Promise<void> {
    await this.query('DELETE FROM rate_limits WHERE key = $1', [noNul(key)]);
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async migrate(): Promise<SchemaStatus> {
    await this.withClient((client) => migrateSchema(client, this.where));
    return this.status();
  }

  async status(): Promise<SchemaStatus> {
    const current = await this.withClient((client) => schemaVersion(client));
    const pending = pendingSteps(current).map((s) => s.description);
    return { kind: 'postgres', where: this.where, current, latest: PG_STEPS.length, pending, note: newerSchemaNote(current, this.where) };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Runs one statement once the schema is current; failures to reach the database become StorageUnavailableError. */
  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    await this.ensureSchema();
    try {
      const res = await this.pool.query<R>(sql, params);
      this.noteSuccess();
      return res;
    } catch (err) {
      throw this.classify(err);
    }
  }

  private async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw this.classify(err);
    }
    let failed: unknown;
    // Out of the pool, a connection that ends (even one handed out before its end was read) emits an 'error' no
    // listener of the pool's hears, which would take the process down: heard here, it fails the call instead.
    const onError = (err: Error) => (failed ??= err);
    client.on('error', onError);
    try {
      const result = await fn(client);
      if (failed) throw failed;
      this.noteSuccess();
      return result;
    } catch (err) {
      failed ??= err;
      throw this.classify(failed);
    } finally {
      client.removeListener('error', onError);
      // A connection that failed mid-way is closed, not handed to the next caller.
      client.release(failed instanceof Error ? failed : undefined);
    }
  }

  /** Migrates before the first query; a failure is retried by the next call (the database may be back by then). */
  private ensureSchema(): Promise<void> {
    this.schemaReady ??= this.withClient((client) => migrateSchema(client, this.where)).then(
      ({ from, to }) => {
        if (to !== from) this.log(`storage: brought ${this.where} from schema version ${from} to ${to}.`);
        const note = newerSchemaNote(from, this.where);
        if (note) this.log(note);
      },
      (err) => {
        this.schemaReady = undefined;
        throw err;
      },
    );
    return this.schemaReady;
  }

  private classify(err: unknown): Error {
    if (err instanceof StorageUnavailableError || err instanceof KbError) return err;
    const reason = unavailableReason(err);
    this.errors++;
    if (!reason) return err instanceof Error ? err : new KbError(String(err));
    this.noteFailure(err);
    return new StorageUnavailableError('postgres', reason, { cause: err });
  }

  private noteFailure(err: unknown): void {
    if (this.downSince) return;
    this.downSince = this.now();
    this.log(
      `storage: PostgreSQL at ${this.where} does not answer (${(err as Error)?.message ?? err}); shares, feedback and reports answer 503 until it does. Retrying on every request.`,
    );
  }

  private noteSuccess(): void {
    if (!this.downSince) return;
    this.log(`storage: PostgreSQL at ${this.where} answers again after ${Math.round((this.now().getTime() - this.downSince.getTime()) / 1000)} s.`);
    this.downSince = undefined;
  }
}

/** SQLSTATE classes and codes that mean the database cannot serve now, with the phrase users see. */
const SQLSTATE_REASONS: [RegExp, string][] = [
  [/^08/, 'connection failed'],
  [/^57P0[123]$/, 'the database is shutting down or starting up'],
  [/^53300$/, 'too many connections'],
  [/^57014$/, 'a query timed out'],
  [/^28/, 'the database refused the login: check DATABASE_URL'],
  [/^3D000$/, 'the database named in DATABASE_URL does not exist'],
];

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection lost',
  EPIPE: 'connection lost',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ENOENT: 'no database socket',
};

/** Why an error means "unreachable", or undefined for an error of the statement itself. */
export function unavailableReason(err: unknown): string | undefined {
  const e = err as { code?: string; message?: string; errors?: unknown[] };
  if (typeof e?.code === 'string') {
    if (SOCKET_REASONS[e.code]) return SOCKET_REASONS[e.code];
    for (const [re, reason] of SQLSTATE_REASONS) if (re.test(e.code)) return reason;
  }
  // AggregateError from a host name with several addresses.
  if (Array.isArray(e?.errors))
    for (const inner of e.errors) {
      const r = unavailableReason(inner);
      if (r) return r;
    }
  const message = e?.message ?? '';
  if (/timeout exceeded when trying to connect|connection timeout|Query read timeout/i.test(message)) return 'connection timed out';
  if (/Connection terminated|Client has encountered a connection error|not queryable/i.test(message)) return 'connection lost';
  return undefined;
}

/** host:port/database of a postgres URL, without user or password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    return `${host}:${u.port || 5432}${u.pathname || '/'}`;
  } catch {
    return 'the DATABASE_URL database';
  }
}

const noNul = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);
