/**
 * "Did this solve it?" on articles and diagnoses: POST /feedback from the pages' forms (redirects back with
 * a thank-you) and POST /api/feedback for scripts and the pages' own fetch.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../../errors.js';
import { FEEDBACK_TARGETS, SHARED_ID, type Feedback } from '../../store/database.js';
import type { AppDeps, AppOptions } from '../options.js';
import { parseArticleId } from '../article-id.js';

type Deps = Required<AppDeps>;

const feedbackBody = z.object({
  target: z.enum(FEEDBACK_TARGETS),
  article: z.string().max(20),
  shared: z.string().regex(SHARED_ID, 'not a shared result id').optional(),
  helpful: z.boolean(),
  comment: z.string().max(2000).optional(),
});

/** Small bodies only: a yes/no and a comment. */
const FEEDBACK_BODY_LIMIT = 16 * 1024;

export function feedbackPageRoutes(deps: Deps): Router {
  const router = Router();
  router.post('/feedback', express.urlencoded({ extended: false, limit: FEEDBACK_BODY_LIMIT }), async (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const helpful = b.helpful === 'yes' ? true : b.helpful === 'no' ? false : undefined;
    const saved = await saveFeedback(deps, { target: b.target, article: b.article, shared: b.shared || undefined, helpful, comment: b.comment || undefined });
    res.redirect(303, backWithThanks(typeof b.back === 'string' ? b.back : '/', saved.articleId));
  });
  return router;
}

export function feedbackApiRoutes(deps: Deps, _options: AppOptions): Router {
  const router = Router();
  router.post('/feedback', express.json({ limit: FEEDBACK_BODY_LIMIT }), async (req, res) => {
    if (!req.is(['json', 'application/*+json']))
      throw new HttpError(415, 'Send JSON {"target": "article", "article": "Q161043", "helpful": true} with Content-Type: application/json.');
    const saved = await saveFeedback(deps, req.body);
    res.status(201).json(saved);
  });
  return router;
}

async function saveFeedback(deps: Deps, raw: unknown): Promise<Feedback> {
  const parsed = feedbackBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(
      400,
      `Bad feedback: ${issue.path.join('.') || 'body'}: ${issue.message}. Send target (article|diagnosis), article (Q161043), helpful (yes/no) and an optional comment.`,
    );
  }
  const { target, article, shared, helpful, comment } = parsed.data;
  const articleId = parseArticleId(article);
  if (!deps.kb.isReady || !deps.kb.article(articleId)) throw new HttpError(404, `No article ${articleId} in this knowledge base to give feedback on.`);
  return deps.storage.addFeedback({ target, articleId, sharedId: shared && (await deps.storage.findShared(shared)) ? shared : undefined, helpful, comment });
}

/**
 * The page to return to, with `thanks=<article>` added. Only a path on this server: anything else (another
 * host, `//host`, `/.//host` that a URL parser folds into `//host`, a backslash trick) goes to the home
 * page, so the form cannot redirect off-site.
 */
export function backWithThanks(back: string, articleId: string): string {
  const base = 'http://kbsleuth.invalid';
  let url = new URL('/', base);
  if (/^\/(?![/\\])[^\s\\]{0,2000}$/.test(back)) {
    const parsed = new URL(back, base);
    // After normalising, the path must still be one path on this origin, not a protocol-relative `//host`.
    if (parsed.origin === base && !parsed.pathname.startsWith('//')) url = parsed;
  }
  url.searchParams.set('thanks', articleId);
  return `${url.pathname}${url.search}#feedback-${articleId}`;
}
