/**
 * A saved index opened for a few queries (one `kbsleuth search` or `troubleshoot` call) rather than served:
 * the header, the term strings and the documents' metadata are read at once, and each term's counts and
 * postings only when a look-up first finds it. Reading the whole file (hundreds of MB) and checking its
 * checksum is what made a command take seconds; a query needs a few hundred KB of it.
 *
 * The arrays keep the saved layout, so the search code runs on them unchanged: they are allocated full size,
 * and a term's postings are read into the same positions they have in the file. The operating system gives
 * the pages nothing is read into no memory. Every term id the search code sees comes from `termIds`,
 * `pairIds` or a prefix look-up, and each of those reads the term's data before handing its id out.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { IndexFormatError } from '../errors.js';
import { readHeaderLine } from './header-line.js';
import { FIELDS, idf, type DocMeta, type IndexData, type TermLookup } from './index-data.js';
import { INDEX_MAGIC, parseHeader, type IndexHeader, type SectionName } from './index-file.js';
import { PairTable, pairSlot } from './pair-table.js';
import { StringTable } from './string-table.js';

const F = FIELDS.length;
/** How the errors of a reader end by default: a command rebuilds nothing (a server passes its own). */
const REBUILD = 'run `kbsleuth index` to rebuild it';

export interface OpenedIndex {
  index: IndexData;
  /** idf by term id, filled as terms are read: pass it to the SearchEngine so it computes none itself. */
  idfs: Float64Array;
  close(): void;
}

/**
 * Opens a saved index for querying; throws IndexFormatError when it is foreign, from another version or truncated.
 * The body's checksum is not checked here (that reads the whole file): see `checkSavedIndex`. `fix` ends the
 * error messages (default: run `kbsleuth index`).
 */
export function openSavedIndex(file: string, fix = REBUILD, options: OpenOptions = {}): OpenedIndex {
  const fd = openSync(file, 'r');
  try {
    return new SavedIndexReader(file, fd, fix).opened(options);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

export interface OpenOptions {
  /**
   * Parse every document's metadata at once (one JSON.parse of them all), for a server: its first search walks
   * them all for the facets, which parsing them one by one through the lazy array took three times as long.
   * Default false: a command parses the few it shows.
   */
  allDocs?: boolean;
}

class SavedIndexReader {
  private readonly header: IndexHeader;
  private readonly bodyStart: number;
  private readonly words: StringTable;
  private readonly sortedTerms: Uint32Array;
  private readonly loaded: Uint8Array;
  private readonly terms: string[];
  private readonly df: Uint32Array;
  private readonly offsets: Uint32Array;
  private readonly postings: Uint32Array;
  private readonly weights: Float32Array;
  private readonly idfs: Float64Array;
  private readonly docCount: number;

  constructor(
    private readonly file: string,
    private readonly fd: number,
    private readonly fix: string,
  ) {
    ({ header: this.header, bodyStart: this.bodyStart } = parseHeader(readHeaderLine(fd, INDEX_MAGIC.length), file, fix));
    const size = fstatSync(fd).size;
    if (size !== this.bodyStart + this.header.bodyBytes) {
      throw new IndexFormatError(
        `search-index: ${file} holds ${size - this.bodyStart} bytes of index but its header says ${this.header.bodyBytes} (truncated?); ${fix}.`,
      );
    }
    const { termCount, docCount } = this.header;
    this.docCount = docCount;
    this.words = new StringTable(this.readSection('terms'), uint32sOf(this.readSection('termStarts')));
    this.sortedTerms = uint32sOf(this.readSection('sortedTerms'));
    this.loaded = new Uint8Array(termCount);
    this.terms = new Array<string>(termCount);
    this.df = new Uint32Array(termCount);
    this.offsets = new Uint32Array(termCount * F + 1);
    const postingCount = this.header.sections.postings.bytes / 4;
    this.postings = new Uint32Array(postingCount);
    this.weights = new Float32Array(postingCount);
    this.idfs = new Float64Array(termCount);
  }

  opened(options: OpenOptions): OpenedIndex {
    const docBlob = this.readSection('docs');
    const docLines = new StringTable(docBlob, uint32sOf(this.readSection('docStarts')));
    const ids = new StringTable(this.readSection('docIds'), uint32sOf(this.readSection('docIdStarts')));
    const idOrder = uint32sOf(this.readSection('docIdOrder'));
    if (docLines.length !== this.docCount || ids.length !== this.docCount || idOrder.length !== this.docCount) {
      throw new IndexFormatError(`search-index: ${this.file} holds ${docLines.length} documents, its header says ${this.docCount}; ${this.fix}.`);
    }
    const index: IndexData = {
      sourceHash: this.header.sourceHash,
      builtAt: this.header.builtAt,
      terms: this.terms,
      termIds: new ReadingTermLookup(this),
      pairIds: new ReadingPairTable(this, this.header.sections.pairKeys.bytes / 8),
      sortedTerms: this.sortedTerms,
      df: this.df,
      offsets: this.offsets,
      postings: this.postings,
      weights: this.weights,
      avgFieldLengths: this.header.avgFieldLengths,
      // A JSON line holds no raw newline, so every newline separates two documents.
      docs: options.allDocs ? (JSON.parse(`[${docBlob.toString('utf8').replaceAll('\n', ',')}]`) as DocMeta[]) : lazyDocs(docLines),
      docIds: {
        get(id) {
          const at = ids.find(id);
          return at < 0 ? undefined : idOrder[at];
        },
      },
    };
    return { index, idfs: this.idfs, close: () => closeSync(this.fd) };
  }

  /** Position of a one-word term among the sorted terms, or -1. */
  position(term: string): number {
    return this.words.find(term);
  }

  /** Sorted positions of the terms starting with `prefix`, at most `max`. */
  positionsWithPrefix(prefix: string, max: number): { position: number; term: string }[] {
    const out: { position: number; term: string }[] = [];
    for (let i = this.words.lowerBound(prefix); i < this.words.length && out.length < max; i++) {
      const term = this.words.at(i);
      if (!term.startsWith(prefix)) break;
      out.push({ position: i, term });
    }
    return out;
  }

  idAt(position: number): number {
    return this.sortedTerms[position];
  }

  dfOf(id: number): number {
    this.readInto('df', this.df, id, 1);
    return this.df[id];
  }

  /** Reads a term's document count, offsets and postings (once), and names it when it is a word. */
  load(id: number, word?: string): void {
    if (word !== undefined) this.terms[id] = word;
    if (this.loaded[id]) return;
    this.loaded[id] = 1;
    this.idfs[id] = idf(this.dfOf(id), this.docCount);
    this.readInto('offsets', this.offsets, id * F, F + 1);
    const start = this.offsets[id * F];
    const count = this.offsets[id * F + F] - start;
    if (count > 0) {
      this.readInto('postings', this.postings, start, count);
      this.readInto('weights', this.weights, start, count);
    }
  }

  /** Reads `count` elements of a section into `target` at the same element positions. */
  readInto(name: SectionName, target: Uint32Array | Float32Array | Float64Array, at: number, count: number): void {
    const size = target.BYTES_PER_ELEMENT;
    const section = this.header.sections[name];
    if ((at + count) * size > section.bytes) {
      throw new IndexFormatError(`search-index: ${this.file} has a ${name} entry out of bounds (corrupt?); ${this.fix}.`);
    }
    const bytes = new Uint8Array(target.buffer, target.byteOffset + at * size, count * size);
    this.readFully(bytes, this.bodyStart + section.offset + at * size);
  }

  private readSection(name: SectionName): Buffer {
    const section = this.header.sections[name];
    // Aligned, so typed arrays can view it.
    const buf = Buffer.from(new ArrayBuffer(section.bytes));
    this.readFully(buf, this.bodyStart + section.offset);
    return buf;
  }

  private readFully(target: Uint8Array, position: number): void {
    for (let done = 0; done < target.byteLength;) {
      const n = readSync(this.fd, target, done, target.byteLength - done, position + done);
      if (n === 0) throw new IndexFormatError(`search-index: ${this.file} ended early (truncated?); ${this.fix}.`);
      done += n;
    }
  }
}

/**
 * The documents' metadata as an array whose entries are parsed when first read: a search shows ten and a paste
 * a few dozen, of 60,000. Whatever walks them all (facet counts) parses them all, one at a time.
 */
function lazyDocs(lines: StringTable): DocMeta[] {
  const parsed = new Array<DocMeta>(lines.length);
  // Called on every read of the array: a digit first means an index (property names start with a letter).
  const indexOf = (prop: string | symbol) => {
    if (typeof prop !== 'string' || !(prop.charCodeAt(0) >= 48 && prop.charCodeAt(0) <= 57)) return -1;
    const i = Number(prop);
    return Number.isInteger(i) && i < lines.length ? i : -1;
  };
  return new Proxy(parsed, {
    get(target, prop, receiver) {
      const i = indexOf(prop);
      if (i < 0) return Reflect.get(target, prop, receiver);
      return (target[i] ??= JSON.parse(lines.at(i)) as DocMeta);
    },
    // Array methods (forEach, map) skip the entries they are told are absent.
    has: (target, prop) => indexOf(prop) >= 0 || Reflect.has(target, prop),
  });
}

const uint32sOf = (b: Buffer) => new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);

const MEMO_LIMIT = 100_000;

/** Term string -> id by binary search over the saved sorted terms; the term's data is read before its id is returned. */
class ReadingTermLookup implements TermLookup {
  private readonly memo = new Map<string, number>();

  constructor(private readonly reader: SavedIndexReader) {}

  get(term: string): number | undefined {
    const known = this.memo.get(term);
    if (known !== undefined) return known < 0 ? undefined : known;
    const position = this.reader.position(term);
    const id = position < 0 ? undefined : this.reader.idAt(position);
    if (id !== undefined) this.reader.load(id, term);
    // A server sees new words with every paste; the terms read stay read, only the memo is dropped.
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(term, id ?? -1);
    return id;
  }

  has(term: string): boolean {
    return this.get(term) !== undefined;
  }

  startingWith(prefix: string, limit: number): number[] {
    // Only the counts of the candidates are read to rank them; the postings only of those returned.
    const found = this.reader.positionsWithPrefix(prefix, 500).map(({ position, term }) => {
      const id = this.reader.idAt(position);
      return { id, term, df: this.reader.dfOf(id) };
    });
    const kept = found.sort((a, b) => b.df - a.df).slice(0, limit);
    for (const { id, term } of kept) this.reader.load(id, term);
    return kept.map((k) => k.id);
  }
}

/** Slots of the saved pair table read at a time. */
const PAIR_BLOCK = 64;

/** The saved word-pair table, its slots read a block at a time as probes reach them. */
class ReadingPairTable extends PairTable {
  private readonly blocks: Uint8Array;

  constructor(
    private readonly reader: SavedIndexReader,
    capacity: number,
  ) {
    super(capacity);
    this.blocks = new Uint8Array(Math.ceil(capacity / PAIR_BLOCK));
  }

  override get(key: number): number | undefined {
    const k = key + 1;
    const mask = this.keys.length - 1;
    for (let i = pairSlot(k) & mask; ; i = (i + 1) & mask) {
      const block = Math.floor(i / PAIR_BLOCK);
      if (!this.blocks[block]) {
        this.blocks[block] = 1;
        const count = Math.min(PAIR_BLOCK, this.keys.length - block * PAIR_BLOCK);
        this.reader.readInto('pairKeys', this.keys, block * PAIR_BLOCK, count);
        this.reader.readInto('pairTerms', this.values, block * PAIR_BLOCK, count);
      }
      const at = this.keys[i];
      if (at === k) {
        this.reader.load(this.values[i]);
        return this.values[i];
      }
      if (at === 0) return undefined;
    }
  }

  override set(): void {
    throw new IndexFormatError('search-index: a saved index opened for reading cannot be changed.');
  }
}
