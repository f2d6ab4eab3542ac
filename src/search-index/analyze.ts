/**
 * Text -> index terms, the same way for articles and for queries. The word pipeline is lunr's own
 * (trimmer, English stop words, Porter stemmer), run once per distinct word and memoised, because lunr
 * runs it once per occurrence and that dominated build time (29 M tokens, 0.6 M distinct words).
 */
import lunr from 'lunr';

const pipeline = new lunr.Pipeline();
pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

/** Longest word stemmed as a word. */
const MAX_WORD = 60;

/** Largest number of distinct words memoised; past it the memo is cleared (pastes can hold any junk). */
const MEMO_LIMIT = 2_000_000;

/**
 * A word's term, and the term's number in the last TermNumbers that asked (so a build looks a word up once), known by
 * its generation rather than held: a build's numbering is let go when the build ends.
 */
interface MemoEntry {
  term: string;
  generation: number;
  id: number;
}
const memo = new Map<string, MemoEntry | null>();

/** One word -> its index term, or null for stop words and punctuation. */
export function termOf(word: string): string | null {
  return entryOf(word)?.term ?? null;
}

function entryOf(word: string): MemoEntry | null {
  // Keyed by the word as written first: most words recur in the same case, and lower-casing allocates.
  const known = memo.get(word);
  if (known !== undefined) return known;
  const lower = word.toLowerCase();
  let entry = memo.get(lower);
  if (entry === undefined) {
    // Words longer than this are hashes, base64 or junk: kept whole (cut), not stemmed. lunr's trimmer
    // regexes (/\W+$/) are quadratic on long runs of punctuation, so long words never reach them.
    const out = lower.length > MAX_WORD ? [trimNonWord(lower).slice(0, MAX_WORD)] : pipeline.runString(lower);
    entry = out.length && out[0] ? { term: out[0], generation: 0, id: -1 } : null;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(lower, entry);
  }
  if (lower !== word) memo.set(word, entry);
  return entry;
}

/**
 * Terms numbered in the order first met, for a build: a loading thread sends its articles' terms as numbers into
 * its own list, which crosses threads far cheaper than 30 M small strings and is looked up once per distinct term.
 */
export class TermNumbers {
  private static made = 0;
  /** Tells this numbering apart from every other in the thread (never 0). */
  readonly generation = ++TermNumbers.made;
  /** The terms by number. */
  readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
    }
    return id;
  }
}

/** termsOf(text) as numbers in `numbers`, appended to `out`. */
export function termIdsOf(text: string, numbers: TermNumbers, out: number[]): void {
  forEachWord(text, (word) => {
    const entry = entryOf(word);
    if (entry) {
      if (entry.generation !== numbers.generation) {
        entry.id = numbers.idOf(entry.term);
        entry.generation = numbers.generation;
      }
      out.push(entry.id);
    }
    if (hasInnerSeparator(word)) for (const part of wordParts(word)) if (part !== entry?.term) out.push(numbers.idOf(part));
  });
}

/**
 * The start that every word stemming to `term` begins with, lower-cased after the trimmer's cut. The Porter
 * stemmer keeps a word's start and rewrites at most its last two letters, and the only letters it writes
 * where the word had others are `e` (`enci` -> `ence`, `filing` -> `file`), `i` (`happy` -> `happi`) and `l`
 * (`biliti` -> `ble`). So the term less a tail of at most two of those letters begins every such word.
 * Checked over the archive: none of its 900,262 distinct words breaks this.
 */
export function stemPrefix(term: string): string {
  let end = term.length;
  while (end > 1 && term.length - end < 2 && REWRITTEN_LETTERS.has(term[end - 1])) end--;
  return term.slice(0, end);
}

const REWRITTEN_LETTERS: ReadonlySet<string> = new Set(['e', 'i', 'l']);

/**
 * The terms of a text, in order, stop words removed; with `parts` (the default) compound words add their
 * parts after the whole. A hand-written scan: this runs on 30 M words per build.
 */
export function termsOf(text: string, options: { parts?: boolean } = {}): string[] {
  const parts = options.parts ?? true;
  const out: string[] = [];
  forEachWord(text, (word) => {
    const t = termOf(word);
    if (t) out.push(t);
    if (parts && hasInnerSeparator(word)) for (const part of wordParts(word)) if (part !== t) out.push(part);
  });
  return out;
}

/** Each run of characters between word separators (lunr's tokenizer's split), in order. */
function forEachWord(text: string, visit: (word: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isWordSeparator(text.charCodeAt(i))) i++;
    const start = i;
    while (i < n && !isWordSeparator(text.charCodeAt(i))) i++;
    if (i > start) visit(text.slice(start, i));
  }
}

/** A character of JavaScript's `\s` (white space and line ends, Unicode's included). */
export function isWhitespaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Where lunr splits words: white space and hyphens. */
export function isWordSeparator(c: number): boolean {
  return c === 45 || isWhitespaceCode(c);
}

/** What lunr's trimmer keeps at a word's ends: [A-Za-z0-9_]. */
export const isTrimmerWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Strips leading and trailing non-word characters in linear time (what lunr's trimmer does with regexes). */
export function trimNonWord(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && !isTrimmerWordChar(s.charCodeAt(a))) a++;
  while (b > a && !isTrimmerWordChar(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Characters that join words into one lunr token: paths, file names, identifiers, placeholders. */
const INNER_SEPARATORS = /[.\\/:_%,;=|]/;

export function hasInnerSeparator(word: string): boolean {
  return word.length > 3 && INNER_SEPARATORS.test(word);
}

/**
 * The parts of a compound word, as terms: `C:\WINNT\vfpgrly.vcx` -> winnt, vfpgrly.vcx, vfpgrly, vcx.
 * lunr keeps such a token whole, so a search for `vfpgrly.vcx` or `MIFGEN` would never find it; articles and
 * queries both index the parts beside the whole (the last path component too, where it has an extension).
 */
export function wordParts(word: string): string[] {
  const out = new Set<string>();
  if (word.length > MAX_WORD * 4) return [];
  for (const component of word.split(/[\\/:]+/)) {
    if (component.includes('.') && component !== word) {
      const t = termOf(component);
      if (t) out.add(t);
    }
    for (const run of component.split(/[^A-Za-z0-9']+/)) {
      if (run.length < 2) continue;
      const t = termOf(run);
      if (t) out.add(t);
    }
  }
  return [...out];
}
