/**
 * Prometheus metrics (prom-client): requests and their latency per route, the index's size and age, the
 * store's errors and reachability, and the process's own (memory, event-loop lag, GC). The app serves them
 * at `/metrics` to `Authorization: Bearer <ADMIN_TOKEN>` only (404 without an ADMIN_TOKEN); src/serve/ can serve
 * them on METRICS_PORT instead, where with WORKERS > 1 the cluster primary sums its workers'.
 */
import type { RequestHandler, Request } from 'express';
import { createServer, type Server } from 'node:http';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { HttpError } from '../errors.js';
import type { KnowledgeBase } from '../knowledge-base.js';
import type { Storage } from '../store/storage.js';
import { bearerOf, sameSecret } from './routes/reports.js';

/** Latency buckets, seconds: searches answer in milliseconds, troubleshooting a long paste in up to a second. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Registers the app's metrics on `registry`; returns the middleware that times each request. */
export function instrumentApp(registry: Registry, deps: { kb: KnowledgeBase; storage: Storage }): RequestHandler {
  const requests = new Counter({
    name: 'kbsleuth_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'kbsleuth_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and method.',
    labelNames: ['method', 'route'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  // Gauges of one index: with several workers the primary keeps one worker's value, not the sum (the largest;
  // for `ready`, the smallest, so one worker still loading shows).
  new Gauge({
    name: 'kbsleuth_index_articles',
    help: 'Articles in the served index (0 while loading).',
    aggregator: 'max',
    registers: [registry],
    collect() {
      this.set(deps.kb.state().articles);
    },
  });
  new Gauge({
    name: 'kbsleuth_index_age_seconds',
    help: 'Seconds since the served index was built (absent while loading).',
    aggregator: 'max',
    registers: [registry],
    collect() {
      const builtAt = deps.kb.state().builtAt;
      if (builtAt) this.set((Date.now() - Date.parse(builtAt)) / 1000);
    },
  });
  new Gauge({
    name: 'kbsleuth_index_ready',
    help: '1 when the index is loaded and searches are answered, else 0.',
    aggregator: 'min',
    registers: [registry],
    collect() {
      this.set(deps.kb.isReady ? 1 : 0);
    },
  });
  let counted = 0;
  new Counter({
    name: 'kbsleuth_storage_errors_total',
    help: 'Store calls that failed (unreachable, or an error of the store), since the process started.',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const now = deps.storage.errors;
      if (now > counted) this.inc({ kind: deps.storage.kind }, now - counted);
      counted = now;
    },
  });
  new Gauge({
    name: 'kbsleuth_storage_up',
    help: '1 when the store answered a ping during this scrape, else 0.',
    labelNames: ['kind'],
    aggregator: 'min',
    registers: [registry],
    async collect() {
      const up = await Promise.race([
        deps.storage.ping().then(
          () => 1,
          () => 0,
        ),
        new Promise<number>((r) => setTimeout(() => r(0), 2000).unref()),
      ]);
      this.set({ kind: deps.storage.kind }, up);
    },
  });

  return (req, res, next) => {
    const end = latency.startTimer();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeOf(req, res.statusCode) };
      end(labels);
      requests.inc({ ...labels, status: String(res.statusCode) });
    });
    next();
  };
}

/**
 * The process's own metrics (memory, CPU, event-loop lag, GC) on `registry`. Once per process: each call
 * installs observers of its own, so serve/serve-http.ts calls it and the tests' many apps do not.
 */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry, prefix: 'kbsleuth_' });
}

/** The matched route pattern (never the raw path: ids and queries would make a label per request). */
function routeOf(req: Request, status: number): string {
  const pattern = req.route?.path as unknown;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}` || '/';
  // The write limiter is mounted on a list of paths; a 429 from it ends there.
  if (Array.isArray(pattern)) return 'write routes';
  if (req.originalUrl.startsWith('/static/')) return '/static';
  return status === 404 ? 'not found' : 'other';
}

/** GET /metrics behind ADMIN_TOKEN: 404 when none is set, 401 without the right bearer token. */
export function metricsEndpoint(registry: Registry, adminToken: string | undefined): RequestHandler {
  return async (req, res) => {
    if (!adminToken)
      throw new HttpError(404, 'No page at /metrics: set ADMIN_TOKEN to serve metrics here, or METRICS_PORT to serve them on a port of their own.');
    const given = bearerOf(req);
    if (given === undefined || !sameSecret(given, adminToken)) {
      res.set('WWW-Authenticate', 'Bearer realm="kbsleuth metrics"');
      throw new HttpError(401, 'Metrics need `Authorization: Bearer <ADMIN_TOKEN>`.');
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}

/**
 * A plain HTTP server answering GET /metrics on METRICS_PORT: this process's registry, or with `cluster` the
 * sum of every worker's (called in the cluster primary). Bind it where only Prometheus can reach it.
 */
export function serveMetrics(port: number, host: string, source: Registry | 'cluster'): Server {
  const aggregator = source === 'cluster' ? new AggregatorRegistry() : undefined;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served on this port.\n');
      return;
    }
    const registry = aggregator ?? (source as Registry);
    (aggregator ? aggregator.clusterMetrics() : registry.metrics()).then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics: ${err.message}\n`),
    );
  });
  server.listen(port, host);
  return server;
}

/**
 * In a cluster worker: the registry the primary's METRICS_PORT reads. Every worker must call it, the index
 * builder too (with an empty registry): the primary waits for an answer from each worker it knows.
 */
export function shareWithPrimary(registry: Registry): void {
  // Constructing one is what makes prom-client answer the primary's requests in this process.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}
