import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeStrings, StringTable } from '../../src/search-index/string-table.js';

const tableOf = (strings: string[]) => {
  const { blob, starts } = encodeStrings(strings);
  return new StringTable(blob, starts);
};

describe('search-index/string-table', () => {
  it('gives back each string by position, and all of them split at once', () => {
    const strings = ['', 'despool', 'zürich', '日本語', '😀 face', 'x'];
    const table = tableOf(strings);
    assert.equal(table.length, strings.length);
    assert.deepEqual(
      strings.map((_, i) => table.at(i)),
      strings,
    );
    assert.deepEqual(table.all(), strings);
  });

  it('holds no strings when given none', () => {
    const table = tableOf([]);
    assert.equal(table.length, 0);
    assert.deepEqual(table.all(), []);
    assert.equal(table.find('a'), -1);
  });

  it("finds strings in JavaScript's sort order, astral characters included (UTF-16, not code point, order)", () => {
    // U+FF5E sorts after U+1F600 by code point but before it in UTF-16 (0xD83D...): the table must agree with sort().
    const strings = ['\uff5e', '\u{1f600}', 'a', 'ab', 'b', 'abc', 'é'].sort();
    const table = tableOf(strings);
    strings.forEach((s, i) => assert.equal(table.find(s), i, s));
    assert.equal(table.find('aa'), -1);
    assert.equal(table.lowerBound('aa'), strings.indexOf('ab'));
    assert.equal(table.lowerBound('zzz'), strings.indexOf('é'));
  });
});
