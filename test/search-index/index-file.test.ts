import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { loadIndex, saveIndex, INDEX_FORMAT_VERSION } from '../../src/search-index/index-file.js';
import { pairIdOf } from '../../src/search-index/index-data.js';
import { IndexFormatError } from '../../src/errors.js';
import { fakeArticle } from '../support/articles.js';

describe('search-index/index-file', () => {
  let dir: string;
  const articles = [
    fakeArticle(100001, 'Despooler cannot open instruction file', { symptoms: 'The despooler fails to open the instruction file.' }),
    fakeArticle(100002, 'Sender stops after a network error', { symptoms: 'The sender stops when the network path is not found.' }),
  ];
  const index = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 'abc123' });
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-index-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips every part of the index', () => {
    const file = path.join(dir, 'index.bin');
    saveIndex(file, index);
    const back = loadIndex(file);
    assert.equal(back.sourceHash, 'abc123');
    // One-word terms come back at their ids; pair ids have no string.
    assert.deepEqual(
      Array.from(back.terms, (t) => t || ''),
      index.terms,
    );
    assert.deepEqual([...back.sortedTerms], [...index.sortedTerms]);
    assert.deepEqual([...back.df], [...index.df]);
    assert.deepEqual([...back.offsets], [...index.offsets]);
    assert.deepEqual([...back.postings], [...index.postings]);
    assert.deepEqual([...back.weights], [...index.weights]);
    assert.deepEqual(back.docs, JSON.parse(JSON.stringify(index.docs)));
    assert.deepEqual(back.avgFieldLengths, index.avgFieldLengths);
    assert.ok(back.avgFieldLengths.some((x) => x > 0));
    assert.equal(back.termIds.get('despool'), index.termIds.get('despool'));
    assert.equal(pairIdOf(back, 'instruct', 'file'), pairIdOf(index, 'instruct', 'file'));
    assert.notEqual(pairIdOf(back, 'instruct', 'file'), undefined);
  });

  it('leaves no temporary file behind', () => {
    saveIndex(path.join(dir, 'again.bin'), index);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  const refusals: [string, (b: Buffer) => Buffer, RegExp][] = [
    ['a foreign file', () => Buffer.from('hello world\n'), /not a kbsleuth index file/],
    [
      'a file from another format version',
      (b) => Buffer.from(b.toString('latin1').replace(`"format":${INDEX_FORMAT_VERSION}`, '"format":999'), 'latin1'),
      /format 999 but this kbsleuth reads format/,
    ],
    [
      'a header without the average field lengths',
      (b) => Buffer.from(b.toString('latin1').replace(/"avgFieldLengths":\[[^\]]*\]/, '"avgFieldLengths":[1]'), 'latin1'),
      /no average field lengths/,
    ],
    ['a truncated file', (b) => b.subarray(0, b.length - 100), /truncated/],
    [
      'a corrupt file',
      (b) => {
        const c = Buffer.from(b);
        c[c.length - 50] ^= 0xff;
        return c;
      },
      /checksum/,
    ],
  ];
  for (const [name, mangle, message] of refusals) {
    it(`refuses ${name} with a message that says it will be rebuilt`, () => {
      const file = path.join(dir, 'good.bin');
      saveIndex(file, index);
      const bad = path.join(dir, 'bad.bin');
      writeFileSync(bad, mangle(readFileSync(file)));
      assert.throws(
        () => loadIndex(bad),
        (err: unknown) => err instanceof IndexFormatError && message.test(err.message) && /rebuilt/.test(err.message),
      );
    });
  }

  it('refuses to save an index it cannot serialise, before touching the previous file', () => {
    const file = path.join(dir, 'kept.bin');
    saveIndex(file, index);
    const before = readFileSync(file);
    const broken = {
      ...index,
      docs: [
        {
          toJSON() {
            throw new Error('unserialisable');
          },
        },
      ],
    } as unknown as typeof index;
    assert.throws(() => saveIndex(file, broken), /unserialisable/);
    assert.deepEqual(readFileSync(file), before);
  });
});
