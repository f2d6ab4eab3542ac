import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArticleBody, removeBodyIndent, sectionKindOf, splitLines } from '../../src/ingest/sections.js';

const body = (text: string) => parseArticleBody(removeBodyIndent(text.split('\n')));
const kinds = (text: string) => body(text).sections.map((s) => s.kind);

describe('ingest/sections', () => {
  const kindCases: [string, string][] = [
    ['SYMPTOMS', 'symptoms'],
    ['Symptoms', 'symptoms'],
    ['SYMPTOM', 'symptoms'],
    ['MORE INFORMATION', 'more-information'],
    ['REFERENCES', 'references'],
    ['APPLIES TO', 'applies-to'],
    ['Question', 'question'],
    ['3. NOTES ON SETUP', '3-notes-on-setup'],
  ];
  for (const [heading, kind] of kindCases) it(`names the heading ${heading} '${kind}'`, () => assert.equal(sectionKindOf(heading), kind));

  it('splits CRLF and LF lines alike and drops a byte-order mark', () => {
    assert.deepEqual(splitLines('\ufeffa\r\nb\nc\r\n'), ['a', 'b', 'c', '']);
  });

  it('removes the shared tab indentation but keeps deeper indentation', () => {
    assert.deepEqual(removeBodyIndent(['\tA', '\t', '\t   quoted  ', '\tB']), ['A', '', '   quoted', 'B']);
  });

  it('splits underlined headings in order, keeping quoted lines indented', () => {
    const out = body('SYMPTOMS\n========\n\nThe log says:\n\n   open failed ERROR = 32\n\nCAUSE\n=====\n\nA lock.\n');
    assert.deepEqual(out.sections, [
      { kind: 'symptoms', heading: 'SYMPTOMS', text: 'The log says:\n\n   open failed ERROR = 32' },
      { kind: 'cause', heading: 'CAUSE', text: 'A lock.' },
    ]);
  });

  it('accepts underlines a little longer or shorter than the heading', () => {
    assert.deepEqual(kinds('Symptoms\n===========\n\nx\n\nMORE INFORMATION\n==============\n\ny'), ['symptoms', 'more-information']);
  });

  it('keeps ----- subheadings inside their section', () => {
    assert.deepEqual(kinds('RESOLUTION\n==========\n\nDo this.\n\nSteps to Reproduce\n------------------\n\n1. Run it.'), ['resolution']);
  });

  it('does not take a sentence followed by a long rule for a heading', () => {
    const out = body(
      'SUMMARY\n=======\n\nThe text ends here with a sentence.\n======================================================================\nKeywords          : kbone\n',
    );
    assert.deepEqual(
      out.sections.map((s) => s.text),
      ['The text ends here with a sentence.'],
    );
    assert.deepEqual(out.trailer.keywords, ['kbone']);
  });

  it('does not take indented underlined lines for headings', () => {
    assert.deepEqual(kinds('SUMMARY\n=======\n\n   Table\n   =====\n   row'), ['summary']);
  });

  it('reads old Question: / Response: labels as sections', () => {
    assert.deepEqual(kinds('SUMMARY\n=======\n\nQuestion:\n\nCan it?\n\nResponse:\n\nYes.'), ['question', 'response']);
  });

  it('keeps an inline "Problem: ..." sentence as text', () => {
    assert.deepEqual(kinds('Problem: the disk is full.\n\nMore text.'), ['body']);
  });

  it("makes text without any heading one 'body' section", () => {
    assert.deepEqual(body('Just a paragraph\nof an old article.').sections, [{ kind: 'body', heading: '', text: 'Just a paragraph\nof an old article.' }]);
  });

  it('reads the applies-to list between dashed rules, nested items and wrapped lines included', () => {
    const out = body(
      '------------------------------\nThe information in this article applies to:\n\n - Product One version 1.0\n - The Runtime, included with:\n    - Product Two, versions 2.0,\n      2.1\n------------------------------\n\nSUMMARY\n=======\n\nText.',
    );
    assert.deepEqual(out.appliesTo, ['Product One version 1.0', 'The Runtime, included with:', 'Product Two, versions 2.0, 2.1']);
    assert.deepEqual(
      out.sections.map((s) => s.kind),
      ['summary'],
    );
  });

  it('moves an APPLIES TO section into appliesTo', () => {
    const out = body('APPLIES TO\n==========\n\n- Product One\n- Product Two\n\nSYMPTOMS\n========\n\nx');
    assert.deepEqual(out.appliesTo, ['Product One', 'Product Two']);
    assert.deepEqual(
      out.sections.map((s) => s.kind),
      ['symptoms'],
    );
  });

  it('reads Additional query words, wrapped onto a second line, and removes them from the text', () => {
    const out = body(
      'SUMMARY\n=======\n\nText.\n\nAdditional query words: prodnt Error32\n  share\n\n=====================================================\nKeywords          : kbone kbtwo\nTechnology        : kbTech\nVersion           : winnt:4.0\nIssue type        : kbbug\nSolution Type     : kbfix\n\n=============================================================\n',
    );
    assert.deepEqual(out.queryWords, ['prodnt', 'Error32', 'share']);
    assert.deepEqual(out.sections, [{ kind: 'summary', heading: 'SUMMARY', text: 'Text.' }]);
    assert.deepEqual(out.trailer, {
      keywords: ['kbone', 'kbtwo'],
      version: 'winnt:4.0',
      issueType: ['kbbug'],
      solutionType: ['kbfix'],
      technology: ['kbTech'],
    });
  });

  it('drops the legal disclaimer after the trailer and when there is no trailer', () => {
    const withTrailer = body(
      'Text.\n\n=================================================\nKeywords          : kbone\n\n=================================================\n\nLEGAL WORDS OF OUR OWN.\n\nCopyright line.',
    );
    assert.deepEqual(
      withTrailer.sections.map((s) => s.text),
      ['Text.'],
    );
    const bare = body('Text.\nTHE INFORMATION PROVIDED IN THE MICROSOFT KNOWLEDGE BASE\nIS FOLLOWED BY LEGAL WORDS.');
    assert.deepEqual(
      bare.sections.map((s) => s.text),
      ['Text.'],
    );
  });

  it('reads a million-character line and a million-character underline as one section', () => {
    // Quadratic work here would not finish; how fast it is belongs to the bench, not to a limit in milliseconds.
    const read = body(`SUMMARY\n=======\n\n${'Q1234 '.repeat(200_000)}\n${'='.repeat(1_000_000)}`);
    assert.equal(read.sections.length, 1);
    assert.ok(read.sections[0].text.startsWith('Q1234 Q1234'));
  });
});
