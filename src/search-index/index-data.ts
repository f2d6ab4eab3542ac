/**
 * The search index as it is held in memory and saved: lunr's analysis and lunr's BM25 weighting, laid out
 * as flat term -> postings arrays instead of lunr's per-document objects. lunr.Index.query builds match data
 * and field-ref strings for every matching document (78 ms p50 on the archive, half of it garbage
 * collection); adding precomputed weights into one score array answers the same ranking in microseconds
 * per term, and the arrays load from disk without parsing.
 */
import type { FixState } from '../types.js';
import type { PairTable } from './pair-table.js';

/** Fields of an indexed article, in posting order. */
export const FIELDS = ['title', 'symptoms', 'messages', 'codes', 'meta', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/** Fields whose adjacent words are also indexed as pairs (phrases). Codes and metadata are not prose. */
export const PAIRED_FIELDS: ReadonlySet<Field> = new Set(['title', 'symptoms', 'messages', 'body']);

/** lunr's BM25 constants (lunr.Builder k1 and b defaults). */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

/** What results, facets and filters need of an article without reading it from the store. */
export interface DocMeta {
  id: string;
  number: number;
  title: string;
  /** Archive category (`sms`) or, failing that, the product key read from the product name. */
  product?: string;
  products: string[];
  /** `platform:version` pairs as written (`winnt:1.2`). */
  versions: string[];
  /** The product each of `versions` belongs to (render/labels.ts versionOwnersOf), '' for none. */
  versionOwners?: string[];
  issueType?: string;
  fixState: FixState;
  fixedIn?: string;
  lastModified?: string;
  /** Canonical error-code keys the article quotes (with aliases). */
  codes: string[];
}

export interface IndexData {
  /** Hash of the sources the index was built from. */
  sourceHash: string;
  builtAt: string;
  /** Term strings by term id; '' (or nothing) at the ids of word pairs. */
  terms: string[];
  termIds: TermLookup;
  /**
   * Adjacent word pairs ("open file") by pairKey(first term id, second term id). Numbers, not strings:
   * 2.3 M distinct pairs as strings cost more to build and load than everything else in the index.
   */
  pairIds: PairTable;
  /** Ids of the one-word terms in the order of their strings, for prefix look-ups (a fragment's cut last word). */
  sortedTerms: Uint32Array;
  /** Documents holding the term in any field, by term id. */
  df: Uint32Array;
  /** Start of the postings of (term, field) at [term * FIELDS.length + field]; one extra entry closes the last. */
  offsets: Uint32Array;
  /** Document numbers (positions in `docs`), ascending within each (term, field). */
  postings: Uint32Array;
  /** BM25 term-frequency part for each posting; the query multiplies in idf and the field boost. */
  weights: Float32Array;
  /** The average length of each field (FIELDS order) the weights were worked out with. */
  avgFieldLengths: readonly number[];
  docs: DocMeta[];
  /**
   * Document numbers by article id, when the index brings them (a saved index opened for a few queries, whose
   * documents are read as they are asked for); a SearchEngine makes a Map of `docs` otherwise.
   */
  docIds?: { get(id: string): number | undefined };
}

/** lunr's inverse document frequency (lunr.idf), on the whole archive's counts. */
export function idf(df: number, docCount: number): number {
  const x = (docCount - df + 0.5) / (df + 0.5);
  return Math.log(1 + Math.abs(x));
}

/** Term string -> id. A Map while building; binary search over sortedTerms once loaded (no 0.3 s Map fill). */
export interface TermLookup {
  get(term: string): number | undefined;
  has(term: string): boolean;
  /** termsWithPrefix answered by the lookup itself (one that reads terms from a file as they are asked for). */
  startingWith?(prefix: string, limit: number): number[];
}

export class SortedTermLookup implements TermLookup {
  constructor(
    private readonly terms: readonly string[],
    private readonly sorted: Uint32Array,
  ) {}

  /** Lookups remembered: queries and log lines ask for the same few thousand terms again and again. */
  private readonly memo = new Map<string, number>();

  get(term: string): number | undefined {
    const known = this.memo.get(term);
    if (known !== undefined) return known < 0 ? undefined : known;
    const found = this.search(term);
    if (this.memo.size >= SortedTermLookup.MEMO_LIMIT) this.memo.clear();
    this.memo.set(term, found ?? -1);
    return found;
  }

  static readonly MEMO_LIMIT = 100_000;

  private search(term: string): number | undefined {
    let lo = 0;
    let hi = this.sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.terms[this.sorted[mid]];
      if (t === term) return this.sorted[mid];
      if (t < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  has(term: string): boolean {
    return this.get(term) !== undefined;
  }
}

/** Term ids stay below this, so a pair of them packs into one exact double. */
export const MAX_TERMS = 2 ** 24;

export function pairKey(first: number, second: number): number {
  return first * MAX_TERMS + second;
}

/** The id of the pair "a b" of two term strings, if the index holds it. */
export function pairIdOf(index: Pick<IndexData, 'termIds' | 'pairIds'>, a: string, b: string): number | undefined {
  const x = index.termIds.get(a);
  const y = index.termIds.get(b);
  return x === undefined || y === undefined ? undefined : index.pairIds.get(pairKey(x, y));
}

/** Ids of up to `limit` one-word terms starting with `prefix`, most frequent first. */
export function termsWithPrefix(index: Pick<IndexData, 'terms' | 'termIds' | 'sortedTerms' | 'df'>, prefix: string, limit: number): number[] {
  if (index.termIds.startingWith) return index.termIds.startingWith(prefix, limit);
  const { terms, sortedTerms } = index;
  let lo = 0;
  let hi = sortedTerms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[sortedTerms[mid]] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  // Past a few hundred candidates the prefix is too short to mean anything.
  for (let i = lo; i < sortedTerms.length && found.length < 500 && terms[sortedTerms[i]].startsWith(prefix); i++) found.push(sortedTerms[i]);
  return found.sort((a, b) => index.df[b] - index.df[a]).slice(0, limit);
}
