/** The process that answers HTTP: a lone server, or one worker of a cluster (see primary.ts). */
import cluster from 'node:cluster';
import http from 'node:http';
import { Registry } from 'prom-client';
import type { Config } from '../config.js';
import { openStorage } from '../store/open-storage.js';
import { createApp } from '../web/app.js';
import { countSavedGaps, saveWaitingGaps } from '../web/knowledge-gaps.js';
import { collectProcessMetrics, serveMetrics, shareWithPrimary } from '../web/metrics.js';
import type { ClusterMessage } from './messages.js';
import { openKb } from './open-kb.js';

/**
 * One process answering HTTP: the whole server when WORKERS is 1, else one cluster worker. A worker serves
 * the saved index its primary built and never builds itself: it asks the primary and reloads when told.
 * A lone server listens at once and answers 503 while it loads; a worker listens once it has loaded (or
 * has nothing to load until a build), so the primary never hands it a request another worker could answer.
 */
export async function serveHttp(config: Config): Promise<void> {
  const worker = cluster.worker;
  const prefix = worker ? `kbsleuth[worker ${worker.id}]` : 'kbsleuth';
  const tell = (m: ClusterMessage) => process.send?.(m);
  const { kb } = openKb(config, { prefix, rebuildNeeded: (reason) => tell({ type: 'rebuild', reason }) });
  const storage = openStorage(config, { log: (m) => process.stderr.write(`${prefix}: ${m}\n`) });
  const metrics = new Registry();
  collectProcessMetrics(metrics);
  // With workers, the primary serves METRICS_PORT and sums what each worker's registry holds.
  if (worker) shareWithPrimary(metrics);
  else if (config.metricsPort) serveMetrics(config.metricsPort, config.host, metrics);
  const app = createApp({ kb, storage, metrics }, config);
  const server = http.createServer(app);
  server.on('error', (err) => {
    process.stderr.write(`${prefix}: cannot listen on ${config.host}:${config.port} (${err.message}); set PORT to a free port or stop the other server.\n`);
    process.exit(1);
  });
  const started = Date.now();
  let listening = false;
  const announceReady = () => {
    const state = kb.state();
    if (worker) tell({ type: 'ready', articles: state.articles, source: state.source });
    else process.stderr.write(`kbsleuth: ready: ${state.articles} articles (${state.source} index) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  };
  const listen = () =>
    new Promise<void>((resolve) => {
      server.listen(config.port, config.host, () => {
        listening = true;
        const url = `http://${config.host}:${(server.address() as { port: number }).port}`;
        if (worker) tell({ type: 'listening', url });
        else process.stderr.write(`kbsleuth: listening on ${url} (serving ${config.kbDirs.join(', ')})\n`);
        resolve();
      });
    });
  // Answers given while stopping say `Connection: close`: a kept-alive client (a proxy) would otherwise hold its
  // connection, and the process, open for the keep-alive timeout, and could send more requests meanwhile.
  let stopping = false;
  const unanswered = new Set<http.ServerResponse>();
  server.prependListener('request', (_req, res) => {
    if (stopping) res.setHeader('Connection', 'close');
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
  });
  const shutdown = (signal: string) => {
    if (stopping) return;
    process.stderr.write(`${prefix}: ${signal}: finishing requests in flight, then stopping.\n`);
    stopping = true;
    for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    kb.close();
    // Knowledge gaps the store could not take yet (it is unreachable) go to DATA_DIR for the next start to count.
    const exit = () => {
      saveWaitingGaps(storage, config.dataDir);
      process.exit(0);
    };
    if (!listening) exit();
    server.close(() => void storage.close().finally(exit));
    server.closeIdleConnections();
    setTimeout(exit, 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('message', (m: ClusterMessage) => {
    if (stopping) return;
    if (m.type === 'changed' && kb.isReady) void kb.reReadChanged(m.files);
    if (m.type !== 'reload') return;
    if (kb.reload()) announceReady();
    else tell({ type: 'rebuild', reason: 'the rebuilt index could not be read' });
  });
  if (!worker) await listen();
  try {
    // A worker's primary checks the saved index's checksum once for all of them.
    await kb.open({ trustSaved: true, build: !worker, checkSaved: !worker });
    if (worker) await listen();
    // In a cluster the primary watches and passes changes on: a watcher per worker would take one inotify watch
    // per folder each, and a copy of the walk's memory.
    if (config.watch && !worker) void kb.watch();
    if (kb.isReady) announceReady();
    countSavedGaps(storage, config.dataDir);
  } catch (err) {
    process.stderr.write(`${prefix}: ${(err as Error).message}\n`);
    process.exitCode = 1;
    server.close();
  }
}
