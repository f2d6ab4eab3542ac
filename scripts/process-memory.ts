/**
 * What a running server costs, read from /proc (Linux): its processes, and the memory of each. RSS counts every
 * page a process has resident, so pages several processes share (the mapped saved files in the page cache) count
 * once per process; PSS divides each shared page among the processes sharing it, so PSS adds up across processes.
 */
import { readdirSync, readFileSync } from 'node:fs';

const MiB = 1024;

/** RSS and PSS in MiB of one process, from /proc/PID/smaps_rollup; undefined when it is gone. */
export function memoryOf(pid: number): { rss: number; pss: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: kb('Rss') / MiB, pss: kb('Pss') / MiB };
  } catch {
    return undefined;
  }
}

/** The process ids of `pid`'s children (the cluster workers of a primary), forked by any of its threads; none when it is gone. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) out.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    // Gone, or a thread ended between the listing and the read: what was read stands.
  }
  return out;
}
