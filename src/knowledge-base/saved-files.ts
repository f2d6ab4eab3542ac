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
import type { PreparedArticle } from '../search-index/document.js';
import type { IndexData } from '../search-index/index-data.js';
import { loadIndex, readIndexHeader, saveIndex } from '../search-index/index-file.js';
import { loadSignatureIndex, saveSignatureIndex } from '../troubleshoot/signature-file.js';
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

/** Writes the set from one build; returns the quoted-line index written, for the index served now. */
export function writeSavedFiles(files: SavedFiles, dataDir: string, index: IndexData, articles: readonly PreparedArticle[]): SignatureIndex {
  mkdirSync(dataDir, { recursive: true });
  const signatures = new SignatureIndex(signatureRecordsOf(articles));
  saveArticleStore(files.store, index.sourceHash, articles);
  saveSignatureIndex(files.signatures, index.sourceHash, signatures);
  saveIndex(files.index, index);
  return signatures;
}

/**
 * The saved index and store when both are present and from one build; undefined when the set is incomplete.
 * Throws IndexFormatError (or the reader's error) when a file cannot be used.
 */
export function readSavedIndex(files: SavedFiles, dataDir: string): { index: IndexData; store: ArticleStore } | undefined {
  if (!complete(files)) return undefined;
  const index = loadIndex(files.index);
  const store = new ArticleStore(files.store);
  if (store.sourceHash !== index.sourceHash) {
    store.close();
    throw new IndexFormatError(`kb: the saved index and article store under ${dataDir} come from different builds; they will be rebuilt.`);
  }
  return { index, store };
}

/** The saved quoted-line index (saved finished: reading it builds nothing), once this thread is free. */
export async function readSignatures(file: string, sourceHash: string): Promise<SignatureIndex> {
  await new Promise((resolve) => setImmediate(resolve));
  return loadSignatureIndex(file, { sourceHash, fix: 'run `kbsleuth index` to rebuild them together' });
}

function signatureRecordsOf(articles: readonly AnalyzedArticle[]): SignatureRecord[] {
  return articles.flatMap((a) => a.signatures.map((s) => ({ id: a.id, template: s.template, line: s.line, section: s.section })));
}
