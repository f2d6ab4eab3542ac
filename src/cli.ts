/**
 * The command line: reads the arguments, prints, sets exit codes. `serve` runs from src/serve/, which listens
 * (the app factory never does).
 *   kbsleuth serve                 serve KB_DIR on PORT (default command), in WORKERS processes
 *   kbsleuth check [dirs...]       load articles, print counts, problems by kind and the time taken
 *   kbsleuth index [dirs...]       build and save the search index
 *   kbsleuth db status|migrate     the store's schema version (SQLite file or DATABASE_URL), bring it up to date
 *   kbsleuth troubleshoot [--json] read a paste on stdin, print the diagnoses
 *   kbsleuth search QUERY...       search, print the hits
 *   kbsleuth article ID            print an article's ticket text
 * The last three (src/commands/) ask a running server when KBSLEUTH_URL (or --url) names one, else read the
 * saved index. Each command imports what it runs when it runs: the web stack alone takes longer to load than a
 * query command takes to answer.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import cluster from 'node:cluster';
import { withUsageExit } from './commands/command-output.js';
import { registerQueryCommands } from './commands/register.js';
import { loadConfig } from './config.js';
import { WORKER_ROLE } from './serve/messages.js';
import type { SchemaStatus } from './store/storage.js';

/** --port: a whole number from 0 to 65535 (0: any free port), or commander's usage error. */
function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError('give a whole number from 0 to 65535, e.g. --port 3000.');
  return n;
}

/** --problems: how many problems to list, a whole number. */
function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('give a whole number, e.g. --problems 50.');
  return Number(value);
}

const program = new Command();
program.name('kbsleuth').description('Search and troubleshoot with the KB archive.').showHelpAfterError();
// Every command, not only the query commands, exits 2 on bad usage (an unknown option, a bad --port).
withUsageExit(program);

program
  .command('serve', { isDefault: true })
  .description('serve the knowledge base over HTTP (WORKERS processes, one per core by default)')
  .addOption(new Option('-p, --port <port>', 'port (env PORT)').argParser(parsePort))
  .option('--no-progress', 'no progress bars')
  .action(async (opts: { port?: number; progress: boolean }) => {
    const config = loadConfig({ port: opts.port, progress: opts.progress });
    if (cluster.isPrimary && config.workers > 1) return (await import('./serve/primary.js')).servePrimary(config);
    if (cluster.isWorker && process.env[WORKER_ROLE] === 'index') return (await import('./serve/build-for-primary.js')).buildForPrimary(config);
    return (await import('./serve/serve-http.js')).serveHttp(config);
  });

program
  .command('check')
  .alias('import')
  .description('load the articles and report counts and problems (no index is written)')
  .argument('[dirs...]', 'folders of articles (default KB_DIR or the bundled kb/)')
  .addOption(new Option('--problems <n>', 'list at most this many problems').default(20).argParser(parseCount))
  .option('--json', 'print the report as JSON')
  .action(async (dirs: string[], opts: { problems: number; json?: boolean }) => {
    const config = loadConfig(dirs.length ? { kbDirs: dirs } : {});
    const [{ loadArticles }, { progressReporter }] = await Promise.all([import('./ingest/load-articles.js'), import('./serve/open-kb.js')]);
    const progress = progressReporter(config.progress && !opts.json);
    const result = await loadArticles(config.kbDirs, { onProgress: (d, t) => progress.update('load', d, t) });
    progress.stop();
    const byKind: Record<string, number> = {};
    for (const p of result.problems) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
    const report = { dirs: config.kbDirs, ...result.stats, articles: result.articles.length, problems: result.problems.length, problemsByKind: byKind };
    if (opts.json) {
      console.log(JSON.stringify({ ...report, problemList: result.problems.slice(0, opts.problems) }, null, 2));
    } else {
      console.log(`folders:       ${config.kbDirs.join(', ')}`);
      console.log(`files:         ${result.stats.files} (${result.stats.markdownFiles} markdown, ${result.stats.textFiles} text)`);
      console.log(`articles:      ${result.articles.length}`);
      console.log(`merged twins:  ${result.stats.mergedTwins}`);
      console.log(
        `problems:      ${result.problems.length}${
          Object.keys(byKind).length
            ? ' (' +
              Object.entries(byKind)
                .map(([k, n]) => `${k} ${n}`)
                .join(', ') +
              ')'
            : ''
        }`,
      );
      console.log(`elapsed:       ${(result.stats.elapsedMs / 1000).toFixed(1)} s`);
      for (const p of result.problems.slice(0, opts.problems)) console.log(`  ${p.kind}: ${p.path}: ${p.message}`);
    }
    process.exitCode = result.articles.length ? 0 : 1;
  });

program
  .command('index')
  .description('build and save the search index for KB_DIR under DATA_DIR')
  .argument('[dirs...]', 'folders of articles (default KB_DIR or the bundled kb/)')
  .action(async (dirs: string[]) => {
    const config = loadConfig(dirs.length ? { kbDirs: dirs } : {});
    const { openKb } = await import('./serve/open-kb.js');
    const { kb, progress } = openKb(config);
    const started = Date.now();
    const stats = await kb.rebuild();
    progress.stop();
    console.log(`indexed ${kb.state().articles} articles from ${stats.files} files in ${((Date.now() - started) / 1000).toFixed(1)} s -> ${kb.files.index}`);
  });

registerQueryCommands(program);

const db = program.command('db').description('the store of shares, feedback and gaps: the SQLite file under DATA_DIR, or PostgreSQL at DATABASE_URL');

db.command('status')
  .description('print the schema version and the steps still to apply (changes nothing)')
  .action(async () => {
    const { storageStatus } = await import('./store/open-storage.js');
    const status = await storageStatus(loadConfig({ progress: false }));
    console.log(formatStatus(status));
    process.exitCode = status.pending.length ? 3 : 0;
  });

db.command('migrate')
  .description('apply the missing schema steps (one host at a time; servers also do it when they start)')
  .action(async () => {
    const { migrateStorage } = await import('./store/open-storage.js');
    const { before, after } = await migrateStorage(loadConfig({ progress: false }));
    console.log(
      before.current === after.current ? `already at schema version ${after.current}` : `migrated from schema version ${before.current} to ${after.current}`,
    );
    console.log(formatStatus(after));
  });

function formatStatus(s: SchemaStatus): string {
  const lines = [`store:    ${s.kind} ${s.where}`, `schema:   version ${s.current} of ${s.latest}`];
  if (s.pending.length)
    lines.push(`pending:  ${s.pending.map((p, i) => `${s.current + i + 1} ${p}`).join('; ')} (run \`kbsleuth db migrate\`, or start a server)`);
  if (s.note) lines.push(s.note);
  return lines.join('\n');
}

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`kbsleuth: ${err.message}\n`);
  process.exitCode = 1;
});
