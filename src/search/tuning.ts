/** The weights and thresholds of a search, with their defaults: the one place ranking is tuned. */
import type { Field } from '../search-index/index-data.js';

export interface SearchTuning {
  /** Weight of each field. */
  fieldBoosts: Record<Field, number>;
  /** Weight of a pair of adjacent query words found adjacent in a field. Default 1.5. */
  pairBoost: number;
  /** Weight of the code field match for a recognised error code (on top of fieldBoosts.codes). Default 2. */
  codeBoost: number;
  /** Weight of a typo variant relative to the word typed. Default 0.3. */
  typoWeight: number;
  /** Words at least this long tolerate one typo. Default 5. */
  typoMinLength: number;
  /** A word is checked for typos only when fewer articles than this hold it. Default 3. */
  typoMaxDf: number;
  /** Any-word mode: score is multiplied by (matched clauses / clauses) to this power. Default 2. */
  coordinationPower: number;
  /**
   * Any-word mode: a word whose postings exceed this share of the archive's articles adds to the scores of
   * the articles the other words found, without bringing in articles of its own (unless every word is that
   * common). Default 0.05.
   */
  anyWordSeedRatio: number;
  /** Any-word mode: the commoner words are only looked up when they hold at least this many postings. Default 10,000. */
  anyWordSeedMinPostings: number;
}

export const DEFAULT_TUNING: Readonly<SearchTuning> = Object.freeze({
  fieldBoosts: { title: 4, symptoms: 2, messages: 2.5, codes: 3, meta: 1.5, body: 1 },
  pairBoost: 1.5,
  codeBoost: 2,
  typoWeight: 0.3,
  typoMinLength: 5,
  typoMaxDf: 3,
  coordinationPower: 2,
  anyWordSeedRatio: 0.05,
  anyWordSeedMinPostings: 10_000,
});

/** The defaults with `tuning` merged over them (field boosts one by one). */
export function tuningOf(tuning: Partial<SearchTuning> = {}): SearchTuning {
  return { ...DEFAULT_TUNING, ...tuning, fieldBoosts: { ...DEFAULT_TUNING.fieldBoosts, ...tuning.fieldBoosts } };
}
