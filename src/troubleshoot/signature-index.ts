/**
 * Every quoted line of every article, findable from a pasted line's template: exact templates looked up whole,
 * near ones through their rarest tokens, then scored with templateSimilarity.
 */
import { templateSimilarity, templateTokens } from '../signals/templates.js';
import { KbError } from '../errors.js';
import { TopK } from '../search/top-k.js';
import { SLACK } from './match-line.js';

export interface SignatureRecord {
  /** Article id. */
  id: string;
  template: string;
  line: string;
  section: string;
}

export interface SignatureMatch {
  record: SignatureRecord;
  /** Position of the record in the index (a key for per-record caches). */
  index: number;
  similarity: number;
  /** How many articles quote a line of this template: the more, the less one match says. */
  articles: number;
}

/** A token in more signatures than this is not used to find candidates (it is still scored). */
const MAX_POSTINGS = 3000;
/** Candidates scored with templateSimilarity per pasted line. */
const MAX_CANDIDATES = 40;
/**
 * Signatures are filed by how many distinct tokens they hold (1, 2, 3, 4 or more): a candidate must share
 * tokens worth `min(tokens, 4) / 8` of rarity weight, so how many a signature holds says which tokens can
 * still make it a candidate.
 */
const CLASSES = 4;
const classOf = (tokenCount: number) => Math.min(tokenCount, CLASSES) - 1;
/**
 * The least shared weight a signature with `tokenCount` tokens needs to be a candidate: an eighth a token, up to
 * the last class (the filing by class is what lets match() skip postings, so the two must agree).
 */
const neededWeight = (tokenCount: number) => Math.min(tokenCount, CLASSES) / 8;

/**
 * What match() looks up by string, and the records themselves: Maps and an array when the index is built here,
 * tables read from a file a string at a time when it is opened from one (signature-file.ts).
 */
export interface SignatureTables {
  readonly recordCount: number;
  record(i: number): SignatureRecord;
  tokenId(token: string): number | undefined;
  recordsOfTemplate(template: string): readonly number[] | undefined;
}

/** The laid-out arrays of a finished index (see the fields of SignatureIndex), as saved and read back. */
export interface SignatureArrays {
  postings: Int32Array;
  starts: Int32Array;
  recordTokens: Int32Array;
  recordStarts: Int32Array;
  tokenWeights: Float64Array;
  tokenCount: Int32Array;
}

export class SignatureIndex {
  private readonly byTemplate = new Map<string, number[]>();
  private readonly tokenIds = new Map<string, number>();
  private tables: SignatureTables;
  /** While records are added: token id -> records holding it. Laid out in `postings` by finish(). */
  private building: number[][] | undefined = [];
  /** Records' token ids, while records are added. */
  private buildingTokens: number[] = [];
  /**
   * Records holding each token, filed by class: those of token t and class c are
   * postings[starts[t * CLASSES + c] .. starts[t * CLASSES + c + 1]).
   */
  private postings: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private starts: Int32Array<ArrayBufferLike> = new Int32Array(1);
  /** Each record's distinct token ids: recordTokens[recordStarts[i] .. recordStarts[i + 1]). */
  private recordTokens: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private recordStarts: Int32Array<ArrayBufferLike> = new Int32Array(1);
  /**
   * What sharing each token says, by token id: 1 / log2(2 + the records holding it); 0 for a token in more
   * than MAX_POSTINGS records, which finds no candidates and adds no weight.
   */
  private tokenWeights: Float64Array<ArrayBufferLike> = new Float64Array(0);
  /** Distinct tokens of each record. */
  private tokenCount: Int32Array<ArrayBufferLike>;
  private scratchScores?: Float64Array;
  private infoCache?: Float64Array;
  private readonly quotingCount = new Map<string, number>();

  /** How many distinct articles quote a line of this template; counted once per template. */
  private articlesQuoting(template: string): number {
    let n = this.quotingCount.get(template);
    if (n === undefined) {
      n = new Set((this.tables.recordsOfTemplate(template) ?? []).map((k) => this.tables.record(k).id)).size;
      this.quotingCount.set(template, n);
    }
    return n;
  }

  /** A per-record number computed once (the information a quoted line carries), cached by record index. */
  infoOf(i: number, compute: () => number): number {
    if (!this.infoCache) this.infoCache = new Float64Array(this.size).fill(NaN);
    let v = this.infoCache[i];
    if (Number.isNaN(v)) this.infoCache[i] = v = compute();
    return v;
  }

  private get scratch(): Float64Array {
    if (!this.scratchScores || this.scratchScores.length < this.size) this.scratchScores = new Float64Array(this.size);
    return this.scratchScores;
  }

  constructor(
    private readonly records: readonly SignatureRecord[],
    options: { deferred?: boolean; saved?: { tables: SignatureTables; arrays: SignatureArrays } } = {},
  ) {
    const { byTemplate, tokenIds } = this;
    this.tables = {
      recordCount: records.length,
      record: (i) => records[i],
      tokenId: (token) => tokenIds.get(token),
      recordsOfTemplate: (template) => byTemplate.get(template),
    };
    this.tokenCount = new Int32Array(records.length);
    if (options.saved) {
      const { tables, arrays } = options.saved;
      this.tables = tables;
      this.postings = arrays.postings;
      this.starts = arrays.starts;
      this.recordTokens = arrays.recordTokens;
      this.recordStarts = arrays.recordStarts;
      this.tokenWeights = arrays.tokenWeights;
      this.tokenCount = arrays.tokenCount;
      this.building = undefined;
      return;
    }
    if (options.deferred) return;
    for (let i = 0; i < records.length; i++) this.add(i);
    this.finish();
  }

  /** An index over saved tables and arrays (signature-file.ts), ready at once: nothing is built. */
  static fromSaved(tables: SignatureTables, arrays: SignatureArrays): SignatureIndex {
    return new SignatureIndex([], { saved: { tables, arrays } });
  }

  /** What a file needs to save this index: its tokens by id, its records, which have each template, and its arrays. */
  toSave(): { tokens: string[]; records: readonly SignatureRecord[]; templates: Map<string, number[]>; arrays: SignatureArrays } {
    if (this.building) throw new KbError('signature-index: toSave() on an index still being built; await `SignatureIndex.create(records)` first.');
    if (this.tables.recordCount !== this.records.length)
      throw new KbError('signature-index: toSave() on an index read from a file; save the one it was built as.');
    const tokens = new Array<string>(this.tokenIds.size);
    for (const [token, id] of this.tokenIds) tokens[id] = token;
    const { postings, starts, recordTokens, recordStarts, tokenWeights, tokenCount } = this;
    return { tokens, records: this.records, templates: this.byTemplate, arrays: { postings, starts, recordTokens, recordStarts, tokenWeights, tokenCount } };
  }

  /** Builds the index a slice at a time, yielding to the event loop so a server keeps answering meanwhile. */
  static async create(records: readonly SignatureRecord[], slice = 4000): Promise<SignatureIndex> {
    const index = new SignatureIndex(records, { deferred: true });
    for (let i = 0; i < records.length; i++) {
      index.add(i);
      if (i % slice === slice - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    index.finish();
    return index;
  }

  private add(i: number): void {
    const r = this.records[i];
    const same = this.byTemplate.get(r.template);
    if (same) same.push(i);
    else this.byTemplate.set(r.template, [i]);
    const tokens = new Set(templateTokens(r.template));
    this.tokenCount[i] = tokens.size;
    const lists = this.building!;
    for (const t of tokens) {
      let id = this.tokenIds.get(t);
      if (id === undefined) {
        id = lists.length;
        this.tokenIds.set(t, id);
        lists.push([]);
      }
      lists[id].push(i);
      this.buildingTokens.push(id);
    }
  }

  /** Lays the postings out by token and class, and the records' tokens by record, in flat arrays. */
  private finish(): void {
    const lists = this.building!;
    const starts = new Int32Array(lists.length * CLASSES + 1);
    for (let t = 0; t < lists.length; t++) for (const i of lists[t]) starts[t * CLASSES + classOf(this.tokenCount[i]) + 1]++;
    for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
    const postings = new Int32Array(starts[starts.length - 1]);
    const fill = starts.slice(0, -1);
    for (let t = 0; t < lists.length; t++) for (const i of lists[t]) postings[fill[t * CLASSES + classOf(this.tokenCount[i])]++] = i;
    this.postings = postings;
    this.starts = starts;
    this.tokenWeights = Float64Array.from(lists, (list) => (list.length <= MAX_POSTINGS ? 1 / Math.log2(2 + list.length) : 0));
    this.recordTokens = Int32Array.from(this.buildingTokens);
    this.recordStarts = new Int32Array(this.records.length + 1);
    for (let i = 0; i < this.records.length; i++) this.recordStarts[i + 1] = this.recordStarts[i] + this.tokenCount[i];
    this.building = undefined;
    this.buildingTokens = [];
  }

  get size(): number {
    return this.tables.recordCount;
  }

  /**
   * Signatures whose template is at least `minSimilarity` like the pasted template, best first.
   *
   * Candidates share tokens with the line, each worth its rarity, and must share at least
   * `neededWeight(their token count)` of it; the best MAX_CANDIDATES are scored with templateSimilarity.
   * The line's tokens are read rarest first. Once the weight of the tokens left is below what a class of
   * signatures needs, a signature of that class not found yet can no longer become a candidate: the tokens
   * left then only add to the signatures already found, and their long postings are not walked for it.
   */
  match(template: string, minSimilarity = 0.7, templateTokensOfLine = templateTokens(template)): SignatureMatch[] {
    if (this.building)
      throw new KbError(
        'signature-index: match() on an index still being built; build it with `new SignatureIndex(records)` or await `SignatureIndex.create(records)`.',
      );
    const lineTokens = new Set(templateTokensOfLine);
    // A line of masks and stop words says nothing, even where an article quotes the same.
    if (!lineTokens.size) return [];
    const { tokenWeights, tables } = this;
    const ids: number[] = [];
    for (const token of lineTokens) {
      const t = tables.tokenId(token);
      if (t !== undefined && tokenWeights[t] > 0) ids.push(t);
    }
    const exact = tables.recordsOfTemplate(template);
    if (!ids.length && !exact) return [];
    // Rarest (heaviest) first.
    ids.sort((a, b) => tokenWeights[b] - tokenWeights[a]);
    const weights = ids.map((t) => tokenWeights[t]);
    // Rarity weights into a reusable score array: no per-line Map of thousands of entries.
    const scores = this.scratch;
    const touched: number[] = [];
    for (const i of exact ?? []) {
      if (scores[i] === 0) touched.push(i);
      scores[i] = Infinity;
    }
    let left = weights.reduce((sum, w) => sum + w, 0);
    const { postings, starts, recordTokens, recordStarts } = this;
    for (let k = 0; k < ids.length; k++) {
      const t = ids[k];
      const w = weights[k];
      // Classes a signature not found yet can still reach (a hair of slack for rounding).
      let growing = 0;
      while (growing < CLASSES && left + SLACK >= neededWeight(growing + 1)) growing++;
      left -= w;
      const base = t * CLASSES;
      for (let p = starts[base], end = starts[base + growing]; p < end; p++) {
        const i = postings[p];
        if (scores[i] === 0) touched.push(i);
        scores[i] += w;
      }
      if (growing === CLASSES) continue;
      const rest = starts[base + CLASSES] - starts[base + growing];
      // A look-up scans a found signature's few tokens; a walk reads one posting: walk unless there are many more.
      if (rest <= touched.length * 4) {
        for (let p = starts[base + growing], end = starts[base + CLASSES]; p < end; p++) {
          const i = postings[p];
          if (scores[i] !== 0) scores[i] += w;
        }
      } else {
        // Few found, many postings: look the token up in each found signature of those classes instead.
        for (const i of touched) {
          if (classOf(this.tokenCount[i]) < growing) continue;
          for (let q = recordStarts[i], end = recordStarts[i + 1]; q < end; q++) {
            if (recordTokens[q] === t) {
              scores[i] += w;
              break;
            }
          }
        }
      }
    }
    const top = new TopK(MAX_CANDIDATES);
    for (const i of touched) {
      const w = scores[i];
      scores[i] = 0;
      if (w === Infinity || w >= neededWeight(this.tokenCount[i])) top.push(w === Infinity ? Number.MAX_VALUE : w, i);
    }
    const out: SignatureMatch[] = [];
    for (const { doc: i } of top.sorted()) {
      const record = tables.record(i);
      const similarity = record.template === template ? 1 : templateSimilarity(template, record.template);
      if (similarity >= minSimilarity) {
        out.push({ record, index: i, similarity, articles: this.articlesQuoting(record.template) });
      }
    }
    return out.sort((a, b) => b.similarity - a.similarity);
  }
}
