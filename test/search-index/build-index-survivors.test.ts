/**
 * search-index/build-index, what the other build tests leave unchecked: progress every 1,000 documents, the
 * average field lengths given or worked out, each posting's BM25 weight, document frequencies counted once per
 * document, word pairs only in the paired fields, more terms than the first tables hold, an empty build and the
 * first size of the word-pair table. Over documents written here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex, type IndexedDocument } from '../../src/search-index/build-index.js';
import { BM25, FIELDS, pairKey, type DocMeta, type Field, type IndexData } from '../../src/search-index/index-data.js';

const F = FIELDS.length;
const meta = (n: number): DocMeta => ({ id: `Q${n}`, number: n, title: `Article ${n}`, products: [], versions: [], fixState: 'none', codes: [] });
const doc = (n: number, fields: Partial<Record<Field, string[]>>): IndexedDocument => ({ meta: meta(n), fields });
const fieldNo = (field: Field) => FIELDS.indexOf(field);

/** The postings of `term` in `field`: [document, weight] pairs. */
function postingsOf(index: IndexData, term: string, field: Field): [number, number][] {
  const id = index.termIds.get(term);
  assert.ok(id !== undefined, `the index holds ${term}`);
  const out: [number, number][] = [];
  for (let p = index.offsets[id * F + fieldNo(field)]; p < index.offsets[id * F + fieldNo(field) + 1]; p++) out.push([index.postings[p], index.weights[p]]);
  return out;
}
const bm25 = (tf: number, length: number, avg: number) => Math.fround(((BM25.k1 + 1) * tf) / (BM25.k1 * (1 - BM25.b + (BM25.b * length) / avg) + tf));

describe('search-index/build-index: progress, lengths, weights and sizes', () => {
  it('reports progress after every 1,000 documents and once at the end, with the total it was given', () => {
    const calls: [number, number][] = [];
    const docs = Array.from({ length: 2500 }, (_, i) => doc(i, { title: ['gear'] }));
    buildIndex(docs, 3000, { sourceHash: 't', onProgress: (done, total) => calls.push([done, total]) });
    assert.deepEqual(calls, [
      [1000, 3000],
      [2000, 3000],
      [2500, 3000],
    ]);
  });

  it('weighs each posting by BM25 from its term frequency and its field length against the average', () => {
    // Symptoms of 2, 4 and 6 words: an average of 4.
    const index = buildIndex(
      [
        doc(0, { symptoms: ['rotor', 'hums'] }),
        doc(1, { symptoms: ['rotor', 'rotor', 'rotor', 'whine'] }),
        doc(2, { symptoms: ['hums', 'a', 'b', 'c', 'd', 'e'] }),
      ],
      3,
      { sourceHash: 't' },
    );
    assert.equal(index.avgFieldLengths[fieldNo('symptoms')], 4);
    assert.equal(index.avgFieldLengths[fieldNo('title')], 0);
    assert.deepEqual(postingsOf(index, 'rotor', 'symptoms'), [
      [0, bm25(1, 2, 4)],
      [1, bm25(3, 4, 4)],
    ]);
    assert.deepEqual(postingsOf(index, 'hums', 'symptoms'), [
      [0, bm25(1, 2, 4)],
      [2, bm25(1, 6, 4)],
    ]);
  });

  it('weighs against the average field lengths it is given (an overlay against the archive), and returns them', () => {
    const given = FIELDS.map((_, f) => f + 2);
    const index = buildIndex([doc(0, { symptoms: ['rotor', 'hums'] })], 1, { sourceHash: 't', avgFieldLengths: given });
    assert.deepEqual(index.avgFieldLengths, given);
    assert.deepEqual(postingsOf(index, 'rotor', 'symptoms'), [[0, bm25(1, 2, given[fieldNo('symptoms')])]]);
  });

  it('counts a term once per document however many fields hold it', () => {
    const index = buildIndex([doc(0, { title: ['valve'], symptoms: ['valve', 'valve'], body: ['valve'] }), doc(1, { body: ['valve'] })], 2, {
      sourceHash: 't',
    });
    assert.equal(index.df[index.termIds.get('valve')!], 2);
    assert.deepEqual(postingsOf(index, 'valve', 'title'), [[0, bm25(1, 1, 0.5)]]);
  });

  it('pairs adjacent words in the paired fields only, and counts their documents too', () => {
    const index = buildIndex([doc(0, { title: ['drum', 'brake'], codes: ['c1', 'c2'] }), doc(1, { body: ['drum', 'brake'] })], 2, { sourceHash: 't' });
    const id = (t: string) => index.termIds.get(t)!;
    const pair = index.pairIds.get(pairKey(id('drum'), id('brake')));
    assert.ok(pair !== undefined);
    assert.equal(index.terms[pair], '');
    assert.equal(index.df[pair], 2);
    assert.equal(index.pairIds.get(pairKey(id('c1'), id('c2'))), undefined, 'codes are not a paired field');
    assert.equal(index.pairIds.get(pairKey(id('brake'), id('drum'))), undefined, 'a pair keeps its order');
    assert.equal(index.pairIds.size, 1);
  });

  it('holds more terms than its first tables (65,536), with their counts and postings', () => {
    const words = Array.from({ length: 70_000 }, (_, i) => `w${i}`);
    // The last word is in two fields of the second document: it counts once there, past the first tables too.
    const index = buildIndex([doc(0, { codes: words }), doc(1, { codes: words.slice(-3), body: ['w69999'] })], 2, { sourceHash: 't' });
    assert.equal(index.df.length, 70_000);
    assert.equal(index.df[index.termIds.get('w69999')!], 2);
    assert.equal(index.df[index.termIds.get('w65536')!], 1);
    assert.deepEqual(
      postingsOf(index, 'w69998', 'codes').map(([d]) => d),
      [0, 1],
    );
    assert.equal(index.offsets.length, 70_000 * F + 1);
    assert.equal(index.offsets[70_000 * F], index.postings.length);
  });

  it('builds an empty index from no documents', () => {
    const index = buildIndex([], 0, { sourceHash: 'none' });
    assert.deepEqual(
      index.avgFieldLengths,
      FIELDS.map(() => 0),
    );
    assert.deepEqual([...index.offsets], [0]);
    assert.equal(index.postings.length, 0);
    assert.equal(index.df.length, 0);
    assert.deepEqual(index.docs, []);
    assert.deepEqual(index.terms, []);
    assert.equal(index.sortedTerms.length, 0);
    assert.equal(index.sourceHash, 'none');
  });

  it('builds the same index when told of no articles (a total of 0) as when told how many', () => {
    const docs = [doc(0, { title: ['drum', 'brake'], symptoms: ['drum', 'rattles', 'loudly'] }), doc(1, { symptoms: ['brake', 'squeals'] })];
    const unknown = buildIndex(docs, 0, { sourceHash: 't' });
    const known = buildIndex(docs, docs.length, { sourceHash: 't' });
    for (const key of ['terms', 'df', 'offsets', 'postings', 'weights', 'sortedTerms', 'avgFieldLengths'] as const)
      assert.deepEqual(unknown[key], known[key], key);
    assert.deepEqual(unknown.avgFieldLengths.slice(0, 2), [1, 2.5]);
  });

  it('gives a word pair repeated in a field one posting, weighed by its count', () => {
    const index = buildIndex([doc(0, { title: ['drum', 'brake', 'drum', 'brake'] })], 1, { sourceHash: 't' });
    const pair = index.pairIds.get(pairKey(index.termIds.get('drum')!, index.termIds.get('brake')!))!;
    const title = fieldNo('title');
    const start = index.offsets[pair * F + title];
    assert.equal(index.offsets[pair * F + title + 1] - start, 1);
    assert.equal(index.weights[start], bm25(2, 4, 4));
    assert.equal(index.offsets[index.offsets.length - 1], index.postings.length);
  });

  it('sorts the one-word terms by their text, as `<` compares', () => {
    const index = buildIndex([doc(0, { codes: ['pear', 'Zebra', 'apple', 'b10', 'b9'] })], 1, { sourceHash: 't' });
    assert.deepEqual(
      Array.from(index.sortedTerms, (id) => index.terms[id]),
      ['Zebra', 'apple', 'b10', 'b9', 'pear'],
    );
  });

  for (const [total, slots] of [
    [0, 1 << 10],
    [1, 1 << 10],
    [3, 1 << 12],
    [300, 1 << 19],
    [1_000_000, 1 << 20],
  ] as const) {
    it(`starts its word-pair table at ${slots} slots for ${total} articles (a power of two, 1,024 pairs an article, at most 2^20)`, () => {
      assert.equal(buildIndex([], total, { sourceHash: 't' }).pairIds.keys.length, slots);
    });
  }
});
