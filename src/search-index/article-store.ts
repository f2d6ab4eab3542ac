/**
 * The analysed articles, saved beside the index and read one at a time. Holding 60,000 parsed articles
 * in memory costs more than the index itself; a page or an excerpt needs a handful, read by offset.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { writeFileAtomically } from './atomic-file.js';
import { readHeaderLine } from './header-line.js';
import { IndexFormatError } from '../errors.js';
import type { AnalyzedArticle, Section } from '../types.js';
import { StoreBodies } from './store-bodies.js';
import { encodeStrings, StringTable } from './string-table.js';

/** Format 2 replaced a JSON table of contents (a quarter of a second to parse on the archive) with sorted binary tables. */
export const STORE_FORMAT_VERSION = 2;
const MAGIC = 'KBSLEUTH-ARTICLES\n';

/**
 * The header line; after it the table of contents, then the articles' JSON. The table is the ids, sorted (a
 * string table: `idBytes` of them, then their starts as `count + 1` uint32), and for each id its article's
 * [offset from the body start, length] as two float64.
 */
interface Header {
  format: number;
  sourceHash: string;
  count: number;
  idBytes: number;
}

/**
 * Writes every article to `file` atomically. An article may carry its JSON already made (`storeJson`, made on the
 * thread that read it); it is used as is and dropped from the object. `bodies` may hold the JSON of articles written
 * while they were loaded (those articles are not written again); it is discarded.
 */
export function saveArticleStore(
  file: string,
  sourceHash: string,
  articles: Iterable<AnalyzedArticle | { id: string; storeJson?: string }>,
  bodies = new StoreBodies(file),
): void {
  try {
    const listed = new Set<string>();
    for (const a of articles) {
      bodies.add(a);
      listed.add(a.id);
    }
    bodies.check();
    const ids = [...listed].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const table = encodeStrings(ids);
    const places = Float64Array.from(ids.flatMap((id) => bodies.places.get(id)!));
    const header: Header = { format: STORE_FORMAT_VERSION, sourceHash, count: ids.length, idBytes: table.blob.byteLength };
    const head = Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8');
    writeFileAtomically(file, [head, table.blob, bytesOf(table.starts), bytesOf(places), { fd: bodies.fd, length: bodies.length }]);
  } finally {
    bodies.discard();
  }
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

const SECTIONS_KEY = Buffer.from(',"sections":[', 'latin1');
const SECTIONS_END = Buffer.from('}],"', 'latin1');

/**
 * Where an article's sections array starts and ends in its JSON, or undefined when that is not plain (no
 * sections, or sections as the last field). A `"` inside a JSON string is always escaped, so `,"sections":[`
 * is the JSON's own (no field before the sections holds objects with such a key); the array's end is `}]`
 * followed by the next key, `,"` and a letter: a text ending in `}],` followed by its closing quote gives `}],"`
 * too, but then a `}` or `,` follows, never a letter, and a section's fields are strings, never arrays.
 */
function sectionsRange(buf: Buffer): [number, number] | undefined {
  const key = buf.indexOf(SECTIONS_KEY);
  if (key < 0) return undefined;
  const start = key + SECTIONS_KEY.length - 1;
  if (buf[start + 1] === 0x5d) return [start, start + 2];
  for (let end = buf.indexOf(SECTIONS_END, start); end >= 0; end = buf.indexOf(SECTIONS_END, end + 1)) {
    const next = buf[end + SECTIONS_END.length] | 0x20;
    if (next >= 0x61 && next <= 0x7a) return [start, end + 2];
  }
  return undefined;
}

/** Reads articles by id from a saved store, keeping the most recently read ones parsed. */
export class ArticleStore {
  private readonly fd: number;
  private readonly idTable: StringTable;
  /** [offset, length] of the article at each sorted id position. */
  private readonly places: Float64Array;
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
      const tableStart = nl + 1;
      const startsBytes = (header.count + 1) * 4;
      const placesBytes = header.count * 16;
      if (tableStart + header.idBytes + startsBytes + placesBytes > size)
        throw new IndexFormatError(`article-store: ${file} is shorter than its header says (truncated); it will be rebuilt.`);
      const blob = this.readAt(tableStart, header.idBytes);
      const starts = new Uint32Array(this.readAt(tableStart + header.idBytes, startsBytes).buffer);
      this.places = new Float64Array(this.readAt(tableStart + header.idBytes + startsBytes, placesBytes).buffer);
      this.idTable = new StringTable(blob, starts);
      this.bodyStart = tableStart + header.idBytes + startsBytes + placesBytes;
      let end = 0;
      for (let i = 0; i < header.count; i++) end = Math.max(end, this.places[2 * i] + this.places[2 * i + 1]);
      if (this.bodyStart + end > size) throw new IndexFormatError(`article-store: ${file} is shorter than its header says (truncated); it will be rebuilt.`);
    } catch (err) {
      closeSync(this.fd);
      if (err instanceof IndexFormatError) throw err;
      throw new IndexFormatError(`article-store: ${file} cannot be read (${(err as Error).message}); it will be rebuilt.`, { cause: err });
    }
  }

  get size(): number {
    return this.idTable.length;
  }

  /** Every article id, sorted. */
  ids(): string[] {
    return this.idTable.all();
  }

  has(id: string): boolean {
    return this.idTable.find(id) >= 0;
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
   * An article's sections for a passing use (a search result's excerpt): the cached copy's when there is one,
   * else read without keeping the article. A search reads ten articles; keeping each would push out the ones
   * pages and diagnoses reuse, and turn every search into old-generation garbage. Only the sections' part of
   * the JSON is decoded and parsed: they are two thirds of it, and the signatures, sources and the rest were half
   * the cost of reading an article for its excerpt.
   */
  sectionsOf(id: string): Section[] | undefined {
    const cached = this.cache.get(id);
    if (cached) return cached.sections;
    const at = this.idTable.find(id);
    if (at < 0) return undefined;
    const buf = this.readAt(this.bodyStart + this.places[2 * at], this.places[2 * at + 1]);
    const range = sectionsRange(buf);
    if (range) {
      try {
        return JSON.parse(buf.toString('utf8', range[0], range[1])) as Section[];
      } catch {
        // Bounds that were not the sections' after all: read the article whole.
      }
    }
    return (JSON.parse(buf.toString('utf8')) as AnalyzedArticle).sections;
  }

  private read(id: string): AnalyzedArticle | undefined {
    const at = this.idTable.find(id);
    if (at < 0) return undefined;
    const buf = this.readAt(this.bodyStart + this.places[2 * at], this.places[2 * at + 1]);
    return JSON.parse(buf.toString('utf8')) as AnalyzedArticle;
  }

  /** `length` bytes at `position`, in a buffer of its own (aligned for typed arrays). */
  private readAt(position: number, length: number): Buffer {
    const buf = Buffer.from(new ArrayBuffer(length));
    for (let done = 0; done < length;) {
      const n = readSync(this.fd, buf, done, length - done, position + done);
      if (n === 0) throw new IndexFormatError(`article-store: ${this.file} ended early (truncated); it will be rebuilt.`);
      done += n;
    }
    return buf;
  }

  close(): void {
    closeSync(this.fd);
  }
}
