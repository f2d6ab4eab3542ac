/** POST /api/troubleshoot and the paste form: a request body -> a troubleshoot call, validated. */
import type { Request } from 'express';
import { z } from 'zod';
import { HttpError } from '../../errors.js';
import type { KnowledgeBase } from '../../knowledge-base.js';
import { troubleshootWithinBudget } from '../../troubleshoot/within-budget.js';
import type { TroubleshootResult } from '../../types.js';
import type { AppOptions } from '../options.js';

/** Most answers read from one request; each is one question's id and the choice made. */
export const MAX_ANSWERS = 10;

const body = z.object({
  log: z.string({ error: 'the body needs a "log" string holding the pasted text' }),
  answers: z
    .record(z.string().max(100), z.string().max(200))
    .refine((a) => Object.keys(a).length <= MAX_ANSWERS, `at most ${MAX_ANSWERS} answers`)
    .optional(),
  limit: z.number().int().min(1).max(20).optional(),
});

export function readTroubleshootBody(req: Request): z.infer<typeof body> {
  if (typeof req.body === 'string') return { log: req.body };
  if (!req.body || typeof req.body !== 'object' || !req.is(['json', 'application/*+json'])) {
    throw new HttpError(415, 'Send the paste as JSON {"log": "..."} (Content-Type: application/json) or as text/plain.');
  }
  const parsed = body.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `Bad troubleshoot request: ${issue.path.join('.') || 'body'}: ${issue.message}.`);
  }
  return parsed.data;
}

/** Lines read per request when the options name no budget (config.ts's default). */
export const DEFAULT_MAX_LINES = 5000;
/** Milliseconds of matching per request when the options name no budget (config.ts's default). */
const DEFAULT_MAX_MS = 800;

export async function runTroubleshoot(kb: KnowledgeBase, input: { log: string; answers?: Record<string, string>; limit?: number }, options: AppOptions): Promise<TroubleshootResult> {
  if (Buffer.byteLength(input.log, 'utf8') > options.maxPasteBytes) {
    throw new HttpError(413, `The paste is larger than the ${options.maxPasteBytes} bytes read; paste the lines around the error instead.`);
  }
  if (!input.log.trim()) throw new HttpError(400, 'The paste is empty; paste the log lines around the error.');
  // The line budget bounds a request's work; the answer says what was read and that the rest was not.
  const maxLines = options.troubleshootMaxLines ?? DEFAULT_MAX_LINES;
  const maxMs = options.troubleshootMaxMs ?? DEFAULT_MAX_MS;
  return troubleshootWithinBudget(await kb.troubleshootSources(), input.log, { answers: input.answers, limit: input.limit, maxLines, maxMs });
}

/**
 * The first `maxLines` lines of a paste (line ends as splitLogLines reads them): what the troubleshooter read.
 * The result page sends only this back in its forms, so a huge paste is not echoed three times.
 */
export function readPart(log: string, maxLines: number): string {
  let lines = 0;
  for (let i = 0; i < log.length; i++) {
    const c = log.charCodeAt(i);
    if (c === 10 || (c === 13 && log.charCodeAt(i + 1) !== 10)) {
      if (++lines === maxLines) return log.slice(0, i + 1);
    }
  }
  return log;
}

export function troubleshootRequest(kb: KnowledgeBase, req: Request, options: AppOptions): Promise<TroubleshootResult> {
  return runTroubleshoot(kb, readTroubleshootBody(req), options);
}


/** A question's id (`version:sms`). */
const ANSWER_KEY = /^[a-z]{1,20}:[a-z0-9-]{1,40}$/;
/**
 * A choice: a version (it holds a digit) or `other`. The page writes the answer into its verdict ("Exchange
 * Server 5.5 is affected"), so a link must not carry words of its own there.
 */
const ANSWER_VALUE = /^(?:other|(?=[^\d]{0,19}\d)[\w.+-]{1,20})$/;

/**
 * Answers carried by a form (`answer:version:sms=1.2`) or a URL (`answer.version:sms=1.2`): the fields with
 * `prefix` whose id and value have the shape of a question and a choice. Anything else is ignored.
 */
export function readAnswers(fields: Record<string, unknown> | undefined, prefix: 'answer:' | 'answer.'): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields ?? {})) {
    if (!k.startsWith(prefix) || typeof v !== 'string' || !ANSWER_KEY.test(k.slice(prefix.length)) || !ANSWER_VALUE.test(v)) continue;
    if (Object.keys(answers).length >= MAX_ANSWERS) break;
    answers[k.slice(prefix.length)] = v;
  }
  return answers;
}
