/**
 * The command line: the only place that listens, prints and sets exit codes.
 *   kbsleuth serve                 serve KB_DIR on PORT (default command), in WORKERS processes
 *   kbsleuth check [dirs...]       load articles, print counts, problems by kind and the time taken
 *   kbsleuth index [dirs...]       build and save the search index
 *   kbsleuth troubleshoot [--json] read a paste on stdin, print the diagnoses
 *   kbsleuth search QUERY...       search, print the hits
 *   kbsleuth article ID            print an article's ticket text
 * The last three ask a running server when KBSLEUTH_URL (or --url) names one, else read the saved index.
 */
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import cluster from 'node:cluster';
import http from 'node:http';
import { loadConfig, type Config } from './config.js';
import { loadArticles } from './ingest/load-articles.js';
import { KnowledgeBase } from './knowledge-base.js';
import { registerQueryCommands } from './commands/register.js';

type Step = 'load' | 'index' | 'hash';
const STEP_LABELS: Record<Step, string> = { load: 'Reading articles', index: 'Indexing', hash: 'Checking sources' };

/** A progress bar when stderr is a terminal; nothing otherwise (a script's or a log's stderr keeps to messages). */
function progressReporter(enabled: boolean) {
  let bar: cliProgress.SingleBar | undefined;
  let step: Step | undefined;
  const tty = process.stderr.isTTY;
  return {
    update(s: Step, done: number, total: number) {
      if (!enabled || !tty) return;
      if (s !== step) {
        bar?.stop();
        step = s;
        bar = new cliProgress.SingleBar({ format: `${STEP_LABELS[s]} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(total, 0);
      }
      if (bar) {
        bar.setTotal(total);
        bar.update(done);
        if (done >= total) { bar.stop(); bar = undefined; }
      }
    },
    stop() { bar?.stop(); },
  };
}

/** A KnowledgeBase whose log lines go to stderr (after `prefix`, for cluster workers) with progress bars. */
function openKb(config: Config, options: { prefix?: string; rebuildNeeded?: (reason: string) => void } = {}) {
  const progress = progressReporter(config.progress);
  const log = (m: string) => process.stderr.write(options.prefix ? `${options.prefix}: ${m}\n` : m + '\n');
  const kb = new KnowledgeBase(config, { log, progress: (s, d, t) => progress.update(s, d, t), rebuildNeeded: options.rebuildNeeded });
  return { kb, progress };
}

const program = new Command();
program.name('kbsleuth').description('Search and troubleshoot with the KB archive.').showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('serve the knowledge base over HTTP (WORKERS processes, one per core by default)')
  .addOption(new Option('-p, --port <port>', 'port (env PORT)').argParser((v) => Number.parseInt(v, 10)))
  .option('--no-progress', 'no progress bars')
  .action(async (opts: { port?: number; progress: boolean }) => {
    const config = loadConfig({ port: opts.port, progress: opts.progress });
    if (cluster.isPrimary && config.workers > 1) return servePrimary(config);
    if (cluster.isWorker && process.env[WORKER_ROLE] === 'index') return buildForPrimary(config);
    return serveHttp(config);
  });

/** Set on the processes a cluster primary forks: `serve` answers requests, `index` builds the saved index and exits. */
const WORKER_ROLE = 'KBSLEUTH_WORKER_ROLE';

/** What cluster workers and their primary tell each other. */
type WorkerMessage =
  | { type: 'listening'; url: string }
  | { type: 'ready'; articles: number; source?: string }
  | { type: 'rebuild'; reason: string }
  | { type: 'reload' };

/**
 * One process answering HTTP: the whole server when WORKERS is 1, else one cluster worker. A worker serves
 * the saved index its primary built and never builds itself: it asks the primary and reloads when told.
 * A lone server listens at once and answers 503 while it loads; a worker listens once it has loaded (or
 * has nothing to load until a build), so the primary never hands it a request another worker could answer.
 */
async function serveHttp(config: Config): Promise<void> {
  const worker = cluster.worker;
  const prefix = worker ? `kbsleuth[worker ${worker.id}]` : 'kbsleuth';
  const tell = (m: WorkerMessage) => process.send?.(m);
  const { kb } = openKb(config, { prefix, rebuildNeeded: (reason) => tell({ type: 'rebuild', reason }) });
  // Imported here: the web stack takes longer to load than a query command takes to answer.
  const { createApp } = await import('./web/app.js');
  const app = createApp({ kb }, { ...config, development: process.env.NODE_ENV === 'development' });
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
    if (!listening) process.exit(0);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('message', (m: WorkerMessage) => {
    if (m.type !== 'reload' || stopping) return;
    if (kb.reload()) announceReady();
    else tell({ type: 'rebuild', reason: 'the rebuilt index could not be read' });
  });
  if (!worker) await listen();
  try {
    await kb.open({ trustSaved: true, build: !worker });
    if (worker) await listen();
    if (config.watch) kb.watch();
    if (kb.isReady) announceReady();
  } catch (err) {
    process.stderr.write(`${prefix}: ${(err as Error).message}\n`);
    process.exitCode = 1;
    server.close();
  }
}

/** A worker forked only to build the saved index for its primary; exits 0 once it is saved. */
async function buildForPrimary(config: Config): Promise<void> {
  const { kb, progress } = openKb(config, { prefix: 'kbsleuth[index]' });
  try {
    const started = Date.now();
    await kb.rebuild();
    progress.stop();
    process.stderr.write(`kbsleuth[index]: built the index of ${kb.state().articles} articles in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    process.exit(0);
  } catch (err) {
    progress.stop();
    process.stderr.write(`kbsleuth[index]: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

/** A worker that dies this soon after starting, this many times running, is not started again. */
const CRASH_WINDOW_MS = 10_000;
const MAX_QUICK_CRASHES = 3;

/**
 * The cluster primary: forks WORKERS serving processes that share the listening socket and one saved index,
 * builds that index in a separate process when it is missing, unreadable or stale (then tells the workers
 * to reload it), restarts a worker that dies, and on SIGTERM stops them all after they drain.
 */
function servePrimary(config: Config): void {
  const say = (m: string) => process.stderr.write(`kbsleuth: ${m}\n`);
  const kb = new KnowledgeBase(config, { log: say });
  const started = Date.now();
  const serving = new Map<cluster.Worker, { ready: boolean; startedAt: number }>();
  let stopping = false;
  let listening = false;
  let allReady = false;
  let quickCrashes = 0;
  let building: Promise<void> | undefined;
  let failedBuilds = 0;

  // The workers serve the saved index at once; once all are up its sources are hashed and a stale index rebuilt.
  // Not sooner: listing the files blocks this process a moment, and a worker's listen() waits on this process.
  const verifySaved = () => {
    const savedHash = kb.savedSourceHash();
    if (savedHash === undefined) return;
    void kb.sourcesChanged(savedHash, 2000).then((changed) => {
      if (changed && !stopping) build('the articles changed since it was built');
    });
  };

  const broadcast = (m: WorkerMessage) => {
    for (const w of serving.keys()) if (w.isConnected()) w.send(m);
  };

  const build = (reason: string) => {
    if (building || stopping) return;
    if (failedBuilds >= 2) return say(`not building the index again after ${failedBuilds} failures; fix the cause above and restart kbsleuth.`);
    say(`building the index (${reason}) in a separate process; the workers answer 503 until it is ready.`);
    building = new Promise<void>((resolve) => {
      cluster.fork({ [WORKER_ROLE]: 'index' }).once('exit', (code, signal) => {
        building = undefined;
        // A build counts as failed until a worker serves it (one that cannot read it asks for another).
        failedBuilds++;
        if (code === 0) broadcast({ type: 'reload' });
        else say(`the index build failed (${signal ?? `exit code ${code}`}); see its message above.`);
        // With nothing saved to serve, the workers would answer 503 for ever: stop, as a lone server does.
        if (code !== 0 && kb.savedSourceHash() === undefined) giveUp('there is no index to serve');
        resolve();
      });
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
    const w = cluster.fork({ [WORKER_ROLE]: 'serve' });
    serving.set(w, { ready: false, startedAt: Date.now() });
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'listening' && !listening) {
        listening = true;
        say(`listening on ${m.url} (serving ${config.kbDirs.join(', ')} with ${config.workers} workers)`);
        // The first worker has loaded (or waits for a build): start the others now rather than beside it,
        // so the first one answers as soon as a lone server would.
        while (serving.size < config.workers) forkServer();
      } else if (m.type === 'rebuild') {
        build(m.reason);
      } else if (m.type === 'ready') {
        const entry = serving.get(w);
        if (entry) entry.ready = true;
        quickCrashes = 0;
        failedBuilds = 0;
        if (!allReady && serving.size === config.workers && [...serving.values()].every((e) => e.ready)) {
          allReady = true;
          say(`ready: ${m.articles} articles (${m.source} index) in ${config.workers} workers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
          verifySaved();
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
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    if (serving.size === 0) process.exit(process.exitCode ?? 0);
    setTimeout(() => process.exit(process.exitCode ?? 0), 15_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  forkServer();
  const savedHash = kb.savedSourceHash();
  if (savedHash === undefined) build('there is no saved index yet');
}

program
  .command('check')
  .alias('import')
  .description('load the articles and report counts and problems (no index is written)')
  .argument('[dirs...]', 'folders of articles (default KB_DIR or the bundled kb/)')
  .option('--problems <n>', 'list at most this many problems', '20')
  .option('--json', 'print the report as JSON')
  .action(async (dirs: string[], opts: { problems: string; json?: boolean }) => {
    const config = loadConfig(dirs.length ? { kbDirs: dirs } : {});
    const progress = progressReporter(config.progress && !opts.json);
    const result = await loadArticles(config.kbDirs, { onProgress: (d, t) => progress.update('load', d, t) });
    progress.stop();
    const byKind: Record<string, number> = {};
    for (const p of result.problems) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
    const report = { dirs: config.kbDirs, ...result.stats, articles: result.articles.length, problems: result.problems.length, problemsByKind: byKind };
    if (opts.json) {
      console.log(JSON.stringify({ ...report, problemList: result.problems.slice(0, Number(opts.problems)) }, null, 2));
    } else {
      console.log(`folders:       ${config.kbDirs.join(', ')}`);
      console.log(`files:         ${result.stats.files} (${result.stats.markdownFiles} markdown, ${result.stats.textFiles} text)`);
      console.log(`articles:      ${result.articles.length}`);
      console.log(`merged twins:  ${result.stats.mergedTwins}`);
      console.log(`problems:      ${result.problems.length}${Object.keys(byKind).length ? ' (' + Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', ') + ')' : ''}`);
      console.log(`elapsed:       ${(result.stats.elapsedMs / 1000).toFixed(1)} s`);
      for (const p of result.problems.slice(0, Number(opts.problems))) console.log(`  ${p.kind}: ${p.path}: ${p.message}`);
    }
    process.exitCode = result.articles.length ? 0 : 1;
  });

program
  .command('index')
  .description('build and save the search index for KB_DIR under DATA_DIR')
  .argument('[dirs...]', 'folders of articles (default KB_DIR or the bundled kb/)')
  .action(async (dirs: string[]) => {
    const config = loadConfig(dirs.length ? { kbDirs: dirs } : {});
    const { kb, progress } = openKb(config);
    const started = Date.now();
    const stats = await kb.rebuild();
    progress.stop();
    console.log(`indexed ${kb.state().articles} articles from ${stats.files} files in ${((Date.now() - started) / 1000).toFixed(1)} s -> ${kb.files.index}`);
  });

registerQueryCommands(program);

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`kbsleuth: ${err.message}\n`);
  process.exitCode = 1;
});
