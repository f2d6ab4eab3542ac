/** HTML pages: home, search, article, troubleshoot, OpenSearch description. */
import express, { Router } from 'express';
import { HttpError } from '../../errors.js';
import { renderSections } from '../../render/render-article.js';
import type { AnalyzedArticle } from '../../types.js';
import { isTicketFormat, ticketTextOf } from '../../render/ticket-text.js';
import type { AppDeps, AppOptions } from '../options.js';
import { parseArticleId } from '../article-id.js';
import { pasteGapOf, recordGapSafely } from '../knowledge-gaps.js';
import { productCounts } from '../product-counts.js';
import { requireReady as ready, singleParams } from '../request-params.js';
import { publicOrigin } from '../same-origin.js';
import { thanksArticle } from '../thanks.js';
import { wellFormed } from '../view-helpers.js';
import { searchPageRoutes } from './search-pages.js';
import { DEFAULT_MAX_LINES, readAnswers, readPart, runTroubleshoot } from './troubleshoot-request.js';

/** The first sentence or so of the symptoms (or summary): what a pasted link's preview shows. */
function descriptionOf(article: AnalyzedArticle): string {
  const s = article.sections.find((x) => x.kind === 'symptoms' || x.kind === 'summary') ?? article.sections[0];
  const text = (s?.text ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 200 ? text.slice(0, text.lastIndexOf(' ', 197)) + '…' : text;
}

export function pageRoutes(deps: Required<AppDeps>, options: AppOptions): Router {
  const router = Router();
  const { kb, storage } = deps;
  const requireReady = ready(kb);

  router.get('/', requireReady, (_req, res) => {
    res.render('home', {
      title: 'kbsleuth',
      description: `Search ${kb.engine.docCount.toLocaleString('en-US')} knowledge base articles by symptom, error message, code or number, or paste a log.`,
      q: '',
      articles: kb.engine.docCount,
      products: productCounts(kb.engine.index),
    });
  });

  router.use(searchPageRoutes(deps, options, requireReady));

  router.get('/kb/:id', requireReady, (req, res) => {
    const id = parseArticleId(String(req.params.id));
    if (req.params.id !== id) return res.redirect(301, `/kb/${id}${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`);
    const article = kb.article(id);
    if (!article) throw new HttpError(404, `No article ${id} in this knowledge base. Search for its words, or for ${id}, from the box above.`);
    const { format } = singleParams(req);
    // The ticket text at the page's own address, for whoever asks it for text.
    if (isTicketFormat(format)) {
      const text = ticketTextOf(article, `${req.protocol}://${req.get('host')}/kb/${id}`, { format });
      return void res.type(format === 'markdown' ? 'text/markdown' : 'text/plain').send(text);
    }
    if (format !== undefined && format !== 'html')
      throw new HttpError(400, `Unknown format "${format.slice(0, 20)}"; use format=text, markdown or html (the default).`);
    const sections = renderSections(article.sections, { hasArticle: (x) => kb.engine.hasArticle(x) });
    const related = kb
      .search(
        article.codes.length
          ? article.codes
              .slice(0, 3)
              .map((c) => `code:${c.key}`)
              .join(' ') +
              ' ' +
              article.title
          : article.title,
        { limit: 6, noExcerpts: true },
      )
      .results.filter((r) => r.id !== id)
      .slice(0, 5);
    res.render('article', {
      title: `${article.id}: ${article.title}`,
      description: descriptionOf(article),
      q: '',
      article,
      sections,
      related,
      product: article.category ?? article.hints.products[0],
      thanks: thanksArticle(req.query.thanks),
    });
  });
  // The archive's own permalink form.
  router.get('/kb/:folder/:id', (req, res) => res.redirect(301, `/kb/${parseArticleId(String(req.params.id))}`));

  router.get('/troubleshoot', requireReady, (req, res) => {
    const { thanks, deleted, log } = singleParams(req);
    // ?log= fills the box (from a search that looked like a log line); nothing is run until the user sends it.
    res.render('troubleshoot', {
      title: 'Troubleshoot - kbsleuth',
      q: '',
      log: wellFormed((log ?? '').slice(0, options.maxQueryChars)),
      result: undefined,
      answers: {},
      thanks: thanksArticle(thanks),
      deleted: deleted === '1',
      maxPasteBytes: options.maxPasteBytes,
    });
  });
  router.post('/troubleshoot', requireReady, express.urlencoded({ extended: false, limit: options.maxBodyBytes }), async (req, res) => {
    const log = typeof req.body?.log === 'string' ? req.body.log : '';
    const answers = readAnswers(req.body, 'answer:');
    const result = await runTroubleshoot(kb, { log, answers }, options);
    // Answering the question re-sends the paste; it was counted when first sent.
    if (!Object.keys(answers).length) recordGapSafely(storage, pasteGapOf(log, result));
    // Past the line budget, the page (and its answer and share forms) carries only the part that was read.
    const shown = result.unread ? readPart(log, options.troubleshootMaxLines ?? DEFAULT_MAX_LINES) : log;
    res.render('troubleshoot', { title: 'Diagnosis - kbsleuth', q: '', log: shown, result, answers: result.answers, maxPasteBytes: options.maxPasteBytes });
  });

  router.get('/opensearch.xml', (req, res) => {
    const base = publicOrigin(req, options.publicUrl);
    res.type('application/opensearchdescription+xml').render('opensearch', { base });
  });
  return router;
}
