/**
 * Error codes in every spelling, normalised to one canonical key and decoded.
 *
 * `Error 32`, `WIN32 ERROR = 32`, `ERROR_SHARING_VIOLATION`, `0x80070020`, `-2147024864` and
 * `STATUS_SHARING_VIOLATION` all carry the key `win32:32` (as their key or an alias), so an article that
 * quotes one spelling is found by a query in another. Articles and pasted logs are read by this same code.
 *
 * What counts as a code (each rule exists because the archive is full of numbers that are not codes):
 * - A decimal number is a code only right after a context word: `error`, `error code|number|no.|#`,
 *   `win32 error`, `system error`, `GetLastError()`, `rc=`, `return code`. It becomes `win32:N` whatever the
 *   product, so identical spellings match; the name and meaning are given only when no other product is named
 *   just before (`Setup error 110`, `SNA ... error 2574`, `run-time error 53`, ODBC native errors).
 *   `status N`, `returned N`, `Event ID N`, `N files`, `error 1 of 3`, `error 4.0` are not codes.
 * - `System error N` (NET.EXE) is `win32:N` with the alias `net:N`; `NET2182`/`NET 2182` (2100-3999) and
 *   `NET HELPMSG N` are `net:N` with the alias `win32:N`; any Win32 number in the LAN Manager table (2100-2999)
 *   also carries `net:N`. NET and Win32 share one number space, so the aliases cost nothing.
 * - 8 hex digits with the severity bit set (`0x80070020`, `80004005`, `C0000005`, `-2147024864`) are read
 *   when the value is in the tables, or when an error word (error, failed, hr, code, status, result, return,
 *   exception) precedes it on the same line. FACILITY_WIN32 HRESULTs alias their Win32 code; NTSTATUS values
 *   with a well-known Win32 mapping (hand-kept in data/extra.json) alias it. Zero-padded values
 *   (`0x0000000A`) are codes only after STOP/bug check or an error word: registry values and STOP
 *   parameters look the same. Shorter hex (`0x2EB` thread ids) is a code only after STOP or an error word.
 * - `STOP 0x0000000A`, `STOP: 0xa`, `Stop 0A`, `STOP 0000007B`, `*** STOP 0x0000001E (...)`: key `stop:0x...`. The
 *   parameters in parentheses are skipped, except the first of 0x1E/0x8E, which is an exception code.
 *   Without `0x`, lower-case `stop` needs a colon or a digit-led number of two or more digits (`stop 10
 *   services` is not a bug check).
 * - `exception [number|code][:] c0000005` and 8-hex values after `exception` on the same line:
 *   `exception:0xc0000005`, alias `ntstatus:0xc0000005`.
 * - Negative numbers: `-N` (up to 5 digits) after an error word is a JET error when it is in the JET table or
 *   the line speaks of JET/ESE/databases/Exchange; a bare `-N` (3-5 digits) needs both that context and either
 *   the table or the word JET. 10-digit negatives are signed HRESULTs/NTSTATUS values.
 * - SQLSTATEs need an ODBC context: after `SQLSTATE`/`SQLState`/`State:`/`State=`, or, for the codes with
 *   letters (S1000, IM002, HY000, 08S01), a nearby `ODBC`/`SQL`/`[Microsoft]`/`driver` or a colon after.
 * - Tool messages: letters+4 digits (`C2139`, `LNK2001`; 5 only for `BC30451`) after `error`/`warning`/
 *   `fatal`/`note`; bare only with a prefix in TOOL_PREFIXES and a first digit that prefix uses
 *   (so `R4000` the MIPS chip and `Q161043` the KB number are not codes).
 * - Symbolic names (`ERROR_*`, `WSAE*`, `E_*`, `STATUS_*`, bug check names, `NERR_*`, `MAPI_E_*`,
 *   `JET_err*`) are codes when the tables know them, in any case.
 *
 * The scan visits only the tokens around digits and underscores; every other regex runs on a bounded slice
 * or sticky at one position with bounded repeats, so the scan is linear in the text.
 */
import type { ErrorCode } from '../types.js';
import { CODE_FAMILIES } from '../types.js';
import {
  JET,
  SQLSTATE,
  STOP,
  TOOL_PREFIXES,
  WIN32,
  codeFromKey,
  codeFromName,
  exceptionCode,
  isSqlstate,
  jetCode,
  longCode,
  netCode,
  sqlstateCode,
  stopCode,
  toolCode,
  win32Code,
} from './code-table.js';

/**
 * Every spelling of a code holds a digit or an underscore (WSAE* names aside), so the scan visits only the
 * word-character tokens around those, and reads the context words *before* a token with short regexes
 * anchored at the end of a bounded slice. Prose without digits costs one pass of a simple regex.
 */
const TOKEN_HIT = /[0-9_]|WSAE|wsae/g;
/** TOKEN_HIT for text without WSAE: a single character class, which the regex engine scans several times faster. */
const DIGIT_HIT = /[0-9_]/g;

/** Context words before a Win32-ish number; bounded repeats, anchored at the end of a short slice. */
const ERR_BEFORE =
  /(?:\b(win32|system|winsock|socket|dos|ras|windows)[ \t]{1,3})?(\berror|\berr|\brc|\breturn|getlasterror)\b(\(\))?((?:[ \t]{0,4}(?:code|number|no\.?|num|nr|value|returns|returned|returning|is|of))?)[ \t]{0,4}(==|[:=#])?[ \t]{0,4}[(\[]?[ \t]{0,2}(-?)$/i;
const STOP_BEFORE = /\bstop(?:[ \t]{0,3}(?:error|message|code|screen))?[ \t]{0,3}(:?)[ \t]{0,3}(0x)?$/i;
const EXCEPTION_BEFORE = /\bexception(?:[ \t]{0,3}(?:number|code|no\.?|value))?[ \t]{0,3}:?[ \t]{0,3}(?:0x)?$/i;
const STATE_BEFORE = /(sql|[a-z])?state[ \t]{0,3}(?:is[ \t]{0,2})?(==|[:=])?[ \t]{0,3}["'\[(]?[ \t]{0,2}$/i;
const NET_BEFORE = /\bNET $/;
const HELPMSG_BEFORE = /\bhelpmsg[ \t]{1,3}$/i;
const STOP_PARAMS = /[ \t]{0,4}(?:\r?\n[ \t]{0,8})?[({]([^(){}\n]{0,200})[)}]/y;
/** Parameters written without parentheses (`stop 0x0000000a 0x00000104 0x00000002 ...`). */
const STOP_BARE_PARAMS = /((?:[ \t]{0,2},?[ \t]{1,3}(?:0x)?[0-9a-f]{8}(?![\w])){1,4})/iy;

/** What the text just after a number says about it: a count, a range, a version, a time. */
const NOT_A_CODE_AFTER = /^(?:[.,:\/-]\d|[ \t]{0,3}(?:of|to|and|through|entries|percent|kb|mb|gb)\b|[ \t]{0,3}%)/i;
/** A unit after a number counts it: in the plural always, in the singular only after 1 ("error 2 file not found" is error 2). */
const UNIT_AFTER = /^[ \t]{0,3}(?:file|byte|item|second|sec|minute|hour|day|time|row|record)(s?)\b/i;
/** Products whose "error N" is not a Win32 error: the key stays win32:N, the name is withheld. */
const OTHER_PRODUCT =
  /run[- ]?time|setup|compil|\bsna\b|odbc|\bjet\b|mapi|\bsql|\bdde\b|trappable|\bvb\b|basic|parse|syntax|http|\bftp\b|smtp|ldap|\bdlc\b|nmake|\blink\b|internal|\[microsoft\]|native|\bstate\b|printer|lpd|x\.25/i;
const ERROR_WORDS = /error|\berr\b|fail|hresult|\bhr\b|code|status|return|result|excep|bug ?check|trap/i;
const JET_CONTEXT = /\bjet|\bese\b|eseutil|isinteg|database|exchange|information store|\.edb\b|\bstore\b/i;
const SQL_CONTEXT = /odbc|sql|state|\[microsoft\]|driver/i;
const TOOL_CONTEXT = /(?:error|warning|fatal|note)[ \t]{0,3}:?[ \t]{0,3}$/i;
/** A bug check word with no number between it and the value (a later value is a parameter). */
const STOP_CONTEXT = /(?:\bstop\b|bug ?check|blue screen)[^0-9\n]{0,30}$/i;

/** An exception word earlier on the line, not a bug check name (KMODE_EXCEPTION_...) nor an address after it. */
const EXCEPTION_LEAD = /(?<![_a-z])exception(?![_a-z])(?![^\n]{0,64}address)[^\n]{0,64}$/i;
const isExceptionLead = (lead: string, v: number): boolean => (v >>> 28 === 0x8 || v >>> 28 >= 0xc) && EXCEPTION_LEAD.test(lead);

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Up to `n` characters before `i` on the same line. */
function before(text: string, i: number, n: number): string {
  const s = text.slice(Math.max(0, i - n), i);
  const nl = s.lastIndexOf('\n');
  return nl < 0 ? s : s.slice(nl + 1);
}

/** Up to `n` characters from `i` on the same line. */
function after(text: string, i: number, n: number): string {
  const s = text.slice(i, i + n);
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

interface Found {
  code?: ErrorCode;
  extra?: ErrorCode;
  /** Where scanning resumes when the code took more than its token (STOP parameters). */
  end?: number;
}

/** A 10-digit negative decimal as the 32-bit HRESULT/NTSTATUS it prints (-2147024864 -> 0x80070020). */
function signedLong(magnitude: number, text: string, context: boolean): ErrorCode | undefined {
  if (magnitude > 0x80000000) return undefined;
  return longCode(0x100000000 - magnitude, text, { context });
}

/** A number after `error`, `rc=`, `GetLastError()`... (`e` is ERR_BEFORE's match on `lead`). */
function readAfterErrorWord(text: string, ts: number, te: number, lead: string, e: RegExpExecArray): Found {
  const [, qualifier, word, parens, words, sep, minus] = e;
  const w = word.toLowerCase();
  if ((w === 'err' || w === 'rc') && !sep) return {};
  if (w === 'return' && !/code/i.test(words)) return {};
  if (w !== 'getlasterror' && (parens || /return|is|of/i.test(words))) return {};
  const token = text.slice(ts, te);
  const next = after(text, te, 16);
  if (NOT_A_CODE_AFTER.test(next)) return {};
  const unit = UNIT_AFTER.exec(next);
  if (unit && (unit[1] || Number(token) === 1)) return {};
  const spelled = text.slice(ts - lead.length + e.index, te);
  const certain = w === 'getlasterror' || (!!qualifier && !/windows/i.test(qualifier));
  const named = certain || !OTHER_PRODUCT.test(before(text, ts, 100));
  const netAlias = !!qualifier && /system/i.test(qualifier);
  if (/^0x/i.test(token)) {
    const v = parseInt(token.slice(2), 16);
    if (v >= 0x80000000) return { code: longCode(v, spelled, { context: true }) };
    return { code: v > 0 && v <= 0xffff && !minus ? win32Code(v, spelled, { named, netAlias }) : undefined };
  }
  if (minus) {
    if (token.length === 10) return { code: signedLong(Number(token), spelled, true) };
    const n = -Number(token);
    const jetty = JET.has(n) || JET_CONTEXT.test(lead) || JET_CONTEXT.test(after(text, te, 60));
    return { code: jetty && token.length <= 5 ? jetCode(n, spelled) : undefined };
  }
  // 8 digits starting with 8 after an error word: an HRESULT written without 0x (`error 80004005`).
  if (token.length === 8 && token[0] === '8') return { code: longCode(parseInt(token, 16), spelled, { context: true }) };
  const n = Number(token);
  if (n > 0 && n <= 0xffff) return { code: win32Code(n, spelled, { named, netAlias }) };
  if (n >= 0x80000000 && n <= 0xffffffff) return { code: longCode(n, spelled, { context: true }) };
  return {};
}

/** `STOP 0xA`, `STOP: 0x0000001E (params)`, `Stop 0A`; `digits` is the hex part of the token. */
function readStop(text: string, ts: number, te: number, digits: string, lead: string, s: RegExpExecArray): Found {
  const [, colon, ox] = s;
  const upper = lead.slice(s.index, s.index + 4) === 'STOP';
  const hasDigit = /\d/.test(digits);
  if (!(ox || (/^0x/i.test(digits) ? true : colon ? hasDigit : hasDigit && (upper || (digits.length >= 2 && digits[0] === '0'))))) return {};
  const v = parseInt(digits.replace(/^0x/i, ''), 16);
  if (v === 0) return {};
  const code = stopCode(v, text.slice(ts - lead.length + s.index, te));
  STOP_PARAMS.lastIndex = te;
  STOP_BARE_PARAMS.lastIndex = te;
  const p = STOP_PARAMS.exec(text) ?? STOP_BARE_PARAMS.exec(text);
  if (!p) return { code };
  const end = p[0] === undefined ? te : te + p[0].length;
  // 0x1E KMODE_EXCEPTION_NOT_HANDLED and 0x8E: the first parameter is the exception code; the rest are not codes.
  const first = /^[\s,]{0,4}((?:0x)?([0-9a-f]{8}))(?![\w])/i.exec(p[1]);
  const x = first ? parseInt(first[2], 16) : 0;
  const extra = (v === 0x1e || v === 0x8e) && x !== 0 ? exceptionCode(x, first![1]) : undefined;
  return { code, extra, end };
}

function readHexToken(text: string, ts: number, te: number, token: string): Found {
  const digits = token.slice(2);
  if (digits.length > 8) return {};
  const lead = before(text, ts, 40);
  const s = STOP_BEFORE.exec(lead);
  if (s) return readStop(text, ts, te, token, lead, s);
  const v = parseInt(digits, 16);
  if (digits.length === 8 && EXCEPTION_BEFORE.test(lead))
    return { code: v ? exceptionCode(v, text.slice(ts - lead.length + lead.search(EXCEPTION_BEFORE), te)) : undefined };
  const e = ERR_BEFORE.exec(lead);
  if (e && !e[6]) return readAfterErrorWord(text, ts, te, lead, e);
  if (digits.length < 8 || v === 0) return {};
  const wide = before(text, ts, 64);
  if (v >= 0x80000000) return { code: longCode(v, token, { context: ERROR_WORDS.test(wide), exception: isExceptionLead(wide, v) }) };
  // Zero-padded: registry values and STOP parameters look the same; only a bug check context makes it a code.
  return { code: STOP_CONTEXT.test(lead) ? stopCode(v, token) : undefined };
}

/**
 * The character that introduces a number, skipping the separators of `error = 32`, `State:'08001'`, `error no. 32`:
 * every decimal code follows a word (`error`, `NET`, `STOP`), `GetLastError()` or a minus sign. Most numbers in
 * prose follow a digit (also through a dot: `4.0`) or a slash, and are rejected here before any regex runs.
 */
function introducer(text: string, ts: number): number {
  for (let i = ts - 1, stop = Math.max(0, ts - 10); i >= stop; i--) {
    const c = text.charCodeAt(i);
    // space, tab, : = # ( [ " ' .
    if (c === 32 || c === 9 || c === 58 || c === 61 || c === 35 || c === 40 || c === 91 || c === 34 || c === 39 || c === 46) continue;
    return c;
  }
  return 0;
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

function readDecimal(text: string, ts: number, te: number, token: string): Found {
  const intro = introducer(text, ts);
  if (!isLetter(intro) && intro !== 41 /* ) */ && intro !== 45 /* - */) {
    return token.length === 8 && token[0] === '8' ? readBareHex(text, ts, te, token, before(text, ts, 44)) : {};
  }
  // `1999-08-17`, `555-1212`, `-1-1-1`: a minus glued to a word is a hyphen, not a sign.
  if (intro === 45 && text[ts - 1] === '-' && ts > 1 && (isWordChar(text.charCodeAt(ts - 2)) || text[ts - 2] === '.')) return {};
  const lead = before(text, ts, 44);
  const e = ERR_BEFORE.exec(lead);
  if (e) return readAfterErrorWord(text, ts, te, lead, e);
  const n = Number(token);
  if (token.length === 4 && n >= 2100 && n <= 3999 && NET_BEFORE.test(lead)) return { code: netCode(n, 'NET ' + token) };
  const h = HELPMSG_BEFORE.exec(lead);
  if (h && n > 0 && token.length <= 5) return { code: netCode(n, text.slice(ts - lead.length + h.index, te)) };
  if (token.length === 5) {
    const st = readState(token, lead);
    if (st.code) return st;
  }
  if (token.length <= 8) {
    const s = STOP_BEFORE.exec(lead);
    if (s) return readStop(text, ts, te, token, lead, s);
  }
  if (token.length === 8 && /^[89]/.test(token)) return readBareHex(text, ts, te, token, lead);
  if (lead.endsWith('-') && !/[\w.\-]/.test(lead.slice(-2, -1))) {
    if (token.length === 10) return { code: signedLong(n, '-' + token, ERROR_WORDS.test(before(text, ts, 64))) };
    if (token.length < 3 || token.length > 5) return {};
    const jetty = JET_CONTEXT.test(before(text, ts, 80)) || JET_CONTEXT.test(after(text, te, 60));
    return { code: jetty && (JET.has(-n) || /\bjet/i.test(before(text, ts, 80))) ? jetCode(-n, '-' + token) : undefined };
  }
  return {};
}

function readBareHex(text: string, ts: number, te: number, token: string, lead: string): Found {
  const v = parseInt(token, 16);
  if (EXCEPTION_BEFORE.test(lead)) return { code: v ? exceptionCode(v, text.slice(ts - lead.length + lead.search(EXCEPTION_BEFORE), te)) : undefined };
  if (v < 0x80000000) return {};
  const wide = before(text, ts, 64);
  return { code: longCode(v, token, { context: ERROR_WORDS.test(wide), exception: isExceptionLead(wide, v) }) };
}

function readState(token: string, lead: string): Found {
  const s = STATE_BEFORE.exec(lead);
  if (!s) return {};
  // Plain "state" needs `:`/`=` or to end a longer word (SQLState, DLLState, szSqlState).
  if (!(s[1] || s[2]) || !/^[0-9A-Z]{5}$/.test(token) || !isSqlstate(token)) return {};
  return { code: sqlstateCode(token, token) };
}

function readLettersAndDigits(text: string, ts: number, te: number, token: string): Found {
  const lead = before(text, ts, 44);
  if (token.length === 5) {
    const st = readState(token, lead);
    if (st.code) return st;
    // The token has a letter (a number alone is read by readDecimal): S1000, IM002, HY000, 08S01, 3D000.
    const state = token.toUpperCase();
    if (SQLSTATE.has(state)) {
      const context = SQL_CONTEXT.test(before(text, ts, 80)) || SQL_CONTEXT.test(after(text, te, 80)) || text[te] === ':';
      if (context) return { code: sqlstateCode(state, token) };
    }
  }
  if (token.length <= 8 && /^[0-9a-f]+$/i.test(token)) {
    const s = STOP_BEFORE.exec(lead);
    if (s) return readStop(text, ts, te, token, lead, s);
    if (token.length === 8) return readBareHex(text, ts, te, token, lead);
  }
  const t = /^([a-z]{1,3})(\d{4,5})$/i.exec(token);
  if (!t) return {};
  const prefix = t[1].toUpperCase();
  const digits = t[2];
  if (prefix === 'NET') {
    const n = Number(digits);
    return { code: n >= 2100 && n <= 3999 && digits.length === 4 ? netCode(n, token) : undefined };
  }
  if (prefix === 'Q' || prefix === 'KB' || (digits.length === 5 && prefix !== 'BC')) return {};
  const context = TOOL_CONTEXT.test(before(text, ts, 24));
  const known = TOOL_PREFIXES[prefix];
  const bare = !!known && known.first.includes(digits[0]) && !/[1-9]000$/.test(digits);
  return { code: context || bare ? toolCode(t[1], digits, token) : undefined };
}

function readToken(text: string, ts: number, te: number): Found {
  if (te - ts > 80) return {};
  const token = text.slice(ts, te);
  const c = token.charCodeAt(0);
  if (token.includes('_') || /^wsae/i.test(token)) return (c >= 48 && c <= 57) || c === 95 ? {} : { code: codeFromName(token) };
  if (c === 48 && (token.charCodeAt(1) | 32) === 120) return /^0x[0-9a-f]+$/i.test(token) ? readHexToken(text, ts, te, token) : {};
  if (/^\d+$/.test(token)) return token.length <= 10 ? readDecimal(text, ts, te, token) : {};
  return readLettersAndDigits(text, ts, te, token);
}

/**
 * Every code in the text, in order of appearance, deduplicated by key+text. Linear time; safe on a 5 MB line.
 * Several texts (an article's title and sections) are read one after another with one list and one
 * deduplication, without joining them; a code's context words are read within its own text only.
 */
export function findErrorCodes(text: string | readonly string[]): ErrorCode[] {
  const found: ErrorCode[] = [];
  const seen = new Set<string>();
  for (const part of typeof text === 'string' ? [text] : text) scanCodes(part, found, seen);
  return found;
}

function scanCodes(text: string, found: ErrorCode[], seen: Set<string>): void {
  const hasWinsockName = text.includes('WSAE') || text.includes('wsae');
  const hits = new RegExp(hasWinsockName ? TOKEN_HIT : DIGIT_HIT); // own lastIndex: callers may interleave
  const len = text.length;
  let m: RegExpExecArray | null;
  while ((m = hits.exec(text))) {
    // The hit is the token's first digit or underscore, so the letters before it are visited once.
    let ts = m.index;
    while (ts > 0 && isWordChar(text.charCodeAt(ts - 1))) ts--;
    let te = m.index + m[0].length;
    while (te < len && isWordChar(text.charCodeAt(te))) te++;
    const { code, extra, end } = readToken(text, ts, te);
    keepCode(code, found, seen);
    keepCode(extra, found, seen);
    hits.lastIndex = Math.max(te, end ?? te);
  }
}

function keepCode(code: ErrorCode | undefined, found: ErrorCode[], seen: Set<string>): void {
  if (!code) return;
  const id = code.key + '\u0000' + code.text;
  if (seen.has(id)) return;
  seen.add(id);
  found.push(code);
}

const FAMILY_SET: ReadonlySet<string> = new Set(CODE_FAMILIES);

/**
 * Decode one canonical key ('win32:32', 'hresult:0x80070020', 'stop:0x0000000a') or any single spelling
 * ('0x80070020', 'ERROR_SHARING_VIOLATION', 'STOP 0xA'). A lone token is read more generously than in running
 * text, because whoever passes it means a code: `0x0000000A` is the bug check (aliased to the Win32 number),
 * `80004005`, `-1018`, `S1000`, `C2139` need no context word.
 */
export function describeCode(keyOrSpelling: string): ErrorCode | undefined {
  const t = keyOrSpelling.trim();
  if (!t) return undefined;
  const family = /^([a-z0-9]+):/i.exec(t);
  if (family && FAMILY_SET.has(family[1].toLowerCase())) return codeFromKey(t);
  let m: RegExpExecArray | null;
  if ((m = /^(?:0x)?([0-9a-f]{8})$/i.exec(t)) && /\d/.test(m[1])) {
    const v = parseInt(m[1], 16);
    if (v >= 0x80000000) return longCode(v, t, { context: true });
    if (v === 0) return undefined;
    if (STOP.has(v)) {
      const code = stopCode(v, t);
      if (WIN32.has(v)) code.aliases = [...(code.aliases ?? []), `win32:${v}`];
      return code;
    }
    return v <= 0xffff ? win32Code(v, t) : undefined;
  }
  if ((m = /^0x([0-9a-f]{1,7})$/i.exec(t))) {
    const v = parseInt(m[1], 16);
    return STOP.has(v) ? stopCode(v, t) : undefined;
  }
  if ((m = /^-(\d{3,5})$/.exec(t)) && JET.has(-Number(m[1]))) return jetCode(-Number(m[1]), t);
  if (/^[0-9a-z]{5}$/i.test(t) && SQLSTATE.has(t.toUpperCase())) return sqlstateCode(t, t);
  if ((m = /^([a-z]{1,3})(\d{4,5})$/i.exec(t))) {
    const prefix = m[1].toUpperCase();
    const n = Number(m[2]);
    if (prefix === 'NET') return n >= 2100 && n <= 3999 ? netCode(n, t) : undefined;
    if (prefix in TOOL_PREFIXES && (m[2].length === 4 || prefix === 'BC')) return toolCode(m[1], m[2], t);
  }
  return codeFromName(t) ?? findErrorCodes(t)[0];
}

/** All keys a code should be found under: its key and its aliases. Used as index terms. */
export function codeKeys(code: ErrorCode): string[] {
  return [...new Set([code.key, ...(code.aliases ?? [])])];
}

/** The lunr-safe token for a key: lower case, letters/digits/underscore only ('jet:-1018' -> 'jet_m1018'). */
export function codeToken(key: string): string {
  return key
    .toLowerCase()
    .replace(/-/g, 'm')
    .replace(/:/g, '_')
    .replace(/[^a-z0-9_]/g, '');
}

/**
 * Words that place a line on a Windows machine or in a Microsoft product of the archive's era: where a bare
 * `error 147` is a Win32 code. `microsoft.com` in a host name says nothing about the product that logged.
 */
const MICROSOFT_LINE =
  /\b(?:windows|win32|win16|winnt|win ?9[58]|ms-?dos|microsoft(?!\w|\.\w)|exchange|msexch\w*|sms|iis|w3svc|sna server|sql server|odbc|ole|mapi|netbios|netlogon|lan ?man(?:ager)?|wins|dhcp server|rras|ntfs|fat32|hresult|getlasterror|dr\.? ?watson|event ?id|ccm\w*|winsock|outlook|foxpro|visual basic)\b|\bvisual c\+\+|\bNT\b|[A-Za-z]:\\|\\\\[\w$-]|\.(?:exe|dll|sys|ini|inf|bat|cmd|mdb|pst|ost|edb)\b/i;

/** True when the line names a Windows or Microsoft-product context (a drive path, a .dll, a product name). */
export function isMicrosoftLine(line: string): boolean {
  return MICROSOFT_LINE.test(line.length > 2000 ? line.slice(0, 2000) : line);
}

/** A Win32/NET number read from a bare `error N`, `err=N`, `rc=N` or `return code N`: any program writes those. */
const BARE_ERROR_NUMBER = /^(?:error|err|rc|return)\b/i;

/**
 * Whether a code read from a pasted line is that family's code where it stands. A code spelled so that only one
 * family writes it (`0x80070020`, `STOP 0x0000000A`, `WIN32 ERROR = 32`, `ERROR_SHARING_VIOLATION`) is one in
 * any Microsoft-era paste; a bare `error = 147` is a Win32 code only on a Windows or Microsoft-product line or
 * in a paste that is otherwise such a log. In a log of a system the archive never covered (a Hadoop job log),
 * every code needs its own line to name a Windows context: a hex status there is that system's number.
 */
export function hasFamilyContext(code: ErrorCode, line: string, paste: { microsoft: boolean; foreign: boolean }): boolean {
  if (paste.foreign) return isMicrosoftLine(line);
  if ((code.family === 'win32' || code.family === 'net') && BARE_ERROR_NUMBER.test(code.text.trim())) return paste.microsoft || isMicrosoftLine(line);
  return true;
}
