/**
 * mergeResults: the archive's page and the edited articles' page -> one page. Each side answered its first
 * offset+limit hits; the merge sorts them together and cuts the page at the offset, and adds the totals and
 * facet counts of the sides it keeps.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeResults } from '../../src/live-edits/merge-results.js';
import { facetSize } from '../../src/search/facets.js';
import type { SearchResult } from '../../src/search/search.js';
import type { FacetCounts, SearchHit } from '../../src/types.js';

const hit = (id: string, score: number, lastModified?: string): SearchHit => ({
  id,
  title: id,
  url: `/kb/${id}`,
  score,
  products: [],
  versions: [],
  fixStatus: { state: 'none' },
  lastModified,
  excerpt: '',
  highlights: [],
});

const noFacets = (): FacetCounts => ({ product: [], version: [], type: [], status: [] });

const page = (mode: SearchResult['mode'], results: SearchHit[], extra: Partial<SearchResult> = {}): SearchResult => ({
  query: 'q',
  mode,
  total: results.length,
  offset: 0,
  limit: results.length,
  results,
  facets: noFacets(),
  codes: [],
  filters: { product: [], version: [], type: [], status: [], code: [] } as unknown as SearchResult['filters'],
  ...extra,
});

const ids = (r: SearchResult) => r.results.map((h) => h.id);

describe('live-edits/merge-results', () => {
  const archive = page('all', [hit('Q1', 9), hit('Q2', 7), hit('Q3', 5), hit('Q4', 3)]);
  const edited = page('all', [hit('Q8', 8), hit('Q9', 4)]);

  it('merges both sides by score', () => {
    assert.deepEqual(ids(mergeResults(archive, edited, 0, 10, 'relevance')), ['Q1', 'Q8', 'Q2', 'Q3', 'Q9', 'Q4']);
  });

  it('cuts each page at its offset and limit, over the merged order', () => {
    const pages = [0, 2, 4].map((offset) => mergeResults(archive, edited, offset, 2, 'relevance'));
    assert.deepEqual(pages.map(ids), [
      ['Q1', 'Q8'],
      ['Q2', 'Q3'],
      ['Q9', 'Q4'],
    ]);
    assert.deepEqual(
      pages.map((p) => [p.offset, p.limit]),
      [
        [0, 2],
        [2, 2],
        [4, 2],
      ],
    );
  });

  it('breaks equal scores by article id, the same on every page', () => {
    const merged = mergeResults(page('all', [hit('Q5', 1)]), page('all', [hit('Q3', 1)]), 0, 10, 'relevance');
    assert.deepEqual(ids(merged), ['Q3', 'Q5']);
  });

  it('sorts by date, newest first, when asked, and by score among equal dates', () => {
    const a = page('all', [hit('Q1', 9, '2001-01-01'), hit('Q2', 1, '2003-05-01'), hit('Q3', 5)]);
    const b = page('all', [hit('Q8', 2, '2002-02-02'), hit('Q9', 3, '2003-05-01')]);
    assert.deepEqual(ids(mergeResults(a, b, 0, 10, 'date')), ['Q9', 'Q2', 'Q8', 'Q1', 'Q3']);
  });

  it('adds the totals of both sides', () => {
    const merged = mergeResults({ ...archive, total: 40 }, { ...edited, total: 2 }, 0, 3, 'relevance');
    assert.equal(merged.total, 42);
  });

  it('adds the facet counts value by value, most first', () => {
    const a = page('all', [hit('Q1', 1)], {
      facets: {
        ...noFacets(),
        product: [
          { value: 'sms', count: 5 },
          { value: 'exchange', count: 4 },
        ],
      },
    });
    const b = page('all', [hit('Q8', 1)], { facets: { ...noFacets(), product: [{ value: 'exchange', count: 2 }] } });
    const merged = mergeResults(a, b, 0, 10, 'relevance');
    assert.deepEqual(merged.facets.product, [
      { value: 'exchange', count: 6 },
      { value: 'sms', count: 5 },
    ]);
    assert.deepEqual(merged.facets.status, []);
  });

  it("keeps every value two sides hold between them, up to the facet's size (not the longer side's length)", () => {
    const status = (values: [string, number][]) =>
      page('all', [hit('Q1', 1)], { facets: { ...noFacets(), status: values.map(([value, count]) => ({ value, count })) } });
    const merged = mergeResults(
      status([
        ['fixed', 3],
        ['confirmed', 2],
        ['none', 1],
      ]),
      status([['by-design', 1]]),
      0,
      10,
      'relevance',
    );
    assert.deepEqual(
      merged.facets.status.map((f) => f.value),
      ['fixed', 'confirmed', 'by-design', 'none'],
    );
    const full = mergeResults(
      status([
        ['a', 5],
        ['b', 4],
        ['c', 3],
        ['d', 2],
      ]),
      status([['e', 1]]),
      0,
      10,
      'relevance',
    );
    assert.equal(full.facets.status.length, facetSize('status'));
    assert.ok(!full.facets.status.some((f) => f.value === 'e'), 'the least counted value is the one cut');
  });

  it('merges both sides by score whatever their mode: every search ranks any word, so their scores compare', () => {
    const anyWord = page('any', [hit('Q8', 50)]);
    const merged = mergeResults(archive, anyWord, 0, 10, 'relevance');
    assert.deepEqual(ids(merged), ['Q8', 'Q1', 'Q2', 'Q3', 'Q4']);
    assert.equal(merged.total, 5);
    assert.equal(merged.mode, 'all', 'an article on either side holds every word');
  });

  it("says 'any' when neither side holds every word, and keeps the archive's notice", () => {
    const a = page('any', [hit('Q1', 2)], { notice: 'The knowledge base holds no article Q999999.' });
    const b = page('any', [hit('Q8', 3)]);
    const merged = mergeResults(a, b, 0, 10, 'relevance');
    assert.deepEqual(ids(merged), ['Q8', 'Q1']);
    assert.equal(merged.mode, 'any');
    assert.equal(merged.notice, 'The knowledge base holds no article Q999999.');
  });
});
