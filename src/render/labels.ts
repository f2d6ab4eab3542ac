/**
 * The names people read for the archive's tags, and the way back: facets, results, article pages, diagnoses
 * and tickets show these labels, and the query syntax (`type:Problem`, `version:"Exchange Server 5.5"`)
 * reads them. Product names come from signals/products.ts; this module adds issue types, fix states and
 * versions. Pure.
 *
 * A version tag is written `platform:version` (`winnt:2.0`), where the platform is the system the product
 * runs on, so `winnt:2.0` on a Systems Management Server article is SMS 2.0. Versions are therefore named
 * by the article's product: the key `sms 2.0` reads "Systems Management Server 2.0".
 */
import { ISSUE_TYPES, type IssueType } from '../ingest/fields.js';
import { findHints } from '../signals/hints.js';
import { PRODUCTS, PRODUCT_NAMES, isKnownProductKey, productLabel } from '../signals/products.js';
import { isFixState, type FixState } from '../types.js';

export { productLabel };

export const ISSUE_TYPE_LABELS: Readonly<Record<IssueType, string>> = {
  kbbug: 'Bug',
  kbprb: 'Problem',
  kbhowto: 'How-to',
  kbinfo: 'Information',
  kbfix: 'Fix',
  kbdocerr: 'Documentation error',
};

export const FIX_STATE_LABELS: Readonly<Record<FixState, string>> = {
  fixed: 'Fixed',
  confirmed: 'Confirmed, no fix',
  'by-design': 'By design',
  none: 'No status',
};

/** Other words people type for a fix state (`status:open`). */
const FIX_STATE_WORDS: Readonly<Record<string, FixState>> = {
  fix: 'fixed',
  resolved: 'fixed',
  open: 'confirmed',
  unfixed: 'confirmed',
  bug: 'confirmed',
  researching: 'confirmed',
  bydesign: 'by-design',
  design: 'by-design',
};

/** Platforms that name no product of their own, for a version tag on an article with no product. */
const PLATFORM_LABELS: Readonly<Record<string, string>> = { windows: 'Windows', mac: 'Macintosh', macintosh: 'Macintosh', dos: 'MS-DOS', os2: 'OS/2' };

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

export function issueTypeLabel(type: string | undefined): string {
  return type ? (ISSUE_TYPE_LABELS[type as IssueType] ?? type) : '';
}

/** `kbprb`, `prb`, `Problem` or `problem` -> 'kbprb'; undefined for a type nobody defined. */
export function readIssueType(text: string): IssueType | undefined {
  const t = fold(text);
  return ISSUE_TYPES.find(
    (k) => k === t || k === 'kb' + t || fold(ISSUE_TYPE_LABELS[k]) === t || fold(ISSUE_TYPE_LABELS[k]).replace(/ /g, '') === t.replace(/ /g, ''),
  );
}

export function fixStateLabel(state: string): string {
  return FIX_STATE_LABELS[state as FixState] ?? state;
}

/** `fixed`, `Confirmed, no fix`, `by design`, `open` -> the fix state; undefined when unknown. */
export function readFixState(text: string): FixState | undefined {
  const t = fold(text).replace(/,/g, '');
  const dashed = t.replace(/ /g, '-');
  if (isFixState(dashed)) return dashed;
  return FIX_STATE_WORDS[t.replace(/ /g, '')] ?? (Object.keys(FIX_STATE_LABELS) as FixState[]).find((k) => fold(FIX_STATE_LABELS[k]).replace(/,/g, '') === t);
}

/** Product names and spellings, longest first, each with the key it reads as. */
const PRODUCT_SPELLINGS: readonly { pattern: RegExp; key: string }[] = [
  ...PRODUCT_NAMES.flatMap(({ key, label }) => [key, label].map((name) => ({ source: escapeRegExp(name).replace(/\s+/g, '\\s+'), key }))),
  ...PRODUCTS.flatMap((p) => [...p.patterns, ...('exactCase' in p ? p.exactCase : [])].map((source) => ({ source, key: p.key }))),
]
  .sort((a, b) => b.source.length - a.source.length)
  .map(({ source, key }) => ({ pattern: new RegExp(`^(?:microsoft\\s+|ms\\s+)?(?:${source})(?=$|[\\s:])`, 'i'), key }));

/** The product a name means: a key (`sms`), a label ("Systems Management Server") or a usual spelling ("SMS"). */
export function readProduct(text: string): string | undefined {
  const t = text.trim();
  if (isKnownProductKey(t.toLowerCase())) return t.toLowerCase();
  const hit = PRODUCT_SPELLINGS.find((s) => s.pattern.exec(t)?.[0].length === t.length);
  return hit?.key;
}

/** `4.0 SP4` -> `4.0`: a service pack belongs to its release. */
export function releaseOf(version: string): string {
  return version.replace(/\s+(?:sp|service\s+pack)\s*\d+[a-z]?$/i, '').trim();
}

const versionOf = (tag: string) => (tag.includes(':') ? tag.slice(tag.indexOf(':') + 1) : tag).trim();

/**
 * The product each version tag belongs to, aligned with `tags`: the product named on the "applies to" line
 * that carries the number (`Microsoft Outlook 97` makes `windows:97` Outlook's on an Exchange article), else
 * the article's product, else a platform that is a product itself; '' when none.
 */
export function versionOwnersOf(product: string | undefined, tags: readonly string[], appliesTo: readonly string[] = []): string[] {
  return tags.map((tag) => {
    const release = releaseOf(versionOf(tag));
    if (!/^\d/.test(release)) return '';
    const number = new RegExp(`(?<![\\w.])${escapeRegExp(release)}(?![\\w]|\\.\\d)`);
    const line = appliesTo.find((l) => number.test(l));
    const named = line ? findHints(line).products[0] : undefined;
    if (named) return named;
    const platform = tag.includes(':') ? tag.slice(0, tag.indexOf(':')).toLowerCase() : '';
    return product || (isKnownProductKey(platform) || PLATFORM_LABELS[platform] ? platform : '');
  });
}

/**
 * Version keys (`sms 2.0`) of an article's `platform:version` tags, service packs folded into their release.
 * `owners` come from versionOwnersOf; without them, the article's product names every version.
 */
export function versionKeysOf(product: string | undefined, tags: readonly string[], owners: readonly string[] = versionOwnersOf(product, tags)): string[] {
  const keys = new Set<string>();
  tags.forEach((tag, i) => {
    const release = releaseOf(versionOf(tag));
    if (owners[i] && /^\d/.test(release)) keys.add(`${owners[i]} ${release}`);
  });
  return [...keys];
}

/** The name of the product (or platform) a version key starts with. */
export function versionOwnerLabel(owner: string): string {
  return PLATFORM_LABELS[owner] ?? productLabel(owner);
}

/**
 * A product's name with a version, not saying the number twice: "Windows 2000" + `2000` is "Windows 2000",
 * "Windows 95/98" + `95` is "Windows 95", "Windows 3.x" + `3.11` is "Windows 3.11".
 */
export function withVersion(label: string, version: string): string {
  const space = label.lastIndexOf(' ');
  const head = label.slice(0, space + 1);
  const last = label.slice(space + 1);
  const release = releaseOf(version);
  const sp = version.slice(release.length);
  if (last === release) return label + sp;
  if (last.includes('/') && last.split('/').includes(release)) return head + version;
  if (/^\d+\.x$/i.test(last) && release.startsWith(last.slice(0, -1))) return head + version;
  return `${label} ${version}`;
}

/** `sms 2.0` -> "Systems Management Server 2.0". */
export function versionLabel(key: string): string {
  const space = key.indexOf(' ');
  if (space < 0) return key;
  return withVersion(versionOwnerLabel(key.slice(0, space)), key.slice(space + 1));
}

/**
 * An article's versions as one line, each product named once: "Systems Management Server 2.0, 2.0 SP1",
 * "Exchange Server 5.5 · Outlook 97, 98".
 */
export function versionsLine(product: string | undefined, tags: readonly string[], owners: readonly string[] = versionOwnersOf(product, tags)): string {
  const byOwner = new Map<string, Set<string>>();
  tags.forEach((tag, i) => {
    const version = versionOf(tag);
    if (!/^\d/.test(version)) return;
    const owner = owners[i] ?? '';
    if (!byOwner.has(owner)) byOwner.set(owner, new Set());
    byOwner.get(owner)!.add(version);
  });
  return [...byOwner]
    .map(([owner, set]) => {
      const [first, ...rest] = set;
      return [owner ? withVersion(versionOwnerLabel(owner), first) : first, ...rest].join(', ');
    })
    .join(' · ');
}

/** What a `version:` filter asks for. */
export interface VersionWanted {
  /** The product named before the number (`sms`), if any. */
  product?: string;
  /** The version as typed after the product (`2.0`, `4.0 SP1`). */
  version: string;
  /** A tag as the archive writes it (`winnt:4.0`): matched as written, as before labels existed. */
  tag?: string;
}

/** `Systems Management Server 2.0`, `sms 2.0`, `SMS 2.0 SP1`, `winnt:4.0` or `4.0` -> what to match. */
export function readVersion(text: string): VersionWanted | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t) return undefined;
  const colon = /^([a-z][a-z0-9]*):\s*(\d.*)$/i.exec(t);
  if (colon) return { product: readProduct(colon[1]), version: colon[2], tag: t.toLowerCase() };
  const m = /^(.*?)\s*(\d[\w.]*(?:\s+(?:sp|service\s+pack)\s*\d+[a-z]?)?)$/i.exec(t);
  if (!m) return { version: t };
  if (!m[1]) return { version: m[2] };
  const product = readProduct(m[1]) ?? (PLATFORM_LABELS[m[1].toLowerCase()] ? m[1].toLowerCase() : undefined);
  return product ? { product, version: m[2] } : { version: t };
}

/** Whether an article (its product, tags and their owners) has the version wanted; a release (`4.0`) takes in its service packs. */
export function hasVersion(wanted: VersionWanted, product: string | undefined, tags: readonly string[], owners?: readonly string[]): boolean {
  const v = wanted.version.toLowerCase();
  const lower = tags.map((x) => x.toLowerCase());
  if (wanted.tag && lower.includes(wanted.tag)) return true;
  // `windows:5.5` names a platform, not a product: only the tag itself matches.
  if (wanted.tag && !wanted.product) return false;
  const matches = (version: string) => version === v || releaseOf(version) === v;
  if (wanted.product) {
    const own = owners ?? versionOwnersOf(product, tags);
    return lower.some((x, i) => own[i] === wanted.product && matches(versionOf(x)));
  }
  return lower.some((x) => matches(versionOf(x)));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
