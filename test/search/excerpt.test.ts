import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { makeExcerpt } from '../../src/search/excerpt.js';
import { stemPrefix, termOf } from '../../src/search-index/analyze.js';

const terms = (...words: string[]) => new Set(words.map((w) => termOf(w)!));

describe('search/excerpt', () => {
  const sections = [
    { kind: 'summary', heading: 'SUMMARY', text: 'This article talks about printers and nothing else.' },
    { kind: 'symptoms', heading: 'SYMPTOMS', text: 'When the despooler\nruns, it logs an error about the instruction file.' },
  ];

  it('picks the section holding the most query terms and highlights the matched words', () => {
    const e = makeExcerpt(sections, terms('despooler', 'instruction'));
    assert.equal(e.section, 'symptoms');
    const marked = e.highlights.map(([a, b]) => e.text.slice(a, b));
    assert.deepEqual(marked, ['despooler', 'instruction']);
  });

  it('matches stemmed forms ("logs" for "log")', () => {
    const e = makeExcerpt(sections, terms('log'));
    assert.deepEqual(
      e.highlights.map(([a, b]) => e.text.slice(a, b)),
      ['logs'],
    );
  });

  it('cuts long text to a window around the hits and marks the cut', () => {
    const long = 'filler '.repeat(200) + 'target word here ' + 'filler '.repeat(200);
    const e = makeExcerpt([{ kind: 'body', heading: '', text: long }], terms('target'));
    assert.ok(e.text.length < 320);
    assert.ok(e.text.startsWith('… ') && e.text.endsWith(' …'));
    assert.equal(e.text.slice(...e.highlights[0]), 'target');
  });

  it('falls back to the given text when the article has no sections', () => {
    assert.deepEqual(makeExcerpt([], terms('x'), 'A title'), { text: 'A title', highlights: [] });
  });
});

describe('search-index/analyze: the stem prefix that lets excerpts skip stemming', () => {
  /** A word as lunr's trimmer leaves it, lower-cased: what stemPrefix promises the start of. */
  const trimmed = (w: string) => w.toLowerCase().replace(/^\W+/, '');
  const keeps = (w: string) => {
    const t = termOf(w);
    return !t || trimmed(w).startsWith(stemPrefix(t));
  };
  // prettier-ignore
  const WORDS = ['relational', 'conditional', 'valencies', 'sensibility', 'ability', 'hopefulness', 'formalize', 'ties', 'ies', 'sms', 'Despooler', 'DESPOOLING', 'generalizations', 'electricity', 'happy', '"Quoted,', '(Instruction)', 'élan', 'naïve', 'x'];

  it('names the start of every word that stems to the term, for English endings, case and punctuation', () => {
    for (const w of WORDS) assert.ok(keeps(w), `${w} -> ${termOf(w)}`);
  });

  it('holds for any word', () => {
    const word = fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.stringMatching(/^[A-Za-z]{1,16}(?:ational|ization|fulness|iveness|biliti|bility|ency|ancy|ies|ing|ed|ly|y|s)?[.,;:)"']?$/),
    );
    fc.assert(fc.property(word, keeps), { numRuns: 3000 });
  });

  it('is all of the term but a tail the stemmer may have written, so few other words pass', () => {
    assert.equal(stemPrefix(termOf('despooler')!), 'despoo');
    assert.equal(stemPrefix(termOf('IP')!), 'ip');
    assert.equal(stemPrefix(termOf('error')!), 'error');
    assert.equal(stemPrefix(termOf('sensibility')!), termOf('sensibility')!.slice(0, -1));
    assert.equal(stemPrefix('file'), 'fi');
    assert.equal(stemPrefix('e'), 'e');
  });
});
