/**
 * The knowledge base as the server and `kbsleuth index` use it (the query commands open the saved files through
 * commands/saved-kb.ts): the articles of the configured folders, their
 * search index and article store under DATA_DIR, reused while the sources are unchanged and rebuilt when
 * they change, a saved file is corrupt or from another version. No HTTP and no printing here: progress
 * and problems go to the `log` callback.
 */
import type { Config } from './config.js';
import { IndexFormatError, KbError, NotReadyError } from './errors.js';
import { loadArticles } from './ingest/load-articles.js';
import { hashArticleSources, hashArticleSourcesOffThread } from './ingest/source-hash.js';
import { LiveEdits } from './live-edits/live-edits.js';
import { ArticleStore } from './search-index/article-store.js';
import { PREPARE_ARTICLE, startPreparing, type PreparedArticle } from './search-index/document.js';
import { SearchEngine, type SearchOptions, type SearchResult } from './search/search.js';
import { loadSignatureIndex } from './troubleshoot/signature-file.js';
import { shareRepeatedValuesSoon } from './search-index/share-values.js';
import type { SignatureIndex } from './troubleshoot/signature-index.js';
import type { TroubleshootSources } from './troubleshoot/troubleshoot.js';
import type { AnalyzedArticle, LoadProblem, LoadResult } from './types.js';
import {
  buildAndSaveIndex,
  checkSavedIndexBody,
  readSavedIndex,
  removeAbandonedWrites,
  savedFilesOf,
  savedSourceHash,
  startStore,
  writeStoreAndSignatures,
  type SavedFiles,
} from './knowledge-base/saved-files.js';
import { watchFolders, type FolderWatch } from './knowledge-base/watch-folders.js';

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
  /**
   * Check a served saved index against its checksum in the background (reading the whole file a chunk at a
   * time) and rebuild it when it fails. Default true; a cluster worker passes false, its primary checks once.
   */
  checkSaved?: boolean;
}

export interface KbState {
  status: KbStatus;
  articles: number;
  /** Where the served index came from: built now, or the saved file. */
  source?: 'built' | 'saved';
  builtAt?: string;
  problems: number;
  message?: string;
  /** While this process builds the index: the step and how far it got. */
  progress?: { step: 'load' | 'index' | 'hash'; done: number; total: number };
}

interface Loaded {
  engine: SearchEngine;
  store: ArticleStore;
  /** The quoted-line index: a saved one is read when a troubleshoot first asks or SIGNATURES_DELAY_MS after serving, so
   * searches answer first; after a build, the one just written. */
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
  private progress?: KbState['progress'];
  private loadProblems: readonly LoadProblem[] = [];
  private readonly edits: LiveEdits;
  /** Whether this process may build the index (see OpenOptions.build). */
  private mayBuild = true;
  /** The rebuild under way, which later calls join. */
  private rebuilding?: Promise<LoadResult['stats']>;
  private folderWatch?: FolderWatch;
  private closed = false;
  /** Aborted by close(): stops a source check's thread. */
  private readonly closing = new AbortController();
  private verification: Promise<void> = Promise.resolve();

  constructor(
    readonly config: Pick<Config, 'kbDirs' | 'dataDir' | 'maxQueryChars'>,
    private readonly events: KbEvents = {},
  ) {
    this.edits = new LiveEdits(this.config.kbDirs, (m) => this.events.log?.(m));
  }

  /** Files of this set of folders under DATA_DIR: one set per distinct KB_DIR list. */
  get files(): SavedFiles {
    return savedFilesOf(this.config.kbDirs, this.config.dataDir);
  }

  /** The files the last build could not read as articles (see `kbsleuth check`). */
  get problems(): readonly LoadProblem[] {
    return this.loadProblems;
  }

  /** Resolves once a saved index served at once has been checked against its sources (and rebuilt if stale). */
  get verified(): Promise<void> {
    return this.verification;
  }

  state(): KbState {
    return {
      status: this.status,
      articles: this.loaded?.engine.docCount ?? 0,
      source: this.source,
      builtAt: this.loaded?.engine.index.builtAt,
      problems: this.problems.length,
      message: this.message,
      progress: this.status === 'loading' ? this.progress : undefined,
    };
  }

  /** Serves the saved index when its source hash matches the folders' files, otherwise builds one (see OpenOptions). */
  async open(options: OpenOptions = {}): Promise<void> {
    const log = this.events.log ?? (() => {});
    this.mayBuild = options.build ?? true;
    try {
      // A saved index is often served for months without a write that would clean these.
      const stale = removeAbandonedWrites(this.files);
      if (stale) log(`kb: deleted ${stale} temporary file(s) a process stopped mid-write left under ${this.config.dataDir}.`);
      const saved = this.tryLoadSaved();
      const checked = saved && (options.checkSaved ?? true) ? this.checkServed(saved, options.verifyDelayMs ?? 2000) : Promise.resolve();
      if (!this.mayBuild) {
        if (saved) this.serve(saved, 'saved');
        else this.needRebuild('no saved index can be served');
        this.verification = checked;
        return;
      }
      if (saved && options.trustSaved) {
        this.serve(saved, 'saved');
        this.verification = Promise.all([checked, this.verifySources(saved.sourceHash, options.verifyDelayMs ?? 2000)]).then(() => undefined);
        return;
      }
      this.verification = checked;
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
    return savedSourceHash(this.files);
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
      await pause(delayMs);
      if (this.closed) return undefined;
      const current = await hashArticleSourcesOffThread(this.config.kbDirs, this.closing.signal);
      if (this.closed) return undefined;
      if (current === savedHash) this.events.log?.(`kb: ${SAVED_INDEX_CURRENT}.`);
      return current !== savedHash;
    } catch (err) {
      if (this.closed) return undefined;
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
   * After `delayMs`, checks the served saved index's checksum (a chunk at a time: searches are answered meanwhile)
   * and rebuilds, or asks for a rebuild, when it fails. A server serves the file at once rather than reading all
   * of it first (see readSavedIndex).
   */
  private async checkServed(served: Loaded, delayMs: number): Promise<void> {
    await pause(delayMs);
    if (this.closed) return;
    const problem = await checkSavedIndexBody(this.files).then(
      () => undefined,
      (err: Error) => err.message,
    );
    if (problem === undefined || this.closed || (this.loaded && this.loaded !== served)) return;
    this.events.log?.(problem);
    if (this.mayBuild) await this.rebuild().catch((err: Error) => this.events.log?.(`kb: could not rebuild the index: ${err.message}`));
    else this.needRebuild('its checksum fails');
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
    // Kept for the loading page as well as passed on (the CLI's progress bar).
    const progress = (step: 'load' | 'index' | 'hash', done: number, total: number) => {
      this.progress = { step, done, total };
      this.events.progress?.(step, done, total);
    };
    // The terms' numbering lives while the build does (see startPreparing).
    const endPreparing = startPreparing();
    const { result, index, signatures, sourceHash } = await this.loadAndIndex(progress).finally(endPreparing);
    const store = new ArticleStore(this.files.store);
    this.serve({ engine: new SearchEngine(index, store), store, signatures: Promise.resolve(signatures), sourceHash }, 'built');
    return result.stats;
  }

  /** Loads every article and writes the saved files of one build (store and signatures first, then the index). */
  private async loadAndIndex(progress: (step: 'load' | 'index' | 'hash', done: number, total: number) => void) {
    const log = this.events.log ?? (() => {});
    const bodies = startStore(this.files, this.config.dataDir);
    try {
      // Signals and index terms are read on the threads that read the files, so every core does it; the sources'
      // hash too, from the bytes indexed (an edit made while loading shows as a change next time).
      const result = await loadArticles<PreparedArticle>(this.config.kbDirs, {
        onProgress: (d, t) => progress('load', d, t),
        transform: PREPARE_ARTICLE,
        hashSources: true,
        onArticles: (batch) => bodies.take(batch),
      });
      const sourceHash = result.sourceHash ?? (await this.sourceHash());
      this.loadProblems = result.problems;
      for (const failure of result.stats.workerFailures) log(`kb: a load worker failed and its share was read on the main thread: ${failure}`);
      if (result.problems.length) log(`kb: ${result.problems.length} file(s) could not be read as articles and were skipped (see \`kbsleuth check\`).`);
      if (!result.articles.length) {
        throw new KbError(
          `kb: no articles found in ${this.config.kbDirs.join(', ')}. Point KB_DIR at a folder holding kb/ or txt/ article files ` +
            `(several separated by ':'), or leave it unset to serve the bundled kb/.`,
        );
      }
      const signatures = writeStoreAndSignatures(this.files, sourceHash, result.articles, bodies);
      const index = buildAndSaveIndex(this.files, sourceHash, result.articles, (d, t) => progress('index', d, t));
      return { result, index, signatures, sourceHash };
    } finally {
      bodies.discard();
    }
  }

  private tryLoadSaved(): Loaded | undefined {
    const files = this.files;
    try {
      const saved = readSavedIndex(files, this.config.dataDir);
      if (!saved) return undefined;
      const { opened, store } = saved;
      const index = opened.index;
      // Read once a troubleshoot asks or after a moment: the first search comes first, and the read (a mapping and
      // a checksum pass over it) is done before a first paste is likely to arrive.
      let wantSignatures!: () => void;
      const wanted = new Promise<void>((resolve) => {
        wantSignatures = resolve;
        setTimeout(resolve, SIGNATURES_DELAY_MS).unref();
      });
      const signatures = wanted.then(() => loadSignatureIndex(files.signatures, { sourceHash: index.sourceHash, fix: '' }));
      // Fails every troubleshoot until rebuilt: say so and rebuild (the search keeps serving); the error names no fix of its own.
      signatures.catch((err: Error) => {
        if (this.loaded?.signatures !== signatures) return;
        this.events.log?.(`kb: the saved quoted-line index ${files.signatures} cannot be read (${err.message.replace(/\.$/, '')}); rebuilding it.`);
        this.needRebuild('its quoted-line file cannot be read');
      });
      return { engine: new SearchEngine(index, store, {}, opened.idfs), store, signatures, wantSignatures, sourceHash: index.sourceHash };
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
    this.edits.clear();
    this.source = source;
    void shareRepeatedValuesSoon(loaded.engine.index.docs);
    this.status = 'ready';
    this.message = undefined;
    if (old && old.store !== loaded.store) {
      // Not at once: a troubleshoot that took the old engine before awaiting the signatures still reads through it.
      setTimeout(() => {
        old.store.close();
      }, RETIRE_AFTER_MS).unref();
    }
  }

  private async sourceHash(): Promise<string> {
    return hashArticleSources(this.config.kbDirs);
  }

  private ready(): Loaded {
    if (!this.loaded) throw new NotReadyError('kb: the knowledge base is still loading; try again in a few seconds.');
    return this.loaded;
  }

  get isReady(): boolean {
    return this.loaded !== undefined;
  }

  search(text: string, options: SearchOptions = {}): SearchResult {
    const { engine } = this.ready();
    return this.edits.search(engine, text, { maxQueryChars: this.config.maxQueryChars, ...options });
  }

  article(id: string): AnalyzedArticle | undefined {
    return this.edits.article(id, this.servedIndex());
  }

  /** Re-reads the article files and folders named (edited, added, deleted) and serves the change at once (see live-edits/). Returns the ids changed. */
  applyChanges(files: readonly string[]): Promise<string[]> {
    return this.edits.apply(files, this.servedIndex());
  }

  private servedIndex() {
    const { engine, store } = this.ready();
    return { engine, article: (id: string) => store.get(id) };
  }

  /** Watches the KB folders; edited, added and deleted article files are re-read within a second. Resolves once watching, to the folders watched. */
  watch(options: { debounceMs?: number } = {}): Promise<number> {
    void this.folderWatch?.stop();
    this.folderWatch = watchFolders(this.config.kbDirs, (files) => void this.reReadChanged(files), {
      debounceMs: options.debounceMs,
      canTake: () => this.isReady,
      log: (m) => this.events.log?.(m),
    });
    return this.folderWatch.ready;
  }

  /** applyChanges for files a watcher reported (this process's or, in a cluster, the primary's), logging the outcome. */
  async reReadChanged(files: readonly string[]): Promise<void> {
    const log = (m: string) => this.events.log?.(m);
    try {
      const ids = await this.applyChanges(files);
      const named = ids.length > 12 ? `${ids.length} articles (${ids.slice(0, 12).join(', ')}, …)` : ids.join(', ');
      if (ids.length) log(`kb: re-read ${named} after a change under KB_DIR.`);
    } catch (err) {
      log(`kb: could not re-read changed articles: ${(err as Error).message}`);
    }
  }

  close(): void {
    this.closed = true;
    this.closing.abort();
    void this.folderWatch?.stop();
    this.folderWatch = undefined;
  }

  get engine(): SearchEngine {
    return this.ready().engine;
  }

  /** What the troubleshooter reads: the engine, the quoted-line index (once read) and the articles. */
  async troubleshootSources(): Promise<TroubleshootSources> {
    const { engine } = this.ready();
    const signatures = await this.signatures().catch((err: Error) => {
      throw new NotReadyError(
        `kb: the quoted-line index is still loading: its saved file could not be read and is being rebuilt (${err.message}); try again in a minute.`,
        { cause: err },
      );
    });
    return { engine, signatures, article: (id) => this.article(id) };
  }

  /** The quoted-line index; resolves once read from its saved file (asking starts the read), or at once after a build. */
  signatures(): Promise<SignatureIndex> {
    const loaded = this.ready();
    loaded.wantSignatures?.();
    return loaded.signatures;
  }
}

/** Logged once the sources of a saved index served at once are found unchanged (scripts wait for it). */
export const SAVED_INDEX_CURRENT = 'the saved index matches the articles';

/** How long a replaced index's files stay open for the requests that started on it. */
const RETIRE_AFTER_MS = 60_000;

/** How long a served saved index waits before reading its signatures when no troubleshoot asks sooner. */
const SIGNATURES_DELAY_MS = 100;

// Unref'd: a command may exit meanwhile. A pause of 0 takes a turn of the loop: an unref'd timer alone lets the loop end first.
const pause = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms).unref() : setImmediate(resolve)));
