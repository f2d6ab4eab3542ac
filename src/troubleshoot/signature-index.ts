/**
 * Every quoted line of every article, findable from a pasted line's template: exact templates by hash,
 * near ones through their rarest tokens, then scored with templateSimilarity.
 */
import { templateSimilarity, templateTokens } from '../signals/templates.js';
import { TopK } from '../search/top-k.js';

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

export class SignatureIndex {
  private readonly byTemplate = new Map<string, number[]>();
  private readonly byToken = new Map<string, number[]>();
  private readonly tokenCount: number[] = [];
  private scratchScores?: Float64Array;
  private infoCache?: Float64Array;
  private readonly quotingCount = new Map<string, number>();

  /** How many distinct articles quote a line of this template; counted once per template. */
  private articlesQuoting(template: string): number {
    let n = this.quotingCount.get(template);
    if (n === undefined) {
      n = new Set((this.byTemplate.get(template) ?? []).map((k) => this.records[k].id)).size;
      this.quotingCount.set(template, n);
    }
    return n;
  }

  /** A per-record number computed once (the information a quoted line carries), cached by record index. */
  infoOf(i: number, compute: () => number): number {
    if (!this.infoCache) this.infoCache = new Float64Array(this.records.length).fill(NaN);
    let v = this.infoCache[i];
    if (Number.isNaN(v)) this.infoCache[i] = v = compute();
    return v;
  }

  private get scratch(): Float64Array {
    if (!this.scratchScores || this.scratchScores.length < this.records.length) this.scratchScores = new Float64Array(this.records.length);
    return this.scratchScores;
  }

  constructor(
    readonly records: readonly SignatureRecord[],
    options: { deferred?: boolean } = {},
  ) {
    if (!options.deferred) for (let i = 0; i < records.length; i++) this.add(i);
  }

  /** Builds the index a slice at a time, yielding to the event loop so a server keeps answering meanwhile. */
  static async create(records: readonly SignatureRecord[], slice = 4000): Promise<SignatureIndex> {
    const index = new SignatureIndex(records, { deferred: true });
    for (let i = 0; i < records.length; i++) {
      index.add(i);
      if (i % slice === slice - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return index;
  }

  private add(i: number): void {
    const r = this.records[i];
    const same = this.byTemplate.get(r.template);
    if (same) same.push(i);
    else this.byTemplate.set(r.template, [i]);
    const tokens = new Set(templateTokens(r.template));
    this.tokenCount[i] = tokens.size;
    for (const t of tokens) {
      const list = this.byToken.get(t);
      if (list) list.push(i);
      else this.byToken.set(t, [i]);
    }
  }

  get size(): number {
    return this.records.length;
  }

  /** Signatures whose template is at least `minSimilarity` like the pasted template, best first. */
  match(template: string, minSimilarity = 0.7, templateTokensOfLine = templateTokens(template)): SignatureMatch[] {
    const tokens = [...new Set(templateTokensOfLine)];
    if (!tokens.length) return [];
    // Shared tokens, weighted by rarity, into a reusable score array: no per-line Map of thousands of entries.
    const scores = this.scratch;
    const touched: number[] = [];
    for (const i of this.byTemplate.get(template) ?? []) {
      if (scores[i] === 0) touched.push(i);
      scores[i] = Infinity;
    }
    for (const t of tokens) {
      const list = this.byToken.get(t);
      if (!list || list.length > MAX_POSTINGS) continue;
      const w = 1 / Math.log2(2 + list.length);
      for (const i of list) {
        if (scores[i] === 0) touched.push(i);
        scores[i] += w;
      }
    }
    // Candidates must share a good part of their own tokens with the line before they are scored.
    const top = new TopK(MAX_CANDIDATES);
    for (const i of touched) {
      const w = scores[i];
      scores[i] = 0;
      if (w === Infinity || w * 4 >= Math.min(this.tokenCount[i], 4) * 0.5) top.push(w === Infinity ? Number.MAX_VALUE : w, i);
    }
    const out: SignatureMatch[] = [];
    for (const { doc: i } of top.sorted()) {
      const record = this.records[i];
      const similarity = record.template === template ? 1 : templateSimilarity(template, record.template);
      if (similarity >= minSimilarity) {
        out.push({ record, index: i, similarity, articles: this.articlesQuoting(record.template) });
      }
    }
    return out.sort((a, b) => b.similarity - a.similarity);
  }
}
