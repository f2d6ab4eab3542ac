/** Worker thread of hashArticleSourcesOffThread: hashes the folders and posts the hash (a string). */
import { parentPort, workerData } from 'node:worker_threads';
import { hashArticleSources } from './source-hash.js';

parentPort!.postMessage(hashArticleSources((workerData as { dirs: string[] }).dirs));
