/**
 * Parsed query -> ranked hits with excerpts and facets, over the index's flat postings.
 *
 * Every query word is a clause; an article must satisfy every clause (a word in any field, one of its
 * typo variants, or — for an error code — any spelling of the same code). When no article does, the
 * search falls back to any-word matching and says so. Scores are lunr's BM25 weights times the field
 * boost, summed, plus a bonus for adjacent query words found next to each other.
 */
import { findErrorCodes, codeKeys, codeToken, describeCode } from '../signals/error-codes.js';
import { hasInnerSeparator, termOf, termsOf, wordParts } from '../search-index/analyze.js';
import { FIELDS, idf, pairIdOf, termsWithPrefix, type DocMeta, type Field, type IndexData } from '../search-index/index-data.js';
import type { AnalyzedArticle, ErrorCode, FacetCounts, SearchHit } from '../types.js';
import { hasVersion, readFixState, readIssueType, readProduct, readVersion, versionKeysOf } from '../render/labels.js';
import { makeExcerpt, type Excerpt } from './excerpt.js';
import { parseQuery, type FilterName, type ParsedQuery } from './parse-query.js';
import { TopK } from './top-k.js';

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

export interface SearchOptions {
  /** Results per page. Default 10, at most 100. */
  limit?: number;
  /** Results to skip. Default 0. */
  offset?: number;
  /** 'relevance' (default) or 'date' (newest first). */
  sort?: 'relevance' | 'date';
  /** Filters from outside the query text (URL parameters), added to the query's own. */
  filters?: Partial<Record<FilterName, string | string[]>>;
  /** Longest query read, in characters. Default 2,000. */
  maxQueryChars?: number;
  /** Skip excerpts (in-process callers that only need ids). Default false. */
  noExcerpts?: boolean;
}

export interface SearchResult {
  query: string;
  /** 'all': every word matched; 'any': fell back to any word; 'article': the query named an article; 'browse': filters only; 'none': nothing to search for. */
  mode: 'all' | 'any' | 'article' | 'browse' | 'none';
  total: number;
  offset: number;
  limit: number;
  results: SearchHit[];
  facets: FacetCounts;
  /** Error codes recognised in the query, decoded. */
  codes: ErrorCode[];
  /** Filters in force, by name. */
  filters: Record<FilterName, string[]>;
  /** A sentence for the user when the search did something they should know (fallback, unknown article). */
  notice?: string;
}

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

/** Reads full articles for excerpts; the engine only holds their metadata. */
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

export interface ArticleReader {
  get(id: string): AnalyzedArticle | undefined;
  /** For an excerpt: like get, without keeping the article cached (see ArticleStore.peek). */
  peek(id: string): AnalyzedArticle | undefined;
}

interface Alternative {
  term: number;
  weight: number;
  /** Restrict to these fields (codes only match the code field). */
  fields?: readonly number[];
}
interface Clause {
  label: string;
  alternatives: Alternative[];
  required: boolean;
}

const F = FIELDS.length;
const CODES_FIELD = FIELDS.indexOf('codes');
const MAX_CLAUSES = 24;
export class SearchEngine {
  private readonly scores: Float64Array;
  private readonly masks: Uint32Array;
  private readonly excluded: Uint8Array;
  private readonly touched: Uint32Array;
  private readonly byId = new Map<string, number>();
  private usedExclusion = false;
  private readonly facetTable: FacetTable;
  readonly idfs: Float64Array;
  private readonly boosts: number[];
  /** Articles hidden from results (replaced by an edited copy elsewhere, or deleted). */
  hidden: ReadonlySet<number> = new Set();
  readonly tuning: SearchTuning;

  constructor(
    readonly index: IndexData,
    private readonly articles: ArticleReader,
    tuning: Partial<SearchTuning> = {},
    /** idf by term id; an overlay of edited articles borrows the archive's so scores stay comparable. */
    idfs?: Float64Array,
  ) {
    const n = index.docs.length;
    this.scores = new Float64Array(n);
    this.masks = new Uint32Array(n);
    this.excluded = new Uint8Array(n);
    this.touched = new Uint32Array(n);
    index.docs.forEach((d, i) => this.byId.set(d.id, i));
    this.facetTable = buildFacetTable(index.docs);
    this.idfs = idfs ?? idfsOf(index.df, n);
    this.tuning = { ...DEFAULT_TUNING, ...tuning, fieldBoosts: { ...DEFAULT_TUNING.fieldBoosts, ...tuning.fieldBoosts } };
    this.boosts = FIELDS.map((f) => this.tuning.fieldBoosts[f]);
  }

  get docCount(): number {
    return this.index.docs.length;
  }

  hasArticle(id: string): boolean {
    const d = this.byId.get(id);
    return d !== undefined && !this.hidden.has(d);
  }

  /** Document number of an article id. */
  docOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  meta(id: string): DocMeta | undefined {
    const d = this.byId.get(id);
    return d === undefined ? undefined : this.index.docs[d];
  }

  search(text: string, options: SearchOptions = {}): SearchResult {
    const limit = clampInt(options.limit, 10, 0, 100);
    const offset = clampInt(options.offset, 0, 0, 10_000);
    const parsed = parseQuery(text, options.maxQueryChars);
    const filters = mergeFilters(parsed, options.filters);
    const base = { query: parsed.text, offset, limit, filters };

    if (parsed.articleId && this.byId.has(parsed.articleId)) {
      const d = this.byId.get(parsed.articleId)!;
      return { ...base, mode: 'article', total: 1, results: [this.hit(d, 1, new Set(), options)], facets: this.facetsOf([d]), codes: [] };
    }

    const { clauses, codes } = this.clausesOf(parsed);
    const excludedGroups = parsed.excluded.map((e) => this.phraseClauses(e)).filter((g) => g.length && g.every((c) => c.alternatives.length));
    const filter = this.filterOf(filters);
    const hasFilters = Object.values(filters).some((v) => v.length);

    if (!clauses.length) {
      if (!hasFilters) return { ...base, mode: 'none', total: 0, results: [], facets: emptyFacets(), codes };
      const all: number[] = [];
      for (let d = 0; d < this.index.docs.length; d++) if (filter(d) && !this.hidden.has(d)) all.push(d);
      return this.page({ ...base, mode: 'browse', codes }, all, (d) => 1, new Set(), options, 'date');
    }

    // Every word first (the usual answer, and cheap: only the rarest clause's documents are scored);
    // when no article holds them all, every document holding any word.
    let touchedCount = this.accumulateAll(clauses, excludedGroups);
    let seeded = false;
    if (touchedCount === 0) {
      this.reset(0);
      ({ touched: touchedCount, seeded } = this.accumulate(clauses, excludedGroups, true));
    }
    // The score arrays are shared by every search: whatever happens below (an article unreadable for an
    // excerpt, say), they are cleared for the next.
    try {
      const required = clauses.filter((c) => c.required).length;
      const requiredMask = clauses.reduce((m, c, i) => (c.required ? m | (1 << i) : m), 0);
      let { all, any } = this.matchesOf(touchedCount, filter, required, requiredMask);
      if (seeded && !any.length) {
        // The rarer words found no article the filters keep (or only hidden ones): every word supplies articles after all.
        this.reset(touchedCount);
        touchedCount = 0; // cleared already, should the next line throw
        touchedCount = this.accumulate(clauses, excludedGroups, false).touched;
        ({ all, any } = this.matchesOf(touchedCount, filter, required, requiredMask));
      }
      const queryTerms = new Set(clauses.flatMap((c) => c.alternatives.map((a) => this.index.terms[a.term])).filter(Boolean));
      let result: SearchResult;
      if (all.length || !any.length) {
        result = this.page({ ...base, mode: 'all', codes }, all, (d) => this.scores[d], queryTerms, options);
      } else {
        // Scaled once, in place, by the share of words each document holds (a table: at most 32 clauses).
        const coordination = Array.from({ length: required + 1 }, (_, n) => Math.pow(n / required, this.tuning.coordinationPower));
        for (const d of any) this.scores[d] *= coordination[popcount(this.masks[d] & requiredMask)];
        result = this.page({ ...base, mode: 'any', codes }, any, (d) => this.scores[d], queryTerms, options);
        result.notice = `No article holds every word of "${parsed.text.trim()}"; showing articles that hold some of them.`;
      }
      if (parsed.articleId && !this.byId.has(parsed.articleId)) {
        result.notice = `The knowledge base holds no article ${parsed.articleId}.` + (result.notice ? ' ' + result.notice : '');
      }
      return result;
    } finally {
      this.reset(touchedCount);
    }
  }

  /** Of the touched documents, those the filters keep that hold every required clause (`all`) and any (`any`). */
  private matchesOf(touched: number, filter: (d: number) => boolean, required: number, requiredMask: number): { all: number[]; any: number[] } {
    const all: number[] = [];
    const any: number[] = [];
    for (let i = 0; i < touched; i++) {
      const d = this.touched[i];
      if (this.excluded[d] === 255 || !filter(d) || (this.hidden.size && this.hidden.has(d))) continue;
      const matched = popcount(this.masks[d] & requiredMask);
      if (matched === 0) continue;
      any.push(d);
      if (matched === required) all.push(d);
    }
    return { all, any };
  }

  /**
   * The articles that best contain one line of text (a pasted log line): each gets `matched`, the summed
   * idf of the line's words it holds (with a bonus for words in the same order), and `coverage`, the share
   * of the line's information that is. Words held by more than `maxDfRatio` of all articles carry almost
   * nothing and are skipped, so a line of common words costs nothing and matches nothing. With
   * `minCoverage`, only articles holding at least that share are sure to be found (and counted in `strong`
   * and the top `limit`); finding fewer is what makes it cheaper. Likewise with `minStrength`, for the
   * articles whose strength `matched * coverage² / √strong` reaches it; and a line on which none can returns
   * no match, often before it is matched: a line whose telling word hundreds of articles hold says nothing
   * about any one of them.
   */
  matchLine(text: string, options: MatchLineOptions = {}): LineMatch[] {
    const { limit = 5, maxDfRatio = 0.04, maxTerms = 16, minCoverage = 0, minStrength = 0 } = options;
    const n = this.index.docs.length;
    const maxDf = Math.max(2, Math.floor(n * maxDfRatio));
    // Whole words only: a compound's parts would count its information twice.
    const all = termsOf(text, { parts: false });
    const seen = new Set<string>();
    const kept: { id: number; idf: number }[] = [];
    for (const t of all) {
      if (seen.has(t)) continue;
      seen.add(t);
      const id = this.index.termIds.get(t);
      if (id === undefined || this.index.df[id] > maxDf) continue;
      kept.push({ id, idf: this.idfs[id] });
    }
    if (!kept.length) return [];
    kept.sort((a, b) => b.idf - a.idf);
    const terms = kept.slice(0, maxTerms);
    const keptSet = new Set(terms.map((t) => this.index.terms[t.id]));
    const clauses: Clause[] = terms.map((t) => ({ label: this.index.terms[t.id], alternatives: [{ term: t.id, weight: 1 }], required: true }));
    const pairIds: { id: number; idf: number }[] = [];
    for (let i = 1; i < all.length; i++) {
      const a = all[i - 1];
      const b = all[i];
      if (!keptSet.has(a) && !keptSet.has(b)) continue;
      const id = pairIdOf(this.index, a, b);
      if (id !== undefined && !pairIds.some((x) => x.id === id)) pairIds.push({ id, idf: this.idfs[id] });
    }
    const totalIdf = terms.reduce((s, t) => s + t.idf, 0);
    // No article's strength exceeds lineStrength(totalIdf, 1, strong): matched ≤ totalIdf, coverage ≤ 1.
    const tooWeak = (strong: number) => minStrength > 0 && lineStrength(totalIdf, 1, strong) < minStrength - SLACK;
    // Every article holding a word worth 80% of the line is strong: at least that many articles are.
    let strongAtLeast = 1;
    for (const t of terms) if (t.idf >= STRONG_SHARE * totalIdf) strongAtLeast = Math.max(strongAtLeast, this.index.df[t.id] - this.hidden.size);
    if (tooWeak(strongAtLeast)) return [];
    // An article's strength is at most lineStrength(matched, matched / totalIdf, 1) = matched³ / totalIdf², so it
    // must hold this much to reach minStrength. Never more than the strong share, so `strong` stays a full count.
    const minMatched = Math.min(Math.max(minCoverage * totalIdf, Math.cbrt(minStrength * totalIdf * totalIdf)), STRONG_SHARE * totalIdf) - SLACK;
    const touched = this.accumulateLine(clauses, terms.map((t) => t.idf), minMatched);
    const top = new TopK(limit);
    let strong = 0;
    for (let i = 0; i < touched; i++) {
      const d = this.touched[i];
      let matched = 0;
      const mask = this.masks[d];
      for (let c = 0; c < terms.length; c++) if (mask & (1 << c)) matched += terms[c].idf;
      if (this.hidden.size && this.hidden.has(d)) continue;
      if (matched >= STRONG_SHARE * totalIdf) strong++;
      top.push(matched + this.scores[d] * 1e-3, d);
    }
    this.reset(touched);
    if (tooWeak(strong)) return [];
    const out: LineMatch[] = [];
    for (const { doc } of top.sorted()) {
      let matched = 0;
      // Recount exactly for the few kept documents, adding the pairs found in order.
      const has = (term: number) => this.holds(term, doc);
      for (const t of terms) if (has(t.id)) matched += t.idf;
      let pairs = 0;
      for (const p of pairIds) if (has(p.id)) pairs += 1;
      const coverage = matched / totalIdf;
      out.push({ id: this.index.docs[doc].id, doc, matched, coverage, pairs, pairCount: pairIds.length, terms: terms.length, strong, strength: lineStrength(matched, coverage, strong) });
    }
    return out;
  }

  /** Whether a document holds a term in any field (binary search in each field's postings). */
  holds(term: number, doc: number): boolean {
    for (let f = 0; f < F; f++) if (this.find(term, f, doc) >= 0) return true;
    return false;
  }

  /** Ids of the articles holding a term (e.g. a code token), at most `limit`; none when more hold it. */
  articlesWithTerm(term: string, limit: number): string[] {
    const id = this.index.termIds.get(term);
    if (id === undefined || this.index.df[id] > limit) return [];
    const docs = new Set<number>();
    const { offsets, postings } = this.index;
    for (let f = 0; f < F; f++) for (let p = offsets[id * F + f]; p < offsets[id * F + f + 1]; p++) docs.add(postings[p]);
    return [...docs].filter((d) => !this.hidden.has(d)).map((d) => this.index.docs[d].id);
  }

  /** idf of an index term (0 when the index does not hold it). */
  idfOf(term: string): number {
    const id = this.index.termIds.get(term);
    return id === undefined ? 0 : this.idfs[id];
  }

  /**
   * Scores only the documents that hold every required clause: the cheapest clause's postings give the
   * candidates, and each further clause either walks its postings (when they are few) or looks each
   * candidate up by binary search (when they are many), dropping candidates that lack it. Returns how
   * many candidates hold every required clause (0 when none does).
   */
  private accumulateAll(clauses: Clause[], excludedGroups: Clause[][]): number {
    const order = clauses.map((c, i) => ({ c, i, cost: this.costOf(c) }));
    const required = order.filter((o) => o.c.required).sort((a, b) => a.cost - b.cost);
    if (!required.length || required.some((o) => o.c.alternatives.length === 0)) return 0;
    const rest = [...required.slice(1), ...order.filter((o) => !o.c.required)];
    let touched = 0;
    this.usedExclusion = false;
    const first = required[0];
    for (const alt of first.c.alternatives) touched = this.addPostings(alt, 1 << first.i, touched, true);
    for (const { c, i, cost: clauseCost } of rest) {
      const bit = 1 << i;
      this.addToCandidates(c, bit, clauseCost, touched);
      if (c.required) {
        // Candidates without this clause are out: clear them now so later clauses look at fewer.
        let kept = 0;
        for (let k = 0; k < touched; k++) {
          const d = this.touched[k];
          if (this.masks[d] & bit) this.touched[kept++] = d;
          else {
            this.scores[d] = 0;
            this.masks[d] = 0;
          }
        }
        touched = kept;
        if (!touched) return 0;
      }
    }
    if (excludedGroups.length) this.markExcluded(excludedGroups);
    return touched;
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
   * Scores every document holding any clause; returns how many documents were touched. The documents come
   * from the rarer words: those whose postings cover at most `anyWordSeedRatio` of the archive, and in any
   * case more than half of the words, rarest first. The commoner words are only looked up in those
   * documents, so "the file could not be found because ..." scores the articles holding its telling words,
   * not the 50,000 holding "file"; an article holding at least half of the words is always found.
   */
  private accumulate(clauses: Clause[], excludedGroups: Clause[][], allowSeeds: boolean): { touched: number; seeded: boolean } {
    const maxSeedCost = this.index.docs.length * this.tuning.anyWordSeedRatio;
    const costs = clauses.map((c) => this.costOf(c));
    // Only a required clause (a word) brings documents in: a document holding just an optional pair matches no word.
    // More than the rarer half of the words, so every article holding at least half of them is found.
    const words = clauses.map((c, i) => i).filter((i) => clauses[i].required && costs[i] > 0).sort((a, b) => costs[a] - costs[b]);
    const seedCount = Math.max(Math.floor(words.length / 2) + 1, words.filter((i) => costs[i] <= maxSeedCost).length);
    const seeds = clauses.map(() => false);
    for (const i of words.slice(0, seedCount)) seeds[i] = true;
    // Worth it only when the commoner words hold many postings (not in a small index, such as the overlay of edits).
    const skipped = words.slice(seedCount).reduce((sum, i) => sum + costs[i], 0);
    const seeded = allowSeeds && seedCount < words.length && skipped >= this.tuning.anyWordSeedMinPostings;
    let touched = 0;
    for (let c = 0; c < clauses.length; c++) {
      if (seeded && !seeds[c]) continue;
      const bit = clauses[c].required ? 1 << c : 0;
      for (const alt of clauses[c].alternatives) touched = this.addPostings(alt, bit, touched, true);
    }
    if (seeded) {
      for (let c = 0; c < clauses.length; c++) {
        if (!seeds[c]) this.addToCandidates(clauses[c], clauses[c].required ? 1 << c : 0, costs[c], touched);
      }
    }
    if (excludedGroups.length) this.markExcluded(excludedGroups);
    return { touched, seeded };
  }

  /**
   * A line's clauses (one term each, rarest first, `idfs` theirs) into the scores; returns how many documents
   * were touched. A document can only reach `minMatched` of summed idf through terms not read yet: once those
   * are worth less, the remaining (commoner) terms only add to the documents already found.
   */
  private accumulateLine(clauses: Clause[], idfs: number[], minMatched: number): number {
    let touched = 0;
    let left = idfs.reduce((sum, idf) => sum + idf, 0);
    for (let c = 0; c < clauses.length; c++) {
      const growing = left >= minMatched;
      left -= idfs[c];
      const bit = 1 << c;
      if (growing) for (const alt of clauses[c].alternatives) touched = this.addPostings(alt, bit, touched, true);
      else this.addToCandidates(clauses[c], bit, this.costOf(clauses[c]), touched);
    }
    return touched;
  }

  /** Postings a clause's alternatives hold, over every field they search. */
  private costOf(c: Clause): number {
    const { offsets } = this.index;
    let cost = 0;
    for (const a of c.alternatives) {
      if (!a.fields) cost += offsets[a.term * F + F] - offsets[a.term * F];
      else for (const f of a.fields) cost += offsets[a.term * F + f + 1] - offsets[a.term * F + f];
    }
    return cost;
  }

  /**
   * Adds a clause to the first `touched` documents only: by walking its postings when they are few beside the
   * candidates, else by looking each candidate up (binary search).
   */
  private addToCandidates(c: Clause, bit: number, cost: number, touched: number): void {
    if (cost <= touched * WALK_RATIO) {
      for (const alt of c.alternatives) this.addPostings(alt, bit, touched, false);
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
          }
        }
      }
    }
  }

  /**
   * Adds one alternative's weighted postings into the scores and sets its clause bit. With `grow`, documents
   * not seen yet join the touched list; without, only documents already there are updated. Returns the
   * touched count.
   */
  private addPostings(alt: Alternative, bit: number, touched: number, grow: boolean): number {
    const { offsets, postings, weights } = this.index;
    const w = alt.weight * this.idfs[alt.term];
    for (const f of alt.fields ?? ALL_FIELDS) {
      const fw = w * this.boosts[f];
      const end = offsets[alt.term * F + f + 1];
      for (let p = offsets[alt.term * F + f]; p < end; p++) {
        const d = postings[p];
        if (this.scores[d] === 0 && this.masks[d] === 0) {
          if (!grow) continue;
          this.touched[touched++] = d;
        }
        this.scores[d] += fw * weights[p];
        this.masks[d] |= bit;
      }
    }
    return touched;
  }

  /** A document is excluded when it holds every part of an excluded word or phrase. */
  private markExcluded(excludedGroups: Clause[][]): void {
    const { offsets, postings } = this.index;
    const n = this.index.docs.length;
    this.usedExclusion = true;
    for (const group of excludedGroups) {
      const counts = new Uint8Array(n);
      for (const clause of group) {
        const term = clause.alternatives[0].term;
        // A term may sit in several fields of one document: count the document once per clause.
        const seen = new Set<number>();
        for (let f = 0; f < F; f++) {
          const end = offsets[term * F + f + 1];
          for (let p = offsets[term * F + f]; p < end; p++) seen.add(postings[p]);
        }
        for (const d of seen) counts[d]++;
      }
      for (let d = 0; d < n; d++) if (counts[d] >= group.length) this.excluded[d] = 255;
    }
  }

  private reset(touched: number): void {
    for (let i = 0; i < touched; i++) {
      const d = this.touched[i];
      this.scores[d] = 0;
      this.masks[d] = 0;
    }
    if (this.usedExclusion) this.excluded.fill(0);
    this.usedExclusion = false;
  }

  private page(
    base: Omit<SearchResult, 'total' | 'results' | 'facets'>,
    matches: number[],
    score: (d: number) => number,
    terms: Set<string>,
    options: SearchOptions,
    defaultSort: 'relevance' | 'date' = 'relevance',
  ): SearchResult {
    const { offset, limit } = base;
    const sort = options.sort ?? defaultSort;
    let chosen: { doc: number; score: number }[];
    if (sort === 'date') {
      const docs = this.index.docs;
      chosen = matches
        .map((doc) => ({ doc, score: score(doc) }))
        .sort((a, b) => (docs[b.doc].lastModified ?? '').localeCompare(docs[a.doc].lastModified ?? '') || b.score - a.score);
      chosen = chosen.slice(offset, offset + limit);
    } else {
      const top = new TopK(offset + limit);
      for (const d of matches) top.push(score(d), d);
      chosen = top.sorted().slice(offset);
    }
    return {
      ...base,
      total: matches.length,
      results: chosen.map(({ doc, score: s }) => this.hit(doc, s, terms, options)),
      facets: this.facetsOf(base.mode === 'any' ? bestOf(matches, score, ANY_MODE_FACET_DOCS) : matches),
    };
  }

  private hit(d: number, score: number, terms: Set<string>, options: SearchOptions): SearchHit {
    const m = this.index.docs[d];
    let excerpt: Excerpt = { text: '', highlights: [] };
    if (!options.noExcerpts) {
      const article = this.articles.peek(m.id);
      if (article) excerpt = makeExcerpt(article.sections, terms, m.title);
    }
    return {
      id: m.id,
      title: m.title,
      url: `/kb/${m.id}`,
      score: Math.round(score * 1000) / 1000,
      product: m.product,
      products: m.products,
      versions: m.versions,
      versionOwners: m.versionOwners,
      issueType: m.issueType,
      fixStatus: { state: m.fixState, fixedIn: m.fixedIn },
      lastModified: m.lastModified,
      excerpt: excerpt.text,
      highlights: excerpt.highlights,
      section: excerpt.section,
    };
  }

  /**
   * Facet counts over every match, with integer counters over the per-document value ids. The counters are
   * the engine's own, kept zero between searches: only the values a search touched are read and reset.
   */
  private facetsOf(matches: number[]): FacetCounts {
    const t = this.facetTable;
    const out = FACETS.map((facet, k) => {
      const counts = t.counts[k];
      const offsets = t.offsets[k];
      const ids = t.docValues[k];
      const touched: number[] = [];
      for (const d of matches) {
        for (let p = offsets[d], end = offsets[d + 1]; p < end; p++) if (counts[ids[p]]++ === 0) touched.push(ids[p]);
      }
      const found = touched.map((id) => ({ value: t.values[facet][id], count: counts[id] }));
      for (const id of touched) counts[id] = 0;
      return found.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, FACET_SIZES[k]);
    });
    return { product: out[0], version: out[1], type: out[2], status: out[3] };
  }

  /** Free words, phrases and codes -> clauses of alternative terms. */
  private clausesOf(q: ParsedQuery): { clauses: Clause[]; codes: ErrorCode[] } {
    const clauses: Clause[] = [];
    const free = q.words.join(' ');
    const codes = findErrorCodes(free);
    // Words that spell a recognised code become one clause: the code in any spelling, or the words themselves.
    const consumed = new Set<number>();
    const wordStarts: number[] = [];
    let at = 0;
    for (const w of q.words) {
      wordStarts.push(at);
      at += w.length + 1;
    }
    let cursor = 0;
    const lowerFree = free.toLowerCase();
    for (const code of codes) {
      const start = lowerFree.indexOf(code.text.toLowerCase(), cursor);
      const alternatives: Alternative[] = [];
      for (const key of codeKeys(code)) {
        const t = this.index.termIds.get(codeToken(key));
        if (t !== undefined) alternatives.push({ term: t, weight: this.tuning.codeBoost, fields: [CODES_FIELD] });
      }
      if (start >= 0) {
        cursor = start + code.text.length;
        const spelled: string[] = [];
        q.words.forEach((w, i) => {
          if (wordStarts[i] >= start && wordStarts[i] < cursor) {
            consumed.add(i);
            spelled.push(w);
          }
        });
        // The literal spelling still counts, weighted like ordinary text, so "Error 32" finds "error 32" too.
        for (const literal of this.phraseClauses(spelled.join(' ')).slice(0, 1)) {
          alternatives.push(...literal.alternatives.map((a) => ({ ...a, weight: a.weight * 0.5 })));
        }
      }
      if (alternatives.length) clauses.push({ label: code.text, alternatives, required: true });
    }

    const plain = q.words.filter((_, i) => !consumed.has(i));
    const plainTerms: string[] = [];
    // The last word of a query typed without a trailing space may be cut ("was corrupt, and couldn").
    const lastWord = /\s$/.test(q.text) || q.phrases.length ? undefined : plain[plain.length - 1];
    const expanded: { word: string; term: string; cut: boolean }[] = [];
    for (const word of plain) {
      const term = termOf(word);
      const known = term !== null && this.index.termIds.has(term);
      if (!known && hasInnerSeparator(word)) {
        // A compound word the index does not hold whole (a path cut short): its parts, each a word.
        const parts = wordParts(word);
        parts.forEach((part, i) => expanded.push({ word: part, term: part, cut: word === lastWord && i === parts.length - 1 }));
      } else if (term) expanded.push({ word, term, cut: word === lastWord });
    }
    for (const { word, term, cut } of expanded) {
      plainTerms.push(term);
      const alternatives: Alternative[] = [];
      const id = this.index.termIds.get(term);
      if (id !== undefined) alternatives.push({ term: id, weight: 1 });
      if (cut && word.length >= 3 && (id === undefined || this.index.df[id] < this.tuning.typoMaxDf)) {
        for (const p of termsWithPrefix(this.index, word.toLowerCase(), 8)) if (p !== id) alternatives.push({ term: p, weight: 0.5 });
      }
      // A lone word that spells a code (0x0000000A, 80004005, -1018, S1000, C2139) also matches the code's other spellings.
      const lone = /\d/.test(word) && !/^\d+$/.test(word) ? describeCode(word) : undefined;
      if (lone) {
        codes.push(lone);
        for (const key of codeKeys(lone)) {
          const t = this.index.termIds.get(codeToken(key));
          if (t !== undefined) alternatives.push({ term: t, weight: this.tuning.codeBoost, fields: [CODES_FIELD] });
        }
      }
      if (this.toleratesTypo(word) && (id === undefined || this.index.df[id] < this.tuning.typoMaxDf)) {
        for (const v of this.typoVariants(word, term)) alternatives.push({ term: v, weight: this.tuning.typoWeight });
      }
      if (clauses.some((c) => c.label === term)) continue;
      clauses.push({ label: term, alternatives, required: true });
    }
    // Adjacent words found adjacent: a bonus, never a requirement.
    const pairs: Alternative[] = [];
    for (let i = 1; i < plainTerms.length; i++) {
      const id = pairIdOf(this.index, plainTerms[i - 1], plainTerms[i]);
      if (id !== undefined) pairs.push({ term: id, weight: this.tuning.pairBoost });
    }
    for (const phrase of q.phrases) clauses.push(...this.phraseClauses(phrase));
    // Past MAX_CLAUSES the rarest words decide: long queries are sentences, not checklists.
    let kept = clauses;
    if (clauses.length > MAX_CLAUSES) {
      const rarity = (c: Clause) => Math.min(...c.alternatives.map((a) => this.index.df[a.term]), Infinity);
      kept = [...clauses].sort((a, b) => rarity(a) - rarity(b)).slice(0, MAX_CLAUSES);
    }
    if (pairs.length) kept.push({ label: 'pairs', alternatives: pairs, required: false });
    return { clauses: kept, codes };
  }

  /**
   * A phrase as clauses: each adjacent pair of its terms (or its single term) must be present. A pair the
   * index has never seen means no article holds the phrase: that clause then matches nothing.
   */
  private phraseClauses(phrase: string): Clause[] {
    const terms = termsOf(phrase);
    if (terms.length === 1) {
      const id = this.index.termIds.get(terms[0]);
      return [{ label: phrase, alternatives: id === undefined ? [] : [{ term: id, weight: 1 }], required: true }];
    }
    const clauses: Clause[] = [];
    for (let i = 1; i < terms.length; i++) {
      const id = pairIdOf(this.index, terms[i - 1], terms[i]);
      clauses.push({ label: phrase, alternatives: id === undefined ? [] : [{ term: id, weight: this.tuning.pairBoost }], required: true });
    }
    return clauses;
  }

  private toleratesTypo(word: string): boolean {
    // Past 30 letters a word is not a misspelt word, and its 1,500+ variants would cost a second.
    return word.length >= this.tuning.typoMinLength && word.length <= 30 && /^[a-z]+$/i.test(word);
  }

  /** Index terms one edit away from the word (deletion, substitution, insertion, transposition). */
  private typoVariants(word: string, term: string): number[] {
    const w = word.toLowerCase();
    const seen = new Set<number>();
    const consider = (candidate: string) => {
      const t = termOf(candidate);
      if (!t || t === term) return;
      const id = this.index.termIds.get(t);
      if (id !== undefined) seen.add(id);
    };
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 0; i <= w.length; i++) {
      if (i < w.length) consider(w.slice(0, i) + w.slice(i + 1));
      if (i < w.length - 1) consider(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
      for (const ch of letters) {
        if (i < w.length && ch !== w[i]) consider(w.slice(0, i) + ch + w.slice(i + 1));
        consider(w.slice(0, i) + ch + w.slice(i));
      }
    }
    // The most common variants are the likeliest intended words.
    return [...seen].sort((a, b) => this.index.df[b] - this.index.df[a]).slice(0, 3);
  }

  private filterOf(filters: Record<FilterName, string[]>): (d: number) => boolean {
    const tests: ((m: DocMeta) => boolean)[] = [];
    for (const value of filters.product) {
      const v = value.toLowerCase();
      const key = readProduct(value);
      tests.push((m) => m.product === (key ?? v) || m.products.some((p) => p.toLowerCase().includes(v)));
    }
    for (const value of filters.version) {
      const wanted = readVersion(value);
      if (wanted) tests.push((m) => hasVersion(wanted, m.product, m.versions, m.versionOwners));
    }
    for (const value of filters.type) {
      const type = readIssueType(value);
      tests.push((m) => m.issueType === (type ?? 'kb' + value.toLowerCase().replace(/^kb/, '')));
    }
    for (const value of filters.status) {
      const state = readFixState(value);
      tests.push((m) => m.fixState === state);
    }
    for (const value of filters.code) {
      const code = describeCode(value);
      const keys = code ? codeKeys(code) : [value.toLowerCase()];
      tests.push((m) => keys.some((k) => m.codes.includes(k)));
    }
    if (!tests.length) return () => true;
    const docs = this.index.docs;
    return (d) => tests.every((t) => t(docs[d]));
  }
}

const ALL_FIELDS = FIELDS.map((_, i) => i);
/**
 * What a line match says about one article (LineMatch.strength): the information it holds, times its share
 * of the line squared, divided among the articles that hold most of the line. The shortcuts of matchLine bound it.
 */
function lineStrength(matched: number, coverage: number, strong: number): number {
  return (matched * coverage * coverage) / Math.sqrt(Math.max(strong, 1));
}

/** A line match is strong for an article holding this share of the line's idf (LineMatch.strong). */
const STRONG_SHARE = 0.8;
/** Room for rounding when a sum of idfs is compared with a bound: a shortcut must never skip a match that counts. */
const SLACK = 1e-9;
/**
 * A clause added to known candidates walks its postings when it has at most this many per candidate, else
 * looks each candidate up: a look-up is a binary search in every field, a few dozen steps, and a walk's
 * step is cheap and in order. Measured on the dev cases: 16 to 64 are alike, 8 is 11% slower.
 */
const WALK_RATIO = 32;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function clampInt(v: unknown, dflt: number, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : dflt;
}

function mergeFilters(q: ParsedQuery, extra: SearchOptions['filters'] = {}): Record<FilterName, string[]> {
  const out = { ...q.filters };
  for (const [name, value] of Object.entries(extra) as [FilterName, string | string[] | undefined][]) {
    if (!(name in out) || value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map((v) => String(v).trim()).filter(Boolean);
    out[name] = [...new Set([...out[name], ...values])];
  }
  return out;
}

function emptyFacets(): FacetCounts {
  return { product: [], version: [], type: [], status: [] };
}

const FACETS = ['product', 'version', 'type', 'status'] as const;
type FacetName = (typeof FACETS)[number];

/** Each document's facet values as small integers, laid out once so counting a facet is array arithmetic. */
interface FacetTable {
  values: Record<FacetName, string[]>;
  /** Per facet: start of each document's value ids (one extra entry closes the last). */
  offsets: Uint32Array[];
  docValues: Uint32Array[];
  /** Per facet: a counter per value, zero between searches (see facetsOf). */
  counts: Uint32Array[];
}

/**
 * When a search falls back to any word, its facets count the best this many matches only. Such a search can
 * match most of the archive (every article holding one common word); counting all of them cost more than the
 * rest of the search and describes the archive, not the answer.
 */
const ANY_MODE_FACET_DOCS = 1000;

/** About the best `k` matches (ties at the cut kept): a histogram of scores gives the cut in two linear passes. */
function bestOf(matches: number[], score: (d: number) => number, k: number): number[] {
  if (matches.length <= k) return matches;
  let max = 0;
  for (const d of matches) max = Math.max(max, score(d));
  if (!(max > 0)) return matches.slice(0, k);
  const buckets = new Uint32Array(HISTOGRAM_BUCKETS);
  const bucketOf = (v: number) => Math.min(HISTOGRAM_BUCKETS - 1, Math.floor((v / max) * HISTOGRAM_BUCKETS));
  for (const d of matches) buckets[bucketOf(score(d))]++;
  let cut = HISTOGRAM_BUCKETS - 1;
  for (let kept = buckets[cut]; cut > 0 && kept < k; ) kept += buckets[--cut];
  return matches.filter((d) => bucketOf(score(d)) >= cut);
}
const HISTOGRAM_BUCKETS = 1024;

/** Values shown per facet, in FACETS order. */
const FACET_SIZES = [15, 15, 10, 4] as const;

function buildFacetTable(docs: readonly DocMeta[]): FacetTable {
  const valuesOf: Record<FacetName, (m: DocMeta) => (string | undefined)[]> = {
    product: (m) => [m.product],
    version: (m) => versionKeysOf(m.product, m.versions, m.versionOwners),
    type: (m) => [m.issueType],
    status: (m) => [m.fixState],
  };
  const values = {} as Record<FacetName, string[]>;
  const offsets: Uint32Array[] = [];
  const docValues: Uint32Array[] = [];
  for (const f of FACETS) {
    const ids = new Map<string, number>();
    const off = new Uint32Array(docs.length + 1);
    const list: number[] = [];
    docs.forEach((m, d) => {
      for (const v of valuesOf[f](m)) {
        if (!v) continue;
        let id = ids.get(v);
        if (id === undefined) ids.set(v, (id = ids.size));
        list.push(id);
      }
      off[d + 1] = list.length;
    });
    values[f] = [...ids.keys()];
    offsets.push(off);
    docValues.push(Uint32Array.from(list));
  }
  return { values, offsets, docValues, counts: FACETS.map((f) => new Uint32Array(values[f].length)) };
}

/** idf of every term, in a plain loop (Float64Array.from with a map function is several times slower). */
function idfsOf(df: Uint32Array, n: number): Float64Array {
  const out = new Float64Array(df.length);
  for (let i = 0; i < df.length; i++) out[i] = idf(df[i], n);
  return out;
}
