/**
 * Query text -> a structured query. This parser, not lunr's, reads what users type: lunr's query syntax
 * (`title:`, `foo~1`, `^`, `+`, `-`, `*`) throws on ordinary text such as `C:\temp` or `error: 32`, so user
 * text never reaches lunr's parser. Nothing here throws; anything unrecognised is read as words.
 */

import { DEFAULTS } from '../config.js';
import { readArticleNumber } from '../article-id.js';
import { isWhitespaceCode } from '../search-index/analyze.js';

/** Filters the query language accepts, as `name:value`. */
export const FILTER_NAMES = ['product', 'version', 'type', 'status', 'code'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
const isFilterName = (s: string): s is FilterName => (FILTER_NAMES as readonly string[]).includes(s);

export interface ParsedQuery {
  /** The query as typed (cut to the length limit). */
  text: string;
  /** Free words to match (neither quoted, excluded nor filters), in order, as typed. */
  words: string[];
  /** "quoted phrases", each as typed. */
  phrases: string[];
  /** -excluded words and phrases. */
  excluded: string[];
  filters: Record<FilterName, string[]>;
  /** The article the query names when it is nothing but an article number (`Q161043`, `KB161043`, `161043`). */
  articleId?: string;
}

/** Reads a query; text past `maxChars` (default Config.maxQueryChars) is not read. */
export function parseQuery(input: string, maxChars = DEFAULTS.maxQueryChars): ParsedQuery {
  const text = input.length > maxChars ? input.slice(0, maxChars) : input;
  const q: ParsedQuery = { text, words: [], phrases: [], excluded: [], filters: { product: [], version: [], type: [], status: [], code: [] } };
  const trimmed = text.trim();
  // An article number in any spelling, when it is the whole query; a bare number needs five digits (32 is an error).
  const id = readArticleNumber(trimmed);
  if (id && id.digits >= 2 && (id.prefixed || id.digits >= 5)) q.articleId = id.id;

  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    let negate = false;
    if (text[i] === '-' && i + 1 < n && !isSpace(text.charCodeAt(i + 1)) && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      // A leading '-' excludes, unless it starts a negative number (JET errors such as -1018 are codes).
      if (!isDigit(text.charCodeAt(i + 1))) {
        negate = true;
        i++;
      }
    }
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? n : close;
      const phrase = text.slice(i + 1, end).trim();
      i = end + 1;
      if (phrase) (negate ? q.excluded : q.phrases).push(phrase);
      continue;
    }
    let j = i;
    while (j < n && !isSpace(text.charCodeAt(j))) j++;
    let token = text.slice(i, j);
    i = j;
    const colon = token.indexOf(':');
    if (colon > 0 && !negate) {
      const name = token.slice(0, colon).toLowerCase();
      if (isFilterName(name)) {
        let value = token.slice(colon + 1);
        if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) {
          value = value.slice(1, -1);
        } else if (value.startsWith('"')) {
          // product:"SNA Server" — the value runs to the closing quote.
          const close = text.indexOf('"', i);
          const rest = close < 0 ? text.slice(i) : text.slice(i, close);
          value = (value.slice(1) + rest).replace(/"$/, '');
          i = close < 0 ? n : close + 1;
        }
        value = value.trim();
        if (value) q.filters[name].push(value);
        continue;
      }
    }
    token = token.trim();
    if (!token) continue;
    (negate ? q.excluded : q.words).push(token);
  }
  return q;
}

// Whitespace as the analyzer splits words: a query copied from a document with an em space or a narrow
// no-break space between its words must split where the index did, or it matches nothing.
const isSpace = isWhitespaceCode;
const isDigit = (c: number) => c >= 48 && c <= 57;
