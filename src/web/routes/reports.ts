/** /reports (and /api/reports): the knowledge gaps and the articles people said did not help. */
import { Router } from 'express';
import type { AppDeps } from '../app.js';

type Deps = Required<AppDeps>;

/** Rows per list. */
const REPORT_ROWS = 100;

async function readReports(deps: Deps) {
  const title = (id: string) => (deps.kb.isReady ? deps.kb.article(id)?.title : undefined);
  const [searches, pastes, unhelpful] = await Promise.all([
    deps.storage.listGaps('search', REPORT_ROWS),
    deps.storage.listGaps('paste', REPORT_ROWS),
    deps.storage.listUnhelpfulArticles(REPORT_ROWS),
  ]);
  return { searches, pastes, unhelpful: unhelpful.map((a) => ({ ...a, title: title(a.articleId) })) };
}

export function reportsPageRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/reports', async (_req, res) => {
    res.render('reports', { title: 'Reports - kbsleuth', q: '', ...(await readReports(deps)) });
  });
  return router;
}

export function reportsApiRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/reports', async (_req, res) => res.json(await readReports(deps)));
  return router;
}
