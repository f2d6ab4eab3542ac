/** Small pure helpers the views call. ejs escapes `<%= %>` output; these build the few marked-up bits. */
import { FIX_STATE_LABELS } from '../render/fix-state-labels.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Text with the given [start, end) ranges wrapped in <mark>, everything escaped. */
export function highlight(text: string, ranges: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    if (a < at) continue;
    out += escapeHtml(text.slice(at, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    at = b;
  }
  return out + escapeHtml(text.slice(at));
}

/** A URL for the search page with one parameter changed (page reset unless it is the one changed). */
export function searchUrl(params: Record<string, string | number | undefined>, change: Record<string, string | number | undefined>): string {
  const merged: Record<string, string | number | undefined> = { ...params, page: undefined, ...change };
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) qs.set(k, String(v));
  return '/search?' + qs.toString();
}

export const viewHelpers = { escapeHtml, highlight, FIX_STATE_LABELS, searchUrl };
