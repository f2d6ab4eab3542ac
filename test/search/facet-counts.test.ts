/** search/facets: counts of product, version, type and status over a search's matches, and the cut for any-word searches. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FacetTable, bestOf, emptyFacets, facetSize } from '../../src/search/facets.js';
import { docMetaOf } from '../../src/search-index/document.js';
import { fakeArticle } from '../support/articles.js';

const states = ['fixed', 'confirmed', 'by-design', 'none'] as const;
// Twenty documents: products sms (12) and exchange (8); types kbbug / kbprb alternating; states in turn.
const docs = Array.from({ length: 20 }, (_, i) =>
  docMetaOf(
    fakeArticle(
      150000 + i,
      `T${i}`,
      {},
      {
        state: states[i % 4],
        issueType: i % 2 ? 'kbprb' : 'kbbug',
        ...(i < 8 ? { category: 'exchange', products: ['Microsoft Exchange Server'], versions: [{ platform: 'exchange', version: '5.5' }] } : {}),
      },
    ),
  ),
);
const all = docs.map((_, d) => d);

describe('search/facets FacetTable', () => {
  const table = new FacetTable(docs);

  it('counts each facet value over the documents given, most first, then by name', () => {
    const f = table.count(all);
    assert.deepEqual(f.product, [
      { value: 'sms', count: 12 },
      { value: 'exchange', count: 8 },
    ]);
    assert.deepEqual(f.type, [
      { value: 'kbbug', count: 10 },
      { value: 'kbprb', count: 10 },
    ]);
    assert.deepEqual(
      f.status.map((s) => s.count),
      [5, 5, 5, 5],
    );
    assert.deepEqual(
      f.status.map((s) => s.value),
      ['by-design', 'confirmed', 'fixed', 'none'],
    );
    assert.deepEqual(f.version, [
      { value: 'sms 2.0', count: 12 },
      { value: 'exchange 5.5', count: 8 },
    ]);
  });

  it('counts only the documents given, and starts from zero at every count', () => {
    assert.deepEqual(table.count([0, 1, 2]).product, [{ value: 'exchange', count: 3 }]);
    assert.deepEqual(table.count([0, 1, 2]).product, [{ value: 'exchange', count: 3 }], 'the same again');
    assert.deepEqual(table.count([]), emptyFacets());
  });

  it('counts no value for a document without one (no product, no type)', () => {
    const bare = docMetaOf(fakeArticle(152000, 'T', {}, { category: undefined, hints: { products: [], components: [], versions: [] }, issueType: undefined }));
    const f = new FacetTable([bare]).count([0]);
    assert.deepEqual([f.product, f.type], [[], []]);
  });

  it('shows at most 15 products, 15 versions, 10 types and 4 states', () => {
    assert.deepEqual((['product', 'version', 'type', 'status'] as const).map(facetSize), [15, 15, 10, 4]);
    const many = Array.from({ length: 30 }, (_, i) =>
      docMetaOf(fakeArticle(151000 + i, 'T', {}, { issueType: `kbtype${String(i).padStart(2, '0')}`, category: `p${i}` })),
    );
    const f = new FacetTable(many).count(many.map((_, d) => d));
    assert.deepEqual([f.product.length, f.type.length], [15, 10]);
    assert.equal(f.type[0].value, 'kbtype00', 'equal counts in name order');
  });
});

describe('search/facets bestOf', () => {
  it('keeps every match when there are no more than k', () => {
    assert.deepEqual(
      bestOf([3, 1, 2], () => 1, 3),
      [3, 1, 2],
    );
  });

  it('keeps about the best k by score, ties at the cut kept, in the order given', () => {
    const matches = Array.from({ length: 100 }, (_, d) => d);
    const kept = bestOf(matches, (d) => d, 10);
    assert.deepEqual(kept, matches.slice(90));
    const tied = bestOf(matches, (d) => (d < 50 ? 1 : 2), 10);
    assert.deepEqual(tied, matches.slice(50), 'all fifty at the top score');
  });

  it('keeps the first k when no match scores above zero', () => {
    assert.deepEqual(
      bestOf([5, 6, 7, 8], () => 0, 2),
      [5, 6],
    );
  });
});
