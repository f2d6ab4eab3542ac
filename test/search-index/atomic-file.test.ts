import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileAtomically } from '../../src/search-index/atomic-file.js';

/** A part whose bytes cannot be had: the write fails after the parts before it went to disk. */
const failingPart = () => ({ get byteLength(): number { throw new Error('disk full'); } }) as unknown as Uint8Array;

describe('search-index/atomic-file', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-atomic-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every part, in order', () => {
    const file = path.join(dir, 'whole.bin');
    writeFileAtomically(file, ['first ', Buffer.from('second')]);
    assert.equal(readFileSync(file, 'utf8'), 'first second');
  });

  it('a failed write keeps the previous file and leaves no temporary file', () => {
    const file = path.join(dir, 'kept.bin');
    writeFileSync(file, 'the previous content');
    // The first part is written into the temporary file before the second fails: a failure mid-write.
    assert.throws(() => writeFileAtomically(file, ['x'.repeat(100_000), failingPart()]), /disk full/);
    assert.equal(readFileSync(file, 'utf8'), 'the previous content');
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('kept.bin.')), [], 'the temporary file is removed');
  });

  it('a failed first write leaves no file at all', () => {
    const file = path.join(dir, 'never.bin');
    assert.throws(() => writeFileAtomically(file, ['partial', failingPart()]), /disk full/);
    assert.ok(!existsSync(file));
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('never.bin')), []);
  });
});
