import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { filterOf, mergeFilters } from '../../src/search/filters.js';
import { parseQuery } from '../../src/search/parse-query.js';
import { findErrorCodes } from '../../src/signals/error-codes.js';
import { fakeArticle } from '../support/articles.js';

const docs = [
  fakeArticle(400001, 'fixed one', {}, { state: 'fixed', codes: [{ key: 'zz99' }] as never }),
  fakeArticle(
    400002,
    'by design one',
    {},
    { state: 'by-design', category: 'exchange', products: ['Microsoft Exchange Server'], versions: [{ platform: 'exchange', version: '4.0' }] },
  ),
  fakeArticle(400003, 'open one', {}, { state: 'confirmed', issueType: 'kbprb', codes: findErrorCodes('sharing violation, error 0x80070020') }),
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

  it('reads a product by its key or by a part of its full name, in any case', () => {
    assert.deepEqual(kept('product:EXCHANGE'), ['Q400002']);
    assert.deepEqual(kept('', { product: 'Exchange Server' }), ['Q400002']);
    assert.deepEqual(kept('product:sms'), ['Q400001', 'Q400003']);
  });

  it('reads a type with or without its kb prefix, and an unknown type or state as matching nothing', () => {
    assert.deepEqual(kept('type:kbprb'), ['Q400003']);
    assert.deepEqual(kept('type:howto'), []);
    assert.deepEqual(kept('status:sideways'), []);
  });

  it('reads a version filter; a version no article lists matches nothing', () => {
    assert.deepEqual(kept('version:4.0'), ['Q400002']);
    assert.deepEqual(kept('version:2.0'), ['Q400001', 'Q400003']);
    assert.deepEqual(kept('version:nonsense'), []);
  });

  it('reads a code in any spelling of it, and an unknown code as written', () => {
    assert.deepEqual(kept('code:0x80070020'), ['Q400003']);
    assert.deepEqual(kept('code:ERROR_SHARING_VIOLATION'), ['Q400003']);
    assert.deepEqual(kept('code:zz99'), ['Q400001']);
  });

  it('reads a product no key names by a part of a product name, and a type it does not know with or without kb', () => {
    const odd = [fakeArticle(400010, 'odd one', {}, { products: ['Microsoft Wombat Server'], issueType: 'kbzzz' })].map((a) => indexedDocumentOf(a).meta);
    const keeps = (query: string) => filterOf(odd, mergeFilters(parseQuery(query)))(0);
    assert.deepEqual(['product:wombat', 'product:numbat', 'type:zzz', 'type:kbzzz', 'type:yyy'].map(keeps), [true, false, true, true, false]);
  });

  it('keeps an article only when every value of a filter holds', () => {
    assert.deepEqual(kept('status:fixed status:confirmed'), []);
  });

  it('ignores URL filters it does not know, and values left out', () => {
    const merged = mergeFilters(parseQuery('status:fixed'), { colour: 'red', product: undefined } as never);
    assert.deepEqual(merged, { ...parseQuery('status:fixed').filters });
    assert.equal('colour' in merged, false);
  });

  it("adds URL filters to the query's own, trimmed and each value once", () => {
    const merged = mergeFilters(parseQuery('status:fixed'), { status: [' fixed ', 'open'], product: '' });
    assert.deepEqual(merged.status, ['fixed', 'open']);
    assert.deepEqual(merged.product, []);
  });
});
