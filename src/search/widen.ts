/**
 * The bridge between the user's words and the archive's, applied to a query's clauses: the thesaurus's
 * archive expressions join the clauses of the words they stand for as weaker alternatives, and the
 * products and versions the query names become a preference (a score factor, never a filter).
 */
import { termOf, termsOf } from '../search-index/analyze.js';
import { pairIdOf, type DocMeta, type IndexData } from '../search-index/index-data.js';
import { findHints, readQueryProducts } from '../signals/hints.js';
import { productLabel } from '../signals/products.js';
import { sameRelease } from '../signals/versions.js';
import { expandQuery } from './expand-query.js';
import type { Alternative, Clause } from './score-accumulator.js';
import type { SearchTuning } from './tuning.js';

/** An archive expression searched on the user's behalf. */
export interface AppliedExpansion {
  /** The user's words it stands for. */
  from: string;
  /** What was also searched (the value that removes it: SearchOptions.skipExpansions). */
  to: string;
}

/** A product (and version) the query names, read as a preference. */
export interface Preference {
  product: string;
  label: string;
  /** 'product:version', when the query gives one. */
  version?: string;
  /** The query's words that named it. */
  text: string;
}

/**
 * Adds the thesaurus's expansions of `words` (the query's free words, in order) to the clauses of those
 * words, in place; returns the expansions that the index holds and that found a clause.
 */
export function addExpansions(
  index: IndexData,
  tuning: SearchTuning,
  words: readonly string[],
  clauses: Clause[],
  skip: Iterable<string> = [],
): AppliedExpansion[] {
  const applied = new Map<string, AppliedExpansion>();
  const maxDf = index.docs.length * tuning.maxExpansionShare;
  for (const x of expandQuery(words, { skip })) {
    const alternatives = alternativesOf(index, x.to, maxDf).map((term): Alternative => ({
      term,
      weight: tuning.expansionWeight,
      credit: tuning.expansionCredit,
    }));
    if (!alternatives.length) continue;
    let used = false;
    for (const w of x.words) {
      const label = termOf(words[w]);
      const clause = clauses.find((c) => c.label === label && c.required && !c.phrase);
      if (!clause) continue;
      for (const alt of alternatives) if (!clause.alternatives.some((a) => a.term === alt.term)) clause.alternatives.push(alt);
      used = true;
    }
    if (used && !applied.has(x.to)) applied.set(x.to, { from: x.from, to: x.to });
  }
  return [...applied.values()];
}

/** Index terms of an archive expression: its word, or its adjacent pairs (all of which the index must hold). */
function alternativesOf(index: IndexData, expression: string, maxDf: number): number[] {
  const terms = termsOf(expression, { parts: false });
  if (terms.length === 1) {
    const id = index.termIds.get(terms[0]);
    return id !== undefined && index.df[id] <= maxDf ? [id] : [];
  }
  const pairs: number[] = [];
  for (let i = 1; i < terms.length; i++) {
    const id = pairIdOf(index, terms[i - 1], terms[i]);
    if (id === undefined) return [];
    pairs.push(id);
  }
  return pairs;
}

/** The products and versions the query's text names, and which of its free words named them. */
export function readPreferences(text: string, words: readonly string[]): { preferences: Preference[]; namingWords: Set<number> } {
  const mentions = readQueryProducts(text);
  const namingWords = new Set<number>();
  if (!mentions.length) return { preferences: [], namingWords };
  const lower = text.toLowerCase();
  let cursor = 0;
  words.forEach((w, i) => {
    const at = lower.indexOf(w.toLowerCase(), cursor);
    if (at < 0) return;
    cursor = at + w.length;
    if (mentions.some((m) => at >= m.start && at < m.end)) namingWords.add(i);
  });
  const seen = new Set<string>();
  const preferences: Preference[] = [];
  for (const m of mentions) {
    const key = `${m.product}|${m.version ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    preferences.push({ product: m.product, label: productLabel(m.product), ...(m.version ? { version: m.version } : {}), text: text.slice(m.start, m.end) });
  }
  return { preferences: mergeVersionless(preferences), namingWords };
}

/** "exch 5.5 ... owa": one preference for Exchange, with its version. */
function mergeVersionless(preferences: Preference[]): Preference[] {
  return preferences.filter((p) => p.version || !preferences.some((q) => q.product === p.product && q.version));
}

/** Each document's product keys (its archive category and the products its product names name), read once. */
export class ProductKeys {
  private readonly byNames = new Map<string, readonly string[]>();
  private readonly byDoc: (readonly string[] | undefined)[];
  /** A document's factor in the current search, valid where `stamps` holds the search's number. */
  private readonly factors: Float32Array;
  private readonly stamps: Uint32Array;
  private search = 0;

  constructor(private readonly docs: readonly DocMeta[]) {
    this.byDoc = new Array(docs.length);
    this.factors = new Float32Array(docs.length);
    this.stamps = new Uint32Array(docs.length);
  }

  /** Whether a document lists a release of `version` (any platform), remembered by its list of versions. */
  private covers(d: number, version: string): boolean {
    const listed = this.docs[d].versions;
    let known = this.releases.get(listed);
    if (!known) this.releases.set(listed, (known = new Map()));
    let same = known.get(version);
    if (same === undefined) known.set(version, (same = listed.some((x) => sameRelease(x.slice(x.indexOf(':') + 1), version))));
    return same;
  }

  private readonly releases = new WeakMap<readonly string[], Map<string, boolean>>();

  of(d: number): readonly string[] {
    let keys = this.byDoc[d];
    if (keys) return keys;
    const m = this.docs[d];
    const names = m.products.join('\n');
    let named = this.byNames.get(names);
    if (!named) this.byNames.set(names, (named = findHints(names).products));
    keys = m.product && !named.includes(m.product) ? [m.product, ...named] : named;
    this.byDoc[d] = keys;
    return keys;
  }

  /**
   * The score factor of each document for these preferences, and its largest value. Each document's factor
   * is worked out once per search (a search asks for it again at every pruning check).
   */
  preference(preferences: readonly Preference[], tuning: SearchTuning): { factor: (d: number) => number; max: number } {
    if (!preferences.length) return { factor: () => 1, max: 1 };
    const products = new Set(preferences.map((p) => p.product));
    const versions = preferences.filter((p) => p.version).map((p) => ({ product: p.product, version: p.version!.slice(p.version!.indexOf(':') + 1) }));
    if (++this.search === 2 ** 32) {
      this.stamps.fill(0);
      this.search = 1;
    }
    const stamp = this.search;
    const factor = (d: number): number => {
      if (this.stamps[d] === stamp) return this.factors[d];
      const keys = this.of(d);
      let f = 1;
      if (keys.some((k) => products.has(k))) {
        const same = versions.some((v) => keys.includes(v.product) && this.covers(d, v.version));
        f = (1 + tuning.productBoost) * (same ? 1 + tuning.versionBoost : 1);
      }
      this.stamps[d] = stamp;
      this.factors[d] = f;
      return f;
    };
    return { factor, max: (1 + tuning.productBoost) * (versions.length ? 1 + tuning.versionBoost : 1) };
  }
}
