/**
 * Pasted text -> the same text with host names, IP addresses, user names, e-mail addresses and paths
 * masked, for sharing a troubleshooting result outside the team. Pure; no I/O.
 *
 * Every pattern is anchored by a look-behind on the character before it, so a scan tries a match only at
 * the start of a word and a million-character line costs one pass. Paths are followed by a small scanner
 * rather than a regex, because "C:\Program Files\..." holds spaces a regex could only follow by nesting
 * quantifiers. The masks are the ones templates already read as placeholders (`<path>`, `<host>`), so a
 * masked paste is still diagnosed like the original.
 */

/** What a mask stands for, in the order overlapping candidates are preferred. */
export const REDACTION_KINDS = ['email', 'path', 'user', 'host', 'ip'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** The text written in place of each kind. */
export const REDACTION_MASKS: Readonly<Record<RedactionKind, string>> = Object.freeze({
  email: '<email>',
  path: '<path>',
  user: '<user>',
  host: '<host>',
  ip: '<ip>',
});

/** One masked span of the original text. */
export interface Redaction {
  kind: RedactionKind;
  /** [start, end) in the original text. */
  start: number;
  end: number;
  original: string;
}

export interface RedactedText {
  text: string;
  /** The spans masked, in order, positions in the original text. */
  redactions: Redaction[];
  /** How many spans of each kind were masked. */
  counts: Record<RedactionKind, number>;
}

const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
// `\\SERVER\share...`: the server is a host, the rest a path.
const UNC = /(?<![\w\\])\\\\([A-Za-z0-9][\w.$-]{0,62})/g;
const DRIVE_PATH = /(?<![\w])[A-Za-z]:\\/g;
// DOMAIN\user, not followed by another backslash (that would be a relative path).
const DOMAIN_USER = /(?<![\w\\.$-])([A-Za-z][\w.-]{0,14})\\([A-Za-z][\w.$-]{0,19})(?![\w$\\-]|\.\w)/g;
// "User: jsmith", "user jsmith", "Account Name: jsmith", "logon name = jsmith".
const LABELLED_USER = /(?<![\w])(?:user(?: ?name)?|account(?: name)?|logon(?: name)?|login|owner)(?:[ \t]{0,4}[:=][ \t]{0,4}|[ \t]{1,4})([A-Za-z][\w.$-]{1,30})/gi;
// "Computer: MAILSRV1", "server = SMSSITE01": only with a colon or equals sign, since "server is down" is prose.
const LABELLED_HOST = /(?<![\w])(?:computer(?: ?name)?|server(?: ?name)?|host(?: ?name)?|machine(?: ?name)?|workstation|node)[ \t]{0,4}[:=][ \t]{0,4}([A-Za-z][\w.-]{0,62})/gi;
const IPV4 = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)/g;
const IPV6 = /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?(?![\w:])/g;
// Host names with a domain suffix people use for hosts; file names (spoolss.exe, 10000A3B.INS) end otherwise.
const FQDN = /(?<![\w.@-])(?:[A-Za-z0-9][A-Za-z0-9-]{0,62}\.){1,8}(?:com|net|org|edu|gov|mil|int|local|lan|corp|internal|intranet|home|arpa|biz|info|uk|de|fr|nl|jp|au|ca|us|ch|se|dk|no|fi|ie|nz|at|be|it|es|pl)(?![\w-]|\.[A-Za-z0-9])/gi;

/** Words after "user" that are prose, not a name ("the user could not", "user account"). */
const NOT_NAMES: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'is', 'was', 'has', 'had', 'have', 'can', 'could', 'cannot', 'does', 'did', 'do', 'not', 'and', 'or',
  'of', 'to', 'in', 'on', 'for', 'with', 'that', 'this', 'who', 'which', 'may', 'must', 'will', 'would', 'should', 'account',
  'accounts', 'name', 'names', 'rights', 'right', 'logged', 'logs', 'mode', 'interface', 'profile', 'profiles', 'manager',
  'information', 'group', 'groups', 'level', 'context', 'data', 'list', 'id', 'n/a', 'na', 'none', 'unknown', 'from', 'by',
  'at', 'as', 'are', 'be', 'been', 'it', 'its', 'their', 'his', 'her', 'object', 'objects', 'settings', 'session',
]);
/** Built-in principals: naming them reveals nothing about the site. */
const BUILTIN_DOMAINS: ReadonlySet<string> = new Set(['nt authority', 'authority', 'builtin', 'nt service', 'service', 'nt']);
/** Characters that end a path. A space ends it unless the next word continues it with a backslash. */
const PATH_END = new Set(['"', "'", '<', '>', '|', '*', '?', '\r', '\n', '\t', ',', ';', '(', ')', '[', ']']);

/** Masks host names, IP addresses, user names, e-mail addresses and paths in `text`. */
export function redactText(text: string): RedactedText {
  const redactions = findRedactions(text);
  let out = '';
  let at = 0;
  for (const r of redactions) {
    out += text.slice(at, r.start) + REDACTION_MASKS[r.kind];
    at = r.end;
  }
  out += text.slice(at);
  const counts = Object.fromEntries(REDACTION_KINDS.map((k) => [k, 0])) as Record<RedactionKind, number>;
  for (const r of redactions) counts[r.kind]++;
  return { text: out, redactions, counts };
}

/** The spans redactText masks, without overlaps, in order of position. */
export function findRedactions(text: string): Redaction[] {
  const found: Redaction[] = [];
  const add = (kind: RedactionKind, start: number, end: number) => {
    if (end > start) found.push({ kind, start, end, original: text.slice(start, end) });
  };

  for (const m of text.matchAll(EMAIL)) add('email', m.index, m.index + m[0].length);
  // A path can run over later path starts ("C:\a C:\b"); those are skipped so each character is scanned once.
  let pathsEnd = 0;
  for (const m of text.matchAll(UNC)) {
    if (m.index < pathsEnd) continue;
    const hostEnd = m.index + m[0].length;
    add('host', m.index + 2, hostEnd);
    pathsEnd = hostEnd;
    if (text[hostEnd] === '\\') add('path', hostEnd, (pathsEnd = pathEnd(text, hostEnd)));
  }
  pathsEnd = 0;
  for (const m of text.matchAll(DRIVE_PATH)) {
    if (m.index < pathsEnd) continue;
    // A quoted path runs to its closing quote, spaces and all.
    const close = text[m.index - 1] === '"' ? quoteEnd(text, m.index) : -1;
    add('path', m.index, (pathsEnd = close > 0 ? close : pathEnd(text, m.index + m[0].length)));
  }
  for (const m of text.matchAll(DOMAIN_USER)) {
    if (BUILTIN_DOMAINS.has(m[1].toLowerCase())) continue;
    // "NT AUTHORITY\SYSTEM" reads as domain "AUTHORITY" after a space.
    if (m[1].toLowerCase() === 'authority' && /nt $/i.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    add('user', m.index, m.index + trimDots(m[0]).length);
  }
  for (const m of text.matchAll(LABELLED_USER)) {
    if (NOT_NAMES.has(m[1].toLowerCase())) continue;
    const start = m.index + m[0].length - m[1].length;
    add('user', start, start + trimDots(m[1]).length);
  }
  for (const m of text.matchAll(LABELLED_HOST)) {
    if (NOT_NAMES.has(m[1].toLowerCase())) continue;
    const start = m.index + m[0].length - m[1].length;
    add('host', start, start + trimDots(m[1]).length);
  }
  for (const m of text.matchAll(IPV4)) {
    if ([m[1], m[2], m[3], m[4]].every((o) => Number(o) <= 255)) add('ip', m.index, m.index + m[0].length);
  }
  // "::" alone, and C++ scopes such as CDB::Add, hold no digit; addresses do.
  for (const m of text.matchAll(IPV6)) if (/\d/.test(m[0]) && m[0].length > 3) add('ip', m.index, m.index + m[0].length);
  for (const m of text.matchAll(FQDN)) add('host', m.index, m.index + m[0].length);

  // Earlier start wins; at one start, the longer span, then the kind listed first.
  found.sort((a, b) => a.start - b.start || b.end - a.end || REDACTION_KINDS.indexOf(a.kind) - REDACTION_KINDS.indexOf(b.kind));
  const kept: Redaction[] = [];
  let end = 0;
  for (const r of found) {
    if (r.start < end) continue;
    kept.push(r);
    end = r.end;
  }
  return kept;
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
    let j = i + 1;
    while (j < text.length && text[j] !== ' ' && text[j] !== '\\' && !PATH_END.has(text[j])) j++;
    if (text[j] !== '\\' || j === i + 1) break;
    i = j;
  }
  // A sentence's full stop or colon, or the `~` SMS logs put before their trailer, is not part of the path.
  while (i > from && (text[i - 1] === '.' || text[i - 1] === ':' || text[i - 1] === '~')) i--;
  return i;
}
