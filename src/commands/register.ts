/**
 * The query commands on the command line: search, article and troubleshoot. Each asks the server named by
 * --url or KBSLEUTH_URL when there is one, else reads the saved index under DATA_DIR.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { processOutput, runCommand, usage, withUsageExit } from './command-output.js';
import { serverBase } from './server-client.js';
import type { Where } from './search.js';

/** Where a command asks (a server or the saved index) and where its permalinks point. */
function whereOf(config: Config, url: string | undefined): Where {
  const raw = url ?? config.serverUrl;
  if (raw) {
    const server = serverBase(raw);
    return { server, linkBase: config.publicUrl ?? server };
  }
  if (config.publicUrl) return { linkBase: config.publicUrl };
  // Where `kbsleuth serve` listens with the same settings.
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return { linkBase: `http://${host}:${config.port}` };
}

/** --answer KEY=VALUE, repeatable; anything without a key and an '=' is a usage error rather than a misread key. */
function collectAnswer(value: string, previous: string[] = []): string[] {
  if (!/^[^=]+=/.test(value))
    throw new InvalidArgumentError(`write the answer as KEY=VALUE, e.g. --answer version:sms=1.2 (the question's id, '=', a choice).`);
  return [...previous, value];
}

const URL_HELP = 'ask the kbsleuth server at this address (env KBSLEUTH_URL) instead of reading the saved index';

export function registerQueryCommands(program: Command): void {
  withUsageExit(
    program
      .command('search')
      .description('search the knowledge base; prints number, title, fix status and permalink of each hit')
      .argument('[query...]', 'words, "phrases", -excluded words, codes and filters such as product:sms, as on the search page')
      .option('--product <name>', 'only articles for this product')
      .option('--version <version>', 'only articles for this version (1.2, or sms:1.2)')
      .option('--status <state>', 'only articles with this fix status (fixed, confirmed, by-design, none)')
      .option('--type <type>', 'only articles of this issue type (bug, info, howto, …)')
      .option('--code <code>', 'only articles quoting this error code (0x80070020, error 32)')
      .option('--limit <n>', 'hits to print, 0 to 100', '10')
      .option('--offset <n>', 'hits to skip first', '0')
      .option('--json', 'print JSON, the same as GET /api/search')
      .option('--url <url>', URL_HELP),
  ).action(async (words: string[], opts: { json?: boolean; url?: string }) => {
    const output = processOutput(Boolean(opts.json));
    await runCommand('search', output, async () => {
      const { searchCommand } = await import('./search.js');
      const config = loadConfig({ progress: false });
      return searchCommand(words, opts, config, whereOf(config, opts.url), output);
    });
  });

  withUsageExit(
    program
      .command('article')
      .description('print an article\'s ticket text (cause, workaround, resolution, fix status), as the page\'s "Copy for ticket" does')
      .argument('<id>', 'article number: Q161043 or 161043')
      .option('--format <format>', 'text, markdown, or json (the whole article)', 'text')
      .option('--version <version>', 'the version the user runs: adds what the fix status means for it')
      .option('--url <url>', URL_HELP),
  ).action(async (id: string, opts: { format?: string; version?: string; url?: string }) => {
    const output = processOutput(opts.format === 'json');
    await runCommand('article', output, async () => {
      const { articleCommand } = await import('./article.js');
      const config = loadConfig({ progress: false });
      return articleCommand(id, opts, config, whereOf(config, opts.url), output);
    });
  });

  withUsageExit(
    program
      .command('troubleshoot')
      .description('read a pasted log on standard input and print the articles that explain it')
      .option('--json', 'print JSON, the same as POST /api/troubleshoot')
      .option('-a, --answer <key=value...>', 'answer a question, e.g. version:sms=1.2', collectAnswer)
      .option('--limit <n>', 'diagnoses to print, 1 to 20', '5')
      .option('--url <url>', URL_HELP),
  ).action(async (opts: { json?: boolean; answer?: string[]; limit?: string; url?: string }) => {
    const output = processOutput(Boolean(opts.json));
    await runCommand('troubleshoot', output, async () => {
      const { troubleshootCommand } = await import('./troubleshoot.js');
      const config = loadConfig({ progress: false });
      const where = whereOf(config, opts.url);
      return troubleshootCommand(await readStdin(config.maxPasteBytes), opts, config, where, output);
    });
  });
}

/** Standard input; a paste over `limit` bytes is bad usage, as the API answers it 413. */
async function readStdin(limit: number): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('kbsleuth troubleshoot: reading the paste from the terminal; end it with Ctrl-D.\n');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    usage(size <= limit, `the paste is larger than the ${limit} bytes read; pipe in the lines around the error instead.`);
  }
  return Buffer.concat(chunks).toString('utf8');
}
