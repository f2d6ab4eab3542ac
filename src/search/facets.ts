/** Facet counts (product, version, type, status) over a search's matches, from a table laid out once per index. */
import type { DocMeta } from '../search-index/index-data.js';
import type { FacetCounts } from '../types.js';
import { versionKeysOf } from '../render/labels.js';

const FACETS = ['product', 'version', 'type', 'status'] as const;
type FacetName = (typeof FACETS)[number];

/** Values shown per facet, in FACETS order. */
const FACET_SIZES = [15, 15, 10, 4] as const;

/** How many values a facet shows: merged facet lists (live-edits/merge-results.ts) are cut to the same. */
export function facetSize(facet: FacetName): number {
  return FACET_SIZES[FACETS.indexOf(facet)];
}

/**
 * When a search falls back to any word, its facets count the best this many matches only. Such a search can
 * match most of the archive (every article holding one common word); counting all of them cost more than the
 * rest of the search and describes the archive, not the answer.
 */
export const ANY_MODE_FACET_DOCS = 1000;

export function emptyFacets(): FacetCounts {
  return { product: [], version: [], type: [], status: [] };
}

/** Each document's facet values as small integers, laid out once so counting a facet is array arithmetic. */
export class FacetTable {
  private readonly values: Record<FacetName, string[]>;
  /** Per facet: start of each document's value ids (one extra entry closes the last). */
  private readonly offsets: Uint32Array[] = [];
  private readonly docValues: Uint32Array[] = [];
  /** Per facet: a counter per value, zero between searches (see count). */
  private readonly counts: Uint32Array[];
  /** Per facet: each value's place in the values' alphabetical order (localeCompare; equals share a place), made on the first count. */
  private orderOf?: Uint32Array[];

  constructor(docs: readonly DocMeta[]) {
    const valuesOf: Record<FacetName, (m: DocMeta) => (string | undefined)[]> = {
      product: (m) => [m.product],
      version: (m) => versionKeysOf(m.product, m.versions, m.versionOwners),
      type: (m) => [m.issueType],
      status: (m) => [m.fixState],
    };
    const values = {} as Record<FacetName, string[]>;
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
      this.offsets.push(off);
      this.docValues.push(Uint32Array.from(list));
    }
    this.values = values;
    this.counts = FACETS.map((f) => new Uint32Array(values[f].length));
  }

  /**
   * Facet counts over every match, with integer counters over the per-document value ids. The counters are
   * kept zero between searches: only the values a search touched are read and reset.
   */
  count(matches: number[]): FacetCounts {
    const order = (this.orderOf ??= FACETS.map((f) => alphabeticalPlaces(this.values[f])));
    const out = FACETS.map((facet, k) => {
      const counts = this.counts[k];
      const offsets = this.offsets[k];
      const ids = this.docValues[k];
      const touched: number[] = [];
      for (const d of matches) {
        for (let p = offsets[d], end = offsets[d + 1]; p < end; p++) if (counts[ids[p]]++ === 0) touched.push(ids[p]);
      }
      // Ties in count go alphabetically: by places worked out once, as a search may meet hundreds of versions.
      const places = order[k];
      touched.sort((a, b) => counts[b] - counts[a] || places[a] - places[b]);
      const found = touched.slice(0, FACET_SIZES[k]).map((id) => ({ value: this.values[facet][id], count: counts[id] }));
      for (const id of touched) counts[id] = 0;
      return found;
    });
    return { product: out[0], version: out[1], type: out[2], status: out[3] };
  }
}

/** Each value's place in alphabetical order (String.localeCompare's), values that compare equal sharing one. */
function alphabeticalPlaces(values: readonly string[]): Uint32Array {
  const compare = new Intl.Collator().compare;
  const ids = values.map((_, i) => i).sort((a, b) => compare(values[a], values[b]));
  const places = new Uint32Array(values.length);
  ids.forEach((id, i) => (places[id] = i > 0 && compare(values[ids[i - 1]], values[id]) === 0 ? places[ids[i - 1]] : i));
  return places;
}

/**
 * About the best `k` matches (ties at the cut kept): a histogram of scores gives the cut in two linear passes.
 * `total` counts the matches when `matches` holds only those that may reach the cut (every one scoring at
 * least bestOfBar), which gives the same cut.
 */
export function bestOf(matches: number[], score: (d: number) => number, k: number, total = matches.length): number[] {
  if (total <= k) return matches;
  let max = 0;
  for (const d of matches) max = Math.max(max, score(d));
  if (!(max > 0)) return matches.slice(0, k);
  const buckets = new Uint32Array(HISTOGRAM_BUCKETS);
  const bucketOf = (v: number) => Math.min(HISTOGRAM_BUCKETS - 1, Math.floor((v / max) * HISTOGRAM_BUCKETS));
  for (const d of matches) buckets[bucketOf(score(d))]++;
  let cut = HISTOGRAM_BUCKETS - 1;
  for (let kept = buckets[cut]; cut > 0 && kept < k;) kept += buckets[--cut];
  return matches.filter((d) => bucketOf(score(d)) >= cut);
}
const HISTOGRAM_BUCKETS = 1024;

/**
 * A score under which a match cannot be among bestOf's, given a lower bound of the k-th best score and an
 * upper bound of the best: bestOf keeps whole histogram buckets, so the bar is a bucket's width lower.
 */
export function bestOfBar(kthAtLeast: number, maxAtMost: number): number {
  return kthAtLeast - maxAtMost / HISTOGRAM_BUCKETS;
}
