/**
 * The command line: the only place that listens, prints and sets exit codes.
 *   kbsleuth serve                 serve KB_DIR on PORT (default command)
 *   kbsleuth check [dirs...]       load articles, print counts, problems by kind and the time taken
 *   kbsleuth index [dirs...]       build and save the search index
 *   kbsleuth troubleshoot [--json] read a paste on stdin, print the diagnoses
 */
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import type http from 'node:http';
import { loadConfig, type Config } from './config.js';
import { loadArticles } from './ingest/load-articles.js';
import { KnowledgeBase } from './knowledge-base.js';
import { createApp } from './web/app.js';
import { troubleshoot } from './troubleshoot/troubleshoot.js';
import type { TroubleshootResult } from './types.js';

type Step = 'load' | 'index' | 'hash';
const STEP_LABELS: Record<Step, string> = { load: 'Reading articles', index: 'Indexing', hash: 'Checking sources' };

/** A progress bar on a terminal; a few plain lines otherwise (CI logs, pipes). */
function progressReporter(enabled: boolean) {
  let bar: cliProgress.SingleBar | undefined;
  let step: Step | undefined;
  let lastQuarter = -1;
  const tty = process.stderr.isTTY;
  return {
    update(s: Step, done: number, total: number) {
      if (!enabled) return;
      if (s !== step) {
        bar?.stop();
        bar = undefined;
        step = s;
        lastQuarter = -1;
        if (tty) {
          bar = new cliProgress.SingleBar({ format: `${STEP_LABELS[s]} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(total, 0);
        }
      }
      if (bar) {
        bar.setTotal(total);
        bar.update(done);
        if (done >= total) { bar.stop(); bar = undefined; }
      } else {
        const quarter = total ? Math.floor((done / total) * 4) : 4;
        if (quarter !== lastQuarter) {
          lastQuarter = quarter;
          process.stderr.write(`${STEP_LABELS[s]}: ${done}/${total}\n`);
        }
      }
    },
    stop() { bar?.stop(); },
  };
}

function openKb(config: Config) {
  const progress = progressReporter(config.progress);
  const kb = new KnowledgeBase(config, { log: (m) => process.stderr.write(m + '\n'), progress: (s, d, t) => progress.update(s, d, t) });
  return { kb, progress };
}

const program = new Command();
program.name('kbsleuth').description('Search and troubleshoot with the KB archive.').showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('serve the knowledge base over HTTP')
  .addOption(new Option('-p, --port <port>', 'port (env PORT)').argParser((v) => Number.parseInt(v, 10)))
  .option('--no-progress', 'no progress bars')
  .action(async (opts: { port?: number; progress: boolean }) => {
    const config = loadConfig({ port: opts.port, progress: opts.progress });
    const { kb } = openKb(config);
    const app = createApp({ kb }, { ...config, development: process.env.NODE_ENV === 'development' });
    const server = app.listen(config.port, config.host, () => {
      process.stderr.write(`kbsleuth: listening on http://${config.host}:${(server.address() as { port: number }).port} (serving ${config.kbDirs.join(', ')})\n`);
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
      process.stderr.write(`kbsleuth: ${signal}: finishing requests in flight, then stopping.\n`);
      stopping = true;
      for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
      kb.close();
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 10_000).unref();
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
    const started = Date.now();
    try {
      await kb.open({ trustSaved: true });
      if (config.watch) kb.watch();
      process.stderr.write(`kbsleuth: ready: ${kb.state().articles} articles (${kb.state().source} index) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (err) {
      process.stderr.write(`kbsleuth: ${(err as Error).message}\n`);
      process.exitCode = 1;
      server.close();
    }
  });

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

program
  .command('troubleshoot')
  .description('read a pasted log on standard input and print the articles that explain it')
  .option('--json', 'print JSON (the same as POST /api/troubleshoot)')
  .option('-a, --answer <key=value...>', 'answer a question, e.g. version:sms=1.2')
  .action(async (opts: { json?: boolean; answer?: string[] }) => {
    const config = loadConfig({ progress: false });
    const { kb } = openKb(config);
    const text = await readStdin(config.maxPasteBytes);
    if (!text.trim()) {
      process.stderr.write('kbsleuth troubleshoot: nothing on standard input; pipe a log in: kbsleuth troubleshoot < distmgr.log\n');
      process.exitCode = 2;
      return;
    }
    await kb.open();
    const answers = Object.fromEntries((opts.answer ?? []).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
    const result = troubleshoot(await kb.troubleshootSources(), text, { answers });
    console.log(opts.json ? JSON.stringify(result, null, 2) : formatDiagnoses(result));
  });

async function readStdin(limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function formatDiagnoses(r: TroubleshootResult): string {
  const out: string[] = [];
  if (r.notice) out.push(r.notice);
  for (const d of r.diagnoses) {
    out.push(`${d.id}: ${d.title}  (confidence ${Math.round(d.confidence * 100)}%, problem ${d.group})`);
    out.push(`  fix status: ${d.fixStatus.state}${d.fixStatus.fixedIn ? ` — fixed in ${d.fixStatus.fixedIn}` : ''}`);
    if (d.verdict) out.push(`  for ${d.verdict.version}: ${d.verdict.text}`);
    for (const e of d.evidence) out.push(`  line ${e.line} (${e.kind}): ${e.text.trim()}\n      matched: ${e.matched}`);
    if (d.cause) out.push(`  cause: ${oneLine(d.cause)}`);
    if (d.workaround) out.push(`  workaround: ${oneLine(d.workaround)}`);
    if (d.resolution) out.push(`  resolution: ${oneLine(d.resolution)}`);
    out.push('');
  }
  if (r.question) out.push(`question (${r.question.id}): ${r.question.text} choices: ${r.question.choices.map((c) => c.value).join(', ')}  -> rerun with --answer ${r.question.id}=VALUE`);
  if (r.unexplained.length) out.push(`unexplained lines: ${r.unexplained.map((u) => u.line).join(', ')}`);
  return out.join('\n');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 400);

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`kbsleuth: ${err.message}\n`);
  process.exitCode = 1;
});
