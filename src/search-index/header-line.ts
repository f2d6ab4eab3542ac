/**
 * The header line of a saved file (index, article store), read without the body behind it: a saved index
 * is hundreds of MB, and knowing which sources it was built from takes its first line.
 */
import { fstatSync, openSync, closeSync, readSync } from 'node:fs';

/**
 * The file's bytes up to and including the first newline at or after `from`, read in growing chunks; the whole
 * file when it has no such newline (a truncated file: the caller's header check says so).
 */
export function readHeaderLine(fd: number, from: number): Buffer {
  const size = fstatSync(fd).size;
  let chunk = Buffer.alloc(Math.min(size, 1 << 16));
  let len = readSync(fd, chunk, 0, chunk.length, 0);
  let nl = chunk.subarray(0, len).indexOf(0x0a, from);
  while (nl < 0 && len < size) {
    chunk = Buffer.alloc(Math.min(size, chunk.length * 2));
    len = readSync(fd, chunk, 0, chunk.length, 0);
    nl = chunk.subarray(0, len).indexOf(0x0a, from);
  }
  return chunk.subarray(0, nl < 0 ? len : nl + 1);
}

/** readHeaderLine of a file by name. */
export function readHeaderLineOf(file: string, from: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    return readHeaderLine(fd, from);
  } finally {
    closeSync(fd);
  }
}
