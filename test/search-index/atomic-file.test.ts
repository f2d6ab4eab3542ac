import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { removeStaleTempFiles, writeFileAtomically } from '../../src/search-index/atomic-file.js';

/** A part whose bytes cannot be had: the write fails after the parts before it went to disk. */
const failingPart = () =>
  ({
    get byteLength(): number {
      throw new Error('disk full');
    },
  }) as unknown as Uint8Array;

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
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('kept.bin.')),
      [],
      'the temporary file is removed',
    );
  });

  it('a failed first write leaves no file at all', () => {
    const file = path.join(dir, 'never.bin');
    assert.throws(() => writeFileAtomically(file, ['partial', failingPart()]), /disk full/);
    assert.ok(!existsSync(file));
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('never.bin')),
      [],
    );
  });

  it('writes a part larger than one 64 MiB write call whole', () => {
    const file = path.join(dir, 'large.bin');
    const big = Buffer.alloc((1 << 26) + 1000, 7);
    big[big.length - 1] = 9;
    writeFileAtomically(file, [big]);
    const back = readFileSync(file);
    assert.equal(back.length, big.length);
    assert.equal(back[back.length - 1], 9);
    rmSync(file);
  });

  it('copies the first bytes of an open file in, across several chunks of the copy', () => {
    const from = path.join(dir, 'copied-from.bin');
    // 8 MiB is one chunk of the copy: three chunks and a bit, with the bytes of each place told apart.
    const source = Buffer.alloc((3 << 23) + 5);
    for (let i = 0; i < source.length; i += 4096) source[i] = (i >> 12) & 0xff;
    writeFileSync(from, Buffer.concat([source, Buffer.from('not copied')]));
    const fd = openSync(from, 'r');
    try {
      const file = path.join(dir, 'copied.bin');
      writeFileAtomically(file, ['head:', { fd, length: source.length }, ':tail']);
      const back = readFileSync(file);
      assert.equal(back.subarray(0, 5).toString(), 'head:');
      assert.ok(back.subarray(5, 5 + source.length).equals(source), 'the bytes copied, in place');
      assert.equal(back.subarray(5 + source.length).toString(), ':tail');
      rmSync(file);
    } finally {
      closeSync(fd);
    }
  });

  it('fails, keeping no file, when the file copied in is shorter than said', () => {
    const from = path.join(dir, 'short-from.bin');
    writeFileSync(from, 'twelve bytes');
    const fd = openSync(from, 'r');
    try {
      const file = path.join(dir, 'short.bin');
      assert.throws(() => writeFileAtomically(file, [{ fd, length: 20 }]), /ended after 12 of its 20 bytes/);
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.startsWith('short.bin')),
        [],
      );
    } finally {
      closeSync(fd);
    }
  });
});

describe('search-index/atomic-file: removeStaleTempFiles', () => {
  let dir: string;
  let file: string;
  /** The pid of a process that has exited. */
  let deadPid: number;
  const NOW = Date.parse('2026-01-01T12:00:00Z');
  const touch = (name: string, minutesAgo: number) => {
    const p = path.join(dir, name);
    writeFileSync(p, 'half');
    const t = new Date(NOW - minutesAgo * 60_000);
    utimesSync(p, t, t);
    return p;
  };
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-stale-'));
    file = path.join(dir, 'index.json');
    deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("deletes a dead writer's temporary file unwritten for a minute, and returns its path", () => {
    const stale = touch(`index.json.${deadPid}.tmp`, 2);
    assert.deepEqual(removeStaleTempFiles(file, NOW), [stale]);
    assert.ok(!existsSync(stale));
  });

  it("deletes this process's own old temporary file (it is not writing now)", () => {
    const own = touch(`index.json.${process.pid}.tmp`, 2);
    assert.deepEqual(removeStaleTempFiles(file, NOW), [own]);
  });

  it("keeps a temporary file written within the minute, even a dead writer's", () => {
    const fresh = touch(`index.json.${deadPid}.tmp`, 0.5);
    assert.deepEqual(removeStaleTempFiles(file, NOW), []);
    assert.ok(existsSync(fresh));
    rmSync(fresh);
  });

  it('keeps the temporary file of a writer that still runs', () => {
    const running = touch(`index.json.${process.ppid}.tmp`, 10);
    assert.deepEqual(removeStaleTempFiles(file, NOW), []);
    assert.ok(existsSync(running));
    rmSync(running);
  });

  it("leaves alone what is not this file's temporary file", () => {
    const others = [
      `index.json.abc.tmp`,
      `index.json.0.tmp`,
      `index.json.-5.tmp`,
      `other.json.${deadPid}.tmp`,
      `index.json.${deadPid}.txt`,
      `xindex.json.${deadPid}.tmp`,
      'index.json',
    ].map((n) => touch(n, 10));
    assert.deepEqual(removeStaleTempFiles(file, NOW), []);
    for (const p of others) assert.ok(existsSync(p), p);
  });

  it('answers nothing for a folder that does not exist', () => {
    assert.deepEqual(removeStaleTempFiles(path.join(dir, 'missing', 'index.json'), NOW), []);
  });
});
