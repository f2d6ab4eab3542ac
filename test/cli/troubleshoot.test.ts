/** cli: `kbsleuth troubleshoot [--json]` reads a paste on stdin and says whether anything explains it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.js';
import { LOG_FIXTURES_DIR, makeTempDataDir, PROJECT_KB_DIR } from '../support/app.js';

const dataDir = makeTempDataDir();
function troubleshootCli(fixture: string, json: boolean): string {
  return execFileSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'kbsleuth.js'), 'troubleshoot', ...(json ? ['--json'] : [])], {
    input: readFileSync(path.join(LOG_FIXTURES_DIR, fixture)),
    env: { ...process.env, KB_DIR: PROJECT_KB_DIR, DATA_DIR: dataDir, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
}

describe('cli: kbsleuth troubleshoot', () => {
  it('prints explained: true and the claim with --json for a paste an article explains', { timeout: 60_000 }, () => {
    const result = JSON.parse(troubleshootCli('despooler-sms12.log', true)) as { explained: boolean; diagnoses: { id: string; claim: boolean }[] };
    assert.equal(result.explained, true);
    assert.equal(result.diagnoses[0].id, 'Q161043');
    assert.equal(result.diagnoses[0].claim, true);
  });

  it('prints explained: false with --json, and says so in text, for a paste nothing explains', { timeout: 60_000 }, () => {
    assert.equal((JSON.parse(troubleshootCli('nothing-known.log', true)) as { explained: boolean }).explained, false);
    assert.match(troubleshootCli('nothing-known.log', false), /^Nothing in the knowledge base explains this paste/);
  });
});
