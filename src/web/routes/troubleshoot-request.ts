/** POST /api/troubleshoot and the paste form: a request body -> a troubleshoot call, validated. */
import type { Request } from 'express';
import { z } from 'zod';
import { HttpError } from '../../errors.js';
import type { KnowledgeBase } from '../../knowledge-base.js';
import { troubleshoot } from '../../troubleshoot/troubleshoot.js';
import type { TroubleshootResult } from '../../types.js';
import type { AppOptions } from '../app.js';
import { byteSize } from '../view-helpers.js';

const body = z.object({
  log: z.string({ error: 'the body needs a "log" string holding the pasted text' }),
  answers: z.record(z.string(), z.string().max(200)).optional(),
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

export async function runTroubleshoot(kb: KnowledgeBase, input: { log: string; answers?: Record<string, string>; limit?: number }, options: AppOptions): Promise<TroubleshootResult> {
  if (Buffer.byteLength(input.log, 'utf8') > options.maxPasteBytes) {
    throw new HttpError(413, `The paste is ${byteSize(Buffer.byteLength(input.log, 'utf8'))}; the troubleshooter reads up to ${byteSize(options.maxPasteBytes)}. Paste the lines around the error instead.`);
  }
  if (!input.log.trim()) throw new HttpError(400, 'The paste is empty; paste the log lines around the error.');
  return troubleshoot(await kb.troubleshootSources(), input.log, { answers: input.answers, limit: input.limit });
}

export function troubleshootRequest(kb: KnowledgeBase, req: Request, options: AppOptions): Promise<TroubleshootResult> {
  return runTroubleshoot(kb, readTroubleshootBody(req), options);
}

/** Most answers read from one request; each is one question's id and the choice made. */
const MAX_ANSWERS = 10;

/**
 * Answers carried by a form (`answer:version:sms=1.2`) or a URL (`answer.version:sms=1.2`): the fields with
 * `prefix`, cut to sane lengths. Anything else in the record is ignored.
 */
export function readAnswers(fields: Record<string, unknown> | undefined, prefix: 'answer:' | 'answer.'): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields ?? {})) {
    if (!k.startsWith(prefix) || typeof v !== 'string' || !v || k.length > 100 + prefix.length) continue;
    if (Object.keys(answers).length >= MAX_ANSWERS) break;
    answers[k.slice(prefix.length)] = v.slice(0, 200);
  }
  return answers;
}
