/**
 * The real archive, loaded once: every file accounted for, twins merged, and the two seed articles
 * checked field by field. Skips when the archive is not beside the project.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadArticles } from '../../src/ingest/load-articles.js';
import type { Article, LoadResult } from '../../src/types.js';
import { archiveDir, skipWithoutArchive } from '../support/archive.js';

function countFiles(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    n += e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1;
  }
  return n;
}

describe('ingest on the real archive', { skip: skipWithoutArchive() }, () => {
  let result: LoadResult;
  let files: number;
  const seed = (id: string): Article => {
    const a = result.articles.find((x) => x.id === id);
    assert.ok(a, `${id} not loaded`);
    return a;
  };
  before(async () => {
    const dir = archiveDir()!;
    files = countFiles(path.join(dir, 'kb')) + countFiles(path.join(dir, 'txt'));
    result = await loadArticles([dir]);
  });

  it('accounts for every file as an article source or a problem', () => {
    assert.equal(files, 117_324);
    assert.equal(result.stats.files, files);
    const sources = result.articles.reduce((n, a) => n + a.sources.length, 0);
    assert.equal(sources + result.problems.length, files);
  });

  it('makes one article per distinct Q number, twins merged', () => {
    assert.equal(result.articles.length, 60_338);
    assert.equal(new Set(result.articles.map((a) => a.id)).size, result.articles.length);
    assert.ok(result.stats.mergedTwins > 56_000);
    assert.ok(result.articles.every((a, i) => i === 0 || result.articles[i - 1].number < a.number));
  });

  it('fills id, title, a product and a section for at least 99.5% of articles', () => {
    const n = result.articles.length;
    const share = (f: (a: Article) => boolean) => result.articles.filter(f).length / n;
    assert.ok(share((a) => /^Q[1-9]\d+$/.test(a.id)) >= 0.995);
    assert.ok(share((a) => a.title.length > 0) >= 0.995);
    assert.ok(share((a) => a.products.length > 0) >= 0.995);
    assert.ok(share((a) => a.sections.length > 0) >= 0.995);
  });

  it('never keeps the legal disclaimer in a section', () => {
    assert.ok(result.articles.every((a) => a.sections.every((s) => !s.text.includes('THE INFORMATION PROVIDED IN THE MICROSOFT KNOWLEDGE BASE'))));
  });

  it('never emits U+FFFD', () => {
    assert.ok(result.articles.every((a) => !a.title.includes('\ufffd') && a.sections.every((s) => !s.text.includes('\ufffd'))));
  });

  it('reads seed Q161043 (SMS 1.2 Despooler WIN32 ERROR = 32) field by field', () => {
    const a = seed('Q161043');
    assert.equal(a.number, 161043);
    assert.equal(a.title, "SMS: Despooler Error: 'WIN32 ERROR = 32'");
    assert.deepEqual(a.products, ['Microsoft Systems Management Server']);
    assert.deepEqual(a.versions, [{ platform: 'winnt', version: '1.2' }]);
    assert.equal(a.versionText, 'winnt:1.2');
    assert.deepEqual(a.operatingSystems, []);
    assert.deepEqual(a.keywords, ['kbtool', 'kbusage', 'kbDespooler', 'smsdespooler', 'kbfixlist']);
    assert.equal(a.lastModified, '2001-07-31');
    assert.equal(a.category, 'sms');
    assert.equal(a.issueType, 'kbbug');
    assert.deepEqual(a.appliesTo, ['Microsoft Systems Management Server version 1.2']);
    assert.deepEqual(
      a.sections.map((s) => s.kind),
      ['symptoms', 'cause', 'workaround', 'status'],
    );
    assert.deepEqual(
      a.sections.map((s) => s.heading),
      ['SYMPTOMS', 'CAUSE', 'WORKAROUND', 'STATUS'],
    );
    assert.match(a.sections[0].text, /^ +failed to open <path to INS file in Despoolr> WIN32 ERROR = 32$/m);
    assert.match(a.sections[3].text, /Service Pack/);
    assert.deepEqual(a.references, []);
    assert.deepEqual(a.queryWords, ['Despool', 'Error32', '32', 'share']);
    assert.deepEqual(
      a.sources.map((s) => [path.basename(s.path), s.format, s.encoding]),
      [
        ['README.md', 'markdown', 'utf-8'],
        ['Q161043.TXT', 'text', 'utf-8'],
      ],
    );
  });

  it('reads seed Q207416 (SMS 2.0 Distribution Manager Error 32) field by field', () => {
    const a = seed('Q207416');
    assert.equal(a.title, 'SMS: Distribution Manager Does Not Process a New Package');
    assert.deepEqual(a.products, ['Microsoft Systems Management Server']);
    assert.deepEqual(a.versions, [{ platform: '', version: '2.0' }]);
    assert.equal(a.versionText, ':2.0');
    assert.deepEqual(a.keywords, ['kbsms200', 'kbPackage', 'kbSoftwareDist']);
    assert.equal(a.lastModified, '2000-11-16');
    assert.equal(a.category, 'sms');
    assert.equal(a.issueType, 'kbprb');
    assert.deepEqual(a.appliesTo, ['Microsoft Systems Management Server version 2.0']);
    assert.deepEqual(
      a.sections.map((s) => s.kind),
      ['symptoms', 'cause', 'workaround', 'more-information'],
    );
    assert.match(a.sections[0].text, /^ +Error 32: The process cannot access the file because it is being used by$/m);
    assert.match(a.sections[3].text, /error 32/);
    assert.deepEqual(a.queryWords, ['prodsms']);
    assert.deepEqual(
      a.sources.map((s) => s.format),
      ['markdown', 'text'],
    );
  });

  it('decodes the non-UTF-8 text files without losing characters', () => {
    const encodings = new Set(result.articles.flatMap((a) => a.sources.map((s) => s.encoding)));
    assert.deepEqual([...encodings].sort(), ['cp437', 'utf-8', 'windows-1252']);
  });
});
