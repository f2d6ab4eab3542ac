/**
 * Dumps what the engine answers for every dev case, in process, so a refactor can prove it changed nothing:
 * the full troubleshoot result (JSON) for a log case, the search result's top 10 (ids, scores, mode, total,
 * facets, excerpts) for a search case.
 *   node --import tsx scripts/dump-dev-results.ts --out /tmp/before.json [--kb /tmp/kbarchive] [--data DIR]
 *   node --import tsx scripts/dump-dev-results.ts --compare /tmp/before.json [--kb ...] [--data ...]
 * Uses (or builds) the saved index of --kb under --data. --compare exits 1 and names the first cases that differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { KnowledgeBase } from '../src/knowledge-base.js';
import { troubleshoot } from '../src/troubleshoot/troubleshoot.js';
import { DEV_CASES_FILE, readDevCases } from './dev-cases.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const out = opt('--out');
const compare = opt('--compare');
if (!out && !compare) {
  console.error('dump-dev-results: say where the dump goes (--out FILE) or what to compare it with (--compare FILE).');
  process.exit(2);
}

const kb = new KnowledgeBase(
  { kbDirs: [opt('--kb', '/tmp/kbarchive')!], dataDir: opt('--data', '/tmp/kbs-full')!, maxQueryChars: 2000 },
  { log: (m) => console.error(m) },
);
await kb.open({ trustSaved: true });
const sources = await kb.troubleshootSources();
const results: Record<string, unknown> = {};
for (const c of readDevCases(opt('--cases', DEV_CASES_FILE)!)) {
  if (c.kind === 'log') results[c.id] = troubleshoot(sources, c.input, {});
  else if (c.kind === 'search') {
    const r = kb.search(c.input, { limit: 10 });
    results[c.id] = { ids: r.results.map((h) => h.id), result: r };
  }
}
await kb.close();
const text = JSON.stringify(results, null, 1) + '\n';
if (out) {
  writeFileSync(out, text);
  console.log(`dump-dev-results: ${Object.keys(results).length} cases -> ${out}`);
}
if (compare) {
  const before = JSON.parse(readFileSync(compare, 'utf8')) as Record<string, unknown>;
  const differ = Object.keys({ ...before, ...results }).filter((id) => JSON.stringify(before[id]) !== JSON.stringify(results[id]));
  const identical = readFileSync(compare, 'utf8') === text;
  console.log(`dump-dev-results: ${Object.keys(results).length} cases; ${differ.length} differ from ${compare}; byte-identical: ${identical ? 'yes' : 'no'}`);
  for (const id of differ.slice(0, 20)) console.log(`  differs: ${id}`);
  if (!identical) process.exitCode = 1;
}
