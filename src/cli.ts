/**
 * The command line: reads the arguments, prints, sets exit codes. `serve` runs from src/serve/, which listens
 * (the app factory never does).
 *   kbsleuth serve                 serve KB_DIR on PORT (default command), in WORKERS processes
 *   kbsleuth check [dirs...]       load articles, print counts, problems by kind and the time taken
 *   kbsleuth index [dirs...]       build and save the search index
 *   kbsleuth troubleshoot [--json] read a paste on stdin, print the diagnoses
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import cluster from 'node:cluster';
import { loadConfig } from './config.js';
import { loadArticles } from './ingest/load-articles.js';
import { WORKER_ROLE } from './serve/messages.js';
import { openKb, progressReporter } from './serve/open-kb.js';
import { buildForPrimary, servePrimary } from './serve/primary.js';
import { serveHttp } from './serve/serve-http.js';
import { troubleshoot } from './troubleshoot/troubleshoot.js';
import type { TroubleshootResult } from './types.js';

/** --port: a whole number from 0 to 65535 (0: any free port), or commander's usage error. */
function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError('give a whole number from 0 to 65535, e.g. --port 3000.');
  return n;
}

/** --answer KEY=VALUE, repeatable; anything without a key and an '=' is a usage error rather than a misread key. */
function collectAnswer(value: string, previous: string[] = []): string[] {
  if (!/^[^=]+=/.test(value)) throw new InvalidArgumentError(`write the answer as KEY=VALUE, e.g. --answer version:sms=1.2 (the question's id, '=', a choice).`);
  return [...previous, value];
}

const program = new Command();
program.name('kbsleuth').description('Search and troubleshoot with the KB archive.').showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('serve the knowledge base over HTTP (WORKERS processes, one per core by default)')
  .addOption(new Option('-p, --port <port>', 'port (env PORT)').argParser(parsePort))
  .option('--no-progress', 'no progress bars')
  .action(async (opts: { port?: number; progress: boolean }) => {
    const config = loadConfig({ port: opts.port, progress: opts.progress });
    if (cluster.isPrimary && config.workers > 1) return servePrimary(config);
    if (cluster.isWorker && process.env[WORKER_ROLE] === 'index') return buildForPrimary(config);
    return serveHttp(config);
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
  .addOption(new Option('-a, --answer <key=value...>', 'answer a question, e.g. version:sms=1.2').argParser(collectAnswer))
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
  if (r.notice) out.push(r.notice, r.diagnoses.length ? 'related reading:' : '');
  else if (r.signals.logKind) out.push(`This looks like ${r.signals.logKind.label}.`);
  for (const d of r.diagnoses) {
    out.push(`${d.id}: ${d.title}  (${d.claim ? `confidence ${Math.round(d.confidence * 100)}%` : 'related reading'}; explains ${d.explains})`);
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
