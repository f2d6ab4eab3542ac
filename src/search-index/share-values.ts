/**
 * Makes the served documents' metadata share its repeated values. Parsed from the saved index (or made by a build),
 * each of the 60,000 documents holds arrays of its own (products, versions, their owners, error codes) although
 * only about 9,000 distinct lists occur: 54 MiB of the heap of every serving process, 15 MiB once they are shared.
 * Nothing changes a document's lists (DocMeta is read-only past the build), so one array can stand for them all.
 */
import type { DocMeta } from './index-data.js';

/** Documents handled in one turn of the event loop: a few milliseconds, so no request waits behind it for long. */
const CHUNK = 2000;

/** How long after an index is served the sharing starts: its first search comes first. */
const DELAY_MS = 200;

/**
 * Shares the repeated lists and values of `docs` in the background, a chunk per turn of the loop, starting after
 * `delayMs`. Resolves when done; the timers do not keep the process alive.
 */
export function shareRepeatedValuesSoon(docs: DocMeta[], delayMs = DELAY_MS): Promise<void> {
  const share = sharer();
  return new Promise((resolve) => {
    const step = (from: number) => {
      const end = Math.min(docs.length, from + CHUNK);
      for (let d = from; d < end; d++) share(docs[d]);
      if (end < docs.length) setTimeout(step, 0, end).unref();
      else resolve();
    };
    setTimeout(step, delayMs, 0).unref();
  });
}

/** Shares the repeated lists and values of `docs` at once. */
export function shareRepeatedValues(docs: DocMeta[]): void {
  const share = sharer();
  for (const m of docs) share(m);
}

/** A function that points one document's lists and values at the first equal ones it was given. */
function sharer(): (m: DocMeta) => void {
  const singles = new Map<string, string[]>();
  const lists = new Map<string, string[]>();
  const values = new Map<string, string>();
  const EMPTY: string[] = [];
  const list = (a: string[]): string[] => {
    if (a.length === 0) return EMPTY;
    // Most lists hold one value: keyed by it, in a map of their own (no key of one map can be mistaken for the other's).
    const [map, key] = a.length === 1 ? [singles, a[0]] : [lists, JSON.stringify(a)];
    const seen = map.get(key);
    if (seen) return seen;
    map.set(key, a);
    return a;
  };
  const value = (v: string): string => {
    const seen = values.get(v);
    if (seen !== undefined) return seen;
    values.set(v, v);
    return v;
  };
  // A value is set only where the document has it: a property added as undefined would change the document's shape.
  return (m) => {
    m.products = list(m.products);
    m.versions = list(m.versions);
    if (m.versionOwners) m.versionOwners = list(m.versionOwners);
    m.codes = list(m.codes);
    if (m.product !== undefined) m.product = value(m.product);
    if (m.issueType !== undefined) m.issueType = value(m.issueType);
    if (m.lastModified !== undefined) m.lastModified = value(m.lastModified);
  };
}
