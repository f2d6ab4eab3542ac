/**
 * Writes a file so that readers see the old one or the new one, never half of either: the bytes go to a
 * temporary file beside it, are flushed to disk, and the temporary file is renamed over the old one.
 * A process killed mid-write leaves its temporary file (`<file>.<pid>.tmp`) behind; the next write of the
 * same file, or removeStaleTempFiles, deletes it.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * How long a temporary file must have gone unwritten before it counts as abandoned. Its pid alone cannot
 * tell: a server in another container that shares DATA_DIR has pids this one cannot see.
 */
const ABANDONED_AFTER_MS = 60_000;

/** A part of a file copied from another open file: its first `length` bytes. */
export interface CopiedPart {
  fd: number;
  length: number;
}

export function writeFileAtomically(file: string, parts: readonly (Uint8Array | string | CopiedPart)[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  removeStaleTempFiles(file);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const part of parts) {
      if (typeof part === 'string') writeAll(fd, Buffer.from(part, 'utf8'));
      else if ('fd' in part) copyInto(fd, part);
      else writeAll(fd, part);
    }
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, file);
}

/** Writes all of `buf` at the descriptor's position, in calls of at most 64 MiB. */
export function writeAll(fd: number, buf: Uint8Array): void {
  let done = 0;
  while (done < buf.byteLength) done += writeSync(fd, buf, done, Math.min(buf.byteLength - done, 1 << 26));
}

/** Bytes copied at a time from a CopiedPart. */
const COPY_CHUNK = 1 << 23;

function copyInto(fd: number, part: CopiedPart): void {
  const buf = Buffer.allocUnsafe(Math.min(COPY_CHUNK, part.length));
  for (let at = 0; at < part.length;) {
    const n = readSync(part.fd, buf, 0, Math.min(buf.length, part.length - at), at);
    if (n === 0) throw new Error(`the file copied in ended after ${at} of its ${part.length} bytes`);
    writeAll(fd, buf.subarray(0, n));
    at += n;
  }
}

/**
 * Deletes the temporary files of `file` left by writers that died mid-write: those whose process is gone
 * (or is this one, which is not writing now) and that nobody wrote for a minute. Returns the paths deleted.
 */
export function removeStaleTempFiles(file: string, now = Date.now()): string[] {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -'.tmp'.length)) : NaN;
    if (!Number.isInteger(pid) || pid <= 0 || (pid !== process.pid && isRunning(pid))) continue;
    const tmp = path.join(dir, name);
    try {
      if (now - statSync(tmp).mtimeMs < ABANDONED_AFTER_MS) continue;
      rmSync(tmp, { force: true });
      removed.push(tmp);
    } catch {
      // Removed by another server meanwhile, or not ours to remove: it is only disk space.
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
