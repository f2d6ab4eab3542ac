/**
 * Twins -> one article. Most articles exist as both `kb/.../README.md` and `txt/.../Q*.TXT` with the
 * same content; they are one article read twice. Field by field: lists are united, single values are
 * filled from whichever has them, and where both have one the richer (longer) wins. On a tie the text
 * file wins: it is the original, and the markdown copy dropped its non-ASCII characters and one space
 * of indentation. The result does not depend on the order of the arguments.
 */
import type { Article, Section, SourceFile } from '../types.js';
import { uniqueNoCase, uniqueVersions } from './fields.js';

/** Merge two reads of the same article id (normally one per format) into one Article. */
export function mergeTwins(a: Article, b: Article): Article {
  // Put the text-format read first so that ties go to it whatever the argument order.
  const [first, second] = hasTextSource(b) && !hasTextSource(a) ? [b, a] : [a, b];
  const merged: Article = {
    id: first.id,
    number: first.number,
    title: richer(first.title, second.title),
    products: uniqueNoCase(first.products, second.products),
    versions: uniqueVersions([...first.versions, ...second.versions]),
    versionText: richer(first.versionText, second.versionText),
    operatingSystems: uniqueNoCase(first.operatingSystems, second.operatingSystems),
    keywords: uniqueNoCase(first.keywords, second.keywords),
    appliesTo: uniqueNoCase(first.appliesTo, second.appliesTo),
    sections: richerSections(first.sections, second.sections),
    references: [...new Set([...first.references, ...second.references])],
    queryWords: uniqueNoCase(first.queryWords, second.queryWords),
    sources: uniqueSources([...first.sources, ...second.sources]),
  };
  const lastModified = later(first.lastModified, second.lastModified);
  if (lastModified) merged.lastModified = lastModified;
  const category = first.category ?? second.category;
  if (category) merged.category = category;
  const issueType = first.issueType ?? second.issueType;
  if (issueType) merged.issueType = issueType;
  return merged;
}

function hasTextSource(article: Article): boolean {
  return article.sources.some((s) => s.format === 'text');
}

function richer(a: string, b: string): string {
  return b.trim().length > a.trim().length ? b : a;
}

/** ISO dates compare as strings; the later edit is the current one. */
function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return b > a ? b : a;
}

/** Sections are not united (that would repeat the body): the read with more sections, then more text, wins. */
function richerSections(a: Section[], b: Section[]): Section[] {
  if (b.length !== a.length) return b.length > a.length ? b : a;
  const size = (s: Section[]) => s.reduce((n, x) => n + x.text.length, 0);
  return size(b) > size(a) ? b : a;
}

function uniqueSources(sources: SourceFile[]): SourceFile[] {
  const seen = new Set<string>();
  return sources
    .filter((s) => (seen.has(s.path) ? false : (seen.add(s.path), true)))
    .sort((x, y) => (x.format === y.format ? x.path.localeCompare(y.path) : x.format.localeCompare(y.format)));
}
