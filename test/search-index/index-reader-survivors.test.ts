/**
 * search-index/index-reader, what the bundled-articles tests leave unchecked: each bounds check of a damaged file
 * (header sizes, sections, documents, the word-pair table, term ids and postings spans), the lazy documents
 * answering like an array, the prefix look-up's ranking and its 500-candidate cut, the terms named only when
 * read, and the descriptor given back. Over an index of articles written here, damaged by rewriting its header or
 * its body's bytes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { FIELDS, pairKey, type IndexData } from '../../src/search-index/index-data.js';
import { INDEX_MAGIC, loadIndex, saveIndex, type IndexHeader } from '../../src/search-index/index-file.js';
import { openSavedIndex } from '../../src/search-index/index-reader.js';
import { fakeArticle } from '../support/articles.js';
import { refusedWith } from '../support/errors.js';

const F = FIELDS.length;
/** 600 words sharing the prefix `pfx`: a prefix look-up ranks only the first 500 of them. */
const PFX = Array.from({ length: 600 }, (_, i) => `pfx${String(i).padStart(3, '0')}`);
// pfx500, the 501st in sorted order, is in all three articles; quillb in three, quillc in two, quilla in one.
const articles = [
  fakeArticle(180001, 'Heron gauge drifts', { symptoms: `${PFX.join(' ')} quilla quillb quillc marmot` }),
  fakeArticle(180002, 'Otter valve sticks', { symptoms: 'pfx500 quillb quillc zebra otter' }),
  fakeArticle(180003, 'Lantern relay hums', { symptoms: 'pfx500 quillb lantern' }),
];

describe('search-index/index-reader: damaged files, lazy documents and prefix look-ups', () => {
  let dir: string;
  let file: string;
  let built: IndexData;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-reader-survivors-'));
    file = path.join(dir, 'index.bin');
    built = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 'survivors' });
    saveIndex(file, built);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const idOf = (term: string) => {
    const id = built.termIds.get(term);
    assert.ok(id !== undefined, `the articles hold ${term}`);
    return id;
  };

  /** A copy of the saved index with its header and body edited; the header is written again at its new length. */
  function damaged(name: string, edit: { header?: (h: IndexHeader) => void; body?: (body: Buffer, h: IndexHeader) => void; tail?: number }): string {
    const bytes = readFileSync(file);
    const nl = bytes.indexOf(0x0a, INDEX_MAGIC.length);
    const header = JSON.parse(bytes.subarray(INDEX_MAGIC.length, nl).toString('utf8')) as IndexHeader;
    const body = Buffer.from(bytes.subarray((nl + 8) & ~7));
    edit.body?.(body, header);
    edit.header?.(header);
    const head = Buffer.from(INDEX_MAGIC + JSON.stringify(header) + '\n', 'utf8');
    const padding = Buffer.alloc(((head.length + 7) & ~7) - head.length, 0x20);
    const tail = edit.tail ?? 0;
    const out = path.join(dir, name);
    const whole = Buffer.concat([head, padding, body]);
    writeFileSync(out, tail >= 0 ? Buffer.concat([whole, Buffer.alloc(tail)]) : whole.subarray(0, whole.length + tail));
    return out;
  }
  /** Writes a 32-bit entry of a section of the body. */
  const setU32 = (section: keyof IndexHeader['sections'], i: number, value: number) => (body: Buffer, h: IndexHeader) =>
    body.writeUInt32LE(value, h.sections[section].offset + i * 4);
  const u32At = (section: keyof IndexHeader['sections'], i: number) => {
    const h = headerOf();
    return readFileSync(file).readUInt32LE(bodyStartOf() + h.sections[section].offset + i * 4);
  };
  const headerOf = (): IndexHeader => {
    const bytes = readFileSync(file);
    return JSON.parse(bytes.subarray(INDEX_MAGIC.length, bytes.indexOf(0x0a, INDEX_MAGIC.length)).toString('utf8')) as IndexHeader;
  };
  const bodyStartOf = () => (readFileSync(file).indexOf(0x0a, INDEX_MAGIC.length) + 8) & ~7;

  it('rewrites a copy the reader opens as the original (the helper the damage tests use)', () => {
    const copy = openSavedIndex(damaged('copy.bin', {}));
    assert.equal(copy.index.termIds.get('marmot'), idOf('marmot'));
    assert.deepEqual([...copy.index.docs], JSON.parse(JSON.stringify(built.docs)));
  });

  describe('refuses a damaged file with what is wrong and the fix', () => {
    it('a body longer or shorter than its header says, with both sizes', () => {
      const { bodyBytes } = headerOf();
      for (const tail of [8, -8]) {
        const bad = damaged(`size${tail}.bin`, { tail });
        assert.throws(
          () => openSavedIndex(bad),
          refusedWith(new RegExp(`holds ${bodyBytes + tail} bytes of index but its header says ${bodyBytes} \\(truncated\\?\\); run \`kbsleuth index\``)),
        );
      }
    });

    for (const section of ['offsets', 'weights'] as const) {
      it(`a ${section} section of the wrong size for the term count`, () => {
        const bad = damaged(`short-${section}.bin`, { header: (h) => (h.sections[section].bytes -= 4) });
        assert.throws(() => openSavedIndex(bad), refusedWith(/sections of the wrong sizes for \d+ terms \(corrupt\?\)/));
      });
    }

    it('a document count its header disagrees with', () => {
      const bad = damaged('doc-count.bin', { header: (h) => (h.docCount += 1) });
      assert.throws(() => openSavedIndex(bad), refusedWith(/holds 3 documents, its header says 4; run `kbsleuth index`/));
    });

    for (const section of ['docStarts', 'docIdStarts', 'docIdOrder'] as const) {
      it(`documents missing one entry of ${section}`, () => {
        const bad = damaged(`short-${section}.bin`, { header: (h) => (h.sections[section].bytes -= 4) });
        assert.throws(() => openSavedIndex(bad), refusedWith(/documents, its header says 3/));
      });
    }

    it('a word-pair table whose keys and terms differ in length', () => {
      const bad = damaged('pair-lengths.bin', { header: (h) => (h.sections.pairTerms.bytes -= 4) });
      assert.throws(() => openSavedIndex(bad), refusedWith(/word-pair table entry out of bounds \(corrupt\?\)/));
    });

    it('a word-pair table whose length is not a power of two (its probes wrap with a mask)', () => {
      const bad = damaged('pair-length.bin', {
        header: (h) => {
          h.sections.pairKeys.bytes -= 8;
          h.sections.pairTerms.bytes -= 4;
        },
      });
      assert.throws(() => openSavedIndex(bad), refusedWith(/word-pair table entry out of bounds/));
    });

    it('a section that does not start on an 8-byte boundary', () => {
      const bad = damaged('docs-offset.bin', {
        header: (h) => {
          h.sections.docs.offset += 1;
          h.sections.docs.bytes -= 1;
        },
      });
      assert.throws(() => openSavedIndex(bad), refusedWith(/docs section entry out of bounds/));
    });

    it('a section running past the end of the body', () => {
      const bad = damaged('order-past-end.bin', { header: (h) => (h.sections.docIdOrder.bytes += 8) });
      assert.throws(() => openSavedIndex(bad), refusedWith(/docIdOrder section entry out of bounds/));
    });

    it('a sorted term whose id is past the last term, on its look-up', () => {
      const { termCount } = headerOf();
      const position = built.sortedTerms.indexOf(idOf('marmot'));
      const bad = openSavedIndex(damaged('term-id.bin', { body: setU32('sortedTerms', position, termCount) }));
      assert.throws(() => bad.index.termIds.get('marmot'), refusedWith(/term id entry out of bounds/));
      assert.equal(bad.index.termIds.get('zebra'), idOf('zebra'));
    });

    it('a term whose postings end before they start, on its look-up', () => {
      const id = idOf('marmot');
      const bad = openSavedIndex(damaged('backwards.bin', { body: setU32('offsets', id * F, u32At('offsets', id * F + F) + 1) }));
      assert.throws(() => bad.index.termIds.get('marmot'), refusedWith(/postings entry out of bounds/));
    });
  });

  it('reads a term whose postings span is empty (it ends where it starts): nothing lies out of bounds', () => {
    const id = idOf('marmot');
    const edited = openSavedIndex(damaged('empty-span.bin', { body: setU32('offsets', id * F + F, u32At('offsets', id * F)) }));
    assert.equal(edited.index.termIds.get('marmot'), id);
  });

  it('reads every word and word pair of the file, the last of them ending where the postings do', () => {
    const whole = loadIndex(file);
    const { index } = openSavedIndex(file);
    for (const id of whole.sortedTerms) assert.equal(index.termIds.get(whole.terms[id]), id, whole.terms[id]);
    let pairs = 0;
    for (const [key, id] of whole.pairIds.entries()) {
      assert.equal(index.pairIds.get(key), id);
      pairs++;
    }
    assert.ok(pairs > 600);
    assert.equal(index.offsets[index.offsets.length - 1], index.postings.length);
  });

  it('names only the words it has read, not the word pairs', () => {
    const { index, idfs } = openSavedIndex(file);
    assert.deepEqual(Object.keys(index.terms), []);
    const a = index.termIds.get('lantern')!;
    const b = index.termIds.get('relay')!;
    const pair = index.pairIds.get(pairKey(a, b));
    assert.ok(pair !== undefined, 'the title holds "lantern relay"');
    assert.ok(idfs[pair] > 0, "the pair's idf is worked out when it is read");
    assert.deepEqual(Object.keys(index.terms), [a, b].sort((x, y) => x - y).map(String));
    assert.equal(index.terms[a], 'lantern');
  });

  it('answers has() false for a word the file does not hold', () => {
    const { index } = openSavedIndex(file);
    assert.equal(index.termIds.has('nosuchword'), false);
    assert.equal(index.termIds.has('nosuchword'), false, 'from the memo too');
    assert.equal(index.termIds.has('heron'), true);
  });

  it('refuses to change the word-pair table of a file opened for reading', () => {
    const { index } = openSavedIndex(file);
    assert.throws(() => index.pairIds.set(pairKey(1, 2), 3), refusedWith(/opened for reading cannot be changed/));
  });

  describe('prefix look-ups', () => {
    it('ranks the terms of a prefix by the articles holding them, most first, and keeps `limit`', () => {
      const { index } = openSavedIndex(file);
      assert.deepEqual(index.termIds.startingWith!('quill', 2), [idOf('quillb'), idOf('quillc')]);
      assert.deepEqual(index.termIds.startingWith!('quill', 5), [idOf('quillb'), idOf('quillc'), idOf('quilla')]);
    });

    it('ranks only the first 500 terms of a prefix in sorted order (past them the prefix means little)', () => {
      const { index } = openSavedIndex(file);
      // pfx500, held by all three articles, is the 501st: the first 500, each in one article, keep their order.
      assert.deepEqual(index.termIds.startingWith!('pfx', 2), [idOf('pfx000'), idOf('pfx001')]);
      assert.deepEqual(index.termIds.startingWith!('pfx50', 1), [idOf('pfx500')]);
    });

    it('ranks every term for an empty prefix, stopping at the end of the table', () => {
      // Two articles, far fewer than 500 terms: the look-up runs to the table's end.
      const small = buildIndex(articles.slice(1).map(indexedDocumentOf), 2, { sourceHash: 'small' });
      const smallFile = path.join(dir, 'small.bin');
      saveIndex(smallFile, small);
      const all = openSavedIndex(smallFile).index.termIds.startingWith!('', 10_000);
      assert.deepEqual(
        all.toSorted((a, b) => a - b),
        [...small.sortedTerms].sort((a, b) => a - b),
      );
    });
  });

  describe('documents read lazily', () => {
    it('answer indexing, spreading, map and `in` as an array of them', () => {
      const { index } = openSavedIndex(file);
      const expected = JSON.parse(JSON.stringify(built.docs));
      assert.equal(index.docs.length, 3);
      assert.deepEqual(index.docs[1], expected[1]);
      assert.deepEqual([...index.docs], expected);
      assert.deepEqual(
        index.docs.map((d) => d.id),
        ['Q180001', 'Q180002', 'Q180003'],
      );
      assert.equal(0 in index.docs, true);
      assert.equal(3 in index.docs, false);
      assert.equal('nothing' in index.docs, false);
      assert.equal('length' in index.docs, true);
    });

    it('answer undefined for keys that are no index: past the end, fractions, signs, spaces', () => {
      const { index } = openSavedIndex(file);
      const docs = index.docs as unknown as Record<string, unknown>;
      for (const key of ['3', '1.5', '-0', '+0', ' 0', '\u00a00', '']) assert.equal(docs[key], undefined, JSON.stringify(key));
    });

    it('read only canonical index spellings as indexes, as an array does: 01, 1.0 and 1e0 are property names', () => {
      const { index } = openSavedIndex(file);
      const docs = index.docs as unknown as Record<string, unknown>;
      const array = JSON.parse(JSON.stringify(built.docs)) as Record<string, unknown>;
      for (const key of ['01', '1.0', '1e0', '00', '0x1']) {
        assert.equal(docs[key], array[key], JSON.stringify(key));
        assert.equal(docs[key], undefined, JSON.stringify(key));
        assert.equal(key in docs, key in array, `${JSON.stringify(key)} in`);
      }
      assert.deepEqual(docs['1'], array['1']);
    });

    it('all parsed at once for a server (allDocs) equal those read one by one', () => {
      const eager = openSavedIndex(file, undefined, { allDocs: true }).index.docs;
      assert.deepEqual(eager, JSON.parse(JSON.stringify(built.docs)));
      assert.ok(Array.isArray(eager));
    });

    it('are found by article id, and an unknown id by none', () => {
      const { index } = openSavedIndex(file);
      for (const [i, doc] of built.docs.entries()) assert.equal(index.docIds!.get(doc.id), i);
      assert.equal(index.docIds!.get('Q999999'), undefined);
      assert.equal(index.docIds!.get(''), undefined);
    });
  });

  it('gives its file descriptor back once opened (the mapping keeps the file)', () => {
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) openSavedIndex(file);
    assert.equal(open(), before);
  });
});
