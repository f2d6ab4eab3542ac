/**
 * How far the troubleshooter's claims can be trusted, in process: runs the dev log cases and the negatives
 * (../shared/eval/dev.jsonl, negatives-dev.jsonl) and prints the scorer's measures (top-3, MRR, right and
 * claimed, false alarms) and the reliability table the README quotes (shown confidence -> share right).
 *   node --import tsx scripts/eval-confidence.ts [--data DIR] [--kb /tmp/kbarchive] [--eval DIR] [--dump FILE] [--misses]
 * A first diagnosis of a negative is never right; a first diagnosis of a log case is right when it is expected.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeBase } from '../src/knowledge-base.js';
import { troubleshoot } from '../src/troubleshoot/troubleshoot.js';
import { DEV_CASES_FILE, readDevCases } from './dev-cases.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
// A worktree under /work/wt has no ../shared beside it: --eval DIR names the folder of the case files.
const evalDir = opt('--eval', existsSync(DEV_CASES_FILE) ? path.dirname(DEV_CASES_FILE) : '/work/shared/eval')!;
const devFile = path.join(evalDir, 'dev.jsonl');
const negativesFile = path.join(evalDir, 'negatives-dev.jsonl');
const kb = new KnowledgeBase({ kbDirs: [opt('--kb', '/tmp/kbarchive')!], dataDir: opt('--data', '/tmp/kbs-full')!, maxQueryChars: 2000 }, { log: (m) => console.error(m) });
await kb.open({ trustSaved: true });
const src = await kb.troubleshootSources();

interface Row {
  id: string;
  kind: 'log' | 'negative';
  tier: string;
  host?: string;
  expect: string[];
  rank: number;
  explained: boolean;
  logKind?: string;
  top: { id: string; title: string; confidence: number; score: number; claim: boolean; evidence: { line: number; kind: string; text: string; matched: string }[] }[];
}
const rows: Row[] = [];
const logCases = readDevCases(devFile, 'log');
const negatives = readDevCases(negativesFile) as unknown as { id: string; tier: string; host: string; input: string }[];
for (const c of [...logCases.map((c) => ({ ...c, kind: 'log' as const })), ...negatives.map((c) => ({ ...c, kind: 'negative' as const, expect: [] as string[] }))]) {
  const r = troubleshoot(src, c.input, { limit: 5 });
  const ids = r.diagnoses.map((d) => d.id);
  rows.push({
    id: c.id,
    kind: c.kind,
    tier: c.tier,
    host: 'host' in c ? c.host : undefined,
    expect: c.expect,
    rank: ids.findIndex((id) => c.expect.includes(id)) + 1,
    explained: r.explained,
    logKind: r.signals.logKind?.kind,
    top: r.diagnoses.slice(0, 5).map((d) => ({
      id: d.id,
      title: d.title,
      confidence: d.confidence,
      score: d.score,
      claim: d.claim,
      evidence: d.evidence.map((e) => ({ line: e.line, kind: e.kind, text: e.text.slice(0, 160), matched: e.matched.slice(0, 160) })),
    })),
  });
}
const dump = opt('--dump');
if (dump) writeFileSync(dump, JSON.stringify(rows, null, 1));

const f3 = (x: number) => x.toFixed(3);
const logs = rows.filter((r) => r.kind === 'log');
const negs = rows.filter((r) => r.kind === 'negative');
for (const tier of ['ALL', 'easy', 'medium', 'hard']) {
  const t = tier === 'ALL' ? logs : logs.filter((r) => r.tier === tier);
  const top3 = t.filter((r) => r.rank && r.rank <= 3).length / t.length;
  const mrr = t.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / t.length;
  const rc = t.filter((r) => r.rank && r.rank <= 3 && r.explained).length / t.length;
  console.log(`log ${tier.padEnd(7)} n=${String(t.length).padStart(3)} top1=${f3(t.filter((r) => r.rank === 1).length / t.length)} top3=${f3(top3)} mrr=${f3(mrr)} right-and-claimed=${f3(rc)}`);
}
const byHost = new Map<string, Row[]>();
for (const r of negs) byHost.set(r.host ?? '-', [...(byHost.get(r.host ?? '-') ?? []), r]);
console.log(`negatives false alarms ${negs.filter((r) => r.explained).length}/${negs.length} = ${f3(negs.filter((r) => r.explained).length / negs.length)}  (${[...byHost].map(([h, rs]) => `${h} ${rs.filter((r) => r.explained).length}/${rs.length}`).join(', ')})`);

// Reliability: every first diagnosis, bucketed by the confidence shown; right = an expected article.
console.log('\nshown confidence | first diagnoses | right | share right');
const buckets = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001];
for (let i = 0; i < buckets.length - 1; i++) {
  const lo = buckets[i];
  const hi = buckets[i + 1];
  const inB = rows.filter((r) => r.top[0] && r.top[0].confidence >= lo && r.top[0].confidence < hi);
  const right = inB.filter((r) => r.rank === 1).length;
  const mean = inB.reduce((s, r) => s + r.top[0].confidence, 0) / (inB.length || 1);
  console.log(`${Math.round(lo * 100)}–${Math.min(100, Math.round(hi * 100))}% (mean ${Math.round(mean * 100)}%) | ${inB.length} | ${right} | ${inB.length ? f3(right / inB.length) : '-'}`);
}
const claimed = rows.filter((r) => r.explained);
console.log(`explained: true -> first right ${claimed.filter((r) => r.rank === 1).length}/${claimed.length}, top 3 right ${claimed.filter((r) => r.rank && r.rank <= 3).length}/${claimed.length}`);

if (args.includes('--misses')) {
  for (const r of logs.filter((r) => !r.rank || r.rank > 3 || !r.explained)) console.log(`  log ${r.id} ${r.tier} rank=${r.rank} explained=${r.explained} expect=${r.expect.join(',')} got=${r.top.map((d) => `${d.id}@${d.confidence}`).join(' ')}`);
  for (const r of negs.filter((r) => r.explained)) console.log(`  neg ${r.id} kind=${r.logKind} got=${r.top.map((d) => `${d.id}@${d.confidence}`).join(' ')}`);
}
