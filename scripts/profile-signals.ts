/**
 * CPU time of each signal reader over a folder of articles, single-threaded:
 * `node --import tsx scripts/profile-signals.ts [dir]` (default /tmp/kbarchive). The loader runs the readers on
 * its threads; this splits their cost so the slow one is plain.
 */
import { loadArticles } from '../src/ingest/load-articles.js';
import { findErrorCodes } from '../src/signals/error-codes.js';
import { readFixStatus } from '../src/signals/fix-status.js';
import { findHints } from '../src/signals/hints.js';
import { extractSignatures } from '../src/signals/quoted-lines.js';

const dir = process.argv[2] ?? '/tmp/kbarchive';
const { articles } = await loadArticles([dir]);
const readers: [string, (a: (typeof articles)[number]) => unknown][] = [
  ['fix status', (a) => readFixStatus(a)],
  ['error codes', (a) => findErrorCodes([a.title, ...a.sections.map((s) => s.text)])],
  ['quoted lines', (a) => extractSignatures(a.sections)],
  ['hints', (a) => findHints([a.title, ...a.products, ...a.appliesTo, a.versionText].join('\n'))],
];
for (let run = 0; run < 2; run++) {
  for (const [name, read] of readers) {
    const t0 = performance.now();
    for (const a of articles) read(a);
    console.log(`run ${run + 1} ${name}: ${(performance.now() - t0).toFixed(0)} ms over ${articles.length} articles`);
  }
}
