/**
 * The article store's behaviour that its first test file left unchecked (found by mutation testing): the JSON
 * made on another thread stored as is, ids saved in any order found again, sectionsOf parsing only the sections'
 * part of the JSON, each kind of truncation named as such, a missing id never pushing a kept article out, and
 * the file closed by close(). Written through the public API with articles made here.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IndexFormatError } from '../../src/errors.js';
import { ArticleStore, saveArticleStore, STORE_FORMAT_VERSION } from '../../src/search-index/article-store.js';
import type { AnalyzedArticle } from '../../src/types.js';
import { fakeArticle } from '../support/articles.js';

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-store-survivors-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let saved = 0;
/** A store of `articles` in a file of its own. */
function storeOf(articles: Parameters<typeof saveArticleStore>[2]): string {
  const file = path.join(dir, `store-${++saved}.bin`);
  saveArticleStore(file, 'hash-s', articles);
  return file;
}

function withStore<T>(file: string, use: (store: ArticleStore) => T): T {
  const store = new ArticleStore(file);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** The error `open` throws, which must be an IndexFormatError naming the file and saying it will be rebuilt. */
function refusal(file: string): IndexFormatError {
  try {
    new ArticleStore(file).close();
  } catch (err) {
    assert.ok(err instanceof IndexFormatError, String(err));
    assert.ok(err.message.includes(file) && err.message.endsWith('it will be rebuilt.'), err.message);
    return err;
  }
  assert.fail(`${file} was opened`);
}

describe('search-index/article-store: saving', () => {
  it('stores JSON made on another thread as is, and drops it from the object', () => {
    const made = fakeArticle(300001, 'Made on another thread', { symptoms: 'The gadget hums.' });
    const carrier = { id: made.id, storeJson: JSON.stringify(made) };
    const file = storeOf([carrier]);
    assert.equal('storeJson' in carrier, false, 'storeJson is deleted once written');
    withStore(file, (store) => assert.deepEqual(store.get(made.id), JSON.parse(JSON.stringify(made))));
  });

  it('finds every id again whatever order the articles came in, and lists them sorted', () => {
    // 'K10' sorts before 'K2': string order, not the order given nor numeric order.
    const order = Array.from({ length: 40 }, (_, i) => (i * 17) % 40);
    const articles = order.map((n) => ({ ...fakeArticle(400000 + n, `Shuffled ${n}`, {}), id: `K${n}` }));
    const file = storeOf(articles);
    withStore(file, (store) => {
      const sorted = articles.map((a) => a.id).sort();
      assert.notDeepEqual(
        sorted,
        articles.map((a) => a.id),
        'the articles were not given sorted',
      );
      assert.deepEqual(store.ids(), sorted);
      for (const n of order) {
        assert.equal(store.has(`K${n}`), true, `K${n}`);
        assert.equal(store.get(`K${n}`)?.title, `Shuffled ${n}`);
      }
      assert.equal(store.has('K40'), false);
    });
  });

  it('opens a store of no articles: size 0, no ids, nothing found', () => {
    withStore(storeOf([]), (store) => {
      assert.equal(store.size, 0);
      assert.deepEqual(store.ids(), []);
      assert.equal(store.get('Q1'), undefined);
      assert.equal(store.sectionsOf('Q1'), undefined);
    });
  });
});

describe('search-index/article-store: sectionsOf parses only the sections', () => {
  // JSON whose part after the sections is damaged: only a read that stops at the sections' true end gives them.
  // The texts hold the look-alikes of that end, `}],"` followed by `}` and by `,` (the first with a letter four bytes before it), which must be passed over.
  const sections = [
    { kind: 'symptoms', heading: 'SYMPTOMS', text: 'A dump ending in abcd}],' },
    { kind: 'odd}],', heading: 'ODD', text: 'plain' },
  ];
  const damagedAfter = (id: string, list: unknown[], nextKey: string) =>
    `{"id":"${id}","title":"Damaged tail","sections":${JSON.stringify(list)},"${nextKey}":1, this tail is not JSON`;
  // The next key's first letter is checked at both ends of a-z, and in upper case.
  const cases = [
    { id: 'Q500001', list: sections, nextKey: 'after' },
    { id: 'Q500002', list: sections, nextKey: 'zone' },
    { id: 'Q500003', list: sections, nextKey: 'Middle' },
    { id: 'Q500004', list: [], nextKey: 'after' },
  ];
  let file: string;
  before(() => {
    file = storeOf(cases.map((c) => ({ id: c.id, storeJson: damagedAfter(c.id, c.list, c.nextKey) })));
  });

  for (const c of cases) {
    it(`gives the sections of an article whose JSON after them is damaged (${c.list.length} sections, then "${c.nextKey}")`, () => {
      withStore(file, (store) => {
        assert.deepEqual(store.sectionsOf(c.id), c.list);
        // The whole article cannot be read: the sections did not come from a whole parse.
        assert.throws(() => store.get(c.id), SyntaxError);
      });
    });
  }
});

describe('search-index/article-store: truncation and damage named as such', () => {
  let good: Buffer;
  let bodyStart: number;
  before(() => {
    good = readFileSync(storeOf(Array.from({ length: 3 }, (_, i) => fakeArticle(600000 + i, `Article ${i}`, { cause: `Cause ${i}.` }))));
    // The layout the store's header describes: the header line, the id table, its starts, the places, the body.
    const nl = good.indexOf(0x0a, 'KBSLEUTH-ARTICLES\n'.length);
    const header = JSON.parse(good.subarray('KBSLEUTH-ARTICLES\n'.length, nl).toString('utf8')) as { count: number; idBytes: number };
    bodyStart = nl + 1 + header.idBytes + (header.count + 1) * 4 + header.count * 16;
    assert.ok(bodyStart < good.length);
  });
  const copy = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };

  it('refuses a header line cut before its newline as not a store or truncated', () => {
    const file = copy('cut-header.bin', good.subarray(0, 'KBSLEUTH-ARTICLES\n'.length + 12));
    assert.match(refusal(file).message, /is not a kbsleuth article store \(or is truncated\)/);
  });

  it('refuses a file cut inside its table of contents as shorter than its header says', () => {
    const file = copy('cut-table.bin', good.subarray(0, bodyStart - 1));
    assert.equal(refusal(file).message, `article-store: ${file} is shorter than its header says (truncated); it will be rebuilt.`);
  });

  it('refuses a file cut inside its last article as shorter than its header says', () => {
    const file = copy('cut-body.bin', good.subarray(0, good.length - 1));
    assert.equal(refusal(file).message, `article-store: ${file} is shorter than its header says (truncated); it will be rebuilt.`);
  });

  it('passes a format refusal on unwrapped', () => {
    const text = good.toString('latin1').replace(`"format":${STORE_FORMAT_VERSION}`, '"format":9');
    const file = copy('format.bin', Buffer.from(text, 'latin1'));
    assert.equal(refusal(file).message, `article-store: ${file} is format 9, this kbsleuth reads ${STORE_FORMAT_VERSION}; it will be rebuilt.`);
  });

  it('wraps a header that is not JSON, keeping the parse error as the cause', () => {
    const at = good.indexOf('{');
    const bytes = Buffer.from(good);
    bytes[at] = 0x5b;
    const err = refusal(copy('not-json.bin', bytes));
    assert.match(err.message, /cannot be read \(/);
    assert.ok(err.cause instanceof SyntaxError, String(err.cause));
  });

  it('reports a file cut after it was opened as ended early, for get and sectionsOf alike', () => {
    const file = copy('cut-later.bin', good);
    withStore(file, (store) => {
      truncateSync(file, bodyStart + 10);
      // Q600002 was saved last: its bytes are the ones gone.
      for (const read of [() => store.get('Q600002'), () => store.sectionsOf('Q600002')]) {
        assert.throws(
          read,
          (err: unknown) => err instanceof IndexFormatError && err.message === `article-store: ${file} ended early (truncated); it will be rebuilt.`,
        );
      }
    });
  });
});

describe('search-index/article-store: the cache and the file', () => {
  it('keeps every kept article when ids that are not there are asked for', () => {
    const articles: AnalyzedArticle[] = Array.from({ length: ArticleStore.CACHE_SIZE }, (_, i) => fakeArticle(700000 + i, `Kept ${i}`, {}));
    withStore(storeOf(articles), (store) => {
      const first = store.get('Q700000');
      for (let i = 1; i < ArticleStore.CACHE_SIZE; i++) store.get(`Q${700000 + i}`);
      // The cache is full; a miss must not take a place in it.
      for (let i = 0; i < 5; i++) assert.equal(store.get(`Q79999${i}`), undefined);
      assert.equal(store.get('Q700000'), first, 'the oldest kept article is still kept');
    });
  });

  it('close() gives the file descriptor back', () => {
    const file = storeOf([fakeArticle(800001, 'Opened and closed', {})]);
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) new ArticleStore(file).close();
    assert.equal(open(), before);
  });
});
