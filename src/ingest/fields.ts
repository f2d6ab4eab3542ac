/**
 * Header and trailer values -> Article fields: dates, version lists, keyword lists, issue type.
 * Both formats carry the same values under different labels, so both parsers call these.
 */
import type { ProductVersion } from '../types.js';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/** `31-JUL-2001` or `9-aug-1989` -> `2001-07-31`; undefined when it is not such a date. */
export function parseKbDate(text: string): string | undefined {
  const m = /^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2].toUpperCase() as (typeof MONTHS)[number]) + 1;
  const day = Number(m[1]);
  if (month === 0 || day < 1 || day > 31) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A `Version(s):` / `PROD/VER:` value -> platform/version pairs. Groups are separated by `|` or `;`,
 * each `platform:v1,v2` or bare `v1 v2`; a word that does not start with a digit (`SP1`, `edition`)
 * belongs to the version before it (`2.0 SP1`). Platforms are lower-cased (`WinNT` -> `winnt`).
 */
export function parseVersions(text: string): ProductVersion[] {
  const out: ProductVersion[] = [];
  for (const rawGroup of text.split(/[|;]/)) {
    const group = rawGroup.trim();
    if (!group) continue;
    const colon = group.indexOf(':');
    let platform = colon >= 0 ? group.slice(0, colon).trim().toLowerCase() : '';
    let rest = colon >= 0 ? group.slice(colon + 1) : group;
    // `WINDOWS` alone names a platform, not a version.
    if (colon < 0 && !/\d/.test(group)) {
      platform = group.toLowerCase();
      rest = '';
    }
    const versions: string[] = [];
    for (const word of rest.split(/[\s,]+/)) {
      if (!word) continue;
      if (!/^\d/.test(word) && versions.length > 0) versions[versions.length - 1] += ` ${word}`;
      else versions.push(word);
    }
    if (versions.length === 0 && platform) out.push({ platform, version: '' });
    for (const version of versions) out.push({ platform, version });
  }
  return uniqueVersions(out);
}

/** Versions without repeats, first spelling kept. */
export function uniqueVersions(versions: readonly ProductVersion[]): ProductVersion[] {
  const seen = new Set<string>();
  return versions.filter((v) => {
    const key = `${v.platform}:${v.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A copy of `s` that shares no memory with the file text it was cut from. V8 keeps substrings as views
 * of their parent string, so one kept title would keep its whole file alive (measured: the archive's
 * loaded articles held every file's text, about 400 MB, until kept strings were copied).
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Words of a keyword or query-word field: split on spaces, commas and `|`. */
export function splitWords(text: string): string[] {
  return text.split(/[\s,|]+/).filter(Boolean);
}

/**
 * Values of a list field such as `Operating System(s): MS-DOS | OS/2`, split on `separators`
 * (default `|` and `,`; product names can hold commas, so products pass `/\|/`).
 */
export function splitList(text: string, separators: RegExp = /[|,]/): string[] {
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Union of lists, first spelling kept, compared without case. */
export function uniqueNoCase(...lists: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const item of list) {
      const key = item.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/**
 * Header keywords and trailer `Keywords :` merged, header order first. The header field of the archive
 * was cut to a fixed width, which glued neighbours together (`smsdespoolerkbfixlist`) and chopped the
 * last word (`kbVC6`); when the trailer has the full list, those fragments are dropped.
 */
export function mergeKeywords(header: readonly string[], trailer: readonly string[]): string[] {
  if (trailer.length === 0) return uniqueNoCase(header);
  const full = new Set(trailer.map((k) => k.toLowerCase()));
  const glued = new Set<string>();
  for (let i = 0; i + 1 < trailer.length; i++) glued.add((trailer[i] + trailer[i + 1]).toLowerCase());
  const kept = header.filter((word, i) => {
    const key = word.toLowerCase();
    if (full.has(key)) return true;
    if (glued.has(key)) return false;
    const isLast = i === header.length - 1;
    return !(isLast && trailer.some((t) => t.toLowerCase().startsWith(key)));
  });
  return uniqueNoCase(kept, trailer);
}

/** Issue types in the order one wins over another when an article carries several. */
export const ISSUE_TYPES = ['kbbug', 'kbprb', 'kbhowto', 'kbinfo', 'kbfix', 'kbdocerr'] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

/**
 * The article's issue type, lower case: the first known type of the trailer's `Issue type :`, else the
 * first known type among the keywords and the trailer's `Solution Type :` (`kbfix`); undefined if none.
 */
export function pickIssueType(issueTypeField: readonly string[], keywords: readonly string[], solutionType: readonly string[]): string | undefined {
  const stated = issueTypeField.map((w) => w.toLowerCase());
  const fromField = ISSUE_TYPES.find((t) => stated.includes(t));
  if (fromField) return fromField;
  const words = new Set([...keywords, ...solutionType].map((w) => w.toLowerCase()));
  return ISSUE_TYPES.find((t) => words.has(t));
}

const NAMED_ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' };

/**
 * HTML entities in the markdown title (`&quot;`, `&#92;`, `&#x5c;`). Only the title and `##` heading
 * are escaped by the site generator; the body inside `{% raw %}` is left as written.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** A flat YAML scalar: `"a \"b\""`, `'it''s'` or bare text. No YAML library: the front matter is flat. */
export function unquoteYamlScalar(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value[0] === '"' && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(["\\\/tnr]|u[0-9a-fA-F]{4})/g, (_, esc: string) => {
      switch (esc[0]) {
        case 't':
          return '\t';
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 'u':
          return String.fromCharCode(parseInt(esc.slice(1), 16));
        default:
          return esc;
      }
    });
  }
  if (value.length >= 2 && value[0] === "'" && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

/** `Q161043: SMS: Despooler Error` -> `SMS: Despooler Error` (the id prefix the markdown repeats). */
export function stripIdPrefix(title: string): string {
  return title.replace(/^\s*[Qq]\d+\s*:\s*/, '').trim();
}
