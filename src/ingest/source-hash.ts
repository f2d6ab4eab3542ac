/**
 * A content hash of every article file under the KB folders: the saved index is reused only while it
 * matches. Content, not file dates: a copied or re-checked-out archive keeps its index, an edit does not.
 */
import { createHash } from 'node:crypto';
import { listArticleFiles } from './load-articles.js';
import { readArticleFileSafely, readRegularFile } from './read-file-safely.js';

/** Synchronous: for a build, which reads every file anyway. */
export function hashArticleSources(dirs: readonly string[]): string {
  const files = listArticleFiles(dirs);
  // Read as the loader reads: a pipe or device under the folder must not block the hash either.
  return combine(
    files,
    files.map((file) =>
      digestOf(() => {
        const bytes = readArticleFileSafely(file);
        return Buffer.isBuffer(bytes) ? bytes : undefined;
      }),
    ),
  );
}

/**
 * The same hash, reading with bounded concurrency and yielding between files, so a server that already
 * serves a saved index keeps answering while its sources are checked.
 */
export async function hashArticleSourcesInBackground(dirs: readonly string[], concurrency = 16): Promise<string> {
  const files = listArticleFiles(dirs);
  const digests = new Array<string>(files.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < files.length) {
        const i = next++;
        const bytes = await readRegularFile(files[i]);
        digests[i] = digestOf(() => bytes);
      }
    }),
  );
  return combine(files, digests);
}

function digestOf(read: () => Buffer | undefined): string {
  try {
    const bytes = read();
    return bytes ? createHash('sha1').update(bytes).digest('hex') : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function combine(files: readonly string[], digests: readonly string[]): string {
  const all = createHash('sha256');
  files.forEach((file, i) => all.update(file).update('\0').update(digests[i]).update('\n'));
  return all.digest('hex');
}
