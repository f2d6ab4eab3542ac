/** Small pure helpers the views call. ejs escapes `<%= %>` output; these build the few marked-up bits. */
import { markdownToSafeHtml } from '../render/render-article.js';
import { DEFAULT_TUNING } from '../search/tuning.js';
import { sectionMarkdown } from '../render/article-markdown.js';
import {
  FIX_STATE_LABELS,
  fixStateLabel,
  issueTypeLabel,
  productLabel,
  versionLabel,
  versionOwnerLabel,
  versionOwnersOf,
  versionsLine,
} from '../render/labels.js';

export { FIX_STATE_LABELS };

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

/** 8388608 -> "8 MB": sizes as people read them. */
export function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** Article prose (a diagnosis's cause or workaround) -> safe HTML, rendered as the article page renders it. */
export function renderProse(text: string): string {
  return markdownToSafeHtml(sectionMarkdown(text));
}

/** Lone surrogates (a long query cut mid-character) replaced, so the text can be put in a URL. */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Facet values of the version facet (`sms 2.0`), grouped under their product, in the order given. */
export function versionsByProduct<T extends { value: string }>(values: readonly T[]): { product: string; label: string; values: T[] }[] {
  const groups = new Map<string, { product: string; label: string; values: T[] }>();
  for (const v of values) {
    const product = v.value.includes(' ') ? v.value.slice(0, v.value.indexOf(' ')) : '';
    let g = groups.get(product);
    if (!g) groups.set(product, (g = { product, label: product ? versionOwnerLabel(product) : 'Other', values: [] }));
    g.values.push(v);
  }
  return [...groups.values()];
}

export const viewHelpers = {
  /** How many of a search's best matches its facets count (the server searches with the default tuning). */
  facetDocs: DEFAULT_TUNING.facetDocs,
  escapeHtml,
  highlight,
  FIX_STATE_LABELS,
  fixStateLabel,
  issueTypeLabel,
  productLabel,
  versionLabel,
  versionsLine,
  versionOwnersOf,
  versionsByProduct,
  searchUrl,
  byteSize,
  renderProse,
};
