/** The JSON answers of the API that the query commands print too: one shape for both. */
import type { SearchResult } from '../search/search.js';
import type { AnalyzedArticle } from '../types.js';

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

/**
 * The JSON answer of GET /api/articles/:id, which `kbsleuth article --format json` prints too. Where the files
 * live on the server is nobody else's business: the sources say only their format and encoding.
 */
export function articleResponseOf(article: AnalyzedArticle) {
  return { ...article, sources: article.sources.map(({ format, encoding }) => ({ format, encoding })) };
}
