import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DocMeta } from '../../src/search-index/index-data.js';
import { shareRepeatedValues, shareRepeatedValuesSoon } from '../../src/search-index/share-values.js';

/** A document as the saved index's JSON gives it: every list an array of its own. */
function doc(id: string, over: Partial<DocMeta> = {}): DocMeta {
  return {
    id,
    number: Number(id.slice(1)),
    title: `Title of ${id}`,
    product: 'sms',
    products: ['Microsoft Systems Management Server'],
    versions: ['sms:1.2', 'winnt:3.51'],
    versionOwners: ['sms', 'winnt'],
    issueType: 'kbbug',
    fixState: 'confirmed',
    lastModified: '1999-04-21',
    codes: [],
    ...over,
  };
}

/** The same documents again, built apart, so no list or value is shared with them. */
const copyOf = (docs: DocMeta[]): DocMeta[] => JSON.parse(JSON.stringify(docs)) as DocMeta[];

describe('search-index/share-values', () => {
  it('points equal lists of different documents at one array, and leaves every document equal to what it was', () => {
    const docs = [doc('Q100001'), doc('Q100002'), doc('Q100003', { codes: ['win32:32'] }), doc('Q100004', { codes: ['win32:32'] })];
    const before = copyOf(docs);
    assert.notEqual(docs[0].products, docs[1].products);
    shareRepeatedValues(docs);
    assert.deepEqual(docs, before);
    for (const field of ['products', 'versions', 'versionOwners'] as const) {
      assert.ok(
        docs.every((m) => m[field] === docs[0][field]),
        `${field}: one array for all four`,
      );
    }
    assert.equal(docs[0].codes, docs[1].codes, 'empty lists are one array');
    assert.equal(docs[2].codes, docs[3].codes);
    assert.notEqual(docs[1].codes, docs[2].codes);
  });

  it('keeps lists apart that only look alike once joined: a one-value list against a longer one, or another order', () => {
    const docs = [
      doc('Q100001', { products: ['["a","b"]'] }),
      doc('Q100002', { products: ['a', 'b'] }),
      doc('Q100003', { products: ['b', 'a'] }),
      doc('Q100004', { products: ['a\u0001b'] }),
      doc('Q100005', { products: ['a', 'b'] }),
    ];
    const before = copyOf(docs);
    shareRepeatedValues(docs);
    assert.deepEqual(docs, before);
    assert.equal(new Set(docs.map((m) => m.products)).size, 4);
    assert.equal(docs[1].products, docs[4].products);
  });

  it('leaves absent values absent (no owners, no product, no issue type, no date)', () => {
    const bare: DocMeta = { id: 'Q100009', number: 100009, title: 't', products: [], versions: [], fixState: 'none', codes: [] };
    const { product: _, ...noProduct } = doc('Q100001');
    const docs = [bare, noProduct];
    const before = copyOf(docs);
    shareRepeatedValues(docs);
    assert.deepEqual(docs, before);
    assert.equal('versionOwners' in docs[0], false);
  });

  it('in the background: shares every document however many turns of the loop it takes, after serving goes on', async () => {
    const docs = Array.from({ length: 5003 }, (_, i) => doc(`Q${200000 + i}`, { codes: i % 2 ? ['win32:5'] : [] }));
    const before = copyOf(docs);
    let done = false;
    // Its timers do not keep a process alive (a command may exit meanwhile): this one does, as a server's socket would.
    const alive = setInterval(() => {}, 1000);
    const sharing = shareRepeatedValuesSoon(docs, 0).then(() => (done = true));
    assert.equal(done, false, 'nothing is done before the caller goes on');
    await sharing.finally(() => clearInterval(alive));
    assert.deepEqual(docs, before);
    assert.equal(new Set(docs.map((m) => m.versions)).size, 1, 'the last chunk is shared too');
    assert.equal(new Set(docs.map((m) => m.codes)).size, 2);
  });
});
