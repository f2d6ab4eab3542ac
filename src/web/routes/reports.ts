/**
 * /reports (and /api/reports): the knowledge gaps and the articles people said did not help. For admins
 * only: with ADMIN_TOKEN unset they do not exist (404); with it set, a request must carry it as
 * `Authorization: Bearer <token>`, or the session cookie the login form sets (kept in the database, a day).
 */
import express, { Router, type Request, type Response } from 'express';
import { timingSafeEqual, createHash } from 'node:crypto';
import { HttpError } from '../../errors.js';
import type { AppDeps, AppOptions } from '../options.js';

type Deps = Required<AppDeps>;

/** Rows per list. */
const REPORT_ROWS = 100;
export const ADMIN_COOKIE = 'kbsleuth_admin';

async function readReports(deps: Deps) {
  const title = (id: string) => (deps.kb.isReady ? deps.kb.article(id)?.title : undefined);
  const [searches, pastes, unhelpful] = await Promise.all([
    deps.storage.listGaps('search', REPORT_ROWS),
    deps.storage.listGaps('paste', REPORT_ROWS),
    deps.storage.listUnhelpfulArticles(REPORT_ROWS),
  ]);
  return { searches, pastes, unhelpful: unhelpful.map((a) => ({ ...a, title: title(a.articleId) })) };
}

/** Compares secrets in time independent of where they differ (hashing first evens out the lengths). */
export function sameSecret(given: string, expected: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(given), h(expected));
}

/** The token in `Authorization: Bearer <token>`, if any. */
export function bearerOf(req: Request): string | undefined {
  const m = /^Bearer[ \t]+(\S{1,512})[ \t]*$/i.exec(req.get('authorization') ?? '');
  return m?.[1];
}

/** One cookie's value from the Cookie header (no parser dependency for one name). */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Whether this request is an admin's: the bearer token, or a live session cookie. */
export async function isAdmin(deps: Deps, options: AppOptions, req: Request): Promise<boolean> {
  if (!options.adminToken) return false;
  const bearer = bearerOf(req);
  if (bearer !== undefined && sameSecret(bearer, options.adminToken)) return true;
  const session = cookieOf(req, ADMIN_COOKIE);
  return !!session && (await deps.storage.hasAdminSession(session));
}

const reportsOff = () => new HttpError(404, 'No page at /reports: the reports are off because ADMIN_TOKEN is not set on this server.');

export function reportsPageRoutes(deps: Deps, options: AppOptions): Router {
  const router = Router();
  const loginPage = (res: Response, status: number, failed: boolean) =>
    res.status(status).render('reports-login', { title: 'Reports: sign in - kbsleuth', q: '', failed });

  router.get('/reports', async (req, res) => {
    if (!options.adminToken) throw reportsOff();
    if (!(await isAdmin(deps, options, req))) return loginPage(res, 401, false);
    res.set('Cache-Control', 'no-store');
    res.render('reports', { title: 'Reports - kbsleuth', q: '', ...(await readReports(deps)) });
  });

  router.post('/reports/login', express.urlencoded({ extended: false, limit: 4096 }), async (req, res) => {
    if (!options.adminToken) throw reportsOff();
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    if (!sameSecret(token, options.adminToken)) return loginPage(res, 401, true);
    const session = await deps.storage.openAdminSession();
    res.cookie(ADMIN_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', expires: session.expiresAt });
    res.redirect(303, '/reports');
  });

  router.post('/reports/logout', async (req, res) => {
    const session = cookieOf(req, ADMIN_COOKIE);
    if (session) await deps.storage.closeAdminSession(session);
    res.clearCookie(ADMIN_COOKIE, { path: '/' });
    res.redirect(303, '/');
  });
  return router;
}

export function reportsApiRoutes(deps: Deps, options: AppOptions): Router {
  const router = Router();
  router.get('/reports', async (req, res) => {
    if (!options.adminToken) throw new HttpError(404, 'No API endpoint GET /api/reports: the reports are off because ADMIN_TOKEN is not set on this server.');
    if (!(await isAdmin(deps, options, req))) {
      res.set('WWW-Authenticate', 'Bearer realm="kbsleuth reports"');
      throw new HttpError(401, 'The reports are for admins: send Authorization: Bearer <ADMIN_TOKEN>.', { code: 'unauthorized' });
    }
    res.set('Cache-Control', 'no-store').json(await readReports(deps));
  });
  return router;
}
