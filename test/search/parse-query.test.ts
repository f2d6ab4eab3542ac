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

describe('search/parse-query: each part of a query, read alone', () => {
  const none = { product: [], version: [], type: [], status: [], code: [] };
  const cases: [string, string, Partial<ReturnType<typeof parseQuery>>][] = [
    ['a -word is excluded', 'a -b', { words: ['a'], excluded: ['b'] }],
    ['a negative number is a word (JET errors)', '-1018 x', { words: ['-1018', 'x'], excluded: [] }],
    ['a negative number from 0', '-0 x', { words: ['-0', 'x'], excluded: [] }],
    ['a negative number from 9', '-9 x', { words: ['-9', 'x'], excluded: [] }],
    ['a hyphen inside a word keeps the word whole', 'a-b', { words: ['a-b'], excluded: [] }],
    ['a hyphen followed by a space is a word of its own', '- x', { words: ['-', 'x'], excluded: [] }],
    ['a hyphen at the end is a word of its own', 'x -', { words: ['x', '-'], excluded: [] }],
    ['a quoted phrase', '"instruction file" x', { words: ['x'], phrases: ['instruction file'] }],
    ['an excluded phrase', '-"bad phrase" y', { words: ['y'], phrases: [], excluded: ['bad phrase'] }],
    ['a phrase without its closing quote runs to the end', '"open end', { words: [], phrases: ['open end'] }],
    ['an empty phrase is nothing', '"" z', { words: ['z'], phrases: [] }],
    ['a phrase of spaces is nothing, excluded or not', '-"  "', { words: [], phrases: [], excluded: [] }],
    ['a filter name in any case', 'STATUS:fixed', { words: [], filters: { ...none, status: ['fixed'] } }],
    ['a quoted filter value with a space in it', 'product:"SNA Server" rest', { words: ['rest'], filters: { ...none, product: ['SNA Server'] } }],
    ['a quoted filter value without its closing quote', 'product:"SNA Server', { words: [], filters: { ...none, product: ['SNA Server'] } }],
    ['a quoted filter value of one word', 'code:"0x1"', { filters: { ...none, code: ['0x1'] } }],
    ['a filter without a value is nothing', 'product:', { words: [], filters: none }],
    ['a quoted filter value of spaces is nothing', 'product:"  " w', { words: ['w'], filters: none }],
    ['an excluded filter is an excluded word', '-status:fixed', { excluded: ['status:fixed'], filters: none }],
    ['a colon first is part of a word', ':x', { words: [':x'] }],
    ['a hyphen right after a closing quote is not an exclusion', '"abc"-x', { phrases: ['abc'], words: ['-x'], excluded: [] }],
  ];
  for (const [name, query, want] of cases) {
    it(`reads ${name}: ${query}`, () => {
      const got = parseQuery(query);
      for (const [key, value] of Object.entries(want)) assert.deepEqual(got[key as keyof typeof got], value, key);
    });
  }

  it('reads no more than maxChars characters', () => {
    assert.deepEqual([parseQuery('abcdef', 3).text, parseQuery('abcdef', 3).words], ['abc', ['abc']]);
    assert.equal(parseQuery('abc', 3).text, 'abc');
  });

  it('reads an article number with a prefix from two digits, a bare one from five', () => {
    assert.deepEqual(
      ['KB12', 'Q1', '1234', ' 161043 '].map((q) => parseQuery(q).articleId),
      ['Q12', undefined, undefined, 'Q161043'],
    );
  });

  it('splits words at any white space, an em space too', () => {
    assert.deepEqual(parseQuery('a\u2003b\tc\nd').words, ['a', 'b', 'c', 'd']);
  });
});
