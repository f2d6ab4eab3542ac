import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeExcerpt } from '../../src/search/excerpt.js';
import { termOf } from '../../src/search-index/analyze.js';

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
    assert.deepEqual(e.highlights.map(([a, b]) => e.text.slice(a, b)), ['logs']);
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
