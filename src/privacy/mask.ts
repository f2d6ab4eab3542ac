/**
 * Pasted text -> the same text with secrets (passwords, tokens, keys, cookies, private keys), user names,
 * SIDs, e-mail addresses, paths, host names, IP and MAC addresses and phone numbers masked. Applied before
 * anything a user typed or pasted is stored or logged (shares unless their sharer opts out, knowledge gaps,
 * feedback, server logs). Pure.
 *
 * The rules are data (rules.ts); a few shapes need a small scanner instead of a regex: paths, because
 * "C:\Program Files\..." holds spaces a regex could only follow by nesting quantifiers; PEM blocks, which
 * run over lines; and `net use`, whose password is the first bare word after the share. Each scanner skips
 * starts inside what it already covered, so every character is scanned a bounded number of times. The masks
 * are the ones templates already read as placeholders (`<path>`, `<host>`), so a masked paste is still
 * diagnosed like the original: error codes, product file names and message text are left as they were.
 */
import { MASK_KINDS, NOT_NAMES, RULES, type MaskKind } from './rules.js';

export { MASK_KINDS, type MaskKind };

/** The text written in place of each kind. */
export const MASKS: Readonly<Record<MaskKind, string>> = Object.freeze(Object.fromEntries(MASK_KINDS.map((k) => [k, `<${k}>`])) as Record<MaskKind, string>);

/** One masked span of the original text. */
export interface MaskSpan {
  kind: MaskKind;
  /** [start, end) in the original text. */
  start: number;
  end: number;
  original: string;
}

export interface MaskedText {
  text: string;
  /** The spans masked, in order, positions in the original text. */
  spans: MaskSpan[];
  /** How many spans of each kind were masked. */
  counts: Record<MaskKind, number>;
}

const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
// `\\SERVER\share...`: the server is a host, the rest a path.
const UNC = /(?<![\w\\])\\\\([A-Za-z0-9][\w.$-]{0,62})/g;
const DRIVE_PATH = /(?<![\w])[A-Za-z]:[\\/](?![\\/])/g;
// A user's home folder on Unix or a Mac: the folder name is the user's.
const HOME_PATH = /(?<![\w.~/-])\/(?:home|Users|root|export\/home|var\/home)(?=\/|\s|$)/g;
// DOMAIN\user, not followed by another backslash (that would be a relative path).
const DOMAIN_USER = /(?<![\w\\.$-])([A-Za-z][\w.-]{0,14})\\([A-Za-z][\w.$-]{0,19})(?![\w$\\-]|\.\w)/g;
// "User: jsmith", "user jsmith", "Account Name: jsmith", "logon name = jsmith".
const LABELLED_USER =
  /(?<![\w])(?:user(?: ?name)?|account(?: name)?|logon(?: name)?|login|owner)(?:[ \t]{0,4}[:=][ \t]{0,4}|[ \t]{1,4})([A-Za-z][\w.$-]{1,30})/gi;
const IPV4 = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)/g;
// IPv4-mapped IPv6 (::ffff:10.1.2.3) first, so the address is masked whole rather than cut at its dots.
const IPV6 =
  /(?<![\w:])::ffff:\d{1,3}(?:\.\d{1,3}){3}(?![\w.])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?(?![\w:.])/gi;
// Host names with a domain suffix people use for hosts; file names (spoolss.exe, 10000A3B.INS) end otherwise.
const FQDN =
  /(?<![\w.@-])(?:[A-Za-z0-9][A-Za-z0-9-]{0,62}\.){1,8}(?:com|net|org|edu|gov|mil|int|local|lan|corp|internal|intranet|home|arpa|biz|info|io|ai|dev|cloud|co|tv|xyz|eu|ru|cn|br|uk|de|fr|nl|jp|au|ca|us|ch|se|dk|no|fi|ie|nz|at|be|it|es|pl)(?![\w-]|\.[A-Za-z0-9])/gi;
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const NET_USE = /(?<![\w])net(?:\.exe)?[ \t]+use[ \t]+/gi;

/** Built-in principals: naming them reveals nothing about the site. */
// prettier-ignore
const BUILTIN_DOMAINS: ReadonlySet<string> = new Set(['nt authority', 'authority', 'builtin', 'nt service', 'service', 'nt', 'window manager', 'font driver host', 'iis apppool']);
/** How far past a space in a path a later backslash still continues it, in characters. */
const PATH_WORDS_AHEAD = 40;
/** Characters that end a path. A space ends it unless a backslash soon after continues it (see pathEnd). */
const PATH_END = new Set(['"', "'", '<', '>', '|', '*', '?', '\r', '\n', '\t', ',', ';', '(', ')', '[', ']']);

/** Masks secrets and what identifies a site or a person in `text`. */
export function maskText(text: string): MaskedText {
  const spans = findMasks(text);
  let out = '';
  let at = 0;
  for (const r of spans) {
    out += text.slice(at, r.start) + MASKS[r.kind];
    at = r.end;
  }
  out += text.slice(at);
  const counts = Object.fromEntries(MASK_KINDS.map((k) => [k, 0])) as Record<MaskKind, number>;
  for (const r of spans) counts[r.kind]++;
  return { text: out, spans, counts };
}

/** maskText's text alone: for logs, comments and anything else kept as a plain string. */
export const masked = (text: string): string => maskText(text).text;

/** The spans maskText masks, without overlaps, in order of position. */
export function findMasks(text: string): MaskSpan[] {
  const found: MaskSpan[] = [];
  const add = (kind: MaskKind, start: number, end: number) => {
    if (end > start) found.push({ kind, start, end, original: text.slice(start, end) });
  };

  const lower = text.toLowerCase();
  for (const rule of RULES) {
    if (rule.trigger !== undefined && !(typeof rule.trigger === 'string' ? lower.includes(rule.trigger) : rule.trigger.test(lower))) continue;
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      const group = m.indices?.findIndex((g, i) => i > 0 && g !== undefined) ?? -1;
      const [start, end] = group > 0 ? m.indices![group]! : [m.index, m.index + m[0].length];
      const value = text.slice(start, end);
      if (rule.accept && !rule.accept(value)) continue;
      // A mask name is not a value: "Password: <secret>" masked twice stays as it is.
      if (/^<[a-z]+>$/.test(value)) continue;
      if (rule.kind === 'user' && NOT_NAMES.has(value.toLowerCase())) continue;
      add(rule.kind, start, rule.kind === 'host' || rule.kind === 'user' ? start + trimDots(value).length : end);
    }
  }
  // Literal checks first: a rule that starts with a character class is tried at every position of a long paste.
  if (lower.includes('private key')) findPem(text, add);
  if (lower.includes('net')) findNetUse(text, add);
  if (text.includes('@')) for (const m of text.matchAll(EMAIL)) add('email', m.index, m.index + m[0].length);
  // A path can run over later path starts ("C:\a C:\b"); those are skipped so each character is scanned once.
  let pathsEnd = 0;
  for (const m of text.includes('\\\\') ? text.matchAll(UNC) : []) {
    if (m.index < pathsEnd) continue;
    const hostEnd = m.index + m[0].length;
    add('host', m.index + 2, hostEnd);
    pathsEnd = hostEnd;
    if (text[hostEnd] === '\\') add('path', hostEnd, (pathsEnd = pathEnd(text, hostEnd)));
  }
  pathsEnd = 0;
  for (const m of text.includes(':') ? text.matchAll(DRIVE_PATH) : []) {
    if (m.index < pathsEnd) continue;
    // A quoted path runs to its closing quote, spaces and all.
    const close = text[m.index - 1] === '"' ? quoteEnd(text, m.index) : -1;
    add('path', m.index, (pathsEnd = close > 0 ? close : pathEnd(text, m.index + m[0].length)));
  }
  pathsEnd = 0;
  for (const m of text.matchAll(HOME_PATH)) {
    if (m.index < pathsEnd) continue;
    add('path', m.index, (pathsEnd = pathEnd(text, m.index + m[0].length)));
  }
  for (const m of text.includes('\\') ? text.matchAll(DOMAIN_USER) : []) {
    if (BUILTIN_DOMAINS.has(m[1].toLowerCase())) continue;
    // "NT AUTHORITY\SYSTEM" reads as domain "AUTHORITY" after a space.
    if (m[1].toLowerCase() === 'authority' && /nt $/i.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    add('user', m.index, m.index + trimDots(m[0]).length);
  }
  for (const m of text.matchAll(LABELLED_USER)) {
    if (NOT_NAMES.has(trimDots(m[1]).toLowerCase())) continue;
    const start = m.index + m[0].length - m[1].length;
    add('user', start, start + trimDots(m[1]).length);
  }
  for (const m of text.matchAll(IPV4)) {
    if ([m[1], m[2], m[3], m[4]].every((o) => Number(o) <= 255)) add('ip', m.index, m.index + m[0].length);
  }
  // "::" alone, and C++ scopes such as CDB::Add, hold no digit; addresses do.
  if (text.includes(':')) for (const m of text.matchAll(IPV6)) if (/\d/.test(m[0]) && m[0].length > 3) add('ip', m.index, m.index + m[0].length);
  for (const m of text.matchAll(FQDN)) add('host', m.index, m.index + m[0].length);

  // Earlier start wins; at one start, the longer span, then the kind listed first.
  found.sort((a, b) => a.start - b.start || b.end - a.end || MASK_KINDS.indexOf(a.kind) - MASK_KINDS.indexOf(b.kind));
  const kept: MaskSpan[] = [];
  let end = 0;
  for (const r of found) {
    if (r.start < end) continue;
    kept.push(r);
    end = r.end;
  }
  return kept;
}

type Add = (kind: MaskKind, start: number, end: number) => void;

/** A PEM private key, BEGIN to END; with no END, everything after BEGIN (a cut key is still a key). */
function findPem(text: string, add: Add): void {
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    PEM_END.lastIndex = m.index + m[0].length;
    const e = PEM_END.exec(text);
    add('secret', m.index, e ? e.index + e[0].length : text.length);
    if (!e) return;
    PEM_BEGIN.lastIndex = e.index + e[0].length;
  }
}

/** `net use [X:] \\host\share PASSWORD /user:DOMAIN\name`: the first bare word after the share is a password. */
function findNetUse(text: string, add: Add): void {
  let scanned = 0;
  for (const m of text.matchAll(NET_USE)) {
    let i = Math.max(m.index + m[0].length, scanned);
    let seenShare = false;
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r') {
      let j = i;
      while (j < text.length && !/\s/.test(text[j])) j++;
      const word = text.slice(i, j);
      if (word.startsWith('\\\\')) seenShare = true;
      else if (seenShare && word && !word.startsWith('/') && word !== '*') {
        const quoted = /^".*"$/.test(word) ? 1 : 0;
        add('secret', i + quoted, j - quoted);
        seenShare = false;
      }
      i = j;
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r' && /\s/.test(text[i])) i++;
    }
    scanned = i;
  }
}

/** The closing quote on the same line, or -1. */
function quoteEnd(text: string, from: number): number {
  for (let i = from; i < text.length && i - from < 1024; i++) {
    if (text[i] === '"') return i;
    if (text[i] === '\n' || text[i] === '\r') return -1;
  }
  return -1;
}

const trimDots = (s: string) => s.replace(/\.+$/, '');

/**
 * Where a path that continues at `from` ends. Stops at a quote, bracket or line end; a space ends it
 * unless the next word holds a backslash ("C:\Program Files\SMS" goes on, "C:\x.ins WIN32" stops).
 */
function pathEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && text[i] !== ' ' && !PATH_END.has(text[i])) i++;
    if (text[i] !== ' ') break;
    // Up to a few words further ("Documents and Settings\\": two more words at most), a backslash says the path goes on.
    let j = i + 1;
    let spaces = 0;
    while (j < text.length && j - i <= PATH_WORDS_AHEAD && spaces < 2 && text[j] !== '\\' && !PATH_END.has(text[j])) if (text[j++] === ' ') spaces++;
    if (text[j] !== '\\' || j === i + 1 || text[i + 1] === ' ') break;
    i = j;
  }
  // A sentence's full stop or colon, or the `~` SMS logs put before their trailer, is not part of the path.
  while (i > from && (text[i - 1] === '.' || text[i - 1] === ':' || text[i - 1] === '~')) i--;
  return i;
}
