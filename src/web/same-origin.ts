/**
 * Requests that change data (POST, PUT, PATCH, DELETE) must come from this server's own pages: a browser
 * names the page's origin in `Origin` (or at least `Referer`) on such requests, so a form on another site
 * that posts here is refused with 403. A request carrying neither header is let through: browsers always
 * send one of them on a cross-site POST, while scripts and API clients (curl) often send none, so this
 * blocks cross-site forgery without shutting out the JSON API.
 */
import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host[:port] of an Origin or Referer value, or undefined when it is not a URL (`null`, garbage). */
export function hostOfUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a state-changing request may proceed: its Origin (else Referer) names the Host it was sent to,
 * or it names neither. Returns the offending value when refused.
 */
export function checkSameOrigin(headers: { host?: string; origin?: string; referer?: string }): { ok: true } | { ok: false; from: string } {
  const claimed = headers.origin ?? headers.referer;
  if (claimed === undefined || claimed === '') return { ok: true };
  const host = headers.host?.toLowerCase();
  const from = hostOfUrl(claimed);
  return host && from === host ? { ok: true } : { ok: false, from: claimed.slice(0, 200) };
}

export const requireSameOrigin: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const check = checkSameOrigin({ host: req.get('host'), origin: req.get('origin'), referer: req.get('referer') });
  if (check.ok) return next();
  next(
    new HttpError(
      403,
      `Refused: this ${req.method} came from ${check.from}, not from this server's pages (${req.get('host') ?? 'no Host header'}). ` +
        "Changes are only accepted from kbsleuth's own pages; open the page on this server and try again. " +
        'Behind a proxy, make it pass the original Host header.',
      { code: 'cross_origin' },
    ),
  );
};

/**
 * With PUBLIC_URL set, refuses (421) a request whose Host header names another host: a page on a rebound
 * DNS name cannot reach the server, and no link is ever built from a Host the client chose. /healthz stays
 * open to local health checks.
 */
export function requirePublicHost(publicUrl: string): RequestHandler {
  const expected = new URL(publicUrl).host.toLowerCase();
  return (req, _res, next) => {
    const host = req.get('host')?.toLowerCase();
    if (host === expected || req.path === '/healthz') return next();
    next(
      new HttpError(421, `This server answers as ${expected} (PUBLIC_URL), not as ${(host ?? 'no Host header').slice(0, 100)}; open ${publicUrl} instead.`, {
        code: 'wrong_host',
      }),
    );
  };
}

/** The origin links are built on: PUBLIC_URL when set, else the request's own scheme and Host. */
export function publicOrigin(req: { protocol: string; get(name: string): string | undefined }, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.get('host')}`;
}
