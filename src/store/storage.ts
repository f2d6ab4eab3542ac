/**
 * The one storage interface the web routes use for everything users add: shared results, feedback, knowledge
 * gaps and the write-rate counters. Two implementations: the SQLite file under DATA_DIR (the default, one
 * machine) and PostgreSQL (DATABASE_URL, shared by several hosts). Every method is async because the second
 * one is; test/store/storage.test.ts runs one suite against both.
 *
 * When the store cannot be reached, a method rejects with StorageUnavailableError (HTTP 503, naming what is
 * down); the next call tries again, so a store that comes back is used without a restart.
 */
import { HttpError } from '../errors.js';
import type { ArticleFeedbackSummary, DeleteOutcome, Feedback, FeedbackInput, Gap, GapKind, NewShare, SharedResult } from './database.js';
import type { TroubleshootResult } from '../types.js';

/** Which implementation holds the data. */
export const STORAGE_KINDS = ['sqlite', 'postgres'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** What `kbsleuth db status` prints: where, which schema version, which steps are still to apply. */
export interface SchemaStatus {
  kind: StorageKind;
  /** The SQLite file, or the PostgreSQL host, port and database (never the password). */
  where: string;
  /** Version the store is at (0: empty). */
  current: number;
  /** Version this kbsleuth brings it to. */
  latest: number;
  /** Descriptions of the steps from `current` to `latest`. */
  pending: string[];
  /**
   * Set when a PostgreSQL store is at a newer version than this kbsleuth knows (it serves on it: steps only add).
   * A newer SQLite file is refused when opened instead (schema.ts migrate).
   */
  note?: string;
}

export interface SaveSharedInput {
  log: string;
  answers?: Record<string, string>;
  redacted?: boolean;
  result?: TroubleshootResult;
}

export interface Storage {
  readonly kind: StorageKind;
  /** Where the data is, for messages and `db status` (no password). */
  readonly where: string;
  /** Calls that failed (unreachable, or an error of the store) since it was opened; /metrics reports it. */
  readonly errors: number;

  /**
   * Saves a troubleshooting result under a new random id, with a new owner key (returned once, kept only as a
   * hash) and an expiry SHARE_TTL_DAYS ahead. The log is stored as given: callers mask it.
   */
  saveShared(input: SaveSharedInput): Promise<NewShare>;
  /** The shared result with this id if it has not expired, or undefined (a malformed id finds nothing). */
  findShared(id: string): Promise<SharedResult | undefined>;
  /**
   * Removes a shared result when `ownerKey` is the one it was made with, or `asAdmin`; its feedback is kept,
   * detached. Shares saved before owner keys existed can only be removed by an admin.
   */
  deleteShared(id: string, proof: { ownerKey?: string; asAdmin?: boolean }): Promise<DeleteOutcome>;
  /** Deletes the shares past their time to live; resolves how many. */
  sweepExpiredShares(): Promise<number>;

  /** Opens an admin session for a day (the reports' login cookie); its token is kept only as a hash. */
  openAdminSession(): Promise<{ token: string; expiresAt: Date }>;
  hasAdminSession(token: string): Promise<boolean>;
  closeAdminSession(token: string): Promise<void>;

  addFeedback(input: FeedbackInput): Promise<Feedback>;
  /** Feedback on one article, newest first. */
  feedbackFor(articleId: string): Promise<Feedback[]>;
  /** Articles someone marked unhelpful, most "no" answers first. */
  listUnhelpfulArticles(limit?: number): Promise<ArticleFeedbackSummary[]>;

  /**
   * Counts one more sighting of a knowledge gap: the text is masked and templated (schema.ts gapText), so
   * repeats are one counted row and no raw text is kept; past `maxGaps` rows of a kind the least recently
   * seen are dropped.
   */
  recordGap(kind: GapKind, text: string): Promise<void>;
  /** Gaps of one kind, most seen first. */
  listGaps(kind: GapKind, limit?: number): Promise<Gap[]>;

  /** Counts one hit for `key` in its window of `windowMs`, opening a new window when the last one ended. Atomic across hosts. */
  countHit(key: string, windowMs: number): Promise<RateWindow>;
  /** Hits counted for `key` in its current window, if one is open. */
  hitsOf(key: string): Promise<RateWindow | undefined>;
  /** Takes back one hit in the current window. */
  uncountHit(key: string): Promise<void>;
  resetHits(key: string): Promise<void>;

  /** Resolves when the store answers a trivial query; rejects with StorageUnavailableError otherwise. */
  ping(): Promise<void>;
  /** Brings the schema up to date (one host at a time); resolves the status afterwards. */
  migrate(): Promise<SchemaStatus>;
  /** The schema version and pending steps, changing nothing. */
  status(): Promise<SchemaStatus>;
  close(): Promise<void>;
}

export interface RateWindow {
  hits: number;
  windowEnds: Date;
}

/**
 * The store cannot be reached: writes answer 503 with this message, reads of stored things too. The message
 * is shown to anyone, so it names the kind of store and a fixed reason, never a host name or address (those
 * go to the server's log).
 */
export class StorageUnavailableError extends HttpError {
  constructor(
    readonly kind: StorageKind,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      503,
      `storage: the ${STORAGE_LABELS[kind]} is unavailable (${reason}); shares, feedback and reports cannot be read or saved until it is back. Search, articles and troubleshooting still work, and kbsleuth reconnects by itself: try again in a minute.`,
      { ...options, code: 'storage_unavailable' },
    );
  }
}

export const STORAGE_LABELS: Record<StorageKind, string> = { sqlite: 'SQLite database', postgres: 'PostgreSQL database' };
