/**
 * The set of files one knowledge base keeps under DATA_DIR: the search index, the article store and the
 * quoted-line index, written together from one build and read back only when they agree.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { IndexFormatError } from '../errors.js';
import { ArticleStore, saveArticleStore } from '../search-index/article-store.js';
import { removeStaleTempFiles } from '../search-index/atomic-file.js';
import { StoreBodies } from '../search-index/store-bodies.js';
import { buildIndex, type NumberedDocument } from '../search-index/build-index.js';
import { indexedDocumentOfPrepared, type PreparedArticle } from '../search-index/document.js';
import type { IndexData } from '../search-index/index-data.js';
import { checkSavedIndex, readIndexHeader, saveIndex } from '../search-index/index-file.js';
import { openSavedIndex, type OpenedIndex } from '../search-index/index-reader.js';
import { saveSignatureIndex } from '../troubleshoot/signature-file.js';
import { SignatureIndex, type SignatureRecord } from '../troubleshoot/signature-index.js';
import type { AnalyzedArticle } from '../types.js';

export interface SavedFiles {
  index: string;
  store: string;
  signatures: string;
}

/** Files of one set of folders under DATA_DIR: one set per distinct KB_DIR list. */
export function savedFilesOf(kbDirs: readonly string[], dataDir: string): SavedFiles {
  const key = createHash('sha256')
    .update(kbDirs.map((d) => path.resolve(d)).join('\0'))
    .digest('hex')
    .slice(0, 12);
  return {
    index: path.join(dataDir, `index-${key}.bin`),
    store: path.join(dataDir, `articles-${key}.store`),
    signatures: path.join(dataDir, `signatures-${key}.bin`),
  };
}

/** Deletes the temporary files a process stopped mid-write left beside the set; returns how many. */
export function removeAbandonedWrites(files: SavedFiles): number {
  return Object.values(files).flatMap((file) => removeStaleTempFiles(file)).length;
}

const complete = (files: SavedFiles) => existsSync(files.index) && existsSync(files.store) && existsSync(files.signatures);

/**
 * The source hash the saved index was built from, read from its header alone (no index loaded), or
 * undefined when there is no complete saved set.
 */
export function savedSourceHash(files: SavedFiles): string | undefined {
  if (!complete(files)) return undefined;
  try {
    return readIndexHeader(files.index).sourceHash;
  } catch {
    return undefined;
  }
}

/**
 * Starts the saved files of one build: the article store's JSON is written as the articles arrive (`take` each batch),
 * not held until all are loaded (225 MB at the build's peak). Then call writeStoreAndSignatures; discard() on failure.
 */
export function startStore(files: SavedFiles, dataDir: string): StoreBodies {
  mkdirSync(dataDir, { recursive: true });
  return new StoreBodies(files.store);
}

/**
 * Writes the article store and the quoted-line index of one build, the first two of its set: before its search
 * index is built, so the articles' JSON is freed first. Returns the quoted-line index written, for the index served
 * next. Then call buildAndSaveIndex; a set left half-written is refused as from different builds.
 */
export function writeStoreAndSignatures(files: SavedFiles, sourceHash: string, articles: readonly PreparedArticle[], bodies: StoreBodies): SignatureIndex {
  const signatures = new SignatureIndex(signatureRecordsOf(articles));
  saveArticleStore(files.store, sourceHash, articles, bodies);
  saveSignatureIndex(files.signatures, sourceHash, signatures);
  return signatures;
}

/**
 * Builds and writes the search index of the build whose store and signatures writeStoreAndSignatures wrote, and
 * returns it. Each article is let go (its place in `articles` emptied) once indexed: the index is built beside
 * the terms of the articles still to index alone.
 */
export function buildAndSaveIndex(
  files: SavedFiles,
  sourceHash: string,
  articles: (PreparedArticle | undefined)[],
  onProgress: (done: number, total: number) => void,
): IndexData {
  const count = articles.length;
  const docs = (function* (): Generator<NumberedDocument> {
    for (let i = 0; i < count; i++) {
      yield indexedDocumentOfPrepared(articles[i]!);
      articles[i] = undefined;
    }
  })();
  const index = buildIndex(docs, count, { sourceHash, onProgress });
  saveIndex(files.index, index);
  return index;
}

/** How a served saved file's errors end: the knowledge base rebuilds what it cannot serve. */
const REBUILT = 'it will be rebuilt from the articles';

/**
 * The saved index and store when both are present and from one build; undefined when the set is incomplete.
 * The index is mapped, not read (index-reader.ts): its terms' postings are paged in as searches first read them,
 * and every server process shares them through the page cache. Its checksum is not checked here: call `checkSavedIndexBody` after serving it.
 * Throws IndexFormatError (or the reader's error) when a file cannot be used.
 */
export function readSavedIndex(files: SavedFiles, dataDir: string): { opened: OpenedIndex; store: ArticleStore } | undefined {
  if (!complete(files)) return undefined;
  const opened = openSavedIndex(files.index, REBUILT, { allDocs: true });
  const store = new ArticleStore(files.store);
  if (store.sourceHash !== opened.index.sourceHash) {
    store.close();
    throw new IndexFormatError(`kb: the saved index and article store under ${dataDir} come from different builds; they will be rebuilt.`);
  }
  return { opened, store };
}

/** Checks the whole saved index file against its checksum, a chunk at a time (see checkSavedIndex). */
export function checkSavedIndexBody(files: SavedFiles): Promise<void> {
  return checkSavedIndex(files.index, REBUILT);
}

function signatureRecordsOf(articles: readonly Pick<AnalyzedArticle, 'id' | 'signatures'>[]): SignatureRecord[] {
  return articles.flatMap((a) => a.signatures.map((s) => ({ id: a.id, template: s.template, line: s.line, section: s.section })));
}
