/**
 * Two result pages -> one: the archive's and the overlay of articles edited since it was indexed. Both
 * engines score with the archive's idf, so their scores are comparable and the merge is by score (or
 * date); totals and facet counts add up.
 */
import type { FacetCounts } from '../types.js';
import { facetSize } from '../search/facets.js';
import type { SearchResult } from '../search/search.js';

export function mergeResults(base: SearchResult, extra: SearchResult, offset: number, limit: number, sort: 'relevance' | 'date'): SearchResult {
  const parts = [base, extra];
  const byScore = (a: SearchResult['results'][number], b: SearchResult['results'][number]) =>
    sort === 'date' ? (b.lastModified ?? '').localeCompare(a.lastModified ?? '') || b.score - a.score : b.score - a.score || a.id.localeCompare(b.id);
  const results = parts
    .flatMap((r) => r.results)
    .sort(byScore)
    .slice(offset, offset + limit);
  const mode = parts.some((r) => r.mode === 'all') ? 'all' : (parts.find((r) => r.total > 0)?.mode ?? base.mode);
  return {
    ...base,
    mode,
    offset,
    limit,
    total: parts.reduce((n, r) => n + r.total, 0),
    results,
    facets: parts.map((r) => r.facets).reduce(addFacets),
    notice: base.notice ?? extra.notice,
    expansions: base.expansions,
    preferences: base.preferences,
  };
}

function addFacets(a: FacetCounts, b: FacetCounts): FacetCounts {
  const out = {} as FacetCounts;
  for (const name of Object.keys(a) as (keyof FacetCounts)[]) {
    const counts = new Map<string, number>();
    for (const { value, count } of [...a[name], ...b[name]]) counts.set(value, (counts.get(value) ?? 0) + count);
    // Cut as the engine cuts, not to the longer side: two sides of 3 values can hold 4 between them.
    out[name] = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((x, y) => y.count - x.count || x.value.localeCompare(y.value))
      .slice(0, facetSize(name));
  }
  return out;
}
