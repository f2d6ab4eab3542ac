/**
 * Ranking (search/rank.ts) through the engine: which articles a query's clauses bring in, the mode a search
 * reports, quoted phrases, coverage, and that the MaxScore shortcut and the bounded final scores give the page
 * a full scan gives, on a corpus made so the shortcut is taken. (The facets may differ: they count the best of the
 * articles read, and the shortcut reads fewer.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { SearchEngine, type SearchOptions } from '../../src/search/search.js';
import type { SearchTuning } from '../../src/search/tuning.js';
import type { AnalyzedArticle } from '../../src/types.js';
import { articleReader, fakeArticle } from '../support/articles.js';

const engineOf = (articles: AnalyzedArticle[], tuning: Partial<SearchTuning> = {}) =>
  new SearchEngine(buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' }), articleReader(articles), tuning);

describe('search/rank: modes', () => {
  const articles = [
    fakeArticle(
      160001,
      'Zqvalve sticks',
      { symptoms: 'The zqvalve sticks when the zqpump starts.' },
      { category: 'exchange', products: ['Microsoft Exchange Server'] },
    ),
    fakeArticle(160002, 'Zqvalve leaks', { symptoms: 'The zqvalve leaks.' }),
    fakeArticle(160003, 'Zqpump hums', { symptoms: 'The zqpump hums.' }),
  ];
  const engine = engineOf(articles);

  it("says 'all' when an article holds every word, 'any' when none does", () => {
    assert.equal(engine.search('zqvalve zqpump').mode, 'all');
    assert.equal(engine.search('zqvalve hums').mode, 'any');
  });

  it("says 'any' when the only article holding every word is filtered out", () => {
    const r = engine.search('zqvalve zqpump', { filters: { product: 'sms' } });
    assert.equal(r.mode, 'any');
    assert.deepEqual(r.results.map((h) => h.id).sort(), ['Q160002', 'Q160003']);
  });

  it('ranks the article holding every word first', () => {
    assert.equal(engine.search('zqvalve zqpump').results[0].id, 'Q160001');
  });
});

describe('search/rank: quoted phrases', () => {
  const articles = [
    fakeArticle(170001, 'Zqdisk full', { symptoms: 'The zqdisk full message appears at night.' }),
    fakeArticle(170002, 'Zqdisk nearly full', { symptoms: 'A full zqdisk and a zqdisk error at night.' }),
    fakeArticle(170003, 'Night job', { symptoms: 'The zqdisk full message and the zqquota exceeded message appear.' }),
    fakeArticle(170004, 'Zqquota', { symptoms: 'zqquota exceeded' }),
  ];
  const engine = engineOf(articles);

  it('keeps only the articles holding the phrase, whatever other words add', () => {
    assert.deepEqual(
      engine
        .search('"zqdisk full"')
        .results.map((h) => h.id)
        .sort(),
      ['Q170001', 'Q170003'],
    );
    const withWord = engine.search('"zqdisk full" night');
    assert.deepEqual(withWord.results.map((h) => h.id).sort(), ['Q170001', 'Q170003']);
    assert.equal(withWord.total, 2);
  });

  it('needs every phrase of the query', () => {
    assert.deepEqual(
      engine.search('"zqdisk full" "zqquota exceeded"').results.map((h) => h.id),
      ['Q170003'],
    );
    assert.equal(engine.search('"zqdisk full" "zqquota missing"').total, 0);
  });

  it('lets a word raise an article among those holding the phrase', () => {
    // Both hold the phrase; only Q170001 says "night".
    assert.equal(engine.search('"zqdisk full" night').results[0].id, 'Q170001');
    assert.equal(engine.search('"zqdisk full" zqquota').results[0].id, 'Q170003');
  });
});

/** Sixty articles: a common word in all, a middling one in every third, a rare one in two; titles vary the weights. */
function skewed(): AnalyzedArticle[] {
  return Array.from({ length: 60 }, (_, i) => {
    const words = ['zqcommon'];
    if (i % 3 === 0) words.push('zqmiddle');
    if (i % 5 === 0) words.push('zqfifth');
    if (i === 7 || i === 41) words.push('zqrare');
    return fakeArticle(
      180000 + i,
      i % 4 === 0 ? `Zqcommon ${words.slice(1).join(' ')}` : `Article ${i}`,
      { symptoms: words.join(' '), resolution: 'filler text '.repeat(i % 7) },
      { state: i % 2 ? 'fixed' : 'confirmed', lastModified: `2003-01-${String(1 + (i % 28)).padStart(2, '0')}` },
    );
  });
}

describe('search/rank: the shortcut finds what a full scan finds', () => {
  const articles = skewed();
  const queries = ['zqrare zqmiddle zqcommon', 'zqmiddle zqfifth zqcommon', 'zqcommon zqrare', 'zqfifth zqmiddle', 'zqcommon', 'zqrare'];
  const options: SearchOptions[] = [{ limit: 1 }, { limit: 3 }, { limit: 5, offset: 2 }, { limit: 3, noFacets: true }, { limit: 10 }];
  for (const seedShare of [0.2, 1]) {
    const pruned = engineOf(articles, { seedShare, facetDocs: 8 });
    const full = engineOf(articles, { seedShare, facetDocs: 8, prune: false });
    for (const q of queries) {
      it(`"${q}" at seedShare ${seedShare}: the same page and scores`, () => {
        for (const o of options) {
          const a = pruned.search(q, { ...o, noExcerpts: true });
          const b = full.search(q, { ...o, noExcerpts: true });
          assert.deepEqual(
            a.results.map((h) => [h.id, h.score]),
            b.results.map((h) => [h.id, h.score]),
            JSON.stringify(o),
          );
          assert.equal(a.mode, b.mode);
          assert.ok(a.total <= b.total);
        }
      });
    }
  }

  it('reads fewer articles than the full scan for a rare word beside a common one, and counts them all by date', () => {
    // seedShare 1: the common word brings articles in too, so only the shortcut keeps the search from reading all 60.
    const pruned = engineOf(articles, { seedShare: 1 });
    const full = engineOf(articles, { seedShare: 1, prune: false });
    assert.equal(full.search('zqrare zqcommon').total, 60);
    assert.ok(pruned.search('zqrare zqcommon', { limit: 1 }).total < 60);
    // By date every match counts: the articles covering most of the query (the two holding both words).
    assert.equal(pruned.search('zqrare zqcommon', { sort: 'date' }).total, 2);
  });

  it('ranks an article holding the rare word above those holding only common ones, however often', () => {
    const top = engineOf(articles).search('zqrare zqcommon', { limit: 2 });
    assert.deepEqual(top.results.map((h) => h.id).sort(), ['Q180007', 'Q180041']);
  });
});
