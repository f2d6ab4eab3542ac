/** The JSON API: /api/search, /api/suggest, /api/articles/:id, /api/troubleshoot. */
import express, { Router } from 'express';
import { HttpError } from '../../errors.js';
import type { AppDeps, AppOptions } from '../options.js';
import { readSearchParams, requireReady as ready, singleParams, skippedExpansions } from '../request-params.js';
import { FILTER_NAMES } from '../../search/parse-query.js';
import { parseArticleId } from '../article-id.js';
import { troubleshootRequest } from './troubleshoot-request.js';
import { isTicketFormat, isTicketVersion, ticketTextOf } from '../../render/ticket-text.js';
import { publicOrigin } from '../same-origin.js';
import { pasteGapOf, recordGapSafely } from '../knowledge-gaps.js';
import { articleResponseOf, searchResponseOf } from '../search-response.js';

export function apiRoutes(deps: Required<AppDeps>, options: AppOptions): Router {
  const router = Router();
  const { kb, storage } = deps;
  const requireReady = ready(kb);

  router.get('/search', requireReady, (req, res) => {
    const p = readSearchParams(singleParams(req), options);
    const filters = Object.fromEntries(FILTER_NAMES.map((f) => [f, p[f]]).filter(([, v]) => v));
    const result = kb.search(p.q, { limit: p.limit, offset: p.offset, sort: p.sort, filters, skipExpansions: skippedExpansions(p.noexpand) });
    res.json(searchResponseOf(result));
  });

  // OpenSearch suggestions: [query, [completions], [descriptions], [urls]].
  router.get('/suggest', requireReady, (req, res) => {
    const q = (singleParams(req).q ?? '').slice(0, options.maxQueryChars);
    if (!q.trim()) return void res.json([q, [], [], []]);
    const result = kb.search(q, { limit: 8, noExcerpts: true });
    // res.json (not send) so the app's JSON escaping applies to the echoed query too.
    res
      .type('application/x-suggestions+json')
      .json([q, result.results.map((r) => `${r.id} ${r.title}`), result.results.map((r) => r.title), result.results.map((r) => r.url)]);
  });

  router.get('/articles/:id', requireReady, (req, res) => {
    const id = parseArticleId(String(req.params.id));
    const article = kb.article(id);
    if (!article) throw new HttpError(404, `No article ${id} in this knowledge base. Search for it at /search?q=${id}.`);
    const { format, version } = singleParams(req);
    // The pages' "Copy for ticket" buttons ask for ?format=text (or markdown), with &version= on a diagnosis with a verdict.
    if (isTicketFormat(format)) {
      // A version is a version: anything else (CR/LF, prose) would let a link author write into the ticket text.
      if (version !== undefined && !isTicketVersion(version.trim()))
        throw new HttpError(400, 'The version must be a product version such as 1.2 or 4.0 SP3 (letters, digits, dots, spaces; up to 40).');
      const text = ticketTextOf(article, `${publicOrigin(req, options.publicUrl)}/kb/${id}`, { format, version: version?.trim() || undefined });
      return void res.type(format === 'markdown' ? 'text/markdown' : 'text/plain').send(text);
    }
    if (format !== undefined && format !== 'json')
      throw new HttpError(400, `Unknown format "${format.slice(0, 20)}"; use format=json (the default), text or markdown.`);
    res.json(articleResponseOf(article));
  });

  router.post(
    '/troubleshoot',
    requireReady,
    express.json({ limit: options.maxBodyBytes }),
    express.text({ limit: options.maxBodyBytes, type: ['text/plain', 'text/*'] }),
    async (req, res) => {
      const result = await troubleshootRequest(kb, req, options);
      // A paste re-sent with answers was counted when first sent.
      const input = req.body as { log?: unknown; answers?: Record<string, string> } | string;
      if (typeof input === 'string') recordGapSafely(storage, pasteGapOf(input, result));
      else if (typeof input?.log === 'string' && !Object.keys(input.answers ?? {}).length) recordGapSafely(storage, pasteGapOf(input.log, result));
      res.json(result);
    },
  );

  router.use((req, _res, next) =>
    next(
      new HttpError(404, `No API endpoint ${req.method} ${req.baseUrl}${req.path}. See the README for /api/search, /api/articles/:id and /api/troubleshoot.`),
    ),
  );
  return router;
}
