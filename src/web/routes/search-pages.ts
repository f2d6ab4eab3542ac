/** The search page and the product pages: results with facets, and a way on when there are none. */
import { Router, type RequestHandler } from 'express';
import { HttpError } from '../../errors.js';
import { fixStateLabel, issueTypeLabel, productLabel, readProduct, versionLabel } from '../../render/labels.js';
import { noResultsHelp } from '../../search/no-results.js';
import { FILTER_NAMES, type FilterName } from '../../search/parse-query.js';
import type { SearchResult } from '../../search/search.js';
import type { AppDeps, AppOptions } from '../options.js';
import { productCounts } from '../product-counts.js';
import { searchUrl } from '../view-helpers.js';
import { readSearchParams, singleParams, skippedExpansions } from '../request-params.js';

export const PAGE_SIZE = 10;
const SORTS = ['relevance', 'date'];

/** A filter in force, with what to show and where its removal leads. */
export interface ActiveFilter {
  name: FilterName;
  value: string;
  label: string;
  removeUrl: string;
}

export function searchPageRoutes(deps: Pick<AppDeps, 'kb'>, options: AppOptions, requireReady: RequestHandler): Router {
  const router = Router();
  const { kb } = deps;

  router.get('/search', requireReady, (req, res) => {
    const raw = singleParams(req);
    const notices: string[] = [];
    // A bad sort or page is not worth a dead end: answer with the default and say so.
    if (raw.sort !== undefined && !SORTS.includes(raw.sort)) {
      notices.push(`There is no sort "${raw.sort.slice(0, 40)}"; sorted by relevance (the other choice is newest first).`);
      delete raw.sort;
    }
    let page = Math.max(1, Math.min(500, Number.parseInt(raw.page ?? '1', 10) || 1));
    const p = readSearchParams({ ...raw, page: undefined }, options);
    const filters = Object.fromEntries(FILTER_NAMES.map((f) => [f, p[f]]).filter(([, v]) => v));
    const run = () =>
      kb.search(p.q, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, sort: p.sort, filters, skipExpansions: skippedExpansions(p.noexpand) });
    let result = run();
    const pages = Math.ceil(result.total / PAGE_SIZE);
    if (pages > 0 && page > pages) {
      notices.push(`There ${pages === 1 ? 'is only 1 page' : `are only ${pages} pages`} of results; this is the last.`);
      page = pages;
      result = run();
    }
    // A query that names an article goes straight to it.
    if (result.mode === 'article' && result.results.length === 1 && !Object.keys(filters).length) return res.redirect(302, result.results[0].url);
    const params: Record<string, string | undefined> = {
      q: p.q || undefined,
      sort: p.sort,
      noexpand: p.noexpand || undefined,
      ...Object.fromEntries(FILTER_NAMES.map((f) => [f, p[f]])),
    };
    const unknownProducts = result.filters.product.filter((v) => !readProduct(v) && !kb.engine.index.docs.some((d) => d.product === v.toLowerCase()));
    for (const v of unknownProducts) notices.push(`The knowledge base knows no product "${v.slice(0, 60)}"; pick one of the products below.`);
    const noResults = result.total === 0 && result.mode !== 'none';
    res.render('search', {
      title: p.q ? `${p.q} - kbsleuth` : 'Search - kbsleuth',
      description: summaryOf(result, p.q),
      q: p.q,
      result,
      page,
      pageSize: PAGE_SIZE,
      params,
      notices,
      activeFilters: activeFiltersOf(result, params),
      help: noResults && p.q ? noResultsHelp(kb.engine.index, p.q) : undefined,
      // Long text with digits and punctuation is likely a pasted log line: the troubleshooter reads those.
      logLink:
        noResults && p.q.length > 40 && /\d/.test(p.q) && /[:=\\/[\]]/.test(p.q) ? '/troubleshoot?' + new URLSearchParams({ log: p.q }).toString() : undefined,
      products: noResults || unknownProducts.length ? productCounts(kb.engine.index).slice(0, 12) : [],
      skipTo: { href: '#results', text: 'Skip to results' },
    });
  });

  router.get('/products', requireReady, (_req, res) => {
    res.render('products', { title: 'Products - kbsleuth', q: '', products: productCounts(kb.engine.index) });
  });

  router.get('/products/:key', requireReady, (req, res) => {
    const asked = String(req.params.key);
    const key = readProduct(asked) ?? asked.toLowerCase();
    const counts = productCounts(kb.engine.index);
    const found = counts.find((c) => c.key === key);
    if (!found) throw new HttpError(404, `The knowledge base has no product "${asked.slice(0, 60)}". The products it has are listed at /products.`);
    if (asked !== key) return res.redirect(301, `/products/${encodeURIComponent(key)}`);
    const newest = kb.search('', { filters: { product: key }, sort: 'date', limit: 10 });
    res.render('product', {
      title: `${found.label} - kbsleuth`,
      description: `${found.count.toLocaleString('en-US')} knowledge base articles about ${found.label}.`,
      q: '',
      product: found,
      newest,
      versions: newest.facets.version.map((v) => ({ ...v, label: versionLabel(v.value) })),
      types: newest.facets.type.map((v) => ({ ...v, label: issueTypeLabel(v.value) })),
      states: newest.facets.status.map((v) => ({ ...v, label: fixStateLabel(v.value) })),
    });
  });
  return router;
}

function summaryOf(result: SearchResult, q: string): string {
  const n = `${result.total.toLocaleString('en-US')} article${result.total === 1 ? '' : 's'}`;
  return q ? `${n} for "${q}" in the knowledge base.` : `${n} in the knowledge base.`;
}

const FILTER_TITLES: Record<FilterName, string> = { product: 'Product', version: 'Version', type: 'Issue type', status: 'Fix state', code: 'Error code' };

/**
 * Filters in force, from the URL and from the query text (`product:sms` typed in the box): each with its
 * label and a link without it. A typed filter is removed from the query text.
 */
function activeFiltersOf(result: SearchResult, params: Record<string, string | undefined>): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const name of FILTER_NAMES) {
    for (const value of result.filters[name]) {
      const fromUrl = params[name] === value;
      const q = params.q ?? '';
      const removeUrl = fromUrl ? searchUrl(params, { [name]: undefined }) : searchUrl(params, { q: withoutFilter(q, name, value) });
      out.push({ name, value, label: `${FILTER_TITLES[name]}: ${filterValueLabel(name, value)}`, removeUrl });
    }
  }
  return out;
}

export function filterValueLabel(name: FilterName, value: string): string {
  if (name === 'product') return productLabel(readProduct(value) ?? value);
  if (name === 'version') return value.includes(' ') && !/[A-Z]/.test(value) ? versionLabel(value) : value;
  if (name === 'type') return issueTypeLabel(value.toLowerCase().startsWith('kb') ? value.toLowerCase() : value);
  if (name === 'status') return fixStateLabel(value);
  return value;
}

/** The query text without one typed `name:value` (quoted or not). */
export function withoutFilter(q: string, name: string, value: string): string {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return q
    .replace(new RegExp(`(^|\\s)${name}:(?:"${escaped}"|${escaped})(?=\\s|$)`, 'i'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
