/**
 * The content hash of a set of article files, from one digest per file: computed by the source check
 * (source-hash.ts) reading every file, or by the loader's threads from the bytes they read anyway (a build
 * then reads the archive once, not twice). Both must give the same hash for the same files.
 */
import { createHash } from 'node:crypto';
import { readArticleFileSafely } from './read-file-safely.js';

/** A file's digest, or 'unreadable' when it cannot be read (`read` returns undefined or throws). */
export function digestOf(read: () => Buffer | undefined): string {
  try {
    const bytes = read();
    return bytes ? createHash('sha1').update(bytes).digest('hex') : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** The hash of `files` (sorted, distinct) from their digests, in the same order. */
export function combineDigests(files: readonly string[], digests: readonly string[]): string {
  const all = createHash('sha256');
  files.forEach((file, i) => all.update(file).update('\0').update(digests[i]).update('\n'));
  return all.digest('hex');
}

/**
 * A file's digest as the source check reads it: as the loader reads, so a pipe or device under the folder cannot block it.
 * With `scratch` (MAX_ARTICLE_BYTES) the file is read into it rather than into a buffer of its own.
 */
export function sourceDigestOf(file: string, scratch?: Buffer): string {
  return digestOf(() => {
    const bytes = readArticleFileSafely(file, undefined, scratch);
    return Buffer.isBuffer(bytes) ? bytes : undefined;
  });
}
