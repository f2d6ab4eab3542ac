/** The CLI's argument checks: a bad value is a usage error that names the option, never a misread value. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.js';
import { makeTempDataDir, PROJECT_KB_DIR } from '../support/app.js';

const CLI = path.join(PROJECT_DIR, 'src', 'cli.ts');

function kbsleuth(args: string[], input = '', dataDir = makeTempDataDir()): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, KB_DIR: PROJECT_KB_DIR, DATA_DIR: dataDir, WATCH: '0', WORKERS: '1', KBSLEUTH_URL: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: arguments', () => {
  for (const port of ['abc', '3000x', '70000', '-1']) {
    it(`refuses --port ${port}, naming the option, without starting a server`, () => {
      const r = kbsleuth(['serve', '--port', port]);
      assert.equal(r.status, 2, 'a bad option value is bad usage, exit 2, as for the query commands');
      assert.match(r.stderr, /--port <port>' argument '.*' is invalid\. give a whole number from 0 to 65535/);
      assert.doesNotMatch(r.stderr, /listening/);
    });
  }

  it('refuses a --problems count that is not a whole number, as bad usage (exit 2), before loading anything', () => {
    const r = kbsleuth(['check', '--problems', 'abc', '--json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--problems <n>' argument 'abc' is invalid\. give a whole number/);
    assert.deepEqual(Object.keys(JSON.parse(r.stdout)), ['error'], '--json prints the error as JSON and nothing else');
  });

  it('refuses --answer without KEY=VALUE instead of reading a cut key, as bad usage (exit 2)', () => {
    const r = kbsleuth(['troubleshoot', '--answer', 'foo'], 'despooler failed\n');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--answer <key=value\.\.\.>' argument 'foo' is invalid\. write the answer as KEY=VALUE/);
  });

  it('reads --answer KEY=VALUE whole, the key up to the first "="', () => {
    const dataDir = makeTempDataDir();
    assert.equal(kbsleuth(['index'], '', dataDir).status, 0);
    const r = kbsleuth(
      ['troubleshoot', '--json', '--answer', 'version:sms=1.2', '--answer', 'other=a=b'],
      'Despooler failed to open the instruction file WIN32 ERROR = 32\n',
      dataDir,
    );
    assert.equal(r.status, 0, r.stderr);
    const answers = JSON.parse(r.stdout).answers as Record<string, string>;
    assert.equal(answers['version:sms'], '1.2');
  });
});
