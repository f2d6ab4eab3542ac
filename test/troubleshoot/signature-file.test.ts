import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IndexFormatError } from '../../src/errors.js';
import { loadSignatureIndex, saveSignatureIndex } from '../../src/troubleshoot/signature-file.js';
import { SignatureIndex, type SignatureRecord } from '../../src/troubleshoot/signature-index.js';

const records: SignatureRecord[] = [
  { id: 'Q300001', template: 'despooler failed to open <path> win32 error = <num>', line: 'failed to open <path> WIN32 ERROR = 32', section: 'symptoms' },
  { id: 'Q300002', template: 'despooler failed to open <path> win32 error = <num>', line: 'Failed to open <path>\nWIN32 ERROR = 32', section: 'cause' },
  { id: 'Q300003', template: 'cannot connect to server share', line: 'Cannot connect to "server" share', section: 'symptoms' },
  { id: 'Q300004', template: 'access denied', line: 'Access denied.', section: 'more information' },
];

describe('troubleshoot/signature-file', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-sig-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back an index that matches every line as the one saved, records and all', () => {
    const file = path.join(dir, 'signatures.bin');
    const built = new SignatureIndex(records);
    saveSignatureIndex(file, 'hash1', built);
    const back = loadSignatureIndex(file, { sourceHash: 'hash1' });
    assert.equal(back.size, records.length);
    for (const line of [
      'despooler failed to open <path> win32 error = <num>',
      'failed to open <path> win32 error',
      'cannot connect to server share now',
      'access denied',
      'nothing like it',
    ]) {
      assert.deepEqual(back.match(line), built.match(line), line);
    }
    assert.equal(back.match('despooler failed to open <path> win32 error = <num>')[1].record.line, 'Failed to open <path>\nWIN32 ERROR = 32');
  });

  it('refuses a truncated file, another build and another format, saying what to do', () => {
    const file = path.join(dir, 'signatures.bin');
    saveSignatureIndex(file, 'hash1', new SignatureIndex(records));
    const whole = readFileSync(file);
    const refused = (what: RegExp, options = {}) =>
      assert.throws(
        () => loadSignatureIndex(file, options),
        (err: Error) => err instanceof IndexFormatError && what.test(err.message),
      );
    refused(/comes from another build than the search index; it will be rebuilt/, { sourceHash: 'hash2' });
    refused(/comes from another build.*run `kbsleuth index`/, { sourceHash: 'hash2', fix: 'run `kbsleuth index`' });
    writeFileSync(file, whole.subarray(0, whole.length - 100));
    refused(/bytes but its header says .* \(truncated\?\)/);
    writeFileSync(file, Buffer.from(whole.toString('latin1').replace('"format":3', '"format":2'), 'latin1'));
    refused(/is format 2 but this kbsleuth reads format 3/);
    writeFileSync(file, '{"sourceHash":"hash1","records":[]}');
    refused(/is not a kbsleuth signature file/);
  });
});
