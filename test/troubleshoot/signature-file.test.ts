import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IndexFormatError } from '../../src/errors.js';
import { loadSignatureIndex, saveSignatureIndex, signatureIndexOf } from '../../src/troubleshoot/signature-file.js';

const MAGIC = 'KBSLEUTH-SIGNATURES\n';
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
      // At similarity 0 every candidate is answered: a token the file looks up wrongly shows here.
      assert.deepEqual(back.match(line, 0), built.match(line, 0), `${line} (any similarity)`);
    }
    assert.equal(back.match('despooler failed to open <path> win32 error = <num>')[1].record.line, 'Failed to open <path>\nWIN32 ERROR = 32');
  });

  it('reads back a larger index alike, every token and template found in its sorted tables', () => {
    // Words of two letters, first seen in an order unlike their sorted one, so a table saved unsorted is searched wrongly.
    const word = (i: number) => String.fromCharCode(97 + (i % 20)) + String.fromCharCode(97 + (Math.floor(i / 20) % 20));
    const many: SignatureRecord[] = Array.from({ length: 120 }, (_, i) => {
      const template = `${word(i)} ${word(i + 1)} ${word(i * 3 + 2)} <num>`;
      return { id: `Q${310000 + (i % 50)}`, template, line: template, section: 'symptoms' };
    });
    const file = path.join(dir, 'many.bin');
    const built = new SignatureIndex(many);
    saveSignatureIndex(file, 'hash1', built);
    const back = loadSignatureIndex(file);
    for (let i = 0; i < 120; i += 7) {
      for (const line of [many[i].template, `${word(i)} ${word(i + 1)}`, 'aa ab', `${word(i)} unknown`]) {
        assert.deepEqual(back.match(line, 0), built.match(line, 0), line);
      }
      assert.ok(back.match(`${word(i)} ${word(i + 1)}`, 0).length > 0, 'two words of a template find it');
      assert.ok(back.match(many[i].template)[0].similarity === 1, `${many[i].template} finds itself`);
    }
  });

  it('reads an index from bytes that do not start on an 8-byte boundary', () => {
    const file = path.join(dir, 'signatures.bin');
    const built = new SignatureIndex(records);
    saveSignatureIndex(file, 'hash1', built);
    const whole = readFileSync(file);
    const shifted = Buffer.from(new ArrayBuffer(whole.length + 1), 1, whole.length);
    whole.copy(shifted);
    const back = signatureIndexOf(shifted, file);
    assert.deepEqual(back.match('access denied'), built.match('access denied'));
  });

  it('refuses a file cut in its header, an unreadable header, a corrupt body and mismatched tables', () => {
    const file = path.join(dir, 'signatures.bin');
    saveSignatureIndex(file, 'hash1', new SignatureIndex(records));
    const whole = readFileSync(file);
    const nl = whole.indexOf(0x0a, MAGIC.length);
    const refused = (bytes: Buffer, what: RegExp) =>
      assert.throws(
        () => signatureIndexOf(bytes, file),
        (err: Error) => err instanceof IndexFormatError && what.test(err.message),
      );
    refused(whole.subarray(0, MAGIC.length + 10), /has no header line \(truncated\?\); it will be rebuilt from the articles\.$/);
    const badHeader = Buffer.from(whole);
    badHeader.write('!', MAGIC.length + 1, 'latin1');
    refused(badHeader, /has an unreadable header \(corrupt\?\)/);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 1] ^= 0xff;
    refused(flipped, /fails its checksum \(corrupt\)/);
    /** The file with its header edited, padded to the same length so the body stays where it is. */
    const withHeader = (edit: (h: Record<string, any>) => void) => {
      const header = JSON.parse(whole.subarray(MAGIC.length, nl).toString('utf8'));
      edit(header);
      const text = JSON.stringify(header);
      assert.ok(text.length <= nl - MAGIC.length);
      return Buffer.concat([whole.subarray(0, MAGIC.length), Buffer.from(text.padEnd(nl - MAGIC.length, ' ')), whole.subarray(nl)]);
    };
    assert.equal(
      signatureIndexOf(
        withHeader(() => undefined),
        file,
      ).size,
      records.length,
      'an unedited header reads',
    );
    refused(
      withHeader((h) => (h.recordCount = 3)),
      /has tables of mismatched sizes/,
    );
    refused(
      withHeader((h) => (h.sections.tokenIds.bytes -= 4)),
      /has tables of mismatched sizes/,
    );
    refused(
      withHeader((h) => (h.sections.templateRecordStarts.bytes -= 4)),
      /has tables of mismatched sizes/,
    );
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
    const format = Number(/"format":(\d+)/.exec(whole.toString('latin1'))![1]);
    writeFileSync(file, Buffer.from(whole.toString('latin1').replace(`"format":${format}`, `"format":${format - 1}`), 'latin1'));
    refused(new RegExp(`is format ${format - 1} but this kbsleuth reads format ${format}`));
    writeFileSync(file, '{"sourceHash":"hash1","records":[]}');
    refused(/is not a kbsleuth signature file \(no "KBSLEUTH-SIGNATURES" marker\); it will be rebuilt from the articles\.$/);
  });
});
