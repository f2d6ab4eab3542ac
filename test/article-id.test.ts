import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readArticleNumber } from '../src/article-id.js';

describe('article-id readArticleNumber', () => {
  const cases: [string, string, ReturnType<typeof readArticleNumber>][] = [
    ['reads the Q form', 'Q161043', { id: 'Q161043', prefixed: true, digits: 6 }],
    ['reads leading zeros and lower case', 'q0161043', { id: 'Q161043', prefixed: true, digits: 6 }],
    ['reads the KB form with a colon and a space', 'KB: 161043', { id: 'Q161043', prefixed: true, digits: 6 }],
    ['reads a bare number and says it had no prefix', '161043', { id: 'Q161043', prefixed: false, digits: 6 }],
    ['reads nothing in a word', 'error32', undefined],
    ['reads nothing in a path', '../../etc/passwd', undefined],
    ['reads nothing past seven digits', 'Q12345678', undefined],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.deepEqual(readArticleNumber(text), expected));
});
