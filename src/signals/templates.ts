/**
 * One message line -> a template that ignores what varies from machine to machine.
 *
 * The same function templates the lines an article quotes and the lines a user pastes, so that
 * `failed to open <path to INS file> WIN32 ERROR = 32` (article) and
 * `failed to open C:\SMS\...\0000A1B2.INS WIN32 ERROR = 32` (paste) meet on one template.
 *
 * Work is done token by token on whitespace-separated chunks, with anchored regexes only: a pasted
 * line can be megabytes long and no pattern here may backtrack over it.
 */

// The masks a template can hold, each replacing one kind of machine-specific value:
// <path> <num> <hex> <guid> <date> <time> <ip> <host> <file> <var>.

/** Longest line templated; the rest is cut, since no message worth matching is longer. */
const MAX_TEMPLATE_INPUT_CHARS = 8000;

/** Words after which a number is an error code, so it is kept ("error 32", "STOP 0x0000000A", "Event ID 4254"). */
// prettier-ignore
const CODE_WORDS: ReadonlySet<string> = new Set([
  'error', 'err', 'errno', 'errorcode', 'code', 'stop', 'event', 'id', 'eventid', 'status', 'msg', 'win32', 'exception',
  'rc', 'hresult', 'sqlstate', 'return', 'returned', 'exit', 'ntstatus', 'bugcheck', 'lasterror', 'reason',
  // Why: the number after HTTP/1.x is the status (404, 500), which names the fault.
  'http',
]);

/** Words that stand for a value in an article's quote: `(address)`, `[*** Driver Name ***]`, `<server name>`. */
// prettier-ignore
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  'address', 'addr', 'name', 'number', 'num', 'path', 'file', 'filename', 'drive', 'letter', 'server', 'servername',
  'user', 'username', 'computer', 'computername', 'machine', 'value', 'x', 'n', 'nn', 'nnn', 'xx', 'xxx', 'driver',
  'share', 'sharename', 'domain', 'directory', 'dir', 'folder', 'printer', 'site', 'code', 'id', 'string', 'text',
  'your', 'the', 'of', 'some', 'any', 'program', 'application', 'app', 'database', 'table', 'field', 'object', 'host',
  'hostname', 'date', 'time', 'version', 'port', 'device', 'service', 'process', 'thread', 'module', 'message', 'mailbox',
]);

/** Common words that carry no identity; they count half when scoring and are left out of templateTokens. */
// prettier-ignore
const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'to', 'of', 'in', 'on', 'at', 'for', 'and', 'or', 'is', 'are', 'was', 'be', 'been', 'this', 'that',
  'it', 'by', 'with', 'as', 'from', 'not', 'you', 'your', 'will', 'has', 'have', 'do', 'does', 'please', 'may', 'can', '=',
]);

const PLACEHOLDER_SPAN = /<[^<>\r\n]{1,60}>|\[[^\[\]\r\n]{1,40}\]|\([a-z *]{1,40}\)/gi;
const QUOTED_PATH = /"(?:[a-z]:\\|\\\\)[^"\r\n]{0,260}"/gi;
const HAS_DIGIT = /\d/;
const SENTINEL = /^\uE000([a-z]+)\uE001$/;

const RE_GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/;
const RE_URL = /^[a-z][a-z0-9+.-]{1,9}:\/\//;
const RE_IP = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?::\d{1,5})?$/;
const RE_EMAIL = /^[^@\s]{1,64}@[a-z0-9-]{1,63}\.[a-z0-9.-]{1,200}$/;
// Dotted dates need a real day and month, and a year of 19xx or 20xx or two digits: 4.0.1381 and 5.00.2195 are builds.
const RE_DATE =
  /^(?:\d{1,4}[/-]\d{1,2}[/-]\d{1,4}|(?:19|20)\d\d\.(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:(?:19|20)?\d\d)|\d{1,2}\/[a-z]{3}\/\d{4})(?::\d\d:\d\d:\d\d)?$/;
const RE_TIME = /^\d{1,2}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,7})?(?:[+-]\d{1,4})?(?:am|pm)?$/;
const RE_HOST = /^[a-z0-9-]{1,63}\.[a-z0-9-]{1,63}\.[a-z0-9.-]{0,200}(?:com|net|org|edu|gov|local|corp|lan)$/;
const RE_DRIVE_PATH = /^[a-z]:(?:\\|[a-z0-9_$~-]{0,64}\\)/;
const RE_DRIVE_ROOT = /^[^a-z0-9\\]{0,8}[a-z]:\\{1,2}[^a-z0-9]{0,8}$/;
const RE_GROUPED_NUMBER = /^\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,30})?$/;
const RE_SLASH_PATH = /^\/[^\s/]{0,255}[/.]/;
const RE_HEX_0X = /^0x([0-9a-f]{1,16})$/;
const RE_BARE_HEX = /^[0-9a-f]{6,16}$/;
const RE_NUMBER = /^\d{1,30}(?:[.,]\d{1,30}){0,3}$/;
const RE_NUMBER_UNIT = /^\d{1,30}(?:st|nd|rd|th|k|kb|mb|gb|tb|ms|s|m|h|x|bit|bits)$/;
const RE_FILE = /^([a-z0-9_$~*?!#-]{1,128})\.([a-z0-9_]{1,4})$/;
const RE_PLACEHOLDER_WORD = /^(?:x{3,}|n{3,}|x|n|%\d{1,2}|%l?[sdxuc]|%\*?[a-z])$/;
/** A placeholder with the quotes, brackets and sentence stops around it that peeling would take, with its own `!`, `#` or `?`. */
const RE_PLACEHOLDER_CHUNK = /^["'(\[]{0,3}(?:#{1,}|\?{2,}|%\d{1,2}![a-z0-9]{1,4}!)["')\].,;:]{0,3}$/;
const SPLIT_INNER = /[^a-z0-9._'$%#?*!~\uE000\uE001=-]+/;

/** Masked, normalised template of one message line: lower case, whitespace collapsed, variable parts masked. */
export function templateOf(line: string): string {
  return templateTokenList(line).join(' ');
}

/** Tokens of a template that identify the fault (words and kept codes, without masks and stop words). */
export function templateTokens(template: string): string[] {
  const out: string[] = [];
  for (const t of template.split(' ')) {
    if (!t || isMask(t) || STOP_WORDS.has(t) || t.length < 2) continue;
    out.push(t);
  }
  return out;
}

/** True for a template token that stands for a value (`<path>`, `<file>.ins`). */
export function isMask(token: string): boolean {
  return token.charCodeAt(0) === 60; /* < */
}

function templateTokenList(line: string): string[] {
  let s = line.length > MAX_TEMPLATE_INPUT_CHARS ? line.slice(0, MAX_TEMPLATE_INPUT_CHARS) : line;
  s = s
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e]/g, '"');
  // Why: a quoted path may hold spaces ("C:\Program Files\x.dbf"); mask it whole before splitting on spaces.
  s = s.replace(QUOTED_PATH, ' \uE000path\uE001 ');
  // Why: articles write the variable part as a placeholder (<path to INS file>, (address), [*** Driver Name ***]).
  s = s.replace(PLACEHOLDER_SPAN, (m) => (isPlaceholderSpan(m) ? ' \uE000var\uE001 ' : m));
  const out: string[] = [];
  for (const chunk of s.split(/[\s\u00a0]+/)) {
    if (chunk) classifyChunk(chunk, out);
  }
  return out;
}

/** `<...>` is always a placeholder; brackets and parentheses only when every word is a placeholder word. */
function isPlaceholderSpan(span: string): boolean {
  if (span[0] === '<') return true;
  const inner = span.slice(1, -1).replace(/\*/g, ' ').trim();
  if (!inner) return span.includes('*');
  const words = inner.split(/\s+/);
  return words.every((w) => PLACEHOLDER_WORDS.has(w)) && words.some((w) => w !== 'the' && w !== 'your' && w !== 'of');
}

function classifyChunk(chunk: string, out: string[]): void {
  // Fast path: most chunks are plain words, possibly ending in sentence punctuation.
  const plain = plainWordEnd(chunk);
  if (plain > 0) {
    const w = plain === chunk.length ? chunk : chunk.slice(0, plain);
    if ((w === 'am' || w === 'pm') && out[out.length - 1] === '<time>') return;
    out.push(isPlaceholderWord(w) ? '<var>' : w);
    return;
  }
  const sentinel = SENTINEL.exec(chunk);
  if (sentinel) return void out.push(`<${sentinel[1]}>`);
  // Why: a drive's root ("on C:\\") is a path like any other; peeling would leave its letter as a word.
  if (RE_DRIVE_ROOT.test(chunk)) return void out.push('<path>');
  // Why: peeling strips a placeholder's own punctuation (%1!s! to %1!s, #### and ?? to nothing).
  if (RE_PLACEHOLDER_CHUNK.test(chunk)) return void out.push('<var>');
  // Why: in `code=####` the value is a placeholder too; peeling the chunk would strip it as trailing punctuation.
  const eq = chunk.lastIndexOf('=');
  if (eq >= 0 && RE_PLACEHOLDER_CHUNK.test(chunk.slice(eq + 1))) {
    classifyChunk(chunk.slice(0, eq), out);
    return void out.push('=', '<var>');
  }
  const bare = peel(chunk);
  if (!bare) return;
  const whole = wholeChunkMask(bare);
  if (whole) {
    out.push(whole);
    // Why: a path's file name (SMSEXEC.LOG, SSD.EXE) is often what identifies the fault; generated names still mask.
    if (whole === '<path>') pushFileName(bare, out);
    return;
  }
  for (const piece of bare.split(SPLIT_INNER)) {
    // Why: `=` separates a name from its value (`WIN32 ERROR=32`); keep it as its own token.
    const parts = piece.includes('=') ? piece.split('=').flatMap((p, i) => (i ? ['=', p] : [p])) : [piece];
    for (const part of parts) {
      if (part === '=') out.push('=');
      else if (RE_PLACEHOLDER_CHUNK.test(part)) out.push('<var>');
      else if (part.includes('\uE000')) splitSentinels(part, out);
      else {
        pushWord(peel(part), out);
      }
    }
  }
}

/** Length of the a-z word a chunk is (allowing trailing . , ; : ! ? ) before nothing else), or 0. */
function plainWordEnd(chunk: string): number {
  let i = 0;
  while (i < chunk.length) {
    const c = chunk.charCodeAt(i);
    if (c < 97 || c > 122) break;
    i++;
  }
  if (i === 0) return 0;
  for (let j = i; j < chunk.length; j++) {
    const c = chunk.charCodeAt(j);
    // . , ; : ! ? )
    if (c !== 46 && c !== 44 && c !== 59 && c !== 58 && c !== 33 && c !== 63 && c !== 41) return 0;
  }
  return i;
}

/** x, n, xxx, nnn: the letters articles write for a value. */
function isPlaceholderWord(w: string): boolean {
  if (w.length === 1) return w === 'x' || w === 'n';
  if (w.length < 3) return false;
  const c = w[0];
  if (c !== 'x' && c !== 'n') return false;
  for (let i = 1; i < w.length; i++) if (w[i] !== c) return false;
  return true;
}

function pushWord(word: string, out: string[]): void {
  if (!word) return;
  const t = classifyWord(word, out);
  if (t) out.push(t);
}

function splitSentinels(part: string, out: string[]): void {
  for (const bit of part.split(/(?=\uE000)|(?<=\uE001)/)) {
    const m = SENTINEL.exec(bit);
    if (m) out.push(`<${m[1]}>`);
    else pushWord(peel(bit), out);
  }
}

function pushFileName(path: string, out: string[]): void {
  const cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  if (cut < 0 || cut >= path.length - 1) return;
  const name = peel(path.slice(cut + 1));
  const file = RE_FILE.exec(name);
  if (file && /[a-z]/.test(file[2]) && !name.includes('\uE000')) pushWord(name, out);
}

/** Masks that apply to a whole whitespace-separated chunk (paths hold punctuation that would split them). */
function wholeChunkMask(c: string): string | undefined {
  // Why: paths, URLs and shares differ on every machine; the words around them identify the fault.
  if (c.includes('\\') || (c.includes(':') && (RE_DRIVE_PATH.test(c) || RE_URL.test(c))) || (c[0] === '/' && RE_SLASH_PATH.test(c))) return '<path>';
  // Every mask below needs a digit (or is a host name with dots); most words have neither.
  if (!HAS_DIGIT.test(c) && !c.includes('.')) return undefined;
  // Why: GUIDs are generated per install.
  if (RE_GUID.test(c)) return '<guid>';
  // Why: "1,024" is one count; split at its comma it would be two.
  if (RE_GROUPED_NUMBER.test(c)) return '<num>';
  // Why: addresses differ per network; a trailing :port goes with them.
  if (RE_IP.test(c)) return '<ip>';
  if (c.includes('@') && RE_EMAIL.test(c)) return '<var>';
  // Why: dates and times are when it happened, not what happened.
  if (RE_DATE.test(c)) return '<date>';
  if (RE_TIME.test(c)) return '<time>';
  // Why: fully qualified host names are per site.
  if (RE_HOST.test(c)) return '<host>';
  return undefined;
}

function classifyWord(w: string, out: readonly string[]): string {
  if (w === 'am' || w === 'pm') {
    // Why: "5:35:52 PM" is one time; the AM/PM goes into the <time> mask.
    if (out.length && out[out.length - 1] === '<time>') return '';
    return w;
  }
  // Why: articles write the variable part as xxx, nnn, ####, %1 or %s.
  if (RE_PLACEHOLDER_WORD.test(w)) return '<var>';
  // Why: a date glued to a character that splits the chunk ("1999-12-31¡") is still a date.
  if (RE_DATE.test(w)) return '<date>';
  if (RE_TIME.test(w)) return '<time>';
  const hex = RE_HEX_0X.exec(w);
  if (hex) {
    // Why: 0x8..., 0xC... values of 8 digits are HRESULT/NTSTATUS codes; after STOP/error any 0x value is a code.
    return isCodeHex(hex[1]) || followsCodeWord(out) ? w : '<hex>';
  }
  if (RE_NUMBER.test(w)) {
    // Why: the number after "error", "ERROR =", "STOP", "Event ID" names the fault; others are counts, sizes, ids.
    return followsCodeWord(out) ? w : '<num>';
  }
  if (RE_BARE_HEX.test(w) && /\d/.test(w) && /[a-f]/.test(w)) {
    // Why: c0000005 (exception) and 80004005 (HRESULT) are codes; other hex runs are addresses and ids.
    return (w.length === 8 && isCodeHex(w)) || followsCodeWord(out) ? w : '<hex>';
  }
  // Why: "64kb", "2nd", "32mb" are quantities.
  if (RE_NUMBER_UNIT.test(w)) return '<num>';
  const file = RE_FILE.exec(w);
  if (file && /[a-z]/.test(file[2])) {
    // Why: generated file names (1000tS01.ins, XXXXXXXX.cal, *.usr) vary; the extension says what kind of file.
    const stem = file[1];
    if (countDigits(stem) >= 3 || /[*?]/.test(stem) || /^(?:x{3,}|n{3,}|#+)$/.test(stem)) return `<file>.${file[2]}`;
    return w;
  }
  if (/^\d/.test(w) && /[a-z]/.test(w) && countDigits(w) >= 2 && !followsCodeWord(out)) {
    // Why: tokens starting with digits and holding letters (job ids like 1000ts01) are generated.
    return '<var>';
  }
  return w;
}

/** A template token that is an 8-digit HRESULT/NTSTATUS value the template kept as a code (`800a01ad`, `0xc0000005`). */
export function isHexCodeToken(token: string): boolean {
  const hex = RE_HEX_0X.exec(token);
  if (hex) return isCodeHex(hex[1]);
  return RE_BARE_HEX.test(token) && isCodeHex(token);
}

function isCodeHex(digits: string): boolean {
  return digits.length === 8 && (digits[0] === '8' || digits[0] === 'c');
}

function followsCodeWord(out: readonly string[]): boolean {
  for (let i = out.length - 1, seen = 0; i >= 0 && seen < 3; i--, seen++) {
    const t = out[i];
    if (t === '=' || t === 'number' || t === 'no' || t === 'no.' || (t === 'code' && seen > 0)) continue;
    return CODE_WORDS.has(t);
  }
  return false;
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Strips punctuation from both ends of a token (quotes, brackets, sentence stops), keeping inner punctuation. */
function peel(t: string): string {
  let a = 0;
  let b = t.length;
  while (a < b && isEdgePunct(t.charCodeAt(a), true)) a++;
  while (b > a && isEdgePunct(t.charCodeAt(b - 1), false)) b--;
  return a === 0 && b === t.length ? t : t.slice(a, b);
}

function isEdgePunct(c: number, leading: boolean): boolean {
  if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 0xe000 || c === 0xe001 || c >= 0x80) return false;
  // Keep a leading % (%1), #, or *, and a leading '\' or '/' (paths are handled before peeling).
  if (leading && (c === 37 || c === 35 || c === 42 || c === 92 || c === 47)) return false;
  if (c === 61) return false; // '='
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Similarity

interface Tokenised {
  tokens: string[];
  set: Set<string>;
}

const tokenCache = new Map<string, Tokenised>();
const TOKEN_CACHE_LIMIT = 4096;
/** Longest token lists compared: keeps one comparison bounded however long the pasted line. */
const MAX_COMPARE_TOKENS = 400;

function tokenise(template: string): Tokenised {
  let t = tokenCache.get(template);
  if (t) return t;
  const tokens = template.split(' ').filter(Boolean).slice(0, MAX_COMPARE_TOKENS);
  t = { tokens, set: new Set(tokens) };
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
  tokenCache.set(template, t);
  return t;
}

/** How much one article token is worth: masks and stop words say less about the fault than words and codes. */
function weightOf(token: string): number {
  if (isMask(token)) return 0.5;
  if (STOP_WORDS.has(token)) return 0.5;
  return 1;
}

/** templateSimilarity's work arrays, grown as needed and reused: it runs thousands of times a paste. */
let weightScratch = new Float64Array(64);
let rowScratch = new Float64Array(3 * 64);

/** Cost of a pasted token inside the matched span that the article line does not have. */
const INSERT_COST = 0.25;

/**
 * Similarity 0..1 between a pasted line's template and an article line's template: the weighted share of
 * the article's tokens found in order in the pasted line, less a small cost for extra pasted tokens inside
 * the matched span. Text before and after the span is free (the article line may be part of a longer
 * pasted line), and an article mask matches any run of pasted tokens.
 */
export function templateSimilarity(pasted: string, article: string): number {
  if (!pasted || !article) return 0;
  if (pasted === article) return 1;
  const A = tokenise(article).tokens;
  const P = tokenise(pasted);
  const n = A.length;
  const m = P.tokens.length;
  if (!n || !m) return 0;
  if (weightScratch.length < n) weightScratch = new Float64Array(Math.max(n, 2 * weightScratch.length));
  const w = weightScratch;
  let total = 0;
  let reachable = 0;
  for (let i = 0; i < n; i++) {
    w[i] = weightOf(A[i]);
    total += w[i];
    if (isMask(A[i]) || P.set.has(A[i])) reachable += w[i];
  }
  // Cheap bound first: most article lines share few words with a pasted line.
  if (reachable / total < 0.5) return round(reachable / total / 2);
  // prev[j] = best score aligning A[0..i) with the span ending at pasted position j (free start).
  if (rowScratch.length < 3 * (m + 1)) rowScratch = new Float64Array(Math.max(3 * (m + 1), 2 * rowScratch.length));
  rowScratch.fill(0, 0, 3 * (m + 1));
  let prev = rowScratch.subarray(0, m + 1);
  let cur = rowScratch.subarray(m + 1, 2 * (m + 1));
  // maskRun[j]: best score where article mask A[i-1] has consumed P[j-1] and may consume more.
  const maskRun = rowScratch.subarray(2 * (m + 1), 3 * (m + 1));
  for (let i = 1; i <= n; i++) {
    const a = A[i - 1];
    const mask = isMask(a);
    const wi = w[i - 1];
    cur[0] = prev[0] + (mask ? wi / 2 : 0); // a mask before the span matches nothing: half its weight, as at every other j
    maskRun[0] = -Infinity;
    for (let j = 1; j <= m; j++) {
      const p = P.tokens[j - 1];
      // Article token left unmatched: no credit.
      let best = prev[j];
      // Pasted token inserted inside the span.
      const ins = cur[j - 1] - INSERT_COST;
      if (ins > best) best = ins;
      if (mask) {
        // A mask starts at P[j-1] or extends its run over it.
        const start = prev[j - 1] + wi;
        const extend = maskRun[j - 1];
        const run = start > extend ? start : extend;
        maskRun[j] = run;
        if (run > best) best = run;
        // A mask matching nothing earns half its weight.
        const empty = prev[j] + wi / 2;
        if (empty > best) best = empty;
      } else if (a === p) {
        const match = prev[j - 1] + wi;
        if (match > best) best = match;
      } else if (isMask(p) && !STOP_WORDS.has(a)) {
        // A pasted mask where the article wrote a literal value (an example path or number) earns half.
        const half = prev[j - 1] + wi / 2;
        if (half > best) best = half;
      }
      cur[j] = best;
    }
    const t = prev;
    prev = cur;
    cur = t;
    if (!mask) maskRun.fill(-Infinity);
  }
  let best = 0;
  for (let j = 0; j <= m; j++) if (prev[j] > best) best = prev[j];
  // Pasted words the article line does not account for dilute the match a little, so a short generic
  // article line ("file not found") does not score as high inside a long pasted line as an exact match.
  let pastedWeight = 0;
  for (let j = 0; j < m; j++) if (!isMask(P.tokens[j])) pastedWeight += weightOf(P.tokens[j]);
  const unexplained = Math.max(0, pastedWeight - best);
  return round(Math.min(1, best / (total + EXTRA_PASTED_COST * unexplained)));
}

/** Share of an unexplained pasted token's weight added to the article's weight when normalising. */
const EXTRA_PASTED_COST = 0.15;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
