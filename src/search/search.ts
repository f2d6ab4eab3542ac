/**
 * Parsed query -> ranked hits with excerpts and facets, over the index's flat postings.
 *
 * Every query word is a clause; an article must satisfy every clause (a word in any field, one of its
 * typo variants, or — for an error code — any spelling of the same code). When no article does, the
 * search falls back to any-word matching and says so. Scores are lunr's BM25 weights times the field
 * boost, summed, plus a bonus for adjacent query words found next to each other.
 *
 * The clauses come from clauses.ts, filters from filters.ts, facet counts from facets.ts; the scores are
 * added in score-accumulator.ts, whose arrays the troubleshooter's line matching (troubleshoot/match-line.ts) shares.
 */
import { FIELDS, idf, type DocMeta, type IndexData } from '../search-index/index-data.js';
import type { AnalyzedArticle, ErrorCode, FacetCounts, SearchHit } from '../types.js';
import { clausesOf, phraseClauses } from './clauses.js';
import { makeExcerpt, type Excerpt } from './excerpt.js';
import { ANY_MODE_FACET_DOCS, FacetTable, bestOf, emptyFacets } from './facets.js';
import { filterOf, mergeFilters, type ExtraFilters } from './filters.js';
import { parseQuery, type FilterName } from './parse-query.js';
import { ScoreAccumulator, popcount, type Clause, type ScoreStep } from './score-accumulator.js';
import { TopK } from './top-k.js';
import { tuningOf, type SearchTuning } from './tuning.js';

export interface SearchOptions {
  /** Results per page. Default 10, at most 100. */
  limit?: number;
  /** Results to skip. Default 0. */
  offset?: number;
  /** 'relevance' (default) or 'date' (newest first). */
  sort?: 'relevance' | 'date';
  /** Filters from outside the query text (URL parameters), added to the query's own. */
  filters?: ExtraFilters;
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

/** Reads full articles for excerpts; the engine only holds their metadata. */
export interface ArticleReader {
  get(id: string): AnalyzedArticle | undefined;
  /** For an excerpt: like get, without keeping the article cached (see ArticleStore.peek). */
  peek(id: string): AnalyzedArticle | undefined;
}

const F = FIELDS.length;

export class SearchEngine {
  /** The score arrays every search (and every pasted line, see troubleshoot/match-line.ts) adds into. */
  readonly scoring: ScoreAccumulator;
  private readonly excluded: Uint8Array;
  private readonly byId = new Map<string, number>();
  private usedExclusion = false;
  private readonly facetTable: FacetTable;
  readonly idfs: Float64Array;
  private hiddenDocs: ReadonlySet<number> = new Set();
  readonly tuning: SearchTuning;

  constructor(
    readonly index: IndexData,
    private readonly articles: ArticleReader,
    tuning: Partial<SearchTuning> = {},
    /** idf by term id; an overlay of edited articles borrows the archive's so scores stay comparable. */
    idfs?: Float64Array,
  ) {
    const n = index.docs.length;
    this.excluded = new Uint8Array(n);
    index.docs.forEach((d, i) => this.byId.set(d.id, i));
    this.facetTable = new FacetTable(index.docs);
    this.idfs = idfs ?? idfsOf(index.df, n);
    this.tuning = tuningOf(tuning);
    this.scoring = new ScoreAccumulator(index, this.idfs, FIELDS.map((f) => this.tuning.fieldBoosts[f]));
  }

  get docCount(): number {
    return this.index.docs.length;
  }

  /** Articles hidden from results (replaced by an edited copy elsewhere, or deleted). */
  get hidden(): ReadonlySet<number> {
    return this.hiddenDocs;
  }

  /** Hides these documents from every result from now on (and shows again any hidden before but not named). */
  hide(docs: ReadonlySet<number>): void {
    this.hiddenDocs = new Set(docs);
  }

  hasArticle(id: string): boolean {
    const d = this.byId.get(id);
    return d !== undefined && !this.hiddenDocs.has(d);
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
      return { ...base, mode: 'article', total: 1, results: [this.hit(d, 1, new Set(), options)], facets: this.facetTable.count([d]), codes: [] };
    }

    const { clauses, codes } = clausesOf(this.index, this.tuning, parsed);
    const excludedGroups = parsed.excluded.map((e) => phraseClauses(this.index, this.tuning, e)).filter((g) => g.length && g.every((c) => c.alternatives.length));
    const filter = filterOf(this.index.docs, filters);
    const hasFilters = Object.values(filters).some((v) => v.length);

    if (!clauses.length) {
      if (!hasFilters) return { ...base, mode: 'none', total: 0, results: [], facets: emptyFacets(), codes };
      const all: number[] = [];
      for (let d = 0; d < this.index.docs.length; d++) if (filter(d) && !this.hiddenDocs.has(d)) all.push(d);
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
        result = this.page({ ...base, mode: 'all', codes }, all, (d) => this.scoring.scores[d], queryTerms, options);
      } else {
        // Scaled once, in place, by the share of words each document holds (a table: at most 32 clauses).
        const coordination = Array.from({ length: required + 1 }, (_, n) => Math.pow(n / required, this.tuning.coordinationPower));
        for (const d of any) this.scoring.scores[d] *= coordination[popcount(this.scoring.masks[d] & requiredMask)];
        result = this.page({ ...base, mode: 'any', codes }, any, (d) => this.scoring.scores[d], queryTerms, options);
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
      const d = this.scoring.touched[i];
      if (this.excluded[d] === 255 || !filter(d) || (this.hiddenDocs.size && this.hiddenDocs.has(d))) continue;
      const matched = popcount(this.scoring.masks[d] & requiredMask);
      if (matched === 0) continue;
      any.push(d);
      if (matched === required) all.push(d);
    }
    return { all, any };
  }

  /** Ids of the articles holding a term (e.g. a code token), at most `limit`; none when more hold it. */
  articlesWithTerm(term: string, limit: number): string[] {
    const id = this.index.termIds.get(term);
    if (id === undefined || this.index.df[id] > limit) return [];
    const docs = new Set<number>();
    const { offsets, postings } = this.index;
    for (let f = 0; f < F; f++) for (let p = offsets[id * F + f]; p < offsets[id * F + f + 1]; p++) docs.add(postings[p]);
    return [...docs].filter((d) => !this.hiddenDocs.has(d)).map((d) => this.index.docs[d].id);
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
    const order = clauses.map((c, i) => ({ c, i, cost: this.scoring.costOf(c) }));
    const required = order.filter((o) => o.c.required).sort((a, b) => a.cost - b.cost);
    if (!required.length || required.some((o) => o.c.alternatives.length === 0)) return 0;
    const rest = [...required.slice(1), ...order.filter((o) => !o.c.required)];
    const steps: ScoreStep[] = [
      { clause: required[0].c, bit: 1 << required[0].i, grow: true },
      // Candidates without a further required clause are out: cleared at once so later clauses look at fewer.
      ...rest.map(({ c, i }) => ({ clause: c, bit: 1 << i, grow: false, prune: c.required })),
    ];
    const touched = this.scoring.run(steps);
    if (touched && excludedGroups.length) this.markExcluded(excludedGroups);
    return touched;
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
    const costs = clauses.map((c) => this.scoring.costOf(c));
    // Only a required clause (a word) brings documents in: a document holding just an optional pair matches no word.
    // More than the rarer half of the words, so every article holding at least half of them is found.
    const words = clauses.map((c, i) => i).filter((i) => clauses[i].required && costs[i] > 0).sort((a, b) => costs[a] - costs[b]);
    const seedCount = Math.max(Math.floor(words.length / 2) + 1, words.filter((i) => costs[i] <= maxSeedCost).length);
    const seeds = clauses.map(() => false);
    for (const i of words.slice(0, seedCount)) seeds[i] = true;
    // Worth it only when the commoner words hold many postings (not in a small index, such as the overlay of edits).
    const skipped = words.slice(seedCount).reduce((sum, i) => sum + costs[i], 0);
    const seeded = allowSeeds && seedCount < words.length && skipped >= this.tuning.anyWordSeedMinPostings;
    const step = (c: number, grow: boolean): ScoreStep => ({ clause: clauses[c], bit: clauses[c].required ? 1 << c : 0, grow });
    const all = clauses.map((_, c) => c);
    const steps = seeded
      ? [...all.filter((c) => seeds[c]).map((c) => step(c, true)), ...all.filter((c) => !seeds[c]).map((c) => step(c, false))]
      : all.map((c) => step(c, true));
    const touched = this.scoring.run(steps);
    if (excludedGroups.length) this.markExcluded(excludedGroups);
    return { touched, seeded };
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
    this.scoring.reset(touched);
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
      facets: this.facetTable.count(base.mode === 'any' ? bestOf(matches, score, ANY_MODE_FACET_DOCS) : matches),
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
      products: m.products,
      versions: m.versions,
      issueType: m.issueType,
      fixStatus: { state: m.fixState, fixedIn: m.fixedIn },
      lastModified: m.lastModified,
      excerpt: excerpt.text,
      highlights: excerpt.highlights,
      section: excerpt.section,
    };
  }
}

function clampInt(v: unknown, dflt: number, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : dflt;
}

/** idf of every term, in a plain loop (Float64Array.from with a map function is several times slower). */
function idfsOf(df: Uint32Array, n: number): Float64Array {
  const out = new Float64Array(df.length);
  for (let i = 0; i < df.length; i++) out[i] = idf(df[i], n);
  return out;
}
