/**
 * A parsed query -> clauses of alternative index terms: each word (with its typo variants and, when cut
 * short, its completions), each recognised error code in every spelling, each phrase as its pairs, and the
 * adjacent-word bonus. What a search must match, before anything is scored.
 */
import { findErrorCodes, codeKeys, codeToken, describeCode } from '../signals/error-codes.js';
import { hasInnerSeparator, termOf, termsOf, wordParts } from '../search-index/analyze.js';
import { FIELDS, pairIdOf, termsWithPrefix, type IndexData } from '../search-index/index-data.js';
import type { ErrorCode } from '../types.js';
import type { ParsedQuery } from './parse-query.js';
import type { Alternative, Clause } from './score-accumulator.js';
import type { SearchTuning } from './tuning.js';

const CODES_FIELD = FIELDS.indexOf('codes');
/** Past this many clauses the rarest words decide: long queries are sentences, not checklists. */
const MAX_CLAUSES = 24;

/** Free words, phrases and codes -> clauses of alternative terms, and the error codes the query spells. */
export function clausesOf(index: IndexData, tuning: SearchTuning, q: ParsedQuery): { clauses: Clause[]; codes: ErrorCode[] } {
  const clauses: Clause[] = [];
  const free = q.words.join(' ');
  const codes = findErrorCodes(free);
  // Words that spell a recognised code become one clause: the code in any spelling, or the words themselves.
  const consumed = new Set<number>();
  const wordStarts: number[] = [];
  let at = 0;
  for (const w of q.words) {
    wordStarts.push(at);
    at += w.length + 1;
  }
  let cursor = 0;
  const lowerFree = free.toLowerCase();
  for (const code of codes) {
    const start = lowerFree.indexOf(code.text.toLowerCase(), cursor);
    const alternatives: Alternative[] = [];
    for (const key of codeKeys(code)) {
      const t = index.termIds.get(codeToken(key));
      if (t !== undefined) alternatives.push({ term: t, weight: tuning.codeBoost, fields: [CODES_FIELD] });
    }
    if (start >= 0) {
      cursor = start + code.text.length;
      const spelled: string[] = [];
      q.words.forEach((w, i) => {
        if (wordStarts[i] >= start && wordStarts[i] < cursor) {
          consumed.add(i);
          spelled.push(w);
        }
      });
      // The literal spelling still counts, weighted like ordinary text, so "Error 32" finds "error 32" too.
      for (const literal of phraseClauses(index, tuning, spelled.join(' ')).slice(0, 1)) {
        alternatives.push(...literal.alternatives.map((a) => ({ ...a, weight: a.weight * 0.5 })));
      }
    }
    if (alternatives.length) clauses.push({ label: code.text, alternatives, required: true });
  }

  const plain = q.words.filter((_, i) => !consumed.has(i));
  const plainTerms: string[] = [];
  // The last word of a query typed without a trailing space may be cut ("was corrupt, and couldn").
  const lastWord = /\s$/.test(q.text) || q.phrases.length ? undefined : plain[plain.length - 1];
  const expanded: { word: string; term: string; cut: boolean }[] = [];
  for (const word of plain) {
    const term = termOf(word);
    const known = term !== null && index.termIds.has(term);
    if (!known && hasInnerSeparator(word)) {
      // A compound word the index does not hold whole (a path cut short): its parts, each a word.
      const parts = wordParts(word);
      parts.forEach((part, i) => expanded.push({ word: part, term: part, cut: word === lastWord && i === parts.length - 1 }));
    } else if (term) expanded.push({ word, term, cut: word === lastWord });
  }
  for (const { word, term, cut } of expanded) {
    plainTerms.push(term);
    const alternatives: Alternative[] = [];
    const id = index.termIds.get(term);
    if (id !== undefined) alternatives.push({ term: id, weight: 1 });
    if (cut && word.length >= 3 && (id === undefined || index.df[id] < tuning.typoMaxDf)) {
      for (const p of termsWithPrefix(index, word.toLowerCase(), 8)) if (p !== id) alternatives.push({ term: p, weight: 0.5 });
    }
    // A lone word that spells a code (0x0000000A, 80004005, -1018, S1000, C2139) also matches the code's other spellings.
    const lone = /\d/.test(word) && !/^\d+$/.test(word) ? describeCode(word) : undefined;
    if (lone) {
      codes.push(lone);
      for (const key of codeKeys(lone)) {
        const t = index.termIds.get(codeToken(key));
        if (t !== undefined) alternatives.push({ term: t, weight: tuning.codeBoost, fields: [CODES_FIELD] });
      }
    }
    if (toleratesTypo(tuning, word) && (id === undefined || index.df[id] < tuning.typoMaxDf)) {
      for (const v of typoVariants(index, word, term)) alternatives.push({ term: v, weight: tuning.typoWeight });
    }
    if (clauses.some((c) => c.label === term)) continue;
    clauses.push({ label: term, alternatives, required: true });
  }
  // Adjacent words found adjacent: a bonus, never a requirement.
  const pairs: Alternative[] = [];
  for (let i = 1; i < plainTerms.length; i++) {
    const id = pairIdOf(index, plainTerms[i - 1], plainTerms[i]);
    if (id !== undefined) pairs.push({ term: id, weight: tuning.pairBoost, pairOf: [plainTerms[i - 1], plainTerms[i]] });
  }
  for (const phrase of q.phrases) clauses.push(...phraseClauses(index, tuning, phrase));
  let kept = clauses;
  if (clauses.length > MAX_CLAUSES) {
    const rarity = (c: Clause) => Math.min(...c.alternatives.map((a) => index.df[a.term]), Infinity);
    kept = [...clauses].sort((a, b) => rarity(a) - rarity(b)).slice(0, MAX_CLAUSES);
  }
  if (pairs.length) kept.push({ label: 'pairs', alternatives: pairs, required: false });
  return { clauses: kept, codes };
}

/**
 * A phrase as clauses: each adjacent pair of its terms (or its single term) must be present. A pair the
 * index has never seen means no article holds the phrase: that clause then matches nothing.
 */
export function phraseClauses(index: IndexData, tuning: SearchTuning, phrase: string): Clause[] {
  const terms = termsOf(phrase);
  if (terms.length === 1) {
    const id = index.termIds.get(terms[0]);
    return [{ label: phrase, alternatives: id === undefined ? [] : [{ term: id, weight: 1 }], required: true, phrase: true }];
  }
  const clauses: Clause[] = [];
  for (let i = 1; i < terms.length; i++) {
    const id = pairIdOf(index, terms[i - 1], terms[i]);
    clauses.push({ label: phrase, alternatives: id === undefined ? [] : [{ term: id, weight: tuning.pairBoost }], required: true, phrase: true });
  }
  return clauses;
}

function toleratesTypo(tuning: SearchTuning, word: string): boolean {
  // Past 30 letters a word is not a misspelt word, and its 1,500+ variants would cost a second.
  return word.length >= tuning.typoMinLength && word.length <= 30 && /^[a-z]+$/i.test(word);
}

/** Index terms one edit away from the word (deletion, substitution, insertion, transposition). */
function typoVariants(index: IndexData, word: string, term: string): number[] {
  const w = word.toLowerCase();
  const seen = new Set<number>();
  const consider = (candidate: string) => {
    const t = termOf(candidate);
    if (!t || t === term) return;
    const id = index.termIds.get(t);
    if (id !== undefined) seen.add(id);
  };
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i <= w.length; i++) {
    if (i < w.length) consider(w.slice(0, i) + w.slice(i + 1));
    if (i < w.length - 1) consider(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    for (const ch of letters) {
      if (i < w.length && ch !== w[i]) consider(w.slice(0, i) + ch + w.slice(i + 1));
      consider(w.slice(0, i) + ch + w.slice(i));
    }
  }
  // The most common variants are the likeliest intended words.
  return [...seen].sort((a, b) => index.df[b] - index.df[a]).slice(0, 3);
}
