/**
 * `kbsleuth troubleshoot < paste.log`: the articles that explain a pasted log, readable or, with --json,
 * what POST /api/troubleshoot answers. Exits 0 when something explains the paste, 1 when nothing does.
 */
import type { Config } from '../config.js';
import type { TroubleshootResult } from '../types.js';
import { EXIT, printJson, usage, type ExitCode, type Output } from './command-output.js';
import { oneLine, wholeNumber, type Where } from './search.js';
import { askServer, jsonOf } from './server-client.js';

interface TroubleshootCommandOptions {
  json?: boolean;
  answer?: string[];
  limit?: string;
}

export async function troubleshootCommand(text: string, opts: TroubleshootCommandOptions, config: Config, where: Where, output: Output): Promise<ExitCode> {
  usage(text.trim(), 'nothing on standard input; pipe a log in: kbsleuth troubleshoot < distmgr.log');
  const answers: Record<string, string> = {};
  for (const a of opts.answer ?? []) {
    const eq = a.indexOf('=');
    usage(eq > 0 && eq < a.length - 1, `--answer takes QUESTION=CHOICE, such as version:sms=1.2, not "${a.slice(0, 40)}".`);
    answers[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const limit = wholeNumber('--limit', opts.limit, 5, 1, 20);

  let result: TroubleshootResult;
  if (where.server) {
    result = jsonOf<TroubleshootResult>(where.server, await askServer(where.server, '/api/troubleshoot', { method: 'POST', json: { log: text, answers, limit } }));
  } else {
    const [{ SavedKb }, { troubleshootWithinBudget }] = await Promise.all([import('./saved-kb.js'), import('../troubleshoot/within-budget.js')]);
    const kb = new SavedKb(config);
    try {
      result = troubleshootWithinBudget(kb.troubleshootSources(), text, { answers, limit, maxLines: config.troubleshootMaxLines, maxMs: config.troubleshootMaxMs });
    } finally {
      kb.close();
    }
  }
  if (output.json) printJson(output, result);
  else output.out(formatDiagnoses(result, where.linkBase));
  return explains(result) ? EXIT.found : EXIT.nothing;
}

/** Whether the result explains the paste: its own verdict (`explained`), or, from a server of an older version without one, whether it has any diagnosis. */
function explains(result: TroubleshootResult): boolean {
  const { explained } = result as { explained?: unknown };
  return typeof explained === 'boolean' ? explained : result.diagnoses.length > 0;
}

function formatDiagnoses(r: TroubleshootResult, linkBase: string): string {
  const out: string[] = [];
  if (r.unread) out.push(r.unread);
  if (r.notice) out.push(r.notice, r.diagnoses.length ? 'related reading:' : '');
  else if (r.signals.logKind) out.push(`This looks like ${r.signals.logKind.label}.`, '');
  for (const d of r.diagnoses) {
    out.push(`${d.id}: ${oneLine(d.title)}  (${d.claim ? `confidence ${Math.round(d.confidence * 100)}%` : 'related reading'}; explains ${oneLine(d.explains)})`);
    out.push(`  ${linkBase}${d.url}`);
    out.push(`  fix status: ${d.fixStatus.state}${d.fixStatus.fixedIn ? ` — fixed in ${d.fixStatus.fixedIn}` : ''}`);
    if (d.verdict) out.push(`  for ${d.verdict.version}: ${d.verdict.text}`);
    for (const e of d.evidence) out.push(`  line ${e.line} (${e.kind}): ${oneLine(e.text)}\n      matched: ${oneLine(e.matched)}`);
    if (d.cause) out.push(`  cause: ${clip(d.cause)}`);
    if (d.workaround) out.push(`  workaround: ${clip(d.workaround)}`);
    if (d.resolution) out.push(`  resolution: ${clip(d.resolution)}`);
    out.push('');
  }
  if (r.question) out.push(`question (${r.question.id}): ${r.question.text} choices: ${r.question.choices.map((c) => c.value).join(', ')}  -> rerun with --answer ${r.question.id}=VALUE`);
  if (r.unexplained.length) out.push(`unexplained lines: ${r.unexplained.map((u) => u.line).join(', ')}`);
  return out.join('\n').trim();
}

const clip = (s: string) => oneLine(s).slice(0, 400);
