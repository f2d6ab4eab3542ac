/**
 * createApp(deps, options) -> an express app that never listens (the CLI does), so tests drive it with
 * supertest. Errors flow one way: routes set a status and call next(err); a 404 handler comes last, then
 * one error handler answers JSON under /api and an HTML page elsewhere.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import helmet from 'helmet';
import path from 'node:path';
import { PROJECT_DIR } from '../config.js';
import { HttpError, NotReadyError } from '../errors.js';
import type { KnowledgeBase } from '../knowledge-base.js';
import { openDatabase } from '../store/database.js';
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
import { proseBlocksOf } from '../render/prose-blocks.js';
import { viewHelpers } from './view-helpers.js';

export function createApp(appDeps: AppDeps, options: AppOptions): express.Express {
  const deps: Required<AppDeps> = { ...appDeps, db: appDeps.db ?? openDatabase(appDeps.kb.config.dataDir, { shareTtlDays: options.shareTtlDays, maxGaps: options.maxGaps }) };
  const app = express();
  app.disable('x-powered-by');
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
  Object.assign(app.locals, viewHelpers, { proseBlocksOf, shareTtlDays: options.shareTtlDays ?? 90 });

  app.use('/static', express.static(path.join(PROJECT_DIR, 'views', 'static'), { maxAge: '1h' }));
  app.get('/healthz', (_req, res) => {
    const state = deps.kb.state();
    // `process`: which server process answered (several share the port when WORKERS > 1).
    res.status(state.status === 'ready' ? 200 : 503).json({ status: state.status === 'ready' ? 'ok' : state.status, articles: state.articles, problems: state.problems, index: state.source, builtAt: state.builtAt, message: state.message, process: process.pid });
  });
  // With PUBLIC_URL set, a request naming another Host is refused (DNS rebinding, spoofed links).
  if (options.publicUrl) app.use(requirePublicHost(options.publicUrl));
  // Every POST, PUT and DELETE below must come from this server's own pages (see same-origin.ts).
  app.use(requireSameOrigin);
  const limitWrites = writeRateLimit(deps.db, options.writesPerMinute);
  app.post([...WRITE_ROUTES.post], limitWrites);
  app.delete([...WRITE_ROUTES.delete], limitWrites);
  app.use('/api', sharedApiRoutes(deps, options), feedbackApiRoutes(deps, options), reportsApiRoutes(deps, options), gapApiRoutes(deps), apiRoutes(deps, options));
  app.use('/', pageRoutes(deps, options), sharedPageRoutes(deps, options), feedbackPageRoutes(deps), reportsPageRoutes(deps, options));

  const notFound: RequestHandler = (req, _res, next) => next(new HttpError(404, `No page at ${req.path}.`));
  app.use(notFound);
  app.use(errorHandler(deps.kb, options));
  return app;
}

function errorHandler(kb: KnowledgeBase, options: AppOptions): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const http = toHttpError(err);
    // Masked: the URL and the error may hold what a user typed (a query, a paste quoted in a message).
    if (http.status >= 500 && !(err instanceof NotReadyError)) console.error(logLineOf(req.method, req.originalUrl, err));
    if (res.headersSent) return;
    res.status(http.status);
    if (req.originalUrl.startsWith('/api/') || !req.accepts('html')) {
      res.json({ error: { status: http.status, code: http.code, message: http.message } });
      return;
    }
    // A page asked for while the index loads: the loading page, which refreshes itself.
    if (err instanceof NotReadyError && !kb.isReady) return void res.render('loading', { title: 'Loading', state: kb.state() });
    res.render('error', { title: `Error ${http.status}`, status: http.status, message: http.message, stack: options.development ? String(err?.stack ?? '') : undefined });
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
  if (e?.type === 'entity.too.large') return new HttpError(413, `The request body is larger than the ${e.limit} bytes accepted; send a shorter paste.`);
  if (e?.type === 'entity.parse.failed') return new HttpError(400, 'The request body is not valid JSON; send a JSON object such as {"log": "..."}, or a text/plain body to /api/troubleshoot.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new HttpError(415, 'The request body uses an unsupported encoding; send UTF-8.');
  if (typeof status === 'number' && status >= 400 && status < 500) return new HttpError(status, e.message || 'Bad request.');
  if (err instanceof NotReadyError) return new HttpError(503, 'The knowledge base is still loading; try again in a few seconds.', { cause: err });
  return new HttpError(500, 'Something went wrong on our side; the error was logged.', { cause: err });
}
