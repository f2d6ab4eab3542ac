import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DocMeta } from '../../src/search-index/index-data.js';
import { FacetTable, bestOf, bestOfBar } from '../../src/search/facets.js';
import { SEED, replayWith } from '../support/seed.js';

const meta = (i: number, product: string, versions: string[] = [], issueType = 'kbbug'): DocMeta => ({
  id: `Q${i}`,
  number: i,
  title: `article ${i}`,
  product,
  products: [],
  versions,
  issueType,
  fixState: 'none',
  codes: [],
});

describe('search/facets', () => {
  it('lists the most frequent values first, equal counts alphabetically, each facet apart', () => {
    const docs = [meta(0, 'word'), meta(1, 'excel'), meta(2, 'word'), meta(3, 'access'), meta(4, 'excel', [], 'kbinfo'), meta(5, 'Access')];
    const counts = new FacetTable(docs).count([0, 1, 2, 3, 4, 5]);
    assert.deepEqual(
      counts.product.map((v) => `${v.value} ${v.count}`),
      ['excel 2', 'word 2', 'access 1', 'Access 1'],
    );
    assert.deepEqual(
      counts.type.map((v) => `${v.value} ${v.count}`),
      ['kbbug 5', 'kbinfo 1'],
    );
    assert.deepEqual(counts.status, [{ value: 'none', count: 6 }]);
  });

  it('shows at most 15 products, cut after the most frequent', () => {
    const docs = Array.from({ length: 40 }, (_, i) => meta(i, `product${String(i % 20).padStart(2, '0')}`));
    const counts = new FacetTable(docs).count(docs.map((_, i) => i).filter((i) => i !== 39));
    assert.equal(counts.product.length, 15);
    assert.equal(counts.product[0].value, 'product00');
    assert.ok(!counts.product.some((v) => v.value === 'product19'), 'product19 lost an article: it comes last');
  });

  it('counts a document with more values than its slot holds (12 versions) beside documents whose values fit', () => {
    const many = Array.from({ length: 12 }, (_, v) => `word:${v + 1}.0`);
    const docs = [meta(0, 'word', many), meta(1, 'word', ['word:1.0', 'word:2.0']), meta(2, 'excel', ['excel:5.0'])];
    const counts = new FacetTable(docs).count([2, 0, 1]);
    assert.deepEqual(
      counts.version.slice(0, 3).map((v) => `${v.value} ${v.count}`),
      ['word 1.0 2', 'word 2.0 2', 'excel 5.0 1'],
    );
    assert.equal(counts.version.length, 13, 'the 12 versions of the first and excel 5.0');
    assert.deepEqual(
      counts.product.map((v) => `${v.value} ${v.count}`),
      ['word 2', 'excel 1'],
    );
    assert.equal(counts.status[0].count, 3);
  });

  it('counts the same after a search, its counters left at zero', () => {
    const table = new FacetTable([meta(0, 'word'), meta(1, 'excel')]);
    const first = table.count([0, 1]);
    assert.deepEqual(table.count([0, 1]), first);
  });

  it(`bestOf cuts the same without the matches scoring under bestOfBar (${replayWith()})`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        (scores, k, under, over) => {
          const matches = scores.map((_, d) => d);
          const score = (d: number) => scores[d];
          const sorted = [...scores].sort((a, b) => b - a);
          // Any lower bound of the k-th best and upper bound of the best will do.
          const kth = sorted.length >= k ? sorted[k - 1] * under : 0;
          const bar = bestOfBar(kth, sorted[0] * over);
          const kept = matches.filter((d) => score(d) >= bar);
          assert.deepEqual(bestOf(kept, score, k, matches.length), bestOf(matches, score, k));
        },
      ),
      { seed: SEED },
    );
  });
});
