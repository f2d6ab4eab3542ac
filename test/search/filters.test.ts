import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { filterOf, mergeFilters } from '../../src/search/filters.js';
import { parseQuery } from '../../src/search/parse-query.js';
import { fakeArticle } from '../support/articles.js';

const docs = [
  fakeArticle(400001, 'fixed one', {}, { state: 'fixed' }),
  fakeArticle(400002, 'by design one', {}, { state: 'by-design', category: 'exchange', products: ['Microsoft Exchange Server'] }),
  fakeArticle(400003, 'open one', {}, { state: 'confirmed', issueType: 'kbprb' }),
].map((a) => indexedDocumentOf(a).meta);
const kept = (query: string, extra = {}) =>
  docs
    .map((_, d) => d)
    .filter(filterOf(docs, mergeFilters(parseQuery(query), extra)))
    .map((d) => docs[d].id);

describe('search/filters', () => {
  const cases: { name: string; query: string; extra?: Record<string, string | string[]>; ids: string[] }[] = [
    { name: 'no filter keeps every article', query: 'anything', ids: ['Q400001', 'Q400002', 'Q400003'] },
    { name: 'status:fixed', query: 'status:fixed', ids: ['Q400001'] },
    { name: 'a status alias (resolved)', query: 'status:resolved', ids: ['Q400001'] },
    { name: '"by design" with a space, from a URL parameter', query: '', extra: { status: 'by design' }, ids: ['Q400002'] },
    { name: 'by_design with an underscore', query: 'status:by_design', ids: ['Q400002'] },
    { name: 'a product by name part', query: 'product:exchange', ids: ['Q400002'] },
    { name: 'type without its kb prefix', query: 'type:prb', ids: ['Q400003'] },
    { name: 'two filters must both hold', query: 'status:fixed product:exchange', ids: [] },
  ];
  for (const c of cases) it(`reads ${c.name}`, () => assert.deepEqual(kept(c.query, c.extra), c.ids));

  it("adds URL filters to the query's own, trimmed and each value once", () => {
    const merged = mergeFilters(parseQuery('status:fixed'), { status: [' fixed ', 'open'], product: '' });
    assert.deepEqual(merged.status, ['fixed', 'open']);
    assert.deepEqual(merged.product, []);
  });
});
