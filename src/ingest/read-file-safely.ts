/**
 * Reads one article file from a folder nobody vetted. A named pipe would block a plain read forever (at
 * start and through the watcher), a device could stream without end, a link could lead out of the folder,
 * and a 50 MiB file would cost seconds on every page view: each is a load problem here instead.
 *
 * The file is opened non-blocking (opening a FIFO then returns at once) and its type and size are checked
 * on the open descriptor before a byte is read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { LoadProblem } from '../types.js';
import { loadProblem } from './build-article.js';

/** Largest article read, in bytes; the largest in the archive is far below it. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/**
 * The bytes of `filePath`, or a problem: not a regular file (pipe, socket, device), a link that resolves
 * outside every one of `roots` (when given), larger than MAX_ARTICLE_BYTES, or unreadable. With `into` (at least
 * MAX_ARTICLE_BYTES long) the bytes are a view of it, valid until the next read into it: for a caller that only hashes them.
 */
export function readArticleFileSafely(filePath: string, roots?: readonly string[] | RealRoots, into?: Buffer): Buffer | LoadProblem {
  let real = filePath;
  const realRoots = roots && (roots instanceof RealRoots ? roots : new RealRoots(roots));
  // Only where it is checked against the roots: the path resolves as it opens (the source hash reads 117,000 files).
  if (realRoots) {
    try {
      // The native call is one libc realpath; the JavaScript one lstat()s every folder on the way (a third of a build's reading).
      real = realpathSync.native(filePath);
    } catch (err) {
      return unreadable(filePath, err);
    }
    if (!realRoots.holds(real)) {
      return loadProblem(filePath, 'outside-root', `is a link to ${real}, outside the KB folder; copy the article into the folder instead of linking to it`);
    }
  }
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return unreadable(filePath, err);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return notAFile(filePath);
    if (info.size > MAX_ARTICLE_BYTES) {
      return loadProblem(
        filePath,
        'too-large',
        `is ${(info.size / 1048576).toFixed(1)} MiB, over the ${MAX_ARTICLE_BYTES / 1048576} MiB an article may be; split it or remove it from the KB folder`,
      );
    }
    const bytes = into && info.size <= into.length ? into.subarray(0, info.size) : Buffer.alloc(info.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } catch (err) {
    return unreadable(filePath, err);
  } finally {
    closeSync(fd);
  }
}

export function notAFile(filePath: string): LoadProblem {
  return loadProblem(filePath, 'not-a-file', 'is not a regular file (a pipe, socket or device); remove it from the KB folder');
}

/**
 * Folders resolved once (links to a root itself count as inside it), for a loader that reads many files under the
 * same roots: resolving a root for every file read cost as much again as resolving the file.
 */
export class RealRoots {
  private readonly real: string[];
  constructor(roots: readonly string[]) {
    this.real = roots.map((root) => {
      try {
        return realpathSync.native(root);
      } catch {
        return path.resolve(root);
      }
    });
  }

  /** Whether the resolved path `real` is one of the roots or below one. */
  holds(real: string): boolean {
    return this.real.some((r) => {
      const rel = path.relative(r, real);
      return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
    });
  }
}

/** The problem a file or folder that cannot be read is reported as (the loader's walk uses it too). */
export function unreadable(filePath: string, err: unknown): LoadProblem {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return loadProblem(filePath, 'unreadable', `cannot be read (${code}); check that it exists and that its permissions allow reading`);
}
