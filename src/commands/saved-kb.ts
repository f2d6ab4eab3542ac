/**
 * The saved index under DATA_DIR, opened by one command for what it needs and no more: an article reads the
 * article store's table of contents and one entry; a search, the postings of its words and the articles of
 * its hits; a paste, those of its lines' words and the quoted-line index. Nothing is built and nothing is
 * checked against the article folders (hashing them takes longer than the answer): the answers are those of
 * the last `kbsleuth index` or `serve` build.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { IndexFormatError } from '../errors.js';
import { savedFilesOf, type SavedFiles } from '../knowledge-base/saved-files.js';
import { ArticleStore } from '../search-index/article-store.js';
import { openSavedIndex, type OpenedIndex } from '../search-index/index-reader.js';
import { SearchEngine } from '../search/search.js';
import { loadSignatureIndex } from '../troubleshoot/signature-file.js';
import type { TroubleshootSources } from '../troubleshoot/troubleshoot.js';
import type { AnalyzedArticle } from '../types.js';
import { CommandError, EXIT } from './command-output.js';

export class SavedKb {
  private readonly files: SavedFiles;
  private store?: ArticleStore;
  private opened?: OpenedIndex;
  private searchEngine?: SearchEngine;

  constructor(private readonly config: Pick<Config, 'kbDirs' | 'dataDir' | 'maxQueryChars'>) {
    this.files = savedFilesOf(config.kbDirs, config.dataDir);
    const missing = Object.values(this.files).filter((f) => !existsSync(f));
    if (missing.length) {
      const what = missing.length === 3 ? 'no saved index' : `an incomplete saved index (${missing.map((f) => path.basename(f)).join(', ')} missing)`;
      throw new CommandError(
        `${what} of ${config.kbDirs.join(':')} under ${config.dataDir}. Build it with \`kbsleuth index\` (same KB_DIR and DATA_DIR) ` +
          'or start `kbsleuth serve`, which builds it; or ask a running server with --url or KBSLEUTH_URL.',
        EXIT.unavailable,
      );
    }
  }

  article(id: string): AnalyzedArticle | undefined {
    return this.articles().get(id);
  }

  engine(): SearchEngine {
    if (!this.searchEngine) {
      this.opened = unusable(() => openSavedIndex(this.files.index));
      const { index, idfs } = this.opened;
      if (index.sourceHash !== this.articles().sourceHash) {
        throw new CommandError(
          `the saved index and article store under ${this.config.dataDir} come from different builds; run \`kbsleuth index\` to rebuild them together.`,
          EXIT.unavailable,
        );
      }
      this.searchEngine = new SearchEngine(index, this.articles(), {}, idfs);
    }
    return this.searchEngine;
  }

  troubleshootSources(): TroubleshootSources {
    const engine = this.engine();
    const fix = 'run `kbsleuth index` to rebuild it';
    const signatures = unusable(() => loadSignatureIndex(this.files.signatures, { sourceHash: engine.index.sourceHash, fix }));
    return { engine, signatures, article: (id) => this.article(id) };
  }

  close(): void {
    this.store?.close();
  }

  private articles(): ArticleStore {
    this.store ??= unusable(() => new ArticleStore(this.files.store));
    return this.store;
  }
}

/** A saved file from another version, truncated or corrupt is "no usable index" (exit 3), with the reader's message. */
function unusable<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof IndexFormatError)
      throw new CommandError(err.message.replace(/it will be rebuilt( from the articles)?/, 'run `kbsleuth index` to rebuild it'), EXIT.unavailable, {
        cause: err,
      });
    throw err;
  }
}
