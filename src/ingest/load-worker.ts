/**
 * Worker thread of loadArticles: walks, reads and parses its share of the folders and posts the result.
 * Messages: `{ type: 'found', count }` once walked, `{ type: 'progress', count }` every ~500 files,
 * `{ type: 'articles', articles }` for each batch of finished articles, then `{ type: 'done', ...ShareResult }`
 * (its `articles` empty: they were all posted in batches).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadShare, resolveTransform, type ArticleTransform } from './load-articles.js';
import type { WorkUnit } from './walk-folders.js';

const { units, transform, hashSources } = workerData as { units: WorkUnit[]; transform?: ArticleTransform; hashSources?: boolean };
const port = parentPort!;
const result = await loadShare(units, {
  transform: (await resolveTransform(transform))?.fn,
  hashSources,
  onFound: (count) => port.postMessage({ type: 'found', count }),
  onBatch: (count) => port.postMessage({ type: 'progress', count }),
  onArticles: (articles) => port.postMessage({ type: 'articles', articles }),
});
port.postMessage({ type: 'done', ...result });
