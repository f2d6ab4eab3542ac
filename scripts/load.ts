/**
 * `npm run load`: starts `kbsleuth serve` on the full archive and drives it over loopback with autocannon,
 * in bounded phases: searches, troubleshoots of 200-line pastes, a mix of searches, article pages and
 * troubleshoots, then writes (feedback and small shares, each also counted by the write limit in the store).
 * Prints requests per second, latency p50/p99 and errors for each phase, against the targets (at least 500
 * searches/s and 100 troubleshoots/s, no errors, p99 at most 250 ms). With `--stores sqlite,postgres` it runs
 * the phases once per store, one server after the other, and prints them side by side.
 *
 *   npm run load -- [--kb DIR] [--data DIR] [--workers N] [--duration S] [--connections N] [--phases LIST] [--base URL]
 *                   [--stores LIST] [--database-url URL] [--node-flags FLAGS]
 *
 *   --kb DIR          archive root (default /tmp/kbarchive; `../shared/corpus/unpack.sh` unpacks it there)
 *   --data DIR        DATA_DIR of the server; the saved index there is reused, or built on the first run
 *                     (about a minute). Default /tmp/kbsleuth-load.
 *   --workers N       WORKERS of the server (default: the server's own default, one per core)
 *   --duration S      seconds measured per phase, after 3 s of warm-up (default 15)
 *   --connections N   concurrent connections (default 8; troubleshoots use half)
 *   --phases LIST     comma list of the phases to run, in this order (default: all of them)
 *   --base URL        drive a server that is already running (started by hand, say under --cpu-prof) instead
 *                     of starting one; its RSS is not reported
 *   --stores LIST     comma list of sqlite, postgres: the store of the server for each run (default sqlite).
 *                     The server's write limit is lifted (WRITES_PER_MINUTE) so the write phase measures the store.
 *   --database-url U  the PostgreSQL for `postgres` (default DATABASE_URL, else TEST_DATABASE_URL)
 *   --node-flags=F    flags for the server's node, space-separated (`--node-flags=--heap-growing-percent=0` gives the workers
 *                     V8's own heap growth instead of the server's 100: an A/B of that setting)
 *
 * autocannon runs in this process, on the same 2 cores as the server: the figures are what the machine does
 * with the load generator's cost included, which is the conservative way round. Each phase also reports the
 * server's CPU time per request (all its processes, from /proc) and the cores the load generator kept busy:
 * on a shared machine those vary less than requests per second do.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Command, InvalidArgumentError } from 'commander';
import { buildPastes } from './bench-child.js';
import { DEV_CASES_FILE, devInputs, readDevCases } from './dev-cases.js';
import { childrenOf, memoryOf } from './process-memory.js';
import { startServe, type ServeProcess } from './serve-process.js';

interface Options {
  kb: string;
  data: string;
  workers?: number;
  duration: number;
  connections: number;
  phases: Phase[];
  base?: string;
  stores: StoreName[];
  databaseUrl?: string;
  nodeFlags?: string;
}

const PHASES = ['search', 'troubleshoot', 'mixed', 'write'] as const;
const STORES = ['sqlite', 'postgres'] as const;
type StoreName = (typeof STORES)[number];
type Phase = (typeof PHASES)[number];

interface Target {
  minRps?: number;
  maxP99Ms: number;
}

/** From issue 7. */
const TARGETS: Record<Phase, Target> = {
  search: { minRps: 500, maxP99Ms: 250 },
  troubleshoot: { minRps: 100, maxP99Ms: 250 },
  mixed: { maxP99Ms: 250 },
  write: { maxP99Ms: 250 },
};

/** What the phases send: queries and pastes from the dev cases, article ids they expect. */
function workload() {
  const queries = devInputs(DEV_CASES_FILE, 'search');
  const pastes = buildPastes(devInputs(DEV_CASES_FILE, 'log'), 40, 200);
  const articles = [...new Set(readDevCases().flatMap((c) => (c.kind === 'status' ? [] : c.expect)))];
  return { queries, pastes, articles };
}

type Request = autocannon.Request;

/** A request factory that walks its list, so every connection sends varied requests. */
function rotating(make: (i: number) => Request): Request[] {
  let i = 0;
  return [{ setupRequest: (req: Request) => ({ ...req, ...make(i++) }) }];
}

function searchRequest(queries: string[], i: number): Request {
  return { method: 'GET', path: `/api/search?q=${encodeURIComponent(queries[i % queries.length])}` };
}

function troubleshootRequest(pastes: string[], i: number): Request {
  return { method: 'POST', path: '/api/troubleshoot', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: pastes[i % pastes.length] };
}

/** 7 in 10 searches, 2 article pages, 1 troubleshoot. */
function mixedRequest(w: ReturnType<typeof workload>, i: number): Request {
  const slot = i % 10;
  if (slot < 7) return searchRequest(w.queries, i);
  if (slot < 9) return { method: 'GET', path: `/kb/${w.articles[i % w.articles.length]}` };
  return troubleshootRequest(w.pastes, i);
}

/** 3 in 4 feedback on an article, 1 in 4 a share of a short paste of the load's own words (not masked). */
function writeRequest(articles: string[], i: number): Request {
  if (i % 4 === 3) {
    const log = `load test ${i}: service stopped unexpectedly\nload test ${i}: retrying in 60 seconds\n`;
    return { method: 'POST', path: '/api/shared', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ log, redact: false }) };
  }
  const body = { target: 'article', article: articles[i % articles.length], helpful: i % 3 !== 0, comment: i % 3 === 0 ? `load ${i}` : undefined };
  return { method: 'POST', path: '/api/feedback', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

interface PhaseResult {
  name: Phase;
  store?: StoreName;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  /** CPU the server spent per request (all its processes), ms; undefined with --base. */
  serverCpuPerRequest?: number;
  /** Cores the load generator (this process) kept busy. */
  clientCores: number;
  /** Share of the machine's CPU time that was busy, and that the hypervisor stole. */
  busy: number;
  steal: number;
}

async function runPhase(base: string, name: Phase, requests: Request[], connections: number, duration: number, serverPid?: number): Promise<PhaseResult> {
  process.stderr.write(`load: ${name}: 3 s warm-up, then ${duration} s with ${connections} connections (load average ${os.loadavg()[0].toFixed(2)})\n`);
  await autocannon({ url: base, connections, duration: 3, requests, timeout: 30 });
  const server0 = serverPid === undefined ? undefined : serverCpuMs(serverPid);
  const client0 = process.cpuUsage();
  const machine0 = machineTicks();
  const r = await autocannon({ url: base, connections, duration, requests, timeout: 30 });
  const client = process.cpuUsage(client0);
  const machine1 = machineTicks();
  const allTicks = machine1.total - machine0.total;
  const serverMs = server0 === undefined ? undefined : serverCpuMs(serverPid!) - server0;
  return {
    name,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
    serverCpuPerRequest: serverMs === undefined || !r.requests.total ? undefined : serverMs / r.requests.total,
    clientCores: (client.user + client.system) / 1000 / (r.duration * 1000),
    busy: allTicks ? (machine1.busy - machine0.busy) / allTicks : 0,
    steal: allTicks ? (machine1.steal - machine0.steal) / allTicks : 0,
  };
}

/** CPU time (user + system) the server and its workers have used so far, ms: utime and stime of /proc/PID/stat. */
function serverCpuMs(pid: number): number {
  let ticks = 0;
  for (const p of [pid, ...childrenOf(pid)]) {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
    const stat = readFileSafe(`/proc/${p}/stat`);
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks * CLOCK_TICK_MS;
}
/**
 * The machine's CPU ticks from /proc/stat: all of them, the busy ones (neither idle nor waiting on I/O), and
 * those the hypervisor gave another guest (steal): on a shared VM, steal is why two runs of one phase differ.
 */
function machineTicks(): { total: number; busy: number; steal: number } {
  const cpu = readFileSafe('/proc/stat').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
  return { total: user + nice + system + idle + iowait + irq + softirq + steal, busy: user + nice + system + irq + softirq, steal };
}

/** Linux reports process times in ticks of USER_HZ, 100 a second on every architecture Node runs on. */
const CLOCK_TICK_MS = 10;

/** Starts the server; resolves once its primary logs that it listens, is ready and has checked its index. Its lines are echoed. */
async function startServer(opts: Options, store: StoreName): Promise<ServeProcess & { base: string }> {
  const env: Record<string, string> = {
    KB_DIR: opts.kb,
    DATA_DIR: opts.data,
    WRITES_PER_MINUTE: '1000000',
    ...(opts.workers ? { WORKERS: String(opts.workers) } : {}),
  };
  // An inherited DATABASE_URL must not turn the sqlite run into a second postgres one.
  env.DATABASE_URL = store === 'postgres' ? opts.databaseUrl! : '';
  const nodeFlags = opts.nodeFlags?.split(/\s+/).filter(Boolean) ?? [];
  const server = startServe(env, (line) => process.stderr.write(`  server: ${line}\n`), nodeFlags);
  const [base] = await Promise.all([server.listening, server.ready]);
  // After a start the server hashes the article files once (seconds of CPU); measure after it, not during it.
  await Promise.race([server.checked, new Promise((r) => setTimeout(r, 60_000))]);
  return { ...server, base };
}

/** Memory of the server and its workers after the phases (see process-memory.ts for RSS against PSS). */
function serverMemory(pid: number): string {
  const rows = [pid, ...childrenOf(pid)].map((p) => memoryOf(p) ?? { rss: 0, pss: 0 });
  const mib = (n: number) => n.toFixed(0);
  const sum = (key: 'rss' | 'pss') => rows.reduce((s, r) => s + r[key], 0);
  const each = rows.map((r, i) => `${i === 0 ? 'primary' : `worker ${i}`} ${mib(r.rss)}/${mib(r.pss)}`).join(', ');
  return `RSS ${mib(sum('rss'))} MiB, PSS ${mib(sum('pss'))} MiB (RSS/PSS each: ${each})`;
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function verdict(r: PhaseResult): string {
  const t = TARGETS[r.name];
  const misses: string[] = [];
  if (t.minRps !== undefined && r.rps < t.minRps) misses.push(`< ${t.minRps} req/s`);
  if (r.p99 > t.maxP99Ms) misses.push(`p99 > ${t.maxP99Ms} ms`);
  if (r.errors + r.non2xx + r.timeouts > 0) misses.push('errors');
  return misses.length ? `MISS (${misses.join(', ')})` : 'ok';
}

function parseStores(list: string): StoreName[] {
  const names = list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(STORES as readonly string[]).includes(n));
  if (unknown.length || !names.length) throw new InvalidArgumentError(`a comma list of ${STORES.join(', ')} is expected; got "${list}".`);
  return names as StoreName[];
}

function parsePhases(list: string): Phase[] {
  const names = list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(PHASES as readonly string[]).includes(n));
  if (unknown.length || !names.length) throw new InvalidArgumentError(`a comma list of ${PHASES.join(', ')} is expected; got "${list}".`);
  return names as Phase[];
}

async function main(): Promise<void> {
  const program = new Command()
    .option('--kb <dir>', 'archive root', '/tmp/kbarchive')
    .option('--data <dir>', 'DATA_DIR of the server', '/tmp/kbsleuth-load')
    .option('--workers <n>', 'server workers (WORKERS)', (v) => Number.parseInt(v, 10))
    .option('--duration <s>', 'seconds per phase', (v) => Number.parseInt(v, 10), 15)
    .option('--connections <n>', 'concurrent connections', (v) => Number.parseInt(v, 10), 8)
    .option('--phases <list>', `comma list of ${PHASES.join(', ')}`, parsePhases, [...PHASES])
    .option('--base <url>', 'drive this running server instead of starting one')
    .option('--stores <list>', `comma list of ${STORES.join(', ')}: one run per store`, parseStores, ['sqlite'] as StoreName[])
    .option('--node-flags <flags>', "flags for the server's node, space-separated")
    .option(
      '--database-url <url>',
      'PostgreSQL for the postgres run (default DATABASE_URL, else TEST_DATABASE_URL)',
      process.env.DATABASE_URL || process.env.TEST_DATABASE_URL,
    )
    .parse();
  const opts = program.opts<Options>();
  if (opts.stores.includes('postgres') && !opts.databaseUrl)
    throw new Error('load: --stores postgres needs --database-url, DATABASE_URL or TEST_DATABASE_URL (scripts/test-postgres.sh starts a private server).');
  if (!opts.base && !existsSync(path.join(opts.kb, 'kb')) && !existsSync(path.join(opts.kb, 'txt'))) {
    throw new Error(`load: no archive at ${opts.kb}; unpack it with ../shared/corpus/unpack.sh or pass --kb DIR.`);
  }
  if (!existsSync(DEV_CASES_FILE)) throw new Error(`load: the dev cases ${DEV_CASES_FILE} are missing; they supply the queries and pastes.`);
  const w = workload();
  process.stderr.write(`load: ${w.queries.length} queries, ${w.pastes.length} pastes of 200 lines, ${w.articles.length} articles\n`);
  const results: PhaseResult[] = [];
  const rss: string[] = [];
  // With --base there is one run, on whatever store that server uses.
  for (const store of opts.base ? [undefined] : opts.stores) {
    let server: (ServeProcess & { base: string }) | undefined;
    if (store) {
      process.stderr.write(`load: starting the server on ${opts.kb} with the ${store} store\n`);
      const started = Date.now();
      server = await startServer(opts, store);
      process.stderr.write(`load: server ready at ${server.base} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
    const base = opts.base ?? server!.base;
    const pid = server?.child.pid;
    try {
      const phases: Record<Phase, () => Promise<PhaseResult>> = {
        search: () =>
          runPhase(
            base,
            'search',
            rotating((i) => searchRequest(w.queries, i)),
            opts.connections,
            opts.duration,
            pid,
          ),
        troubleshoot: () =>
          runPhase(
            base,
            'troubleshoot',
            rotating((i) => troubleshootRequest(w.pastes, i)),
            Math.max(1, Math.floor(opts.connections / 2)),
            opts.duration,
            pid,
          ),
        mixed: () =>
          runPhase(
            base,
            'mixed',
            rotating((i) => mixedRequest(w, i)),
            opts.connections,
            opts.duration,
            pid,
          ),
        write: () =>
          runPhase(
            base,
            'write',
            rotating((i) => writeRequest(w.articles, i)),
            opts.connections,
            opts.duration,
            pid,
          ),
      };
      for (const phase of opts.phases) results.push({ ...(await phases[phase]()), store });
      if (server) rss.push(`${store}: ${serverMemory(server.child.pid!)}`);
    } finally {
      await server?.stop();
    }
  }

  const cpus = os.cpus();
  const workers = opts.base ? 'as started' : `WORKERS=${opts.workers ?? 'default'}`;
  console.log(
    `kbsleuth load: ${cpus.length} core(s) (${cpus[0]?.model.trim() ?? 'unknown'}), node ${process.version}, server ${workers}, ${opts.duration} s per phase`,
  );
  const rows = [['store', 'phase', 'req/s', 'p50', 'p99', 'requests', 'errors', 'server CPU/req', 'load generator', 'machine busy', 'steal', 'verdict']];
  for (const r of results) {
    const cpu = r.serverCpuPerRequest === undefined ? '-' : `${r.serverCpuPerRequest.toFixed(1)} ms`;
    rows.push([
      r.store ?? '-',
      r.name,
      r.rps.toFixed(0),
      `${r.p50} ms`,
      `${r.p99} ms`,
      String(r.requests),
      `${r.errors + r.non2xx + r.timeouts} (${r.non2xx} non-2xx, ${r.timeouts} timeouts)`,
      cpu,
      `${r.clientCores.toFixed(2)} cores`,
      `${(r.busy * 100).toFixed(0)}%`,
      `${(r.steal * 100).toFixed(0)}%`,
      verdict(r),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, r] of rows.entries()) {
    console.log(
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((n) => '-'.repeat(n)).join('  '));
  }
  const memory = rss.length ? `server memory after the phases, all processes: ${rss.join('; ')}` : 'server memory not measured (--base)';
  console.log(
    `${memory}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`rerun: npm run load -- ${process.argv.slice(2).join(' ')}`.trimEnd());
  process.exitCode = results.every((r) => verdict(r) === 'ok') ? 0 : 1;
}

await main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
});
