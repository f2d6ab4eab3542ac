/**
 * Clauses -> the documents worth ranking, scored. A document's score is its BM25 sum over every clause it
 * holds (no clause is required but phrases), times the share of the query's information it covers to
 * `coveragePower`, times its preference (the product the query names). Any telling word finds an article
 * (the seeds: a word most articles hold only adds to articles found otherwise), and an article holding all
 * the rare words still wins.
 *
 * Fast by MaxScore, term at a time (Turtle & Flood's "quit/continue"): the clauses are read rarest first,
 * each bringing in new documents; before the next, the best an unseen document could still reach (the
 * remaining clauses' bounds, times their share of the information) is compared with the k-th best score
 * found so far (a lower bound: scores and coverage only grow). Once it cannot reach it, the remaining
 * clauses only add to the documents already found. The best k are exactly those of a full scan; the tail
 * below them (and the total) counts the documents read.
 */
import type { ScoreAccumulator, Clause, ScoreStep } from './score-accumulator.js';
import { bestOfBar } from './facets.js';
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
  /** Whether a document may be a result (filters, exclusions, hidden articles). Default: every document. */
  eligible?: (d: number) => boolean;
  /** Score factor for a document (at least 1), and the largest it takes. */
  preference: (d: number) => number;
  maxPreference: number;
  coveragePower: number;
  /** How many of the best documents the facets count (bestOf), beside the page; 0 for none. */
  facetDocs: number;
  /** MaxScore on (the default) or a full scan. */
  prune: boolean;
}

export interface Ranked {
  /** How many documents the accumulator touched (the caller resets them). */
  touched: number;
  /** Eligible documents holding every required clause: how many. */
  total: number;
  /** Those of them that may be shown (on the page or in the facets), with their final scores. */
  candidates: number[];
  /** Whether an eligible document holds every clause of the mask. */
  holdsAll: (mask: number) => boolean;
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
  const eligible = r.eligible ?? everyDocument;
  // Most searches have neither phrases nor filters: then no array is read to say so, once for each document touched.
  const ok = requiredMask === 0 ? eligible : (d: number) => (acc.masks[d] & requiredMask) === requiredMask && eligible(d);
  /** At least score(d), without its power (from a table) and its preference (the largest). */
  const powerAbove = powerTableOf(r.coveragePower);
  const steps = totalInfo > 0 ? POWER_STEPS / totalInfo : 0;
  const upper =
    totalInfo > 0
      ? (d: number) => acc.scores[d] * powerAbove[Math.min(POWER_STEPS, Math.ceil(acc.covered[d] * steps) + 1)] * r.maxPreference
      : (d: number) => acc.scores[d] * r.maxPreference;
  /**
   * A document's final score, found by looking up the clauses not read yet: what it will score in the end, whenever
   * it is asked, so it is worked out once a search (the best found recur from one measure of the k-th best to the next).
   */
  const completedScores = new Map<number, number>();
  const completed = (d: number, rest: readonly number[]) => {
    let final = completedScores.get(d);
    if (final !== undefined) return final;
    let sum = acc.scores[d];
    let covered = acc.covered[d];
    for (const j of rest) {
      sum += acc.weightOf(clauses[j], d);
      covered += infos[j] * acc.matchCredit;
    }
    final = sum * factor(totalInfo > 0 ? Math.min(1, covered / totalInfo) : 1) * r.preference(d);
    completedScores.set(d, final);
    return final;
  };

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
    // Rarest first: an unseen document's coverage, and so its bound, falls fastest (read 6-12% fewer documents than strongest first).
    const order = clauses.map((_, i) => i).sort((a, b) => grows(b) - grows(a) || infos[b] - infos[a] || bounds[b] - bounds[a]);
    const pairsGone = pairsLeavingWith(clauses, acc);
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
          threshold = kthBest(acc, touched, r.k, ok, score, upper, (d) => completed(d, order.slice(n)));
          measuredAt = touched;
          if (best < threshold) growing = false;
        }
      }
      touched = acc.step(stepOf(i, growing), touched);
      restBound -= bounds[i] + (growing ? pairsGone.take(i) : 0);
      restInfo -= infos[i];
    }
  }
  return { touched, ...finalScores(acc, r, touched, ok, score, upper), score: (d) => acc.scores[d], coverage };
}

/**
 * The final score of every eligible document that can still be shown: on the page (the best k) or among the
 * best `facetDocs` whose facets are counted. A final score costs a power (about 100 ns) and the preference,
 * and a long query touches tens of thousands of documents, most of which hold a common word or two. Each
 * document's score is bounded cheaply (its sum, times its coverage's power from a table, times the largest
 * preference); a document is scored when that bound reaches the `keep`-th best
 * scored so far, and the others, when their bound reaches the final bar. Exact: the documents left out
 * could be neither shown nor counted in the facets.
 */
function finalScores(
  acc: ScoreAccumulator,
  r: RankRequest,
  touched: number,
  ok: (d: number) => boolean,
  score: (d: number) => number,
  upper: (d: number) => number,
): { candidates: number[]; total: number; holdsAll: (mask: number) => boolean } {
  const candidates: number[] = [];
  // The documents left for the final bar, and their bounds: worked out once, as reading a document's sums again costs as much.
  const rest: number[] = [];
  const restUpper: number[] = [];
  const keep = Math.max(r.k, r.facetDocs);
  const bounded = r.prune;
  const top = new TopK(keep);
  let total = 0;
  let max = 0;
  for (let t = 0; t < touched; t++) {
    const d = acc.touched[t];
    if (!ok(d)) continue;
    total++;
    if (bounded) {
      const u = upper(d);
      max = Math.max(max, u);
      if (top.size === keep && u < top.min) {
        rest.push(d);
        restUpper.push(u);
        continue;
      }
    }
    // Worked out once: paging, facets and the caller read it several times.
    const s = score(d);
    acc.scores[d] = s;
    candidates.push(d);
    top.push(s, d);
  }
  if (rest.length) {
    const bar = (r.facetDocs > 0 ? bestOfBar(top.min, max) : top.min) * (1 - SLACK);
    for (let i = 0; i < rest.length; i++) {
      if (restUpper[i] < bar) continue;
      const d = rest[i];
      acc.scores[d] = score(d);
      candidates.push(d);
    }
  }
  return { candidates, total, holdsAll: (mask) => holdsAll(acc, touched, ok, mask) };
}

/** Whether an eligible touched document holds every clause of the mask (read when asked: once a search). */
function holdsAll(acc: ScoreAccumulator, touched: number, ok: (d: number) => boolean, mask: number): boolean {
  for (let t = 0; t < touched; t++) {
    const d = acc.touched[t];
    if ((acc.masks[d] & mask) === mask && ok(d)) return true;
  }
  return false;
}

/**
 * The bonus pairs an unseen document can no longer hold once a word's clause has brought in its documents: a
 * document holding the pair of two query words holds both words, so it was brought in with the first of them.
 * Without this, a long query's pair bonus (one pair per adjacent two words) kept the unseen bound high until
 * the end, and MaxScore read nearly every posting of a ticket-style query.
 */
function pairsLeavingWith(clauses: readonly Clause[], acc: ScoreAccumulator): { take(i: number): number } {
  const byLabel = new Map(clauses.map((c, i) => [c.label, i] as const));
  const pairs: { bound: number; words: number[]; gone: boolean }[] = [];
  for (const c of clauses) {
    for (const a of c.alternatives) {
      const words = a.pairOf?.map((w) => byLabel.get(w));
      // A word whose clause was dropped (a long query keeps its rarest words): the pair stays in the bound.
      if (words && words.every((w) => w !== undefined)) pairs.push({ bound: acc.boundOf(a), words: words as number[], gone: false });
    }
  }
  return {
    take(i) {
      let sum = 0;
      for (const p of pairs) {
        if (p.gone || !p.words.includes(i)) continue;
        p.gone = true;
        sum += p.bound;
      }
      return sum;
    },
  };
}

const SLACK = 1e-9;

/** One function for every search without phrases or filters, so the loops that call it see one target. */
const everyDocument = () => true;

/**
 * Coverage's power at POWER_STEPS + 1 even steps from 0 to 1, by power: a document's coverage rounded up a
 * step (and one more, for rounding) gives a bound of its power without working it out (see finalScores).
 */
const POWER_STEPS = 1024;
const powerTables = new Map<number, Float64Array>();
function powerTableOf(power: number): Float64Array {
  let table = powerTables.get(power);
  if (!table) {
    table = new Float64Array(POWER_STEPS + 1);
    for (let i = 0; i <= POWER_STEPS; i++) table[i] = Math.pow(i / POWER_STEPS, power);
    powerTables.set(power, table);
  }
  return table;
}
/** The k-th best is measured again once the bound is within this factor of the last measure (it only grows). */
const RECHECK = 2;
/** Documents read to measure the k-th best (see kthBest). */
const KTH_SAMPLE = 4096;
/** Of the best found so far by partial score, this many times k are completed (see kthBest). */
const COMPLETED = 2;

/**
 * The k-th best score among the first documents found (0 while fewer than k are eligible): a lower bound of
 * the k-th best of all, as scores only grow and any subset's k-th best is at most the whole's. The first
 * found come from the strongest clauses, so a sample of them is nearly as good, and far cheaper than all.
 */
function kthBest(
  acc: ScoreAccumulator,
  touched: number,
  k: number,
  ok: (d: number) => boolean,
  score: (d: number) => number,
  upper: (d: number) => number,
  completed: (d: number) => number,
): number {
  if (k <= 0 || touched < k) return 0;
  const top = new TopK(COMPLETED * k);
  const sample = Math.min(touched, Math.max(KTH_SAMPLE, 4 * k));
  for (let t = 0; t < sample; t++) {
    const d = acc.touched[t];
    // A score under the worst kept would not be kept: the cheap bound (finalScores) spares most of them.
    if (ok(d) && (top.size < top.k || upper(d) >= top.min)) top.push(score(d), d);
  }
  if (top.size < k) return 0;
  // The best so far, completed: their final scores, so their k-th best is a far higher (still safe) bar than partial scores give.
  const final = new TopK(k);
  for (const { doc } of top.sorted()) final.push(completed(doc), doc);
  return final.min;
}
