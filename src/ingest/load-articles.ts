/**
 * Folders of article files -> sorted Articles plus one LoadProblem per file that is not an article.
 *
 * Which files are read: `README.md` / `*.md` (markdown) and `*.txt` / `*.TXT` (text), found
 * recursively, skipping dot-folders, dot-files and node_modules. When a folder holds `kb/` or `txt/`
 * (an archive root) only those two are walked, so a repository README beside them is not read.
 * Any other file is not a candidate and is ignored. A candidate that is not an article (a README
 * without an article id, an empty or binary file) becomes a problem naming the file; loading never
 * stops at a bad file. A missing folder is a problem too; when every folder is missing the
 * configuration is wrong and loadArticles throws a KbError instead of returning nothing.
 *
 * Twins (one id read from several files, normally one per format) are merged into one article.
 *
 * Speed: the folders just below each root are shared among threads (`kb/161` and `txt/161` go to the
 * same one, so twins meet early); each thread walks, reads and parses its share and the results are
 * merged here. Reads are synchronous: measured on the archive, readFileSync is about 4x faster than
 * fs.promises.readFile with 64 in flight, and the calling thread yields every 500 files.
 */
import { readArticleFileSafely, RealRoots } from './read-file-safely.js';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { KbError } from '../errors.js';
import type { Article, LoadProblem, LoadResult, SourceFile, SourceFormat } from '../types.js';
import { loadProblem } from './build-article.js';
import { decodeArticleBytes } from './decode.js';
import { parseMarkdownArticle } from './markdown.js';
import { mergeTwins } from './merge.js';
import { combineDigests, digestOf, sourceDigestOf } from './source-digest.js';
import { parseTextArticle } from './text.js';
import { articleFormatOf, listUnits, walk, type WorkUnit } from './walk-folders.js';
import { workerEntry } from './worker-entry.js';

export interface LoadOptions {
  /** Called every ~500 files and at the end, with files done and files found. Default: none. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Extra threads that walk, read and parse beside the calling thread. Default: cores - 1, at most 3.
   * 0 does everything on the calling thread.
   */
  workers?: number;
  /**
   * A function applied to every article on the thread that read it, named by module URL and export name
   * (a function cannot cross threads): signal analysis runs this way on every core. What it returns is what the
   * result's `articles` hold. Default: none.
   */
  transform?: ArticleTransform;
  /**
   * Also hash the files from the bytes read (the result's `sourceHash`, equal to hashArticleSources of the same
   * files): a build then reads the archive once instead of hashing it first. Default false.
   */
  hashSources?: boolean;
  /**
   * Called on the calling thread with each batch of transformed articles as it is made or arrives from a thread,
   * while the others still read: a build writes what it need not hold (the articles stay in the result). An article
   * may come twice (from a worker that then failed and whose share was read again); twins that met only at the end are
   * merged and transformed after the last batch, and are in the result alone.
   */
  onArticles?: (batch: LoadedArticle[]) => void;
}

/**
 * Names `export function NAME(article: Article): LoadedArticle` in the module at `module` (a file URL), and
 * optionally `export function ADOPT(batch, thread: object): void`, called on the loader's calling thread with each
 * batch another thread transformed, in the order it made them (`thread` is one object per sending thread).
 */
export interface ArticleTransform {
  module: string;
  name: string;
  adopt?: string;
}

/** What a transformed article keeps at least: enough to sort it, count twins and read its files again. */
export type LoadedArticle = Pick<Article, 'id' | 'number' | 'sources'>;

type Adopt = (batch: LoadedArticle[], thread: object) => void;

/** Loads a transform's function (on whichever thread calls it). */
export async function resolveTransform(t: ArticleTransform | undefined): Promise<{ fn: (a: Article) => LoadedArticle; adopt?: Adopt } | undefined> {
  if (!t) return undefined;
  const mod = (await import(t.module)) as Record<string, unknown>;
  const exported = (name: string) => {
    const fn = mod[name];
    if (typeof fn !== 'function') throw new KbError(`ingest: ${t.module} exports no function ${name}; check LoadOptions.transform.`);
    return fn;
  };
  return { fn: exported(t.name) as (a: Article) => LoadedArticle, adopt: t.adopt ? (exported(t.adopt) as Adopt) : undefined };
}

const PROGRESS_EVERY = 500;
/** Below this many top-level folders a thread costs more to start than it saves (an archive root has over 600). */
const PARALLEL_MIN_UNITS = 16;

export function isLoadProblem(x: Article | LoadProblem): x is LoadProblem {
  return 'kind' in x && !('id' in x);
}

/**
 * Read, decode and parse one file, for live edits (the bulk loader reads through loadArticleFileSync). Never
 * throws, never blocks on a pipe; with `roots`, a link resolving outside them is a problem (see read-file-safely.ts).
 */
export async function loadArticleFile(filePath: string, roots?: readonly string[]): Promise<Article | LoadProblem> {
  const format = articleFormatOf(filePath);
  if (!format) {
    return loadProblem(filePath, 'unknown-format', 'not an article file; articles are README.md / *.md (markdown) or *.TXT (KB text)');
  }
  const bytes = readArticleFileSafely(filePath, roots);
  return Buffer.isBuffer(bytes) ? parseArticleBytes(bytes, filePath, format) : bytes;
}

/** What one thread found and made of its share of the folders. */
export interface ShareResult {
  articles: LoadedArticle[];
  problems: LoadProblem[];
  files: number;
  markdownFiles: number;
  /** With hashSources: the paths read and their digests, alternating. */
  digests?: string[];
}

/**
 * Walk, read and parse one thread's share. `onFound` gets the number of candidate files once walked,
 * `onBatch` the number done every ~500 files; `pause` (on the calling thread) lets other work run.
 */
export async function loadShare(
  units: readonly WorkUnit[],
  hooks: {
    onFound?: (files: number) => void;
    onBatch?: (done: number) => void;
    pause?: () => Promise<void>;
    transform?: (a: Article) => LoadedArticle;
    /** Receives the finished articles in batches as they are transformed (and they are left out of the result). */
    onArticles?: (batch: LoadedArticle[]) => void;
    /** Digest every file read (ShareResult.digests). */
    hashSources?: boolean;
  } = {},
): Promise<ShareResult> {
  const problems: LoadProblem[] = [];
  const files: { path: string; root: string }[] = [];
  for (const unit of units) {
    if (unit.isDirectory) {
      const found: string[] = [];
      walk(unit.path, found, problems);
      for (const f of found) files.push({ path: f, root: unit.root });
    } else files.push({ path: unit.path, root: unit.root });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  hooks.onFound?.(files.length);
  const byId = new Map<string, Article>();
  const digests = hooks.hashSources ? ([] as string[]) : undefined;
  let markdownFiles = 0;
  const realRoots = new Map<string, RealRoots>();
  for (let i = 0; i < files.length; i++) {
    if (articleFormatOf(files[i].path) === 'markdown') markdownFiles++;
    const { root } = files[i];
    let roots = realRoots.get(root);
    if (!roots) realRoots.set(root, (roots = new RealRoots([root])));
    const result = loadArticleFileSync(files[i].path, roots, digests);
    if (isLoadProblem(result)) problems.push(result);
    else addArticle(byId, result);
    if ((i + 1) % PROGRESS_EVERY === 0) {
      hooks.onBatch?.(i + 1);
      await hooks.pause?.();
    }
  }
  hooks.onBatch?.(files.length);
  // Twins meet only once every file is read, so articles are transformed after the reading, in batches that
  // a worker posts while it goes on: the main thread takes each in while the threads still work.
  const articles = [...byId.values()];
  const out: LoadedArticle[] = [];
  for (let i = 0; i < articles.length; i += ARTICLE_BATCH) {
    const batch = articles.slice(i, i + ARTICLE_BATCH);
    const done = hooks.transform ? batch.map(hooks.transform) : batch;
    if (hooks.onArticles) hooks.onArticles(done);
    else out.push(...done);
    await hooks.pause?.();
  }
  return { articles: out, problems, files: files.length, markdownFiles, digests };
}

/** Articles transformed (and posted, on a worker) at a time. */
const ARTICLE_BATCH = 1000;

/**
 * Load every article under `dirs`. Articles are sorted by number; problems by path. With a transform, `T` is what
 * it returns.
 */
export async function loadArticles<T extends LoadedArticle = Article>(
  dirs: string[],
  options: LoadOptions = {},
): Promise<LoadResult<T> & { sourceHash?: string }> {
  const started = performance.now();
  const problems: LoadProblem[] = [];
  const units: WorkUnit[] = [];
  let missing = 0;
  for (const dir of dirs) {
    const found = listUnits(dir, problems);
    if (found === undefined) {
      missing++;
      problems.push(loadProblem(dir, 'unreadable', 'folder not found; check the KB folder setting (KB_DIR) or create the folder'));
    } else units.push(...found);
  }
  if (dirs.length > 0 && missing === dirs.length) {
    throw new KbError(`ingest: none of the KB folders exists (${dirs.join(', ')}); set KB_DIR to a folder of articles or unpack the archive`);
  }

  const threads = units.length >= PARALLEL_MIN_UNITS ? Math.max(0, options.workers ?? defaultWorkers()) : 0;
  const shares = shareUnits(units, threads + 1);
  const found: (number | undefined)[] = shares.map(() => undefined);
  const done = shares.map(() => 0);
  const report = () => {
    // Progress needs the total, known once every thread has walked its share.
    if (found.some((n) => n === undefined)) return;
    const total = found.reduce<number>((a, b) => a + (b ?? 0), 0);
    options.onProgress?.(
      done.reduce((a, b) => a + b, 0),
      total,
    );
  };
  const hooksFor = (i: number) => ({
    onFound: (n: number) => {
      found[i] = n;
    },
    onBatch: (n: number) => {
      done[i] = n;
      if (i === 0) report();
    },
  });
  const transform = await resolveTransform(options.transform);
  const hashSources = options.hashSources ?? false;
  const digestByPath = new Map<string, string>();
  const workerFailures: string[] = [];
  const workerRuns = shares.slice(1).map((share, i) =>
    // A failed worker costs speed, not articles: its share is loaded here instead, and the failure is
    // reported (stats.workerFailures) so a broken worker does not pass for a slow one.
    runWorker(share, hooksFor(i + 1), options.transform, hashSources, transform?.adopt, options.onArticles).catch((err: unknown) => {
      workerFailures.push(err instanceof Error ? err.message : String(err));
      return loadShareSeen(share, { ...hooksFor(i + 1), transform: transform?.fn, hashSources });
    }),
  );
  // A share read on this thread, its batches shown to options.onArticles as they are made.
  async function loadShareSeen(share: readonly WorkUnit[], hooks: Parameters<typeof loadShare>[1]): Promise<ShareResult> {
    const see = options.onArticles;
    if (!see) return loadShare(share, hooks);
    const seen: LoadedArticle[] = [];
    const result = await loadShare(share, {
      ...hooks,
      onArticles: (batch) => {
        see(batch);
        seen.push(...batch);
      },
    });
    return { ...result, articles: seen };
  }
  const own = await loadShareSeen(shares[0], {
    ...hooksFor(0),
    transform: transform?.fn,
    hashSources,
    pause: () => new Promise((resolve) => setImmediate(resolve)),
  });

  const byId = new Map<string, LoadedArticle>();
  // Each thread's read of an id read by several threads (the same id in two KB folders), in thread order.
  const readApart = new Map<string, LoadedArticle[]>();
  const stats = { files: 0, markdownFiles: 0 };
  for (const share of [own, ...(await Promise.all(workerRuns))]) {
    for (const article of share.articles) {
      const first = byId.get(article.id);
      if (!first) byId.set(article.id, article);
      else if (!transform) byId.set(article.id, mergeTwins(first as Article, article as Article));
      else readApart.set(article.id, [...(readApart.get(article.id) ?? [first]), article]);
    }
    for (const p of share.problems) problems.push(p);
    for (let i = 0; share.digests && i < share.digests.length; i += 2) digestByPath.set(share.digests[i], share.digests[i + 1]);
    stats.files += share.files;
    stats.markdownFiles += share.markdownFiles;
  }
  options.onProgress?.(stats.files, stats.files);
  // Twins that met only here were transformed apart, and what a transform keeps cannot be merged: their files are
  // read again, merged in the order they were first, and the one article transformed.
  if (transform) {
    const roots = new RealRoots(dirs);
    for (const [id, reads] of readApart) {
      const merged = reads.map((read) => readAgain(read, roots)).reduce<Article | undefined>((a, b) => (a && b ? mergeTwins(a, b) : (a ?? b)), undefined);
      if (merged) byId.set(id, transform.fn(merged));
    }
  }

  const articles = ([...byId.values()] as T[]).sort((a, b) => a.number - b.number);
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const mergedTwins = articles.filter((a) => a.sources.some((s) => s.format === 'markdown') && a.sources.some((s) => s.format === 'text')).length;
  const paths = [...digestByPath.keys()].sort();
  return {
    articles,
    problems,
    sourceHash: hashSources
      ? combineDigests(
          paths,
          paths.map((p) => digestByPath.get(p)!),
        )
      : undefined,
    stats: {
      files: stats.files,
      markdownFiles: stats.markdownFiles,
      textFiles: stats.files - stats.markdownFiles,
      mergedTwins,
      workerFailures,
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}

function addArticle(byId: Map<string, Article>, article: Article): void {
  const twin = byId.get(article.id);
  byId.set(article.id, twin ? mergeTwins(twin, article) : article);
}

/** One thread's read of an article made again from its files, merged in the order that thread read them. */
function readAgain(read: LoadedArticle, roots: RealRoots): Article | undefined {
  const byId = new Map<string, Article>();
  for (const file of read.sources.map((s) => s.path).sort()) {
    const result = loadArticleFileSync(file, roots);
    if (!isLoadProblem(result) && result.id === read.id) addArticle(byId, result);
  }
  return byId.get(read.id);
}

/** Extra threads by default: one per core beyond the calling thread, at most 3. */
function defaultWorkers(): number {
  return Math.min(3, Math.max(0, os.availableParallelism() - 1));
}

/**
 * Deals units out to `n` threads. Same-named folders (`kb/161`, `txt/161`) go to the same thread so
 * twins are merged there; folders are dealt in turn by that name so the shares come out even.
 */
function shareUnits(units: readonly WorkUnit[], n: number): WorkUnit[][] {
  const shares = Array.from({ length: n }, () => [] as WorkUnit[]);
  const slotOf = new Map<string, number>();
  for (const unit of units) {
    const name = path.basename(unit.path).toLowerCase();
    let slot = slotOf.get(name);
    if (slot === undefined) {
      slot = slotOf.size % n;
      slotOf.set(name, slot);
    }
    shares[slot].push(unit);
  }
  return shares;
}

/** What load-worker.ts posts. */
type LoadWorkerMessage = { type: 'found' | 'progress'; count: number } | { type: 'articles'; articles: LoadedArticle[] } | ({ type: 'done' } & ShareResult);

/** Walks `units` on a worker thread (load-worker.ts). Rejects when the worker cannot run. */
function runWorker(
  units: WorkUnit[],
  hooks: { onFound: (n: number) => void; onBatch: (n: number) => void },
  transform?: ArticleTransform,
  hashSources = false,
  adopt?: Adopt,
  onArticles?: (batch: LoadedArticle[]) => void,
): Promise<ShareResult> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      const { entry, evaluate } = workerEntry(import.meta.url, 'load-worker');
      worker = new Worker(entry, { eval: evaluate, workerData: { units, transform, hashSources } });
    } catch (err) {
      reject(err);
      return;
    }
    let result: ShareResult | undefined;
    const articles: LoadedArticle[] = [];
    const thread = {};
    worker.on('message', (msg: LoadWorkerMessage) => {
      if (msg.type === 'articles') {
        adopt?.(msg.articles, thread);
        onArticles?.(msg.articles);
        articles.push(...msg.articles);
      } else if (msg.type === 'done') result = { articles, problems: msg.problems, files: msg.files, markdownFiles: msg.markdownFiles, digests: msg.digests };
      else if (msg.type === 'found') hooks.onFound(msg.count);
      else hooks.onBatch(msg.count);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (result ? resolve(result) : reject(new KbError(`ingest: load worker exited with code ${code} before finishing`))));
  });
}

/** loadArticleFile for the bulk loader, synchronous (see the module comment). */
function loadArticleFileSync(filePath: string, roots: RealRoots, digests?: string[]): Article | LoadProblem {
  const format = articleFormatOf(filePath)!;
  const bytes = readArticleFileSafely(filePath, roots);
  // A file the loader refuses (a link out of the folder) is digested as the source check reads it.
  if (digests) digests.push(filePath, Buffer.isBuffer(bytes) ? digestOf(() => bytes) : sourceDigestOf(filePath));
  return Buffer.isBuffer(bytes) ? parseArticleBytes(bytes, filePath, format) : bytes;
}

/** Decode and parse bytes already read from `filePath`. */
export function parseArticleBytes(bytes: Uint8Array, filePath: string, format: SourceFormat): Article | LoadProblem {
  if (bytes.length === 0) return loadProblem(filePath, 'empty', 'the file is empty; delete it or put the article text in it');
  const decoded = decodeArticleBytes(bytes);
  if ('binary' in decoded) {
    return loadProblem(
      filePath,
      'binary',
      'holds binary data (NUL or control bytes), not article text; remove it from the KB folder or replace it with the text',
    );
  }
  const file: SourceFile = { path: filePath, format, encoding: decoded.encoding };
  return format === 'markdown' ? parseMarkdownArticle(decoded.text, file) : parseTextArticle(decoded.text, file);
}
