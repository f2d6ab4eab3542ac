/**
 * matchLine's shortcuts find what a full scan finds: it stops collecting documents once the words left
 * cannot lift one to `minCoverage` (or to `minStrength`). Each is checked against the same engine with the
 * shortcut off, over random articles and lines drawn from a vocabulary of skewed frequencies (a few words
 * in most articles, most words in few), so both the shortcut and the full path are taken.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { SearchEngine } from '../../src/search/search.js';
import { matchLine } from '../../src/troubleshoot/match-line.js';
import { articleReader, fakeArticle } from '../support/articles.js';

/** Made-up words, so stemming and stop words leave them whole; the first ones are the commonest. */
const VOCABULARY = Array.from({ length: 40 }, (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);

/** A word drawn with Zipf-like weights: word i about 1/(i+1) as often as the first. */
const word = fc.integer({ min: 0, max: 999 }).map((r) => {
  const u = r / 1000;
  return VOCABULARY[Math.min(VOCABULARY.length - 1, Math.floor(Math.exp(u * Math.log(VOCABULARY.length + 1)) - 1))];
});

const corpus = fc.array(fc.array(word, { minLength: 1, maxLength: 12 }), { minLength: 5, maxLength: 40 });

function engineOf(docs: string[][]): SearchEngine {
  const articles = docs.map((words, i) => fakeArticle(200000 + i, `article ${i}`, { symptoms: words.join(' ') }));
  const index = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' });
  return new SearchEngine(index, articleReader(articles));
}

describe('troubleshoot/match-line shortcuts', () => {
  it('matchLine with minCoverage keeps every article reaching it, with the same figures', () => {
    fc.assert(
      fc.property(corpus, fc.array(word, { minLength: 1, maxLength: 10 }), fc.constantFrom(0.3, 0.5, 0.8), (docs, line, minCoverage) => {
        const engine = engineOf(docs);
        const text = line.join(' ');
        // maxDfRatio 1: in a corpus this small every word would otherwise be too common to count.
        const full = matchLine(engine, text, { limit: 100, maxDfRatio: 1 }).filter((m) => m.coverage >= minCoverage);
        const cut = matchLine(engine, text, { limit: 100, maxDfRatio: 1, minCoverage }).filter((m) => m.coverage >= minCoverage);
        assert.deepEqual(cut, full);
      }),
      { numRuns: 150 },
    );
  });

  it('matchLine with minStrength keeps every article reaching that strength, with the same figures', () => {
    fc.assert(
      fc.property(corpus, fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom(0.5, 1, 2, 4, 8, 16), (docs, line, minStrength) => {
        const engine = engineOf(docs);
        const text = line.join(' ');
        const full = matchLine(engine, text, { limit: 100, maxDfRatio: 1 });
        const cut = matchLine(engine, text, { limit: 100, maxDfRatio: 1, minStrength });
        const cutById = new Map(cut.map((m) => [m.id, m]));
        for (const m of full) if (m.strength >= minStrength) assert.deepEqual(cutById.get(m.id), m, `${m.id} is strong enough`);
        const fullById = new Map(full.map((m) => [m.id, m]));
        for (const m of cut) assert.deepEqual(m, fullById.get(m.id), `${m.id} is found as by the full scan`);
      }),
      { numRuns: 300 },
    );
  });
});
