/**
 * Dev tool: scores readFixStatus on the `status` cases of ../shared/eval/dev.jsonl and surveys the
 * whole archive (state counts, fixedIn coverage, time).
 *
 *   node --import tsx scripts/eval-fix-status.ts            # dev cases, then the archive
 *   node --import tsx scripts/eval-fix-status.ts --dev      # dev cases only
 *   node --import tsx scripts/eval-fix-status.ts --show Q174470
 *
 * Reads the archive from KBARCHIVE_DIR or /tmp/kbarchive. Uses the project's text parser when it
 * exists, otherwise a minimal section splitter kept here (not in src/) for the evaluation only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../src/config.js';
import { readFixStatus } from '../src/signals/fix-status.js';
import type { Article, Section } from '../src/types.js';

type FixInput = Parameters<typeof readFixStatus>[0];
type Parse = (text: string, file: string) => FixInput | undefined;

const ARCHIVE = process.env.KBARCHIVE_DIR || '/tmp/kbarchive';
const SHARED = path.resolve(PROJECT_DIR, '..', 'shared', 'eval');

async function loadParser(): Promise<{ parse: Parse; name: string }> {
  try {
    const mod = (await import('../src/ingest/text.js')) as { parseTextArticle?: (t: string, f: unknown) => unknown };
    if (typeof mod.parseTextArticle === 'function') {
      const fn = mod.parseTextArticle;
      return {
        name: 'src/ingest/text.ts',
        parse: (text, file) => {
          const a = fn(text, { path: file, format: 'text', encoding: 'windows-1252' }) as Article | { kind: string };
          return 'sections' in a ? a : undefined;
        },
      };
    }
  } catch {
    // fall through to the minimal splitter
  }
  return { name: 'minimal splitter', parse: splitMinimal };
}

/** Headings are lines followed by a line of '='; keywords from the KEYWORDS: line. Evaluation only. */
function splitMinimal(text: string): FixInput {
  const lines = text.split(/\r?\n/);
  const sections: Section[] = [];
  let cur: Section | undefined;
  let buf: string[] = [];
  const flush = () => {
    if (cur) sections.push({ ...cur, text: buf.join('\n') });
    buf = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\s*=+\s*$/.test(l)) continue;
    if (l.trim() && i + 1 < lines.length && /^\s*={3,}\s*$/.test(lines[i + 1])) {
      flush();
      const heading = l.trim();
      cur = { kind: heading.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), heading, text: '' };
      continue;
    }
    buf.push(l);
  }
  flush();
  const kw = /^KEYWORDS:(.*)$/m.exec(text)?.[1] ?? '';
  const title = /^TITLE\s*:(.*)$/m.exec(text)?.[1]?.trim() ?? '';
  const product = /^PRODUCT\s*:(.*)$/m.exec(text)?.[1]?.trim() ?? '';
  const applies = /applies to:\s*\n([\s\S]*?)\n-{5,}/.exec(text)?.[1] ?? '';
  return {
    sections,
    keywords: kw.split(/\s+/).filter(Boolean),
    appliesTo: applies.split('\n').map((l) => l.replace(/^\s*-\s*/, '').trim()).filter(Boolean),
    products: product ? [product] : [],
    title,
  };
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
  const { parse, name } = await loadParser();
  const args = process.argv.slice(2);
  const show = args.indexOf('--show');
  if (show >= 0) {
    const id = args[show + 1];
    const a = parse(readFileSync(txtPath(id), 'latin1'), txtPath(id));
    console.log(JSON.stringify(a && readFixStatus(a), null, 2));
    return;
  }
  console.log(`parser: ${name}`);
  const match = await loadMatcher();
  const cases = readFileSync(path.join(SHARED, 'dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { kind: string; article: string; state: string; fixedIn: string | null })
    .filter((c) => c.kind === 'status');
  let stateOk = 0;
  let fixTotal = 0;
  let fixOk = 0;
  for (const c of cases) {
    const file = txtPath(c.article);
    const a = existsSync(file) ? parse(readFileSync(file, 'latin1'), file) : undefined;
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
  console.log(`dev: state accuracy ${(stateOk / cases.length).toFixed(3)} (${stateOk}/${cases.length})  fixedIn ${(fixOk / fixTotal).toFixed(3)} (${fixOk}/${fixTotal})`);
  if (args.includes('--dev')) return;

  const counts: Record<string, number> = {};
  let withFixedIn = 0;
  let researching = 0;
  // Parse everything first so the timing below is readFixStatus alone, not the parser's garbage.
  const t0 = performance.now();
  const articles: FixInput[] = [];
  const root = path.join(ARCHIVE, 'txt');
  for (const dir of readdirSync(root).sort()) {
    for (const f of readdirSync(path.join(root, dir))) {
      const file = path.join(root, dir, f);
      const a = parse(readFileSync(file, 'latin1'), file);
      if (a) articles.push(a);
    }
  }
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
  console.log(`time: readFixStatus ${(readMs / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU (${((readMs / articles.length) * 1000).toFixed(0)} µs/article); reading+parsing ${((t1 - t0) / 1000).toFixed(1)} s, all ${(total / 1000).toFixed(1)} s`);
}

await main();
