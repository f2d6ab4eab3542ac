/**
 * Measures quoted-line signatures on the real archive and the dev log cases:
 *   - how many articles yield a signature, how many signatures, how long extraction takes;
 *   - for each dev `log` case, whether some pasted line (stripLogPrefix + templateOf) reaches
 *     similarity >= 0.8 with a signature of an expected article, per tier.
 *
 *   node --import tsx scripts/eval-signatures.ts [--archive /tmp/kbarchive] [--eval ../shared/eval/dev.jsonl]
 *        [--misses /tmp/signature-misses.txt] [--threshold 0.8] [--dump /tmp/signatures.tsv]
 *
 * Articles come from the project's own loader (both formats, twins merged).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadArticles } from '../src/ingest/load-articles.js';
import type { Signature } from '../src/types.js';
import { splitLogLines } from '../src/signals/log-lines.js';
import { extractSignatures } from '../src/signals/quoted-lines.js';
import { templateOf, templateSimilarity, templateTokens } from '../src/signals/templates.js';
import { DEV_CASES_FILE, readDevCases } from './dev-cases.js';

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
  return {
    archive: get('archive', process.env.KBARCHIVE_DIR || '/tmp/kbarchive'),
    evalFile: get('eval', DEV_CASES_FILE),
    misses: get('misses', '/tmp/signature-misses.txt'),
    threshold: Number(get('threshold', '0.8')),
    dump: get('dump', '') || undefined,
  };
}

async function main(): Promise<void> {
  const opts = readOptions(process.argv.slice(2));
  if (!existsSync(path.join(opts.archive, 'txt')) && !existsSync(path.join(opts.archive, 'kb')))
    throw new Error(`eval-signatures: no archive at ${opts.archive}; run ../shared/corpus/unpack.sh or pass --archive.`);
  const loaded = await loadArticles([opts.archive]);

  const byId = new Map<string, Signature[]>();
  let withSignature = 0;
  let total = 0;
  let extractMs = 0;
  // CPU time as well as wall time: on a shared machine the wall clock also counts other people's work.
  let extractCpuMs = 0;
  for (const article of loaded.articles) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const sigs = extractSignatures(article.sections);
    extractMs += performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    extractCpuMs += (c1.user + c1.system) / 1000;
    if (sigs.length) withSignature++;
    total += sigs.length;
    byId.set(article.id, sigs);
  }
  const articles = loaded.articles.length;
  if (opts.dump) {
    const rows = [...byId].flatMap(([id, sigs]) => sigs.map((s) => `${id}\t${s.section}\t${s.line}\t${s.template}`));
    writeFileSync(opts.dump, rows.join('\n'));
  }
  console.log(
    `articles: ${articles}, with >= 1 signature: ${withSignature} (${pct(withSignature, articles)}), signatures: ${total}, extraction: ${(extractMs / 1000).toFixed(2)} s wall, ${(extractCpuMs / 1000).toFixed(2)} s CPU`,
  );

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

  const cases = readDevCases(opts.evalFile, 'log');
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
      missText.push(
        `== ${c.id} ${c.tier} expect ${c.expect.join(',')} best ${best.sim}\n  line: ${best.line}\n  sig:  ${best.sig}\n  signatures (${sigs.length}):\n${sigs.slice(0, 30).join('\n')}\n  input:\n${c.input
          .split('\n')
          .map((l) => `    | ${l}`)
          .join('\n')}\n`,
      );
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
  const top = [...falseLeads]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 200)
    .map(([t, n]) => `${n}\t${t}`);
  writeFileSync(
    opts.misses,
    `${missText.join('\n')}\n== signatures most often reached by lines of cases that do not expect their article\n${top.join('\n')}\n`,
  );
  console.log(`misses written to ${opts.misses}`);
}

function pct(a: number, b: number): string {
  return `${b ? ((100 * a) / b).toFixed(1) : '0.0'}%`;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
