/**
 * A content hash of every article file under the KB folders: the saved index is reused only while it
 * matches. Content, not file dates: a copied or re-checked-out archive keeps its index, an edit does not.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { distinctSorted, findArticleFiles, listArticleFiles } from './walk-folders.js';
import { combineDigests as combine, sourceDigestOf } from './source-digest.js';
import { MAX_ARTICLE_BYTES } from './read-file-safely.js';

/** Synchronous. A build gets the same hash from loadArticles ({ hashSources: true }) without reading twice. */
export function hashArticleSources(dirs: readonly string[]): string {
  const files = listArticleFiles(dirs);
  const scratch = Buffer.allocUnsafe(MAX_ARTICLE_BYTES);
  return combine(
    files,
    files.map((file) => sourceDigestOf(file, scratch)),
  );
}

/**
 * The same hash for a server that already serves a saved index: the same synchronous reads, in slices of
 * `sliceMs` with a turn of the event loop between them, so requests are answered meanwhile. Not the
 * promise-based file API: a handle's open, stat, read and close each cross to the thread pool, and on the full
 * archive that cost 26-33 s of CPU (both cores for 20-25 s, under the first searches after a start) against about 4 s here.
 */
export async function hashArticleSourcesInBackground(dirs: readonly string[], sliceMs = 5): Promise<string> {
  const found: string[] = [];
  await inSlices(findArticleFiles(dirs, found), sliceMs);
  const files = distinctSorted(found);
  const digests: string[] = [];
  await inSlices(digestEach(files, digests), sliceMs);
  return combine(files, digests);
}

function* digestEach(files: readonly string[], out: string[]): Generator<void, void, void> {
  // One buffer for every file: 117,000 buffers of their own, freed only by the next collection, left the primary's
  // resident memory 60 MiB higher for good after the check.
  const scratch = Buffer.allocUnsafe(MAX_ARTICLE_BYTES);
  for (const file of files) {
    out.push(sourceDigestOf(file, scratch));
    yield;
  }
}

/** Runs `steps` to the end, yielding to the event loop every `sliceMs`. */
async function inSlices(steps: Iterator<void>, sliceMs: number): Promise<void> {
  let until = performance.now() + sliceMs;
  while (!steps.next().done) {
    if (performance.now() >= until) {
      await nextTurn();
      until = performance.now() + sliceMs;
    }
  }
}
