/**
 * Health for load balancers and orchestrators. `/healthz` says the process is alive (200 while it loads or
 * serves; 503 only when its index failed for good, so a restart is the fix). `/readyz` says whether to send
 * it traffic: 200 only when the index is loaded and the store answers. A rollout waits on /readyz.
 */
import { Router } from 'express';
import type { KnowledgeBase } from '../knowledge-base.js';
import type { Storage } from '../store/storage.js';

/** A store slower than this counts as not ready. */
const STORAGE_PING_MS = 2000;

export function healthRoutes(deps: { kb: KnowledgeBase; storage: Storage }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const state = deps.kb.state();
    if (state.status !== 'ready') res.set('Retry-After', '5');
    // `process`: which server process answered (several share the port when WORKERS > 1); the loading page polls
    // for `progress` and reloads once `status` is ok.
    res.status(state.status === 'failed' ? 503 : 200).json({
      status: state.status === 'ready' ? 'ok' : state.status,
      articles: state.articles,
      problems: state.problems,
      index: state.source,
      builtAt: state.builtAt,
      message: state.message,
      progress: state.progress,
      process: process.pid,
    });
  });
  router.get('/readyz', async (_req, res) => {
    const state = deps.kb.state();
    const storage = await pingWithin(deps.storage, STORAGE_PING_MS);
    const ready = state.status === 'ready' && storage === 'ok';
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      index: state.status === 'ready' ? 'ok' : state.status,
      articles: state.articles,
      storage,
      storageKind: deps.storage.kind,
      process: process.pid,
    });
  });
  return router;
}

/** 'ok', or what is wrong with the store (its 503 message, or a timeout). */
async function pingWithin(storage: Storage, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer within ${ms} ms`), ms)));
  try {
    return await Promise.race([storage.ping().then(() => 'ok'), timeout]);
  } catch (err) {
    return (err as Error).message;
  } finally {
    clearTimeout(timer);
  }
}
