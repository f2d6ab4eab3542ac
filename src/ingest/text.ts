/**
 * Raw KB text (`txt/NNN/QNNNNNN.TXT`) -> Article.
 *
 *   DOCUMENT:Q161043  31-JUL-2001  [sms]
 *   TITLE   :...
 *   PRODUCT :...
 *   PROD/VER:winnt:1.2
 *   OPER/SYS:
 *   KEYWORDS:kbtool kbusage
 *   (body, not indented; see sections.ts)
 */
import type { Article, LoadProblem, SourceFile } from '../types.js';
import { canonicalArticleId } from '../article-id.js';
import { type ArticleHeader, buildArticle, loadProblem } from './build-article.js';
import { splitLines } from './sections.js';
import { parseKbDate, splitList, splitWords } from './fields.js';

const HEADER_LINE = /^(DOCUMENT|TITLE|PRODUCT|PROD\/VER|OPER\/SYS|KEYWORDS)\s*:(.*)$/i;
const HOW_TO_FIX =
  'a KB text file starts with `DOCUMENT:Q123456  31-JUL-2001  [category]` then `TITLE   :...`; fix the header or move the file out of the KB folder';

/** Parse one `.TXT` article (CRLF or LF). Returns a LoadProblem for empty files and files without a DOCUMENT line. */
export function parseTextArticle(text: string, file: SourceFile): Article | LoadProblem {
  const lines = splitLines(text);
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i === lines.length) return loadProblem(file.path, 'empty', 'the file is empty; delete it or put the article text in it');

  const fields = new Map<string, string>();
  for (; i < lines.length; i++) {
    const m = HEADER_LINE.exec(lines[i]);
    if (!m) break;
    const key = m[1].toUpperCase();
    if (!fields.has(key)) fields.set(key, m[2].trim());
  }
  const document = fields.get('DOCUMENT');
  if (document === undefined) return loadProblem(file.path, 'no-id', `no DOCUMENT line; ${HOW_TO_FIX}`);

  const words = document.split(/\s+/);
  const category = /\[([^\]]*)\]/.exec(document)?.[1].trim();
  const header: ArticleHeader = {
    id: canonicalArticleId(words[0] ?? ''),
    title: fields.get('TITLE'),
    products: splitList(fields.get('PRODUCT') ?? '', /\|/),
    versionText: fields.get('PROD/VER') ?? '',
    operatingSystems: splitList(fields.get('OPER/SYS') ?? ''),
    keywords: splitWords(fields.get('KEYWORDS') ?? ''),
    lastModified: words.map(parseKbDate).find((d) => d !== undefined),
    category: category || undefined,
  };
  return buildArticle(header, lines.slice(i), file, HOW_TO_FIX);
}
