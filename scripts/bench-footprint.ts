/**
 * The footprint figures of issue 18, each as a whole process: the bench's `footprint` part (npm run bench --
 * --only footprint) runs them; `node --import tsx scripts/bench-footprint.ts [KB_ROOT] [DATA_DIR] [runs]` runs
 * them alone (`[runs]` of the build, default 1; `[DEV_FILE]` supplies the load's queries and pastes). FOOTPRINT_ONLY=build
 * or serve runs one of the two.
 *
 * - build: `kbsleuth index` on a fresh DATA_DIR beside scripts/bench-fts5.ts (plain SQLite FTS5 of the same files),
 *   alternating, so the ratio is taken in one run at one machine load. Peak RSS is the process's VmHWM.
 * - serve: `kbsleuth serve` with the default workers on a saved index: serve -> first answered search, then
 *   the first paste sent at once after it; then a mixed load (searches and pastes from the dev cases), and RSS
 *   and PSS (from /proc/PID/smaps_rollup) of the primary and each worker, and in all.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_DIR } from '../src/config.js';
import { devInputs, DEV_CASES_FILE } from './dev-cases.js';
import { childrenOf, memoryOf } from './process-memory.js';
import { startServe } from './serve-process.js';

export interface FootprintFigure {
  name: string;
  unit: 'ms' | 'MiB' | 'count' | 'ratio';
  value: number;
  load: number;
}

const load1 = () => os.loadavg()[0];
const MiB = 1024;

/** A process's peak RSS so far (VmHWM) in MiB, or undefined when it is gone. */
function peakOf(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / MiB : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system, ms) of the children this process has waited for (cutime + cstime of /proc/self/stat).
 * On a shared machine a build's wall time is mostly waiting for a core; its CPU time is its own cost.
 */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

/** Runs a command to its end (one at a time: its CPU time is read as this process's children's); wall, CPU, last VmHWM sample (every 50 ms), stdout. */
function runMeasured(
  args: string[],
  env: Record<string, string>,
): Promise<{ wallMs: number; cpuMs: number; peakMiB: number; stdout: string; code: number | null }> {
  const t0 = performance.now();
  const cpu0 = childrenCpuMs();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_DIR, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakMiB = 0;
    const timer = setInterval(() => (peakMiB = Math.max(peakMiB, peakOf(child.pid!) ?? 0)), 50);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) process.stderr.write(`bench-footprint: ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}\n`);
      resolve({ wallMs: performance.now() - t0, cpuMs: childrenCpuMs() - cpu0, peakMiB, stdout, code });
    });
  });
}

/** `kbsleuth index` and the FTS5 build alternating, `runs` of each, on `kb`; scratch under `dataDir`. */
export async function buildSideBySide(kb: string, dataDir: string, runs: number, step: (m: string) => void): Promise<FootprintFigure[]> {
  const figures: FootprintFigure[] = [];
  const buildDir = path.join(dataDir, 'footprint-build');
  const sqlite = path.join(dataDir, 'footprint-fts5.sqlite');
  for (let r = 0; r < runs; r++) {
    rmSync(buildDir, { recursive: true, force: true });
    step(`footprint: kbsleuth index, run ${r + 1} of ${runs}`);
    let load = load1();
    const ours = await runMeasured([path.join(PROJECT_DIR, 'bin', 'kbsleuth.js'), 'index'], { KB_DIR: kb, DATA_DIR: buildDir });
    if (ours.code === 0) {
      figures.push({ name: 'build: kbsleuth index (wall)', unit: 'ms', value: ours.wallMs, load });
      figures.push({ name: 'build: kbsleuth index (CPU)', unit: 'ms', value: ours.cpuMs, load });
      figures.push({ name: 'build: kbsleuth index (peak RSS)', unit: 'MiB', value: ours.peakMiB, load });
    }
    step(`footprint: SQLite FTS5 of the same files, run ${r + 1} of ${runs}`);
    load = load1();
    const fts = await runMeasured(['--import', 'tsx', path.join(PROJECT_DIR, 'scripts', 'bench-fts5.ts'), kb, sqlite], {});
    const line = fts.stdout.split('\n').find((l) => l.startsWith('FTS5-RESULT '));
    if (line) {
      const result = JSON.parse(line.slice('FTS5-RESULT '.length)) as { wallMs: number; peakRssMiB: number };
      figures.push({ name: 'build: SQLite FTS5 (wall, whole process)', unit: 'ms', value: fts.wallMs, load });
      figures.push({ name: 'build: SQLite FTS5 (CPU, whole process)', unit: 'ms', value: fts.cpuMs, load });
      figures.push({ name: 'build: SQLite FTS5 (peak RSS)', unit: 'MiB', value: result.peakRssMiB, load });
      if (ours.code === 0) {
        figures.push({ name: 'build: kbsleuth / FTS5, wall (same run)', unit: 'ratio', value: ours.wallMs / fts.wallMs, load });
        figures.push({ name: 'build: kbsleuth / FTS5, CPU (same run)', unit: 'ratio', value: ours.cpuMs / fts.cpuMs, load });
      }
    }
  }
  rmSync(buildDir, { recursive: true, force: true });
  rmSync(sqlite, { force: true });
  return figures;
}

function commandOf(pid: number): string {
  try {
    return path.basename(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(1, 2)[0] ?? '?');
  } catch {
    return 'gone';
  }
}

const SEARCH = 'cannot connect to server error 53';
const PASTE_FILE = path.join(PROJECT_DIR, 'test', 'fixtures', 'logs', 'distmgr-sms20.log');

async function get(url: string): Promise<number> {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  return res.status;
}

async function paste(base: string, text: string): Promise<number> {
  const res = await fetch(`${base}/api/troubleshoot`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: text,
    signal: AbortSignal.timeout(60_000),
  });
  await res.arrayBuffer();
  return res.status;
}

/**
 * `kbsleuth serve` (default workers unless `workers`) on the saved index in `dataDir`: serve -> first search,
 * first paste right after it, then `searches` searches and `pastes` pastes (4 at a time), then memory.
 */
export async function serveFootprint(
  kb: string,
  dataDir: string,
  options: { workers?: number; searches?: number; pastes?: number; dev?: string } = {},
): Promise<FootprintFigure[]> {
  const figures: FootprintFigure[] = [];
  const load = load1();
  const env: Record<string, string> = { KB_DIR: kb, DATA_DIR: dataDir, WATCH: '0', NODE_ENV: 'production' };
  if (options.workers) env.WORKERS = String(options.workers);
  const label = options.workers ? `${options.workers} workers` : 'default workers';
  const t0 = performance.now();
  const server = startServe(env);
  try {
    const base = await server.listening;
    let searchMs: number | undefined;
    while (performance.now() - t0 < 120_000) {
      if ((await get(`${base}/api/search?q=${encodeURIComponent(SEARCH)}`).catch(() => 0)) === 200) {
        searchMs = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    if (searchMs === undefined) throw new Error('no search answered within 2 minutes');
    figures.push({ name: `serve (${label}): start -> first answered search`, unit: 'ms', value: searchMs, load });
    const t1 = performance.now();
    const status = await paste(base, readFileSync(PASTE_FILE, 'utf8'));
    if (status === 200) figures.push({ name: `serve (${label}): first paste, sent after the first search`, unit: 'ms', value: performance.now() - t1, load });
    await server.ready;
    const dev = options.dev ?? DEV_CASES_FILE;
    const queries = existsSync(dev) ? devInputs(dev, 'search') : [SEARCH];
    const logs = existsSync(dev) ? devInputs(dev, 'log') : [readFileSync(PASTE_FILE, 'utf8')];
    const searches = options.searches ?? 500;
    const pastes = options.pastes ?? 50;
    const jobs: (() => Promise<number>)[] = [];
    for (let i = 0; i < searches; i++) jobs.push(() => get(`${base}/api/search?q=${encodeURIComponent(queries[i % queries.length])}`));
    for (let i = 0; i < pastes; i++) jobs.splice(Math.floor(((i + 1) * jobs.length) / (pastes + 1)), 0, () => paste(base, logs[i % logs.length]));
    let next = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < jobs.length) if ((await jobs[next++]().catch(() => 0)) !== 200) failed++;
      }),
    );
    if (failed) process.stderr.write(`bench-footprint: ${failed} of ${jobs.length} requests of the mixed load failed\n`);
    const primary = server.child.pid!;
    const processes = [primary, ...childrenOf(primary)];
    let rss = 0;
    let pss = 0;
    for (const [i, pid] of processes.entries()) {
      const m = memoryOf(pid);
      if (!m) continue;
      // A serving worker runs kbsleuth.js like its primary; anything else forked is named by its command.
      const who = i === 0 ? (processes.length === 1 ? 'the server' : 'primary') : `child ${i} (${commandOf(pid)})`;
      figures.push({ name: `serve (${label}) after ${searches} searches + ${pastes} pastes: RSS ${who}`, unit: 'MiB', value: m.rss, load });
      figures.push({ name: `serve (${label}) after ${searches} searches + ${pastes} pastes: PSS ${who}`, unit: 'MiB', value: m.pss, load });
      rss += m.rss;
      pss += m.pss;
    }
    figures.push({ name: `serve (${label}) after ${searches} searches + ${pastes} pastes: RSS all processes`, unit: 'MiB', value: rss, load });
    figures.push({ name: `serve (${label}) after ${searches} searches + ${pastes} pastes: PSS all processes`, unit: 'MiB', value: pss, load });
  } finally {
    await server.stop();
  }
  return figures;
}

function print(figures: FootprintFigure[]): void {
  for (const f of figures) {
    const v = f.unit === 'ms' ? `${(f.value / 1000).toFixed(2)} s` : f.unit === 'MiB' ? `${f.value.toFixed(0)} MiB` : `${f.value.toFixed(2)}x`;
    console.log(`${f.name.padEnd(80)} ${v.padStart(10)}   load ${f.load.toFixed(1)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kb = '/tmp/kbarchive', dataDir = path.join(os.tmpdir(), 'kbsleuth-bench', 'saved'), runs = '1', dev = DEV_CASES_FILE] = process.argv.slice(2);
  const say = (m: string) => process.stderr.write(`${m}\n`);
  const only = process.env.FOOTPRINT_ONLY ?? 'build,serve';
  if (only.includes('serve')) print(await serveFootprint(kb, dataDir, { dev }));
  if (only.includes('build')) print(await buildSideBySide(kb, path.dirname(dataDir), Number(runs), say));
}
