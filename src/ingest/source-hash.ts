/**
 * A content hash of every article file under the KB folders: the saved index is reused only while it
 * matches. Content, not file dates: a copied or re-checked-out archive keeps its index, an edit does not.
 */
import { Worker } from 'node:worker_threads';
import { KbError } from '../errors.js';
import { listArticleFiles } from './walk-folders.js';
import { combineDigests, sourceDigestOf } from './source-digest.js';
import { MAX_ARTICLE_BYTES } from './read-file-safely.js';
import { workerEntry } from './worker-entry.js';

/** Synchronous. A build gets the same hash from loadArticles ({ hashSources: true }) without reading twice. */
export function hashArticleSources(dirs: readonly string[]): string {
  const files = listArticleFiles(dirs);
  // One buffer for every file: 117,000 buffers of their own, freed only by the next collection, left a server's
  // primary 60 MiB higher for good after the check.
  const scratch = Buffer.allocUnsafe(MAX_ARTICLE_BYTES);
  return combineDigests(
    files,
    files.map((file) => sourceDigestOf(file, scratch)),
  );
}

/**
 * The same hash for a server that already serves a saved index, on a worker thread: requests are answered
 * meanwhile, and what the walk and the reads allocate goes with the thread. Run in the server's own thread (in
 * slices between requests), it left the cluster primary, idle afterwards and so never collecting, at 205 MiB RSS
 * for good, against 139 MiB now. Aborting `signal` (the knowledge base closing) stops the thread; the promise then rejects.
 */
export function hashArticleSourcesOffThread(dirs: readonly string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new KbError('source check: stopped before it started'));
    let worker: Worker;
    try {
      const { entry, evaluate } = workerEntry(import.meta.url, 'source-hash-worker');
      worker = new Worker(entry, { eval: evaluate, workerData: { dirs: [...dirs] } });
    } catch (err) {
      return reject(err);
    }
    const stop = () => void worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    let hash: string | undefined;
    worker.on('message', (h: string) => (hash = h));
    worker.on('error', reject);
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      if (hash !== undefined) resolve(hash);
      else reject(new KbError(`source check: its worker thread ${signal?.aborted ? 'was stopped' : `exited with code ${code}`} before a hash`));
    });
  });
}
