/** The weights and thresholds of a search, with their defaults: the one place ranking is tuned. */
import type { Field } from '../search-index/index-data.js';

export interface SearchTuning {
  /** Weight of each field. Default title 4, symptoms 2, messages 2.5, codes 3, meta 1.5, body 1. */
  fieldBoosts: Record<Field, number>;
  /** Weight of a pair of adjacent query words found adjacent in a field. Default 1.5. */
  pairBoost: number;
  /** Weight of the code field match for a recognised error code (on top of fieldBoosts.codes). Default 2. */
  codeBoost: number;
  /** Weight of a typo variant relative to the word typed. Default 0.3. */
  typoWeight: number;
  /** Words at least this long tolerate one typo. Default 5. */
  typoMinLength: number;
  /** A word is checked for typos (and, cut short at the query's end, for completions) only when fewer articles than this hold it. Default 3. */
  typoMaxDf: number;
  /**
   * A document's score is its BM25 sum times (the share of the query's information it covers) to this
   * power: the information of a word is its idf, so an article holding every rare word of a quoted message
   * outranks one holding many common words often. Default 1.5.
   */
  coveragePower: number;
  /**
   * How much of a word's information a match in each field covers (at most 1). A word found only in the body
   * (a long RESOLUTION, a list of fixed bugs) says less about what the user sees than one in the title or
   * SYMPTOMS, and the metadata (keywords, query words) a little less. Default 1 everywhere but meta 0.8 and body 0.4.
   */
  fieldCredit: Record<Field, number>;
  /**
   * A match covers its share (fieldCredit) times its posting's BM25 weight to this power, at most 1: the
   * weight is 1 for one occurrence in a field of average length and falls as the field grows, so an article
   * that holds a word once in a long RESOLUTION covers less of it than one that says it in a short SYMPTOMS.
   * 0 turns it off. Default 0.5 (on the own-words dev queries: top-3 0.846 -> 0.855, MRR 0.766 -> 0.777;
   * 0.5 to 2, or the body alone left out, gave 0.850-0.855).
   */
  lengthCreditPower: number;
  /** Weight of an archive expression the thesaurus adds for the user's words (search/expand-query.ts), relative to the words typed. Default 0.7. */
  expansionWeight: number;
  /** Share of a word's information an article holding one of its expansions covers. Default 0.7. */
  expansionCredit: number;
  /** An expansion that is one word held by more than this share of the articles is not searched: it says nothing. Default 0.05. */
  maxExpansionShare: number;
  /** Score factor for an article about a product the query names ("wfw", "exch 5.5"): 1 + this. Default 0.3. */
  productBoost: number;
  /** Further factor when the article also covers the version the query names: 1 + this. Default 0.2. */
  versionBoost: number;
  /** Share of their information the words naming a product keep (the preference stands for the rest). Default 0.3. */
  mentionInformation: number;
  /**
   * A word held by more than this share of the articles adds to the articles the other words found without
   * bringing in articles of its own (unless every word is that common): "server" alone finds nothing worth
   * reading, and reading its 30,000 articles cost more than the rest of the search. Default 0.2 (0.05 was
   * faster and lost 2 points of own-words top-3).
   */
  seedShare: number;
  /**
   * The facets count the best this many matches of a search (all of them when there are fewer). A search can
   * match most of the archive (every article holding one common word): counting every match describes the
   * archive, not the answer, and finding the best this many costs a final score each. Default 200, twenty
   * pages (1,000 took 15% more CPU a search over the dev queries, the page unchanged).
   */
  facetDocs: number;
  /**
   * Skip the documents that cannot reach the page (MaxScore: once the words left could not lift an unseen
   * document above the k-th best, they only add to documents already found). Off only to check that
   * shortcut against a full scan. Default true.
   */
  prune: boolean;
}

export const DEFAULT_TUNING: Readonly<SearchTuning> = Object.freeze({
  fieldBoosts: { title: 4, symptoms: 2, messages: 2.5, codes: 3, meta: 1.5, body: 1 },
  pairBoost: 1.5,
  codeBoost: 2,
  typoWeight: 0.3,
  typoMinLength: 5,
  typoMaxDf: 3,
  coveragePower: 1.5,
  fieldCredit: { title: 1, symptoms: 1, messages: 1, codes: 1, meta: 0.8, body: 0.4 },
  lengthCreditPower: 0.5,
  expansionWeight: 0.7,
  expansionCredit: 0.7,
  maxExpansionShare: 0.05,
  productBoost: 0.3,
  versionBoost: 0.2,
  mentionInformation: 0.3,
  seedShare: 0.2,
  facetDocs: 200,
  prune: true,
});

/** The defaults with `tuning` merged over them (field boosts one by one). */
export function tuningOf(tuning: Partial<SearchTuning> = {}): SearchTuning {
  return {
    ...DEFAULT_TUNING,
    ...tuning,
    fieldBoosts: { ...DEFAULT_TUNING.fieldBoosts, ...tuning.fieldBoosts },
    fieldCredit: { ...DEFAULT_TUNING.fieldCredit, ...tuning.fieldCredit },
  };
}
