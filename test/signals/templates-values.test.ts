/**
 * signals/templates: exact values worked out by hand from the rules, where templates.test.ts checks bounds. Its own
 * file so a mutation run can reuse templates.test.ts's results (Stryker's incremental run keys results by test file).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { templateSimilarity } from '../../src/signals/templates.js';

describe('signals/templates templateSimilarity, exact values', () => {
  // Exact values, each worked out by hand from the rule: matched article weight (word 1, mask or stop word 0.5) over the
  // article's weight plus 0.15 of the pasted weight left unexplained; 0.25 off per pasted token inserted in the span.
  const exact: { name: string; pasted: string; article: string; similarity: number }[] = [
    {
      name: 'an article word missing from the pasted line earns nothing: 3 of 4',
      pasted: 'cannot open spool',
      article: 'cannot open spool file',
      similarity: 0.75,
    },
    {
      name: 'a pasted stop word inside the span costs 0.25 and dilutes: 3.75 / (4 + 0.15 * 0.75)',
      pasted: 'cannot open the spool file',
      article: 'cannot open spool file',
      similarity: 0.912,
    },
    {
      name: 'an article mask takes a run of pasted words: 3.5 / (3.5 + 0.15 * 2.5)',
      pasted: 'cannot open alpha beta gamma now',
      article: 'cannot open <path> now',
      similarity: 0.903,
    },
    {
      name: 'an article mask matching nothing earns half its weight: 3.25 / 3.5',
      pasted: 'cannot open now',
      article: 'cannot open <path> now',
      similarity: 0.929,
    },
    { name: 'an article mask at the end matching nothing: 2.25 / 2.5', pasted: 'spool file', article: 'spool file <num>', similarity: 0.9 },
    {
      name: 'a pasted mask where the article wrote a value earns half: 4 / 4.5',
      pasted: 'spool failed on <num> retries',
      article: 'spool failed on 3 retries',
      similarity: 0.889,
    },
    {
      name: 'a pasted word where the article wrote a value earns nothing: 3.25 / (4.5 + 0.15 * 0.75)',
      pasted: 'spool failed on the retries',
      article: 'spool failed on 3 retries',
      similarity: 0.705,
    },
    {
      name: 'a pasted mask where the article has a stop word earns nothing: 2.75 / (3.5 + 0.15 * 0.25)',
      pasted: 'spool failed <num> retries',
      article: 'spool failed on retries',
      similarity: 0.777,
    },
    {
      name: 'text around the span is free but dilutes: 2 / (2 + 0.15 * 5)',
      pasted: 'queue stalled before spool file printing started',
      article: 'spool file',
      similarity: 0.727,
    },
    { name: 'words out of order: only one can be in order, 1 / (2 + 0.15)', pasted: 'open spool', article: 'spool open', similarity: 0.465 },
    { name: 'half the article reachable is enough to align: 2 / 4', pasted: 'alpha beta', article: 'alpha beta gamma delta', similarity: 0.5 },
    { name: 'stop words weigh half: 1 / 2', pasted: 'of the', article: 'of the spool', similarity: 0.5 },
    { name: 'less than half reachable: half the reachable share, 0.25 / 2', pasted: 'alpha zeta', article: 'alpha beta gamma delta', similarity: 0.125 },
    {
      name: 'article masks count as reachable: a word and three unmatched masks after it, 1.75 / 2.5',
      pasted: 'spool',
      article: 'spool <path> <num> <hex>',
      similarity: 0.7,
    },
    { name: 'a pasted mask alone reaches no article word', pasted: '<num>', article: 'spool', similarity: 0 },
  ];
  for (const c of exact) {
    it(c.name, () => assert.equal(templateSimilarity(c.pasted, c.article), c.similarity));
  }

  it('compares lines longer than its first work arrays (64 tokens) alike', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    assert.equal(templateSimilarity(words.slice(0, 99).join(' '), words.join(' ')), 0.99); // 99 / 100
    assert.equal(templateSimilarity(words.join(' '), words.slice(0, 99).join(' ')), 0.998); // 99 / (99 + 0.15)
    // Once grown, the arrays are reused for a short line as before.
    assert.equal(templateSimilarity('cannot open spool', 'cannot open spool file'), 0.75);
  });

  it('compares the first 400 tokens of each line only', () => {
    const words = Array.from({ length: 500 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    assert.equal(templateSimilarity(words.slice(0, 400).join(' '), words.join(' ')), 1);
  });
});
