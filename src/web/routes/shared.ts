/**
 * Shared troubleshooting results: the "Share" form saves a paste (masked unless its sharer opts out) and its
 * answers under an unguessable id, viewable at /t/<id> so a ticket can link the diagnosis. The diagnosis is
 * stored with it and shown as it is; answering its question is a plain GET link
 * (`/t/<id>?answer.version:sms=1.2`) that re-runs the troubleshooter within the request budget.
 *
 * A share belongs to whoever made it: creating one returns an owner key (a cookie scoped to /t/<id> in the
 * browser, `ownerKey` in the API's answer), and deleting needs it. Shares expire after SHARE_TTL_DAYS.
 */
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { DEFAULTS } from '../../config.js';
import { HttpError } from '../../errors.js';
import { SHARED_ID, type NewShare, type SharedResult } from '../../store/database.js';
import { MASKS, maskText, type MaskSpan } from '../../privacy/mask.js';
import type { AppDeps, AppOptions } from '../options.js';
import { escapeHtml } from '../view-helpers.js';
import { MAX_ANSWERS, readAnswers, runTroubleshoot } from './troubleshoot-request.js';
import { bearerOf, cookieOf, isAdmin } from './reports.js';
import { publicOrigin } from '../same-origin.js';
import { thanksArticle } from '../thanks.js';
import { singleParams } from '../request-params.js';

const shareBody = z.object({
  log: z.string({ error: 'the body needs a "log" string holding the pasted text' }),
  answers: z
    .record(z.string().max(100), z.string().max(200))
    .refine((a) => Object.keys(a).length <= MAX_ANSWERS, `at most ${MAX_ANSWERS} answers`)
    .optional(),
  // Masked unless the caller says `"redact": false`.
  redact: z.boolean().optional(),
});

/** The cookie that holds a share's owner key in its creator's browser (path /t/<id>, so only that share sees it). */
const OWNER_COOKIE = 'kbsleuth_owner';

type Deps = Required<AppDeps>;

/** Characters of the paste shown on the masking preview. */
const PREVIEW_CHARS = 200_000;
/** Characters of a paste a share keeps (see keptPart). */
export const MAX_SHARE_CHARS = 500_000;

export function sharedPageRoutes(deps: Deps, options: AppOptions): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: options.maxBodyBytes });

  router.post('/t', form, async (req, res) => {
    // The form's box is "share without masking": masking is what happens unless it is ticked.
    const shared = await share(deps, options, { log: formLog(req), answers: readAnswers(req.body, 'answer:'), redact: req.body?.unmasked !== '1' });
    const days = options.shareTtlDays ?? DEFAULTS.shareTtlDays;
    res.cookie(OWNER_COOKIE, shared.ownerKey, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: `/t/${shared.id}`, maxAge: days * 86_400_000 });
    res.redirect(303, `/t/${shared.id}`);
  });

  router.post('/t/preview', form, (req, res) => {
    const pasted = formLog(req);
    if (!pasted.trim()) throw new HttpError(400, 'The paste is empty; there is nothing to share.');
    // Only what a share keeps is masked, shown and posted on: the rest would not be saved.
    const log = keptPart(pasted);
    const { text, spans: redactions, counts } = maskText(log);
    res.render('share-preview', {
      title: 'Preview masking - kbsleuth',
      q: '',
      log,
      answers: readAnswers(req.body, 'answer:'),
      // The whole paste is masked and saved; the page shows its start.
      maskedHtml: markMasks(
        log.slice(0, PREVIEW_CHARS),
        redactions.filter((r) => r.end <= PREVIEW_CHARS),
      ),
      previewCut: log.length > PREVIEW_CHARS,
      shareCut: pasted.length > log.length,
      masked: text,
      counts,
      samples: distinctSamples(redactions),
    });
  });

  router.get('/t/:id', async (req, res) => {
    const shared = await findOr404(deps, String(req.params.id));
    const urlAnswers = readAnswers(singleParams(req), 'answer.');
    // Stored when shared: shown as it is, unless the link answers a question (then it is worked out again).
    const result =
      shared.result && !Object.keys(urlAnswers).length
        ? shared.result
        : await runTroubleshoot(deps.kb, { log: shared.log, answers: { ...shared.answers, ...urlAnswers } }, options);
    const url = `${publicOrigin(req, options.publicUrl)}/t/${shared.id}`;
    res.render('troubleshoot', {
      // Named by its answer, not its random id: the title is what a tab, a bookmark and a link preview show.
      title: `Shared diagnosis: ${result.diagnoses[0] ? `${result.diagnoses[0].id} ${result.diagnoses[0].title}` : 'no article found'} - kbsleuth`,
      q: '',
      log: shared.log,
      result,
      answers: result.answers,
      thanks: thanksArticle(req.query.thanks),
      shared: { ...shared, url, urlAnswers, owned: !!cookieOf(req, OWNER_COOKIE) || (await isAdmin(deps, options, req)) },
    });
  });

  router.post('/t/:id/delete', async (req, res) => {
    const id = String(req.params.id);
    await deleteOr4xx(deps, id, { ownerKey: cookieOf(req, OWNER_COOKIE), asAdmin: await isAdmin(deps, options, req) });
    res.clearCookie(OWNER_COOKIE, { path: `/t/${id}` });
    res.redirect(303, '/troubleshoot?deleted=1');
  });
  return router;
}

export function sharedApiRoutes(deps: Deps, options: AppOptions): Router {
  const router = Router();
  router.post('/shared', express.json({ limit: options.maxBodyBytes }), async (req, res) => {
    if (!req.is(['json', 'application/*+json']))
      throw new HttpError(415, 'Send JSON {"log": "...", "answers": {...}, "redact": true} with Content-Type: application/json.');
    const parsed = shareBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, `Bad share request: ${issue.path.join('.') || 'body'}: ${issue.message}.`);
    }
    const shared = await share(deps, options, { log: parsed.data.log, answers: parsed.data.answers ?? {}, redact: parsed.data.redact ?? true });
    res
      .status(201)
      .location(`/t/${shared.id}`)
      .json({
        id: shared.id,
        url: `${publicOrigin(req, options.publicUrl)}/t/${shared.id}`,
        redacted: shared.redacted,
        expiresAt: shared.expiresAt,
        ownerKey: shared.ownerKey,
      });
  });

  router.get('/shared/:id', async (req, res) => {
    const shared = await findOr404(deps, String(req.params.id));
    res.json({ ...shared, url: `${publicOrigin(req, options.publicUrl)}/t/${shared.id}` });
  });

  router.delete('/shared/:id', async (req, res) => {
    const ownerKey = req.get('x-owner-key') ?? bearerOf(req);
    await deleteOr4xx(deps, String(req.params.id), { ownerKey, asAdmin: await isAdmin(deps, options, req) });
    res.status(204).end();
  });
  return router;
}

/** Masks the paste if asked, diagnoses what is stored (so the shared page shows what the masked text gives), and saves it. */
async function share(deps: Deps, options: AppOptions, input: { log: string; answers: Record<string, string>; redact: boolean }): Promise<NewShare> {
  const kept = keptPart(input.log);
  const log = input.redact ? maskText(kept).text : kept;
  const result = await runTroubleshoot(deps.kb, { log, answers: input.answers }, options);
  if (kept.length < input.log.length) {
    result.unread = `Only the first ${kept.length.toLocaleString('en-US')} characters of the paste (of ${input.log.length.toLocaleString('en-US')}) were shared; the rest was not kept.`;
  }
  return deps.storage.saveShared({ log, answers: input.answers, redacted: input.redact, result });
}

async function findOr404(deps: Deps, id: string): Promise<SharedResult> {
  const shared = SHARED_ID.test(id) ? await deps.storage.findShared(id) : undefined;
  if (!shared) throw new HttpError(404, `No shared result ${id.slice(0, 40)}; it was deleted, it expired, or the link is cut short (ids are 20 characters).`);
  return shared;
}

async function deleteOr4xx(deps: Deps, id: string, proof: { ownerKey?: string; asAdmin?: boolean }): Promise<void> {
  const outcome = await deps.storage.deleteShared(id, proof);
  if (outcome === 'missing') throw new HttpError(404, `No shared result ${id.slice(0, 40)}; it was deleted, it expired, or it never existed.`);
  if (outcome === 'forbidden') {
    throw new HttpError(
      403,
      'Only the person who shared this result can delete it: from the browser that shared it, or with the ownerKey the API returned (X-Owner-Key header).',
      { code: 'not_owner' },
    );
  }
}

/**
 * The part of a paste a share keeps: up to MAX_SHARE_CHARS, cut at a line end. Masking and diagnosing a
 * whole 8 MiB paste would hold the server for seconds, and storing it would let a client fill the disk.
 */
export function keptPart(log: string): string {
  if (log.length <= MAX_SHARE_CHARS) return log;
  const end = log.lastIndexOf('\n', MAX_SHARE_CHARS);
  return log.slice(0, end > 0 ? end : MAX_SHARE_CHARS);
}

function formLog(req: Request): string {
  return typeof req.body?.log === 'string' ? req.body.log : '';
}

/** The paste with each masked span shown as its mask, highlighted, the original in the tooltip; all escaped. */
function markMasks(text: string, redactions: readonly MaskSpan[]): string {
  let out = '';
  let at = 0;
  for (const r of redactions) {
    out += escapeHtml(text.slice(at, r.start)) + `<mark class="masked" title="${escapeHtml(r.original)}">${escapeHtml(MASKS[r.kind])}</mark>`;
    at = r.end;
  }
  return out + escapeHtml(text.slice(at));
}

/** Each distinct masked value once, with its kind (the first 40). */
function distinctSamples(redactions: readonly MaskSpan[]): { kind: string; original: string; count: number }[] {
  const seen = new Map<string, { kind: string; original: string; count: number }>();
  for (const r of redactions) {
    const key = `${r.kind}\0${r.original}`;
    const s = seen.get(key);
    if (s) s.count++;
    else if (seen.size < 40) seen.set(key, { kind: r.kind, original: r.original, count: 1 });
  }
  return [...seen.values()];
}
