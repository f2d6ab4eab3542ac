/**
 * Writes a file so that readers see the old one or the new one, never half of either: the bytes go to a
 * temporary file beside it, are flushed to disk, and the temporary file is renamed over the old one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export function writeFileAtomically(file: string, parts: readonly (Uint8Array | string)[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const part of parts) {
      const buf = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      let done = 0;
      while (done < buf.byteLength) done += writeSync(fd, buf, done, Math.min(buf.byteLength - done, 1 << 26));
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
