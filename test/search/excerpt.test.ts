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

  const body = (text: string) => [{ kind: 'body', heading: '', text }];
  const marked = (e: { text: string; highlights: [number, number][] }) => e.highlights.map(([a, b]) => e.text.slice(a, b));

  it('starts 40 characters before the hit at the next word, ends at the last space of the 260 after, and marks both cuts', () => {
    const text = 'alpha '.repeat(50) + 'despooler failed ' + 'omega '.repeat(60);
    const e = makeExcerpt(body(text), terms('despooler'));
    // The hit is at 300: 260 falls inside "alpha " (258-263), so the window opens at 264 and closes at the space at 520.
    assert.equal(e.text, '… ' + 'alpha '.repeat(6) + 'despooler failed ' + 'omega '.repeat(33) + 'omega' + ' …');
    assert.deepEqual(e.highlights, [[38, 47]]);
  });

  it('opens at the text start, unmarked, when the hit is within 40 characters of it, and shows a short text whole', () => {
    const e = makeExcerpt(body('The despooler ' + 'omega '.repeat(60)), terms('despooler'));
    assert.ok(e.text.startsWith('The despooler omega'), e.text);
    assert.ok(e.text.endsWith('omega …'), e.text);
    assert.deepEqual(e.highlights, [[4, 13]]);
    assert.deepEqual(makeExcerpt(body('The despooler stops.'), terms('despooler')), { text: 'The despooler stops.', highlights: [[4, 13]], section: 'body' });
  });

  it('places the window where it holds the most distinct terms, not at the first hit', () => {
    const text = 'despooler ' + 'filler '.repeat(80) + 'the despooler reads the instruction file ' + 'filler '.repeat(80);
    const e = makeExcerpt(body(text), terms('despooler', 'instruction'));
    assert.deepEqual(marked(e), ['despooler', 'instruction']);
    assert.ok(e.text.startsWith('… '), e.text);
  });

  it('highlights the word without the punctuation around it', () => {
    const e = makeExcerpt(body('See (despooler), "instruction" and -- despooler.'), terms('despooler', 'instruction'));
    assert.deepEqual(marked(e), ['despooler', 'instruction', 'despooler']);
    assert.deepEqual(e.highlights, [
      [5, 14],
      [18, 29],
      [38, 47],
    ]);
  });

  it('does not take a word that merely contains the term for it', () => {
    assert.deepEqual(marked(makeExcerpt(body('predespooler and xdespooler but despooler'), terms('despooler'))), ['despooler']);
  });

  it('among sections holding as many distinct terms, picks the one with more hits, and stops at the first holding them all', () => {
    const more = makeExcerpt(
      [
        { kind: 'summary', heading: '', text: 'The despooler once.' },
        { kind: 'symptoms', heading: '', text: 'The despooler, the despooler, the despooler.' },
      ],
      terms('despooler', 'queue'),
    );
    assert.equal(more.section, 'symptoms');
    const first = makeExcerpt(
      [
        { kind: 'summary', heading: '', text: 'The despooler and its queue.' },
        { kind: 'symptoms', heading: '', text: 'The despooler queue, the despooler queue, the despooler queue.' },
      ],
      terms('despooler', 'queue'),
    );
    assert.equal(first.section, 'summary');
    const none = makeExcerpt(
      [
        { kind: 'summary', heading: '', text: 'Nothing here.' },
        { kind: 'symptoms', heading: '', text: 'Nor here.' },
      ],
      terms('despooler'),
    );
    assert.deepEqual(none, { text: 'Nothing here.', highlights: [], section: 'summary' });
  });

  it('skips empty sections and folds line breaks and runs of white space into single spaces', () => {
    const e = makeExcerpt(
      [
        { kind: 'summary', heading: '', text: ' \n\t ' },
        { kind: 'symptoms', heading: '', text: 'When the\n\tdespooler   runs,\r\nit stops.' },
      ],
      terms('despooler'),
    );
    assert.deepEqual(e, { text: 'When the despooler runs, it stops.', highlights: [[9, 18]], section: 'symptoms' });
    assert.equal(makeExcerpt([], terms('x'), '  A\n\ntitle  ').text, 'A title');
  });

  it('finds the words when lower-casing changes the text length (a dotted capital I), at the right offsets', () => {
    const e = makeExcerpt(body('İSTANBUL office: the despooler stops.'), terms('despooler'));
    assert.deepEqual(marked(e), ['despooler']);
  });

  it('reads the first 20,000 characters of a section only', () => {
    const e = makeExcerpt(body('filler '.repeat(3000) + 'despooler'), terms('despooler'));
    assert.deepEqual(e.highlights, []);
    const near = makeExcerpt(body('filler '.repeat(2800) + 'despooler'), terms('despooler'));
    assert.deepEqual(marked(near), ['despooler']);
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
