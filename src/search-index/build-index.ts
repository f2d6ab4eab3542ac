/**
 * Indexed documents -> IndexData. One pass turns each field's terms into ids and counts them with typed
 * scratch arrays (no per-document maps), a counting sort groups the entries by (term, field), and the BM25
 * weights are computed once all field lengths are known.
 */
import { KbError } from '../errors.js';
import { PairTable } from './pair-table.js';
import { BM25, FIELDS, MAX_TERMS, PAIRED_FIELDS, pairKey, type DocMeta, type Field, type IndexData } from './index-data.js';

/** An article reduced to what the index needs: metadata and, per field, its terms in order. */
export interface IndexedDocument {
  meta: DocMeta;
  fields: Partial<Record<Field, string[]>>;
}

/** An article whose terms a build's loading thread numbered: for each of FIELDS in order, a count then the numbers of its terms in `termList`. */
export interface NumberedDocument {
  meta: DocMeta;
  terms: Uint32Array;
  termList: readonly string[];
}

export interface BuildOptions {
  sourceHash: string;
  /** Called every 1,000 documents. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Average length of each field (FIELDS order) to weigh by, instead of these documents' own: an overlay of a few
   * edited articles weighs them against the archive's lengths, so its weights (and the coverage credit they
   * give, SearchTuning.lengthCreditPower) compare with the archive's.
   */
  avgFieldLengths?: readonly number[];
}

const F = FIELDS.length;

/**
 * Grows like an array, stores like a typed array, in chunks: growing copies nothing and leaves at most one chunk
 * unused, and the chunks can be let go as they are read (the entries are the largest thing a build holds).
 */
class ChunkedU32 {
  readonly chunks: (Uint32Array | undefined)[] = [];
  length = 0;
  private last = new Uint32Array(0);
  private used = 0;
  constructor(readonly chunk: number) {}
  push(v: number): void {
    if (this.used === this.last.length) {
      this.chunks.push((this.last = new Uint32Array(this.chunk)));
      this.used = 0;
    }
    this.last[this.used++] = v;
    this.length++;
  }
}

/**
 * The first size of a build's tables: a power of two (the pair table probes with a mask), at most 2^20, enough for
 * `total` articles at `perArticle` each. The tables grow past it; a build of one edited article (live-edits' overlay,
 * kept while it is served) no longer holds the 12 MiB pair table and 12 MiB of entry chunks a build of the archive starts with.
 */
function sizedFor(total: number, perArticle: number): number {
  return 2 ** Math.min(20, Math.max(10, Math.ceil(Math.log2(Math.max(1, total) * perArticle))));
}

/** About the most term and field entries, and word pairs, an article gives (a long one: most give far fewer). */
const ENTRIES_PER_ARTICLE = 1024;
const PAIRS_PER_ARTICLE = 1024;

function grow(a: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(size);
  next.set(a);
  return next;
}

export function buildIndex(documents: Iterable<IndexedDocument | NumberedDocument>, total: number, options: BuildOptions): IndexData {
  const termIds = new Map<string, number>();
  const pairIds = new PairTable(sizedFor(total, PAIRS_PER_ARTICLE));
  const terms: string[] = [];
  let df = new Uint32Array(1 << 16);
  let lastDoc = new Uint32Array(1 << 16); // doc + 1 of the last document counted in df
  let tfScratch = new Uint32Array(1 << 16); // frequency of an id in the current field
  let nextId = 0;
  const newId = (): number => {
    const id = nextId++;
    if (id >= MAX_TERMS) throw new KbError(`search-index: more than ${MAX_TERMS} distinct terms; the index layout cannot hold them.`);
    if (id >= df.length) {
      df = grow(df, df.length * 2);
      lastDoc = grow(lastDoc, lastDoc.length * 2);
      tfScratch = grow(tfScratch, tfScratch.length * 2);
    }
    return id;
  };
  const termId = (term: string): number => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = newId();
      termIds.set(term, id);
      terms[id] = term;
    }
    return id;
  };
  const pairId = (a: number, b: number): number => {
    const key = pairKey(a, b);
    let id = pairIds.get(key);
    if (id === undefined) {
      id = newId();
      pairIds.set(key, id);
      terms[id] = '';
    }
    return id;
  };

  // One entry per (term, doc, field): the term id, doc * F + field, and the frequency.
  const chunk = sizedFor(total, ENTRIES_PER_ARTICLE);
  const entryTerm = new ChunkedU32(chunk);
  const entryDocField = new ChunkedU32(chunk);
  const entryTf = new ChunkedU32(chunk);
  const docs: DocMeta[] = [];
  let fieldLengths = new Uint32Array(Math.max(total, 1) * F);
  const seen: number[] = [];
  // A numbered document's numbers -> term ids, given as each is first met (ids follow the order of first meeting,
  // pairs included, so a numbered document is indexed exactly as the same words would be).
  const idsOfNumbers = new Map<readonly string[], Int32Array>();

  for (const doc of documents) {
    const d = docs.length;
    docs.push(doc.meta);
    if ((d + 1) * F > fieldLengths.length) fieldLengths = grow(fieldLengths, fieldLengths.length * 2);
    const numbered = 'terms' in doc ? doc : undefined;
    let idOfNumber: Int32Array = new Int32Array(0);
    if (numbered) {
      idOfNumber = idsOfNumbers.get(numbered.termList) ?? idOfNumber;
      if (idOfNumber.length < numbered.termList.length) {
        const wider = new Int32Array(numbered.termList.length).fill(-1);
        wider.set(idOfNumber);
        idsOfNumbers.set(numbered.termList, (idOfNumber = wider));
      }
    }
    let at = 0;
    for (let f = 0; f < F; f++) {
      const field = FIELDS[f];
      const words = numbered ? undefined : ((doc as IndexedDocument).fields[field] ?? []);
      const count = numbered ? numbered.terms[at++] : words!.length;
      if (count === 0) continue;
      fieldLengths[d * F + f] = count;
      seen.length = 0;
      const paired = PAIRED_FIELDS.has(field);
      let prev = -1;
      for (let k = 0; k < count; k++) {
        let id: number;
        if (numbered) {
          const number = numbered.terms[at++];
          id = idOfNumber[number];
          if (id < 0) idOfNumber[number] = id = termId(numbered.termList[number]);
        } else id = termId(words![k]);
        if (tfScratch[id]++ === 0) seen.push(id);
        if (paired && prev >= 0) {
          const p = pairId(prev, id);
          if (tfScratch[p]++ === 0) seen.push(p);
        }
        prev = id;
      }
      for (const id of seen) {
        if (lastDoc[id] !== d + 1) {
          lastDoc[id] = d + 1;
          df[id]++;
        }
        entryTerm.push(id);
        entryDocField.push(d * F + f);
        entryTf.push(tfScratch[id]);
        tfScratch[id] = 0;
      }
    }
    if (options.onProgress && (d + 1) % 1000 === 0) options.onProgress(d + 1, total);
  }
  const docCount = docs.length;
  options.onProgress?.(docCount, total);

  const avgLength = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    let sum = 0;
    for (let d = 0; d < docCount; d++) sum += fieldLengths[d * F + f];
    avgLength[f] = options.avgFieldLengths?.[f] ?? (docCount ? sum / docCount : 0);
  }

  // Counting sort of the entries by (term, field); entries arrive in document order, so postings stay ascending.
  const slots = nextId * F;
  const offsets = new Uint32Array(slots + 1);
  const n = entryTerm.length;
  const chunkLength = (c: number) => Math.min(chunk, n - c * chunk);
  for (let c = 0; c < entryTerm.chunks.length; c++) {
    const terms = entryTerm.chunks[c]!;
    const docFields = entryDocField.chunks[c]!;
    for (let i = 0, end = chunkLength(c); i < end; i++) offsets[terms[i] * F + (docFields[i] % F) + 1]++;
  }
  for (let s = 0; s < slots; s++) offsets[s + 1] += offsets[s];
  const postings = new Uint32Array(n);
  const weights = new Float32Array(n);
  const { k1, b } = BM25;
  // Each slot's start serves as its cursor (a copy of the offsets was 76 MB more on the archive); once every entry is
  // placed each holds the next slot's start, and a shift by one puts the starts back.
  for (let c = 0; c < entryTerm.chunks.length; c++) {
    const terms = entryTerm.chunks[c]!;
    const docFields = entryDocField.chunks[c]!;
    const tfs = entryTf.chunks[c]!;
    for (let i = 0, end = chunkLength(c); i < end; i++) {
      const docField = docFields[i];
      const f = docField % F;
      const d = (docField - f) / F;
      const at = offsets[terms[i] * F + f]++;
      const tf = tfs[i];
      postings[at] = d;
      weights[at] = ((k1 + 1) * tf) / (k1 * (1 - b + (b * fieldLengths[d * F + f]) / (avgLength[f] || 1)) + tf);
    }
    entryTerm.chunks[c] = entryDocField.chunks[c] = entryTf.chunks[c] = undefined;
  }
  offsets.copyWithin(1, 0, slots);
  offsets[0] = 0;

  // The default sort compares strings as `<` does (by UTF-16 code units), without a JavaScript call per comparison.
  const sortedTerms = Uint32Array.from([...termIds.keys()].sort(), (term) => termIds.get(term)!);
  return {
    sourceHash: options.sourceHash,
    builtAt: new Date().toISOString(),
    terms,
    termIds,
    pairIds,
    sortedTerms,
    df: df.slice(0, nextId),
    offsets,
    postings,
    weights,
    docs,
    avgFieldLengths: Array.from(avgLength),
  };
}
