/** search-index/pair-table: the word-pair key -> term id hash table the saved index keeps as two arrays. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PairTable, pairSlot } from '../../src/search-index/pair-table.js';

// Keys as pairKey() makes them: below 2^48, many above 2^32, and 0.
const keys = [0, 1, 2, 7, 2 ** 32, 2 ** 32 + 1, 3 * 2 ** 32, 2 ** 47 + 5, ...Array.from({ length: 500 }, (_, i) => (i + 1) * 2 ** 33 + (i % 7))];

describe('search-index/pair-table', () => {
  it('gives back every value set, growing from a small table, and nothing for a key never set', () => {
    const table = new PairTable(4);
    keys.forEach((k, i) => table.set(k, i + 10));
    assert.equal(table.size, keys.length);
    keys.forEach((k, i) => assert.equal(table.get(k), i + 10, `key ${k}`));
    for (const missing of [3, 2 ** 32 + 2, 2 ** 47, 123_456_789]) assert.equal(table.get(missing), undefined, `key ${missing}`);
  });

  it('keeps at most half its slots full, so a probe always ends at an empty one', () => {
    const table = new PairTable(8);
    for (let i = 0; i < 100; i++) {
      table.set(i * 2 ** 32, i);
      assert.ok(table.size * 2 <= table.keys.length, `${table.size} keys in ${table.keys.length} slots`);
    }
  });

  it('replaces the value of a key set again, without counting it twice', () => {
    const table = new PairTable(8);
    table.set(2 ** 40, 1);
    table.set(2 ** 40, 2);
    assert.equal(table.get(2 ** 40), 2);
    assert.equal(table.size, 1);
  });

  it('lists every entry once, and reads itself back from its two arrays', () => {
    const table = new PairTable(16);
    keys.forEach((k, i) => table.set(k, i));
    const entries = [...table.entries()].sort((a, b) => a[0] - b[0]);
    assert.deepEqual(
      entries,
      keys.map((k, i) => [k, i] as [number, number]).sort((a, b) => a[0] - b[0]),
    );
    const again = PairTable.fromArrays(table.keys, table.values);
    assert.equal(again.size, keys.length);
    keys.forEach((k, i) => assert.equal(again.get(k), i));
    assert.equal(PairTable.fromArrays(new Float64Array(8), new Uint32Array(8)).size, 0);
  });

  it('spreads keys that differ only above bit 32 over the slots (the high half is mixed in)', () => {
    const mask = (1 << 12) - 1;
    const slots = new Set(Array.from({ length: 1000 }, (_, i) => pairSlot(i * 2 ** 32 + 1) & mask));
    assert.ok(slots.size > 500, `${slots.size} slots for 1000 keys`);
  });
});
