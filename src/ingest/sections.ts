/**
 * The body both formats share -> applies-to lines, ordered sections, query words and the trailer.
 *
 * A body, once its indentation is removed, reads:
 *   ------ rule, "The information in this article applies to:", `- product` lines, ------ rule
 *   HEADING / ======= (repeated), or the old `Question:` / `Response:` label lines
 *   Additional query words: ...
 *   ====== rule, `Keywords : ...`, `Technology : ...`, `Version : ...`, `Issue type : ...`, ====== rule
 *   (text files only) the legal disclaimer, which is dropped and never indexed.
 * Every step tolerates a missing part: old articles have no headings, some have no trailer.
 */
import type { Section } from '../types.js';
import { splitWords } from './fields.js';

/** Fields of the trailer block; lists are split words, `version` is raw. */
export interface Trailer {
  keywords: string[];
  /** `Version :` as written ('winnt:1.2'). Empty when absent. */
  version: string;
  issueType: string[];
  solutionType: string[];
  technology: string[];
}

export interface ArticleBody {
  appliesTo: string[];
  sections: Section[];
  queryWords: string[];
  trailer: Trailer;
}

/** Longest heading line; longer underlined lines are sentences followed by a rule. */
const MAX_HEADING_CHARS = 60;
/** Shortest `=` / `-` run that counts as a separator rule rather than an underline. */
const MIN_RULE_CHARS = 10;
/** How far the headings' `=====` may differ from the heading's length (the archive is off by a few). */
const UNDERLINE_LONGER_BY = 6;
const UNDERLINE_SHORTER_BY = 3;

/** Old articles mark parts with a label alone on its line instead of an underlined heading. */
const LABEL_HEADING = /^(question|response|answer|problem|symptoms?|cause|resolution|workaround|status|summary|more information)\s*:$/i;
const APPLIES_TO = /^(?:the|this) information in this article applies to:?(.*)$/i;
const QUERY_WORDS = /^addi\w* (?:query|reference) words:(.*)$/i;
const TRAILER_FIELD = /^(Keywords|Technology|Version|Issue type|Solution Type|Hardware|Platform|Component|Product)\s*:/;
const DISCLAIMER_START = 'THE INFORMATION PROVIDED IN THE MICROSOFT KNOWLEDGE BASE';
/** The disclaimer is the last dozen lines of a text file; it is looked for only this near the end. */
const DISCLAIMER_MAX_LINES = 40;

/** Heading slugs that are spelled several ways in the archive, mapped to one kind. */
const KIND_ALIASES: Readonly<Record<string, string>> = {
  symptom: 'symptoms',
  'more-info': 'more-information',
  'more-informaton': 'more-information',
  reference: 'references',
  'applies-to': 'applies-to',
};

/** Kind for text before the first heading, and for old articles without any heading. */
export const BODY_KIND = 'body';

/** Lines of a file's text, for CRLF and LF files alike, without a leading byte-order mark. */
export function splitLines(text: string): string[] {
  // An indexOf loop measured 2-3x faster than split(/\r?\n/) on the archive, and it is the hottest loop of a load.
  const lines: string[] = [];
  let from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl < 0) {
      lines.push(text.charCodeAt(text.length - 1) === 13 ? text.slice(from, -1) : text.slice(from));
      return lines;
    }
    lines.push(text.slice(from, nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
    from = nl + 1;
  }
}

/**
 * Remove the indentation every non-blank line shares (the markdown's leading tab), keeping deeper
 * indentation, and trailing blanks of each line.
 */
export function removeBodyIndent(lines: readonly string[]): string[] {
  let prefix: string | undefined;
  for (const line of lines) {
    let n = 0;
    while (n < line.length && (line[n] === '\t' || line[n] === ' ')) n++;
    if (n === line.length) continue;
    if (prefix === undefined) prefix = line.slice(0, n);
    else {
      let i = 0;
      while (i < prefix.length && i < n && prefix[i] === line[i]) i++;
      prefix = prefix.slice(0, i);
    }
    if (prefix === '') break;
  }
  const cut = prefix ?? '';
  const out = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (cut && line.startsWith(cut)) line = line.slice(cut.length);
    const last = line.charCodeAt(line.length - 1);
    out[i] = last === 32 || last === 9 ? line.trimEnd() : line;
  }
  return out;
}

const kindCache = new Map<string, string>();

/** Slug of a heading: `MORE INFORMATION` -> 'more-information', `Question:` -> 'question'. */
export function sectionKindOf(heading: string): string {
  let kind = kindCache.get(heading);
  if (kind === undefined) {
    kind = slugOf(heading);
    // Headings repeat (SYMPTOMS, CAUSE...); the cache stays small because rare ones are not kept once it is full.
    if (kindCache.size < 10_000) kindCache.set(heading, kind);
  }
  return kind;
}

function slugOf(heading: string): string {
  const slug = heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return KIND_ALIASES[slug] ?? (slug || 'section');
}

/** Parse body lines (indentation already removed, see removeBodyIndent). */
export function parseArticleBody(lines: readonly string[]): ArticleBody {
  const { bodyEnd, trailer } = cutTrailer(lines);
  const body = lines.slice(0, bodyEnd);
  const queryWords = takeQueryWords(body);
  let start = 0;
  while (start < body.length && (body[start] === '' || isRule(body[start], '='))) start++;
  const { appliesTo, next } = takeAppliesTo(body, start);
  const sections = splitSections(body, next);
  const appliesSection = sections.findIndex((s) => s.kind === 'applies-to');
  if (appliesSection >= 0) {
    const [moved] = sections.splice(appliesSection, 1);
    if (appliesTo.length === 0) appliesTo.push(...listItems(moved.text.split('\n')));
  }
  return { appliesTo, sections, queryWords, trailer };
}

function emptyTrailer(): Trailer {
  return { keywords: [], version: '', issueType: [], solutionType: [], technology: [] };
}

/** A line made only of `ch`, at least MIN_RULE_CHARS long. */
function isRule(line: string, ch: '=' | '-'): boolean {
  const t = line.trim();
  if (t.length < MIN_RULE_CHARS) return false;
  for (let i = 0; i < t.length; i++) if (t[i] !== ch) return false;
  return true;
}

function isAll(text: string, ch: string): boolean {
  for (let i = 0; i < text.length; i++) if (text[i] !== ch) return false;
  return text.length > 0;
}

/** Finds the trailer (and the disclaimer after it) and returns where the body proper ends. */
function cutTrailer(lines: readonly string[]): { bodyEnd: number; trailer: Trailer } {
  let end = lines.length;
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - DISCLAIMER_MAX_LINES); i--) {
    if (lines[i].startsWith(DISCLAIMER_START)) {
      end = i;
      break;
    }
  }
  const trailer = emptyTrailer();
  for (let k = end - 2; k >= 0; k--) {
    if (!isRule(lines[k], '=') || !TRAILER_FIELD.test(lines[k + 1].trimStart())) continue;
    for (let i = k + 1; i < end && !isRule(lines[i], '='); i++) readTrailerField(lines[i], trailer);
    end = k;
    break;
  }
  while (end > 0 && (lines[end - 1] === '' || isRule(lines[end - 1], '='))) end--;
  return { bodyEnd: end, trailer };
}

function readTrailerField(line: string, trailer: Trailer): void {
  const colon = line.indexOf(':');
  if (colon < 0) return;
  const key = line.slice(0, colon).trim().toLowerCase();
  const value = line.slice(colon + 1).trim();
  switch (key) {
    case 'keywords':
      trailer.keywords.push(...splitWords(value));
      break;
    case 'version':
      trailer.version = value;
      break;
    case 'issue type':
      trailer.issueType.push(...splitWords(value));
      break;
    case 'solution type':
      trailer.solutionType.push(...splitWords(value));
      break;
    case 'technology':
      trailer.technology.push(...splitWords(value));
      break;
  }
}

/** Removes the last "Additional query words:" line (and its wrapped continuation) from body; returns its words. */
function takeQueryWords(body: string[]): string[] {
  for (let i = body.length - 1; i >= 0; i--) {
    const m = QUERY_WORDS.exec(body[i].trimStart());
    if (!m) continue;
    const words = splitWords(m[1]);
    let j = i + 1;
    while (j < body.length && body[j] !== '' && !isRule(body[j], '=') && !isRule(body[j], '-')) words.push(...splitWords(body[j++]));
    body.splice(i, j - i);
    return [...new Set(words)];
  }
  return [];
}

/** The "applies to" block at the top of the body: its items, and the line after the block. */
function takeAppliesTo(body: readonly string[], start: number): { appliesTo: string[]; next: number } {
  let i = start;
  if (i < body.length && isRule(body[i], '-')) i++;
  while (i < body.length && body[i] === '') i++;
  const m = i < body.length ? APPLIES_TO.exec(body[i].trim()) : null;
  if (!m) return { appliesTo: [], next: start };
  const block: string[] = [m[1]];
  let j = i + 1;
  for (; j < body.length; j++) {
    if (isRule(body[j], '-') || isRule(body[j], '=')) {
      j++;
      break;
    }
    // Without a closing rule the list ends at the first blank line that is not followed by another `-` item.
    if (body[j] === '' && block.some((l) => l.trim()) && j + 1 < body.length && !body[j + 1].trimStart().startsWith('-')) break;
    block.push(body[j]);
  }
  return { appliesTo: listItems(block), next: j };
}

/** `- item` lines (nested ones too) without their dash; wrapped lines joined to their item. */
function listItems(lines: readonly string[]): string[] {
  const items: string[] = [];
  let open = false;
  for (const raw of lines) {
    const t = raw.trim();
    if (!t) {
      open = false;
      continue;
    }
    if (t.startsWith('-')) {
      const item = t.replace(/^-+\s*/, '');
      if (item) items.push(item);
      open = item.length > 0;
    } else if (open) items[items.length - 1] += ` ${t}`;
    else {
      items.push(t);
      open = true;
    }
  }
  return items;
}

/** A heading line: not indented, short, underlined by a run of `=` about as long as itself. */
function isUnderlinedHeading(line: string, underline: string | undefined): boolean {
  if (underline === undefined || line === '' || line[0] === ' ' || line[0] === '\t') return false;
  const u = underline.trim();
  if (u.length < 3 || !isAll(u, '=')) return false;
  const h = line.trim();
  if (h.length > MAX_HEADING_CHARS || isAll(h, '=') || isAll(h, '-')) return false;
  return u.length <= h.length + UNDERLINE_LONGER_BY && u.length >= h.length - UNDERLINE_SHORTER_BY;
}

function isLabelHeading(body: readonly string[], i: number): boolean {
  const line = body[i];
  if (line === '' || line[0] === ' ' || line[0] === '\t' || line.length > 20) return false;
  if (!LABEL_HEADING.test(line)) return false;
  return (i === 0 || body[i - 1] === '') && (i + 1 >= body.length || body[i + 1] === '');
}

function splitSections(body: readonly string[], start: number): Section[] {
  const sections: Section[] = [];
  let heading = '';
  let textStart = start;
  const close = (end: number) => {
    let a = textStart;
    let b = end;
    while (a < b && body[a] === '') a++;
    while (b > a && body[b - 1] === '') b--;
    if (a < b) sections.push({ kind: heading ? sectionKindOf(heading) : BODY_KIND, heading, text: body.slice(a, b).join('\n') });
  };
  for (let i = start; i < body.length; i++) {
    if (isUnderlinedHeading(body[i], body[i + 1])) {
      close(i);
      heading = body[i].trim();
      textStart = i + 2;
      i++;
    } else if (isLabelHeading(body, i)) {
      close(i);
      heading = body[i].trim().replace(/\s*:$/, '');
      textStart = i + 1;
    }
  }
  close(body.length);
  return sections;
}
