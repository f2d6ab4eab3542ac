/**
 * An article's signals (fix status, error codes, quoted lines, hints), read once at load. Pasted text is
 * read by the same modules (troubleshoot/ calls them), so the troubleshooter matches like with like.
 */
import type { AnalyzedArticle, Article } from '../types.js';
import { findErrorCodes } from './error-codes.js';
import { readFixStatus } from './fix-status.js';
import { findHints } from './hints.js';
import { extractSignatures } from './quoted-lines.js';

export function analyzeArticle(article: Article): AnalyzedArticle {
  return {
    ...article,
    fixStatus: readFixStatus(article),
    // Title and sections read as one text, without building that string.
    codes: findErrorCodes([article.title, ...article.sections.map((s) => s.text)]),
    signatures: extractSignatures(article.sections),
    hints: findHints([article.title, ...article.products, ...article.appliesTo, article.versionText].join('\n')),
  };
}
