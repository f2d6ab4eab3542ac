/**
 * Dev tool: scores readFixStatus on the `status` cases of ../shared/eval/dev.jsonl and surveys the
 * whole archive (state counts, fixedIn coverage, time).
 *
 *   node --import tsx scripts/eval-fix-status.ts            # dev cases, then the archive
 *   node --import tsx scripts/eval-fix-status.ts --dev      # dev cases only
 *   node --import tsx scripts/eval-fix-status.ts --show Q174470
 *
 * Reads the archive from KBARCHIVE_DIR or /tmp/kbarchive with the project's own loader (both formats, twins merged).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../src/config.js';
import { isLoadProblem, loadArticleFile, loadArticles } from '../src/ingest/load-articles.js';
import { readFixStatus } from '../src/signals/fix-status.js';
import type { Article } from '../src/types.js';
import { DEV_CASES_FILE, readDevCases } from './dev-cases.js';

const ARCHIVE = process.env.KBARCHIVE_DIR || '/tmp/kbarchive';
const SHARED = path.resolve(PROJECT_DIR, '..', 'shared', 'eval');

/** One article, read from its text file as the loader reads it; undefined when it is missing or not an article. */
async function readArticle(id: string): Promise<Article | undefined> {
  const file = txtPath(id);
  if (!existsSync(file)) return undefined;
  const a = await loadArticleFile(file);
  return isLoadProblem(a) ? undefined : a;
}

function txtPath(id: string): string {
  const n = Number(id.replace(/^Q/i, ''));
  return path.join(ARCHIVE, 'txt', String(Math.floor(n / 1000)).padStart(3, '0'), `Q${n}.TXT`);
}

type Matcher = (label: string, got: string | undefined) => boolean | null;
async function loadMatcher(): Promise<Matcher> {
  const file = path.join(SHARED, 'score.mjs');
  const mod = (await import(file)) as { fixedInMatch: Matcher };
  return mod.fixedInMatch;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ARCHIVE, 'txt'))) {
    console.error(`eval-fix-status: no archive at ${ARCHIVE}/txt; run ../shared/corpus/unpack.sh or set KBARCHIVE_DIR.`);
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const show = args.indexOf('--show');
  if (show >= 0) {
    const id = args[show + 1];
    const a = await readArticle(id);
    console.log(JSON.stringify(a && readFixStatus(a), null, 2));
    return;
  }
  const match = await loadMatcher();
  const cases = readDevCases(DEV_CASES_FILE, 'status');
  let stateOk = 0;
  let fixTotal = 0;
  let fixOk = 0;
  for (const c of cases) {
    const a = await readArticle(c.article);
    const got = a ? readFixStatus(a) : { state: 'none' as const, fixedIn: undefined, sentence: 'NO ARTICLE' };
    const sOk = got.state === c.state;
    const fOk = c.fixedIn == null ? null : match(c.fixedIn, got.fixedIn);
    if (sOk) stateOk++;
    if (fOk !== null) {
      fixTotal++;
      if (fOk) fixOk++;
    }
    if (!sOk || fOk === false) {
      console.log(`MISS ${c.article} want ${c.state} / ${c.fixedIn ?? '-'}  got ${got.state} / ${got.fixedIn ?? '-'}\n     ${got.sentence ?? ''}`);
    }
  }
  console.log(
    `dev: state accuracy ${(stateOk / cases.length).toFixed(3)} (${stateOk}/${cases.length})  fixedIn ${(fixOk / fixTotal).toFixed(3)} (${fixOk}/${fixTotal})`,
  );
  if (args.includes('--dev')) return;

  const counts: Record<string, number> = {};
  let withFixedIn = 0;
  let researching = 0;
  // Load everything first so the timing below is readFixStatus alone, not the loader's garbage.
  const t0 = performance.now();
  const { articles } = await loadArticles([ARCHIVE]);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const a of articles) {
    const s = readFixStatus(a);
    counts[s.state] = (counts[s.state] ?? 0) + 1;
    if (s.fixedIn) withFixedIn++;
    if (s.researching) researching++;
  }
  const readMs = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  // CPU time as well as wall time: the machine is shared, and wall time then says more about the neighbours.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const total = performance.now() - t0;
  console.log(`archive: ${articles.length} articles  states ${JSON.stringify(counts)}  fixedIn ${withFixedIn}  researching ${researching}`);
  console.log(
    `time: readFixStatus ${(readMs / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU (${((readMs / articles.length) * 1000).toFixed(0)} µs/article); reading+parsing ${((t1 - t0) / 1000).toFixed(1)} s, all ${(total / 1000).toFixed(1)} s`,
  );
}

await main();
