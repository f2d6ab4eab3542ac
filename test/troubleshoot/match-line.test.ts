import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { termsOf } from '../../src/search-index/analyze.js';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { SearchEngine } from '../../src/search/search.js';
import { matchLine } from '../../src/troubleshoot/match-line.js';
import { articleReader, fakeArticle } from '../support/articles.js';

const articles = [
  fakeArticle(120001, 'Despooler stops on an instruction file', { symptoms: 'The despooler logs: failed to open the instruction file on the site server.' }),
  fakeArticle(120002, 'Printer queue shows wrong status', { symptoms: 'The print queue reports an offline printer although it prints.' }),
  fakeArticle(120003, 'Backup of the information store fails', { symptoms: 'The backup stops with a checksum error on a database page.' }),
];
const engine = new SearchEngine(buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' }), articleReader(articles));

describe('troubleshoot/match-line', () => {
  it('measures how much of a line an article holds', () => {
    const m = matchLine(engine, 'failed to open the instruction file on the server', { maxDfRatio: 1 });
    assert.equal(m[0].id, 'Q120001');
    assert.ok(m[0].coverage > 0.5, `coverage ${m[0].coverage}`);
  });

  it('counts the adjacent word pairs an article holds in the same order', () => {
    const inOrder = matchLine(engine, 'instruction file', { maxDfRatio: 1 })[0];
    const reversed = matchLine(engine, 'file instruction', { maxDfRatio: 1 })[0];
    assert.equal(inOrder.pairs, 1);
    assert.equal(reversed.pairs, 0);
  });

  it("leaves the engine's score arrays clean: a search after it answers as before it", () => {
    const before = engine.search('offline printer');
    matchLine(engine, 'checksum error on a database page', { maxDfRatio: 1 });
    assert.deepEqual(engine.search('offline printer'), before);
  });

  it('finds nothing in an article the engine hides', () => {
    assert.equal(matchLine(engine, 'failed to open the instruction file', { maxDfRatio: 1 })[0].id, 'Q120001');
    engine.hide(new Set([engine.docOf('Q120001')!]));
    try {
      const ids = matchLine(engine, 'failed to open the instruction file', { maxDfRatio: 1 }).map((m) => m.id);
      assert.ok(!ids.includes('Q120001'), `found ${ids.join(', ')}`);
    } finally {
      engine.hide(new Set());
    }
  });
});

describe('troubleshoot/match-line: what a match counts', () => {
  // 30 articles: 25 fillers of common words, and five holding rarer words (despooler in 3, instruction in 2, file and wombat in 1).
  const fillers = Array.from({ length: 25 }, (_, i) => fakeArticle(130100 + i, `Filler ${i}`, { symptoms: 'alpha beta gamma delta' }));
  const corpus = [
    ...fillers,
    fakeArticle(130001, 'One', { symptoms: 'alpha beta despooler instruction file wombat' }),
    fakeArticle(130002, 'Two', { symptoms: 'alpha beta despooler instruction' }),
    fakeArticle(130003, 'Three', { symptoms: 'alpha beta despooler mailbox' }),
    fakeArticle(130004, 'Four', { symptoms: 'alpha beta sender mailbox' }),
    fakeArticle(130005, 'Five', { symptoms: 'alpha beta sender queue' }),
  ];
  const kb = new SearchEngine(buildIndex(corpus.map(indexedDocumentOf), corpus.length, { sourceHash: 't' }), articleReader(corpus));
  const idf = (word: string) => kb.idfOf(termsOf(word)[0]);
  const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) < 1e-9, `${what}: ${got}, not ${want}`);

  it('skips words more than maxDfRatio of the articles hold, keeping any word two articles hold', () => {
    // 4% of 30 is 1 article; the floor of 2 keeps instruction (2 articles) and skips despooler (3).
    assert.deepEqual(
      matchLine(kb, 'despooler instruction')
        .map((m) => [m.id, m.terms])
        .sort(),
      [
        ['Q130001', 1],
        ['Q130002', 1],
      ],
    );
    assert.equal(matchLine(kb, 'despooler instruction', { maxDfRatio: 0.1 })[0].terms, 2, '10% of 30 is 3: despooler counts');
    assert.deepEqual(matchLine(kb, 'alpha beta gamma'), [], 'a line of common words matches nothing');
  });

  it('gives matched, coverage, strong and strength: idf held, its share, the articles holding 80%, matched × coverage² / √strong', () => {
    const [one, two] = matchLine(kb, 'instruction file wombat');
    const total = idf('instruction') + idf('file') + idf('wombat');
    assert.deepEqual([one.id, two.id, one.terms, one.strong], ['Q130001', 'Q130002', 3, 1]);
    close(one.matched, total, 'matched');
    close(one.coverage, 1, 'coverage');
    close(one.strength, total, 'strength');
    close(two.matched, idf('instruction'), 'matched');
    close(two.coverage, idf('instruction') / total, 'coverage');
    close(two.strength, (idf('instruction') * (idf('instruction') / total) ** 2) / 1, 'strength');
    const shared = matchLine(kb, 'instruction');
    assert.deepEqual(
      shared.map((m) => m.strong),
      [2, 2],
    );
    close(shared[0].strength, idf('instruction') / Math.SQRT2, 'strength shared by two strong articles');
  });

  it('reads each word of the line once', () => {
    const [m] = matchLine(kb, 'file file wombat file');
    assert.equal(m.terms, 2);
    close(m.matched, idf('file') + idf('wombat'), 'matched');
  });

  it('reads whole words only: file.ins is not the word file', () => {
    assert.deepEqual(matchLine(kb, 'file.ins'), []);
  });

  it('reads the rarest maxTerms words of the line', () => {
    const [m] = matchLine(kb, 'instruction mailbox file wombat', { maxTerms: 2 });
    assert.equal(m.terms, 2);
    assert.equal(m.id, 'Q130001');
    close(m.matched, idf('file') + idf('wombat'), 'the two rarest words, not the first two');
  });

  it('returns at most limit articles, most matched first', () => {
    const all = matchLine(kb, 'wombat instruction mailbox sender', { limit: 10 });
    assert.deepEqual(
      all.map((m) => m.id),
      ['Q130001', 'Q130004', 'Q130002', 'Q130003', 'Q130005'],
    );
    assert.deepEqual(
      matchLine(kb, 'wombat instruction mailbox sender', { limit: 2 }).map((m) => m.id),
      ['Q130001', 'Q130004'],
    );
  });

  it('counts each word pair once, and only pairs holding a word it reads', () => {
    // alpha beta: both too common, not a pair that counts; beta despooler counts once despooler is read.
    assert.equal(matchLine(kb, 'alpha beta despooler', { maxDfRatio: 0.1 })[0].pairCount, 1);
    const twice = matchLine(kb, 'despooler instruction, despooler instruction', { maxDfRatio: 0.1 });
    assert.deepEqual([twice[0].pairCount, twice[0].pairs], [1, 1]);
  });

  it('ignores words the index does not hold', () => {
    assert.deepEqual(matchLine(kb, 'instruction file wombat zzqqx'), matchLine(kb, 'instruction file wombat'));
  });

  it('ranks articles holding as much of the line by the search score: the shorter article first', () => {
    assert.deepEqual(
      matchLine(kb, 'instruction').map((m) => m.id),
      ['Q130002', 'Q130001'],
    );
  });

  it('counts the pairs an article holds among the pairs the index has', () => {
    const line = matchLine(kb, 'despooler instruction file', { maxDfRatio: 0.1 });
    assert.deepEqual(
      line.map((m) => [m.id, m.pairs, m.pairCount]),
      [
        ['Q130001', 2, 2],
        ['Q130002', 1, 2],
        ['Q130003', 0, 2],
      ],
    );
    assert.equal(matchLine(kb, 'beta gamma despooler', { maxDfRatio: 0.1 })[0].pairCount, 0, 'beta gamma: neither word read');
  });

  it('finds an article at exactly minStrength, and returns nothing when no article can reach it', () => {
    const [best] = matchLine(kb, 'instruction file wombat');
    assert.equal(matchLine(kb, 'instruction file wombat', { minStrength: best.strength })[0]?.id, 'Q130001');
    assert.deepEqual(matchLine(kb, 'instruction file wombat', { minStrength: best.strength * 1.01 }), []);
    assert.equal(matchLine(kb, 'instruction file wombat', { minCoverage: 1 })[0]?.id, 'Q130001');
  });

  it('still finds the other articles while one is hidden, counting strong ones without it', () => {
    kb.hide(new Set([kb.docOf('Q130001')!]));
    try {
      const m = matchLine(kb, 'instruction');
      assert.deepEqual(
        m.map((x) => [x.id, x.strong]),
        [['Q130002', 1]],
      );
    } finally {
      kb.hide(new Set());
    }
  });
});
