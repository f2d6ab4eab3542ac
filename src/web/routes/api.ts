/** The JSON API: /api/search, /api/suggest, /api/articles/:id, /api/troubleshoot. */
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { HttpError } from '../../errors.js';
import type { AppDeps, AppOptions } from '../app.js';
import { FILTER_NAMES } from '../../search/parse-query.js';
import { parseArticleId } from '../article-id.js';
import { troubleshootRequest } from './troubleshoot-request.js';
import { isTicketFormat, ticketTextOf } from '../ticket-text.js';
import { pasteGapOf, recordGapSafely, searchGapOf } from '../knowledge-gaps.js';

const searchParams = z.object({
  q: z.string().optional().default(''),
  limit: z.coerce.number().int().min(0).max(100).optional().default(10),
  offset: z.coerce.number().int().min(0).max(10_000).optional().default(0),
  sort: z.enum(['relevance', 'date']).optional(),
  product: z.string().optional(),
  version: z.string().optional(),
  type: z.string().optional(),
  status: z.string().optional(),
  code: z.string().optional(),
  /** Thesaurus expansions not to search, comma-separated ('*': none at all). */
  noexpand: z.string().max(2000).optional(),
});

/** The `noexpand` parameter as a list of expressions. */
export function skippedExpansions(noexpand: string | undefined): string[] {
  return (noexpand ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** Query parameters as single strings: a repeated parameter (?q=a&q=b) is a client error, not a crash. */
export function singleParams(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.query)) {
    if (typeof v !== 'string') throw new HttpError(400, `The parameter "${k}" was given more than once or in an unsupported form; give it once.`);
    out[k] = v;
  }
  return out;
}

export function readSearchParams(raw: Record<string, string | undefined>, options: Pick<AppOptions, 'maxQueryChars'>) {
  const parsed = searchParams.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `Bad search parameter "${issue.path.join('.')}": ${issue.message}.`);
  }
  if (parsed.data.q.length > options.maxQueryChars) {
    throw new HttpError(400, `The query is ${parsed.data.q.length} characters long; the limit is ${options.maxQueryChars}. To match a long log excerpt, paste it into the troubleshooter (POST /api/troubleshoot).`);
  }
  return parsed.data;
}

export function apiRoutes(deps: Required<AppDeps>, options: AppOptions): Router {
  const router = Router();
  const { kb, db } = deps;
  const requireReady: express.RequestHandler = (_req, _res, next) =>
    next(kb.isReady ? undefined : new HttpError(503, 'The knowledge base is still loading; try again in a few seconds.'));

  router.get('/search', requireReady, (req, res) => {
    const p = readSearchParams(singleParams(req), options);
    const filters = Object.fromEntries(FILTER_NAMES.map((f) => [f, p[f]]).filter(([, v]) => v));
    const result = kb.search(p.q, { limit: p.limit, offset: p.offset, sort: p.sort, filters, skipExpansions: skippedExpansions(p.noexpand) });
    if (p.offset === 0) recordGapSafely(db, searchGapOf(p.q, filters, result.total));
    res.json({
      query: result.query,
      mode: result.mode,
      total: result.total,
      offset: result.offset,
      limit: result.limit,
      notice: result.notice,
      filters: result.filters,
      codes: result.codes.map(({ family, key, name, meaning, text }) => ({ family, key, name, meaning, text })),
      expansions: result.expansions ?? [],
      preferences: result.preferences ?? [],
      results: result.results,
      facets: result.facets,
    });
  });

  // OpenSearch suggestions: [query, [completions], [descriptions], [urls]].
  router.get('/suggest', requireReady, (req, res) => {
    const q = (singleParams(req).q ?? '').slice(0, options.maxQueryChars);
    if (!q.trim()) return void res.json([q, [], [], []]);
    const result = kb.search(q, { limit: 8, noExcerpts: true });
    // res.json (not send) so the app's JSON escaping applies to the echoed query too.
    res.type('application/x-suggestions+json').json([q, result.results.map((r) => `${r.id} ${r.title}`), result.results.map((r) => r.title), result.results.map((r) => r.url)]);
  });

  router.get('/articles/:id', requireReady, (req, res) => {
    const id = parseArticleId(String(req.params.id));
    const article = kb.article(id);
    if (!article) throw new HttpError(404, `No article ${id} in this knowledge base. Search for it at /search?q=${id}.`);
    const { format, version } = singleParams(req);
    // The pages' "Copy for ticket" buttons ask for ?format=text (or markdown), with &version= on a diagnosis with a verdict.
    if (isTicketFormat(format)) {
      const text = ticketTextOf(article, `${req.protocol}://${req.get('host')}/kb/${id}`, { format, version: version?.trim().slice(0, 40) || undefined });
      return void res.type(format === 'markdown' ? 'text/markdown' : 'text/plain').send(text);
    }
    if (format !== undefined && format !== 'json') throw new HttpError(400, `Unknown format "${format.slice(0, 20)}"; use format=json (the default), text or markdown.`);
    res.json(article);
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
      if (typeof input === 'string') recordGapSafely(db, pasteGapOf(input, result));
      else if (typeof input?.log === 'string' && !Object.keys(input.answers ?? {}).length) recordGapSafely(db, pasteGapOf(input.log, result));
      res.json(result);
    },
  );

  router.use((req, _res, next) => next(new HttpError(404, `No API endpoint ${req.method} ${req.baseUrl}${req.path}. See the README for /api/search, /api/articles/:id and /api/troubleshoot.`)));
  return router;
}
