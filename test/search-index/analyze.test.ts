import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TermNumbers,
  hasInnerSeparator,
  isTrimmerWordChar,
  isWhitespaceCode,
  isWordSeparator,
  stemPrefix,
  termIdsOf,
  termOf,
  termsOf,
  trimNonWord,
  wordParts,
} from '../../src/search-index/analyze.js';

describe('search-index/analyze: termOf', () => {
  const cases: [string, string | null][] = [
    ['printing', 'print'],
    ['CONNECTIONS', 'connect'],
    ['Printing', 'print'],
    ['happy', 'happi'],
    ['the', null],
    ['--', null],
    ['', null],
    ['__', '__'],
    ['x', 'x'],
  ];
  for (const [word, term] of cases) it(`reads ${JSON.stringify(word)} as ${JSON.stringify(term)}`, () => assert.equal(termOf(word), term));

  it('gives the same term for a word met first in capitals and then in lower case', () => {
    assert.equal(termOf('ZQSPOOLING'), 'zqspool');
    assert.equal(termOf('zqspooling'), 'zqspool');
    assert.equal(termOf('ZqSpooling'), 'zqspool');
  });

  it('keeps a word over 60 characters whole, cut to 60 and trimmed, without stemming it', () => {
    assert.equal(termOf('a'.repeat(70) + 'ing'), 'a'.repeat(60));
    assert.equal(termOf('!!' + 'b'.repeat(70) + '!!'), 'b'.repeat(60));
    // At 60 it is still a word, stemmed; at 61 it is cut, not stemmed.
    assert.equal(termOf('m' + 'a'.repeat(55) + 'ings'), 'm' + 'a'.repeat(55));
    assert.equal(termOf('m' + 'a'.repeat(56) + 'ings'), 'm' + 'a'.repeat(56) + 'ing');
  });
});

describe('search-index/analyze: termsOf', () => {
  it('adds the parts of a compound word after the whole, and drops stop words', () => {
    assert.deepEqual(termsOf('C:\\WINNT\\zqgrly.vcx spooler-stops the_end a.b'), [
      'c:\\winnt\\zqgrly.vcx',
      'winnt',
      'zqgrly.vcx',
      'zqgrli',
      'vcx',
      'spooler',
      'stop',
      'the_end',
      'end',
      'a.b',
    ]);
  });

  it("adds no part equal to the whole word's term (a word with a trailing comma)", () => {
    assert.deepEqual(termsOf('zqabc, zqdef'), ['zqabc', 'zqdef']);
    const numbers = new TermNumbers();
    const out: number[] = [];
    termIdsOf('zqabc, zqdef', numbers, out);
    assert.deepEqual(out, [0, 1]);
  });

  it('leaves the parts out when asked', () => {
    assert.deepEqual(termsOf('C:\\WINNT\\zqgrly.vcx spooler', { parts: false }), ['c:\\winnt\\zqgrly.vcx', 'spooler']);
  });

  it('splits at every kind of white space and at hyphens, and at nothing else', () => {
    assert.deepEqual(termsOf('alpha\u00a0beta\u2003gamma\u3000delta\tepsilon\nzeta-eta'), ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta']);
    assert.deepEqual(termsOf('  lead and trail  '), ['lead', 'trail']);
    assert.deepEqual(termsOf(''), []);
  });
});

describe('search-index/analyze: termIdsOf', () => {
  it('numbers the terms in the order first met, the parts after the whole', () => {
    const numbers = new TermNumbers();
    const out: number[] = [];
    termIdsOf('printing printers C:\\x\\ab.cd printing', numbers, out);
    assert.deepEqual(out, [0, 1, 2, 3, 4, 5, 0]);
    assert.deepEqual(numbers.terms, ['print', 'printer', 'c:\\x\\ab.cd', 'ab.cd', 'ab', 'cd']);
  });

  it('gives another numbering its own numbers for words the first already met', () => {
    const first = new TermNumbers();
    termIdsOf('zqprinting zqprinters', first, []);
    const second = new TermNumbers();
    const out: number[] = [];
    termIdsOf('zqprinters zqprinting', second, out);
    assert.deepEqual(out, [0, 1]);
    assert.deepEqual(second.terms, ['zqprinter', 'zqprint']);
    assert.notEqual(first.generation, second.generation);
    assert.ok(second.generation > 0);
  });

  it('adds nothing for a stop word, and a compound word of stop words adds only its whole', () => {
    const numbers = new TermNumbers();
    const out: number[] = [];
    termIdsOf('the', numbers, out);
    assert.deepEqual(out, []);
    termIdsOf('the_and', numbers, out);
    assert.deepEqual(numbers.terms, ['the_and']);
  });
});

describe('search-index/analyze: stemPrefix', () => {
  const cases: [string, string][] = [
    ['happi', 'happ'],
    ['file', 'fi'],
    ['ence', 'enc'],
    ['ble', 'b'],
    ['connect', 'connect'],
    ['e', 'e'],
    ['ie', 'i'],
    ['lie', 'l'],
    ['eel', 'e'],
    ['zqeeel', 'zqee'],
  ];
  for (const [term, prefix] of cases)
    it(`cuts ${term} to ${prefix} (at most two of e, i, l, and never the first letter)`, () => assert.equal(stemPrefix(term), prefix));

  it('gives a prefix of every word that stems to the term', () => {
    for (const word of ['filing', 'happiness', 'connection', 'possibility', 'agreed']) {
      const term = termOf(word)!;
      assert.ok(word.startsWith(stemPrefix(term)), `${word} -> ${term} -> ${stemPrefix(term)}`);
    }
  });
});

describe('search-index/analyze: characters', () => {
  it("reads JavaScript's \\s as white space, and nothing else", () => {
    const spaces = [32, 9, 10, 11, 12, 13, 0xa0, 0x1680, 0x2000, 0x2005, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
    for (const c of spaces) assert.equal(isWhitespaceCode(c), true, `U+${c.toString(16)}`);
    for (const c of [8, 14, 31, 33, 45, 0x9f, 0x1681, 0x1fff, 0x200b, 0x2027, 0x202a, 0x202e, 0x2030, 0x205e, 0x2060, 0x2fff, 0x3001, 0xfefe, 0xff00])
      assert.equal(isWhitespaceCode(c), false, `U+${c.toString(16)}`);
    // The same as the regular expression, over the first 0x3100 code points and the last one listed.
    for (let c = 0; c < 0x3100; c++) assert.equal(isWhitespaceCode(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
    assert.equal(isWhitespaceCode(0xfeff), /\s/.test('\ufeff'));
  });

  it('splits words at white space and hyphens only', () => {
    assert.equal(isWordSeparator(45), true);
    assert.equal(isWordSeparator(32), true);
    for (const c of ['_', '.', '/', 'a', '–']) assert.equal(isWordSeparator(c.charCodeAt(0)), false, c);
  });

  it("keeps [A-Za-z0-9_] at a word's ends, as lunr's trimmer does", () => {
    for (let c = 0; c < 256; c++) assert.equal(isTrimmerWordChar(c), /\w/.test(String.fromCharCode(c)), `code ${c}`);
  });

  it('trims non-word characters from both ends only', () => {
    assert.equal(trimNonWord('..ab.c..'), 'ab.c');
    assert.equal(trimNonWord('ab'), 'ab');
    assert.equal(trimNonWord('(x)'), 'x');
    assert.equal(trimNonWord('...'), '');
    assert.equal(trimNonWord(''), '');
  });
});

describe('search-index/analyze: compound words', () => {
  it('finds a joining character only in words over three characters', () => {
    const cases: [string, boolean][] = [
      ['abc.', true],
      ['a.bc', true],
      ['ab/c', true],
      ['a\\bc', true],
      ['a:bc', true],
      ['a_bc', true],
      ['a%bc', true],
      ['a,bc', true],
      ['a;bc', true],
      ['a=bc', true],
      ['a|bc', true],
      ['abcd', false],
      ['a-bc', false],
      ['a.b', false],
    ];
    for (const [word, joined] of cases) assert.equal(hasInnerSeparator(word), joined, word);
  });

  it('gives the parts of a path: each component, a named file whole and split', () => {
    assert.deepEqual(wordParts('C:\\WINNT\\zqgrly.vcx'), ['winnt', 'zqgrly.vcx', 'zqgrli', 'vcx']);
    assert.deepEqual(wordParts('%SystemRoot%\\system32'), ['systemroot', 'system32']);
    assert.deepEqual(wordParts('/usr//lib:zqlib.so'), ['usr', 'lib', 'zqlib.so', 'zqlib']); // "so" is a stop word
  });

  it('keeps apostrophes inside a part, drops one-letter parts and does not repeat the word itself', () => {
    assert.deepEqual(wordParts("don't.x"), ["don't"]);
    assert.deepEqual(wordParts('a.b.c'), []);
    assert.deepEqual(wordParts('zqab.zqab'), ['zqab']);
  });

  it('gives no parts for a word over 240 characters', () => {
    assert.deepEqual(wordParts('ab.' + 'c'.repeat(237)), ['ab', 'c'.repeat(60)]);
    assert.deepEqual(wordParts('ab.' + 'c'.repeat(238)), []);
  });
});
