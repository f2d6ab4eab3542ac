import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from '../../src/search/parse-query.js';
import { termOf, termsOf } from '../../src/search-index/analyze.js';

describe('search/parse-query', () => {
  const cases: [string, string, Partial<ReturnType<typeof parseQuery>>][] = [
    ['reads plain words', 'despooler error', { words: ['despooler', 'error'], phrases: [], excluded: [] }],
    ['reads a quoted phrase', 'sms "WIN32 ERROR = 32"', { words: ['sms'], phrases: ['WIN32 ERROR = 32'] }],
    ['reads an unclosed quote as a phrase to the end', 'x "cannot open', { words: ['x'], phrases: ['cannot open'] }],
    ['reads -word as an exclusion', 'despooler -lansend', { words: ['despooler'], excluded: ['lansend'] }],
    ['keeps a negative number as a word (JET error codes)', 'jet -1018', { words: ['jet', '-1018'], excluded: [] }],
    ['reads -"phrase" as an excluded phrase', 'error -"access denied"', { words: ['error'], excluded: ['access denied'] }],
    ['keeps a lone hyphen as a word that excludes nothing', 'a - b', { words: ['a', '-', 'b'], excluded: [] }],
    ['reads a trailing lone hyphen as a word, not an exclusion', 'despooler -', { words: ['despooler', '-'], excluded: [] }],
    [
      'splits words on any whitespace the analyzer splits on (em space, narrow no-break space)',
      'despooler\u2003instruction\u202ffile\u2028-lansend',
      { words: ['despooler', 'instruction', 'file'], excluded: ['lansend'] },
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const q = parseQuery(input);
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(q[k as keyof typeof q], v, k);
    });
  }

  it('treats a lone hyphen as nothing when searching: the analyzer reads no term from it', () => {
    assert.equal(termOf('-'), null);
    assert.deepEqual(
      parseQuery('a - b').words.flatMap((w) => termsOf(w)),
      termsOf('a b'),
    );
  });

  it('reads filters, quoted filter values and leaves unknown name:value as words', () => {
    const q = parseQuery('product:sms version:1.2 type:bug status:fixed code:0x80070020 product:"SNA Server" title:foo C:\\temp');
    assert.deepEqual(q.filters, { product: ['sms', 'SNA Server'], version: ['1.2'], type: ['bug'], status: ['fixed'], code: ['0x80070020'] });
    assert.deepEqual(q.words, ['title:foo', 'C:\\temp']);
  });

  it('reads an article number in every spelling', () => {
    for (const s of ['Q161043', 'q161043', 'KB161043', '161043', ' Q0161043 ']) assert.equal(parseQuery(s).articleId, 'Q161043', s);
  });

  it('does not read a short bare number or a number among words as an article', () => {
    assert.equal(parseQuery('32').articleId, undefined);
    assert.equal(parseQuery('error 161043').articleId, undefined);
  });

  it('never throws on lunr syntax, control characters or huge input', () => {
    for (const s of ['title:', 'foo~', '^2', '+', '-', '*', '"', ':::', 'a:b:c', '\u0000\u0001', '~'.repeat(10_000), '"'.repeat(5001)]) {
      assert.doesNotThrow(() => parseQuery(s), s.slice(0, 20));
    }
    assert.equal(parseQuery('x'.repeat(5000), 2000).text.length, 2000);
  });
});
