/**
 * The analysed articles, saved beside the index and read one at a time. Holding 60,000 parsed articles
 * in memory costs more than the index itself; a page or an excerpt needs a handful, read by offset.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { writeFileAtomically } from './atomic-file.js';
import { readHeaderLine } from './header-line.js';
import { IndexFormatError } from '../errors.js';
import type { AnalyzedArticle } from '../types.js';

export const STORE_FORMAT_VERSION = 1;
const MAGIC = 'KBSLEUTH-ARTICLES\n';

interface Header {
  format: number;
  sourceHash: string;
  /** id -> [offset from the body start, length] */
  entries: Record<string, [number, number]>;
}

/**
 * Writes every article to `file` atomically. An article may carry its JSON already made (`storeJson`, made
 * on the thread that read it); it is used as is and dropped from the object.
 */
export function saveArticleStore(file: string, sourceHash: string, articles: Iterable<AnalyzedArticle & { storeJson?: string }>): void {
  const chunks: Buffer[] = [];
  const entries: Header['entries'] = {};
  let at = 0;
  for (const a of articles) {
    const b = Buffer.from(a.storeJson ?? JSON.stringify(a), 'utf8');
    delete a.storeJson;
    entries[a.id] = [at, b.byteLength];
    chunks.push(b);
    at += b.byteLength;
  }
  const head = Buffer.from(MAGIC + JSON.stringify({ format: STORE_FORMAT_VERSION, sourceHash, entries } satisfies Header) + '\n', 'utf8');
  writeFileAtomically(file, [head, ...chunks]);
}

/** Reads articles by id from a saved store, keeping the most recently read ones parsed. */
export class ArticleStore {
  private readonly fd: number;
  private readonly entries: Map<string, [number, number]>;
  private readonly bodyStart: number;
  private readonly cache = new Map<string, AnalyzedArticle>();
  readonly sourceHash: string;

  /** Parsed articles kept in memory. */
  static readonly CACHE_SIZE = 512;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'r');
    try {
      const size = fstatSync(this.fd).size;
      const chunk = readHeaderLine(this.fd, MAGIC.length);
      const nl = chunk[chunk.length - 1] === 0x0a ? chunk.length - 1 : -1;
      if (chunk.subarray(0, MAGIC.length).toString('latin1') !== MAGIC || nl < MAGIC.length) {
        throw new IndexFormatError(`article-store: ${file} is not a kbsleuth article store (or is truncated); it will be rebuilt.`);
      }
      const header: Header = JSON.parse(chunk.subarray(MAGIC.length, nl).toString('utf8'));
      if (header.format !== STORE_FORMAT_VERSION) {
        throw new IndexFormatError(`article-store: ${file} is format ${header.format}, this kbsleuth reads ${STORE_FORMAT_VERSION}; it will be rebuilt.`);
      }
      this.sourceHash = header.sourceHash;
      this.entries = new Map(Object.entries(header.entries));
      this.bodyStart = nl + 1;
      let end = 0;
      for (const [off, n] of this.entries.values()) end = Math.max(end, off + n);
      if (this.bodyStart + end > size) throw new IndexFormatError(`article-store: ${file} is shorter than its header says (truncated); it will be rebuilt.`);
    } catch (err) {
      closeSync(this.fd);
      if (err instanceof IndexFormatError) throw err;
      throw new IndexFormatError(`article-store: ${file} cannot be read (${(err as Error).message}); it will be rebuilt.`, { cause: err });
    }
  }

  get size(): number {
    return this.entries.size;
  }

  ids(): IterableIterator<string> {
    return this.entries.keys();
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): AnalyzedArticle | undefined {
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const article = this.read(id);
    if (!article) return undefined;
    this.cache.set(id, article);
    if (this.cache.size > ArticleStore.CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return article;
  }

  /**
   * An article for a passing use (a search result's excerpt): the cached copy when there is one, else read
   * without keeping it. A search reads ten articles; keeping each would push out the ones pages and diagnoses
   * reuse, and turn every search into old-generation garbage.
   */
  peek(id: string): AnalyzedArticle | undefined {
    return this.cache.get(id) ?? this.read(id);
  }

  private read(id: string): AnalyzedArticle | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const buf = Buffer.alloc(entry[1]);
    readSync(this.fd, buf, 0, entry[1], this.bodyStart + entry[0]);
    return JSON.parse(buf.toString('utf8')) as AnalyzedArticle;
  }

  close(): void {
    closeSync(this.fd);
  }
}
