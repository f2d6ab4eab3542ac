/**
 * Measures quoted-line signatures on the real archive and the dev log cases:
 *   - how many articles yield a signature, how many signatures, how long extraction takes;
 *   - for each dev `log` case, whether some pasted line (stripLogPrefix + templateOf) reaches
 *     similarity >= 0.8 with a signature of an expected article, per tier.
 *
 *   node --import tsx scripts/eval-signatures.ts [--archive /tmp/kbarchive] [--eval ../shared/eval/dev.jsonl]
 *        [--misses /tmp/signature-misses.txt] [--threshold 0.8] [--dump /tmp/signatures.tsv]
 *
 * Sections come from src/ingest when it exports a section splitter; until then a minimal splitter for the
 * TXT format (a heading is a line followed by a line of `=`) stands in.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Section, Signature } from '../src/types.js';
import { splitLogLines } from '../src/signals/log-lines.js';
import { extractSignatures } from '../src/signals/quoted-lines.js';
import { templateOf, templateSimilarity, templateTokens } from '../src/signals/templates.js';

interface Options {
  archive: string;
  evalFile: string;
  misses: string;
  threshold: number;
  /** Write every signature (`id<TAB>section<TAB>line<TAB>template`) here when set. */
  dump?: string;
}

function readOptions(argv: string[]): Options {
  const get = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const here = path.dirname(new URL(import.meta.url).pathname);
  return {
    archive: get('archive', process.env.KBARCHIVE_DIR || '/tmp/kbarchive'),
    evalFile: get('eval', path.resolve(here, '..', '..', 'shared', 'eval', 'dev.jsonl')),
    misses: get('misses', '/tmp/signature-misses.txt'),
    threshold: Number(get('threshold', '0.8')),
    dump: get('dump', '') || undefined,
  };
}

type SplitSections = (text: string) => Section[];

/** A section splitter from src/ingest if one is exported there, else the minimal stand-in below. */
async function findSectionSplitter(): Promise<{ split: SplitSections; from: string }> {
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'src', 'ingest');
  for (const file of ['sections.ts', 'split-sections.ts', 'text-article.ts', 'parse-text.ts']) {
    const full = path.join(dir, file);
    if (!existsSync(full)) continue;
    const mod = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
    for (const name of ['splitSections', 'parseSections', 'sectionsOf', 'readSections']) {
      if (typeof mod[name] === 'function') return { split: mod[name] as SplitSections, from: `src/ingest/${file} ${name}` };
    }
  }
  return { split: splitTextSections, from: 'stand-in TXT splitter in scripts/eval-signatures.ts' };
}

/** Stand-in: body after the applies-to box, up to `Additional query words:`; headings underlined with `=`. */
function splitTextSections(raw: string): Section[] {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  let start = 0;
  for (let i = 0; i < Math.min(lines.length, 40); i++) {
    if (/^={30,}\s*$/.test(lines[i])) {
      start = i + 1;
      break;
    }
  }
  for (let i = start, dashes = 0; i < Math.min(lines.length, start + 80); i++) {
    if (/^-{20,}\s*$/.test(lines[i]) && ++dashes === 2) {
      start = i + 1;
      break;
    }
  }
  let end = lines.length;
  for (let i = start; i < lines.length; i++) {
    if (/^Additional query words:/.test(lines[i]) || /^={30,}\s*$/.test(lines[i])) {
      end = i;
      break;
    }
  }
  const sections: Section[] = [];
  let cur: Section = { kind: '', heading: '', text: '' };
  let buf: string[] = [];
  const flush = () => {
    cur.text = buf.join('\n');
    if (cur.heading || cur.text.trim()) sections.push(cur);
    buf = [];
  };
  for (let i = start; i < end; i++) {
    const l = lines[i];
    if (l.trim() && /^=+\s*$/.test(lines[i + 1] ?? '')) {
      flush();
      const heading = l.trim();
      cur = { kind: heading.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), heading, text: '' };
      i++;
      continue;
    }
    buf.push(l);
  }
  flush();
  return sections;
}

interface LogCase {
  id: string;
  kind: string;
  tier: string;
  input: string;
  expect: string[];
}

async function main(): Promise<void> {
  const opts = readOptions(process.argv.slice(2));
  const txtDir = path.join(opts.archive, 'txt');
  if (!existsSync(txtDir)) throw new Error(`eval-signatures: no archive at ${opts.archive}; run ../shared/corpus/unpack.sh or pass --archive.`);
  const { split, from } = await findSectionSplitter();
  console.log(`sections from: ${from}`);

  const byId = new Map<string, Signature[]>();
  let articles = 0;
  let withSignature = 0;
  let total = 0;
  let extractMs = 0;
  // CPU time as well as wall time: on a shared machine the wall clock also counts other people's work.
  let extractCpuMs = 0;
  for (const sub of readdirSync(txtDir).sort()) {
    for (const name of readdirSync(path.join(txtDir, sub))) {
      const m = /^Q0*(\d+)\.TXT$/i.exec(name);
      if (!m) continue;
      const sections = split(readFileSync(path.join(txtDir, sub, name), 'latin1'));
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const sigs = extractSignatures(sections);
      extractMs += performance.now() - t0;
      const c1 = process.cpuUsage(c0);
      extractCpuMs += (c1.user + c1.system) / 1000;
      articles++;
      if (sigs.length) withSignature++;
      total += sigs.length;
      byId.set(`Q${m[1]}`, sigs);
    }
  }
  if (opts.dump) {
    const rows = [...byId].flatMap(([id, sigs]) => sigs.map((s) => `${id}\t${s.section}\t${s.line}\t${s.template}`));
    writeFileSync(opts.dump, rows.join('\n'));
  }
  console.log(`articles: ${articles}, with >= 1 signature: ${withSignature} (${pct(withSignature, articles)}), signatures: ${total}, extraction: ${(extractMs / 1000).toFixed(2)} s wall, ${(extractCpuMs / 1000).toFixed(2)} s CPU`);

  // Inverted index over signature tokens, to count unexpected articles a paste also reaches (false leads).
  const flat: { id: string; sig: Signature; tokens: number }[] = [];
  const postings = new Map<string, number[]>();
  for (const [id, sigs] of byId) {
    for (const sig of sigs) {
      const toks = [...new Set(templateTokens(sig.template))];
      for (const t of toks) {
        let list = postings.get(t);
        if (!list) postings.set(t, (list = []));
        list.push(flat.length);
      }
      flat.push({ id, sig, tokens: toks.length });
    }
  }

  const cases = readFileSync(opts.evalFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogCase).filter((c) => c.kind === 'log');
  const tiers = new Map<string, { n: number; hit: number }>();
  const missText: string[] = [];
  let simMs = 0;
  const otherCounts: number[] = [];
  const falseLeads = new Map<string, number>();
  let comparisons = 0;
  for (const c of cases) {
    const lines = splitLogLines(c.input).map((l) => ({ l, t: templateOf(l.message) }));
    let best = { sim: 0, line: '', sig: '' };
    const t0 = performance.now();
    for (const id of c.expect) {
      for (const sig of byId.get(id) ?? []) {
        for (const { l, t } of lines) {
          comparisons++;
          const sim = templateSimilarity(t, sig.template);
          if (sim > best.sim) best = { sim, line: l.message, sig: sig.line };
        }
      }
    }
    simMs += performance.now() - t0;
    // Other articles with a signature >= threshold to some pasted line.
    const others = new Set<string>();
    for (const { t } of lines) {
      const shared = new Map<number, number>();
      for (const tok of new Set(templateTokens(t))) {
        const list = postings.get(tok);
        if (!list || list.length > 5000) continue;
        for (const k of list) shared.set(k, (shared.get(k) ?? 0) + 1);
      }
      for (const [k, count] of shared) {
        const f = flat[k];
        if (count * 2 < f.tokens || c.expect.includes(f.id) || others.has(f.id)) continue;
        if (templateSimilarity(t, f.sig.template) >= opts.threshold) {
          others.add(f.id);
          falseLeads.set(f.sig.template, (falseLeads.get(f.sig.template) ?? 0) + 1);
        }
      }
    }
    otherCounts.push(others.size);
    const tier = tiers.get(c.tier) ?? { n: 0, hit: 0 };
    tier.n++;
    if (best.sim >= opts.threshold) tier.hit++;
    else {
      const sigs = c.expect.flatMap((id) => (byId.get(id) ?? []).map((s) => `    ${id} [${s.section}] ${s.line}`));
      missText.push(`== ${c.id} ${c.tier} expect ${c.expect.join(',')} best ${best.sim}\n  line: ${best.line}\n  sig:  ${best.sig}\n  signatures (${sigs.length}):\n${sigs.slice(0, 30).join('\n')}\n  input:\n${c.input.split('\n').map((l) => `    | ${l}`).join('\n')}\n`);
    }
    tiers.set(c.tier, tier);
  }
  let all = 0;
  let hits = 0;
  for (const tier of ['easy', 'medium', 'hard']) {
    const t = tiers.get(tier);
    if (!t) continue;
    all += t.n;
    hits += t.hit;
    console.log(`${tier.padEnd(6)} ${t.hit}/${t.n} (${pct(t.hit, t.n)}) cases with a pasted line >= ${opts.threshold} to an expected article's signature`);
  }
  console.log(`all    ${hits}/${all} (${pct(hits, all)}); ${comparisons} comparisons in ${(simMs / 1000).toFixed(2)} s`);
  otherCounts.sort((a, b) => a - b);
  const q = (f: number) => otherCounts[Math.min(otherCounts.length - 1, Math.floor(f * otherCounts.length))];
  console.log(`unexpected articles reaching >= ${opts.threshold} per case: median ${q(0.5)}, p90 ${q(0.9)}, max ${q(1)}`);
  const top = [...falseLeads].sort((a, b) => b[1] - a[1]).slice(0, 200).map(([t, n]) => `${n}\t${t}`);
  writeFileSync(opts.misses, `${missText.join('\n')}\n== signatures most often reached by lines of cases that do not expect their article\n${top.join('\n')}\n`);
  console.log(`misses written to ${opts.misses}`);
}

function pct(a: number, b: number): string {
  return `${b ? ((100 * a) / b).toFixed(1) : '0.0'}%`;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
