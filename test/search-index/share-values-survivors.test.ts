/**
 * search-index/share-values, what share-values.test.ts leaves unchecked: lists that begin with the same value but
 * differ after it stay apart, and the background sharing of fewer documents than one chunk. Over documents
 * written here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DocMeta } from '../../src/search-index/index-data.js';
import { shareRepeatedValues, shareRepeatedValuesSoon } from '../../src/search-index/share-values.js';

const doc = (n: number, over: Partial<DocMeta>): DocMeta => ({
  id: `Q${n}`,
  number: n,
  title: `Article ${n}`,
  products: [],
  versions: [],
  fixState: 'none',
  codes: [],
  ...over,
});

describe('search-index/share-values: lists alike at the start, and few documents', () => {
  it('keeps apart lists that begin with the same value, and shares a one-value list with its equal only', () => {
    const docs = [
      doc(1, { versions: ['gizmo:1.0', 'gizmo:2.0'] }),
      doc(2, { versions: ['gizmo:1.0', 'gizmo:3.0'] }),
      doc(3, { versions: ['gizmo:1.0'] }),
      doc(4, { versions: ['gizmo:1.0'] }),
    ];
    shareRepeatedValues(docs);
    assert.deepEqual(
      docs.map((d) => d.versions),
      [['gizmo:1.0', 'gizmo:2.0'], ['gizmo:1.0', 'gizmo:3.0'], ['gizmo:1.0'], ['gizmo:1.0']],
    );
    assert.equal(docs[2].versions, docs[3].versions);
  });

  it('shares the lists of fewer documents than one chunk in the background, and resolves', async () => {
    const docs = [doc(1, { codes: ['win32:5'] }), doc(2, { codes: ['win32:5'] }), doc(3, { codes: ['win32:6'] })];
    await shareRepeatedValuesSoon(docs, 0);
    assert.equal(docs[0].codes, docs[1].codes);
    assert.deepEqual(docs[2].codes, ['win32:6']);
  });
});
