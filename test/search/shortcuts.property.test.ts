/**
 * The search engine's shortcuts find what a full scan finds. Any-word searches take their documents from
 * the rarer words only: checked here against the same engine with the shortcut off, over random articles
 * and queries drawn from a vocabulary of skewed frequencies (a few words in most articles, most words in
 * few), so both the shortcut and the full path are taken. (matchLine's shortcuts: test/troubleshoot/match-line.property.test.ts.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { SearchEngine } from '../../src/search/search.js';
import { articleReader, fakeArticle } from '../support/articles.js';

/** Made-up words, so stemming and stop words leave them whole; the first ones are the commonest. */
const VOCABULARY = Array.from({ length: 40 }, (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);

/** A word drawn with Zipf-like weights: word i about 1/(i+1) as often as the first. */
const word = fc.integer({ min: 0, max: 999 }).map((r) => {
  const u = r / 1000;
  return VOCABULARY[Math.min(VOCABULARY.length - 1, Math.floor(Math.exp(u * Math.log(VOCABULARY.length + 1)) - 1))];
});

const corpus = fc.array(fc.array(word, { minLength: 1, maxLength: 12 }), { minLength: 5, maxLength: 40 });

function engineOf(docs: string[][], tuning = {}): SearchEngine {
  const articles = docs.map((words, i) => fakeArticle(200000 + i, `article ${i}`, { symptoms: words.join(' ') }));
  const index = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' });
  return new SearchEngine(index, articleReader(articles), tuning);
}

describe('search/shortcuts', () => {
  it('an any-word search finds every article holding at least half of the words, scored as by a full scan', () => {
    fc.assert(
      fc.property(corpus, fc.uniqueArray(word, { minLength: 2, maxLength: 8 }), (docs, query) => {
        const q = query.join(' ');
        // Ratio 0: no word counts as rare, so only the rarer half (and one more) supplies documents. Ratio 1: all do.
        const seeded = engineOf(docs, { anyWordSeedRatio: 0, anyWordSeedMinPostings: 0 }).search(q, { limit: 100, noExcerpts: true });
        const full = engineOf(docs, { anyWordSeedRatio: 1 }).search(q, { limit: 100, noExcerpts: true });
        assert.equal(seeded.mode, full.mode);
        if (full.mode !== 'any') {
          assert.deepEqual(seeded.results, full.results);
          return;
        }
        const held = (id: string) => query.filter((w) => docs[Number(id.slice(1)) - 200000].includes(w)).length;
        const seededById = new Map(seeded.results.map((r) => [r.id, r.score]));
        for (const r of full.results) {
          if (held(r.id) * 2 >= query.length) assert.equal(seededById.get(r.id), r.score, `${r.id} holds half of "${q}"`);
        }
        const fullById = new Map(full.results.map((r) => [r.id, r.score]));
        for (const r of seeded.results) assert.equal(r.score, fullById.get(r.id), `${r.id} scores as in the full scan`);
      }),
      { numRuns: 150 },
    );
  });

  it('an any-word search whose rarer words find nothing the filters keep falls back to every word', () => {
    // qqcommon in every article; the rarer two only in article 0, which is about another product; none holds zzmissing.
    const docs = [['xxrare', 'wwother', 'qqcommon'], ['qqcommon'], ['qqcommon'], ['qqcommon']];
    const articles = docs.map((words, i) => fakeArticle(200000 + i, `article ${i}`, { symptoms: words.join(' ') }, i === 0 ? { category: 'exchange', products: ['Microsoft Exchange Server'] } : {}));
    const index = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' });
    const engine = new SearchEngine(index, articleReader(articles), { anyWordSeedRatio: 0, anyWordSeedMinPostings: 0 });
    const unfiltered = engine.search('xxrare qqcommon wwother zzmissing');
    assert.equal(unfiltered.mode, 'any');
    assert.deepEqual(unfiltered.results.map((r) => r.id), ['Q200000'], 'only the article holding the rarer words');
    const filtered = engine.search('xxrare qqcommon wwother zzmissing', { filters: { product: 'sms' } });
    assert.equal(filtered.mode, 'any');
    assert.deepEqual(new Set(filtered.results.map((r) => r.id)), new Set(['Q200001', 'Q200002', 'Q200003']));
    // The shared score arrays are clean afterwards: the same search again gives the same answer.
    assert.deepEqual(engine.search('xxrare qqcommon wwother zzmissing'), unfiltered);
  });
});
