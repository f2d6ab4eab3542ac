/**
 * AnalyzedArticle -> what the index stores of it: its metadata and, per field, its terms. Also the load
 * transform (prepareArticle) that analyses and tokenizes each article on the thread that read it.
 */
import { codeKeys, codeToken } from '../signals/error-codes.js';
import { analyzeArticle } from '../signals/read-signals.js';
import type { ArticleTransform } from '../ingest/load-articles.js';
import type { AnalyzedArticle, Article } from '../types.js';
import { termsOf } from './analyze.js';
import { versionOwnersOf } from '../render/labels.js';
import type { DocMeta, Field } from './index-data.js';
import type { IndexedDocument } from './build-index.js';

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
  const symptoms: string[] = [];
  const body: string[] = [];
  for (const s of a.sections) (SYMPTOM_SECTIONS.has(s.kind) ? symptoms : body).push(s.text);
  const meta = docMetaOf(a);
  return {
    meta,
    fields: {
      title: termsOf(a.title),
      symptoms: termsOf(symptoms.join('\n')),
      messages: termsOf(a.signatures.map((s) => s.line).join('\n')),
      // Code tokens go in as they are: the stemmer and trimmer never see them.
      codes: meta.codes.map(codeToken),
      meta: termsOf([...a.keywords, ...a.products, a.category ?? '', ...a.queryWords, ...a.appliesTo, a.id].join('\n')),
      body: termsOf(body.join('\n')),
    },
  };
}

/** An analysed article carrying its index terms, each field's joined by spaces (terms hold no spaces). */
export type PreparedArticle = AnalyzedArticle & { indexTerms?: Partial<Record<Field, string>>; storeJson?: string };

/** prepareArticle as a transform the loader's threads can load by name: built from this module's own URL, so tsc and grep see it. */
export const PREPARE_ARTICLE: ArticleTransform = { module: import.meta.url, name: prepareArticle.name };

/**
 * Analysis and tokenizing in one step, run on the thread that read the article (a load transform): the
 * terms travel back as one string per field, which crosses threads far cheaper than 30 M small strings.
 */
export function prepareArticle(article: Article): PreparedArticle {
  const analyzed = analyzeArticle(article);
  const { fields } = indexedDocumentOf(analyzed);
  const indexTerms: Partial<Record<Field, string>> = {};
  for (const [field, terms] of Object.entries(fields) as [Field, string[]][]) indexTerms[field] = terms.join(' ');
  // The article store's JSON is made here too: stringifying 60,000 articles on one thread took 4 s.
  return { ...analyzed, indexTerms, storeJson: JSON.stringify(analyzed) };
}

/** The IndexedDocument of a prepared article; its carried terms are dropped (they are not stored). */
export function indexedDocumentOfPrepared(article: PreparedArticle): IndexedDocument {
  if (!article.indexTerms) return indexedDocumentOf(article);
  const fields: IndexedDocument['fields'] = {};
  for (const [field, joined] of Object.entries(article.indexTerms) as [Field, string][]) fields[field] = joined ? joined.split(' ') : [];
  delete article.indexTerms;
  return { meta: docMetaOf(article), fields };
}
