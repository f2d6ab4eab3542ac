/** URL query parameters -> validated values, for the API and the pages alike. */
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { HttpError, NotReadyError } from '../errors.js';
import type { KnowledgeBase } from '../knowledge-base.js';
import { SEARCH_LIMITS } from '../search/limits.js';
import type { AppOptions } from './options.js';

const searchParams = z.object({
  q: z.string().optional().default(''),
  limit: z.coerce.number().int().min(0).max(SEARCH_LIMITS.maxLimit).optional().default(10),
  offset: z.coerce.number().int().min(0).max(SEARCH_LIMITS.maxOffset).optional().default(0),
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
  return (noexpand ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
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
    throw new HttpError(
      400,
      `The query is ${parsed.data.q.length} characters long; the limit is ${options.maxQueryChars}. To match a long log excerpt, paste it into the troubleshooter (POST /api/troubleshoot).`,
    );
  }
  return parsed.data;
}

/** Passes a request on once the knowledge base is loaded; before, a NotReadyError (503: the error handler shows the loading page or JSON). */
export function requireReady(kb: KnowledgeBase): RequestHandler {
  return (_req, _res, next) => next(kb.isReady ? undefined : new NotReadyError('The knowledge base is still loading; try again in a few seconds.'));
}
