/**
 * Scores the dev cases in process (no HTTP), for tuning: the same measures as ../shared/eval/score.mjs.
 *   node --import tsx scripts/eval-dev.ts [--kind log|search] [--misses] [--kb /tmp/kbarchive] [--data DIR]
 * Uses (or builds) the saved index of --kb under --data.
 */
import { KnowledgeBase } from '../src/knowledge-base.js';
import { troubleshoot } from '../src/troubleshoot/troubleshoot.js';
import { DEV_CASES_FILE, readDevCases } from './dev-cases.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const kind = opt('--kind');
const showMisses = args.includes('--misses');
const kb = new KnowledgeBase(
  { kbDirs: [opt('--kb', '/tmp/kbarchive')!], dataDir: opt('--data', '/tmp/kbs-full')!, maxQueryChars: 2000 },
  { log: (m) => console.error(m) },
);
await kb.open({ trustSaved: true });
const cases = readDevCases(opt('--cases', DEV_CASES_FILE)!).filter((c) => c.kind !== 'status');
const rows: { tier: string; kind: string; rank: number; ms: number; id: string; got: string[]; expect: string[] }[] = [];
for (const c of cases) {
  if (kind && c.kind !== kind) continue;
  const t = performance.now();
  const ids =
    c.kind === 'log'
      ? troubleshoot(await kb.troubleshootSources(), c.input, { limit: 10 }).diagnoses.map((d) => d.id)
      : kb.search(c.input, { limit: 10 }).results.map((r) => r.id);
  const ms = performance.now() - t;
  const rank = ids.findIndex((id) => c.expect.includes(id)) + 1;
  rows.push({ tier: c.tier, kind: c.kind, rank, ms, id: c.id, got: ids.slice(0, 3), expect: c.expect });
}
for (const k of ['log', 'search']) {
  const rs = rows.filter((r) => r.kind === k);
  if (!rs.length) continue;
  for (const tier of ['ALL', ...new Set(rs.map((r) => r.tier))]) {
    const t = tier === 'ALL' ? rs : rs.filter((r) => r.tier === tier);
    const top3 = t.filter((r) => r.rank && r.rank <= 3).length / t.length;
    const mrr = t.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / t.length;
    const ms = t.map((r) => r.ms).sort((a, b) => a - b);
    console.log(
      `${k} ${tier.padEnd(9)} n=${String(t.length).padStart(3)} top1=${(t.filter((r) => r.rank === 1).length / t.length).toFixed(3)} top3=${top3.toFixed(3)} mrr=${mrr.toFixed(3)} p50=${ms[Math.floor(ms.length / 2)].toFixed(1)}ms p95=${ms[Math.floor(ms.length * 0.95)].toFixed(1)}ms`,
    );
  }
  if (showMisses)
    for (const r of rs.filter((r) => !r.rank || r.rank > 3))
      console.log(`  miss ${r.id} ${r.tier} rank=${r.rank} expect=${r.expect.join(',')} got=${r.got.join(',')}`);
}
