/**
 * Articles edited, added or deleted under KB_DIR since the served index was built: re-read from their
 * files, searchable at once from a small overlay index (overlay.ts) merged into the archive's results
 * (merge-results.ts), while the archive's copies are hidden. Cleared whenever a fresh index is served.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { articleIdFromPath, articleNumberOf } from '../article-id.js';
import { isLoadProblem, loadArticleFile } from '../ingest/load-articles.js';
import { mergeTwins } from '../ingest/merge.js';
import { SEARCH_LIMITS } from '../search/limits.js';
import type { SearchEngine, SearchOptions, SearchResult } from '../search/search.js';
import { analyzeArticle } from '../signals/read-signals.js';
import type { AnalyzedArticle, Article } from '../types.js';
import { mergeResults } from './merge-results.js';
import { buildOverlayEngine } from './overlay.js';

/** What the live edits read of the served index: its engine and its stored articles. */
export interface ServedIndex {
  engine: SearchEngine;
  article(id: string): AnalyzedArticle | undefined;
}

export class LiveEdits {
  /** Articles edited or added since the index was built (id -> article), and ids deleted. */
  private readonly edited = new Map<string, AnalyzedArticle>();
  private readonly deleted = new Set<string>();
  private overlayEngine?: SearchEngine;

  /** `roots`: the KB folders; a file that resolves outside them (through a link) is refused, as at load. */
  constructor(
    private readonly roots: readonly string[],
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Forgets every edit: a freshly served index holds them all. */
  clear(): void {
    this.edited.clear();
    this.deleted.clear();
    this.overlayEngine = undefined;
  }

  /** The article as edited, undefined when deleted, else what the served index holds. */
  article(id: string, served: ServedIndex): AnalyzedArticle | undefined {
    if (this.deleted.has(id)) return undefined;
    return this.edited.get(id) ?? served.article(id);
  }

  /**
   * Re-reads the article files named and makes the change searchable: the article is re-read from every
   * file of its id (both formats), analysed, and served from the overlay; the archive's copy is hidden.
   * Returns the ids changed.
   */
  async apply(files: readonly string[], served: ServedIndex): Promise<string[]> {
    const ids = new Map<string, Set<string>>();
    const add = (id: string, file?: string) => {
      const paths = ids.get(id) ?? new Set<string>();
      if (file) paths.add(path.resolve(file));
      for (const s of this.article(id, served)?.sources ?? served.article(id)?.sources ?? []) paths.add(path.resolve(s.path));
      ids.set(id, paths);
    };
    for (const file of files) {
      const id = articleIdFromPath(file);
      if (id) add(id, file);
      else for (const inner of this.articlesIn(file, served)) add(inner);
    }
    for (const [id, paths] of ids) {
      let merged: Article | undefined;
      for (const p of [...paths].sort()) {
        if (!existsSync(p)) continue;
        const parsed = await loadArticleFile(p, this.roots);
        if (isLoadProblem(parsed)) {
          this.log(`kb: ${parsed.path}: ${parsed.message}`);
          continue;
        }
        merged = merged ? mergeTwins(merged, parsed) : parsed;
      }
      if (merged) {
        this.edited.set(id, analyzeArticle(merged));
        this.deleted.delete(id);
      } else {
        this.edited.delete(id);
        this.deleted.add(id);
      }
    }
    const hidden = new Set<number>();
    for (const id of [...this.edited.keys(), ...this.deleted]) {
      const d = served.engine.docOf(id);
      if (d !== undefined) hidden.add(d);
    }
    served.engine.hide(hidden);
    this.overlayEngine = this.edited.size ? buildOverlayEngine([...this.edited.values()], served.engine) : undefined;
    return [...ids.keys()];
  }

  /**
   * The articles whose files lay in a folder of the archive's layout, gone whole (moved away: the watcher reports the
   * folder alone). `kb/161` and `txt/161` hold the articles numbered 161xxx, `kb/010` those numbered 010xxx (Q10022),
   * so only those are read to see whether one of their files was in it; the articles of a folder named otherwise
   * show until the next start's source check.
   */
  private articlesIn(folder: string, served: ServedIndex): string[] {
    const name = path.basename(folder);
    if (!/^\d{1,7}$/.test(name)) return [];
    // The layout's folders are named by the number's first digits, written with six at least (010 for 010022).
    const numbered = (id: string) => String(articleNumberOf(id)).padStart(6, '0').startsWith(name);
    const inside = path.resolve(folder) + path.sep;
    const candidates = new Set([...this.edited.keys()].filter(numbered));
    for (const m of served.engine.index.docs) if (numbered(m.id)) candidates.add(m.id);
    return [...candidates].filter((id) => (this.article(id, served)?.sources ?? []).some((s) => path.resolve(s.path).startsWith(inside)));
  }

  /** A search of the served engine with the edits merged in (both answer the first offset+limit hits, merged by score). */
  search(engine: SearchEngine, text: string, options: SearchOptions): SearchResult {
    if (!this.overlayEngine) return engine.search(text, options);
    const offset = options.offset ?? 0;
    const limit = options.limit ?? 10;
    const window = { ...options, offset: 0, limit: Math.min(SEARCH_LIMITS.maxLimit, offset + limit) };
    const base = engine.search(text, window);
    const extra = this.overlayEngine.search(text, window);
    if (extra.mode === 'article') return extra;
    return mergeResults(base, extra, offset, limit, options.sort ?? 'relevance');
  }
}
