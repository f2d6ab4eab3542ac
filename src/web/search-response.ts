/** The JSON answer of GET /api/search, which `kbsleuth search --json` prints too: one shape for both. */
import type { SearchResult } from '../search/search.js';

export function searchResponseOf(result: SearchResult) {
  return {
    query: result.query,
    mode: result.mode,
    total: result.total,
    offset: result.offset,
    limit: result.limit,
    notice: result.notice,
    filters: result.filters,
    codes: result.codes.map(({ family, key, name, meaning, text }) => ({ family, key, name, meaning, text })),
    expansions: result.expansions ?? [],
    preferences: result.preferences ?? [],
    results: result.results,
    facets: result.facets,
  };
}

export type SearchResponse = ReturnType<typeof searchResponseOf>;
