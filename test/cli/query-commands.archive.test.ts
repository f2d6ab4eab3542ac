/**
 * The query commands on the real archive, reading its saved index. Skips when the archive is not beside the
 * project. The index is built into a temporary DATA_DIR (minutes), unless KBSLEUTH_ARCHIVE_DATA_DIR names a
 * DATA_DIR where `kbsleuth index` already built it from the archive (it is built there when missing).
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.js';
import { LOG_FIXTURES_DIR, makeTempDataDir } from '../support/app.js';
import { archiveDir, skipWithoutArchive } from '../support/archive.js';

function kbsleuth(args: string[], env: Record<string, string>, input = '') {
  const r = spawnSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'kbsleuth.js'), ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, KBSLEUTH_URL: '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: query commands on the real archive', { skip: skipWithoutArchive() }, () => {
  let env: Record<string, string>;

  before(
    () => {
      env = { KB_DIR: archiveDir()!, DATA_DIR: process.env.KBSLEUTH_ARCHIVE_DATA_DIR || makeTempDataDir() };
      if (kbsleuth(['article', 'Q161043'], env).status === 3) {
        const built = kbsleuth(['index'], env);
        assert.equal(built.status, 0, built.stderr);
      }
    },
    { timeout: 30 * 60_000 },
  );

  it('searches for an error code and lists the articles quoting it', () => {
    const r = kbsleuth(['search', '0x80070005', '--limit', '5'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+ articles \(1-5 shown\)\n\nQ\d+ {2}\S/);
    const json = JSON.parse(kbsleuth(['search', '0x80070005', '--limit', '5', '--json'], env).stdout);
    assert.equal(json.results.length, 5);
    assert.ok(json.codes.length > 0, 'the code is recognised');
    assert.ok(json.facets.product.length > 0, 'facets are counted as the API counts them');
  });

  it('filters a search as the options say', () => {
    const json = JSON.parse(kbsleuth(['search', 'access', 'denied', '--status', 'fixed', '--limit', '20', '--json'], env).stdout);
    assert.ok(json.results.length > 0);
    assert.ok(json.results.every((h: { fixStatus: { state: string } }) => h.fixStatus.state === 'fixed'));
  });

  it('exits 1 for a search nothing matches', () => {
    assert.equal(kbsleuth(['search', 'qqxjzzvw', 'kkwyxq'], env).status, 1);
  });

  it('prints an article of the archive as ticket text', () => {
    const r = kbsleuth(['article', '161043'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Q161043: .+\nhttp:\/\/\S+\/kb\/Q161043\nFix status: /);
  });

  it('troubleshoots every log fixture with valid JSON and an exit code that agrees with it', () => {
    for (const name of readdirSync(LOG_FIXTURES_DIR).filter((f) => !f.endsWith('.md'))) {
      const r = kbsleuth(['troubleshoot', '--json'], env, readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8'));
      const result = JSON.parse(r.stdout) as { explained?: boolean; diagnoses: { id: string }[] };
      assert.equal(r.status, (result.explained ?? result.diagnoses.length > 0) ? 0 : 1, `${name}: ${r.stderr}`);
    }
  });
});
