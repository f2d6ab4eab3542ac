/**
 * `npm run bench [-- options]`: how fast kbsleuth builds, starts, searches and troubleshoots on the full
 * archive, against the targets from the issues. A report, not a test: it always exits 0.
 *
 * Every measurement runs in a child process (scripts/bench-child.ts), one at a time, so its peak RSS is
 * its own and a cold start is cold. Each row shows the 1-minute load average when it was taken: the
 * machine is shared, and a row taken under load 3 on 2 cores is not comparable with one taken at 0.2.
 *
 * Options:
 *   --only PARTS   comma list of load,build,cold,search,troubleshoot,cli. Default: all of them. `cli` times
 *                  whole `kbsleuth search` and `kbsleuth troubleshoot` processes (spawn to exit), reading the
 *                  saved index and asking a running server (KBSLEUTH_URL), at least 5 runs each. `footprint`
 *                  (issue 18, not in the default set: it builds twice a run) runs `kbsleuth index` and a plain
 *                  SQLite FTS5 build of the same files alternating (--runs, default 1), then `kbsleuth serve`
 *                  with the default workers: start -> first search, the first paste after it, and RSS and
 *                  PSS of every process after 500 searches and 50 pastes (scripts/bench-footprint.ts).
 *   --kb DIR       archive root (kb/ and txt/). Default /tmp/kbarchive; the bench says so and stops when absent.
 *   --runs N       repetitions of each child measurement (cold start, load, build) and search/troubleshoot
 *                  passes. Default 3, except build, 1 (two ~70 s children per run) unless --runs is given.
 *   --data DIR     scratch DATA_DIR; `DIR/saved` holds the index cold/search/troubleshoot read (built when
 *                  missing). Default <tmpdir>/kbsleuth-bench.
 *   --dev FILE     dev cases. Default ../shared/eval/dev.jsonl beside the project.
 *   --profile DIR  after measuring, run each selected part once more under `node --cpu-prof` into DIR/<task>/
 *                  and print the top self-time functions of every thread's profile.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compiledOf } from '../bin/compiled.js';
import { PROJECT_DIR } from '../src/config.js';
import type { ChildArgs, ChildResult, Figure } from './bench-child.js';
import { formatProfile, summarizeCpuProfile } from './bench-profile.js';
import { DEV_CASES_FILE } from './dev-cases.js';
import { buildSideBySide, serveFootprint } from './bench-footprint.js';
import { startServe } from './serve-process.js';

/** The measuring child: compiled, as the server runs, when `npm run build` is current (npm run bench builds first). */
const COMPILED_CHILD = compiledOf('scripts/bench-child.ts');
const CHILD = COMPILED_CHILD ?? path.join(PROJECT_DIR, 'scripts', 'bench-child.ts');

export const PARTS = ['load', 'build', 'cold', 'search', 'troubleshoot', 'cli', 'footprint'] as const;
export type Part = (typeof PARTS)[number];
const isPart = (s: string): s is Part => (PARTS as readonly string[]).includes(s);

interface Options {
  parts: Part[];
  kb: string;
  /** Undefined when not given: each part uses its own default. */
  runs?: number;
  data: string;
  dev: string;
  profile?: string;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    parts: PARTS.filter((p) => p !== 'footprint'),
    kb: '/tmp/kbarchive',
    data: path.join(os.tmpdir(), 'kbsleuth-bench'),
    dev: DEV_CASES_FILE,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--only') {
      const parts = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = parts.filter((p) => !isPart(p));
      if (bad.length) fail(`--only: unknown part(s) ${bad.join(', ')}; use some of ${PARTS.join(',')}`);
      opts.parts = parts as Part[];
    } else if (a === '--kb') opts.kb = path.resolve(value());
    else if (a === '--runs') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) fail('--runs takes a whole number of at least 1');
      opts.runs = n;
    } else if (a === '--data') opts.data = path.resolve(value());
    else if (a === '--dev') opts.dev = path.resolve(value());
    else if (a === '--profile') opts.profile = path.resolve(value());
    else fail(`unknown option ${a}; options are --only, --kb, --runs, --data, --dev, --profile (see the top of scripts/bench.ts)`);
  }
  return opts;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

// ------------------------------------------------------------------------------------------------------
// Running children

interface Collected {
  figure: Figure;
  /** 1-minute load averages of the children that measured it. */
  loads: number[];
}
const collected = new Map<string, Collected>();

function collect(name: string, unit: Figure['unit'], samples: number[], load: number): void {
  const c = collected.get(name);
  if (c) {
    c.figure.samples.push(...samples);
    c.loads.push(load);
  } else collected.set(name, { figure: { name, unit, samples: [...samples] }, loads: [load] });
}

interface ChildRun {
  result?: ChildResult;
  /** Spawn to exit, as the parent saw it. */
  wallMs: number;
}

function runChild(task: string, args: ChildArgs, nodeFlags: string[] = []): Promise<ChildRun> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeFlags, ...(COMPILED_CHILD ? [] : ['--import', 'tsx']), CHILD, task, JSON.stringify(args)], {
      cwd: PROJECT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const line = out.split('\n').find((l) => l.startsWith('BENCH-RESULT '));
      if (!line) {
        process.stderr.write(`bench: ${task} exited with code ${code} without a result; its output is above. The row is left out.\n`);
        resolve({ wallMs });
        return;
      }
      resolve({ result: JSON.parse(line.slice('BENCH-RESULT '.length)) as ChildResult, wallMs });
    });
  });
}

function collectResult(run: ChildRun, extra: { peak?: string; cpu?: string; wall?: string } = {}): void {
  const r = run.result;
  if (!r) return;
  const load = r.loadavg[0];
  for (const f of r.figures) collect(f.name, f.unit, f.samples, load);
  if (extra.peak) collect(extra.peak, 'MiB', [r.peakRssMiB], load);
  if (extra.cpu) collect(extra.cpu, 'ms', [r.cpuMs], load);
  if (extra.wall) collect(extra.wall, 'ms', [run.wallMs], load);
  for (const n of r.notes) notes.add(`${r.task}: ${n}`);
}
const notes = new Set<string>();

/**
 * Spawns `kbsleuth serve` on a free port and polls /api/search until it answers 200: what a user waits for.
 * WORKERS=1: one process, the figure the 3 s target is for; with workers a second process start comes first
 * (README, performance).
 */
async function coldHttp(opts: Options, dataDir: string): Promise<{ readyMs?: number; answeredMs?: number }> {
  const t0 = performance.now();
  const server = startServe({ KB_DIR: opts.kb, DATA_DIR: dataDir, WATCH: '0', WORKERS: '1', NODE_ENV: 'production' });
  let readyMs: number | undefined;
  server.ready.then(
    () => (readyMs = performance.now() - t0),
    () => undefined,
  );
  let answeredMs: number | undefined;
  const base = await server.listening.catch(() => undefined);
  const deadline = t0 + 120_000;
  while (base && performance.now() < deadline && server.child.exitCode === null) {
    try {
      const res = await fetch(`${base}/api/search?q=${encodeURIComponent('cannot connect to server error 53')}`, { signal: AbortSignal.timeout(60_000) });
      await res.arrayBuffer();
      if (res.status === 200) {
        answeredMs = performance.now() - t0;
        break;
      }
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  // Wait for the ready line too (the source hash finishes in the same blocked stretch).
  await Promise.race([server.ready.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
  await server.stop();
  if (answeredMs === undefined) process.stderr.write(`bench: kbsleuth serve never answered a search; its stderr:\n${server.stderr()}\n`);
  return { readyMs, answeredMs };
}

/** What the `cli` part runs: one search and one paste (a log fixture of the project's own). */
const CLI_QUERY = ['cannot', 'connect', 'to', 'server', 'error', '53'];
const CLI_PASTE = path.join(PROJECT_DIR, 'test', 'fixtures', 'logs', 'distmgr-sms20.log');

/**
 * CPU time (user + system, ms) of the children this process has waited for, from /proc/self/stat (cutime,
 * cstime; Linux only, else undefined). On a shared machine a command's wall time is mostly waiting for a core;
 * its CPU time says what it costs.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5), counted from the state field (3).
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Wall and CPU time of one `kbsleuth ARGS` process, spawn to exit; undefined (and said why) when it fails. */
function timeCommand(args: string[], env: Record<string, string>, input?: string): Promise<{ wallMs: number; cpuMs?: number } | undefined> {
  const t0 = performance.now();
  const cpu0 = childrenCpuMs();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(PROJECT_DIR, 'bin', 'kbsleuth.js'), ...args], {
      cwd: PROJECT_DIR,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdin.end(input ?? '');
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const cpu1 = childrenCpuMs();
      // 1 is "nothing found": still a timed answer.
      if (code === 0 || code === 1) return resolve({ wallMs, cpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 });
      process.stderr.write(`bench: kbsleuth ${args.join(' ')} exited ${code}: ${stderr}\n`);
      resolve(undefined);
    });
  });
}

/** `kbsleuth search` and `troubleshoot` as a script runs them: without a server, then asking one. */
async function cliCommands(opts: Options, dataDir: string, runs: number, step: (m: string) => void): Promise<void> {
  const paste = readFileSync(CLI_PASTE, 'utf8');
  const measure = async (label: string, env: Record<string, string>) => {
    for (const [name, args, input] of [
      ['search', ['search', ...CLI_QUERY], undefined],
      ['troubleshoot', ['troubleshoot'], paste],
    ] as const) {
      step(`cli: kbsleuth ${name} ${label}, ${runs} runs`);
      for (let r = 0; r < runs; r++) {
        const t = await timeCommand([...args], env, input);
        if (!t) continue;
        collect(`cli: kbsleuth ${name} ${label} (spawn to exit)`, 'ms', [t.wallMs], os.loadavg()[0]);
        if (t.cpuMs !== undefined) collect(`cli: kbsleuth ${name} ${label} (its CPU time)`, 'ms', [t.cpuMs], os.loadavg()[0]);
      }
    }
  };
  await measure('from the saved index', { KB_DIR: opts.kb, DATA_DIR: dataDir, KBSLEUTH_URL: '' });
  const server = startServe({ KB_DIR: opts.kb, DATA_DIR: dataDir, WATCH: '0', WORKERS: '1', NODE_ENV: 'production' });
  try {
    const base = await server.listening;
    await server.ready;
    await measure('asking a server', { KB_DIR: opts.kb, DATA_DIR: dataDir, KBSLEUTH_URL: base });
  } finally {
    await server.stop();
  }
}

// ------------------------------------------------------------------------------------------------------
// Reporting

interface Target {
  stat: 'median' | 'p50' | 'p95' | 'max';
  limit: number;
}
/** From the issues. Keyed by figure name. */
const TARGETS: Record<string, Target[]> = {
  'build: KnowledgeBase.rebuild()': [{ stat: 'median', limit: 60_000 }],
  'build: child wall (spawn to exit)': [{ stat: 'median', limit: 60_000 }],
  'build: peak RSS (VmHWM)': [{ stat: 'max', limit: 3072 }],
  'load: loadArticles': [{ stat: 'median', limit: 15_000 }],
  'load: signals added (paired runs)': [{ stat: 'median', limit: 10_000 }],
  'cold: process start -> first answered search': [{ stat: 'median', limit: 3000 }],
  'cold: process start -> open() + first search': [{ stat: 'median', limit: 3000 }],
  'cold: kbsleuth serve (WORKERS=1) spawn -> first 200 /api/search': [{ stat: 'median', limit: 3000 }],
  'search: with excerpts': [
    { stat: 'p50', limit: 5 },
    { stat: 'p95', limit: 25 },
  ],
  'search: noExcerpts': [
    { stat: 'p50', limit: 5 },
    { stat: 'p95', limit: 25 },
  ],
  'search: dev + own words, with excerpts': [
    { stat: 'p50', limit: 5 },
    { stat: 'p95', limit: 25 },
  ],
  'memory: RSS serving, after warm-up and queries': [{ stat: 'max', limit: 1536 }],
  'troubleshoot 200 lines': [{ stat: 'p95', limit: 50 }],
  'troubleshoot 50,000 lines (dev cases repeated)': [{ stat: 'median', limit: 2000 }],
  'troubleshoot 50,000 lines (distinct lines)': [{ stat: 'median', limit: 2000 }],
  'cli: kbsleuth search from the saved index (spawn to exit)': [{ stat: 'median', limit: 1000 }],
  'cli: kbsleuth troubleshoot from the saved index (spawn to exit)': [{ stat: 'median', limit: 1000 }],
  'cli: kbsleuth search asking a server (spawn to exit)': [{ stat: 'median', limit: 1000 }],
  'cli: kbsleuth troubleshoot asking a server (spawn to exit)': [{ stat: 'median', limit: 1000 }],
};

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const median = (v: number[]) => percentile(v, 50);

function fmt(v: number, unit: Figure['unit']): string {
  if (!Number.isFinite(v)) return '-';
  if (unit === 'MiB') return `${v.toFixed(0)} MiB`;
  if (unit === 'count') return v.toFixed(0);
  if (unit === 'ratio') return `${v.toFixed(2)}x`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  return `${v.toFixed(v >= 10 ? 1 : 2)} ms`;
}

function statOf(samples: number[], stat: Target['stat']): number {
  if (stat === 'max') return Math.max(...samples);
  return percentile(samples, stat === 'p95' ? 95 : 50);
}

function printTable(): void {
  const rows: string[][] = [['measure', 'median', 'p95', 'max', 'n', 'target', 'load1']];
  for (const { figure: f, loads } of collected.values()) {
    const many = f.samples.length >= 5;
    const targets = TARGETS[f.name] ?? [];
    const verdicts = targets.map((t) => {
      const v = statOf(f.samples, t.stat);
      return `${t.stat}<=${fmt(t.limit, f.unit).replace(/\.00 s$/, ' s')} ${v <= t.limit ? 'ok' : 'MISS'}`;
    });
    rows.push([
      f.name,
      fmt(median(f.samples), f.unit),
      many ? fmt(percentile(f.samples, 95), f.unit) : '',
      many || f.samples.length > 1 ? fmt(Math.max(...f.samples), f.unit) : '',
      String(f.samples.length),
      verdicts.join(', '),
      `${Math.min(...loads).toFixed(1)}${loads.length > 1 && Math.max(...loads) - Math.min(...loads) >= 0.1 ? `-${Math.max(...loads).toFixed(1)}` : ''}`,
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const right = new Set([1, 2, 3, 4]);
  for (const [i, r] of rows.entries()) {
    console.log(
      r
        .map((cell, c) => (right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

const loadNow = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// ------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const cpus = os.cpus();
  console.log(
    `kbsleuth bench: ${cpus.length} core(s) (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ` +
      `load average ${loadNow()}; children run ${COMPILED_CHILD ? 'the compiled dist/' : 'the TypeScript sources through tsx (no current build)'}`,
  );
  if (!existsSync(opts.kb)) {
    console.log(`bench: no archive at ${opts.kb}; nothing measured. Unpack it (../shared/corpus/unpack.sh prints the folder) or pass --kb DIR.`);
    return;
  }
  if (!existsSync(opts.dev))
    console.log(`bench: no dev cases at ${opts.dev} (--dev FILE): search uses title queries only and the troubleshoot part is skipped.`);
  const runs = opts.runs ?? 3;
  const buildRuns = opts.runs ?? 1;
  console.log(`kb ${opts.kb}; scratch ${opts.data}; parts ${opts.parts.join(',')}; runs ${runs} (build ${buildRuns})\n`);
  mkdirSync(opts.data, { recursive: true });
  const saved = path.join(opts.data, 'saved');
  const args = (dataDir: string): ChildArgs => ({ kb: opts.kb, dataDir, devFile: opts.dev, passes: runs });
  const step = (m: string) => process.stderr.write(`bench: ${m} (load average ${loadNow()})\n`);

  if (opts.parts.includes('load')) {
    for (let r = 0; r < runs; r++) {
      step(`load ${r + 1}/${runs}`);
      collectResult(await runChild('load', args(saved)), { peak: 'load: peak RSS (VmHWM)', cpu: 'load: CPU (all threads)' });
      step(`load with signals ${r + 1}/${runs}`);
      collectResult(await runChild('load-signals', args(saved)), { cpu: 'load+signals: CPU (all threads)' });
    }
    // Runs alternate, so each difference compares two loads taken under the same machine load.
    const plain = collected.get('load: loadArticles')?.figure.samples ?? [];
    const withSignals = collected.get('load+signals: loadArticles with analyzeArticle')?.figure.samples ?? [];
    const added = withSignals.map((ms, i) => ms - plain[i]).filter(Number.isFinite);
    if (added.length) collect('load: signals added (paired runs)', 'ms', added, os.loadavg()[0]);
  }
  if (opts.parts.includes('build')) {
    for (let r = 0; r < buildRuns; r++) {
      step(`build ${r + 1}/${buildRuns}: KnowledgeBase.rebuild() in a child`);
      collectResult(await runChild('build-kb', args(saved)), {
        peak: 'build: peak RSS (VmHWM)',
        cpu: 'build: CPU (all threads)',
        wall: 'build: child wall (spawn to exit)',
      });
      step(`build ${r + 1}/${buildRuns}: the same steps one by one`);
      const split = path.join(opts.data, 'split');
      collectResult(await runChild('build-split', args(split)), { peak: 'build/split: peak RSS (VmHWM)' });
      rmSync(split, { recursive: true, force: true });
    }
  }
  const needsSaved = opts.parts.some((p) => p === 'cold' || p === 'search' || p === 'troubleshoot' || p === 'cli' || p === 'footprint');
  if (needsSaved) {
    // Other engineers change the index format while this runs: check (and rebuild) before measuring.
    step(`checking the saved index under ${saved} (rebuilt when missing, stale or of another format; not measured)`);
    const check = await runChild('ensure-saved', args(saved));
    for (const n of check.result?.notes ?? []) notes.add(`setup: ${n}`);
  }
  if (opts.parts.includes('cold')) {
    for (let r = 0; r < runs; r++) {
      step(`cold start ${r + 1}/${runs}: step by step`);
      collectResult(await runChild('cold-split', args(saved)), { peak: 'cold: peak RSS (VmHWM)' });
    }
    for (let r = 0; r < runs; r++) {
      step(`cold start ${r + 1}/${runs}: KnowledgeBase.open({ trustSaved: true })`);
      collectResult(await runChild('cold-kb', args(saved)));
    }
    for (let r = 0; r < runs; r++) {
      step(`cold start ${r + 1}/${runs}: kbsleuth serve, polling /api/search`);
      const h = await coldHttp(opts, saved);
      const load = os.loadavg()[0];
      if (h.answeredMs !== undefined) collect('cold: kbsleuth serve (WORKERS=1) spawn -> first 200 /api/search', 'ms', [h.answeredMs], load);
      if (h.readyMs !== undefined) collect('cold: kbsleuth serve spawn -> "ready" logged', 'ms', [h.readyMs], load);
    }
  }
  if (opts.parts.includes('search')) {
    step('search latency and memory');
    collectResult(await runChild('search', args(saved)), { peak: 'search: peak RSS (VmHWM)' });
  }
  if (opts.parts.includes('troubleshoot') && existsSync(opts.dev)) {
    step('troubleshoot');
    collectResult(await runChild('troubleshoot', args(saved)), { peak: 'troubleshoot: peak RSS of the process (VmHWM)' });
    step('troubleshoot: 50,000-line pastes');
    collectResult(await runChild('troubleshoot-large', args(saved)), { peak: 'troubleshoot-large: peak RSS of the process (VmHWM)' });
  }
  if (opts.parts.includes('cli')) await cliCommands(opts, saved, Math.max(runs, 5), step);
  if (opts.parts.includes('footprint')) {
    for (const f of await buildSideBySide(opts.kb, opts.data, buildRuns, step)) collect(f.name, f.unit, [f.value], f.load);
    step('footprint: kbsleuth serve with the default workers, a mixed load, then memory');
    for (const f of await serveFootprint(opts.kb, saved, { dev: opts.dev })) collect(f.name, f.unit, [f.value], f.load);
  }

  console.log('');
  printTable();
  if (notes.size) {
    console.log('\nnotes:');
    for (const n of notes) console.log(`  ${n}`);
  }

  if (opts.profile) {
    const tasks: Record<Part, string[]> = {
      load: ['load', 'load-signals'],
      build: ['build-split'],
      cold: ['cold-split'],
      search: ['search'],
      troubleshoot: ['troubleshoot', 'troubleshoot-large'],
      cli: [],
      footprint: [],
    };
    for (const task of opts.parts.flatMap((p) => tasks[p])) {
      const dir = path.join(opts.profile, task);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      step(`profiling ${task} into ${dir}`);
      const split = path.join(opts.data, 'split');
      await runChild(task, args(task === 'build-split' ? split : saved), ['--cpu-prof', '--cpu-prof-dir', dir]);
      rmSync(split, { recursive: true, force: true });
      console.log(`\nprofile of ${task} (node --cpu-prof; load average ${loadNow()}):`);
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(dir, f));
      // The busiest thread first: the main thread of a cold start, the parse workers of a build.
      const summaries = files.map((f) => ({ f, s: summarizeCpuProfile(f) })).sort((a, b) => b.s.totalMs - b.s.idleMs - (a.s.totalMs - a.s.idleMs));
      for (const { f, s } of summaries) console.log(formatProfile(f, s));
    }
  }
  const argv = process.argv.slice(2).join(' ');
  console.log(`\nrerun: npm run bench${argv ? ` -- ${argv}` : ''}   (load average now ${loadNow()})`);
}

await main().catch((err: Error) => {
  // A report, not a test: say what broke and still exit 0.
  console.log(`bench: stopped early: ${err.stack ?? err.message}`);
});
process.exitCode = 0;
