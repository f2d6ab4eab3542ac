import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TERMS, SortedTermLookup, idf, pairIdOf, pairKey, termsWithPrefix, type TermLookup } from '../../src/search-index/index-data.js';

/** Terms in the order a build numbered them, and their ids sorted by term (as a saved index keeps them). */
function sortedOf(terms: string[]): Uint32Array {
  return Uint32Array.from(terms.map((_, i) => i).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0)));
}

describe('search-index/index-data: idf', () => {
  it("is lunr's ln(1 + |(N - df + 0.5) / (df + 0.5)|)", () => {
    assert.equal(idf(1, 10), Math.log(1 + 9.5 / 1.5));
    assert.equal(idf(10, 10), Math.log(1 + 0.5 / 10.5));
    // More articles than the count (an overlay's df against the archive's): the absolute value keeps it positive.
    assert.equal(idf(12, 10), Math.log(1 + 1.5 / 12.5));
    assert.ok(idf(1, 1000) > idf(2, 1000));
  });
});

describe('search-index/index-data: SortedTermLookup', () => {
  const terms = ['spool', 'alpha', 'zeta', 'mid', 'beta', 'omega', 'gamma'];
  const lookup = new SortedTermLookup(terms, sortedOf(terms));

  it('finds every term by binary search, and gives its id', () => {
    terms.forEach((t, id) => assert.equal(lookup.get(t), id, t));
    terms.forEach((t) => assert.equal(lookup.has(t), true, t));
  });

  it('finds nothing for a term it does not hold, before, between or after the others', () => {
    for (const t of ['aaa', 'alphb', 'n', 'zzz', '', 'Spool']) {
      assert.equal(lookup.get(t), undefined, t);
      assert.equal(lookup.has(t), false, t);
    }
  });

  it('answers the same when asked again (remembered answers, found or not)', () => {
    const again = new SortedTermLookup(terms, sortedOf(terms));
    for (let round = 0; round < 3; round++) {
      assert.equal(again.get('zeta'), 2);
      assert.equal(again.get('nope'), undefined);
      assert.equal(again.has('nope'), false);
    }
  });

  it('keeps answering right after its memory is cleared at MEMO_LIMIT', () => {
    const many = Array.from({ length: 300 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    const big = new SortedTermLookup(many, sortedOf(many));
    for (let i = 0; i < SortedTermLookup.MEMO_LIMIT + 10; i++) big.get(`missing${i}`);
    assert.equal(big.get('t123'), 123);
    assert.equal(big.get('t299'), 299);
    assert.equal(big.get('missing5'), undefined);
  });

  it('holds nothing when empty', () => {
    const none = new SortedTermLookup([], new Uint32Array(0));
    assert.equal(none.get('a'), undefined);
  });
});

describe('search-index/index-data: pairs', () => {
  it('packs two term ids into one exact number, the first weighing MAX_TERMS', () => {
    assert.equal(MAX_TERMS, 2 ** 24);
    assert.equal(pairKey(0, 5), 5);
    assert.equal(pairKey(3, 5), 3 * 2 ** 24 + 5);
    assert.notEqual(pairKey(1, 0), pairKey(0, 1));
    assert.equal(pairKey(MAX_TERMS - 1, MAX_TERMS - 1), (MAX_TERMS - 1) * MAX_TERMS + MAX_TERMS - 1);
  });

  it('finds the id of a pair of term strings only when both terms and the pair are held', () => {
    const termIds = new Map([
      ['print', 0],
      ['spool', 1],
    ]);
    const pairIds = new Map([[pairKey(0, 1), 7]]);
    const index = { termIds, pairIds } as unknown as Parameters<typeof pairIdOf>[0];
    assert.equal(pairIdOf(index, 'print', 'spool'), 7);
    assert.equal(pairIdOf(index, 'spool', 'print'), undefined);
    assert.equal(pairIdOf(index, 'print', 'nope'), undefined);
    assert.equal(pairIdOf(index, 'nope', 'spool'), undefined);
  });
});

describe('search-index/index-data: termsWithPrefix', () => {
  const terms = ['prints', 'spool', 'print', 'printer', 'pri', 'prz', 'apr', 'printing'];
  const df = Uint32Array.from([5, 9, 40, 12, 1, 3, 2, 12]);
  const index = { terms, termIds: new Map(terms.map((t, i) => [t, i])) as TermLookup, sortedTerms: sortedOf(terms), df };

  it('gives the terms starting with the prefix, most frequent first, at most `limit`', () => {
    const found = termsWithPrefix(index, 'print', 10).map((i) => terms[i]);
    assert.deepEqual(found.slice(0, 1), ['print']);
    assert.deepEqual(new Set(found.slice(1, 3)), new Set(['printer', 'printing']));
    assert.deepEqual(found.slice(3), ['prints']);
    assert.deepEqual(
      termsWithPrefix(index, 'print', 1).map((i) => terms[i]),
      ['print'],
    );
    assert.deepEqual(
      termsWithPrefix(index, 'pr', 10).map((i) => terms[i]),
      ['print', 'printer', 'printing', 'prints', 'prz', 'pri'],
    );
  });

  it('finds nothing for a prefix no term starts with', () => {
    assert.deepEqual(termsWithPrefix(index, 'q', 5), []);
    assert.deepEqual(termsWithPrefix(index, 'zz', 5), []);
    assert.deepEqual(termsWithPrefix(index, 'pra', 5), []);
  });

  it('reads at most 500 candidates before ranking them', () => {
    const many = Array.from({ length: 600 }, (_, i) => `w${String(i).padStart(3, '0')}`);
    // The last term in sorted order is the most frequent: past the 500 read, so it is not found.
    const manyDf = Uint32Array.from(many, (_, i) => (i === 599 ? 1000 : 1));
    const big = { terms: many, termIds: new Map(many.map((t, i) => [t, i])) as TermLookup, sortedTerms: sortedOf(many), df: manyDf };
    const found = termsWithPrefix(big, 'w', 600);
    assert.equal(found.length, 500);
    assert.ok(!found.includes(599));
  });

  it('lets a look-up that answers prefixes itself answer', () => {
    const asked: [string, number][] = [];
    const own: TermLookup = {
      get: () => undefined,
      has: () => false,
      startingWith: (prefix, limit) => {
        asked.push([prefix, limit]);
        return [42];
      },
    };
    assert.deepEqual(termsWithPrefix({ ...index, termIds: own }, 'pr', 3), [42]);
    assert.deepEqual(asked, [['pr', 3]]);
  });
});
