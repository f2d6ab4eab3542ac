/**
 * AnalyzedArticle -> what the index stores of it: its metadata and, per field, its terms. Also the load
 * transform (prepareArticle) that analyses and tokenizes each article on the thread that read it.
 */
import { isMainThread } from 'node:worker_threads';
import { codeKeys, codeToken } from '../signals/error-codes.js';
import { analyzeArticle } from '../signals/read-signals.js';
import type { ArticleTransform } from '../ingest/load-articles.js';
import type { AnalyzedArticle, Article, Signature, SourceFile } from '../types.js';
import { TermNumbers, termIdsOf, termsOf } from './analyze.js';
import { versionOwnersOf } from '../render/labels.js';
import { FIELDS, type DocMeta, type Field } from './index-data.js';
import type { IndexedDocument, NumberedDocument } from './build-index.js';

/** Sections whose text describes what the user sees: the symptom field. */
const SYMPTOM_SECTIONS = new Set(['symptoms', 'cause', 'summary', 'question', 'problem', 'body']);

export function docMetaOf(a: AnalyzedArticle): DocMeta {
  const product = a.category ?? a.hints.products[0];
  const versions = a.versions.map((v) => (v.version ? `${v.platform}:${v.version}` : v.platform)).filter(Boolean);
  return {
    id: a.id,
    number: a.number,
    title: a.title,
    product,
    products: a.products,
    versions,
    versionOwners: versionOwnersOf(product, versions, a.appliesTo),
    issueType: a.issueType,
    fixState: a.fixStatus.state,
    fixedIn: a.fixStatus.fixedIn,
    lastModified: a.lastModified,
    codes: [...new Set(a.codes.flatMap(codeKeys))],
  };
}

export function indexedDocumentOf(a: AnalyzedArticle): IndexedDocument {
  const meta = docMetaOf(a);
  const fields: IndexedDocument['fields'] = {};
  for (const [field, source] of Object.entries(fieldSources(a, meta)) as [Field, string | string[]][]) {
    fields[field] = typeof source === 'string' ? termsOf(source) : source;
  }
  return { meta, fields };
}

/** What each field indexes: a text to read terms from, or tokens to index as they are. */
function fieldSources(a: AnalyzedArticle, meta: DocMeta): Record<Field, string | string[]> {
  const symptoms: string[] = [];
  const body: string[] = [];
  for (const s of a.sections) (SYMPTOM_SECTIONS.has(s.kind) ? symptoms : body).push(s.text);
  return {
    title: a.title,
    symptoms: symptoms.join('\n'),
    messages: a.signatures.map((s) => s.line).join('\n'),
    // Code tokens go in as they are: the stemmer and trimmer never see them.
    codes: meta.codes.map(codeToken),
    meta: [...a.keywords, ...a.products, a.category ?? '', ...a.queryWords, ...a.appliesTo, a.id].join('\n'),
    body: body.join('\n'),
  };
}

/**
 * What a build keeps of an article once its thread has read it: what the index, the article store and the quoted-line
 * index need, and no more (the parsed article is not sent between threads, nor held while the rest are read).
 */
export interface PreparedArticle {
  id: string;
  number: number;
  sources: SourceFile[];
  meta: DocMeta;
  signatures: Signature[];
  /** The analysed article as the article store saves it. */
  storeJson: string;
  /** For each of FIELDS in order: how many terms the field holds, then their numbers in this thread's preparedTerms(). */
  terms: Uint32Array;
  /** On a loader thread: the terms this article numbered first there, in order (adoptPrepared renumbers with them). */
  newTerms?: string[];
}

/** The numbering of prepareArticle's terms on this thread; a new one once no build in this thread holds numbers. */
let numbers = new TermNumbers();
let builds = 0;

/**
 * Brackets a build on the thread that calls the loader, so its numbering (a few hundred thousand terms) is let go
 * when the last build running ends, not kept for the life of a server. Call the function returned at its end.
 */
export function startPreparing(): () => void {
  if (builds++ === 0) numbers = new TermNumbers();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    if (--builds === 0) numbers = new TermNumbers();
  };
}

/** The terms prepareArticle numbered on this thread, by number. */
export function preparedTerms(): readonly string[] {
  return numbers.terms;
}

/** prepareArticle as a transform the loader's threads can load by name: built from this module's own URL, so tsc and grep see it. */
export const PREPARE_ARTICLE: ArticleTransform = { module: import.meta.url, name: prepareArticle.name, adopt: adoptPrepared.name };

/**
 * Analysis and tokenizing in one step, run on the thread that read the article (a load transform). The terms
 * travel as numbers, the meta is made once, and the store's JSON is made here too (stringifying 60,000 articles on
 * one thread took 4 s).
 */
export function prepareArticle(article: Article): PreparedArticle {
  const analyzed = analyzeArticle(article);
  const meta = docMetaOf(analyzed);
  const known = numbers.terms.length;
  const ids: number[] = [];
  const sources = fieldSources(analyzed, meta);
  for (const field of FIELDS) {
    const source = sources[field];
    const at = ids.length;
    ids.push(0);
    if (typeof source === 'string') termIdsOf(source, numbers, ids);
    else for (const token of source) ids.push(numbers.idOf(token));
    ids[at] = ids.length - at - 1;
  }
  const prepared: PreparedArticle = {
    id: analyzed.id,
    number: analyzed.number,
    sources: analyzed.sources,
    meta,
    signatures: analyzed.signatures,
    storeJson: JSON.stringify(analyzed),
    terms: Uint32Array.from(ids),
  };
  if (!isMainThread) prepared.newTerms = numbers.terms.slice(known);
  return prepared;
}

/**
 * Renumbers, on the thread that called the loader, articles another thread prepared (in the order that thread
 * prepared them) into this thread's preparedTerms(). `thread` keeps the sending thread's numbering between batches.
 */
export function adoptPrepared(batch: PreparedArticle[], thread: { ids?: number[] }): void {
  const ids = (thread.ids ??= []);
  for (const a of batch) {
    for (const term of a.newTerms ?? []) ids.push(numbers.idOf(term));
    delete a.newTerms;
    const terms = a.terms;
    for (let at = 0; at < terms.length;) {
      const end = at + 1 + terms[at];
      for (at++; at < end; at++) terms[at] = ids[terms[at]];
    }
  }
}

/** The document buildIndex reads of a prepared article (its terms numbered in this thread's preparedTerms()). */
export function indexedDocumentOfPrepared(a: PreparedArticle): NumberedDocument {
  return { meta: a.meta, terms: a.terms, termList: numbers.terms };
}
