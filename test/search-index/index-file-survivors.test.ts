/**
 * search-index/index-file, what index-file.test.ts leaves unchecked: checkSavedIndex (the server's checksum pass, a
 * chunk at a time), each refusal of parseHeader with its text and the caller's fix, and readIndexHeader. Over an
 * index of articles written here; bodies over one 4 MiB chunk are made by padding a saved body and writing its
 * header again with the new length and checksum.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { IndexFormatError } from '../../src/errors.js';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { FIELDS } from '../../src/search-index/index-data.js';
import {
  checkSavedIndex,
  INDEX_FORMAT_VERSION,
  INDEX_MAGIC,
  loadIndex,
  parseHeader,
  readIndexHeader,
  saveIndex,
  type IndexHeader,
} from '../../src/search-index/index-file.js';
import { openSavedIndex } from '../../src/search-index/index-reader.js';
import { fakeArticle } from '../support/articles.js';
import { refusedWith } from '../support/errors.js';

const CHUNK = 4 << 20;
const FIX = 'restart with --rebuild';
const articles = [
  fakeArticle(190001, 'Kettle alarm chirps', { symptoms: 'The kettle alarm chirps at dawn.' }),
  fakeArticle(190002, 'Bellows pump leaks', { symptoms: 'The bellows pump leaks oil after a restart.' }),
];

describe('search-index/index-file: the checksum pass and the header checks', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-index-file-survivors-'));
    file = path.join(dir, 'index.bin');
    saveIndex(file, buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 'feed42' }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The saved file split into its header (parsed) and body. */
  function parts(): { header: IndexHeader; body: Buffer } {
    const bytes = readFileSync(file);
    const nl = bytes.indexOf(0x0a, INDEX_MAGIC.length);
    return {
      header: JSON.parse(bytes.subarray(INDEX_MAGIC.length, nl).toString('utf8')) as IndexHeader,
      body: Buffer.from(bytes.subarray((nl + 8) & ~7)),
    };
  }
  /** Writes `name` from a header (as given: nothing recomputed) and a body. */
  function write(name: string, header: object, body: Buffer): string {
    const head = Buffer.from(INDEX_MAGIC + JSON.stringify(header) + '\n', 'utf8');
    const out = path.join(dir, name);
    writeFileSync(out, Buffer.concat([head, Buffer.alloc(((head.length + 7) & ~7) - head.length, 0x20), body]));
    return out;
  }
  /** The saved body padded to `bytes` with a pattern, under a header whose length and checksum match it. */
  function padded(name: string, bytes: number): string {
    const { header, body } = parts();
    const long = Buffer.alloc(bytes);
    for (let i = body.length; i < bytes; i++) long[i] = (i * 31) & 0xff;
    body.copy(long);
    return write(name, { ...header, bodyBytes: long.length, crc32: crc32(long) }, long);
  }

  describe('checkSavedIndex', () => {
    it('passes a whole file', async () => {
      await checkSavedIndex(file);
    });

    it('passes a body of several chunks, the checksum carried from one to the next', async () => {
      await checkSavedIndex(padded('three-chunks.bin', 2 * CHUNK + 1000));
    });

    it('refuses a body of several chunks with one byte changed in its last chunk, ending with the fix given', async () => {
      const bad = padded('flipped.bin', 2 * CHUNK + 1000);
      const bytes = readFileSync(bad);
      bytes[bytes.length - 10] ^= 0x01;
      writeFileSync(bad, bytes);
      await assert.rejects(checkSavedIndex(bad, FIX), refusedWith(/fails its checksum \(corrupt\); restart with --rebuild\.$/));
    });

    it('refuses a body whose size is not what its header says, with both sizes and the default fix', async () => {
      const { header, body } = parts();
      const longer = write('longer.bin', header, Buffer.concat([body, Buffer.alloc(8)]));
      await assert.rejects(
        checkSavedIndex(longer),
        refusedWith(
          new RegExp(
            `holds ${header.bodyBytes + 8} bytes of index but its header says ${header.bodyBytes} \\(truncated\\?\\); it will be rebuilt from the articles\\.$`,
          ),
        ),
      );
      const shorter = write('shorter.bin', header, body.subarray(0, body.length - 8));
      await assert.rejects(checkSavedIndex(shorter, FIX), refusedWith(new RegExp(`holds ${header.bodyBytes - 8} bytes.*; ${FIX}\\.$`)));
    });

    it('refuses a file cut short while it is being read, instead of reading for ever', async () => {
      const cut = padded('cut.bin', 2 * CHUNK + 1000);
      // The first chunk is read before checkSavedIndex first yields; the file loses the rest meanwhile.
      const checking = checkSavedIndex(cut, FIX);
      truncateSync(cut, CHUNK);
      await assert.rejects(checking, refusedWith(/ended early \(truncated\?\); restart with --rebuild\.$/));
    });

    it('gives its file descriptor back, whether the file passes or not', async () => {
      const open = () => readdirSync('/proc/self/fd').length;
      const before = open();
      const foreign = path.join(dir, 'foreign-fd.bin');
      writeFileSync(foreign, 'not an index\n');
      for (let i = 0; i < 10; i++) {
        await checkSavedIndex(file);
        await assert.rejects(checkSavedIndex(foreign));
      }
      assert.equal(open(), before);
    });

    it('refuses a file that is not an index with the fix given', async () => {
      const foreign = path.join(dir, 'foreign.bin');
      writeFileSync(foreign, 'just some text\nand more\n');
      await assert.rejects(
        checkSavedIndex(foreign, FIX),
        refusedWith(/is not a kbsleuth index file \(no "KBSLEUTH-INDEX" marker\); restart with --rebuild\.$/),
      );
    });
  });

  describe('parseHeader refuses, naming the file, what is wrong and the fix', () => {
    const good = () => parts().header;
    const header = (h: object) => Buffer.from(INDEX_MAGIC + JSON.stringify(h) + '\n', 'utf8');
    const cases: [string, () => Buffer, RegExp][] = [
      ['a marker line and nothing after it', () => Buffer.from(INDEX_MAGIC + '{"format":8'), /x\.bin has no header line \(truncated\?\); FIX\.$/],
      ['a header that is not JSON', () => Buffer.from(INDEX_MAGIC + '{format:8}\n'), /x\.bin has an unreadable header \(corrupt\?\); FIX\.$/],
      [
        'another format version, naming both',
        () => header({ ...good(), format: INDEX_FORMAT_VERSION + 1 }),
        new RegExp(
          `is format ${INDEX_FORMAT_VERSION + 1} but this kbsleuth reads format ${INDEX_FORMAT_VERSION} \\(it was written by another version\\); FIX\\.$`,
        ),
      ],
      [
        'other fields, naming both lists',
        () => header({ ...good(), fields: ['title', 'body'] }),
        new RegExp(`was built with fields title,body but this build uses ${FIELDS.join(',')}; FIX\\.$`),
      ],
      [
        'average field lengths that are no list',
        () => header({ ...good(), avgFieldLengths: 3 }),
        /has no average field lengths in its header \(corrupt\?\); FIX\.$/,
      ],
      ['one average field length too few', () => header({ ...good(), avgFieldLengths: FIELDS.slice(1).map(() => 1) }), /no average field lengths/],
      ['a negative average field length', () => header({ ...good(), avgFieldLengths: FIELDS.map((_, i) => (i === 2 ? -1 : 1)) }), /no average field lengths/],
      [
        'an average field length that is not a number',
        () => header({ ...good(), avgFieldLengths: FIELDS.map((_, i) => (i === 2 ? '1' : 1)) }),
        /no average field lengths/,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      it(name, () => assert.throws(() => parseHeader(bytes(), 'x.bin', 'FIX'), refusedWith(message)));
    }

    it('keeps the JSON error as the cause of an unreadable header', () => {
      assert.throws(
        () => parseHeader(Buffer.from(INDEX_MAGIC + '{format:8}\n'), 'x.bin'),
        (err: unknown) => err instanceof IndexFormatError && err.cause instanceof SyntaxError && /it will be rebuilt from the articles\.$/.test(err.message),
      );
    });

    it('takes average field lengths of zero, and gives the body start after the header, 8-aligned', () => {
      const h = { ...good(), avgFieldLengths: FIELDS.map(() => 0) };
      const bytes = header(h);
      const { header: back, bodyStart } = parseHeader(bytes, 'x.bin');
      assert.deepEqual(back, h);
      assert.equal(bodyStart, (bytes.length + 7) & ~7);
      assert.equal(bodyStart % 8, 0);
    });
  });

  it('readIndexHeader reads the sources, format and document count without the body', () => {
    const { header } = parts();
    assert.deepEqual(readIndexHeader(file), header);
    assert.equal(readIndexHeader(file).sourceHash, 'feed42');
    assert.equal(readIndexHeader(file).docCount, 2);
  });

  it('saves the article ids sorted with their document numbers, whatever order the documents come in', () => {
    const unordered = [
      fakeArticle(190300, 'Sluice gate jams', { symptoms: 'The sluice gate jams.' }),
      fakeArticle(190100, 'Winch cable frays', { symptoms: 'The winch cable frays.' }),
      fakeArticle(190200, 'Damper flap rattles', { symptoms: 'The damper flap rattles.' }),
    ];
    const saved = path.join(dir, 'unordered.bin');
    saveIndex(saved, buildIndex(unordered.map(indexedDocumentOf), unordered.length, { sourceHash: 'x' }));
    const { docIds } = openSavedIndex(saved).index;
    assert.deepEqual(
      unordered.map((a) => docIds!.get(a.id)),
      [0, 1, 2],
    );
  });

  it('loadIndex gives the words at their ids, as many terms as the header counts (a word pair last), and nothing else', () => {
    // The body (the last field read) puts known words in a new order: the last id is a word pair's.
    const last = fakeArticle(190400, 'Kettle pump', { symptoms: 'kettle pump', resolution: 'pump kettle' });
    const built = buildIndex([...articles, last].map(indexedDocumentOf), 3, { sourceHash: 'x' });
    assert.equal(built.terms.at(-1), '', 'the last term is a word pair');
    const saved = path.join(dir, 'pair-last.bin');
    saveIndex(saved, built);
    const back = loadIndex(saved);
    assert.equal(back.terms.length, built.terms.length);
    assert.deepEqual(
      Array.from(back.terms, (t) => t ?? ''),
      built.terms,
    );
    assert.deepEqual(
      Object.keys(back.terms).filter((k) => !/^\d+$/.test(k)),
      [],
    );
  });

  it('loadIndex refuses a file listing fewer terms than its sorted term ids', () => {
    const { header, body } = parts();
    const fewer = {
      ...header,
      sections: { ...header.sections, sortedTerms: { ...header.sections.sortedTerms, bytes: header.sections.sortedTerms.bytes - 4 } },
    };
    const bad = write('fewer-terms.bin', fewer, body);
    const terms = header.sections.sortedTerms.bytes / 4;
    assert.throws(() => loadIndex(bad), refusedWith(new RegExp(`lists ${terms} terms, expected ${terms - 1}; it will be rebuilt\\.$`)));
  });

  it('loadIndex refuses a file cut short, with both sizes', () => {
    const { header, body } = parts();
    const bad = write('cut-load.bin', header, body.subarray(0, body.length - 16));
    assert.throws(
      () => loadIndex(bad),
      refusedWith(
        new RegExp(`holds ${header.bodyBytes - 16} bytes of index but its header says ${header.bodyBytes} \\(truncated\\?\\); it will be rebuilt\\.$`),
      ),
    );
  });
});
