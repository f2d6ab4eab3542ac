/** search-index/header-line: a saved file's first line, read without its body, however long the line is. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readHeaderLineOf } from '../../src/search-index/header-line.js';

describe('search-index/header-line', () => {
  let dir: string;
  const fileOf = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-header-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads up to and including the first newline, not the body', () => {
    assert.equal(readHeaderLineOf(fileOf('short', 'MAGIC\n{"a":1}\nbody body\n'), 0).toString(), 'MAGIC\n');
  });

  it('reads from `from`: the newline ending the magic line does not end the header', () => {
    assert.equal(readHeaderLineOf(fileOf('from', 'MAGIC\n{"a":1}\nbody\n'), 6).toString(), 'MAGIC\n{"a":1}\n');
  });

  it('reads a header line longer than the first 64 KiB chunk whole', () => {
    const header = `H${'x'.repeat(200_000)}\n`;
    const line = readHeaderLineOf(fileOf('long', header + 'y'.repeat(300_000)), 0);
    assert.equal(line.length, header.length);
    assert.equal(line.toString(), header);
  });

  it('reads the whole file when no newline follows (a truncated file)', () => {
    const content = 'MAGIC\n' + 'z'.repeat(100_000);
    assert.equal(readHeaderLineOf(fileOf('cut', content), 6).toString(), content);
  });

  it('reads a file whose only newline is its first byte', () => {
    assert.equal(readHeaderLineOf(fileOf('nl', '\nrest'), 0).toString(), '\n');
  });

  it('reads an empty file as nothing', () => {
    assert.equal(readHeaderLineOf(fileOf('empty', ''), 0).length, 0);
  });
});
