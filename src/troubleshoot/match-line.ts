/**
 * One pasted line -> the articles that best contain it, scored into the search engine's own score arrays.
 * The troubleshooter's matching, kept here so tuning it never means editing the search engine.
 */
import { termsOf } from '../search-index/analyze.js';
import { pairIdOf } from '../search-index/index-data.js';
import type { Clause, ScoreStep } from '../search/score-accumulator.js';
import type { SearchEngine } from '../search/search.js';
import { TopK } from '../search/top-k.js';

export interface LineMatch {
  id: string;
  doc: number;
  /** Summed idf of the line's words the article holds. */
  matched: number;
  /** matched / the line's total idf. */
  coverage: number;
  /** Adjacent word pairs of the line the article holds in the same order, of pairCount. */
  pairs: number;
  pairCount: number;
  terms: number;
  /** How many articles hold at least 80% of the line's information: the more, the less each match says. */
  strong: number;
  /** What the match says about this article: matched × coverage² / √strong (see MatchLineOptions.minStrength). */
  strength: number;
}

export interface MatchLineOptions {
  /** Articles returned at most, most matched first. Default 5. */
  limit?: number;
  /** Words held by more than this share of the articles are skipped. Default 0.04. */
  maxDfRatio?: number;
  /** The line's rarest words read at most. Default 16. */
  maxTerms?: number;
  /** Only articles holding at least this share of the line's idf are sure to be found. Default 0. */
  minCoverage?: number;
  /** Only articles whose strength (matched × coverage² / √strong) reaches this are sure to be found. Default 0. */
  minStrength?: number;
}

/** A line match is strong for an article holding this share of the line's idf (LineMatch.strong). */
const STRONG_SHARE = 0.8;
/**
 * Room for rounding when a sum of weights (idfs here, token weights in signature-index.ts) is compared with a
 * bound: a shortcut must never skip a match that counts.
 */
export const SLACK = 1e-9;

/**
 * The articles that best contain one line of text (a pasted log line): each gets `matched`, the summed
 * idf of the line's words it holds, `coverage`, the share of the line's information that is, and `pairs`,
 * the line's adjacent word pairs it holds (the caller weighs word order; it is not in `matched`). Words held by more than `maxDfRatio` of all articles carry almost
 * nothing and are skipped, so a line of common words costs nothing and matches nothing. With
 * `minCoverage`, only articles holding at least that share are sure to be found (and counted in `strong`
 * and the top `limit`); finding fewer is what makes it cheaper. Likewise with `minStrength`, for the
 * articles whose strength `matched * coverage² / √strong` reaches it; and a line on which none can returns
 * no match, often before it is matched: a line whose telling word hundreds of articles hold says nothing
 * about any one of them.
 */
export function matchLine(engine: SearchEngine, text: string, options: MatchLineOptions = {}): LineMatch[] {
  const { limit = 5, maxDfRatio = 0.04, maxTerms = 16, minCoverage = 0, minStrength = 0 } = options;
  const { index, idfs, hidden, scoring } = engine;
  const n = index.docs.length;
  const maxDf = Math.max(2, Math.floor(n * maxDfRatio));
  // Whole words only: a compound's parts would count its information twice.
  const all = termsOf(text, { parts: false });
  const seen = new Set<string>();
  const kept: { id: number; idf: number }[] = [];
  for (const t of all) {
    if (seen.has(t)) continue;
    seen.add(t);
    const id = index.termIds.get(t);
    if (id === undefined || index.df[id] > maxDf) continue;
    kept.push({ id, idf: idfs[id] });
  }
  if (!kept.length) return [];
  kept.sort((a, b) => b.idf - a.idf);
  const terms = kept.slice(0, maxTerms);
  const keptSet = new Set(terms.map((t) => index.terms[t.id]));
  const clauses: Clause[] = terms.map((t) => ({ label: index.terms[t.id], alternatives: [{ term: t.id, weight: 1 }], required: true }));
  const pairIds: { id: number; idf: number }[] = [];
  for (let i = 1; i < all.length; i++) {
    const a = all[i - 1];
    const b = all[i];
    if (!keptSet.has(a) && !keptSet.has(b)) continue;
    const id = pairIdOf(index, a, b);
    if (id !== undefined && !pairIds.some((x) => x.id === id)) pairIds.push({ id, idf: idfs[id] });
  }
  const totalIdf = terms.reduce((s, t) => s + t.idf, 0);
  // No article's strength exceeds lineStrength(totalIdf, 1, strong): matched ≤ totalIdf, coverage ≤ 1.
  const tooWeak = (strong: number) => minStrength > 0 && lineStrength(totalIdf, 1, strong) < minStrength - SLACK;
  // Every article holding a word worth 80% of the line is strong: at least that many articles are.
  let strongAtLeast = 1;
  for (const t of terms) if (t.idf >= STRONG_SHARE * totalIdf) strongAtLeast = Math.max(strongAtLeast, index.df[t.id] - hidden.size);
  if (tooWeak(strongAtLeast)) return [];
  // An article's strength is at most lineStrength(matched, matched / totalIdf, 1) = matched³ / totalIdf², so it
  // must hold this much to reach minStrength. Never more than the strong share, so `strong` stays a full count.
  const minMatched = Math.min(Math.max(minCoverage * totalIdf, Math.cbrt(minStrength * totalIdf * totalIdf)), STRONG_SHARE * totalIdf) - SLACK;
  const touched = scoring.run(
    lineSteps(
      clauses,
      terms.map((t) => t.idf),
      minMatched,
    ),
  );
  const top = new TopK(limit);
  let strong = 0;
  const { touched: docs, masks, scores } = scoring;
  for (let i = 0; i < touched; i++) {
    const d = docs[i];
    let matched = 0;
    const mask = masks[d];
    for (let c = 0; c < terms.length; c++) if (mask & (1 << c)) matched += terms[c].idf;
    if (hidden.size && hidden.has(d)) continue;
    if (matched >= STRONG_SHARE * totalIdf) strong++;
    top.push(matched + scores[d] * 1e-3, d);
  }
  scoring.reset(touched);
  if (tooWeak(strong)) return [];
  const out: LineMatch[] = [];
  for (const { doc } of top.sorted()) {
    let matched = 0;
    // Recount exactly for the few kept documents, adding the pairs found in order.
    const has = (term: number) => scoring.holds(term, doc);
    for (const t of terms) if (has(t.id)) matched += t.idf;
    let pairs = 0;
    for (const p of pairIds) if (has(p.id)) pairs += 1;
    const coverage = matched / totalIdf;
    out.push({
      id: index.docs[doc].id,
      doc,
      matched,
      coverage,
      pairs,
      pairCount: pairIds.length,
      terms: terms.length,
      strong,
      strength: lineStrength(matched, coverage, strong),
    });
  }
  return out;
}

/**
 * A line's clauses (one term each, rarest first, `idfs` theirs) as scoring steps. A document can only reach
 * `minMatched` of summed idf through terms not read yet: once those are worth less, the remaining (commoner)
 * terms only add to the documents already found.
 */
function lineSteps(clauses: Clause[], idfs: number[], minMatched: number): ScoreStep[] {
  let left = idfs.reduce((sum, idf) => sum + idf, 0);
  return clauses.map((clause, c) => {
    const grow = left >= minMatched;
    left -= idfs[c];
    return { clause, bit: 1 << c, grow };
  });
}

/**
 * What a line match says about one article (LineMatch.strength): the information it holds, times its share
 * of the line squared, divided among the articles that hold most of the line. The shortcuts of matchLine bound it.
 */
function lineStrength(matched: number, coverage: number, strong: number): number {
  return (matched * coverage * coverage) / Math.sqrt(Math.max(strong, 1));
}
