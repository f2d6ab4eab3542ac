/**
 * Rate limits on the endpoints that write (shares, deletions, feedback): a client address gets
 * `writesPerMinute` of them a minute, then 429 with Retry-After until its window ends. Counts live in the
 * SQLite file, so every server process on one DATA_DIR (cluster workers, a restarted server) shares them.
 * Reads (search, articles, troubleshooting a paste) are not limited: they write nothing a client could flood.
 */
import { rateLimit, type ClientRateLimitInfo, type Options, type RateLimitRequestHandler, type Store } from 'express-rate-limit';
import { HttpError } from '../errors.js';
import type { Database } from '../store/database.js';

/** Every state-changing route, by method. app.ts puts the limiter in front of exactly these. */
export const WRITE_ROUTES = {
  post: ['/t', '/t/:id/delete', '/feedback', '/api/shared', '/api/feedback', '/api/gaps', '/reports/login'],
  delete: ['/api/shared/:id'],
} as const;

const WINDOW_MS = 60_000;

/** express-rate-limit's store over the database's `rate_limits` table. */
export class SqliteRateLimitStore implements Store {
  /** Counts are shared with other processes: express-rate-limit must not assume it holds them all. */
  readonly localKeys = false;
  readonly prefix = 'writes:';
  private windowMs = WINDOW_MS;

  constructor(private readonly db: Database) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  get(key: string): ClientRateLimitInfo | undefined {
    const row = this.db.hitsOf(this.prefix + key);
    return row && { totalHits: row.hits, resetTime: row.windowEnds };
  }

  increment(key: string): ClientRateLimitInfo {
    const row = this.db.countHit(this.prefix + key, this.windowMs);
    return { totalHits: row.hits, resetTime: row.windowEnds };
  }

  decrement(key: string): void {
    this.db.uncountHit(this.prefix + key);
  }

  resetKey(key: string): void {
    this.db.resetHits(this.prefix + key);
  }
}

/** The limiter app.ts mounts on WRITE_ROUTES. Over the limit it passes a 429 HttpError to the error handler. */
export function writeRateLimit(db: Database, writesPerMinute: number): RateLimitRequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: writesPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new SqliteRateLimitStore(db),
    handler: (_req, _res, next, options) => {
      next(new HttpError(429, `Too many shares, deletions or feedback from this address: ${options.limit} a minute are accepted. Wait a minute and send it again.`));
    },
  });
}
