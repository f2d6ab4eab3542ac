/**
 * A search that found nothing -> ways on: the words no article holds, the query without them (or with one
 * word fewer), and a spelling the article titles use. Pure over the index; spellings come from titles
 * because index terms are stems ("despool"), which are no words to offer a person.
 */
import { termsOf } from '../search-index/analyze.js';
import type { IndexData } from '../search-index/index-data.js';
import { parseQuery } from './parse-query.js';

export interface NoResultsHelp {
  /** Words of the query no article holds, as typed. */
  unknownWords: string[];
  /** Shorter queries worth a click, best first. */
  fewerWords: string[];
  /** The query with unknown words respelled as article titles spell them, when one edit finds a word. */
  spelling?: string;
}

const titleWords = new WeakMap<IndexData, Map<string, number>>();

/** Lower-case title words and how many titles hold each, counted once per index. */
function titleWordsOf(index: IndexData): Map<string, number> {
  let words = titleWords.get(index);
  if (!words) {
    words = new Map();
    for (const d of index.docs) for (const w of new Set(d.title.toLowerCase().match(/[a-z][a-z0-9']{2,}/g) ?? [])) words.set(w, (words.get(w) ?? 0) + 1);
    titleWords.set(index, words);
  }
  return words;
}

export function noResultsHelp(index: IndexData, query: string): NoResultsHelp {
  const parsed = parseQuery(query);
  const words = parsed.words;
  const known = (w: string) => {
    const terms = termsOf(w);
    return terms.length > 0 && terms.every((t) => index.termIds.has(t));
  };
  const unknownWords = words.filter((w) => !known(w));
  const filters = Object.entries(parsed.filters).flatMap(([name, values]) => values.map((v) => `${name}:${/\s/.test(v) ? `"${v}"` : v}`));
  const phrases = parsed.phrases.map((p) => `"${p}"`);
  const rebuild = (ws: string[], ps = phrases) => [...ps, ...ws, ...filters].join(' ');
  // Only queries left holding something an article holds are worth offering.
  const worthTrying = (ws: string[]) => phrases.length > 0 || ws.some((w) => !unknownWords.includes(w));
  const fewer = new Set<string>();
  if (unknownWords.length && worthTrying(words.filter((w) => !unknownWords.includes(w)))) fewer.add(rebuild(words.filter((w) => !unknownWords.includes(w))));
  // Phrases unquoted: the same words, in any order.
  if (phrases.length) fewer.add(rebuild([...parsed.phrases, ...words], []));
  if (words.length > 1) {
    for (let i = words.length - 1; i >= 0 && fewer.size < 3; i--) {
      const rest = words.filter((_, j) => j !== i);
      if (worthTrying(rest)) fewer.add(rebuild(rest));
    }
  }
  if (filters.length && worthTrying(words)) fewer.add([...phrases, ...words].join(' '));
  fewer.delete(query.trim());
  fewer.delete('');

  let spelling: string | undefined;
  const titles = titleWordsOf(index);
  const respelled = words.map((w) => (unknownWords.includes(w) ? (bestOneEdit(w.toLowerCase(), titles) ?? w) : w));
  if (respelled.some((w, i) => w !== words[i])) spelling = rebuild(respelled);
  return { unknownWords, fewerWords: [...fewer].filter(Boolean).slice(0, 3), spelling };
}

/** The most common title word one edit (deletion, transposition, substitution, insertion) from `word`. */
function bestOneEdit(word: string, counts: Map<string, number>): string | undefined {
  if (word.length < 4 || word.length > 30) return undefined;
  let best: string | undefined;
  let bestCount = 0;
  const consider = (c: string) => {
    const n = counts.get(c) ?? 0;
    if (n > bestCount) [best, bestCount] = [c, n];
  };
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length) consider(word.slice(0, i) + word.slice(i + 1));
    if (i < word.length - 1) consider(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (const ch of letters) {
      if (i < word.length && ch !== word[i]) consider(word.slice(0, i) + ch + word.slice(i + 1));
      consider(word.slice(0, i) + ch + word.slice(i));
    }
  }
  return best;
}
