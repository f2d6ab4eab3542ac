/**
 * The cluster primary. It forks its first worker before it loads anything else: what it needs besides (the
 * knowledge base's modules, prom-client, the watcher) is a third of a second of CPU that a start would
 * otherwise wait for before the first worker even began loading.
 */
import cluster from 'node:cluster';
import type { Config } from '../config.js';
import { WORKER_ROLE, type ClusterMessage } from './messages.js';
import type { FolderWatch } from '../knowledge-base/watch-folders.js';

/** What the primary loads once its first worker is forked. */
async function loadPrimaryParts(config: Config, say: (m: string) => void) {
  const [{ KnowledgeBase }, { checkSavedIndexBody }, { watchFolders }, { serveMetrics }] = await Promise.all([
    import('../knowledge-base.js'),
    import('../knowledge-base/saved-files.js'),
    import('../knowledge-base/watch-folders.js'),
    import('../web/metrics.js'),
  ]);
  return { kb: new KnowledgeBase(config, { log: say }), checkSavedIndexBody, watchFolders, serveMetrics };
}

/** A worker that dies this soon after starting, this many times running, is not started again. */
const CRASH_WINDOW_MS = 10_000;
const MAX_QUICK_CRASHES = 3;

/**
 * The cluster primary: forks WORKERS serving processes that share the listening socket and one saved index,
 * builds that index in a separate process when it is missing, unreadable or stale (then tells the workers
 * to reload it), restarts a worker that dies, and on SIGTERM stops them all after they drain.
 */
export function servePrimary(config: Config): void {
  const say = (m: string) => process.stderr.write(`kbsleuth: ${m}\n`);
  // Loaded after the first fork (see the module comment); whatever needs it waits for it.
  let parts: Promise<Awaited<ReturnType<typeof loadPrimaryParts>>> | undefined;
  const loaded = () => (parts ??= loadPrimaryParts(config, say));
  const started = Date.now();
  const serving = new Map<cluster.Worker, { ready: boolean; startedAt: number }>();
  let stopping = false;
  let listening = false;
  let allReady = false;
  let quickCrashes = 0;
  let building: Promise<void> | undefined;
  let failedBuilds = 0;
  let folderWatch: FolderWatch | undefined;

  // The workers serve the saved index at once; once all are up its sources are hashed and a stale index rebuilt.
  // Not sooner: listing the files blocks this process a moment, and a worker's listen() waits on this process.
  const verifySaved = async () => {
    const { kb, checkSavedIndexBody } = await loaded();
    const savedHash = kb.savedSourceHash();
    if (savedHash === undefined) return;
    // The workers serve the file without reading it whole; its checksum is checked here, once for all of them.
    void checkSavedIndexBody(kb.files).catch((err: Error) => {
      if (stopping) return;
      say(err.message);
      build('its checksum fails');
    });
    void kb.sourcesChanged(savedHash, 2000).then((changed) => {
      if (changed && !stopping) build('the articles changed since it was built');
    });
  };

  const broadcast = (m: ClusterMessage) => {
    for (const w of serving.keys()) if (w.isConnected()) w.send(m);
  };

  const build = (reason: string) => {
    if (building || stopping) return;
    if (failedBuilds >= 2) return say(`not building the index again after ${failedBuilds} failures; fix the cause above and restart kbsleuth.`);
    say(`building the index (${reason}) in a separate process; the workers answer 503 until it is ready.`);
    building = new Promise<void>((resolve) => {
      cluster.setupPrimary({ execArgv: process.execArgv });
      cluster.fork({ [WORKER_ROLE]: 'index' }).once(
        'exit',
        (code, signal) =>
          void loaded().then(({ kb }) => {
            building = undefined;
            // A build counts as failed until a worker serves it (one that cannot read it asks for another).
            failedBuilds++;
            if (code === 0) broadcast({ type: 'reload' });
            else say(`the index build failed (${signal ?? `exit code ${code}`}); see its message above.`);
            // With nothing saved to serve, the workers would answer 503 for ever: stop, as a lone server does.
            if (code !== 0 && kb.savedSourceHash() === undefined) giveUp('there is no index to serve');
            resolve();
          }),
      );
    });
  };

  /** Stops every worker and exits 1 once they have. */
  const giveUp = (why: string) => {
    say(`${why}; stopping. Fix the cause above and start kbsleuth again.`);
    stopping = true;
    process.exitCode = 1;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    if (serving.size === 0) process.exit(1);
  };

  const forkServer = () => {
    cluster.setupPrimary({ execArgv: servingExecArgv(process.execArgv) });
    const w = cluster.fork({ [WORKER_ROLE]: 'serve' });
    serving.set(w, { ready: false, startedAt: Date.now() });
    w.on('message', (m: ClusterMessage) => {
      if (m.type === 'listening' && !listening) {
        listening = true;
        say(`listening on ${m.url} (serving ${config.kbDirs.join(', ')} with ${config.workers} workers)`);
        // The first worker has loaded (or waits for a build): start the others now rather than beside it,
        // so the first one answers as soon as a lone server would.
        // Not once stopping: a worker forked after giveUp's SIGTERMs would serve 503s and keep the primary alive.
        while (!stopping && serving.size < config.workers) forkServer();
      } else if (m.type === 'rebuild') {
        build(m.reason);
      } else if (m.type === 'ready') {
        const entry = serving.get(w);
        if (entry) entry.ready = true;
        quickCrashes = 0;
        failedBuilds = 0;
        if (!allReady && serving.size === config.workers && [...serving.values()].every((e) => e.ready)) {
          allReady = true;
          const readyAfter = ((Date.now() - started) / 1000).toFixed(1);
          void loaded().then(({ watchFolders }) => {
            if (config.watch && !stopping) folderWatch = watchFolders(config.kbDirs, (files) => broadcast({ type: 'changed', files }), { log: say });
            say(`ready: ${m.articles} articles (${m.source} index) in ${config.workers} workers in ${readyAfter} s`);
            void verifySaved();
          });
        }
      }
    });
  };

  cluster.on('exit', (w, code, signal) => {
    const entry = serving.get(w);
    if (!entry) return; // the index builder
    serving.delete(w);
    if (stopping) {
      if (serving.size === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    // A worker that never came up counts as a crash at start however long it took.
    const quick = !entry.ready || Date.now() - entry.startedAt < CRASH_WINDOW_MS;
    quickCrashes = quick ? quickCrashes + 1 : 0;
    if (quickCrashes >= MAX_QUICK_CRASHES) {
      giveUp(`workers keep stopping at start (last: ${signal ?? `exit code ${code}`})`);
      return;
    }
    say(`worker ${w.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`);
    forkServer();
  });

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the workers once their requests in flight are answered.`);
    void folderWatch?.stop();
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    if (serving.size === 0) process.exit(process.exitCode ?? 0);
    setTimeout(() => process.exit(process.exitCode ?? 0), 15_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  forkServer();
  void loaded().then(
    ({ kb, serveMetrics }) => {
      if (config.metricsPort) serveMetrics(config.metricsPort, config.host, 'cluster');
      if (kb.savedSourceHash() === undefined) build('there is no saved index yet');
    },
    (err: Error) => giveUp(`the primary could not load its modules (${err.message})`),
  );
}

/**
 * A serving worker's V8 flags: the primary's, and an old generation that at most doubles between full collections
 * unless the flags say otherwise. Left to choose, V8 lets it grow up to fourfold under load, mostly with requests'
 * garbage that the next full collection frees: two workers after a mixed load held about 70-200 MiB more (one run
 * went over 1.2 GiB in all). A factor of 1.5 held less again but cost searches per second (docs/benchmarks.md).
 */
function servingExecArgv(execArgv: readonly string[]): string[] {
  if (execArgv.some((a) => a.startsWith('--heap-growing-percent'))) return [...execArgv];
  return [...execArgv, `--heap-growing-percent=${SERVING_HEAP_GROWING_PERCENT}`];
}

const SERVING_HEAP_GROWING_PERCENT = 100;
