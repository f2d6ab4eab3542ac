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

/** Grows like an array, stores like a typed array. */
class GrowableU32 {
  data: Uint32Array<ArrayBuffer> = new Uint32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length * 2);
    this.data[this.length++] = v;
  }
}

function grow(a: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(size);
  next.set(a);
  return next;
}

export function buildIndex(documents: Iterable<IndexedDocument>, total: number, options: BuildOptions): IndexData {
  const termIds = new Map<string, number>();
  const pairIds = new PairTable(1 << 20);
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
  const entryTerm = new GrowableU32();
  const entryDocField = new GrowableU32();
  const entryTf = new GrowableU32();
  const docs: DocMeta[] = [];
  let fieldLengths = new Uint32Array(Math.max(total, 1) * F);
  const seen: number[] = [];

  for (const doc of documents) {
    const d = docs.length;
    docs.push(doc.meta);
    if ((d + 1) * F > fieldLengths.length) fieldLengths = grow(fieldLengths, fieldLengths.length * 2);
    for (let f = 0; f < F; f++) {
      const field = FIELDS[f];
      const words = doc.fields[field];
      if (!words || words.length === 0) continue;
      fieldLengths[d * F + f] = words.length;
      seen.length = 0;
      const paired = PAIRED_FIELDS.has(field);
      let prev = -1;
      for (const w of words) {
        const id = termId(w);
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
  for (let i = 0; i < n; i++) offsets[entryTerm.data[i] * F + (entryDocField.data[i] % F) + 1]++;
  for (let s = 0; s < slots; s++) offsets[s + 1] += offsets[s];
  const cursor = offsets.slice(0, slots);
  const postings = new Uint32Array(n);
  const weights = new Float32Array(n);
  const { k1, b } = BM25;
  for (let i = 0; i < n; i++) {
    const docField = entryDocField.data[i];
    const f = docField % F;
    const d = (docField - f) / F;
    const at = cursor[entryTerm.data[i] * F + f]++;
    const tf = entryTf.data[i];
    postings[at] = d;
    weights[at] = ((k1 + 1) * tf) / (k1 * (1 - b + (b * fieldLengths[d * F + f]) / (avgLength[f] || 1)) + tf);
  }

  const sortedTerms = Uint32Array.from(termIds.values()).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0));
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
