/**
 * `kbsleuth check` and `kbsleuth index` as a user runs them: counts and problems, exit codes, the saved
 * index that `index` leaves, served afterwards without a rebuild.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.js';
import { KnowledgeBase } from '../../src/knowledge-base.js';

const CLI = path.join(PROJECT_DIR, 'src', 'cli.ts');
const FIXTURES = path.join(PROJECT_DIR, 'test', 'fixtures', 'ingest');
const GOOD = path.join(FIXTURES, 'good');
const MALFORMED = path.join(FIXTURES, 'malformed');

describe('cli: check and index', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-cli-index-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const kbsleuth = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: path.join(dir, 'data'), WATCH: '0', WORKERS: '1', ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('check --json counts the files, formats, articles and merged twins of a folder, and exits 0', () => {
    const r = kbsleuth(['check', '--json', GOOD]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual([report.files, report.markdownFiles, report.textFiles, report.articles, report.mergedTwins, report.problems], [4, 2, 2, 3, 1, 0]);
    assert.deepEqual(report.dirs, [GOOD]);
  });

  it('check lists the problems by kind, at most --problems of them', () => {
    const r = kbsleuth(['check', '--json', '--problems', '1', GOOD, MALFORMED]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.ok(report.problems >= 2, `${report.problems} problems`);
    assert.equal(
      Object.values(report.problemsByKind as Record<string, number>).reduce((a, b) => a + b, 0),
      report.problems,
    );
    assert.equal(report.problemList.length, 1);
    assert.ok(report.problemList[0].path.startsWith(MALFORMED));
  });

  it('check prints a readable report without --json', () => {
    const r = kbsleuth(['check', GOOD]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^files: +4 \(2 markdown, 2 text\)$/m);
    assert.match(r.stdout, /^articles: +3$/m);
    assert.match(r.stdout, /^problems: +0$/m);
  });

  it('check exits 1 when a folder holds no article', () => {
    const empty = mkdtempSync(path.join(dir, 'empty-'));
    const r = kbsleuth(['check', '--json', empty]);
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout).articles, 0);
  });

  it('check fails naming the folder when none of the folders exists', () => {
    const r = kbsleuth(['check', path.join(dir, 'no-such-kb')]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /none of the KB folders exists \(.*no-such-kb\); set KB_DIR/);
  });

  it('index builds and saves the index under DATA_DIR, which a server then serves without rebuilding', async () => {
    const r = kbsleuth(['index', GOOD], { PROGRESS: '0' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^indexed 3 articles from 4 files in [\d.]+ s -> .+$/m);
    const kb = new KnowledgeBase({ kbDirs: [GOOD], dataDir: path.join(dir, 'data'), maxQueryChars: 2000 }, { log: () => {} });
    try {
      assert.ok(existsSync(kb.files.index), kb.files.index);
      await kb.open();
      assert.equal(kb.state().source, 'saved', 'the saved index matches the sources: no rebuild');
      assert.equal(kb.state().articles, 3);
    } finally {
      kb.close();
    }
  });
});
