import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isLoadProblem } from '../../src/ingest/load-articles.js';
import { parseMarkdownArticle } from '../../src/ingest/markdown.js';
import type { Article, SourceFile } from '../../src/types.js';

const FIXTURES = new URL('../fixtures/ingest/', import.meta.url);
const fixture = (rel: string) => readFileSync(new URL(rel, FIXTURES), 'utf8');
const fileOf = (path: string): SourceFile => ({ path, format: 'markdown', encoding: 'utf-8' });
const parse = (rel: string) => parseMarkdownArticle(fixture(rel), fileOf(rel));
const article = (rel: string): Article => {
  const out = parse(rel);
  assert.ok(!isLoadProblem(out), JSON.stringify(out));
  return out;
};

describe('ingest/markdown', () => {
  it('reads the front matter title without the id prefix and with entities decoded', () => {
    assert.equal(article('good/kb/120/Q120001/README.md').title, 'Gateway: Queue Stops with "ACCESS DENIED (5)"');
  });

  it('reads a title holding escaped quotes and colons', () => {
    assert.equal(article('good/kb/120/Q120002/README.md').title, 'FAQ: Can the "Quick Print" Option Skip the Spooler?');
  });

  it('reads the tab-indented header block inside {% raw %}', () => {
    const a = article('good/kb/120/Q120001/README.md');
    assert.equal(a.id, 'Q120001');
    assert.deepEqual(a.products, ['Contoso Print Gateway']);
    assert.deepEqual(a.versions, [{ platform: 'winnt', version: '2.1' }]);
    assert.equal(a.lastModified, '1999-03-04');
    assert.equal(a.category, undefined);
    assert.equal(a.issueType, 'kbbug');
    assert.deepEqual(a.keywords, ['kbprint', 'kbspool', 'kbfixlist']);
  });

  it('reads the body like the text format, without the tab and without the raw wrapper', () => {
    const a = article('good/kb/120/Q120001/README.md');
    assert.deepEqual(
      a.sections.map((s) => s.kind),
      ['symptoms', 'cause', 'resolution', 'status'],
    );
    assert.match(a.sections[0].text, /^ {2}cannot open <job>\.spl ACCESS DENIED \(5\)$/m);
    assert.ok(a.sections.every((s) => !s.text.includes('\t') && !s.text.includes('{%')));
    assert.deepEqual(a.appliesTo, ['Contoso Print Gateway version 2.1', 'Contoso Print Gateway Server, versions 2.1, 2.2']);
    assert.deepEqual(a.queryWords, ['spooler', 'access', 'denied', 'retry']);
  });

  it('reads an old question/response article with a zero-padded id and | lists', () => {
    const a = article('good/kb/120/Q120002/README.md');
    assert.equal(a.id, 'Q120002');
    assert.deepEqual(
      a.sections.map((s) => s.kind),
      ['question', 'response'],
    );
    assert.deepEqual(a.operatingSystems, ['MS-DOS', 'OS/2']);
    assert.deepEqual(a.keywords, ['kbprint', 'kbfaq']);
    assert.deepEqual(a.versions, [
      { platform: '', version: '1.0' },
      { platform: '', version: '1.1' },
    ]);
    assert.equal(a.lastModified, '1989-08-09');
    assert.equal(a.issueType, undefined);
  });

  it('takes the title from the ## heading when there is no front matter', () => {
    const a = parseMarkdownArticle('## Q140002: Heading Only\n\n\tArticle: Q140002\n\tProduct(s): P\n\n\tSome text.\n', fileOf('kb/140/Q140002/README.md'));
    assert.ok(!isLoadProblem(a));
    assert.equal(a.title, 'Heading Only');
    assert.deepEqual(a.sections, [{ kind: 'body', heading: '', text: 'Some text.' }]);
  });

  it('takes the id from the folder name when the file has none', () => {
    const a = parseMarkdownArticle('---\ntitle: "Untitled Id"\n---\n\nText.\n', fileOf('kb/140/Q140003/README.md'));
    assert.ok(!isLoadProblem(a));
    assert.equal(a.id, 'Q140003');
  });

  const problems: [string, string, string, RegExp][] = [
    ['reports a README without any article id as no-id', 'malformed/README.md', 'no-id', /no article id found/],
    ['reports markdown without front matter or title as no-title', 'malformed/Q130002.md', 'no-title', /Q130002 has no title/],
  ];
  for (const [name, rel, kind, message] of problems) {
    it(name, () => {
      const out = parse(rel);
      assert.ok(isLoadProblem(out));
      assert.equal(out.kind, kind);
      assert.match(out.message, message);
    });
  }

  it('reports an empty file as empty', () => {
    const out = parseMarkdownArticle('\n\n', fileOf('empty.md'));
    assert.ok(isLoadProblem(out) && out.kind === 'empty');
  });
});
