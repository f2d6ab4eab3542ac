/**
 * A content hash of every article file under the KB folders: the saved index is reused only while it
 * matches. Content, not file dates: a copied or re-checked-out archive keeps its index, an edit does not.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { distinctSorted, findArticleFiles } from './walk-folders.js';
import { combineDigests, sourceDigestOf } from './source-digest.js';
import { MAX_ARTICLE_BYTES } from './read-file-safely.js';

/** Synchronous. A build gets the same hash from loadArticles ({ hashSources: true }) without reading twice. */
export function hashArticleSources(dirs: readonly string[]): string {
  const steps = hashSteps(dirs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same hash for a server that already serves a saved index: the same steps, in slices of `sliceMs` with a turn of
 * the event loop between them, so requests are answered meanwhile. Not the promise-based file API: a handle's open,
 * stat, read and close each cross to the thread pool, and on the full archive that cost 15 s of CPU on a quiet machine
 * and 26-33 s at load 4 (both cores for 20-25 s, under the first searches after a start), against about 3 s here.
 */
export async function hashArticleSourcesInBackground(dirs: readonly string[], sliceMs = 5): Promise<string> {
  const steps = hashSteps(dirs);
  let until = performance.now() + sliceMs;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() >= until) {
      await nextTurn();
      until = performance.now() + sliceMs;
    }
  }
}

/** The hash, a step per folder listed and per file read. */
function* hashSteps(dirs: readonly string[]): Generator<void, string, void> {
  const found: string[] = [];
  yield* findArticleFiles(dirs, found);
  const files = distinctSorted(found);
  // One buffer for every file: 117,000 buffers of their own, freed only by the next collection, left a server's
  // primary 60 MiB higher for good after the check.
  const scratch = Buffer.allocUnsafe(MAX_ARTICLE_BYTES);
  const digests: string[] = [];
  for (const file of files) {
    digests.push(sourceDigestOf(file, scratch));
    yield;
  }
  return combineDigests(files, digests);
}
