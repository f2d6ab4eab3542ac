/**
 * search/clauses: what a query must match, clause by clause, over a small index of articles written here. Each
 * case names the exact alternatives (index terms, weights, fields) a clause holds.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { FIELDS, pairIdOf } from '../../src/search-index/index-data.js';
import { clausesOf, phraseClauses } from '../../src/search/clauses.js';
import { parseQuery } from '../../src/search/parse-query.js';
import type { Clause } from '../../src/search/score-accumulator.js';
import { tuningOf } from '../../src/search/tuning.js';
import { findErrorCodes } from '../../src/signals/error-codes.js';
import { fakeArticle } from '../support/articles.js';

const texts = [
  'The despooler fails with error 32 on the instruction file.',
  'The despooler stops.',
  'Despooling the package.',
  'An instruction file is missing.',
  'The sender stops.',
  'Printer output is garbled.',
  'The printer prints nothing.',
];
const articles = texts.map((t, i) => ({ ...fakeArticle(140000 + i, `Article ${i}`, { symptoms: t }), codes: findErrorCodes(t) }));
const index = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' });
const tuning = tuningOf();
const CODES = FIELDS.indexOf('codes');

/** A clause with its terms named: a word by its term, a pair as "a+b". */
function named(c: Clause) {
  const pairName = (term: number) => {
    for (const [a, b] of [
      ['error', '32'],
      ['despool', 'stop'],
      ['instruct', 'file'],
    ])
      if (pairIdOf(index, a, b) === term) return `${a}+${b}`;
    return `#${term}`;
  };
  return { ...c, alternatives: c.alternatives.map((a) => ({ ...a, term: index.terms[a.term] || pairName(a.term) })) };
}
const clauses = (q: string) => clausesOf(index, tuning, parseQuery(q)).clauses.map(named);

describe('search/clauses', () => {
  it('reads "error 32" as one clause: the code in the codes field, and its words as a phrase at half weight', () => {
    const { clauses: got, codes } = clausesOf(index, tuning, parseQuery('error 32 despooler'));
    assert.deepEqual(
      codes.map((c) => c.key),
      ['win32:32'],
    );
    assert.deepEqual(got.map(named), [
      {
        label: 'error 32',
        alternatives: [
          { term: 'win32_32', weight: tuning.codeBoost, fields: [CODES] },
          { term: 'error+32', weight: tuning.pairBoost * 0.5 },
        ],
        required: true,
      },
      { label: 'despool', alternatives: [{ term: 'despool', weight: 1 }], required: true },
    ]);
  });

  it('reads a lone code word as the code in every spelling, and lists it', () => {
    const { clauses: got, codes } = clausesOf(index, tuning, parseQuery('0x80070020 despooler'));
    assert.deepEqual(
      codes.map((c) => c.key),
      ['hresult:0x80070020'],
    );
    assert.deepEqual(got.map(named)[0], {
      label: '0x80070020',
      alternatives: [{ term: 'win32_32', weight: tuning.codeBoost, fields: [CODES] }],
      required: true,
    });
  });

  it('completes a last word typed without a trailing space at half weight, and not once a space follows it', () => {
    assert.deepEqual(clauses('despoo'), [
      {
        label: 'despoo',
        alternatives: [
          { term: 'despool', weight: 0.5 },
          { term: 'despool', weight: tuning.typoWeight },
        ],
        required: true,
      },
    ]);
    assert.deepEqual(clauses('despoo '), [{ label: 'despoo', alternatives: [{ term: 'despool', weight: tuning.typoWeight }], required: true }]);
  });

  it('adds the index words one edit away to a rare word of five letters or more, letters only', () => {
    assert.deepEqual(clauses('prnter '), [{ label: 'prnter', alternatives: [{ term: 'printer', weight: tuning.typoWeight }], required: true }]);
    assert.deepEqual(clauses('prn '), [{ label: 'prn', alternatives: [], required: true }]);
    assert.deepEqual(clauses('prnt3r '), [{ label: 'prnt3r', alternatives: [], required: true }]);
    // "printer" is held by fewer than typoMaxDf articles here, so its variants join it; the word itself is not one.
    assert.deepEqual(clauses('printer printer '), [
      {
        label: 'printer',
        alternatives: [
          { term: 'printer', weight: 1 },
          { term: 'print', weight: tuning.typoWeight },
        ],
        required: true,
      },
    ]);
  });

  it('finds a variant by each kind of edit, in any case: a letter dropped, added, changed, or two swapped', () => {
    for (const typo of ['printeer', 'printerx', 'rpinter', 'pritner', 'prinxer', 'prnter', 'PRNTER']) {
      const [clause] = clauses(`${typo} `);
      assert.ok(
        clause.alternatives.some((a) => a.term === 'printer' && a.weight === tuning.typoWeight),
        `${typo}: ${JSON.stringify(clause.alternatives)}`,
      );
    }
  });

  it('completes a cut word of three letters or more only', () => {
    assert.deepEqual(clauses('de'), [{ label: 'de', alternatives: [], required: true }]);
    assert.deepEqual(clauses('sto'), [{ label: 'sto', alternatives: [{ term: 'stop', weight: 0.5 }], required: true }]);
  });

  it('reads a lone word of letters and digits as a code, and a bare number as no code', () => {
    assert.deepEqual(
      clausesOf(index, tuning, parseQuery('s1000 ')).codes.map((c) => c.key),
      ['sqlstate:s1000'],
    );
    assert.deepEqual(clausesOf(index, tuning, parseQuery('123 ')).codes, []);
  });

  it('adds a bonus clause, never required, for adjacent words the index holds adjacent', () => {
    assert.deepEqual(clauses('despooler stops '), [
      { label: 'despool', alternatives: [{ term: 'despool', weight: 1 }], required: true },
      { label: 'stop', alternatives: [{ term: 'stop', weight: 1 }], required: true },
      { label: 'pairs', alternatives: [{ term: 'despool+stop', weight: tuning.pairBoost, pairOf: ['despool', 'stop'] }], required: false },
    ]);
    assert.equal(
      clauses('stops despooler ').some((c) => c.label === 'pairs'),
      false,
    );
  });

  it('splits a path the index does not hold whole into its words', () => {
    assert.deepEqual(clauses('C:\\temp\\instruction '), [
      { label: 'temp', alternatives: [], required: true },
      { label: 'instruct', alternatives: [{ term: 'instruct', weight: 1 }], required: true },
    ]);
  });

  it('reads a phrase as required pairs, one word as itself, and an unseen pair as a clause nothing matches', () => {
    assert.deepEqual(phraseClauses(index, tuning, 'instruction file').map(named), [
      { label: 'instruction file', alternatives: [{ term: 'instruct+file', weight: tuning.pairBoost }], required: true, phrase: true },
    ]);
    assert.deepEqual(phraseClauses(index, tuning, 'despooler').map(named), [
      { label: 'despooler', alternatives: [{ term: 'despool', weight: 1 }], required: true, phrase: true },
    ]);
    assert.deepEqual(phraseClauses(index, tuning, 'file instruction').map(named), [
      { label: 'file instruction', alternatives: [], required: true, phrase: true },
    ]);
    assert.deepEqual(phraseClauses(index, tuning, 'zzqxv').map(named), [{ label: 'zzqxv', alternatives: [], required: true, phrase: true }]);
  });

  it('keeps the 24 rarest word clauses of a longer query, a word no article holds counting as the least rare', () => {
    const unknown = Array.from({ length: 24 }, (_, i) => `zzq${String.fromCharCode(97 + i)}x`);
    const got = clauses(['despooler', 'sender', ...unknown].join(' ') + ' ');
    assert.deepEqual(
      got.map((c) => c.label),
      ['sender', 'despool', ...unknown.slice(0, 22)],
    );
  });
});
