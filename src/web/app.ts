/**
 * createApp(deps, options) -> an express app that never listens (src/serve/ does), so tests drive it with
 * supertest. Errors flow one way: routes set a status and call next(err); a 404 handler comes last, then
 * one error handler answers JSON under /api and an HTML page elsewhere.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import helmet from 'helmet';
import { Registry } from 'prom-client';
import path from 'node:path';
import { DEFAULTS, PROJECT_DIR, type Config } from '../config.js';
import { HttpError, KbError, NotReadyError } from '../errors.js';
import type { KnowledgeBase } from '../knowledge-base.js';
import { openDatabase } from '../store/database.js';
import { SqliteStorage } from '../store/sqlite-storage.js';
import { StorageUnavailableError } from '../store/storage.js';
import { healthRoutes } from './health.js';
import { instrumentApp, metricsEndpoint } from './metrics.js';
import type { AppDeps, AppOptions } from './options.js';
import { apiRoutes } from './routes/api.js';
import { feedbackApiRoutes, feedbackPageRoutes } from './routes/feedback.js';
import { pageRoutes } from './routes/pages.js';
import { gapApiRoutes } from './routes/gaps.js';
import { reportsApiRoutes, reportsPageRoutes } from './routes/reports.js';
import { sharedApiRoutes, sharedPageRoutes } from './routes/shared.js';
import { WRITE_ROUTES, writeRateLimit } from './rate-limit.js';
import { requirePublicHost, requireSameOrigin } from './same-origin.js';
import { masked } from '../privacy/mask.js';
import { byteSize, viewHelpers, wellFormed } from './view-helpers.js';

/** Seconds a client is asked to wait before asking again after a 503 (the loading page polls /healthz meanwhile). */
const RETRY_AFTER_SECONDS = 5;

export function createApp(appDeps: AppDeps, options: AppOptions): express.Express {
  const storage =
    appDeps.storage ?? new SqliteStorage(openDatabase(appDeps.kb.config.dataDir, { shareTtlDays: options.shareTtlDays, maxGaps: options.maxGaps }));
  const deps: Required<AppDeps> = { ...appDeps, storage, metrics: appDeps.metrics ?? new Registry() };
  const app = express();
  app.disable('x-powered-by');
  setTrustProxy(app, options.trustProxy ?? false);
  app.use(instrumentApp(deps.metrics, deps));
  app.set('views', path.join(PROJECT_DIR, 'views'));
  app.set('view engine', 'ejs');
  app.set('query parser', 'simple');
  // Pasted text and queries are echoed in JSON: write <, > and & as \u escapes so no response ever holds a raw tag.
  app.set('json escape', true);
  // The pages load no inline script (views/static/app.js); the CSP enforces it. Served over plain HTTP on a
  // LAN, so no HSTS and no upgrade of requests to https.
  // Referrer-Policy same-origin, not helmet's no-referrer: under no-referrer a browser sends `Origin: null` on our own
  // form posts, which the same-origin check must refuse (a hostile page can ask for it); other sites still get nothing,
  // so an unguessable /t/<id> link never leaks through a Referer.
  app.use(
    helmet({
      // No inline styles either (helmet's default allows them): a pasted `<style>` that slipped escaping could restyle the page.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, styleSrc: ["'self'"] } },
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  Object.assign(app.locals, viewHelpers, { shareTtlDays: options.shareTtlDays ?? DEFAULTS.shareTtlDays });

  app.use('/static', express.static(path.join(PROJECT_DIR, 'views', 'static'), { maxAge: '1h' }));
  // Before the PUBLIC_URL check: balancers and Prometheus reach a host by its own address.
  app.use(healthRoutes(deps));
  app.get('/metrics', metricsEndpoint(deps.metrics, options.adminToken));
  // With PUBLIC_URL set, a request naming another Host is refused (DNS rebinding, spoofed links).
  if (options.publicUrl) app.use(requirePublicHost(options.publicUrl));
  // Every POST, PUT and DELETE below must come from this server's own pages (see same-origin.ts).
  app.use(requireSameOrigin);
  const limitWrites = writeRateLimit(deps.storage, options.writesPerMinute);
  app.post([...WRITE_ROUTES.post], limitWrites);
  app.delete([...WRITE_ROUTES.delete], limitWrites);
  // Its own limiter over the same counts (the store keys them by client): one budget for all of a client's writes.
  app.post([...WRITE_ROUTES.gaps], writeRateLimit(deps.storage, options.writesPerMinute, true));
  app.use(
    '/api',
    sharedApiRoutes(deps, options),
    feedbackApiRoutes(deps, options),
    reportsApiRoutes(deps, options),
    gapApiRoutes(deps),
    apiRoutes(deps, options),
  );
  app.use('/', pageRoutes(deps, options), sharedPageRoutes(deps, options), feedbackPageRoutes(deps), reportsPageRoutes(deps, options));

  const notFound: RequestHandler = (req, _res, next) => next(new HttpError(404, `No page at ${req.path}.`));
  app.use(notFound);
  app.use(errorHandler(deps.kb, options));
  return app;
}

/** Express compiles the setting at once; a bad address list is a start-up error naming TRUST_PROXY. */
function setTrustProxy(app: express.Express, value: Config['trustProxy']): void {
  try {
    app.set('trust proxy', value);
  } catch (err) {
    throw new KbError(
      `config: TRUST_PROXY=${JSON.stringify(value)} is not understood (${(err as Error).message}); give a hop count (1) or addresses such as 10.0.0.5, 10.0.1.0/24.`,
      { cause: err },
    );
  }
}

function errorHandler(kb: KnowledgeBase, options: AppOptions): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const http = toHttpError(err);
    // Masked: the URL and the error may hold what a user typed (a query, a paste quoted in a message). The store
    // logs its own outage once; a 503 per request during it would bury the log.
    if (http.status >= 500 && !(err instanceof NotReadyError) && !(err instanceof StorageUnavailableError))
      console.error(logLineOf(req.method, req.originalUrl, err));
    if (res.headersSent) return;
    res.status(http.status);
    // Still loading (or the store is down): a client may come back in a few seconds.
    if (http.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    if (req.originalUrl.startsWith('/api/') || !req.accepts('html')) {
      res.json({ error: { status: http.status, code: http.code, message: http.message } });
      return;
    }
    // The search box keeps what was searched for, so a bad parameter (or a page asked for while loading) does not lose the query.
    const q = typeof req.query?.q === 'string' ? wellFormed(req.query.q.slice(0, options.maxQueryChars)) : '';
    // A page asked for while the index loads: the loading page, which shows progress and reloads itself (app.js).
    if (err instanceof NotReadyError && !kb.isReady) {
      return void res.render('loading', { title: 'Loading - kbsleuth', q, state: kb.state() });
    }
    res.render('error', {
      title: `Error ${http.status}`,
      q,
      status: http.status,
      message: http.message,
      stack: options.development ? String(err?.stack ?? '') : undefined,
    });
  };
}

/**
 * The log line for a failed request, masked: its URL (decoded first, so `password%3Dx` is seen as
 * `password=x`) and its error may hold what a user typed.
 */
export function logLineOf(method: string, url: string, err: unknown): string {
  let decoded = url.slice(0, 2000).replace(/\+/g, ' ');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A malformed escape: mask the URL as it came.
  }
  return `kbsleuth: ${method} ${masked(decoded)}: ${masked(String((err as Error)?.stack ?? err).slice(0, 8000))}`;
}

/** Errors from express's body parsers and our own code -> an HttpError with a message safe to show. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { status?: number; statusCode?: number; type?: string; message?: string; limit?: number };
  const status = e?.status ?? e?.statusCode;
  if (e?.type === 'entity.too.large')
    return new HttpError(413, `The request body is larger than the ${byteSize(e.limit ?? 0)} accepted; send a shorter paste (the lines around the error).`);
  if (e?.type === 'entity.parse.failed')
    return new HttpError(400, 'The request body is not valid JSON; send a JSON object such as {"log": "..."}, or a text/plain body to /api/troubleshoot.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new HttpError(415, 'The request body uses an unsupported encoding; send UTF-8.');
  if (typeof status === 'number' && status >= 400 && status < 500) return new HttpError(status, e.message || 'Bad request.');
  if (err instanceof NotReadyError) return new HttpError(503, 'The knowledge base is still loading; try again in a few seconds.', { cause: err });
  return new HttpError(500, 'Something went wrong on our side; the error was logged.', { cause: err });
}
