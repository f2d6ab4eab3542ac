/** Small analysed articles written for the tests (never archive text). */
import type { ArticleReader } from '../../src/search/search.js';
import type { AnalyzedArticle, FixState } from '../../src/types.js';

export function fakeArticle(
  n: number,
  title: string,
  sections: Record<string, string>,
  extra: Partial<AnalyzedArticle> & { state?: FixState; fixedIn?: string } = {},
): AnalyzedArticle {
  const { state = 'none', fixedIn, ...rest } = extra;
  return {
    id: `Q${n}`,
    number: n,
    title,
    products: ['Microsoft Systems Management Server'],
    versions: [{ platform: 'winnt', version: '2.0' }],
    versionText: 'winnt:2.0',
    operatingSystems: [],
    keywords: ['kbbug'],
    lastModified: '2001-07-31',
    category: 'sms',
    appliesTo: [],
    issueType: 'kbbug',
    sections: Object.entries(sections).map(([kind, text]) => ({ kind, heading: kind.toUpperCase(), text })),
    references: [],
    queryWords: [],
    sources: [{ path: `fake/Q${n}.TXT`, format: 'text', encoding: 'utf-8' }],
    fixStatus: { state, fixedIn, affected: [], fixedVersions: [] },
    codes: [],
    signatures: [],
    hints: { products: ['sms'], components: [], versions: [] },
    ...rest,
  };
}

/** The articles as a search engine reads them (by id; nothing to cache). */
export function articleReader(articles: readonly AnalyzedArticle[]): ArticleReader {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return { get: (id) => byId.get(id), sectionsOf: (id) => byId.get(id)?.sections };
}
