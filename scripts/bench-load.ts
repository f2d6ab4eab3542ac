/**
 * Measures loadArticles on a folder: `node --import tsx scripts/bench-load.ts [dir] [runs] [workers]`.
 * `[workers]` sets LoadOptions.workers. Defaults: /tmp/kbarchive, 3 runs, the loader's default threads. Prints each run, the median, peak RSS (sampled every 50 ms)
 * and the counts of the last run (files, articles, twins, problems by kind).
 */
import os from 'node:os';
import { loadArticles } from '../src/ingest/load-articles.js';
import type { LoadResult } from '../src/types.js';

const dir = process.argv[2] ?? '/tmp/kbarchive';
const runs = Number(process.argv[3] ?? 3);
/** Extra parse threads; default: loadArticles' own default. */
const workers = process.argv[4] === undefined ? undefined : Number(process.argv[4]);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const times: number[] = [];
const cpuTimes: number[] = [];
let last: LoadResult | undefined;
for (let i = 0; i < runs; i++) {
  last = undefined; // let the previous run's articles go before measuring the next
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  last = await loadArticles([dir], { workers });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  times.push(ms);
  cpuTimes.push(cpuMs);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(`run ${i + 1}: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (CPU time shows the cost when other jobs share the cores)`);
}
clearInterval(sampler);

const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const medianCpu = [...cpuTimes].sort((a, b) => a - b)[Math.floor(cpuTimes.length / 2)];
const byKind: Record<string, number> = {};
for (const p of last!.problems) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
const articles = last!.articles;
const pct = (n: number) => `${((100 * n) / Math.max(1, articles.length)).toFixed(2)}%`;
console.log(
  `median: ${median.toFixed(0)} ms wall, ${medianCpu.toFixed(0)} ms CPU over ${runs} run(s); load average ${os.loadavg()[0].toFixed(1)}; peak RSS: ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
);
console.log(`files: ${last!.stats.files} (markdown ${last!.stats.markdownFiles}, text ${last!.stats.textFiles})`);
console.log(`articles: ${articles.length}; merged twins: ${last!.stats.mergedTwins}; sources: ${articles.reduce((n, a) => n + a.sources.length, 0)}`);
console.log(`problems: ${last!.problems.length} ${JSON.stringify(byKind)}`);
console.log(
  `with id ${pct(articles.filter((a) => a.id).length)}, title ${pct(articles.filter((a) => a.title).length)}, ` +
    `product ${pct(articles.filter((a) => a.products.length > 0).length)}, section ${pct(articles.filter((a) => a.sections.length > 0).length)}`,
);
