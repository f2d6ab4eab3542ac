/**
 * POST /api/gaps: the search page reports a search that found nothing (views/static/app.js sends it when
 * the page shows no results), and API clients may too. The search is run again, so only a real no-result
 * search is counted; a POST from another site is refused by the same-origin check and the write limit.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../../errors.js';
import { FILTER_NAMES } from '../../search/parse-query.js';
import type { AppDeps } from '../options.js';
import { recordGapSafely, searchGapOf } from '../knowledge-gaps.js';

const gapBody = z.object({
  q: z.string().max(2000),
  product: z.string().max(100).optional(),
  version: z.string().max(100).optional(),
  type: z.string().max(100).optional(),
  status: z.string().max(100).optional(),
  code: z.string().max(100).optional(),
});

export function gapApiRoutes(deps: Required<AppDeps>): Router {
  const router = Router();
  router.post('/gaps', express.json({ limit: 8 * 1024 }), (req, res) => {
    if (!req.is(['json', 'application/*+json']))
      throw new HttpError(415, 'Send JSON {"q": "the search that found nothing"} with Content-Type: application/json.');
    const parsed = gapBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, `Bad gap report: ${issue.path.join('.') || 'body'}: ${issue.message}.`);
    }
    if (!deps.kb.isReady) throw new HttpError(503, 'The knowledge base is still loading; try again in a few seconds.');
    const filters = Object.fromEntries(FILTER_NAMES.map((f) => [f, parsed.data[f]]).filter(([, v]) => v)) as Record<string, string>;
    const total = deps.kb.search(parsed.data.q, { limit: 1, noExcerpts: true, filters }).total;
    const gap = searchGapOf(parsed.data.q, filters, total);
    recordGapSafely(deps.storage, gap);
    res.status(gap ? 201 : 200).json({ recorded: !!gap });
  });
  return router;
}
