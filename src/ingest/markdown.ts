/**
 * Jekyll markdown (`kb/NNN/QNNNNNN/README.md`) -> Article.
 *
 *   ---
 *   title: "Q161043: SMS: Despooler Error: 'WIN32 ERROR = 32'"     (HTML entities escaped: &quot;)
 *   permalink: /kb/161/Q161043/
 *   ---
 *   ## Q161043: ...
 *   {% raw %}
 *   <TAB>Article: Q161043
 *   <TAB>Product(s): / Version(s): / Operating System(s): / Keyword(s): / Last Modified:
 *   <TAB>(body, see sections.ts)
 *   {% endraw %}
 *
 * Every part is optional except an id (from `Article:`, the title, the permalink or the folder name)
 * and a title. A markdown file with no id anywhere (a project README) is reported as 'no-id'.
 */
import type { Article, LoadProblem, SourceFile } from '../types.js';
import { articleIdFromPath, canonicalArticleId } from '../article-id.js';
import { type ArticleHeader, buildArticle, loadProblem } from './build-article.js';
import { splitLines } from './sections.js';
import { decodeHtmlEntities, parseKbDate, splitList, splitWords, stripIdPrefix, unquoteYamlScalar } from './fields.js';

const HEADER_LINE = /^(Article|Product\(s\)|Version\(s\)|Operating System\(s\)|Keyword\(s\)|Last Modified)\s*:\s?(.*)$/i;
const ID_PREFIX = /^\s*([Qq]\d+)\s*:/;
const HOW_TO_FIX =
  'a KB markdown article has front matter `title: "Q123456: Title"` and an `Article: Q123456` line; add them, or move the file out of the KB folder if it is not an article';

/** Parse one markdown article. Returns a LoadProblem for empty files and files without an id or title. */
export function parseMarkdownArticle(text: string, file: SourceFile): Article | LoadProblem {
  // The site generator indents the whole body by one tab. Dropping it from the text before splitting is one
  // flat copy instead of a new string per line (removeBodyIndent still handles other indentation).
  const lines = splitLines(text.includes('\n\t') ? text.replaceAll('\n\t', '\n') : text);
  if (lines.every((l) => l.trim() === '')) return loadProblem(file.path, 'empty', 'the file is empty; delete it or put the article text in it');

  const { frontMatter, next } = readFrontMatter(lines);
  let i = next;
  let headingTitle: string | undefined;
  for (let j = i; j < lines.length; j++) {
    const line = lines[j].trim();
    if (line === '') continue;
    const m = /^#{1,2}\s+(.*)$/.exec(line);
    if (m) {
      headingTitle = decodeHtmlEntities(m[1].trim());
      i = j + 1;
    }
    break;
  }
  const rawStart = lines.findIndex((l, j) => j >= i && l.trim() === '{% raw %}');
  if (rawStart >= 0) i = rawStart + 1;
  let end = lines.length;
  for (let j = lines.length - 1; j >= i; j--) {
    if (lines[j].trim() === '{% endraw %}') {
      end = j;
      break;
    }
  }

  const fields = new Map<string, string>();
  while (i < end && lines[i].trim() === '') i++;
  for (; i < end; i++) {
    const m = HEADER_LINE.exec(lines[i].trim());
    if (!m) break;
    const key = m[1].toLowerCase();
    if (!fields.has(key)) fields.set(key, m[2].trim());
  }

  const fmTitle = frontMatter.get('title');
  const idSources = [fields.get('article'), ID_PREFIX.exec(fmTitle ?? '')?.[1], ID_PREFIX.exec(headingTitle ?? '')?.[1]];
  const permalinkId = /\/([Qq]\d+)\/?$/.exec(frontMatter.get('permalink') ?? '')?.[1];
  const id =
    idSources.map((s) => (s ? canonicalArticleId(s) : undefined)).find(Boolean) ??
    (permalinkId && canonicalArticleId(permalinkId)) ??
    articleIdFromPath(file.path);
  const title = fmTitle !== undefined && stripIdPrefix(fmTitle) ? stripIdPrefix(fmTitle) : headingTitle !== undefined ? stripIdPrefix(headingTitle) : undefined;

  const header: ArticleHeader = {
    id,
    title,
    products: splitList(fields.get('product(s)') ?? '', /\|/),
    versionText: fields.get('version(s)') ?? '',
    operatingSystems: splitList(fields.get('operating system(s)') ?? ''),
    keywords: splitWords(fields.get('keyword(s)') ?? ''),
    lastModified: parseKbDate(fields.get('last modified') ?? ''),
  };
  return buildArticle(header, lines.slice(i, end), file, HOW_TO_FIX);
}

/** Flat `key: value` front matter between `---` lines; titles are HTML-escaped by the site generator. */
function readFrontMatter(lines: readonly string[]): { frontMatter: Map<string, string>; next: number } {
  const frontMatter = new Map<string, string>();
  if (lines[0]?.trim() !== '---') return { frontMatter, next: 0 };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '---' || line.trim() === '...') return { frontMatter, next: i + 1 };
    const colon = line.indexOf(':');
    if (colon <= 0 || line[0] === ' ') continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    frontMatter.set(key, decodeHtmlEntities(unquoteYamlScalar(line.slice(colon + 1))));
  }
  // No closing `---`: not front matter after all.
  return { frontMatter: new Map(), next: 0 };
}
