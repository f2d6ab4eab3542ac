import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isLoadProblem } from '../../src/ingest/load-articles.js';
import { parseTextArticle } from '../../src/ingest/text.js';
import type { Article, SourceFile } from '../../src/types.js';

const FIXTURES = new URL('../fixtures/ingest/', import.meta.url);
const fixture = (rel: string) => readFileSync(new URL(rel, FIXTURES), 'latin1');
const fileOf = (path: string): SourceFile => ({ path, format: 'text', encoding: 'utf-8' });
const parse = (rel: string) => parseTextArticle(fixture(rel), fileOf(rel));
const article = (rel: string): Article => {
  const out = parse(rel);
  assert.ok(!isLoadProblem(out), JSON.stringify(out));
  return out;
};

describe('ingest/text', () => {
  it('reads the header fields of a CRLF text article', () => {
    const a = article('good/txt/120/Q120001.TXT');
    assert.equal(a.id, 'Q120001');
    assert.equal(a.number, 120001);
    assert.equal(a.title, 'Gateway: Queue Stops with "ACCESS DENIED (5)"');
    assert.deepEqual(a.products, ['Contoso Print Gateway']);
    assert.deepEqual(a.versions, [{ platform: 'winnt', version: '2.1' }]);
    assert.equal(a.versionText, 'winnt:2.1');
    assert.deepEqual(a.operatingSystems, []);
    assert.equal(a.lastModified, '1999-03-04');
    assert.equal(a.category, 'gateway');
    assert.equal(a.issueType, 'kbbug');
    assert.deepEqual(a.sources, [fileOf('good/txt/120/Q120001.TXT')]);
  });

  it('merges header and trailer keywords, dropping the glued header word', () => {
    assert.deepEqual(article('good/txt/120/Q120001.TXT').keywords, ['kbprint', 'kbspool', 'kbfixlist']);
  });

  it('reads applies-to, sections, references and query words from the body', () => {
    const a = article('good/txt/120/Q120001.TXT');
    assert.deepEqual(a.appliesTo, ['Contoso Print Gateway version 2.1', 'Contoso Print Gateway Server, versions 2.1, 2.2']);
    assert.deepEqual(
      a.sections.map((s) => s.kind),
      ['symptoms', 'cause', 'resolution', 'status'],
    );
    assert.match(a.sections[0].text, /^ {3}cannot open <job>\.spl ACCESS DENIED \(5\)$/m);
    assert.match(a.sections[2].text, /Changing the Retry Delay\n-{24}/);
    assert.deepEqual(a.references, ['Q120003']);
    assert.deepEqual(a.queryWords, ['spooler', 'access', 'denied', 'retry']);
  });

  it('never keeps the legal trailer', () => {
    const a = article('good/txt/120/Q120001.TXT');
    assert.ok(a.sections.every((s) => !/LEGAL NOTICE|Copyright/.test(s.text)));
  });

  it('reads a lower-case zero-padded DOCUMENT id, a headless body and a disclaimer without trailer', () => {
    const a = article('good/txt/120/Q120003.TXT');
    assert.equal(a.id, 'Q120003');
    assert.deepEqual(
      a.sections.map((s) => [s.kind, s.heading]),
      [['body', '']],
    );
    assert.match(a.sections[0].text, /^ {4}Interval=300$/m);
    assert.ok(!a.sections[0].text.includes('PLACEHOLDER'));
    assert.deepEqual(a.references, ['Q120001', 'Q120002']);
    assert.equal(a.issueType, 'kbinfo');
    assert.deepEqual(a.operatingSystems, ['WINDOWS']);
    assert.deepEqual(
      a.versions.map((v) => `${v.platform}:${v.version}`),
      ['windows:2.0', 'windows:2.0 SP1', 'win95:2.0'],
    );
  });

  const problems: [string, string, string, RegExp][] = [
    ['reports a file without a DOCUMENT line as no-id', 'malformed/no-document.TXT', 'no-id', /no DOCUMENT line; .*starts with `DOCUMENT:/],
    [
      'reports a DOCUMENT id that differs from the file name as id-mismatch',
      'malformed/Q130005.TXT',
      'id-mismatch',
      /file name says Q130005 but its content says Q130006; rename/,
    ],
    ['reports a header with nothing below it as no-body', 'malformed/Q130007.TXT', 'no-body', /nothing below it/],
  ];
  for (const [name, rel, kind, message] of problems) {
    it(name, () => {
      const out = parse(rel);
      assert.ok(isLoadProblem(out));
      assert.equal(out.kind, kind);
      assert.equal(out.path, rel);
      assert.match(out.message, message);
      assert.ok(out.message.startsWith(`ingest: ${rel}: `));
    });
  }

  it('reports whitespace-only text as empty', () => {
    const out = parseTextArticle(' \r\n\r\n', fileOf('x.TXT'));
    assert.ok(isLoadProblem(out) && out.kind === 'empty');
  });

  it('reports a DOCUMENT line without a title as no-title', () => {
    const out = parseTextArticle('DOCUMENT:Q140001  01-JAN-2000  [x]\r\nTITLE   :\r\n\r\nBody.\r\n', fileOf('Q140001.TXT'));
    assert.ok(isLoadProblem(out) && out.kind === 'no-title');
  });
});
