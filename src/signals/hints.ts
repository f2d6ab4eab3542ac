/**
 * Product, component and version hints in pasted text or an article. The vocabulary is data in
 * products.ts; this module compiles it once into two combined expressions (one case-insensitive, one
 * exact-case) so a paste is read in two linear passes whatever its size.
 */
import type { Hints } from '../types.js';
import { COMPONENTS, PRODUCTS, WINDOWS_BUILDS, type ProductKey } from './products.js';

type Term =
  | { kind: 'product'; key: ProductKey; aliases?: Readonly<Record<string, string>> }
  | { kind: 'component'; name: string; product: ProductKey }
  | { kind: 'build' }
  | { kind: 'sms-thread' };

interface Compiled {
  re: RegExp;
  terms: Term[];
}

function compile(entries: [string, Term][], flags: string): Compiled {
  // (?<![\w.]) and (?!\w) rather than \b: several names end in '+' ("Visual C++", "Schedule+"), and a name
  // after a dot is part of a file or host name.
  const source = entries.map(([src]) => `(${src})`).join('|');
  return { re: new RegExp(`(?<![\\w.])(?:${source})(?!\\w)`, flags), terms: entries.map(([, t]) => t) };
}

function buildMatchers(): [Compiled, Compiled] {
  const ci: [string, Term][] = [];
  const exact: [string, Term][] = [];
  for (const c of COMPONENTS) {
    const term: Term = { kind: 'component', name: c.name, product: c.product };
    for (const p of c.patterns) ci.push([p, term]);
    for (const p of 'exactCase' in c ? c.exactCase : []) exact.push([p, term]);
  }
  for (const p of PRODUCTS) {
    const term: Term = { kind: 'product', key: p.key, aliases: 'versionAliases' in p ? p.versionAliases : undefined };
    for (const s of p.patterns) ci.push([s, term]);
    for (const s of 'exactCase' in p ? p.exactCase : []) exact.push([s, term]);
  }
  // "Build 1381", "(Build: 1381 Service Pack 5)": the number names the Windows release.
  ci.push(['build:?\\s{0,3}(?:528|807|1057|1381|2195|2600)', { kind: 'build' }]);
  // Any other SMS thread name (SMS_CLIENT_CONFIG_MANAGER) is a component in its own right.
  exact.push(['SMS_[A-Z][A-Z_]{2,60}', { kind: 'sms-thread' }]);
  return [compile(ci, 'gi'), compile(exact, 'g')];
}

const MATCHERS = buildMatchers();

/** Every product and component name in any case, with the typed short forms: for search queries only. */
function buildQueryMatcher(): Compiled {
  const entries: [string, Term][] = [];
  for (const c of COMPONENTS) {
    const term: Term = { kind: 'component', name: c.name, product: c.product };
    for (const p of [...c.patterns, ...('exactCase' in c ? c.exactCase : [])]) entries.push([p, term]);
  }
  for (const p of PRODUCTS) {
    const term: Term = { kind: 'product', key: p.key, aliases: 'versionAliases' in p ? p.versionAliases : undefined };
    for (const s of [...p.patterns, ...('exactCase' in p ? p.exactCase : []), ...('typed' in p ? p.typed : [])]) entries.push([s, term]);
  }
  return compile(entries, 'gi');
}

let queryMatcher: Compiled | undefined;
/** SMS thread names that are already a named component (SMS_DISTRIBUTION_MANAGER is distmgr). */
const KNOWN_SMS_THREAD = new RegExp(`^(?:${COMPONENTS.flatMap((c) => c.patterns.filter((p) => p.startsWith('sms_'))).join('|')})$`, 'i');

/**
 * What may follow a product name to give its version: "(TM)", an edition word, "version", the number,
 * then a service pack ("Windows NT Server version 4.0 U.S. Service Pack 4", "SMS 2.0 SP1"). Bounded
 * repeats only: the expression is tried at one position per product mention.
 */
const VERSION_AFTER =
  /(?:\s{0,3}\((?:tm|r)\))?(?:,?\s{1,3}(?:server|workstation|advanced\s{1,3}server|enterprise\s{1,3}edition|for\s{1,3}windows(?:\s{1,3}nt)?|for\s{1,3}ms-dos))?(?:,?\s{1,3}|\s{0,3})(?:versions?\s{1,3}|ver\.?\s{0,3}|v(?=\d))?(\d{1,4}(?:\.\d{1,5}){0,3}[a-z]?)(?![\w.]\d)(?!\w)((?:\s{0,3},?\s{0,3}(?:(?:u\.s\.|us)\s{1,3})?(?:service\s{1,3}pack|sp)\s{0,3}(\d{1,2}[a-z]?)(?!\w))?)/iy;
/** A service pack right after a name that carries its own number ("Windows 2000 SP2", "NT4 SP6a"). */
const SP_AFTER = /\s{0,3}[,:]?\s{0,3}(?:(?:u\.s\.|us)\s{1,3})?(?:service\s{1,3}pack|sp)\s{0,3}(\d{1,2}[a-z]?)(?!\w)/iy;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const VERSION_WORD = /\bver|\bv\d/i;
const TRAILING_NUMBER = /(\d+(?:\.\d+)?|2k)$/i;
const BUILD_NUMBER = /\d+$/;

/**
 * Canonical version text: '4.00' -> '4.0', '3.10' -> '3.1', '4' -> '4.0', '5.00.2195' -> '5.0';
 * release names stay as written ('95', '2000'). Undefined for numbers that cannot be a version.
 */
export function normalizeVersion(raw: string, aliases?: Readonly<Record<string, string>>): string | undefined {
  const lower = raw.toLowerCase();
  if (aliases && lower in aliases) return aliases[lower];
  const m = /^(\d+)(?:\.(\d+))?(?:\.\d+)*([a-z]?)$/.exec(lower);
  if (!m) return undefined;
  const major = Number(m[1]);
  const suffix = m[3] ?? '';
  if (m[2] === undefined) {
    if (major >= 1990 && major <= 2010) return String(major);
    if (major === 95 || major === 97 || major === 98) return String(major);
    return major >= 1 && major <= 12 ? `${major}.0${suffix}` : undefined;
  }
  if (major > 12) return undefined;
  const minor = m[2].replace(/0+$/, '') || '0';
  return `${major}.${minor}${suffix}`;
}

/** Product, component and version hints in the text; each list is in order of first mention, without repeats. */
export function findHints(text: string): Hints {
  const products = new Set<string>();
  const components = new Set<string>();
  // Versions are added once both passes are read: one named inside another's version phrase is dropped.
  const read: VersionRead[] = [];
  const found: string[] = [];
  for (const { re, terms } of MATCHERS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      let i = 1;
      while (m[i] === undefined) i++;
      const term = terms[i - 1];
      const end = m.index + m[0].length;
      if (term.kind === 'component') {
        components.add(term.name);
        products.add(term.product);
      } else if (term.kind === 'sms-thread') {
        if (!KNOWN_SMS_THREAD.test(m[0])) components.add(m[0].toLowerCase());
        products.add('sms');
      } else if (term.kind === 'build') {
        const [key, version] = WINDOWS_BUILDS[BUILD_NUMBER.exec(m[0])![0]];
        products.add(key);
        const sp = readAt(SP_AFTER, text, end);
        read.push({ start: m.index, nameEnd: end, end, first: found.length, count: sp ? 2 : 1 });
        found.push(`${key}:${version}`);
        if (sp) found.push(`${key}:${version}-sp${sp[1].toLowerCase()}`);
      } else {
        products.add(term.key);
        const first = found.length;
        const after = readVersion(text, m[0], end, term.key, term.aliases, found);
        if (found.length > first) read.push({ start: m.index, nameEnd: end, end: after, first, count: found.length - first });
      }
    }
  }
  const inside = namedInsideAnother(read);
  const versions = new Set<string>();
  for (const r of read) if (!inside.has(r)) for (let k = r.first; k < r.first + r.count; k++) versions.add(found[k]);
  return { products: [...products], components: [...components], versions: [...versions] };
}

/** Where a name starts and ends, where the version read after it ends, and which of `found` it read. */
interface VersionRead {
  start: number;
  nameEnd: number;
  end: number;
  first: number;
  count: number;
}

const NONE_INSIDE: ReadonlySet<VersionRead> = new Set();

/**
 * The reads of names that stand inside another name's version phrase ("Excel for Windows NT 7.0": the 7.0 is
 * Excel's; Windows NT only says which Excel, and reads the same number). One pass in text order.
 */
function namedInsideAnother(read: readonly VersionRead[]): ReadonlySet<VersionRead> {
  // Most texts name one version or none: nothing to sort or keep (findHints runs on every article and paste).
  if (read.length < 2) return NONE_INSIDE;
  const inside = new Set<VersionRead>();
  let reach = -1;
  for (const r of [...read].sort((a, b) => a.start - b.start)) {
    if (r.nameEnd <= reach) inside.add(r);
    else reach = Math.max(reach, r.end);
  }
  return inside;
}

/** A product named in a search query, where, and the version written with it. */
export interface QueryMention {
  /** Offsets of the mention in the query, its version included. */
  start: number;
  end: number;
  product: string;
  /** 'product:version' ('winnt:4.0'), when one was written. */
  version?: string;
}

/**
 * The products and versions a search query names, as people type them ("wfw", "nt 4", "exch 5.5", "xl97"):
 * every name of products.ts in any case plus its `typed` forms. Query-sized text only (a few hundred
 * characters): a long paste goes through findHints.
 */
export function readQueryProducts(query: string): QueryMention[] {
  queryMatcher ??= buildQueryMatcher();
  const { re, terms } = queryMatcher;
  const out: QueryMention[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(query); m !== null; m = re.exec(query)) {
    let i = 1;
    while (m[i] === undefined) i++;
    const term = terms[i - 1];
    const end = m.index + m[0].length;
    if (term.kind === 'component') out.push({ start: m.index, end, product: term.product });
    else if (term.kind === 'product') {
      const versions: string[] = [];
      const versionEnd = readVersion(query, m[0], end, term.key, term.aliases, versions);
      const version = versions[0];
      out.push({ start: m.index, end: version ? versionEnd : end, product: term.key, ...(version ? { version } : {}) });
      re.lastIndex = Math.max(re.lastIndex, versionEnd);
    }
  }
  return out;
}

/** Appends the version written with a product name (and its service pack) to `versions`; returns where it ends. */
function readVersion(text: string, name: string, end: number, key: string, aliases: Readonly<Record<string, string>> | undefined, versions: string[]): number {
  const own = TRAILING_NUMBER.exec(name);
  let version: string | undefined;
  let sp: string | undefined;
  let after = end;
  if (own) {
    version = normalizeVersion(own[1], aliases);
    const m = readAt(SP_AFTER, text, end);
    sp = m?.[1];
    if (m) after = end + m[0].length;
  } else {
    const m = readAt(VERSION_AFTER, text, end);
    // "SMS server 10.0.0.1": an address, not a version (unless the text says "version").
    if (m && !(IPV4.test(m[1]) && !VERSION_WORD.test(m[0]))) {
      version = normalizeVersion(m[1], aliases);
      sp = m[3];
      after = end + m[0].length;
    }
  }
  if (!version) return end;
  versions.push(`${key}:${version}`);
  if (sp) versions.push(`${key}:${version}-sp${sp.toLowerCase()}`);
  return after;
}

function readAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}
