/**
 * Signals are read once, by the same code, from articles and from pasted text, so the troubleshooter
 * and the search match like with like.
 */
import type { AnalyzedArticle, Article, Signals } from '../types.js';
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

/** Signals of pasted text. Signatures are the pasted lines' templates (see troubleshoot/), so none here. */
export function readTextSignals(text: string): Signals {
  return { codes: findErrorCodes(text), signatures: [], hints: findHints(text) };
}
