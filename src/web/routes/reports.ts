/** /reports (and /api/reports): the knowledge gaps and the articles people said did not help. */
import { Router } from 'express';
import type { AppDeps } from '../options.js';

type Deps = Required<AppDeps>;

/** Rows per list. */
const REPORT_ROWS = 100;

function readReports(deps: Deps) {
  const title = (id: string) => (deps.kb.isReady ? deps.kb.article(id)?.title : undefined);
  return {
    searches: deps.db.listGaps('search', REPORT_ROWS),
    pastes: deps.db.listGaps('paste', REPORT_ROWS),
    unhelpful: deps.db.listUnhelpfulArticles(REPORT_ROWS).map((a) => ({ ...a, title: title(a.articleId) })),
  };
}

export function reportsPageRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/reports', (_req, res) => {
    res.render('reports', { title: 'Reports - kbsleuth', q: '', ...readReports(deps) });
  });
  return router;
}

export function reportsApiRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/reports', (_req, res) => res.json(readReports(deps)));
  return router;
}
