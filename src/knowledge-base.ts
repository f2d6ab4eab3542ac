/**
 * The knowledge base as the server and the CLI use it: the articles of the configured folders, their
 * search index and article store under DATA_DIR, reused while the sources are unchanged and rebuilt when
 * they change, a saved file is corrupt or from another version. No HTTP and no printing here: progress
 * and problems go to the `log` callback.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { IndexFormatError, KbError } from './errors.js';
import { articleIdFromPath } from './ingest/article-id.js';
import { articleFormatOf, isLoadProblem, loadArticleFile, loadArticles } from './ingest/load-articles.js';
import { mergeTwins } from './ingest/merge.js';
import { hashArticleSources, hashArticleSourcesInBackground } from './ingest/source-hash.js';
import { ArticleStore, saveArticleStore } from './search-index/article-store.js';
import { removeStaleTempFiles, writeFileAtomically } from './search-index/atomic-file.js';
import { buildIndex, type IndexedDocument } from './search-index/build-index.js';
import { indexedDocumentOfPrepared, type PreparedArticle } from './search-index/document.js';
import { loadIndex, readIndexHeader, saveIndex } from './search-index/index-file.js';
import { buildOverlayEngine } from './search-index/overlay.js';
import { mergeResults } from './search/merge-results.js';
import { SearchEngine, type SearchOptions, type SearchResult } from './search/search.js';
import { analyzeArticle } from './signals/read-signals.js';
import { SignatureIndex, type SignatureRecord } from './troubleshoot/signature-index.js';
import type { TroubleshootSources } from './troubleshoot/troubleshoot.js';
import type { AnalyzedArticle, Article, LoadProblem, LoadResult } from './types.js';

export type KbStatus = 'loading' | 'ready' | 'failed';

export interface KbEvents {
  /** A line worth telling the operator (what is happening, what went wrong and what was done about it). */
  log?: (message: string) => void;
  /** Progress of a long step. */
  progress?: (step: 'load' | 'index' | 'hash', done: number, total: number) => void;
  /**
   * The saved index cannot be served (missing, corrupt, stale or its quoted-line file damaged). A
   * KnowledgeBase opened with `build: false` calls this instead of rebuilding: a cluster worker, whose
   * primary builds once for every worker.
   */
  rebuildNeeded?: (reason: string) => void;
}

export interface OpenOptions {
  /** Serve a readable saved index at once and check its sources' hash afterwards (fast cold start). Default false. */
  trustSaved?: boolean;
  /** Wait before that check, so the first requests come first. Default 2000 ms. */
  verifyDelayMs?: number;
  /**
   * Build the index when the saved one cannot be served. Default true. When false, the knowledge base stays
   * loading, calls `events.rebuildNeeded`, and serves once `reload()` finds a saved index; nor does it check
   * its sources (whoever builds does).
   */
  build?: boolean;
}

export interface KbState {
  status: KbStatus;
  articles: number;
  /** Where the served index came from: built now, or the saved file. */
  source?: 'built' | 'saved';
  builtAt?: string;
  problems: number;
  message?: string;
}

interface Loaded {
  engine: SearchEngine;
  store: ArticleStore;
  /** Built after the index is served (1-2 s on the archive), so searches answer first. */
  signatures: Promise<SignatureIndex>;
  /** Starts reading the saved signatures now rather than after SIGNATURES_DELAY_MS (a troubleshoot wants them). */
  wantSignatures?: () => void;
  sourceHash: string;
}

export class KnowledgeBase {
  private loaded?: Loaded;
  private status: KbStatus = 'loading';
  private message?: string;
  private source?: 'built' | 'saved';
  problems: LoadProblem[] = [];
  lastLoad?: LoadResult['stats'];
  /** Articles edited or added under KB_DIR since the index was built (id -> article), and ids deleted. */
  private overlay = new Map<string, AnalyzedArticle>();
  private deleted = new Set<string>();
  private overlayEngine?: SearchEngine;
  /** Whether this process may build the index (see OpenOptions.build). */
  private mayBuild = true;
  /** The rebuild under way, which later calls join. */
  private rebuilding?: Promise<LoadResult['stats']>;
  private watchers: FSWatcher[] = [];
  private closed = false;

  constructor(
    readonly config: Pick<Config, 'kbDirs' | 'dataDir' | 'maxQueryChars'>,
    private readonly events: KbEvents = {},
  ) {}

  /** Files of this set of folders under DATA_DIR: one set per distinct KB_DIR list. */
  get files() {
    const key = createHash('sha256').update(this.config.kbDirs.map((d) => path.resolve(d)).join('\0')).digest('hex').slice(0, 12);
    const dir = this.config.dataDir;
    return {
      index: path.join(dir, `index-${key}.bin`),
      store: path.join(dir, `articles-${key}.store`),
      signatures: path.join(dir, `signatures-${key}.json`),
    };
  }

  state(): KbState {
    return {
      status: this.status,
      articles: this.loaded?.engine.docCount ?? 0,
      source: this.source,
      builtAt: this.loaded?.engine.index.builtAt,
      problems: this.problems.length,
      message: this.message,
    };
  }

  /** Serves the saved index when its source hash matches the folders' files, otherwise builds one (see OpenOptions). */
  async open(options: OpenOptions = {}): Promise<void> {
    const log = this.events.log ?? (() => {});
    this.mayBuild = options.build ?? true;
    try {
      // A saved index is often served for months without a write that would clean these.
      const stale = Object.values(this.files).flatMap((file) => removeStaleTempFiles(file));
      if (stale.length) log(`kb: deleted ${stale.length} temporary file(s) a process stopped mid-write left under ${this.config.dataDir}.`);
      const saved = this.tryLoadSaved();
      if (!this.mayBuild) {
        if (saved) this.serve(saved, 'saved');
        else this.needRebuild('no saved index can be served');
        return;
      }
      if (saved && options.trustSaved) {
        this.serve(saved, 'saved');
        this.verified = this.verifySources(saved.sourceHash, options.verifyDelayMs ?? 2000);
        return;
      }
      const current = await this.sourceHash();
      if (saved && saved.sourceHash === current) {
        this.serve(saved, 'saved');
        return;
      }
      if (saved) log('kb: the articles changed since the saved index was built; rebuilding it.');
      await this.rebuild();
    } catch (err) {
      this.status = 'failed';
      this.message = (err as Error).message;
      throw err;
    }
  }

  /** Resolves once a saved index served at once has been checked against its sources (and rebuilt if stale). */
  verified: Promise<void> = Promise.resolve();

  /**
   * Serves the saved index again, after another process rebuilt it (a cluster primary tells its workers).
   * Returns false, and keeps serving what it served, when no saved index can be read.
   */
  reload(): boolean {
    const saved = this.tryLoadSaved();
    if (!saved) return false;
    this.serve(saved, 'saved');
    return true;
  }

  /**
   * The source hash the saved index was built from, read from its header alone (no index loaded), or
   * undefined when there is no complete saved set. For a process that decides whether to build.
   */
  savedSourceHash(): string | undefined {
    const files = this.files;
    if (!existsSync(files.index) || !existsSync(files.store) || !existsSync(files.signatures)) return undefined;
    try {
      return readIndexHeader(files.index).sourceHash;
    } catch {
      return undefined;
    }
  }


  private needRebuild(reason: string): void {
    if (this.closed) return;
    if (!this.mayBuild) {
      this.message = `waiting for the index to be built (${reason})`;
      this.events.rebuildNeeded?.(reason);
      return;
    }
    this.rebuild().catch((err) => this.events.log?.(`kb: could not rebuild the index: ${(err as Error).message}`));
  }

  /**
   * After `delayMs` (the first requests come first), hashes the sources and says whether they changed since
   * an index of `savedHash` was built; logs when they did not. Undefined when closed meanwhile or unreadable
   * (logged). A cluster primary asks this for its workers' saved index.
   */
  async sourcesChanged(savedHash: string, delayMs: number): Promise<boolean | undefined> {
    try {
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      if (this.closed) return undefined;
      const current = await hashArticleSourcesInBackground(this.config.kbDirs);
      if (this.closed) return undefined;
      if (current === savedHash) this.events.log?.(`kb: ${SAVED_INDEX_CURRENT}.`);
      return current !== savedHash;
    } catch (err) {
      this.events.log?.(`kb: could not check the saved index against the articles: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Checks a saved index served at once against its sources, and rebuilds it when they changed. */
  private async verifySources(servedHash: string, delayMs: number): Promise<void> {
    if (!(await this.sourcesChanged(servedHash, delayMs))) return;
    this.events.log?.('kb: the articles changed since the saved index was built; rebuilding it (the saved one is served meanwhile).');
    await this.rebuild().catch((err: Error) => this.events.log?.(`kb: could not rebuild the saved index: ${err.message}`));
  }

  /**
   * Loads every article, builds the index and the store, saves them, and serves them. A rebuild asked for
   * while one runs (a stale index and a damaged file found together) joins it rather than doubling the work.
   */
  rebuild(): Promise<LoadResult['stats']> {
    this.rebuilding ??= this.buildAndServe().finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  private async buildAndServe(): Promise<LoadResult['stats']> {
    const log = this.events.log ?? (() => {});
    const progress = this.events.progress;
    // Hashed before reading, so an edit made while loading shows as a change next time.
    const sourceHash = await this.sourceHash();
    // Signals and index terms are read on the threads that read the files, so every core does it.
    const transform = { module: new URL('./search-index/document' + path.extname(fileURLToPath(import.meta.url)), import.meta.url).href, name: 'prepareArticle' };
    const result = await loadArticles(this.config.kbDirs, { onProgress: (d, t) => progress?.('load', d, t), transform });
    this.problems = result.problems;
    this.lastLoad = result.stats;
    if (result.problems.length) log(`kb: ${result.problems.length} file(s) could not be read as articles and were skipped (see \`kbsleuth check\`).`);
    if (!result.articles.length) {
      throw new KbError(
        `kb: no articles found in ${this.config.kbDirs.join(', ')}. Point KB_DIR at a folder holding kb/ or txt/ article files ` +
          `(several separated by ':'), or leave it unset to serve the bundled kb/.`,
      );
    }
    const analyzed = result.articles as PreparedArticle[];
    const docs = (function* (): Generator<IndexedDocument> {
      for (const a of analyzed) yield indexedDocumentOfPrepared(a);
    })();
    const index = buildIndex(docs, analyzed.length, { sourceHash, onProgress: (d, t) => progress?.('index', d, t) });
    const files = this.files;
    mkdirSync(this.config.dataDir, { recursive: true });
    saveArticleStore(files.store, sourceHash, analyzed);
    writeFileAtomically(files.signatures, [JSON.stringify({ sourceHash, records: signatureRecordsOf(analyzed) })]);
    saveIndex(files.index, index);
    const store = new ArticleStore(files.store);
    this.serve({ engine: new SearchEngine(index, store), store, signatures: Promise.resolve(new SignatureIndex(signatureRecordsOf(analyzed))), sourceHash }, 'built');
    return result.stats;
  }

  private tryLoadSaved(): Loaded | undefined {
    const files = this.files;
    if (!existsSync(files.index) || !existsSync(files.store) || !existsSync(files.signatures)) return undefined;
    try {
      const index = loadIndex(files.index);
      const store = new ArticleStore(files.store);
      if (store.sourceHash !== index.sourceHash) {
        store.close();
        throw new IndexFormatError(`kb: the saved index and article store under ${this.config.dataDir} come from different builds; they will be rebuilt.`);
      }
      // Read once a troubleshoot asks or after a moment, not at once: the read blocks this thread for about a
      // second, and the first searches after a start would wait behind it.
      let wantSignatures!: () => void;
      const wanted = new Promise<void>((resolve) => {
        wantSignatures = resolve;
        setTimeout(resolve, SIGNATURES_DELAY_MS).unref();
      });
      const signatures = wanted.then(() => readSignatures(files.signatures, index.sourceHash));
      // A damaged quoted-line file fails every troubleshoot until rebuilt: say so and rebuild (the search keeps serving).
      signatures.catch((err: Error) => {
        if (this.loaded?.signatures !== signatures) return;
        this.events.log?.(`kb: the saved quoted-line index ${files.signatures} cannot be read (${err.message}); rebuilding it.`);
        this.needRebuild('its quoted-line file cannot be read');
      });
      return { engine: new SearchEngine(index, store), store, signatures, wantSignatures, sourceHash: index.sourceHash };
    } catch (err) {
      // A saved file that cannot be used is reported and rebuilt, never served.
      this.events.log?.(err instanceof IndexFormatError ? err.message : `kb: the saved index cannot be read (${(err as Error).message}); it will be rebuilt.`);
      return undefined;
    }
  }

  private serve(loaded: Loaded, source: 'built' | 'saved'): void {
    const old = this.loaded;
    this.loaded = loaded;
    // A fresh index holds every edit made so far.
    this.overlay.clear();
    this.deleted.clear();
    this.overlayEngine = undefined;
    this.source = source;
    this.status = 'ready';
    this.message = undefined;
    if (old && old.store !== loaded.store) old.store.close();
  }

  private async sourceHash(): Promise<string> {
    return hashArticleSources(this.config.kbDirs);
  }

  private ready(): Loaded {
    if (!this.loaded) throw new KbError('kb: the knowledge base is still loading; try again in a few seconds.');
    return this.loaded;
  }

  get isReady(): boolean {
    return this.loaded !== undefined;
  }

  search(text: string, options: SearchOptions = {}): SearchResult {
    const { engine } = this.ready();
    const opts = { maxQueryChars: this.config.maxQueryChars, ...options };
    if (!this.overlayEngine) return engine.search(text, opts);
    // Edited articles: both indexes answer the first offset+limit hits, merged by score.
    const offset = options.offset ?? 0;
    const limit = options.limit ?? 10;
    const window = { ...opts, offset: 0, limit: Math.min(100, offset + limit) };
    const base = engine.search(text, window);
    const extra = this.overlayEngine.search(text, window);
    if (extra.mode === 'article') return extra;
    return mergeResults(base, extra, offset, limit, options.sort ?? 'relevance');
  }

  article(id: string): AnalyzedArticle | undefined {
    if (this.deleted.has(id)) return undefined;
    return this.overlay.get(id) ?? this.ready().store.get(id);
  }

  /**
   * Re-reads the article files named (edited, added or deleted under KB_DIR) and makes the change
   * searchable: the article is re-read from every file of its id (both formats), analysed, and served
   * from the overlay; the archive's copy is hidden. Returns the ids changed.
   */
  async applyChanges(files: readonly string[]): Promise<string[]> {
    const loaded = this.ready();
    const ids = new Map<string, Set<string>>();
    for (const file of files) {
      const id = articleIdFromPath(file);
      if (!id) continue;
      const paths = ids.get(id) ?? new Set<string>();
      paths.add(path.resolve(file));
      for (const s of this.article(id)?.sources ?? loaded.store.get(id)?.sources ?? []) paths.add(path.resolve(s.path));
      ids.set(id, paths);
    }
    for (const [id, paths] of ids) {
      let merged: Article | undefined;
      for (const p of [...paths].sort()) {
        if (!existsSync(p)) continue;
        const parsed = await loadArticleFile(p);
        if (isLoadProblem(parsed)) {
          this.events.log?.(`kb: ${parsed.path}: ${parsed.message}`);
          continue;
        }
        merged = merged ? mergeTwins(merged, parsed) : parsed;
      }
      if (merged) {
        this.overlay.set(id, analyzeArticle(merged));
        this.deleted.delete(id);
      } else {
        this.overlay.delete(id);
        this.deleted.add(id);
      }
    }
    const hidden = new Set<number>();
    for (const id of [...this.overlay.keys(), ...this.deleted]) {
      const d = loaded.engine.docOf(id);
      if (d !== undefined) hidden.add(d);
    }
    loaded.engine.hide(hidden);
    this.overlayEngine = this.overlay.size ? buildOverlayEngine([...this.overlay.values()], loaded.engine) : undefined;
    return [...ids.keys()];
  }

  /** Watches the KB folders; edited, added and deleted article files are re-read within a second. */
  watch(options: { debounceMs?: number } = {}): void {
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const files = [...pending];
      pending.clear();
      if (!this.isReady) {
        files.forEach((f) => pending.add(f));
        timer = setTimeout(flush, 1000);
        return;
      }
      this.applyChanges(files).then(
        (ids) => ids.length && this.events.log?.(`kb: re-read ${ids.join(', ')} after a change under KB_DIR.`),
        (err) => this.events.log?.(`kb: could not re-read changed articles: ${(err as Error).message}`),
      );
    };
    for (const dir of this.config.kbDirs) {
      try {
        const watcher = watch(dir, { recursive: true }, (_event, name) => {
          if (!name || !articleFormatOf(String(name))) return;
          pending.add(path.join(dir, String(name)));
          if (!timer) timer = setTimeout(flush, options.debounceMs ?? 300);
        });
        watcher.on('error', (err) => this.events.log?.(`kb: stopped watching ${dir}: ${err.message}`));
        this.watchers.push(watcher);
      } catch (err) {
        this.events.log?.(`kb: cannot watch ${dir} for changes (${(err as Error).message}); edits show after a restart.`);
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  get engine(): SearchEngine {
    return this.ready().engine;
  }

  /** What the troubleshooter reads: the engine, the quoted-line index (once built) and the articles. */
  async troubleshootSources(): Promise<TroubleshootSources> {
    const { engine } = this.ready();
    const signatures = await this.signatures().catch((err: Error) => {
      throw new KbError(`kb: the quoted-line index is still loading: its saved file could not be read and is being rebuilt (${err.message}); try again in a minute.`, { cause: err });
    });
    return { engine, signatures, article: (id) => this.article(id) };
  }

  /** The quoted-line index; resolves once built (just after a saved index is served). */
  signatures(): Promise<SignatureIndex> {
    const loaded = this.ready();
    loaded.wantSignatures?.();
    return loaded.signatures;
  }
}

/** Logged once the sources of a saved index served at once are found unchanged (scripts wait for it). */
export const SAVED_INDEX_CURRENT = 'the saved index matches the articles';

/** How long a served saved index waits before reading its signatures when no troubleshoot asks sooner. */
const SIGNATURES_DELAY_MS = 1500;

async function readSignatures(file: string, sourceHash: string): Promise<SignatureIndex> {
  await new Promise((resolve) => setImmediate(resolve));
  const sig = JSON.parse(readFileSync(file, 'utf8')) as { sourceHash: string; records: SignatureRecord[] };
  if (sig.sourceHash !== sourceHash) {
    throw new IndexFormatError(`kb: ${file} comes from another build than the index; run \`kbsleuth index\` to rebuild them together.`);
  }
  return SignatureIndex.create(sig.records);
}

function signatureRecordsOf(articles: AnalyzedArticle[]): SignatureRecord[] {
  return articles.flatMap((a) => a.signatures.map((s) => ({ id: a.id, template: s.template, line: s.line, section: s.section })));
}
