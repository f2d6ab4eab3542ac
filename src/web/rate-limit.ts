/**
 * Rate limits on the endpoints that write (shares, deletions, feedback): a client address gets
 * `writesPerMinute` of them a minute, then 429 with Retry-After until its window ends. Counts live in the
 * store (store/storage.ts), so every server process on one DATA_DIR (cluster workers, a restarted server),
 * and every host on one PostgreSQL database, shares them. While the store is down, writes answer 503 from here, but
 * for the search page's gap reports: the server keeps those in memory (bounded) until the store answers again, and
 * limits them meanwhile with counts of its own process.
 * Reads (search, articles, troubleshooting a paste) are not limited: they write nothing a client could flood.
 */
import { MemoryStore, rateLimit, type ClientRateLimitInfo, type Options, type RateLimitRequestHandler, type Store } from 'express-rate-limit';
import { HttpError } from '../errors.js';
import { StorageUnavailableError, type Storage } from '../store/storage.js';

/**
 * The routes whose writes a client could repeat to fill the store (shares, deletions, feedback, gap reports,
 * logins), by method; app.ts puts the limiter in front of exactly these. Logging out and the gap a paste
 * records (capped per kind by maxGaps) are not limited.
 */
export const WRITE_ROUTES = {
  post: ['/t', '/t/:id/delete', '/feedback', '/api/shared', '/api/feedback', '/reports/login'],
  delete: ['/api/shared/:id'],
  /** Limited as the others while the store answers, and by each process's own counts while it cannot (`localWhenUnavailable`). */
  gaps: ['/api/gaps'],
} as const;

const WINDOW_MS = 60_000;

/** express-rate-limit's store over the storage's `rate_limits` table. */
export class StorageRateLimitStore implements Store {
  /** Counts are shared with other processes: express-rate-limit must not assume it holds them all. */
  readonly localKeys = false;
  readonly prefix = 'writes:';
  private windowMs = WINDOW_MS;

  /** Counts of this process alone, for the minutes the store cannot be reached (`localWhenUnavailable`). */
  private readonly local?: MemoryStore;

  /**
   * With `localWhenUnavailable`, a store that cannot be reached does not fail the request: the client is counted in
   * this process's memory instead (express-rate-limit's own store; a client gets the limit from each process, rather
   * than none from any).
   */
  constructor(
    private readonly storage: Storage,
    localWhenUnavailable = false,
  ) {
    if (localWhenUnavailable) this.local = new MemoryStore();
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.local?.init(options);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.storage.hitsOf(this.prefix + key);
    return row && { totalHits: row.hits, resetTime: row.windowEnds };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      const row = await this.storage.countHit(this.prefix + key, this.windowMs);
      return { totalHits: row.hits, resetTime: row.windowEnds };
    } catch (err) {
      if (this.local && err instanceof StorageUnavailableError) return this.local.increment(key);
      throw err;
    }
  }

  async decrement(key: string): Promise<void> {
    await this.storage.uncountHit(this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await this.storage.resetHits(this.prefix + key);
  }
}

/** The limiter app.ts mounts on WRITE_ROUTES. Over the limit it passes a 429 HttpError to the error handler. */
export function writeRateLimit(storage: Storage, writesPerMinute: number, localWhenUnavailable = false): RateLimitRequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: writesPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new StorageRateLimitStore(storage, localWhenUnavailable),
    handler: (_req, _res, next, options) => {
      next(
        new HttpError(
          429,
          `Too many shares, deletions or feedback from this address: ${options.limit} a minute are accepted. Wait a minute and send it again.`,
        ),
      );
    },
  });
}
