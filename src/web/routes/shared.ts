/**
 * Shared troubleshooting results: the "Share" form saves a paste (masked if asked) and its answers under an
 * unguessable id, viewable at /t/<id> so a ticket can link the diagnosis. The page re-runs the troubleshooter
 * on the saved paste, so answering its question is a plain GET link (`/t/<id>?answer.version:sms=1.2`) and a
 * half-answered session can be linked too.
 */
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { HttpError } from '../../errors.js';
import { SHARED_ID, type SharedResult } from '../../store/database.js';
import { REDACTION_MASKS, redactText, type Redaction } from '../../store/redact.js';
import type { AppDeps, AppOptions } from '../app.js';
import { escapeHtml } from '../view-helpers.js';
import { readAnswers, runTroubleshoot } from './troubleshoot-request.js';
import { singleParams } from './api.js';

const shareBody = z.object({
  log: z.string({ error: 'the body needs a "log" string holding the pasted text' }),
  answers: z.record(z.string().max(100), z.string().max(200)).optional(),
  redact: z.boolean().optional(),
});

type Deps = Required<AppDeps>;

/** Characters of the paste shown on the masking preview. */
const PREVIEW_CHARS = 200_000;

export function sharedPageRoutes(deps: Deps, options: AppOptions): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: options.maxBodyBytes });

  router.post('/t', form, async (req, res) => {
    const shared = await share(deps, options, { log: formLog(req), answers: readAnswers(req.body, 'answer:'), redact: req.body?.redact === '1' });
    res.redirect(303, `/t/${shared.id}`);
  });

  router.post('/t/preview', form, (req, res) => {
    const log = formLog(req);
    if (!log.trim()) throw new HttpError(400, 'The paste is empty; there is nothing to share.');
    const { text, redactions, counts } = redactText(log);
    res.render('share-preview', {
      title: 'Preview masking - kbsleuth',
      q: '',
      log,
      answers: readAnswers(req.body, 'answer:'),
      // The whole paste is masked and saved; the page shows its start.
      maskedHtml: markMasks(log.slice(0, PREVIEW_CHARS), redactions.filter((r) => r.end <= PREVIEW_CHARS)),
      previewCut: log.length > PREVIEW_CHARS,
      masked: text,
      counts,
      samples: distinctSamples(redactions),
    });
  });

  router.get('/t/:id', async (req, res) => {
    const shared = findOr404(deps, String(req.params.id));
    const urlAnswers = readAnswers(singleParams(req), 'answer.');
    const result = await runTroubleshoot(deps.kb, { log: shared.log, answers: { ...shared.answers, ...urlAnswers } }, options);
    res.render('troubleshoot', {
      // Named by its answer, not its random id: the title is what a tab, a bookmark and a link preview show.
      title: `Shared diagnosis: ${result.diagnoses[0] ? `${result.diagnoses[0].id} ${result.diagnoses[0].title}` : 'no article found'} - kbsleuth`,
      q: '',
      log: shared.log,
      result,
      answers: result.answers,
      thanks: typeof req.query.thanks === 'string' ? req.query.thanks : undefined,
      shared: { ...shared, url: absoluteUrl(req, `/t/${shared.id}`), urlAnswers },
    });
  });

  router.post('/t/:id/delete', (req, res) => {
    const id = String(req.params.id);
    if (!deps.db.deleteShared(id)) throw new HttpError(404, `No shared result ${id.slice(0, 40)}; it was deleted or never existed.`);
    res.redirect(303, '/troubleshoot?deleted=1');
  });
  return router;
}

export function sharedApiRoutes(deps: Deps, options: AppOptions): Router {
  const router = Router();
  router.post('/shared', express.json({ limit: options.maxBodyBytes }), async (req, res) => {
    if (!req.is(['json', 'application/*+json'])) throw new HttpError(415, 'Send JSON {"log": "...", "answers": {...}, "redact": true} with Content-Type: application/json.');
    const parsed = shareBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, `Bad share request: ${issue.path.join('.') || 'body'}: ${issue.message}.`);
    }
    const shared = await share(deps, options, { log: parsed.data.log, answers: parsed.data.answers ?? {}, redact: parsed.data.redact ?? false });
    res.status(201).location(`/t/${shared.id}`).json({ id: shared.id, url: absoluteUrl(req, `/t/${shared.id}`), redacted: shared.redacted });
  });

  router.get('/shared/:id', (req, res) => {
    const shared = findOr404(deps, String(req.params.id));
    res.json({ ...shared, url: absoluteUrl(req, `/t/${shared.id}`) });
  });

  router.delete('/shared/:id', (req, res) => {
    const id = String(req.params.id);
    if (!deps.db.deleteShared(id)) throw new HttpError(404, `No shared result ${id.slice(0, 40)}; it was deleted or never existed.`);
    res.status(204).end();
  });
  return router;
}

/** Masks the paste if asked, diagnoses what is stored (so the shared page shows what the masked text gives), and saves it. */
async function share(deps: Deps, options: AppOptions, input: { log: string; answers: Record<string, string>; redact: boolean }): Promise<SharedResult> {
  const log = input.redact ? redactText(input.log).text : input.log;
  const result = await runTroubleshoot(deps.kb, { log, answers: input.answers }, options);
  return deps.db.saveShared({ log, answers: input.answers, redacted: input.redact, result });
}

function findOr404(deps: Deps, id: string): SharedResult {
  const shared = SHARED_ID.test(id) ? deps.db.findShared(id) : undefined;
  if (!shared) throw new HttpError(404, `No shared result ${id.slice(0, 40)}; it was deleted, or the link is cut short (ids are 20 characters).`);
  return shared;
}

function formLog(req: Request): string {
  return typeof req.body?.log === 'string' ? req.body.log : '';
}

function absoluteUrl(req: Request, pathname: string): string {
  return `${req.protocol}://${req.get('host')}${pathname}`;
}

/** The paste with each masked span shown as its mask, highlighted, the original in the tooltip; all escaped. */
function markMasks(text: string, redactions: readonly Redaction[]): string {
  let out = '';
  let at = 0;
  for (const r of redactions) {
    out += escapeHtml(text.slice(at, r.start)) + `<mark class="masked" title="${escapeHtml(r.original)}">${escapeHtml(REDACTION_MASKS[r.kind])}</mark>`;
    at = r.end;
  }
  return out + escapeHtml(text.slice(at));
}

/** Each distinct masked value once, with its kind (the first 40). */
function distinctSamples(redactions: readonly Redaction[]): { kind: string; original: string; count: number }[] {
  const seen = new Map<string, { kind: string; original: string; count: number }>();
  for (const r of redactions) {
    const key = `${r.kind}\0${r.original}`;
    const s = seen.get(key);
    if (s) s.count++;
    else if (seen.size < 40) seen.set(key, { kind: r.kind, original: r.original, count: 1 });
  }
  return [...seen.values()];
}
