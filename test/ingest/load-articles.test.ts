import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { KbError } from '../../src/errors.js';
import { isLoadProblem, loadArticleFile, loadArticles } from '../../src/ingest/load-articles.js';
import { articleFormatOf } from '../../src/ingest/walk-folders.js';
import { MAX_ARTICLE_BYTES } from '../../src/ingest/read-file-safely.js';
import { PREPARE_ARTICLE, preparedTerms, type PreparedArticle } from '../../src/search-index/document.js';
import { hashArticleSources, hashArticleSourcesOffThread } from '../../src/ingest/source-hash.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
const GOOD = path.join(FIXTURES, 'good');
const MALFORMED = path.join(FIXTURES, 'malformed');

/** A temporary folder of `n` small text articles (Q100000 on); the caller removes it. */
function folderOfArticles(n: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-ingest-big-'));
  for (let i = 0; i < n; i++) {
    const id = `Q${100000 + i}`;
    writeFileSync(path.join(dir, `${id}.TXT`), `DOCUMENT:${id}  01-JAN-2000  [x]\r\nTITLE   :T\r\nPRODUCT :P\r\n\r\nBody Q100001.\r\n`, 'latin1');
  }
  return dir;
}

describe('ingest/load-articles', () => {
  let mixed: string;
  before(() => {
    // A folder of articles (no kb/ or txt/ at its top) holding good files, bad files and bytes only a test can write.
    mixed = mkdtempSync(path.join(tmpdir(), 'kbsleuth-ingest-'));
    cpSync(path.join(GOOD, 'kb'), path.join(mixed, 'md'), { recursive: true });
    cpSync(path.join(GOOD, 'txt'), path.join(mixed, 'text'), { recursive: true });
    cpSync(MALFORMED, path.join(mixed, 'bad'), { recursive: true });
    writeFileSync(path.join(mixed, 'bad', 'Q130010.TXT'), Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff, 0xfe]));
    writeFileSync(
      path.join(mixed, 'text', 'Q130011.TXT'),
      Buffer.concat([
        Buffer.from('DOCUMENT:Q130011  02-FEB-2000  [gateway]\r\nTITLE   :It'),
        Buffer.from([0x92]),
        Buffer.from('s a Caf'),
        Buffer.from([0xe9]),
        Buffer.from(' Printer\r\n\r\nBody.\r\n'),
      ]),
    );
    mkdirSync(path.join(mixed, '.git'));
    writeFileSync(path.join(mixed, '.git', 'Q1.TXT'), 'ignored');
    mkdirSync(path.join(mixed, 'node_modules'));
    writeFileSync(path.join(mixed, 'node_modules', 'README.md'), 'ignored');
    writeFileSync(path.join(mixed, 'picture.gif'), 'GIF89a');
  });
  after(() => rmSync(mixed, { recursive: true, force: true }));

  const formats: [string, string | undefined][] = [
    ['kb/161/Q161043/README.md', 'markdown'],
    ['notes.MD', 'markdown'],
    ['txt/161/Q161043.TXT', 'text'],
    ['q161043.txt', 'text'],
    ['picture.gif', undefined],
  ];
  for (const [name, format] of formats) it(`reads the format of ${name} as ${format}`, () => assert.equal(articleFormatOf(name), format));

  it('loads an archive root (kb/ and txt/), merging twins and sorting by number', async () => {
    const r = await loadArticles([GOOD]);
    assert.deepEqual(
      r.articles.map((a) => a.id),
      ['Q120001', 'Q120002', 'Q120003'],
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual({ ...r.stats, elapsedMs: 0 }, { files: 4, markdownFiles: 2, textFiles: 2, mergedTwins: 1, workerFailures: [], elapsedMs: 0 });
    assert.deepEqual(
      r.articles[0].sources.map((s) => s.format),
      ['markdown', 'text'],
    );
  });

  it('returns the good articles plus one problem per bad file', async () => {
    const r = await loadArticles([mixed]);
    assert.deepEqual(
      r.articles.map((a) => a.id),
      ['Q120001', 'Q120002', 'Q120003', 'Q130011'],
    );
    const byFile = Object.fromEntries(r.problems.map((p) => [path.relative(mixed, p.path), p.kind]));
    assert.deepEqual(byFile, {
      'bad/Q130002.md': 'no-title',
      'bad/Q130005.TXT': 'id-mismatch',
      'bad/Q130007.TXT': 'no-body',
      'bad/Q130010.TXT': 'binary',
      'bad/README.md': 'no-id',
      'bad/empty.md': 'empty',
      'bad/no-document.TXT': 'no-id',
    });
    const sources = r.articles.reduce((n, a) => n + a.sources.length, 0);
    assert.equal(sources + r.problems.length, r.stats.files);
  });

  it('decodes a windows-1252 file faithfully and records the encoding', async () => {
    const a = await loadArticleFile(path.join(mixed, 'text', 'Q130011.TXT'));
    assert.ok(!isLoadProblem(a));
    assert.equal(a.title, 'It\u2019s a Caf\u00e9 Printer');
    assert.equal(a.sources[0].encoding, 'windows-1252');
  });

  it('reports progress every ~500 files and at the end', async () => {
    const big = folderOfArticles(1200);
    try {
      const calls: [number, number][] = [];
      await loadArticles([big], { workers: 0, onProgress: (done, total) => calls.push([done, total]) });
      const distinct = calls.filter(([d, t], i) => i === 0 || d !== calls[i - 1][0] || t !== calls[i - 1][1]);
      assert.deepEqual(distinct, [
        [500, 1200],
        [1000, 1200],
        [1200, 1200],
      ]);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });

  it('reports a missing folder as a problem beside the folders that exist', async () => {
    const missing = path.join(mixed, 'no-such-folder');
    const r = await loadArticles([GOOD, missing]);
    assert.equal(r.articles.length, 3);
    assert.deepEqual(
      r.problems.map((p) => [p.path, p.kind]),
      [[missing, 'unreadable']],
    );
    assert.match(r.problems[0].message, /folder not found; check the KB folder setting \(KB_DIR\)/);
  });

  it('throws a KbError naming the folders when none exists', async () => {
    await assert.rejects(
      loadArticles(['/no/such/kb']),
      (err: unknown) => err instanceof KbError && /none of the KB folders exists \(\/no\/such\/kb\); set KB_DIR/.test(err.message),
    );
  });

  it('loads one file for the watcher and reports what it cannot read', async () => {
    const ok = await loadArticleFile(path.join(GOOD, 'txt', '120', 'Q120003.TXT'));
    assert.ok(!isLoadProblem(ok) && ok.id === 'Q120003');
    const gone = await loadArticleFile(path.join(mixed, 'Q199999.TXT'));
    assert.ok(isLoadProblem(gone) && gone.kind === 'unreadable' && /ENOENT/.test(gone.message));
    const other = await loadArticleFile(path.join(mixed, 'picture.gif'));
    assert.ok(isLoadProblem(other) && other.kind === 'unknown-format');
  });

  it('gives the same articles with and without worker threads, the threads loading their share', async () => {
    // Enough copies to pass the threshold at which threads start.
    const big = folderOfArticles(2100);
    try {
      const one = await loadArticles([big], { workers: 0 });
      const two = await loadArticles([big], { workers: 1 });
      assert.equal(one.articles.length, 2100);
      assert.deepEqual(two.articles, one.articles);
      // A failed worker's share is read on the main thread: same articles, so only this tells it apart.
      assert.deepEqual(two.stats.workerFailures, []);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });
});

describe('ingest/load-articles: twins read on two threads', () => {
  let dirs: string[];
  before(() => {
    // Three KB folders, dealt to threads by their folders' names in turn: a markdown twin under `zz` goes to the calling
    // thread, its text twin under `120` to the worker, and twenty more folders pass the threshold at which threads start.
    const base = mkdtempSync(path.join(tmpdir(), 'kbsleuth-twins-'));
    dirs = ['a', 'b', 'c'].map((name) => path.join(base, name));
    cpSync(path.join(GOOD, 'kb', '120', 'Q120001'), path.join(dirs[0], 'kb', 'zz', 'Q120001'), { recursive: true });
    cpSync(path.join(GOOD, 'txt', '120', 'Q120001.TXT'), path.join(dirs[1], 'txt', '120', 'Q120001.TXT'));
    for (let i = 0; i < 20; i++) {
      const id = `Q${181000 + i}`;
      mkdirSync(path.join(dirs[2], 'txt', String(181 + i)), { recursive: true });
      writeFileSync(
        path.join(dirs[2], 'txt', String(181 + i), `${id}.TXT`),
        `DOCUMENT:${id}  02-FEB-2000  [gateway]\r\nTITLE   :Filler ${i}\r\n\r\nBody ${i}.\r\n`,
      );
    }
  });
  after(() => rmSync(path.dirname(dirs[0]), { recursive: true, force: true }));

  it('merges them as one thread would', async () => {
    const one = await loadArticles(dirs, { workers: 0 });
    const two = await loadArticles(dirs, { workers: 1 });
    assert.equal(one.articles.find((a) => a.id === 'Q120001')?.sources.length, 2);
    assert.deepEqual(two.articles, one.articles);
  });

  it('reads them again and transforms the merged article once, when a transform keeps too little to merge', async () => {
    const one = await loadArticles<PreparedArticle>(dirs, { workers: 0, transform: PREPARE_ARTICLE });
    const two = await loadArticles<PreparedArticle>(dirs, { workers: 1, transform: PREPARE_ARTICLE });
    assert.deepEqual(two.stats.workerFailures, []);
    const [a, b] = [one, two].map((r) => r.articles.find((x) => x.id === 'Q120001')!);
    assert.equal(a.sources.length, 2);
    assert.deepEqual(JSON.parse(b.storeJson), JSON.parse(a.storeJson));
    assert.deepEqual(b.meta, a.meta);
    const terms = preparedTerms();
    assert.deepEqual(
      [...b.terms].map((n) => terms[n]),
      [...a.terms].map((n) => terms[n]),
    );
    assert.deepEqual(
      two.articles.map((x) => x.storeJson),
      one.articles.map((x) => x.storeJson),
    );
  });

  it('shows each article to onArticles as it is made on either thread, keeps it in the result, and the merged twin only there', async () => {
    const seen: PreparedArticle[] = [];
    const two = await loadArticles<PreparedArticle>(dirs, {
      workers: 1,
      transform: PREPARE_ARTICLE,
      onArticles: (batch) => seen.push(...(batch as PreparedArticle[])),
    });
    assert.deepEqual(two.stats.workerFailures, []);
    const twin = two.articles.find((x) => x.id === 'Q120001')!;
    assert.equal(twin.sources.length, 2);
    assert.deepEqual(
      seen
        .filter((a) => a.id === 'Q120001')
        .map((a) => a.sources.map((s) => s.format))
        .sort(),
      [['markdown'], ['text']],
      'each half was seen on the thread that read it (in either order)',
    );
    assert.ok(!seen.includes(twin), 'the twin merged at the end is in the result alone');
    for (const a of two.articles) if (a !== twin) assert.ok(seen.includes(a), `${a.id} was seen, as the object in the result`);
    assert.equal(seen.length, two.articles.length + 1);
  });
});

describe('ingest/load-articles: the sources hash of a build', () => {
  let root: string;
  before(() => {
    // Enough folders that the loader reads them on worker threads (an archive root has over 600).
    root = mkdtempSync(path.join(tmpdir(), 'kbsleuth-threads-'));
    for (let i = 0; i < 40; i++) {
      const id = `Q${180000 + i}`;
      mkdirSync(path.join(root, 'txt', String(180 + i)), { recursive: true });
      writeFileSync(
        path.join(root, 'txt', String(180 + i), `${id}.TXT`),
        `DOCUMENT:${id}  02-FEB-2000  [gateway]\r\nTITLE   :Article ${i}\r\n\r\nBody ${i}.\r\n`,
      );
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is the hash the source check computes, when the files are read on worker threads', async () => {
    const result = await loadArticles([root], { workers: 1, hashSources: true });
    assert.equal(result.articles.length, 40);
    assert.equal(result.sourceHash, hashArticleSources([root]));
  });
});

describe('ingest/load-articles: an untrusted folder', () => {
  let root: string;
  let outside: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'kbsleuth-untrusted-'));
    outside = mkdtempSync(path.join(tmpdir(), 'kbsleuth-outside-'));
    cpSync(path.join(GOOD, 'txt'), path.join(root, 'text'), { recursive: true });
    execFileSync('mkfifo', [path.join(root, 'text', 'Q170001.TXT')]);
    execFileSync('mkfifo', [path.join(outside, 'pipe.TXT')]);
    symlinkSync(path.join(outside, 'pipe.TXT'), path.join(root, 'text', 'Q170002.TXT'));
    writeFileSync(path.join(outside, 'Q170003.TXT'), 'DOCUMENT:Q170003  02-FEB-2000  [gateway]\r\nTITLE   :Outside the root\r\n\r\nBody.\r\n');
    symlinkSync(path.join(outside, 'Q170003.TXT'), path.join(root, 'text', 'Q170003.TXT'));
    symlinkSync(outside, path.join(root, 'linked-folder'));
    writeFileSync(path.join(root, 'text', 'Q170004.TXT'), 'DOCUMENT:Q170004  02-FEB-2000  [gateway]\r\nTITLE   :Huge\r\n\r\n' + 'x'.repeat(MAX_ARTICLE_BYTES));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('reports a named pipe, a link to one, a link leaving the folder and an oversized file as problems, and loads the rest', async () => {
    const { articles, problems } = await loadArticles([root], { workers: 1 });
    const kinds = Object.fromEntries(problems.map((p) => [path.basename(p.path), p.kind]));
    assert.equal(kinds['Q170001.TXT'], 'not-a-file');
    assert.equal(kinds['Q170002.TXT'], 'outside-root');
    assert.equal(kinds['Q170003.TXT'], 'outside-root');
    assert.equal(kinds['Q170004.TXT'], 'too-large');
    assert.match(problems.find((p) => p.kind === 'too-large')!.message, /over the 2 MiB an article may be/);
    assert.ok(articles.length > 0);
    assert.ok(!articles.some((a) => a.id === 'Q170003'));
  });

  it('hashes the folder without blocking on the pipe or the link to one (both hashers agree)', async () => {
    assert.equal(await hashArticleSourcesOffThread([root]), hashArticleSources([root]));
  });

  it('hashes the files it reads (hashSources) as the source check does, pipes, links and oversized files included', async () => {
    const expected = hashArticleSources([root]);
    for (const workers of [0, 1]) assert.equal((await loadArticles([root], { workers, hashSources: true })).sourceHash, expected, `workers ${workers}`);
    assert.equal((await loadArticles([root], { workers: 1 })).sourceHash, undefined, 'only when asked');
  });

  it('never blocks the watcher on a pipe (loadArticleFile answers a problem at once)', async () => {
    const result = await loadArticleFile(path.join(root, 'text', 'Q170001.TXT'), [root]);
    assert.ok(isLoadProblem(result));
    assert.equal(result.kind, 'not-a-file');
    const linked = await loadArticleFile(path.join(root, 'text', 'Q170002.TXT'));
    assert.ok(isLoadProblem(linked));
    assert.equal(linked.kind, 'not-a-file');
  });
});
