/**
 * Parsed query -> ranked hits with excerpts and facets, over the index's flat postings.
 *
 * Every query word is a clause (the word in any field, its typo variants, the archive expressions the
 * thesaurus reads it as, or — for an error code — any spelling of the same code); an article needs only
 * one of them. Scores are lunr's BM25 weights times the field boost, summed, plus a bonus for adjacent
 * query words found next to each other, times the share of the query's information the article covers,
 * times a preference for the product the query names (rank.ts). Quoted phrases must be present.
 *
 * The clauses come from clauses.ts and widen.ts, filters from filters.ts, facet counts from facets.ts; the
 * scores are added in score-accumulator.ts, whose arrays the troubleshooter's line matching
 * (troubleshoot/match-line.ts) shares.
 */
import { termOf } from '../search-index/analyze.js';
import { FIELDS, idf, type DocMeta, type IndexData } from '../search-index/index-data.js';
import type { AnalyzedArticle, ErrorCode, FacetCounts, SearchHit, Section } from '../types.js';
import { clausesOf, phraseClauses } from './clauses.js';
import { makeExcerpt, type Excerpt } from './excerpt.js';
import { FacetTable, bestOf, emptyFacets } from './facets.js';
import { filterOf, mergeFilters, type ExtraFilters } from './filters.js';
import { parseQuery, type FilterName, type ParsedQuery } from './parse-query.js';
import { rankClauses } from './rank.js';
import { ScoreAccumulator, creditOf, type Clause } from './score-accumulator.js';
import { TopK } from './top-k.js';
import { SEARCH_LIMITS } from './limits.js';
import { tuningOf, type SearchTuning } from './tuning.js';
import { ProductKeys, addExpansions, readPreferences, type AppliedExpansion, type Preference } from './widen.js';

export interface SearchOptions {
  /** Results per page. Default 10, at most SEARCH_LIMITS.maxLimit. */
  limit?: number;
  /** Results to skip. Default 0, at most SEARCH_LIMITS.maxOffset. */
  offset?: number;
  /** 'relevance' (default) or 'date' (newest first). */
  sort?: 'relevance' | 'date';
  /** Filters from outside the query text (URL parameters), added to the query's own. */
  filters?: ExtraFilters;
  /** Longest query read, in characters. Default Config.maxQueryChars (2,000). */
  maxQueryChars?: number;
  /** Skip excerpts (in-process callers that only need ids). Default false. */
  noExcerpts?: boolean;
  /** Skip facet counts (callers that show none); `facets` comes back empty. Default false. */
  noFacets?: boolean;
  /** Thesaurus expansions not to search (AppliedExpansion.to, any case); '*' turns them all off. Default none. */
  skipExpansions?: string[];
}

export interface SearchResult {
  query: string;
  /** 'all': an article holds every word; 'any': the best hold some of them; 'article': the query named an article; 'browse': filters only; 'none': nothing to search for. */
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
  /** A sentence for the user when the search did something they should know (an unknown article). */
  notice?: string;
  /** Archive expressions also searched for the user's words ("locks up" -> "stops responding"). */
  expansions?: AppliedExpansion[];
  /** Products (and versions) the query names, preferred in the ranking. */
  preferences?: Preference[];
}

/** Reads full articles for excerpts; the engine only holds their metadata. */
export interface ArticleReader {
  get(id: string): AnalyzedArticle | undefined;
  /** For an excerpt: the article's sections, without keeping the article cached (see ArticleStore.sectionsOf). */
  sectionsOf(id: string): readonly Section[] | undefined;
}

const F = FIELDS.length;

type DocIdLookup = Pick<Map<string, number>, 'get' | 'has'>;

export class SearchEngine {
  /** The score arrays every search (and every pasted line, see troubleshoot/match-line.ts) adds into. */
  readonly scoring: ScoreAccumulator;
  private readonly excluded: Uint8Array;
  private byIdLookup?: DocIdLookup;
  private usedExclusion = false;
  private facetTableOf?: FacetTable;
  readonly idfs: Float64Array;
  private hiddenDocs: ReadonlySet<number> = new Set();
  private readonly productKeys: ProductKeys;
  readonly tuning: SearchTuning;

  constructor(
    readonly index: IndexData,
    private readonly articles: ArticleReader,
    tuning: Partial<SearchTuning> = {},
    /** idf by term id; an overlay of edited articles borrows the archive's so scores stay comparable. */
    idfs?: Float64Array,
    /** The engine whose idf gives a word's information (an overlay's archive), so coverage compares too. */
    private readonly reference?: SearchEngine,
  ) {
    const n = index.docs.length;
    this.excluded = new Uint8Array(n);
    this.idfs = idfs ?? idfsOf(index.df, n);
    this.tuning = tuningOf(tuning);
    this.scoring = new ScoreAccumulator(
      index,
      this.idfs,
      FIELDS.map((f) => this.tuning.fieldBoosts[f]),
      FIELDS.map((f) => Math.min(1, this.tuning.fieldCredit[f])),
      this.tuning.lengthCreditPower,
    );
    this.productKeys = new ProductKeys(index.docs);
  }

  // The id map and the facet table are made when first needed: a command that troubleshoots one paste needs
  // neither, and making them is most of what opening the index costs it (see commands/saved-kb.ts).
  private get byId(): DocIdLookup {
    if (!this.byIdLookup) {
      const { docIds, docs } = this.index;
      if (docIds) this.byIdLookup = { get: (id) => docIds.get(id), has: (id) => docIds.get(id) !== undefined };
      else {
        const map = new Map<string, number>();
        docs.forEach((d, i) => map.set(d.id, i));
        this.byIdLookup = map;
      }
    }
    return this.byIdLookup;
  }

  private get facetTable(): FacetTable {
    this.facetTableOf ??= new FacetTable(this.index.docs);
    return this.facetTableOf;
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
    const limit = clampInt(options.limit, 10, 0, SEARCH_LIMITS.maxLimit);
    const offset = clampInt(options.offset, 0, 0, SEARCH_LIMITS.maxOffset);
    const parsed = parseQuery(text, options.maxQueryChars);
    const filters = mergeFilters(parsed, options.filters);
    const base = { query: parsed.text, offset, limit, filters };

    // A hidden article (deleted, or replaced by an edited copy) is not found by its number either.
    if (parsed.articleId && this.hasArticle(parsed.articleId)) {
      const d = this.byId.get(parsed.articleId)!;
      return {
        ...base,
        mode: 'article',
        total: 1,
        results: [this.hit(d, 1, new Set(), options)],
        facets: options.noFacets ? emptyFacets() : this.facetTable.count([d]),
        codes: [],
      };
    }

    const { clauses, codes } = clausesOf(this.index, this.tuning, parsed);
    const excludedGroups = parsed.excluded
      .map((e) => phraseClauses(this.index, this.tuning, e))
      .filter((g) => g.length && g.every((c) => c.alternatives.length));
    const filter = filterOf(this.index.docs, filters);
    const hasFilters = Object.values(filters).some((v) => v.length);

    if (!clauses.length) {
      if (!hasFilters) return { ...base, mode: 'none', total: 0, results: [], facets: emptyFacets(), codes };
      const all: number[] = [];
      for (let d = 0; d < this.index.docs.length; d++) if (filter(d) && !this.hiddenDocs.has(d)) all.push(d);
      return this.page({ ...base, mode: 'browse', codes }, all, () => 1, new Set(), options, 'date');
    }

    const { expansions, preferences, infos, prefer } = this.widen(parsed, clauses, options);
    if (excludedGroups.length) this.markExcluded(excludedGroups);
    const byDate = (options.sort ?? 'relevance') === 'date';
    const hidden = this.hiddenDocs;
    let touched = 0;
    // The score arrays are shared by every search: whatever happens below (an article unreadable for an
    // excerpt, say), they are cleared for the next.
    try {
      const seeds = this.seedsOf(infos);
      const rank = (seedsNow: boolean[]) =>
        rankClauses(this.scoring, {
          clauses,
          infos,
          required: clauses.map((c) => c.phrase === true),
          seeds: seedsNow,
          k: offset + limit,
          eligible:
            excludedGroups.length || hasFilters || hidden.size ? (d) => this.excluded[d] !== 255 && filter(d) && !(hidden.size && hidden.has(d)) : undefined,
          preference: prefer.factor,
          maxPreference: prefer.max,
          coveragePower: this.tuning.coveragePower,
          facetDocs: options.noFacets ? 0 : this.tuning.facetDocs,
          // Newest first needs every match, not the best k.
          prune: this.tuning.prune && !byDate,
        });
      let ranked = rank(seeds);
      const everyWord = infos.map((info) => info > 0);
      if (!ranked.total && seeds.some((s, i) => s !== everyWord[i])) {
        // The telling words found nothing the filters keep: the common words bring articles in after all.
        this.scoring.reset(ranked.touched);
        ranked = rank(everyWord);
      }
      touched = ranked.touched;
      let matches = ranked.candidates;
      const wordMask = infos.reduce((m, info, i) => (info > 0 ? m | (1 << i) : m), 0);
      const full = ranked.holdsAll(wordMask);
      if (byDate) {
        // By date, the articles holding the most of the query: by relevance order would not matter.
        const most = matches.reduce((m, d) => Math.max(m, ranked.coverage(d)), 0);
        matches = matches.filter((d) => ranked.coverage(d) >= most - 1e-9);
      }
      const queryTerms = new Set(clauses.flatMap((c) => c.alternatives.map((a) => this.index.terms[a.term])).filter(Boolean));
      const result = this.page(
        { ...base, mode: full ? 'all' : 'any', codes },
        matches,
        ranked.score,
        queryTerms,
        options,
        'relevance',
        byDate ? matches.length : ranked.total,
      );
      result.expansions = expansions;
      result.preferences = preferences;
      if (parsed.articleId && !this.hasArticle(parsed.articleId)) result.notice = `The knowledge base holds no article ${parsed.articleId}.`;
      return result;
    } finally {
      this.reset(touched);
    }
  }

  /** The clauses telling enough to bring documents in: those of words at most `seedShare` of the articles hold, or all. */
  private seedsOf(infos: readonly number[]): boolean[] {
    const n = (this.reference ?? this).docCount;
    const telling = idf(Math.floor(n * this.tuning.seedShare), n);
    const seeds = infos.map((info) => info >= telling);
    return seeds.some(Boolean) ? seeds : infos.map((info) => info > 0);
  }

  /**
   * The thesaurus's expansions added to the clauses, the products the query names read as a preference, and
   * the information each clause stands for (before its expansions: they stand for the same words). The
   * information of a word comes from the reference engine when there is one (the overlay's is the archive),
   * so coverage compares across both.
   */
  private widen(parsed: ParsedQuery, clauses: Clause[], options: SearchOptions) {
    const ref = this.reference ?? this;
    const { preferences, namingWords } = readPreferences(parsed.text, parsed.words);
    const naming = new Set([...namingWords].map((i) => termOf(parsed.words[i])));
    const infos = clauses.map((c) => {
      if (!c.required) return 0;
      let info = c.phrase ? 0 : ref.idfOf(c.label);
      for (const a of c.alternatives) info = Math.max(info, this.idfs[a.term] * creditOf(a));
      return naming.has(c.label) ? info * this.tuning.mentionInformation : info;
    });
    const skip = options.skipExpansions ?? [];
    const expansions = skip.includes('*') ? [] : addExpansions(this.index, this.tuning, parsed.words, clauses, skip);
    return { expansions, preferences, infos, prefer: this.productKeys.preference(preferences, this.tuning) };
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
    /** Matches in all, when `matches` holds only those that may be shown (see rank.ts finalScores). */
    total = matches.length,
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
      total,
      results: chosen.map(({ doc, score: s }) => this.hit(doc, s, terms, options)),
      // A search can match most of the archive: its facets describe the best matches, not the archive.
      facets: options.noFacets ? emptyFacets() : this.facetTable.count(bestOf(matches, score, this.tuning.facetDocs, total)),
    };
  }

  private hit(d: number, score: number, terms: Set<string>, options: SearchOptions): SearchHit {
    const m = this.index.docs[d];
    let excerpt: Excerpt = { text: '', highlights: [] };
    if (!options.noExcerpts) {
      const sections = this.articles.sectionsOf(m.id);
      if (sections) excerpt = makeExcerpt(sections, terms, m.title);
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
