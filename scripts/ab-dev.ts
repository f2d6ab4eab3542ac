/**
 * Two checkouts of kbsleuth in one process, on one saved index: the dev searches and pastes as whole passes,
 * the two alternating (order swapped each round), CPU time per pass. For a refactor on a busy machine, where
 * `npm run bench` run after run says more about the load than about the code.
 *   node --import tsx scripts/ab-dev.ts --a /tmp/kbsleuth-before --b . [--rounds 17] [--kb /tmp/kbarchive] [--data DIR] [--cases FILE]
 * Each checkout needs its node_modules (a symlink to this one's will do); the saved index of --kb under --data must exist.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEV_CASES_FILE, readDevCases, type InputCase } from './dev-cases.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const roots = { a: opt('--a'), b: opt('--b') };
if (!roots.a || !roots.b) {
  console.error('ab-dev: name the two checkouts to compare: --a DIR --b DIR (see the top of scripts/ab-dev.ts).');
  process.exit(2);
}
const rounds = Number(opt('--rounds', '17'));
const cases = readDevCases(opt('--cases', DEV_CASES_FILE)!).filter((c): c is InputCase => c.kind !== 'status');

interface Side {
  search(): void;
  troubleshoot(): void;
}

async function sideOf(root: string): Promise<Side> {
  const load = (file: string) => import(pathToFileURL(path.resolve(root, file)).href);
  const { KnowledgeBase } = await load('src/knowledge-base.ts');
  const { troubleshoot } = await load('src/troubleshoot/troubleshoot.ts');
  const kb = new KnowledgeBase({ kbDirs: [opt('--kb', '/tmp/kbarchive')], dataDir: opt('--data', '/tmp/kbs-full'), maxQueryChars: 2000 }, {});
  await kb.open({ trustSaved: true, build: false });
  if (!kb.isReady) throw new Error(`ab-dev: ${root} found no saved index under --data; build one first (kbsleuth index).`);
  const sources = await kb.troubleshootSources();
  return {
    search: () => cases.filter((c) => c.kind === 'search').forEach((c) => kb.search(c.input, { limit: 10 })),
    troubleshoot: () => cases.filter((c) => c.kind === 'log').forEach((c) => troubleshoot(sources, c.input, {})),
  };
}

const sides = { a: await sideOf(roots.a), b: await sideOf(roots.b) };
const cpuMs = (f: () => void) => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const passes: Record<string, number[]> = {};
for (let r = 0; r < rounds; r++) {
  for (const s of r % 2 ? (['b', 'a'] as const) : (['a', 'b'] as const)) {
    for (const task of ['search', 'troubleshoot'] as const) (passes[`${s} ${task}`] ??= []).push(cpuMs(sides[s][task]));
  }
}
const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
for (const task of ['search', 'troubleshoot']) {
  // The first round warms the JIT: dropped.
  const a = passes[`a ${task}`].slice(1);
  const b = passes[`b ${task}`].slice(1);
  const ratio = median(a.map((x, i) => b[i] / x));
  console.log(`${task.padEnd(12)} a ${median(a).toFixed(0)} ms CPU a pass, b ${median(b).toFixed(0)} ms; b/a, median of paired rounds: ${ratio.toFixed(3)}`);
}
process.exit(0);
