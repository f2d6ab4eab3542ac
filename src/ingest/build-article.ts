/**
 * A parsed header plus body lines -> one Article, or the LoadProblem saying why the file is not one.
 * Both format parsers end here so that the two formats fill every field the same way.
 */
import type { Article, LoadProblem, ProblemKind, SourceFile } from '../types.js';
import { articleIdFromPath, articleNumberOf, findArticleReferences } from '../article-id.js';
import { mergeKeywords, ownCopy, parseVersions, pickIssueType, uniqueNoCase, uniqueVersions } from './fields.js';
import { parseArticleBody, removeBodyIndent } from './sections.js';

/** What a format's header says, already split into values. */
export interface ArticleHeader {
  /** Canonical id from the file's content; undefined when the content names none. */
  id?: string;
  title?: string;
  products: string[];
  /** Version field exactly as written. */
  versionText: string;
  operatingSystems: string[];
  /** Keyword field, split into words. */
  keywords: string[];
  lastModified?: string;
  category?: string;
}

/** A problem for the file at `path`; messages start with the component and the file so a log line stands alone. */
export function loadProblem(path: string, kind: ProblemKind, message: string): LoadProblem {
  return { path, kind, message: `ingest: ${path}: ${message}` };
}

/**
 * Build the Article. A file whose name carries an id (`Q161043.TXT`, `Q161043/README.md`) must agree
 * with the id inside it: on disagreement the file is reported as 'id-mismatch' and not loaded, since
 * either the copy is misnamed or its header is wrong, and guessing could hide the real article.
 */
export function buildArticle(header: ArticleHeader, bodyLines: readonly string[], file: SourceFile, formatHint: string): Article | LoadProblem {
  const { id } = header;
  if (!id) return loadProblem(file.path, 'no-id', `no article id found; ${formatHint}`);
  const fromName = articleIdFromPath(file.path);
  if (fromName && fromName !== id) {
    return loadProblem(
      file.path,
      'id-mismatch',
      `the file name says ${fromName} but its content says ${id}; rename the file to match the content, or correct the id inside it`,
    );
  }
  const title = header.title?.trim();
  if (!title) return loadProblem(file.path, 'no-title', `article ${id} has no title; ${formatHint}`);

  const body = parseArticleBody(removeBodyIndent(bodyLines));
  // A few real articles are only a title, an applies-to list and keywords; they stay articles (the title
  // is still worth finding). Only a file with nothing at all below its header is reported.
  const nothingBelowHeader = body.sections.length === 0 && body.appliesTo.length === 0 && body.queryWords.length === 0 && body.trailer.keywords.length === 0;
  if (nothingBelowHeader) {
    return loadProblem(file.path, 'no-body', `article ${id} has a header but nothing below it (a cut-off copy?); add the article text below the header`);
  }
  const keywords = mergeKeywords(header.keywords, body.trailer.keywords);
  const versionText = header.versionText.trim() ? header.versionText.trim() : body.trailer.version;
  const versions = uniqueVersions([...parseVersions(header.versionText), ...parseVersions(body.trailer.version)]);
  const article: Article = {
    id,
    number: articleNumberOf(id),
    title: ownCopy(title),
    products: uniqueNoCase(header.products).map(ownCopy),
    versions: versions.map((v) => ({ platform: ownCopy(v.platform), version: ownCopy(v.version) })),
    versionText: ownCopy(versionText),
    operatingSystems: uniqueNoCase(header.operatingSystems).map(ownCopy),
    keywords: keywords.map(ownCopy),
    lastModified: header.lastModified,
    category: header.category === undefined ? undefined : ownCopy(header.category),
    appliesTo: body.appliesTo.map(ownCopy),
    issueType: pickIssueType(body.trailer.issueType, keywords, body.trailer.solutionType),
    sections: body.sections.map((s) => ({ kind: s.kind, heading: ownCopy(s.heading), text: s.text.includes('\n') ? s.text : ownCopy(s.text) })),
    references: findArticleReferences(
      body.sections.map((s) => s.text),
      id,
    ),
    queryWords: body.queryWords.map(ownCopy),
    sources: [file],
  };
  // Absent optional fields are left out rather than set to undefined, so articles compare equal after a JSON round trip.
  if (article.lastModified === undefined) delete article.lastModified;
  if (article.category === undefined) delete article.category;
  if (article.issueType === undefined) delete article.issueType;
  return article;
}
