/** Filters (`product:sms`, `status:fixed`, `code:0x80070020`, or URL parameters) -> a test on a document's metadata. */
import { codeKeys, describeCode } from '../signals/error-codes.js';
import type { DocMeta } from '../search-index/index-data.js';
import type { FixState } from '../types.js';
import { isFixState } from '../types.js';
import type { FilterName, ParsedQuery } from './parse-query.js';

/** Words people type for a fix state, beside the states' own names. */
const STATUS_ALIASES: Record<string, FixState> = {
  fixed: 'fixed', fix: 'fixed', resolved: 'fixed',
  confirmed: 'confirmed', open: 'confirmed', unfixed: 'confirmed', bug: 'confirmed', researching: 'confirmed',
  'by-design': 'by-design', bydesign: 'by-design', design: 'by-design', 'by design': 'by-design',
  none: 'none',
};

/** Filters from outside the query text, by name. */
export type ExtraFilters = Partial<Record<FilterName, string | string[]>>;

/** The query's own filters with those from outside it added (trimmed, each value once). */
export function mergeFilters(q: ParsedQuery, extra: ExtraFilters = {}): Record<FilterName, string[]> {
  const out = { ...q.filters };
  for (const [name, value] of Object.entries(extra) as [FilterName, string | string[] | undefined][]) {
    if (!(name in out) || value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map((v) => String(v).trim()).filter(Boolean);
    out[name] = [...new Set([...out[name], ...values])];
  }
  return out;
}

/** A test of document numbers: every filter must hold (values of one filter each add a test too). */
export function filterOf(docs: readonly DocMeta[], filters: Record<FilterName, string[]>): (d: number) => boolean {
  const tests: ((m: DocMeta) => boolean)[] = [];
  for (const value of filters.product) {
    const v = value.toLowerCase();
    tests.push((m) => m.product === v || m.products.some((p) => p.toLowerCase().includes(v)));
  }
  for (const value of filters.version) {
    const v = value.toLowerCase();
    tests.push((m) => m.versions.some((x) => x.toLowerCase() === v || x.toLowerCase().endsWith(':' + v)));
  }
  for (const value of filters.type) {
    const v = value.toLowerCase().replace(/^kb/, '');
    tests.push((m) => m.issueType === 'kb' + v);
  }
  for (const value of filters.status) {
    const v = value.toLowerCase().replace(/[_\s]+/g, '-');
    const state = STATUS_ALIASES[v] ?? (isFixState(v) ? v : undefined);
    tests.push((m) => m.fixState === state);
  }
  for (const value of filters.code) {
    const code = describeCode(value);
    const keys = code ? codeKeys(code) : [value.toLowerCase()];
    tests.push((m) => keys.some((k) => m.codes.includes(k)));
  }
  if (!tests.length) return () => true;
  return (d) => tests.every((t) => t(docs[d]));
}
