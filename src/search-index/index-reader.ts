/**
 * A saved index opened for querying, by a server or by one `kbsleuth search` or `troubleshoot` call: the file is
 * mapped (mapped-file.ts) and the search code runs on typed arrays viewing the saved layout, so opening reads the
 * header and, for a server, the documents' metadata, and each term's counts and postings are paged in by the
 * kernel when a look-up first reads them. Every process serving the file shares those pages. Reading the whole
 * file (hundreds of MB) and checking its checksum is what made a command take seconds; a query needs a few
 * hundred KB of it.
 *
 * Every term id the search code sees comes from `termIds`, `pairIds` or a prefix look-up, and each of those
 * checks the term's entries against the file's bounds and computes its idf before handing its id out.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { IndexFormatError } from '../errors.js';
import { readHeaderLine } from './header-line.js';
import { FIELDS, idf, type DocMeta, type IndexData, type TermLookup } from './index-data.js';
import { INDEX_MAGIC, parseHeader, type IndexHeader, type SectionName } from './index-file.js';
import { mapFile } from './mapped-file.js';
import { PairTable } from './pair-table.js';
import { StringTable } from './string-table.js';

const F = FIELDS.length;
/** How the errors of a reader end by default: a command rebuilds nothing (a server passes its own). */
const REBUILD = 'run `kbsleuth index` to rebuild it';

export interface OpenedIndex {
  index: IndexData;
  /** idf by term id, filled as terms are looked up: pass it to the SearchEngine so it computes none itself. */
  idfs: Float64Array;
}

/**
 * Opens a saved index for querying; throws IndexFormatError when it is foreign, from another version or truncated.
 * The body's checksum is not checked here (that reads the whole file): see `checkSavedIndex`. `fix` ends the
 * error messages (default: run `kbsleuth index`). Nothing needs closing: the mapping goes with the last view of it.
 */
export function openSavedIndex(file: string, fix = REBUILD, options: OpenOptions = {}): OpenedIndex {
  const fd = openSync(file, 'r');
  try {
    return new SavedIndexReader(file, fd, fix).opened(options);
  } finally {
    closeSync(fd);
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
  private readonly mapped: Buffer;
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
    fd: number,
    private readonly fix: string,
  ) {
    ({ header: this.header, bodyStart: this.bodyStart } = parseHeader(readHeaderLine(fd, INDEX_MAGIC.length), file, fix));
    const size = fstatSync(fd).size;
    if (size !== this.bodyStart + this.header.bodyBytes) {
      throw new IndexFormatError(
        `search-index: ${file} holds ${size - this.bodyStart} bytes of index but its header says ${this.header.bodyBytes} (truncated?); ${fix}.`,
      );
    }
    this.mapped = mapFile(fd);
    const { termCount, docCount } = this.header;
    this.docCount = docCount;
    this.words = new StringTable(this.section('terms'), uint32sOf(this.section('termStarts')));
    this.sortedTerms = uint32sOf(this.section('sortedTerms'));
    this.loaded = new Uint8Array(termCount);
    // Sparse, filled as terms are read (a few thousand of 3 million): an array of termCount would be 24 MiB of
    // empty slots in every serving process. Past the first gap V8 keeps such an array as a dictionary.
    this.terms = [];
    this.df = uint32sOf(this.section('df'));
    this.offsets = uint32sOf(this.section('offsets'));
    this.postings = uint32sOf(this.section('postings'));
    this.weights = float32sOf(this.section('weights'));
    this.idfs = new Float64Array(termCount);
    if (
      this.df.length !== termCount ||
      this.offsets.length !== termCount * F + 1 ||
      this.header.sections.weights.bytes !== this.header.sections.postings.bytes
    ) {
      throw new IndexFormatError(`search-index: ${file} has sections of the wrong sizes for ${termCount} terms (corrupt?); ${fix}.`);
    }
  }

  opened(options: OpenOptions): OpenedIndex {
    const docBlob = this.section('docs');
    const docLines = new StringTable(docBlob, uint32sOf(this.section('docStarts')));
    const ids = new StringTable(this.section('docIds'), uint32sOf(this.section('docIdStarts')));
    const idOrder = uint32sOf(this.section('docIdOrder'));
    if (docLines.length !== this.docCount || ids.length !== this.docCount || idOrder.length !== this.docCount) {
      throw new IndexFormatError(`search-index: ${this.file} holds ${docLines.length} documents, its header says ${this.docCount}; ${this.fix}.`);
    }
    const index: IndexData = {
      sourceHash: this.header.sourceHash,
      builtAt: this.header.builtAt,
      terms: this.terms,
      termIds: new ReadingTermLookup(this),
      pairIds: this.pairTable(),
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
    return { index, idfs: this.idfs };
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
    if (!(id < this.df.length)) this.corrupt('term id');
    return this.df[id];
  }

  /** Checks a term's entries against the file (once), computes its idf, and names it when it is a word. */
  load(id: number, word?: string): void {
    if (word !== undefined) this.terms[id] = word;
    if (this.loaded[id]) return;
    const df = this.dfOf(id);
    const start = this.offsets[id * F];
    const end = this.offsets[id * F + F];
    if (!(start <= end && end <= this.postings.length)) this.corrupt('postings');
    this.idfs[id] = idf(df, this.docCount);
    this.loaded[id] = 1;
  }

  private pairTable(): PairTable {
    const keys = float64sOf(this.section('pairKeys'));
    const values = uint32sOf(this.section('pairTerms'));
    // Probes wrap with a mask of the length, which must be a power of two.
    if (keys.length !== values.length || (keys.length & (keys.length - 1)) !== 0) this.corrupt('word-pair table');
    return new ReadingPairTable(this, keys, values);
  }

  private corrupt(what: string): never {
    throw new IndexFormatError(`search-index: ${this.file} has a ${what} entry out of bounds (corrupt?); ${this.fix}.`);
  }

  /** A section's bytes: a view of the mapping, not a copy. Sections start 8-aligned, so typed arrays can view them. */
  private section(name: SectionName): Buffer {
    const { offset, bytes } = this.header.sections[name];
    if (!(offset % 8 === 0 && offset + bytes <= this.header.bodyBytes)) this.corrupt(`${name} section`);
    return this.mapped.subarray(this.bodyStart + offset, this.bodyStart + offset + bytes);
  }
}

/**
 * The documents' metadata as an array whose entries are parsed when first read: a search shows ten and a paste
 * a few dozen, of 60,000. Whatever walks them all (facet counts) parses them all, one at a time.
 */
function lazyDocs(lines: StringTable): DocMeta[] {
  const parsed = new Array<DocMeta>(lines.length);
  // Called on every read of the array: a digit first means an index (property names start with a letter), and
  // only in its canonical spelling, as on an array ('01', '1.0' and '1e3' are property names there).
  const indexOf = (prop: string | symbol) => {
    if (typeof prop !== 'string' || !(prop.charCodeAt(0) >= 48 && prop.charCodeAt(0) <= 57)) return -1;
    const i = Number(prop);
    return Number.isInteger(i) && i < lines.length && String(i) === prop ? i : -1;
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
const float32sOf = (b: Buffer) => new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
const float64sOf = (b: Buffer) => new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);

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

/** The saved word-pair table, viewed where it lies in the file; a term it finds is checked before its id is returned. */
class ReadingPairTable extends PairTable {
  constructor(
    private readonly reader: SavedIndexReader,
    keys: Float64Array,
    values: Uint32Array,
  ) {
    super(keys.length, keys, values);
  }

  override get(key: number): number | undefined {
    const id = super.get(key);
    if (id !== undefined) this.reader.load(id);
    return id;
  }

  override set(): void {
    throw new IndexFormatError('search-index: a saved index opened for reading cannot be changed.');
  }
}
