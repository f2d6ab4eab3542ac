/**
 * Article sections -> the message lines the article quotes as what the user saw, as signatures.
 *
 * KB articles quote a message in an indented block under the prose that introduces it
 * ("you receive the following error message:"), or inline in double quotes. Indented blocks also hold
 * code, commands, registry paths, tables and list continuations; the heuristics below keep those out.
 */
import type { Section, Signature } from '../types.js';
import { stripLogPrefix } from './log-lines.js';
import { templateOf, templateTokens } from './templates.js';
import { LIST_ITEM } from './list-item.js';

/** Sections searched, most telling first; any other section kind comes after these, except SKIPPED_SECTIONS. */
const SECTION_ORDER = ['symptoms', 'cause', 'more-information', 'summary', 'question', 'problem', 'status', 'workaround', 'resolution'] as const;

/** Sections that list other articles or boilerplate rather than what a user saw. */
const SKIPPED_SECTIONS: ReadonlySet<string> = new Set(['references', 'applies-to', 'keywords', 'additional-query-words']);

/** A signature must carry at least this many distinct identifying tokens (words or kept codes)... */
const MIN_SIGNATURE_TOKENS = 3;
/** ...or this many when one of them is an error code (`error 0x2740`). */
const MIN_SIGNATURE_TOKENS_WITH_CODE = 2;
/** Quoted lines longer than this are prose or dumps, not a message line. */
const MAX_QUOTED_LINE_CHARS = 400;
/** Blocks longer than this many lines are listings (code, dumps, logs of setup), not one message. */
const MAX_BLOCK_LINES = 40;

export function extractSignatures(sections: Section[]): Signature[] {
  const out: Signature[] = [];
  const seen = new Set<string>();
  for (const section of orderSections(sections)) {
    for (const quote of quotedLinesOf(section.text)) {
      const message = cleanQuotedLine(quote);
      if (!message || message.length > MAX_QUOTED_LINE_CHARS) continue;
      const template = templateOf(message);
      if (!template || seen.has(template) || !isDistinctive(template)) continue;
      seen.add(template);
      out.push({ template, line: message, section: section.kind });
    }
  }
  return out;
}

/** Lines such as `file not found` or `size <num> kb` fit too many logs to point at one article. */
function isDistinctive(template: string): boolean {
  const tokens = new Set(templateTokens(template));
  if (tokens.size >= MIN_SIGNATURE_TOKENS) return true;
  return tokens.size >= MIN_SIGNATURE_TOKENS_WITH_CODE && [...tokens].some((t) => /\d/.test(t) && /^(?:0x)?[0-9a-f]{2,}$|^[a-z]{1,4}\d{2,}$/.test(t));
}

function sectionRank(kind: string): number {
  const i = (SECTION_ORDER as readonly string[]).indexOf(kind);
  return i < 0 ? SECTION_ORDER.length : i;
}

function orderSections(sections: Section[]): Section[] {
  return sections
    .filter((s) => !SKIPPED_SECTIONS.has(s.kind))
    .map((s, i) => ({ s, i, r: sectionRank(s.kind) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.s);
}

/** Removes log decoration and the quotes or bullets an article wraps a message in. */
function cleanQuotedLine(line: string): string {
  let s = stripLogPrefix(line.trim()).message;
  // Why: articles often wrap the quoted message in straight or typographic quotes.
  s = trimQuotes(s);
  // Why: an event's detail labels (Type: Error, Category: None) fit every event; only the text after
  // `Description:` is the message, and a paste may carry it with or without the label.
  if (EVENT_DETAIL_LABEL.test(s)) return '';
  return s.replace(/^Description:\s*/i, '');
}

function isQuote(c: string | undefined): boolean {
  return c === '"' || c === '\u201c' || c === '\u201d';
}

function trimQuotes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isQuote(s[a])) a++;
  while (b > a && isQuote(s[b - 1])) b--;
  return s.slice(a, b).trim();
}

const EVENT_DETAIL_LABEL =
  /^(?:Event )?(?:Type|Category|Source|User|Computer|Date|Time|Object|Counter|Instance|Event Source|Event Type|Event Category)\s{0,3}[:-]\s*\S{0,40}(?:\s\S{1,40}){0,3}$/i;

interface RawLine {
  text: string;
  indent: number;
}

/** Every line (joined where wrapped) that a section quotes, in order. */
export function quotedLinesOf(text: string): string[] {
  // Why: a quote is an indented block or a double-quoted phrase. With no line indented and no `"`, there
  // is neither, and most sections are such prose: skip splitting them into lines.
  if (!text.includes('"') && !hasIndentedLine(text)) return [];
  const lines = text.split('\n').map(rawLine);
  let base = Infinity;
  for (const l of lines) if (l.text && l.indent < base) base = l.indent;
  if (base === Infinity) return [];

  const out: string[] = [];
  let textColumn = base; // where prose (or the current list item's text) starts
  let lastProse = ''; // the prose line just before a block, to see whether it introduces a message
  let proseParagraph: string[] = [];
  let i = 0;
  let afterBlank = false;
  while (i < lines.length) {
    const l = lines[i];
    if (!l.text) {
      flushProse(proseParagraph, out);
      proseParagraph = [];
      afterBlank = true;
      i++;
      continue;
    }
    const item = LIST_ITEM.exec(l.text);
    // Why: under a list item ending in ':' the quote often sits at the item's own text column.
    const quoteUnderItem = !item && afterBlank && textColumn > base && l.indent === textColumn && lastProse.endsWith(':');
    afterBlank = false;
    if (!quoteUnderItem && (l.indent <= textColumn || (item && l.indent <= textColumn + 2))) {
      // Prose, or a new list item whose text column its continuation lines share.
      if (item) textColumn = l.indent + item[0].length;
      else if (l.indent === base) textColumn = base;
      proseParagraph.push(l.text);
      lastProse = l.text;
      i++;
      continue;
    }
    // An indented block: every following non-blank line deeper than the text column.
    flushProse(proseParagraph, out);
    proseParagraph = [];
    const block: RawLine[] = [];
    const floor = quoteUnderItem ? textColumn - 1 : textColumn;
    while (i < lines.length && lines[i].text && lines[i].indent > floor) block.push(lines[i++]);
    if (block.length <= MAX_BLOCK_LINES && introducesQuote(lastProse, block)) out.push(...messagesOfBlock(block));
    // Blocks separated by "-or-" lines share the introduction; keep lastProse as is.
  }
  flushProse(proseParagraph, out);
  return out;
}

/** A line's text without surrounding white space, and its indent with tabs counted as 8 columns. */
function rawLine(line: string): RawLine {
  const t = line.includes('\t') ? line.replace(/\t/g, '        ') : line;
  let indent = 0;
  while (indent < t.length && t.charCodeAt(indent) === 32) indent++;
  const text = t.trim();
  // Why: other white space (no-break spaces, form feeds) also indents; count it the slow way.
  if (text && indent < t.length && t.charCodeAt(indent) !== text.charCodeAt(0)) return { text, indent: t.length - t.trimStart().length };
  return { text, indent };
}

/** A paragraph of prose may quote a message inline. */
function flushProse(paragraph: string[], out: string[]): void {
  if (paragraph.length) out.push(...inlineQuotes(paragraph.join(' ')));
}

/** Whether a line starts with white space (any, as rawLine counts it: no-break spaces indent too). */
function hasIndentedLine(text: string): boolean {
  return INDENTED_LINE.test(text);
}
const INDENTED_LINE = /(?:^|\n)[^\S\n]/;

/** True when the prose before a block (or the block itself) says it holds a message someone saw. */
function introducesQuote(intro: string, block: RawLine[]): boolean {
  if (
    intro.endsWith(':') &&
    !/\b(?:type|command|following (?:lines?|code|steps?|entr(?:y|ies)|keys?|values?|sample|example|registry|settings?|text to)|registry|syntax|add|change|set|example|code|program|sample|listing)\b[^:]{0,60}:\s*$/i.test(
      intro,
    )
  )
    return true;
  if (MESSAGE_WORDS.test(intro)) return true;
  // A block without introduction still counts when it reads like a message (error words, no code).
  return block.some((b) => MESSAGE_LIKE.test(b.text));
}

const MESSAGE_WORDS =
  /\b(?:message|messages|error|errors|prompt|dialog box|displays?|displayed|appears?|receive|reports?|logged|log file|event|states?|reads?|following (?:text|warning|text)|says)\b/i;
const MESSAGE_LIKE =
  /\b(?:error|cannot|can't|could not|couldn't|unable|failed|failure|invalid|not (?:found|enough|available|responding|supported)|denied|illegal|fatal|exception|violation|warning|abort|retry|insufficient|out of memory|corrupt)\b/i;

/** Lines of one indented block that are messages, wrapped lines joined. */
function messagesOfBlock(block: RawLine[]): string[] {
  const keep = block.filter((b) => !isNotMessage(b.text));
  // Why: a block with a third of its lines code, commands or table rows is a listing; its other lines are too.
  const rejected = block.length - keep.length;
  if (rejected >= 2 && rejected * 3 >= block.length) return [];
  const out: string[] = [];
  let cur: RawLine | undefined;
  let parts: string[] = [];
  const flush = () => {
    if (!cur) return;
    const joined = parts.join(' ');
    out.push(joined);
    // Why: a paste may carry one wrapped line alone; each long enough part is also a signature.
    if (parts.length > 1) for (const p of parts) out.push(p);
    cur = undefined;
    parts = [];
  };
  for (let k = 0; k < block.length; k++) {
    const b = block[k];
    if (!keep.includes(b) || isSeparator(b.text)) {
      flush();
      continue;
    }
    if (cur && continues(cur, parts[parts.length - 1], b)) {
      parts.push(b.text);
      continue;
    }
    flush();
    cur = b;
    parts = [b.text];
  }
  flush();
  return out;
}

/** A wrapped message continues when the next line has the same indent and the last did not end a sentence. */
function continues(first: RawLine, last: string, next: RawLine): boolean {
  if (next.indent !== first.indent) return false;
  if (/[.!?:;>\])]["']?$/.test(last)) return false;
  // Why: a wrapped sentence goes on in lower case or with a word, not a new label such as `Event ID:`.
  if (/^[A-Z][\w ]{0,30}:/.test(next.text) && /^[A-Z][\w ]{0,30}:/.test(last)) return false;
  return true;
}

function isSeparator(text: string): boolean {
  return /^[-\u2013]*\s*(?:or|and|-or-|- or -|OR|AND)\s*[-\u2013]*$/i.test(text);
}

/** Code, commands, registry paths, INI lines, tables and steps are not messages. */
export function isNotMessage(text: string): boolean {
  const t = text.trim();
  if (!t) return true;
  if (NOT_MESSAGE.some((re) => re.test(t))) return true;
  // Tables: two or more wide gaps between cells.
  let gaps = 0;
  for (let k = t.indexOf('   '); k >= 0 && gaps < 2; k = t.indexOf('   ', k + 3)) {
    gaps++;
    while (t[k + 3] === ' ') k++;
  }
  return gaps >= 2;
}

const NOT_MESSAGE: readonly RegExp[] = [
  // Registry paths and values.
  /HKEY_|^HK(?:LM|CU|CR|U)\\|\bREG_(?:SZ|DWORD|BINARY|EXPAND_SZ|MULTI_SZ)\b|^\\?(?:SYSTEM|SOFTWARE)\\(?:CurrentControlSet|Microsoft)\\/i,
  // C, C++, Java, BASIC, FoxPro, SQL and script code.
  /[;{}]\s*$|^[{}]|^\/\/|^\/\*|^\*\/|^#(?:include|define|if|ifdef|endif|pragma|import)\b|^\*!\*|^&&|^'[^']*$|^REM\b/i,
  /^(?:Dim\s+\w+(?:\s+As\b|\(|,|$)|(?:Private|Public|Static|Global)\s+(?:Sub|Function|Const|Declare|Dim|Type)\b|(?:Sub|Function)\s+\w+\s*\(|End\s+(?:Sub|Function|If|With|Type|Select)\b|Declare\s+(?:Function|Sub)\b|Const\s+\w+\s*=|Next(?:\s+\w+)?$|Loop$|Wend$|Option\s+Explicit|PROCEDURE\s+\w+|EXEC(?:UTE)?\s+\w|GO$|return\b.{0,80};|printf\s*\()/i,
  /^(?:SELECT\s.{1,120}\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|CREATE\s+(?:TABLE|PROC|PROCEDURE|INDEX|VIEW)\s|ELSE$|ENDIF$|ENDDO$|ENDCASE$|ENDSCAN$|DO CASE$|OTHERWISE$)/,
  /^(?:(?:var|int|void|char|struct|class|long|DWORD|BOOL|HRESULT|HANDLE|LPSTR|UINT|WORD|short|float|double|unsigned)\s+\**\w+\s*[=;(,[]|__int64\s)/,
  /^[A-Za-z_][\w.()]{0,80}\s*=\s*\S/, // assignment or INI key=value
  /^\[[\w .$-]{1,60}\]$/, // INI section header
  /^[\w.]{1,60}\((?!\d{1,6}\))[^)]{0,200}\)\s*$/, // a bare call (FILE.C(120) is a source position, not a call)
  /(?:\s&\s_|\s_)$|^\*\s|^if\s.{1,200}\bthen$|^(?:if|while|for)\s*\(.{0,200}\)\s*\{?$|^(?:for|set)\s+[\w.]+\s*=|^if\s+(?:not\s+)?exists\s*\(|^(?:lparameters|parameters|local)\s+\w/i,
  // A reference to another article, a phone number, a file listing row (time, size, name).
  /^Q\d{5,6}\s/,
  /\(\d{3}\)\s?\d{3}-\d{4}|\b\d-\d{3}-\d{3}-\d{4}\b/,
  /^\d{1,2}[-/]\w{2,3}[-/]\d{2,4}\s+\d{1,2}:\d{2}[^,]{0,40}?\s\d{1,3}(?:,\d{3})+\s|^\d{1,2}:\d{2}\s?[ap]?m?\s+[\d,]{3,}\s/i,
  // A key column then a wide gap then its description (policy and switch tables).
  /^[\w.-]{2,40}\s{4,}\S/,
  // Commands at a prompt or with switches.
  /^[A-Za-z]:\\[^<>\s]{0,200}>/,
  /^(?:net|at|copy|xcopy|del|erase|ren|rename|dir|cd|md|mkdir|rd|set|regedit|regedt32|expand|format|attrib|path|start|echo|ping|ipconfig|nbtstat|netstat|route|rdisk|chkdsk|scandisk|edit|rundll32|regsvr32|msiexec|sys|fdisk|smartdrv|mem|subst|net\.exe|type|move|cacls|runas|sc|tracert|nslookup|arp|winnt(?:32)?|setup\.exe|sysdiff|ntbackup|isinteg|eseutil|edbutil|mtacheck|dcdiag|netdom|dsastat)(?:\.exe|\.com)?\s+(?:[/\\-]|[A-Za-z]:|\\\\|\S{0,40}[.\\]|start\b|stop\b|use\b|view\b|user\b|share\b|send\b|time\b|config\b|localgroup\b|group\b|session\b|file\b|print\b|accounts\b)/i,
  /^(?:device|devicehigh|install|files|buffers|shell|lastdrive|dos|stacks|load|run|loadhigh|lh)\s*=/i, // CONFIG.SYS / WIN.INI
  // Numbered steps.
  /^\d{1,2}[.)]\s/,
];

/** Double-quoted message text in a prose paragraph introduced as a message ("... the error: "Cannot ..."."). */
function inlineQuotes(paragraph: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let guard = 0; guard < 50; guard++) {
    const open = paragraph.indexOf('"', from);
    if (open < 0) break;
    const close = paragraph.indexOf('"', open + 1);
    if (close < 0) break;
    const inner = paragraph.slice(open + 1, close).trim();
    const before = paragraph.slice(Math.max(0, open - 100), open);
    if (inner.length >= 12 && inner.length <= MAX_QUOTED_LINE_CHARS && inner.split(/\s+/).length >= 3 && QUOTE_INTRO.test(before)) {
      out.push(inner);
    }
    from = close + 1;
  }
  return out;
}

const QUOTE_INTRO =
  /\b(?:message|error|errors|prompt|warning|states?|says|reads|displays?|displayed|appears?|following|receive|received|returns?|returned|reports?|logged|event)\b[^".]{0,60}$/i;
