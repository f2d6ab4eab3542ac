/**
 * A saved index opened for a few queries (index-reader.ts) reads only the terms it is asked for; it must
 * answer every search and every pasted line exactly as the index loaded whole does. Queries are drawn from the
 * bundled articles' own words with the run's seed (a failure says FC_SEED=N to replay it).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArticleStore } from '../../src/search-index/article-store.js';
import { termOf } from '../../src/search-index/analyze.js';
import { FIELDS } from '../../src/search-index/index-data.js';
import { loadIndex, readIndexHeader, type IndexHeader } from '../../src/search-index/index-file.js';
import { openSavedIndex, type OpenedIndex } from '../../src/search-index/index-reader.js';
import { SearchEngine } from '../../src/search/search.js';
import { matchLine } from '../../src/troubleshoot/match-line.js';
import { troubleshoot } from '../../src/troubleshoot/troubleshoot.js';
import { loadSignatureIndex } from '../../src/troubleshoot/signature-file.js';
import { IndexFormatError } from '../../src/errors.js';
import { writeFileAtomically } from '../../src/search-index/atomic-file.js';
import { LOG_FIXTURES_DIR, openKnowledgeBase } from '../support/app.js';
import { randomFrom, replayWith } from '../support/seed.js';

describe('search-index/index-reader', () => {
  let whole: SearchEngine;
  let partial: SearchEngine;
  let opened: OpenedIndex;
  let store: ArticleStore;
  let files: { index: string; store: string; signatures: string };
  let words: string[];

  before(async () => {
    const kb = await openKnowledgeBase();
    files = kb.files;
    store = new ArticleStore(files.store);
    whole = new SearchEngine(loadIndex(files.index), store);
    opened = openSavedIndex(files.index);
    partial = new SearchEngine(opened.index, store, {}, opened.idfs);
    words = [
      ...new Set(
        [...store.ids()].flatMap((id) =>
          `${store.get(id)!.title} ${store
            .get(id)!
            .sections.map((s) => s.text)
            .join(' ')}`.split(/\s+/),
        ),
      ),
    ].filter((w) => w.length > 1);
  });
  after(() => {
    store?.close();
  });

  it('answers written queries (codes, phrases, filters, exclusions, an article id, cut words) as the whole index does', () => {
    // prettier-ignore
    const queries = [
      'despooler', '0x80070020', 'error 32', '"instruction file"', 'sender -despooler', 'product:sms status:fixed',
      'Q161043', 'despo', 'despooler instrction', 'access denied network share', 'code:0x80070005', 'zzzz nothing here',
    ];
    for (const q of queries) assert.deepEqual(partial.search(q), whole.search(q), q);
  });

  it("answers random queries of the articles' own words as the whole index does", () => {
    const next = randomFrom();
    for (let i = 0; i < 200; i++) {
      const n = 1 + Math.floor(next() * 5);
      const q = Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ') + (next() < 0.5 ? ' ' : '');
      assert.deepEqual(partial.search(q, { limit: 20 }), whole.search(q, { limit: 20 }), `${replayWith()}: ${q}`);
      assert.deepEqual(matchLine(partial, q), matchLine(whole, q), `${replayWith()}: line ${q}`);
    }
  });

  it('diagnoses every log fixture as the whole index does, with the signatures read back from their file', async () => {
    const kb = await openKnowledgeBase();
    const built = await kb.signatures();
    const saved = loadSignatureIndex(files.signatures);
    for (const name of readdirSync(LOG_FIXTURES_DIR).filter((f) => !f.endsWith('.md'))) {
      const text = readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8');
      const expected = troubleshoot({ engine: whole, signatures: built, article: (id) => store.get(id) }, text);
      const got = troubleshoot({ engine: partial, signatures: saved, article: (id) => store.get(id) }, text);
      assert.deepEqual(got, expected, name);
    }
  });

  it('refuses a file that is not an index, saying to run kbsleuth index', () => {
    assert.throws(
      () => openSavedIndex(files.store),
      (err: Error) => err instanceof IndexFormatError && /not a kbsleuth index file.*run `kbsleuth index`/.test(err.message),
    );
  });

  describe('a damaged or replaced file (the index is mapped, so what it says is checked before it is read)', () => {
    let dir: string;
    before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'kbsleuth-reader-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** A copy of the saved index with `edit` applied to its bytes; `bodyStart` is where its sections begin. */
    function damagedCopy(name: string, edit: (bytes: Buffer, bodyStart: number) => void): string {
      const bytes = readFileSync(files.index);
      const headerEnd = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1);
      edit(bytes, (headerEnd + 1 + 7) & ~7);
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      return file;
    }

    it('refuses a term whose postings run past the end of their section, naming the file, instead of reading them', () => {
      const id = opened.index.termIds.get(termOf('despooler')!)!;
      assert.ok(id !== undefined, 'the bundled articles hold the word despooler');
      const { sections } = readIndexHeader(files.index) as IndexHeader;
      const file = damagedCopy('postings-past-end.bin', (bytes, bodyStart) =>
        bytes.writeUInt32LE(sections.postings.bytes / 4 + 1, bodyStart + sections.offsets.offset + (id * FIELDS.length + FIELDS.length) * 4),
      );
      const damaged = openSavedIndex(file);
      assert.throws(
        () => damaged.index.termIds.get(termOf('despooler')!),
        (err: Error) => err instanceof IndexFormatError && err.message.includes(file) && /postings entry out of bounds \(corrupt\?\)/.test(err.message),
      );
      // Another word's entries are whole and still read.
      assert.ok(damaged.index.termIds.get(termOf('sender')!) !== undefined);
    });

    it('refuses a header whose section sizes do not fit its term count', () => {
      const file = damagedCopy('short-df.bin', (bytes) => {
        const header = bytes.subarray(0, bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1)).toString('latin1');
        const match = /"df":\{"offset":\d+,"bytes":(\d+)\}/.exec(header)!;
        const shorter = match[0].replace(`"bytes":${match[1]}`, `"bytes":${Number(match[1]) - 8}`).padEnd(match[0].length, ' ');
        bytes.write(shorter, match.index, 'latin1');
      });
      assert.throws(
        () => openSavedIndex(file),
        (err: Error) => err instanceof IndexFormatError && /sections of the wrong sizes.*run `kbsleuth index`/.test(err.message),
      );
    });

    it('keeps answering from the file it opened when a rebuild renames another file over it', () => {
      const file = path.join(dir, 'replaced.bin');
      copyFileSync(files.index, file);
      const mapped = openSavedIndex(file);
      const engine = new SearchEngine(mapped.index, store, {}, mapped.idfs);
      const before = engine.search('despooler instruction file');
      assert.ok(before.results.length > 0);
      writeFileAtomically(file, ['not an index any more']);
      assert.deepEqual(engine.search('despooler instruction file'), before);
      assert.deepEqual(engine.search('sender -despooler'), partial.search('sender -despooler'));
    });
  });
});
