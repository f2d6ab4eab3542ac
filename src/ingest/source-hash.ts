/**
 * A content hash of every article file under the KB folders: the saved index is reused only while it
 * matches. Content, not file dates: a copied or re-checked-out archive keeps its index, an edit does not.
 */
import { listArticleFiles } from './walk-folders.js';
import { readRegularFile } from './read-file-safely.js';
import { combineDigests as combine, digestOf, sourceDigestOf } from './source-digest.js';

/** Synchronous. A build gets the same hash from loadArticles ({ hashSources: true }) without reading twice. */
export function hashArticleSources(dirs: readonly string[]): string {
  const files = listArticleFiles(dirs);
  return combine(files, files.map(sourceDigestOf));
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
