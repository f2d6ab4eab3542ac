/**
 * The excerpt of a result: the window of the best-matching section that holds the most query terms, with
 * the character ranges of the matched words. Pure: the page and the API decide how to mark them.
 */
import { termOf } from '../search-index/analyze.js';
import type { Section } from '../types.js';

export interface Excerpt {
  text: string;
  highlights: [number, number][];
  section?: string;
}

/** Characters of context in an excerpt. */
const WINDOW = 260;
const WORD = /[^\s\-]+/g;

interface Hit {
  start: number;
  end: number;
  term: string;
}

function hitsIn(text: string, terms: ReadonlySet<string>): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(WORD)) {
    const t = termOf(m[0]);
    if (t && terms.has(t)) {
      // Highlight the word itself, not the punctuation around it.
      const raw = m[0];
      let a = 0;
      let b = raw.length;
      while (a < b && !/[\p{L}\p{N}_]/u.test(raw[a])) a++;
      while (b > a && !/[\p{L}\p{N}_]/u.test(raw[b - 1])) b--;
      out.push({ start: m.index + a, end: m.index + b, term: t });
    }
  }
  return out;
}

/** Reflows a section's lines into one line of prose for a short excerpt. */
const flatten = (s: string) => s.replace(/\s+/g, ' ').trim();

export function makeExcerpt(sections: readonly Section[], terms: ReadonlySet<string>, fallback = ''): Excerpt {
  let best: { section: Section; text: string; hits: Hit[]; distinct: number } | undefined;
  for (const section of sections) {
    const text = flatten(section.text);
    if (!text) continue;
    const hits = terms.size ? hitsIn(text, terms) : [];
    const distinct = new Set(hits.map((h) => h.term)).size;
    if (!best || distinct > best.distinct || (distinct === best.distinct && hits.length > best.hits.length && distinct > 0)) {
      best = { section, text, hits, distinct };
    }
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
