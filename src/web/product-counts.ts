/** Articles per product, for the home page, the product list and the way on from an empty search. */
import { productLabel } from '../render/labels.js';
import type { IndexData } from '../search-index/index-data.js';

export interface ProductCount {
  key: string;
  label: string;
  count: number;
}

// Counted once per index (a full pass over 60,000 documents is a few milliseconds, but every home page asks).
const cache = new WeakMap<IndexData, ProductCount[]>();

/** Products of the index, most articles first. */
export function productCounts(index: IndexData): ProductCount[] {
  let counts = cache.get(index);
  if (!counts) {
    const byKey = new Map<string, number>();
    for (const d of index.docs) if (d.product) byKey.set(d.product, (byKey.get(d.product) ?? 0) + 1);
    counts = [...byKey].map(([key, count]) => ({ key, label: productLabel(key), count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    cache.set(index, counts);
  }
  return counts;
}
