/**
 * A saved file mapped into memory read-only instead of read into the heap. Its pages are the operating system's
 * page cache: every process serving the same file shares one copy of them, a page costs nothing until something
 * reads it, and the kernel may drop pages nobody has read lately. Two server workers reading their own copies of
 * the postings each held hundreds of MB of the same bytes.
 *
 * Saved files are replaced by renaming a new file over them (atomic-file.ts), never rewritten in place, so a
 * mapping keeps the file it was opened on, whole, for as long as it lives; it is unmapped when the last view of
 * it is collected.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import mmapModule from '@riaskov/mmap-io';

// The package's module.exports is the library itself; its types describe it as the `default` of the exports.
const mmap = mmapModule as unknown as typeof mmapModule.default;

/** Maps the whole of the open file `fd` read-only; the caller keeps the descriptor (closing it keeps the mapping). */
export function mapFile(fd: number): Buffer {
  const size = fstatSync(fd).size;
  // An empty mapping is an error to mmap(2); an empty file has no bytes to share.
  if (size === 0) return Buffer.alloc(0);
  // Searches read a term's postings wherever they lie: read-ahead around each would fetch pages nobody asked for.
  return mmap.map(size, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0, mmap.MADV_RANDOM);
}

/** Maps the whole of `file` read-only. */
export function mapFileAt(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    return mapFile(fd);
  } finally {
    closeSync(fd);
  }
}
