/**
 * Clauses -> the documents worth ranking, scored. A document's score is its BM25 sum over every clause it
 * holds (no clause is required but phrases), times the share of the query's information it covers to
 * `coveragePower`, times its preference (the product the query names). Any telling word finds an article
 * (the seeds: a word most articles hold only adds to articles found otherwise), and an article holding all
 * the rare words still wins.
 *
 * Fast by MaxScore, term at a time (Turtle & Flood's "quit/continue"): the clauses are read strongest first,
 * each bringing in new documents; before the next, the best an unseen document could still reach (the
 * remaining clauses' bounds, times their share of the information) is compared with the k-th best score
 * found so far (a lower bound: scores and coverage only grow). Once it cannot reach it, the remaining
 * clauses only add to the documents already found. The best k are exactly those of a full scan; the tail
 * below them (and the total) counts the documents read.
 */
import { ScoreAccumulator, type Clause, type ScoreStep } from './score-accumulator.js';
import { TopK } from './top-k.js';

export interface RankRequest {
  clauses: readonly Clause[];
  /** Information (idf) each clause stands for; 0 for a bonus clause (adjacent pairs). */
  infos: readonly number[];
  /** Clauses every result must hold (quoted phrases). */
  required: readonly boolean[];
  /** Clauses that bring documents in; the others only add to documents these found (see SearchTuning.seedShare). */
  seeds: readonly boolean[];
  /** Results that must be exact: offset + limit. */
  k: number;
  /** Whether a document may be a result (filters, exclusions, hidden articles). */
  eligible: (d: number) => boolean;
  /** Score factor for a document (at least 1), and the largest it takes. */
  preference: (d: number) => number;
  maxPreference: number;
  coveragePower: number;
  /** MaxScore on (the default) or a full scan. */
  prune: boolean;
}

export interface Ranked {
  /** How many documents the accumulator touched (the caller resets them). */
  touched: number;
  /** Eligible documents holding every required clause. */
  candidates: number[];
  /** Final score of a candidate (written over the accumulator's scores, which the caller resets). */
  score: (d: number) => number;
  /** Share of the query's information a candidate covers (0..1). */
  coverage: (d: number) => number;
}

export function rankClauses(acc: ScoreAccumulator, r: RankRequest): Ranked {
  const { clauses, infos } = r;
  const totalInfo = infos.reduce((sum, x) => sum + x, 0);
  const coverage = (d: number) => (totalInfo > 0 ? Math.min(1, acc.covered[d] / totalInfo) : 1);
  const factor = (share: number) => (totalInfo > 0 ? Math.pow(share, r.coveragePower) : 1);
  const score = (d: number) => acc.scores[d] * factor(coverage(d)) * r.preference(d);
  const bounds = clauses.map((c) => c.alternatives.reduce((sum, a) => sum + acc.boundOf(a), 0));
  const stepOf = (i: number, grow: boolean, prune = false): ScoreStep => ({ clause: clauses[i], bit: 1 << i, grow, prune, info: infos[i] });
  const requiredMask = clauses.reduce((m, _, i) => (r.required[i] ? m | (1 << i) : m), 0);
  const ok = (d: number) => (acc.masks[d] & requiredMask) === requiredMask && r.eligible(d);

  let touched = 0;
  const phrases = clauses.map((_, i) => i).filter((i) => r.required[i]);
  if (phrases.length) {
    // Only documents holding the phrases can match: the rarest brings them in, the others and every word only add.
    const byCost = [...phrases].sort((a, b) => acc.costOf(clauses[a]) - acc.costOf(clauses[b]));
    touched = acc.step(stepOf(byCost[0], true), touched);
    for (const i of byCost.slice(1)) touched = acc.step(stepOf(i, false, true), touched);
    for (let i = 0; i < clauses.length; i++) if (!r.required[i] && touched) touched = acc.step(stepOf(i, false), touched);
  } else {
    // A document holding no clause with information scores 0: such clauses (the adjacent-pair bonus) only add.
    const grows = (i: number) => (r.seeds[i] && infos[i] > 0 ? 1 : 0);
    const order = clauses.map((_, i) => i).sort((a, b) => grows(b) - grows(a) || bounds[b] - bounds[a]);
    let restBound = order.reduce((sum, i) => sum + bounds[i], 0);
    let restInfo = totalInfo;
    let threshold = 0;
    let measuredAt = 0;
    let growing = true;
    for (let n = 0; n < order.length; n++) {
      const i = order[n];
      if (!grows(i)) growing = false;
      if (growing && n > 0 && r.prune && touched >= r.k) {
        // With room for rounding: the sums were added in another order than a document's score is.
        const best = restBound * factor(Math.max(0, Math.min(1, restInfo / totalInfo))) * r.maxPreference * (1 + SLACK);
        // The k-th best is a pass over every document found: measured again only when it might now be
        // enough, or when twice as many documents are found.
        if (best < threshold) growing = false;
        else if (best < threshold * RECHECK || touched >= 2 * measuredAt) {
          threshold = kthBest(acc, touched, r.k, ok, score);
          measuredAt = touched;
          if (best < threshold) growing = false;
        }
      }
      touched = acc.step(stepOf(i, growing), touched);
      restBound -= bounds[i];
      restInfo -= infos[i];
    }
  }
  const candidates: number[] = [];
  for (let t = 0; t < touched; t++) {
    const d = acc.touched[t];
    if (!ok(d)) continue;
    candidates.push(d);
    // Worked out once: paging, facets and the caller read it several times.
    acc.scores[d] = score(d);
  }
  return { touched, candidates, score: (d) => acc.scores[d], coverage };
}

const SLACK = 1e-9;
/** The k-th best is measured again once the bound is within this factor of the last measure (it only grows). */
const RECHECK = 2;
/** Documents read to measure the k-th best (see kthBest). */
const KTH_SAMPLE = 4096;

/**
 * The k-th best score among the first documents found (0 while fewer than k are eligible): a lower bound of
 * the k-th best of all, as scores only grow and any subset's k-th best is at most the whole's. The first
 * found come from the strongest clauses, so a sample of them is nearly as good, and far cheaper than all.
 */
function kthBest(acc: ScoreAccumulator, touched: number, k: number, ok: (d: number) => boolean, score: (d: number) => number): number {
  if (k <= 0 || touched < k) return 0;
  const top = new TopK(k);
  const sample = Math.min(touched, Math.max(KTH_SAMPLE, 4 * k));
  for (let t = 0; t < sample; t++) {
    const d = acc.touched[t];
    if (ok(d)) top.push(score(d), d);
  }
  return top.size < k ? 0 : top.min;
}
