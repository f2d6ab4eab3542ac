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

/** A document's slot in FacetTable: its count of values and up to SLOT_VALUES of them, 16 bytes (never across two cache lines). */
const SLOT_WIDTH = 8;
const SLOT_VALUES = SLOT_WIDTH - 1;

export function emptyFacets(): FacetCounts {
  return { product: [], version: [], type: [], status: [] };
}

/**
 * Each document's facet values as small integers, laid out once so counting facets is array arithmetic: one
 * run of value ids per document, every facet's together. A search counts a thousand documents scattered over
 * the archive, each a cache miss or two (its start, then its run): the counting was a tenth of a search's CPU.
 * So a document with at most SLOT_VALUES values also has them in a 16-byte slot of its own, one miss.
 */
export class FacetTable {
  /** Value and facet (index in FACETS) of each value id. */
  private readonly names: string[] = [];
  private readonly facetOf: Uint8Array;
  /** Start of each document's value ids (one extra entry closes the last). */
  private readonly starts: Uint32Array;
  private readonly docValues: Uint32Array;
  /** SLOT_WIDTH 16-bit entries per document: its count of values, then the values when they fit; undefined past 65,535 values. */
  private readonly slots?: Uint16Array;
  /** A counter per value id, zero between searches (see count). */
  private readonly counts: Uint32Array;
  /** Each value's place in its facet's alphabetical order (localeCompare; equals share a place), made on the first count. */
  private places?: Uint32Array;

  constructor(docs: readonly DocMeta[]) {
    const valuesOf: ((m: DocMeta) => (string | undefined)[])[] = [
      (m) => [m.product],
      (m) => versionKeysOf(m.product, m.versions, m.versionOwners),
      (m) => [m.issueType],
      (m) => [m.fixState],
    ];
    const ids = FACETS.map(() => new Map<string, number>());
    const facets: number[] = [];
    const list: number[] = [];
    this.starts = new Uint32Array(docs.length + 1);
    docs.forEach((m, d) => {
      valuesOf.forEach((of, k) => {
        for (const v of of(m)) {
          if (!v) continue;
          let id = ids[k].get(v);
          if (id === undefined) {
            ids[k].set(v, (id = this.names.length));
            this.names.push(v);
            facets.push(k);
          }
          list.push(id);
        }
      });
      this.starts[d + 1] = list.length;
    });
    this.facetOf = Uint8Array.from(facets);
    this.docValues = Uint32Array.from(list);
    this.counts = new Uint32Array(this.names.length);
    if (this.names.length <= 0xffff) {
      const slots = (this.slots = new Uint16Array(docs.length * SLOT_WIDTH));
      for (let d = 0; d < docs.length; d++) {
        const n = this.starts[d + 1] - this.starts[d];
        slots[d * SLOT_WIDTH] = Math.min(n, 0xffff);
        if (n <= SLOT_VALUES) for (let i = 0; i < n; i++) slots[d * SLOT_WIDTH + 1 + i] = list[this.starts[d] + i];
      }
    }
  }

  /**
   * Facet counts over every match, with integer counters over the per-document value ids. The counters are
   * kept zero between searches: only the values a search touched are read and reset.
   */
  count(matches: number[]): FacetCounts {
    const places = (this.places ??= alphabeticalPlaces(this.names, this.facetOf));
    const { counts, starts, docValues, slots } = this;
    const touched: number[] = [];
    for (const d of matches) {
      const at = d * SLOT_WIDTH;
      if (slots && slots[at] <= SLOT_VALUES) {
        for (let p = at + 1, end = p + slots[at]; p < end; p++) if (counts[slots[p]]++ === 0) touched.push(slots[p]);
      } else {
        for (let p = starts[d], end = starts[d + 1]; p < end; p++) if (counts[docValues[p]]++ === 0) touched.push(docValues[p]);
      }
    }
    // The most frequent, ties alphabetically (by places worked out once): picked, not sorted, as a search may meet hundreds of versions.
    const out = FACETS.map((_, k) =>
      mostFrequent(
        touched.filter((id) => this.facetOf[id] === k),
        counts,
        places,
        FACET_SIZES[k],
      ).map((id) => ({ value: this.names[id], count: counts[id] })),
    );
    for (const id of touched) counts[id] = 0;
    return { product: out[0], version: out[1], type: out[2], status: out[3] };
  }
}

/** The `size` values of highest count, ties by place, in that order (values of equal count and place keep their order). */
function mostFrequent(values: readonly number[], counts: Uint32Array, places: Uint32Array, size: number): number[] {
  const best: number[] = [];
  const before = (a: number, b: number) => counts[a] > counts[b] || (counts[a] === counts[b] && places[a] < places[b]);
  for (const v of values) {
    if (best.length === size && !before(v, best[size - 1])) continue;
    let i = best.length;
    while (i > 0 && before(v, best[i - 1])) i--;
    best.splice(i, 0, v);
    if (best.length > size) best.pop();
  }
  return best;
}

/** Each value's place in its facet's alphabetical order (String.localeCompare's), values that compare equal sharing one. */
function alphabeticalPlaces(values: readonly string[], facetOf: Uint8Array): Uint32Array {
  const compare = new Intl.Collator().compare;
  const ids = values.map((_, i) => i).sort((a, b) => facetOf[a] - facetOf[b] || compare(values[a], values[b]));
  const places = new Uint32Array(values.length);
  ids.forEach((id, i) => {
    const prev = ids[i - 1];
    places[id] = i > 0 && facetOf[prev] === facetOf[id] && compare(values[prev], values[id]) === 0 ? places[prev] : i;
  });
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
