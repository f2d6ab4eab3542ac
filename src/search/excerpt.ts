/**
 * The excerpt of a result: the window of the best-matching section that holds the most query terms, with
 * the character ranges of the matched words. Pure: the page and the API decide how to mark them.
 */
import { isTrimmerWordChar, isWordSeparator, stemPrefix, termOf } from '../search-index/analyze.js';
import type { Section } from '../types.js';

export interface Excerpt {
  text: string;
  highlights: [number, number][];
  section?: string;
}

/** Characters of context in an excerpt. */
const WINDOW = 260;
/**
 * Characters of a section read for its excerpt. A few articles hold sections of 100,000 characters and more
 * (listings, dumps); reading them whole for a 260-character window cost 10-20 ms a search.
 */
const MAX_SECTION_SCAN = 20_000;

interface Hit {
  start: number;
  end: number;
  term: string;
}

/**
 * The words of `text` that stem to one of `terms`. Only words starting with a
 * term's stem prefix can, so those are found with indexOf on the lower-cased text and only they are stemmed:
 * stemming every word of ten long articles would dominate a search.
 */
function hitsIn(text: string, terms: ReadonlySet<string>, prefixes: readonly string[], lower = text.toLowerCase()): Hit[] {
  // Lower-casing changed the length (a few non-ASCII letters): offsets would not line up, so test every word.
  const starts = lower.length === text.length ? wordStartsWithPrefix(text, lower, prefixes) : everyWordStart(text);
  const out: Hit[] = [];
  for (const start of starts) {
    let end = start;
    while (end < text.length && !isWordSeparator(text.charCodeAt(end))) end++;
    const raw = text.slice(start, end);
    const t = termOf(raw);
    if (t && terms.has(t)) {
      // Highlight the word itself, not the punctuation around it.
      let a = 0;
      let b = raw.length;
      while (a < b && !/[\p{L}\p{N}_]/u.test(raw[a])) a++;
      while (b > a && !/[\p{L}\p{N}_]/u.test(raw[b - 1])) b--;
      out.push({ start: start + a, end: start + b, term: t });
    }
  }
  return out;
}

/** Starts of the words whose trimmed form begins with a prefix, in text order. */
function wordStartsWithPrefix(text: string, lower: string, prefixes: readonly string[]): number[] {
  const starts = new Set<number>();
  for (const p of prefixes) {
    for (let at = lower.indexOf(p); at >= 0; at = lower.indexOf(p, at + 1)) {
      // Inside a word (most occurrences of a short prefix): a kept character comes before it.
      if (at > 0 && isTrimmerWordChar(text.charCodeAt(at - 1))) continue;
      let start = at;
      while (start > 0 && !isWordSeparator(text.charCodeAt(start - 1))) start--;
      // The prefix must open the trimmed word: only characters the trimmer drops may come before it.
      let k = start;
      while (k < at && !isTrimmerWordChar(text.charCodeAt(k))) k++;
      if (k === at) starts.add(start);
    }
  }
  return [...starts].sort((a, b) => a - b);
}

function everyWordStart(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (!isWordSeparator(text.charCodeAt(i)) && (i === 0 || isWordSeparator(text.charCodeAt(i - 1)))) out.push(i);
  return out;
}

function scannedText(section: Section): string {
  return section.text.length > MAX_SECTION_SCAN ? section.text.slice(0, MAX_SECTION_SCAN) : section.text;
}

/**
 * A section's scanned text lower-cased and flattened, kept while the section object lives: the article store
 * caches recently read articles, and the articles people search for recur.
 */
const derived = new WeakMap<Section, { lower?: string; flat?: string }>();
function derivedOf(section: Section): { lower?: string; flat?: string } {
  let d = derived.get(section);
  if (!d) derived.set(section, (d = {}));
  return d;
}

/** Reflows a section's lines into one line of prose for a short excerpt. */
function flatten(s: string): string {
  return s.replace(WHITESPACE_TO_FOLD, ' ').trim();
}

/** White space other than a lone space (which needs no change, and is most of it): `\s+` -> ' ', several times faster. */
const WHITESPACE_TO_FOLD = / \s+|[^\S ]\s*/g;

export function makeExcerpt(sections: readonly Section[], terms: ReadonlySet<string>, fallback = ''): Excerpt {
  let best: { section: Section; text: string; hits: Hit[]; distinct: number } | undefined;
  const prefixes = [...terms].map(stemPrefix);
  for (const section of sections) {
    const text = scannedText(section);
    const d = derivedOf(section);
    d.flat ??= flatten(text);
    if (!d.flat) continue;
    // Words and their order are the same in the flattened text, so sections are compared on it.
    const hits = terms.size ? hitsIn(d.flat, terms, prefixes, (d.lower ??= d.flat.toLowerCase())) : [];
    const distinct = new Set(hits.map((h) => h.term)).size;
    if (!best || distinct > best.distinct || (distinct === best.distinct && hits.length > best.hits.length && distinct > 0)) {
      best = { section, text: d.flat, hits, distinct };
    }
    // A section holding every term cannot be beaten on terms; reading on for more hits costs a long article's text.
    if (distinct === terms.size && distinct > 0) break;
  }
  if (!best) return { text: flatten(fallback).slice(0, WINDOW), highlights: [] };
  const { text, hits } = best;

  // The window start that covers the most distinct terms (two pointers over the hits).
  let from = 0;
  if (hits.length) {
    let bestCount = -1;
    let j = 0;
    const counts = new Map<string, number>();
    for (let i = 0; i < hits.length; i++) {
      while (j < hits.length && hits[j].end - hits[i].start <= WINDOW) {
        counts.set(hits[j].term, (counts.get(hits[j].term) ?? 0) + 1);
        j++;
      }
      if (counts.size > bestCount) {
        bestCount = counts.size;
        from = hits[i].start;
      }
      const c = counts.get(hits[i].term)! - 1;
      if (c) counts.set(hits[i].term, c);
      else counts.delete(hits[i].term);
    }
    // Start a little before the first hit, at a word boundary.
    from = Math.max(0, from - 40);
    if (from > 0) {
      const space = text.indexOf(' ', from);
      from = space >= 0 && space < from + 30 ? space + 1 : from;
    }
  }
  let to = Math.min(text.length, from + WINDOW);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > from + WINDOW / 2) to = space;
  }
  const prefix = from > 0 ? '… ' : '';
  const suffix = to < text.length ? ' …' : '';
  const highlights: [number, number][] = hits
    .filter((h) => h.start >= from && h.end <= to)
    .map((h) => [h.start - from + prefix.length, h.end - from + prefix.length]);
  return { text: prefix + text.slice(from, to) + suffix, highlights, section: best.section.kind };
}
