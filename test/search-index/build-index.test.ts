/**
 * search-index/build-index: the sizes a build starts its tables at, and that where they start changes nothing
 * of what it builds. Over articles written here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { fakeArticle } from '../support/articles.js';

/** Articles of a few hundred distinct words each, so that a build of them fills many of its smallest chunks. */
const articles = Array.from({ length: 12 }, (_, i) =>
  fakeArticle(170000 + i, `Spooler article ${i}`, {
    symptoms: Array.from({ length: 300 }, (_, w) => `word${(w * 7 + i * 13) % 400} term${w % 50}`).join(' '),
  }),
);
const build = (total: number) => buildIndex(articles.map(indexedDocumentOf), total, { sourceHash: 't' });

describe('search-index/build-index', () => {
  it("starts a build of one article with small tables, not the archive's: the overlay of a live edit keeps them", () => {
    const one = buildIndex([indexedDocumentOf(articles[0])], 1, { sourceHash: 't' });
    assert.ok(one.pairIds.keys.length <= 1 << 12, `pair table of ${one.pairIds.keys.length} slots`);
    assert.ok(one.pairIds.size > 300, 'holding the article\u2019s pairs all the same');
  });

  it('builds the same index whatever size it starts at: chunks and pair table grown past their first size lose nothing', () => {
    const small = build(1);
    const large = build(1_000_000);
    assert.ok(small.pairIds.keys.length < large.pairIds.keys.length, 'the two builds did start at different sizes');
    assert.ok(small.postings.length > 1024 * 3, 'the small build filled several chunks');
    for (const key of ['terms', 'df', 'offsets', 'postings', 'weights', 'sortedTerms', 'docs', 'avgFieldLengths'] as const) {
      assert.deepEqual(small[key], large[key], key);
    }
    assert.equal(small.pairIds.size, large.pairIds.size);
    for (const [key, id] of large.pairIds.entries()) assert.equal(small.pairIds.get(key), id);
  });
});
