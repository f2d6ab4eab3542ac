/**
 * The article store read back: a round trip, the cache of parsed articles (most recently read kept, the
 * oldest evicted past CACHE_SIZE, sectionsOf never keeping, and reading only the sections' part of the JSON), and damage other than truncation refused with an
 * IndexFormatError that names the store and says it will be rebuilt. Written through the public API only,
 * so it holds for any store format.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IndexFormatError } from '../../src/errors.js';
import { ArticleStore, saveArticleStore, STORE_FORMAT_VERSION } from '../../src/search-index/article-store.js';
import { fakeArticle } from '../support/articles.js';

const COUNT = ArticleStore.CACHE_SIZE + 10;
const articles = () => Array.from({ length: COUNT }, (_, i) => fakeArticle(100000 + i, `Article ${i}`, { symptoms: `The widget ${i} stops.` }));

describe('search-index/article-store', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-store-'));
    file = path.join(dir, 'articles.bin');
    saveArticleStore(file, 'hash-1', articles());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back every article as saved, with its source hash', () => {
    const store = new ArticleStore(file);
    try {
      assert.equal(store.size, COUNT);
      assert.equal(store.sourceHash, 'hash-1');
      const expected = articles();
      // Stored as JSON: fields left undefined are not kept.
      for (const i of [0, 1, COUNT - 1]) assert.deepEqual(store.get(expected[i].id), JSON.parse(JSON.stringify(expected[i])));
      assert.equal(store.get('Q999999'), undefined);
      assert.equal(store.has('Q100000'), true);
      assert.equal(store.has('Q999999'), false);
    } finally {
      store.close();
    }
  });

  it('keeps a read article parsed: the same object comes back', () => {
    const store = new ArticleStore(file);
    try {
      assert.equal(store.get('Q100000'), store.get('Q100000'));
    } finally {
      store.close();
    }
  });

  it(`evicts the least recently read article once more than CACHE_SIZE (${ArticleStore.CACHE_SIZE}) are kept`, () => {
    const store = new ArticleStore(file);
    try {
      const first = store.get('Q100000');
      const second = store.get('Q100001');
      for (let i = 2; i <= ArticleStore.CACHE_SIZE; i++) store.get(`Q${100000 + i}`);
      // CACHE_SIZE + 1 read: the first, read least recently, is parsed again; the second is still kept.
      assert.notEqual(store.get('Q100000'), first, 'the oldest was evicted');
      assert.deepEqual(store.get('Q100000'), first);
      assert.notEqual(store.get('Q100001'), second, 'reading the first again evicted the next oldest');
    } finally {
      store.close();
    }
  });

  it('counts a read again as recent: an article read again is not the one evicted', () => {
    const store = new ArticleStore(file);
    try {
      const first = store.get('Q100000');
      for (let i = 1; i < ArticleStore.CACHE_SIZE; i++) store.get(`Q${100000 + i}`);
      assert.equal(store.get('Q100000'), first, 'still kept, and now the most recent');
      store.get(`Q${100000 + ArticleStore.CACHE_SIZE}`);
      assert.equal(store.get('Q100000'), first, 'Q100001 went instead');
    } finally {
      store.close();
    }
  });

  it('sectionsOf reads without keeping, and gives the kept copy when there is one', () => {
    const store = new ArticleStore(file);
    try {
      assert.deepEqual(store.sectionsOf('Q100005'), [{ kind: 'symptoms', heading: 'SYMPTOMS', text: 'The widget 5 stops.' }]);
      assert.notEqual(store.sectionsOf('Q100005'), store.sectionsOf('Q100005'));
      const kept = store.get('Q100005')!;
      assert.equal(store.sectionsOf('Q100005'), kept.sections);
      assert.equal(store.sectionsOf('Q999999'), undefined);
    } finally {
      store.close();
    }
  });

  // Only the sections' part of the JSON is parsed: text that looks like its bounds must not move them.
  const lookalikes = [
    fakeArticle(200001, 'A title holding ,"sections":[ and }],"', { symptoms: 'A dump: [{"a":1}],"b" and }],"sections":[] then more.', cause: '}]}' }),
    fakeArticle(200002, 'No sections at all', {}),
    fakeArticle(200003, 'Sections last', { symptoms: 'Ends with }]' }),
    fakeArticle(200004, 'Unicode é 🙂 before', { resolution: 'Ünïcode 🙂 text, "quoted", and a backslash \\ }],' }),
  ];
  for (const article of lookalikes) {
    it(`sectionsOf gives the sections a whole read gives: ${article.title}`, () => {
      const dir2 = mkdtempSync(path.join(tmpdir(), 'kbsleuth-store-sections-'));
      try {
        const file2 = path.join(dir2, 'articles.bin');
        // "Sections last": the JSON of an article whose sections are its last field (a layout JSON.stringify gives no article).
        const saved = article.id === 'Q200003' ? { id: article.id, sections: article.sections } : article;
        saveArticleStore(file2, 'hash-2', [saved as typeof article]);
        const store = new ArticleStore(file2);
        try {
          assert.deepEqual(store.sectionsOf(article.id), article.sections);
        } finally {
          store.close();
        }
      } finally {
        rmSync(dir2, { recursive: true, force: true });
      }
    });
  }
});

describe('search-index/article-store: a damaged file', () => {
  let dir: string;
  let good: Buffer;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-store-damaged-'));
    const file = path.join(dir, 'good.bin');
    saveArticleStore(file, 'hash-1', articles().slice(0, 3));
    good = readFileSync(file);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the good store with `damage` done to its bytes. */
  const damaged = (name: string, damage: (b: Buffer) => Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, damage(Buffer.from(good)));
    return file;
  };
  const refused = (file: string, message: RegExp) =>
    assert.throws(
      () => new ArticleStore(file).close(),
      (err: unknown) => err instanceof IndexFormatError && message.test(err.message) && err.message.includes(file) && /it will be rebuilt/.test(err.message),
    );

  it('refuses a file whose first bytes are not a store', () => {
    refused(
      damaged('magic.bin', (b) => ((b[0] = 0x58), b)),
      /is not a kbsleuth article store/,
    );
  });

  it('refuses a file of zeros where the header was', () => {
    refused(
      damaged('zeros.bin', (b) => b.fill(0, 0, 64)),
      /article-store: /,
    );
  });

  it('refuses a header whose text was damaged (a byte flipped inside it)', () => {
    const at = good.indexOf('{');
    refused(
      damaged('header.bin', (b) => ((b[at] = 0x5b), b)),
      /article-store: /,
    );
  });

  it('refuses a store of another format version, naming both versions', () => {
    const file = damaged('version.bin', (b) => {
      const text = b.toString('latin1');
      const at = text.indexOf(`"format":${STORE_FORMAT_VERSION}`);
      assert.ok(at >= 0, 'the header names its format');
      const other = STORE_FORMAT_VERSION + 7;
      return Buffer.from(text.slice(0, at) + `"format":${other}` + text.slice(at + `"format":${STORE_FORMAT_VERSION}`.length), 'latin1');
    });
    refused(file, new RegExp(`is format ${STORE_FORMAT_VERSION + 7}, this kbsleuth reads ${STORE_FORMAT_VERSION}`));
  });

  it('refuses an empty file', () => {
    refused(
      damaged('empty.bin', () => Buffer.alloc(0)),
      /article-store: /,
    );
  });

  it('never answers an article from a body whose bytes were overwritten', () => {
    // The last article's bytes turned to garbage: reading it must fail, never hand back a wrong article.
    const file = damaged('body.bin', (b) => b.fill(0x7b, b.length - 40));
    let store: ArticleStore | undefined;
    try {
      store = new ArticleStore(file);
    } catch (err) {
      assert.ok(err instanceof IndexFormatError, String(err));
      return;
    }
    try {
      assert.throws(() => store.get('Q100002'));
    } finally {
      store.close();
    }
  });
});
