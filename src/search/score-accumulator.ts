/**
 * The score arrays both a search and a pasted line's match add into: a score and a clause mask per
 * document, the list of documents touched, and their reset. A search also keeps, per document, the share
 * of the query's information it covers (each clause's information times the best credit a match gave it).
 * One instance per engine, kept zero between calls, so a search allocates nothing the size of the archive.
 */
import { FIELDS, type IndexData } from '../search-index/index-data.js';

/** One way to satisfy a clause: a term, its weight, and the fields it may match in. */
export interface Alternative {
  term: number;
  weight: number;
  /** Restrict to these fields (codes only match the code field). Default: every field. */
  fields?: readonly number[];
  /** Share of its clause's information a match through this alternative covers. Default min(1, weight). */
  credit?: number;
  /** For an adjacent pair of query words: the labels of the two words' clauses (a document holding the pair holds both). */
  pairOf?: readonly [string, string];
}

/** A query word (or a line's word, or a phrase's pair): its alternatives, and whether a match needs it. */
export interface Clause {
  label: string;
  alternatives: Alternative[];
  required: boolean;
  /** A pair of a quoted phrase: a search's results must hold it. */
  phrase?: boolean;
}

/**
 * One clause's pass over the scores. With `grow`, the documents holding it join the touched list; without,
 * only the documents already touched are updated. With `prune`, the touched documents still lacking `bit`
 * afterwards are dropped (and cleared), so later steps look at fewer.
 */
export interface ScoreStep {
  clause: Clause;
  bit: number;
  grow: boolean;
  prune?: boolean;
  /**
   * The clause's information (the idf it stands for): with it the step also adds to `covered`, once per
   * document, the information times the best credit of the document's matches of this clause. A clause
   * tracked so must be read in one step.
   */
  info?: number;
}

const F = FIELDS.length;
const ALL_FIELDS = FIELDS.map((_, i) => i);
/**
 * A clause added to known candidates walks its postings when it has at most this many per candidate, else
 * looks each candidate up: a look-up is a binary search in every field, a few dozen steps, and a walk's
 * step is cheap and in order. Measured on the dev cases: 16 to 64 are alike, 8 is 11% slower.
 */
const WALK_RATIO = 32;
/** A term's bound (bestInAnyField) is kept once worked out when it has at least this many postings. */
const KEEP_BOUND_POSTINGS = 512;

export class ScoreAccumulator {
  /** The share of its field's credit a match of this posting weight keeps (see lengthShareOf). */
  private readonly lengthShare: (weight: number) => number;
  /** Summed weight per document; zero for every document not in `touched`. */
  readonly scores: Float64Array;
  /** Bits of the clauses each document holds. */
  readonly masks: Uint32Array;
  /** The documents scored so far, in the order they were first met; the count is what run() or the last step() returns. */
  readonly touched: Uint32Array;
  /** Information of the query each document covers (steps with `info`); zero for documents not touched. */
  readonly covered: Float64Array;
  /** Best credit of the current step's clause per document, and the documents it has one for (zero between steps). */
  private stepCredits?: Float32Array;
  private stepDocs?: Uint32Array;
  private stepCount = 0;
  /** Whether `covered` holds anything to clear. */
  private covering = false;
  /** bestInAnyField by term (the common ones), and its scratch arrays (zero between calls). */
  private readonly bestOfTerm = new Map<number, number>();
  private boundSums?: Float64Array;
  private boundDocs?: Uint32Array;

  constructor(
    private readonly index: IndexData,
    private readonly idfs: Float64Array,
    /** Boost of each field, in FIELDS order. */
    private readonly boosts: readonly number[],
    /** Credit of a match in each field, in FIELDS order, each at most 1 (see SearchTuning.fieldCredit). */
    private readonly fieldCredits: readonly number[] = FIELDS.map(() => 1),
    /** How a match's credit shrinks with its posting's weight below 1 (see SearchTuning.lengthCreditPower); 0 for not at all. */
    lengthCreditPower = 0,
  ) {
    this.lengthShare = lengthShareOf(lengthCreditPower);
    const n = index.docs.length;
    this.scores = new Float64Array(n);
    this.masks = new Uint32Array(n);
    this.touched = new Uint32Array(n);
    this.covered = new Float64Array(n);
  }

  /**
   * Runs the steps in order into the (cleared) arrays; returns how many documents were touched, or 0 as soon
   * as a pruning step leaves none. The caller reads scores and masks of touched[0..count) and then calls reset(count).
   */
  run(steps: readonly ScoreStep[]): number {
    let touched = 0;
    for (const step of steps) {
      touched = this.step(step, touched);
      if (step.prune && !touched) return 0;
    }
    return touched;
  }

  /** One step over the first `touched` documents (see run); returns the new touched count. */
  step({ clause, bit, grow, prune, info }: ScoreStep, touched: number): number {
    if (info !== undefined) {
      this.stepCredits ??= new Float32Array(this.scores.length);
      this.stepDocs ??= new Uint32Array(this.scores.length);
      this.covering = true;
      if (grow) for (const alt of clause.alternatives) touched = this.addCovering(alt, bit, touched, true);
      else this.addToCandidates(clause, bit, touched, true);
      // The clause counts once per document, at its best match.
      const credits = this.stepCredits;
      for (let i = 0; i < this.stepCount; i++) {
        const d = this.stepDocs[i];
        this.covered[d] += info * credits[d];
        credits[d] = 0;
      }
      this.stepCount = 0;
    } else if (grow) for (const alt of clause.alternatives) touched = this.addPostings(alt, bit, touched, true);
    else this.addToCandidates(clause, bit, touched);
    if (prune) {
      let kept = 0;
      for (let k = 0; k < touched; k++) {
        const d = this.touched[k];
        if (this.masks[d] & bit) this.touched[kept++] = d;
        else this.clear(d);
      }
      touched = kept;
    }
    return touched;
  }

  /** Clears what run() or step() left in the first `touched` documents. */
  reset(touched: number): void {
    for (let i = 0; i < touched; i++) this.clear(this.touched[i]);
    this.covering = false;
  }

  private clear(d: number): void {
    this.scores[d] = 0;
    this.masks[d] = 0;
    if (this.covering) this.covered[d] = 0;
  }

  /** The largest weight one document can get from an alternative. */
  boundOf(alt: Alternative): number {
    const best = alt.fields ? this.bestPerField(alt.term, alt.fields) : this.bestInAnyField(alt.term);
    return best * alt.weight * this.idfs[alt.term];
  }

  /** The best posting of a term in each of these fields, times the field's boost, summed: a bound, loose when the best are in different documents. */
  private bestPerField(term: number, fields: readonly number[]): number {
    const { offsets, weights } = this.index;
    let bound = 0;
    for (const f of fields) {
      let max = 0;
      for (let p = offsets[term * F + f], end = offsets[term * F + f + 1]; p < end; p++) if (weights[p] > max) max = weights[p];
      bound += max * this.boosts[f];
    }
    return bound;
  }

  /**
   * The largest sum over the fields of a term's weight × boost in one document: the exact bound. The sum of
   * each field's best (bestPerField) was four to ten times too high, as a term's best title and best body
   * are seldom in one document, and MaxScore then read most of a long query's postings. Worked out in one
   * pass over the term's postings, and kept for the terms with many (a server sees the same words again and
   * again; keeping every pair and rare word would grow without end).
   */
  private bestInAnyField(term: number): number {
    let best = this.bestOfTerm.get(term);
    if (best !== undefined) return best;
    const { offsets, postings, weights } = this.index;
    const keep = offsets[term * F + F] - offsets[term * F] >= KEEP_BOUND_POSTINGS;
    const sums = (this.boundSums ??= new Float64Array(this.scores.length));
    const docs = (this.boundDocs ??= new Uint32Array(this.scores.length));
    let count = 0;
    for (let f = 0; f < F; f++) {
      const boost = this.boosts[f];
      for (let p = offsets[term * F + f], end = offsets[term * F + f + 1]; p < end; p++) {
        const d = postings[p];
        if (sums[d] === 0) docs[count++] = d;
        sums[d] += weights[p] * boost;
      }
    }
    best = 0;
    for (let i = 0; i < count; i++) {
      const d = docs[i];
      if (sums[d] > best) best = sums[d];
      sums[d] = 0;
    }
    if (keep) this.bestOfTerm.set(term, best);
    return best;
  }

  /** Postings a clause's alternatives hold, over every field they search. */
  costOf(c: Clause): number {
    const { offsets } = this.index;
    let cost = 0;
    for (const a of c.alternatives) {
      if (!a.fields) cost += offsets[a.term * F + F] - offsets[a.term * F];
      else for (const f of a.fields) cost += offsets[a.term * F + f + 1] - offsets[a.term * F + f];
    }
    return cost;
  }

  /**
   * What a clause would add to one document, by looking it up (binary search): its weight, and (in
   * `matchCredit`) the best credit of its matches, as a step with `info` would count them.
   */
  weightOf(c: Clause, d: number): number {
    const { weights } = this.index;
    let sum = 0;
    let best = 0;
    for (const alt of c.alternatives) {
      const w = alt.weight * this.idfs[alt.term];
      for (const f of alt.fields ?? ALL_FIELDS) {
        const p = this.find(alt.term, f, d);
        if (p < 0) continue;
        sum += w * this.boosts[f] * weights[p];
        // Rounded as the step's Float32Array of credits rounds it.
        best = Math.max(best, Math.fround(creditOf(alt) * this.fieldCredits[f] * this.lengthShare(weights[p])));
      }
    }
    this.matchCredit = best;
    return sum;
  }

  /** The best credit of the clause's matches in the document weightOf last looked at. */
  matchCredit = 0;

  /** Whether a document holds a term in any field (binary search in each field's postings). */
  holds(term: number, doc: number): boolean {
    for (let f = 0; f < F; f++) if (this.find(term, f, doc) >= 0) return true;
    return false;
  }

  /** Position of `doc` in the postings of (term, field), or -1. */
  private find(term: number, f: number, doc: number): number {
    const { offsets, postings } = this.index;
    let lo = offsets[term * F + f];
    let hi = offsets[term * F + f + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = postings[mid];
      if (v === doc) return mid;
      if (v < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Adds a clause to the first `touched` documents only: by walking its postings when they are few beside the
   * candidates, else by looking each candidate up (binary search).
   */
  private addToCandidates(c: Clause, bit: number, touched: number, covering = false): void {
    if (this.costOf(c) <= touched * WALK_RATIO) {
      for (const alt of c.alternatives) {
        if (covering) this.addCovering(alt, bit, touched, false);
        else this.addPostings(alt, bit, touched, false);
      }
      return;
    }
    const { weights } = this.index;
    for (let k = 0; k < touched; k++) {
      const d = this.touched[k];
      for (const alt of c.alternatives) {
        const w = alt.weight * this.idfs[alt.term];
        for (const f of alt.fields ?? ALL_FIELDS) {
          const p = this.find(alt.term, f, d);
          if (p >= 0) {
            this.scores[d] += w * this.boosts[f] * weights[p];
            this.masks[d] |= bit;
            if (covering) this.credit(d, creditOf(alt) * this.fieldCredits[f] * this.lengthShare(weights[p]));
          }
        }
      }
    }
  }

  /** Raises a document's credit for the current step's clause to `credit` if that is more. */
  private credit(d: number, credit: number): void {
    const credits = this.stepCredits!;
    if (credit > credits[d]) {
      if (credits[d] === 0) this.stepDocs![this.stepCount++] = d;
      credits[d] = credit;
    }
  }

  /** addPostings that also keeps the step's credits: a separate loop, so line matching (no coverage) pays nothing for it. */
  private addCovering(alt: Alternative, bit: number, touched: number, grow: boolean): number {
    const { offsets, postings, weights } = this.index;
    // Locals, not fields: the loop stores into typed arrays only, so nothing it reads is loaded again each turn.
    const { scores, masks, touched: list } = this;
    const credits = this.stepCredits!;
    const docs = this.stepDocs!;
    let count = this.stepCount;
    const share = this.lengthShare;
    const w = alt.weight * this.idfs[alt.term];
    const altCredit = creditOf(alt);
    for (const f of alt.fields ?? ALL_FIELDS) {
      const fw = w * this.boosts[f];
      const credit = altCredit * this.fieldCredits[f];
      const end = offsets[alt.term * F + f + 1];
      for (let p = offsets[alt.term * F + f]; p < end; p++) {
        const d = postings[p];
        if (masks[d] === 0) {
          if (!grow) continue;
          list[touched++] = d;
        }
        const weight = weights[p];
        scores[d] += fw * weight;
        masks[d] |= bit;
        // A share is at most 1: a document already credited this much for the clause gains nothing here.
        if (credits[d] >= credit) continue;
        const c = credit * share(weight);
        if (c > credits[d]) {
          if (credits[d] === 0) docs[count++] = d;
          credits[d] = c;
        }
      }
    }
    this.stepCount = count;
    return touched;
  }

  /**
   * Adds one alternative's weighted postings into the scores and sets its clause bit. With `grow`, documents
   * not seen yet join the touched list; without, only documents already there are updated. Returns the
   * touched count.
   */
  private addPostings(alt: Alternative, bit: number, touched: number, grow: boolean): number {
    const { offsets, postings, weights } = this.index;
    const { scores, masks, touched: list } = this;
    const w = alt.weight * this.idfs[alt.term];
    for (const f of alt.fields ?? ALL_FIELDS) {
      const fw = w * this.boosts[f];
      const end = offsets[alt.term * F + f + 1];
      for (let p = offsets[alt.term * F + f]; p < end; p++) {
        const d = postings[p];
        // A document touched has its clause's bit set (bits are never 0), so its mask alone tells.
        if (masks[d] === 0) {
          if (!grow) continue;
          list[touched++] = d;
        }
        scores[d] += fw * weights[p];
        masks[d] |= bit;
      }
    }
    return touched;
  }
}

/**
 * The share of a match's credit its posting weight lets it keep: the weight to `power`, at most 1. A posting's
 * weight is 1 for one occurrence in a field of average length and falls as the field grows, so a word met
 * once in a long field (a RESOLUTION pages long, a list of fixed bugs) covers less of the word's information
 * than the same word in a short one: the longer a text, the likelier it holds any given word by chance.
 */
function lengthShareOf(power: number): (weight: number) => number {
  if (power === 0) return () => 1;
  if (power === 0.5) return (w) => (w >= 1 ? 1 : Math.sqrt(w));
  return (w) => (w >= 1 ? 1 : Math.pow(w, power));
}

/** Share of its clause's information a match through an alternative covers. */
export function creditOf(alt: Alternative): number {
  return alt.credit ?? Math.min(1, alt.weight);
}

/** Bits set in a 32-bit mask: the clauses a document holds. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
