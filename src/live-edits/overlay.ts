/**
 * Articles edited or added since the saved index was built, searchable at once without rebuilding the
 * archive: a small index of their own whose idf is the archive's (so its scores compare with the
 * archive's), while the archive's copies of the same articles are hidden.
 */
import { buildIndex } from '../search-index/build-index.js';
import { indexedDocumentOf } from '../search-index/document.js';
import { idf, MAX_TERMS, pairIdOf } from '../search-index/index-data.js';
import { SearchEngine, type ArticleReader } from '../search/search.js';
import type { AnalyzedArticle } from '../types.js';

export function buildOverlayEngine(articles: readonly AnalyzedArticle[], base: SearchEngine): SearchEngine {
  // Weighed against the archive's field lengths: one edited article is not its own average.
  const index = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 'overlay', avgFieldLengths: base.index.avgFieldLengths });
  const n = base.docCount;
  const rare = idf(1, n);
  const idfs = new Float64Array(index.df.length).fill(rare);
  for (let id = 0; id < index.terms.length; id++) {
    const term = index.terms[id];
    if (term) idfs[id] = base.idfOf(term) || rare;
  }
  for (const [key, id] of index.pairIds.entries()) {
    const a = index.terms[Math.floor(key / MAX_TERMS)];
    const b = index.terms[key % MAX_TERMS];
    const baseId = pairIdOf(base.index, a, b);
    if (baseId !== undefined) idfs[id] = base.idfs[baseId];
  }
  const byId = new Map(articles.map((a) => [a.id, a]));
  const reader: ArticleReader = { get: (id) => byId.get(id), sectionsOf: (id) => byId.get(id)?.sections };
  return new SearchEngine(index, reader, base.tuning, idfs, base);
}
