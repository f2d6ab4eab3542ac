/**
 * Dev tool: draws a seeded random sample of archive articles with a STATUS or RESOLUTION section (none of the
 * dev file's), and prints those sections with what readFixStatus reads, for labelling by hand into
 * test/signals/fix-status-labels.ts. Prints the article text to the terminal only: it goes nowhere else.
 *   node --import tsx scripts/sample-status-articles.ts [--seed N] [--n 60]
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isLoadProblem, loadArticleFile } from '../src/ingest/load-articles.js';
import { readFixStatus } from '../src/signals/fix-status.js';
import { DEV_CASES_FILE, readDevCases } from './dev-cases.js';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const ARCHIVE = process.env.KBARCHIVE_DIR || '/tmp/kbarchive';
const seed = Number(opt('--seed', '15'));
const n = Number(opt('--n', '60'));
const devFile = existsSync(DEV_CASES_FILE) ? DEV_CASES_FILE : '/work/shared/eval/dev.jsonl';
const dev = new Set(readDevCases(devFile).flatMap((c) => ('article' in c ? [c.article] : [...c.expect])));

// mulberry32: a small seeded generator, so the sample can be drawn again.
let state = seed >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const files = readdirSync(path.join(ARCHIVE, 'txt')).flatMap((d) => readdirSync(path.join(ARCHIVE, 'txt', d)).map((f) => path.join(ARCHIVE, 'txt', d, f))).sort();
console.log(`seed ${seed}, ${files.length} files`);
let picked = 0;
const seen = new Set<string>();
while (picked < n && seen.size < files.length) {
  const file = files[Math.floor(random() * files.length)];
  if (seen.has(file)) continue;
  seen.add(file);
  const a = await loadArticleFile(file);
  if (isLoadProblem(a) || dev.has(a.id)) continue;
  const sections = a.sections.filter((s) => s.kind === 'status' || s.kind === 'resolution');
  if (!sections.length) continue;
  picked++;
  const fs = readFixStatus(a);
  console.log(`\n=== ${picked} ${a.id} ${a.title}\n  read: ${fs.state} | ${fs.fixedIn ?? ''}`);
  for (const s of sections) console.log(`  [${s.kind}] ${s.text.replace(/\s+/g, ' ').slice(0, 700)}`);
}
