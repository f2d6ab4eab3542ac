import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { FIELDS } from '../../src/search-index/index-data.js';
import { ScoreAccumulator, creditOf, popcount, type Clause } from '../../src/search/score-accumulator.js';
import { fakeArticle } from '../support/articles.js';

// Made-up words: stemming and stop words leave them whole.
const docs = [['zqalpha', 'zqbeta'], ['zqalpha'], ['zqbeta', 'zqgamma'], ['zqalpha', 'zqbeta', 'zqgamma']];
const articles = docs.map((words, i) => fakeArticle(300000 + i, `article ${i}`, { symptoms: words.join(' ') }));
const index = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' });
const idfs = Float64Array.from(index.df, () => 1);
const clause = (word: string): Clause => ({ label: word, alternatives: [{ term: index.termIds.get(word)!, weight: 1 }], required: true });
const touchedDocs = (acc: ScoreAccumulator, n: number) => [...acc.touched.slice(0, n)].sort();

describe('search/score-accumulator', () => {
  it('a growing step brings in every document holding the clause and sets its bit', () => {
    const acc = new ScoreAccumulator(
      index,
      idfs,
      FIELDS.map(() => 1),
    );
    const n = acc.run([{ clause: clause('zqalpha'), bit: 1, grow: true }]);
    assert.deepEqual(touchedDocs(acc, n), [0, 1, 3]);
    for (const d of [0, 1, 3]) assert.equal(acc.masks[d], 1);
    acc.reset(n);
  });

  it('a step that does not grow only adds to the documents already touched', () => {
    const acc = new ScoreAccumulator(
      index,
      idfs,
      FIELDS.map(() => 1),
    );
    const n = acc.run([
      { clause: clause('zqalpha'), bit: 1, grow: true },
      { clause: clause('zqgamma'), bit: 2, grow: false },
    ]);
    assert.deepEqual(touchedDocs(acc, n), [0, 1, 3]);
    assert.equal(acc.masks[3], 3);
    assert.equal(acc.masks[2], 0, 'document 2 holds only zqgamma: not brought in');
    acc.reset(n);
  });

  it('a pruning step drops the documents lacking its clause, and clears them', () => {
    const acc = new ScoreAccumulator(
      index,
      idfs,
      FIELDS.map(() => 1),
    );
    const n = acc.run([
      { clause: clause('zqalpha'), bit: 1, grow: true },
      { clause: clause('zqbeta'), bit: 2, grow: false, prune: true },
    ]);
    assert.deepEqual(touchedDocs(acc, n), [0, 3]);
    assert.equal(acc.scores[1], 0);
    assert.equal(acc.masks[1], 0);
    acc.reset(n);
  });

  it('returns 0 as soon as pruning leaves no document', () => {
    const acc = new ScoreAccumulator(
      index,
      idfs,
      FIELDS.map(() => 1),
    );
    const n = acc.run([
      { clause: clause('zqalpha'), bit: 1, grow: true },
      { clause: clause('zqgamma'), bit: 2, grow: false, prune: true },
      { clause: { label: 'none', alternatives: [], required: true }, bit: 4, grow: false, prune: true },
    ]);
    assert.equal(n, 0);
    assert.ok(acc.scores.every((s) => s === 0) && acc.masks.every((m) => m === 0), 'nothing is left behind');
  });

  it('reset leaves every score and mask at zero for the next caller', () => {
    const acc = new ScoreAccumulator(
      index,
      idfs,
      FIELDS.map(() => 1),
    );
    const n = acc.run([
      { clause: clause('zqbeta'), bit: 1, grow: true },
      { clause: clause('zqgamma'), bit: 2, grow: true },
    ]);
    assert.ok(n > 0);
    acc.reset(n);
    assert.ok(acc.scores.every((s) => s === 0) && acc.masks.every((m) => m === 0));
  });

  it('holds() finds a term in any field of a document', () => {
    const acc = new ScoreAccumulator(
      index,
      idfs,
      FIELDS.map(() => 1),
    );
    assert.equal(acc.holds(index.termIds.get('zqgamma')!, 2), true);
    assert.equal(acc.holds(index.termIds.get('zqgamma')!, 1), false);
  });

  it("a term's bound is the most one document gets from it, not each field's best summed", () => {
    // zqdelta: alone in article 4's title, and alone in article 5's symptoms; no article has it in both.
    const own = [fakeArticle(300010, 'zqdelta', { symptoms: 'other words here' }), fakeArticle(300011, 'plain title', { symptoms: 'zqdelta' })];
    const small = buildIndex(own.map(indexedDocumentOf), own.length, { sourceHash: 't' });
    const acc = new ScoreAccumulator(
      small,
      Float64Array.from(small.df, () => 1),
      FIELDS.map((f) => (f === 'title' ? 4 : 2)),
    );
    const delta: Clause = { label: 'zqdelta', alternatives: [{ term: small.termIds.get('zqdelta')!, weight: 1 }], required: true };
    const n = acc.run([{ clause: delta, bit: 1, grow: true }]);
    // Each article holds it in one field: their scores are the title's best and the symptoms' best.
    const [inTitle, inSymptoms] = [acc.scores[0], acc.scores[1]];
    acc.reset(n);
    assert.equal(acc.boundOf(delta.alternatives[0]), Math.max(inTitle, inSymptoms));
    assert.ok(acc.boundOf(delta.alternatives[0]) < inTitle + inSymptoms);
  });

  it('weightOf gives what a step adds to one document, and the best credit of its matches', () => {
    const acc = new ScoreAccumulator(
      index,
      idfs,
      FIELDS.map((_, i) => i + 1),
      FIELDS.map((f) => (f === 'title' ? 1 : 0.5)),
    );
    const beta = clause('zqbeta');
    const n = acc.run([{ clause: beta, bit: 1, grow: true, info: 1 }]);
    for (const d of [0, 2, 3]) {
      assert.equal(acc.weightOf(beta, d), acc.scores[d], `article ${d}`);
      assert.equal(acc.matchCredit, acc.covered[d], 'the words are in the symptoms: half credit');
    }
    assert.equal(acc.weightOf(beta, 1), 0, 'article 1 lacks zqbeta');
    assert.equal(acc.matchCredit, 0);
    acc.reset(n);
  });

  it('with a length credit power, a match in a long field covers less of its word than one in a short field', () => {
    // zqepsilon once in a one-line SYMPTOMS (weight above 1) and once among 60 other words (weight well below 1).
    const filler = Array.from({ length: 60 }, (_, i) => `zqfill${i}`).join(' ');
    const own = [fakeArticle(300020, 'short', { symptoms: 'zqepsilon here' }), fakeArticle(300021, 'long', { symptoms: `zqepsilon ${filler}` })];
    const small = buildIndex(own.map(indexedDocumentOf), own.length, { sourceHash: 't' });
    const epsilon: Clause = { label: 'zqepsilon', alternatives: [{ term: small.termIds.get('zqepsilon')!, weight: 1 }], required: true };
    const covered = (power: number) => {
      const acc = new ScoreAccumulator(
        small,
        Float64Array.from(small.df, () => 1),
        FIELDS.map(() => 1),
        FIELDS.map(() => 1),
        power,
      );
      const n = acc.run([{ clause: epsilon, bit: 1, grow: true, info: 1 }]);
      const shares = [acc.covered[0], acc.covered[1]];
      // Looking the clause up gives the step's credit, so MaxScore's completed scores stay exact.
      for (const d of [0, 1]) {
        acc.weightOf(epsilon, d);
        assert.equal(acc.matchCredit, shares[d], `power ${power}, article ${d}`);
      }
      acc.reset(n);
      return shares;
    };
    assert.deepEqual(covered(0), [1, 1], 'off: every match covers its whole share');
    const [short, long] = covered(0.5);
    assert.equal(short, 1, 'a weight above 1 keeps the whole share');
    assert.ok(long < 0.9, `the long field's match keeps part of it (${long})`);
    // Power 0.5 keeps the square root of the posting's weight, power 2 its square.
    const [, longer] = covered(2);
    assert.ok(Math.abs(long ** 4 - longer) < 1e-6, `${long}⁴ = ${longer}`);
  });

  it("a clause's credit is its own, else its weight up to 1", () => {
    assert.equal(creditOf({ term: 0, weight: 0.3 }), 0.3);
    assert.equal(creditOf({ term: 0, weight: 2 }), 1);
    assert.equal(creditOf({ term: 0, weight: 0.3, credit: 0.8 }), 0.8);
  });

  it('without field credits, every field gives a match its whole credit', () => {
    const acc = new ScoreAccumulator(
      index,
      idfs,
      FIELDS.map(() => 1),
    );
    const n = acc.run([{ clause: clause('zqgamma'), bit: 1, grow: true, info: 2 }]);
    assert.deepEqual(touchedDocs(acc, n), [2, 3]);
    assert.equal(acc.covered[2], 2);
    assert.equal(acc.covered[3], 2);
    acc.reset(n);
  });

  // The first posting of the whole index (position 0) is a match like any other: the first term of the first
  // article's title. Forty more articles hold that word, so adding it to the one article a rare word brought in
  // looks the article up (binary search) rather than walking forty postings.
  const first = [
    fakeArticle(300100, 'zqone', { symptoms: 'zqrare' }),
    fakeArticle(300101, 'zqtwo', { symptoms: 'plain' }),
    ...Array.from({ length: 40 }, (_, i) => fakeArticle(300200 + i, `other ${i}`, { symptoms: 'zqone here' })),
  ];
  const firstIndex = buildIndex(first.map(indexedDocumentOf), first.length, { sourceHash: 't' });
  const term = (w: string) => firstIndex.termIds.get(w)!;
  const firstClause = (w: string): Clause => ({ label: w, alternatives: [{ term: term(w), weight: 1 }], required: true });

  it('finds a match at the first posting of the index, walking, looking up or asked', () => {
    assert.equal(term('zqone'), 0, 'zqone is the first term');
    assert.equal(firstIndex.postings[0], 0);
    const acc = new ScoreAccumulator(
      firstIndex,
      Float64Array.from(firstIndex.df, () => 1),
      FIELDS.map((f) => (f === 'title' ? 4 : 1)),
    );
    assert.equal(acc.holds(term('zqone'), 0), true);
    const asked = acc.weightOf(firstClause('zqone'), 0);
    assert.ok(asked > 0);
    const n = acc.run([
      { clause: firstClause('zqrare'), bit: 1, grow: true },
      { clause: firstClause('zqone'), bit: 2, grow: false },
    ]);
    assert.deepEqual(touchedDocs(acc, n), [0]);
    assert.equal(acc.masks[0], 3);
    const rareOnly = acc.weightOf(firstClause('zqrare'), 0);
    assert.ok(Math.abs(acc.scores[0] - (rareOnly + asked)) < 1e-9, `${acc.scores[0]} = ${rareOnly} + ${asked}`);
    acc.reset(n);
  });

  it("holds() does not read the next term's postings for a term the document lacks", () => {
    const acc = new ScoreAccumulator(
      firstIndex,
      Float64Array.from(firstIndex.df, () => 1),
      FIELDS.map(() => 1),
    );
    // The term numbered just before zqtwo is one of the first article's; zqtwo is in the second's title.
    const before = term('zqtwo') - 1;
    const F = FIELDS.length;
    const postingsOfBefore = [...firstIndex.postings.slice(firstIndex.offsets[before * F], firstIndex.offsets[before * F + F])];
    assert.ok(!postingsOfBefore.includes(1), 'the second article lacks it');
    assert.equal(acc.holds(before, 1), false);
    assert.equal(acc.holds(term('zqtwo'), 1), true);
  });

  it('popcount counts the bits of a 32-bit mask', () => {
    assert.deepEqual([0, 1, 3, 0x80000000, 0xffffffff].map(popcount), [0, 1, 2, 1, 32]);
  });
});
