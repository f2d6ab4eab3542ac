/** HTML pages: home, search, article, troubleshoot, OpenSearch description. */
import express, { Router } from 'express';
import { HttpError } from '../../errors.js';
import { renderSections } from '../../render/render-article.js';
import { FILTER_NAMES } from '../../search/parse-query.js';
import { productLabel } from '../../signals/products.js';
import type { AppDeps, AppOptions } from '../app.js';
import { parseArticleId } from '../article-id.js';
import { pasteGapOf, recordGapSafely, searchGapOf } from '../knowledge-gaps.js';
import { readSearchParams, singleParams, skippedExpansions } from './api.js';
import { readAnswers, runTroubleshoot } from './troubleshoot-request.js';

const PAGE_SIZE = 10;

export function pageRoutes(deps: Required<AppDeps>, options: AppOptions): Router {
  const router = Router();
  const { kb, db } = deps;
  const requireReady: express.RequestHandler = (_req, res, next) => {
    if (kb.isReady) return next();
    res.status(503).render('loading', { title: 'Loading', state: kb.state() });
  };

  router.get('/', requireReady, (_req, res) => {
    res.render('home', { title: 'kbsleuth', q: '', articles: kb.engine.docCount });
  });

  router.get('/search', requireReady, (req, res) => {
    const raw = singleParams(req);
    const page = Math.max(1, Math.min(500, Number.parseInt(raw.page ?? '1', 10) || 1));
    const p = readSearchParams({ ...raw, page: undefined }, options);
    const filters = Object.fromEntries(FILTER_NAMES.map((f) => [f, p[f]]).filter(([, v]) => v));
    const result = kb.search(p.q, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, sort: p.sort, filters, skipExpansions: skippedExpansions(p.noexpand) });
    if (page === 1) recordGapSafely(db, searchGapOf(p.q, filters, result.total));
    // A query that names an article goes straight to it.
    if (result.mode === 'article' && result.results.length === 1 && !Object.keys(filters).length) return res.redirect(302, result.results[0].url);
    const params: Record<string, string | undefined> = { q: p.q || undefined, sort: p.sort, noexpand: p.noexpand || undefined, ...Object.fromEntries(FILTER_NAMES.map((f) => [f, p[f]])) };
    res.render('search', { title: p.q ? `${p.q} - kbsleuth` : 'Search - kbsleuth', q: p.q, result, page, pageSize: PAGE_SIZE, params, productLabel });
  });

  router.get('/kb/:id', requireReady, (req, res) => {
    const id = parseArticleId(String(req.params.id));
    if (req.params.id !== id) return res.redirect(301, `/kb/${id}`);
    const article = kb.article(id);
    if (!article) throw new HttpError(404, `No article ${id} in this knowledge base.`);
    const sections = renderSections(article.sections, { hasArticle: (x) => kb.engine.hasArticle(x) });
    const related = kb.search(article.codes.length ? article.codes.slice(0, 3).map((c) => `code:${c.key}`).join(' ') + ' ' + article.title : article.title, { limit: 6, noExcerpts: true }).results.filter((r) => r.id !== id).slice(0, 5);
    res.render('article', { title: `${article.id}: ${article.title}`, q: '', article, sections, related, productLabel, thanks: typeof req.query.thanks === 'string' ? req.query.thanks : undefined });
  });
  // The archive's own permalink form.
  router.get('/kb/:folder/:id', (req, res) => res.redirect(301, `/kb/${parseArticleId(String(req.params.id))}`));

  router.get('/products/:key', (req, res) => res.redirect(302, `/search?product=${encodeURIComponent(req.params.key)}&sort=date`));

  router.get('/troubleshoot', requireReady, (req, res) => {
    const { thanks, deleted } = singleParams(req);
    res.render('troubleshoot', { title: 'Troubleshoot - kbsleuth', q: '', log: '', result: undefined, answers: {}, thanks, deleted: deleted === '1' });
  });
  router.post('/troubleshoot', requireReady, express.urlencoded({ extended: false, limit: options.maxBodyBytes }), async (req, res) => {
    const log = typeof req.body?.log === 'string' ? req.body.log : '';
    const answers = readAnswers(req.body, 'answer:');
    const result = await runTroubleshoot(kb, { log, answers }, options);
    // Answering the question re-sends the paste; it was counted when first sent.
    if (!Object.keys(answers).length) recordGapSafely(db, pasteGapOf(log, result));
    res.render('troubleshoot', { title: 'Diagnosis - kbsleuth', q: '', log, result, answers: result.answers });
  });

  router.get('/opensearch.xml', (req, res) => {
    const base = `${req.protocol}://${req.get('host')}`;
    res.type('application/opensearchdescription+xml').render('opensearch', { base });
  });
  return router;
}
