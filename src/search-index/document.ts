/** AnalyzedArticle -> what the index stores of it: its metadata and, per field, its terms. */
import { codeKeys, codeToken } from '../signals/error-codes.js';
import type { AnalyzedArticle } from '../types.js';
import { termsOf } from './analyze.js';
import type { DocMeta } from './index-data.js';
import type { IndexedDocument } from './build-index.js';

/** Sections whose text describes what the user sees: the symptom field. */
const SYMPTOM_SECTIONS = new Set(['symptoms', 'cause', 'summary', 'question', 'problem', 'body']);

export function docMetaOf(a: AnalyzedArticle): DocMeta {
  return {
    id: a.id,
    number: a.number,
    title: a.title,
    product: a.category ?? a.hints.products[0],
    products: a.products,
    versions: a.versions.map((v) => (v.version ? `${v.platform}:${v.version}` : v.platform)).filter(Boolean),
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
