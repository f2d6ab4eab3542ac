/** cli: `kbsleuth troubleshoot [--json]` reads a paste on stdin and says whether anything explains it, in its output and its exit code. */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.js';
import { LOG_FIXTURES_DIR, makeTempDataDir, PROJECT_KB_DIR } from '../support/app.js';

const dataDir = makeTempDataDir();
const env = { ...process.env, KB_DIR: PROJECT_KB_DIR, DATA_DIR: dataDir, NODE_ENV: 'test', KBSLEUTH_URL: '' };
const kbsleuth = (args: string[], input = '') => spawnSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'kbsleuth.js'), ...args], { input, env, encoding: 'utf8' });

function troubleshootCli(fixture: string, json: boolean): { status: number | null; stdout: string } {
  const r = kbsleuth(['troubleshoot', ...(json ? ['--json'] : [])], readFileSync(path.join(LOG_FIXTURES_DIR, fixture), 'utf8'));
  return { status: r.status, stdout: r.stdout };
}

describe('cli: kbsleuth troubleshoot', () => {
  // The command reads the saved index; it builds none itself.
  before(() => assert.equal(kbsleuth(['index']).status, 0), { timeout: 60_000 });

  it('prints explained: true and the claim with --json for a paste an article explains, and exits 0', { timeout: 60_000 }, () => {
    const r = troubleshootCli('despooler-sms12.log', true);
    const result = JSON.parse(r.stdout) as { explained: boolean; diagnoses: { id: string; claim: boolean }[] };
    assert.equal(result.explained, true);
    assert.equal(result.diagnoses[0].id, 'Q161043');
    assert.equal(result.diagnoses[0].claim, true);
    assert.equal(r.status, 0);
  });

  it('prints explained: false with --json, and says so in text, for a paste nothing explains, and exits 1', { timeout: 60_000 }, () => {
    const json = troubleshootCli('nothing-known.log', true);
    assert.equal((JSON.parse(json.stdout) as { explained: boolean }).explained, false);
    assert.equal(json.status, 1);
    const text = troubleshootCli('nothing-known.log', false);
    assert.match(text.stdout, /^Nothing in the knowledge base explains this paste/);
    assert.equal(text.status, 1);
  });
});
