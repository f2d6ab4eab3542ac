/**
 * Summarises `node --cpu-prof` output: the functions with the most self time, and the project's own
 * functions with the most total (inclusive) time. Used by `npm run bench -- --profile DIR`, or alone:
 * `node --import tsx scripts/bench-profile.ts FILE.cpuprofile [top]`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  /**
   * `name (file)`, the file shortened to the part after the project folder or node_modules. No line number:
   * under tsx, V8 reports positions in the transformed code, which are meaningless in the source.
   */
  label: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Samples Node attributes to no JavaScript (idle, waiting on workers or I/O). */
  idleMs: number;
  gcMs: number;
  functions: FunctionTime[];
}

function shorten(raw: string): string {
  if (!raw) return '';
  // tsx adds a query (?tsx-namespace=...) to modules loaded in worker threads.
  const url = raw.replace(/\?.*$/, '');
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  for (const marker of ['/src/', '/scripts/']) {
    const at = url.lastIndexOf(marker);
    if (at >= 0) return url.slice(at + 1);
  }
  return url.replace(/^file:\/\//, '');
}

export function summarizeCpuProfile(file: string): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const labelOf = (n: ProfileNode) => {
    const f = n.callFrame;
    const where = shorten(f.url);
    return `${f.functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let idleMs = 0;
  let gcMs = 0;
  let totalMs = 0;
  for (let i = 0; i < p.samples.length; i++) {
    // A sample's time is the gap to the next one.
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    totalMs += ms;
    const node = byId.get(p.samples[i]);
    if (!node) continue;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') idleMs += ms;
    if (name === '(garbage collector)') gcMs += ms;
    const label = labelOf(node);
    self.set(label, (self.get(label) ?? 0) + ms);
    // Inclusive time: once per distinct function on the stack (recursion counted once).
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const l = labelOf(byId.get(id)!);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  }
  const functions = [...total].map(([label, t]) => ({ label, selfMs: self.get(label) ?? 0, totalMs: t }));
  return { totalMs, idleMs, gcMs, functions };
}

/** Text report: top self time, then the project's functions (src/) by total time. */
export function formatProfile(file: string, summary: ProfileSummary, top = 15): string {
  const out: string[] = [];
  const s = (ms: number) => `${(ms / 1000).toFixed(2).padStart(7)} s`;
  const pct = (ms: number) => `${((100 * ms) / Math.max(1, summary.totalMs)).toFixed(1).padStart(5)}%`;
  out.push(`${file}: ${s(summary.totalMs).trim()} sampled, idle/program ${s(summary.idleMs).trim()}, GC ${s(summary.gcMs).trim()}`);
  // A thread that mostly waited (tsx's loader thread, an idle main thread) says nothing more.
  if (summary.totalMs - summary.idleMs < 0.05 * summary.totalMs) return out.join('\n') + ' (idle thread)';
  out.push('  top self time:');
  for (const f of [...summary.functions].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) out.push(`  ${s(f.selfMs)} ${pct(f.selfMs)}  ${f.label}`);
  out.push('  project functions by total (inclusive) time:');
  const own = summary.functions.filter((f) => f.label.includes('(src/'));
  for (const f of own.sort((a, b) => b.totalMs - a.totalMs).slice(0, top))
    out.push(`  ${s(f.totalMs)} ${pct(f.totalMs)}  ${f.label}  (self ${(f.selfMs / 1000).toFixed(2)} s)`);
  return out.join('\n');
}

if (process.argv[1]?.endsWith('bench-profile.ts')) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('bench-profile: give a .cpuprofile file: node --import tsx scripts/bench-profile.ts FILE.cpuprofile [top]\n');
    process.exit(2);
  }
  console.log(formatProfile(file, summarizeCpuProfile(file), Number(process.argv[3] ?? 15)));
}
