/**
 * What a diagnosis's confidence means, and what it is named by. Pure functions, no index access.
 *
 * The confidence shown is calibrated: among first diagnoses shown at "80%", about 80% were right over the dev
 * log cases and the negatives (README, "How far to trust a diagnosis"). It rests on the evidence from
 * error-like lines the article quotes or specifically describes (the claim) and on whether the paste comes
 * from a system the archive covers. A lead over the next diagnosis is not used: where the dev cases' articles
 * tie, they are mostly near-duplicates that are all right.
 */
import type { Evidence } from '../types.js';

/** From this confidence up, a first diagnosis that is a claim explains the paste (`explained: true`). */
export const EXPLAINED_AT = 0.5;

/** A signature match this close, or a text match covering this much of the line in order, is specific. */
const SPECIFIC_SIMILARITY = 0.8;
const SPECIFIC_COVERAGE = 0.8;
const SPECIFIC_ORDER = 0.7;

/** In a log of a system the archive never covered, only a near-verbatim quote says the article is about it. */
const FOREIGN_SIMILARITY = 0.9;

/**
 * Whether a match quotes or specifically describes the pasted line (rather than sharing some of its words).
 * `order` is the share of the line's word pairs the article has in the same order (text matches).
 */
export function isSpecific(kind: 'signature' | 'text', similarity: number, order: number, foreign: boolean): boolean {
  if (foreign) return kind === 'signature' && similarity >= FOREIGN_SIMILARITY;
  return kind === 'signature' ? similarity >= SPECIFIC_SIMILARITY : similarity >= SPECIFIC_COVERAGE && order >= SPECIFIC_ORDER;
}

export interface Strength {
  /** Summed weight of the diagnosis's evidence lines. */
  score: number;
  /** The part of it from error-like lines matched specifically (0 when the diagnosis is no claim). */
  claimScore: number;
  /** The paste is a log of a system the archive never covered. */
  foreign: boolean;
}

/**
 * Claim weight at which a first diagnosis is right about 63% of the time (1 - 1/e). Fitted to the dev log cases
 * and the negatives; the README's reliability table shows the fit.
 */
const CLAIM_SCALE = 4;
/** No diagnosis is certain: the archive holds near-duplicate articles, and a paste can have two causes. */
const MAX_CONFIDENCE = 0.97;
/** A diagnosis that is no claim is related reading: right as the first about one time in eight. */
const RELATED_MAX = 0.2;
const RELATED_SCALE = 15;
/**
 * A near-verbatim error quote in a log of a system the archive never covered: the only claims such a paste can
 * make, and no measured case backs them, so they are held below the measured ones.
 */
const FOREIGN_FACTOR = 0.8;

/**
 * Below this claim weight the error-like evidence is too common to single the article out (an access violation
 * quoted by 200 articles): the diagnosis is related reading.
 */
const MIN_CLAIM = 3;

/** Whether evidence of this claim weight makes the diagnosis a claim (see Diagnosis.claim). */
export function isClaim(claimScore: number): boolean {
  return claimScore >= MIN_CLAIM;
}

/** Calibrated confidence, 0..1 (see the module comment). */
export function calibrate(s: Strength): number {
  if (!isClaim(s.claimScore)) return RELATED_MAX * (1 - Math.exp(-s.score / RELATED_SCALE));
  const claim = MAX_CONFIDENCE * (1 - Math.exp(-s.claimScore / CLAIM_SCALE));
  return s.foreign ? claim * FOREIGN_FACTOR : claim;
}

/** The longest heading text, in characters. */
const MAX_LABEL = 80;

/**
 * A diagnosis's heading: the pasted lines it explains and the message of its strongest error-like one,
 * 'lines 7–9: Error 32 on the package source'. Evidence is in line order.
 */
export function explainsLabel(evidence: readonly Evidence[], messages: ReadonlyMap<number, string>): string {
  if (!evidence.length) return 'no pasted line';
  const lines = [...new Set(evidence.map((e) => e.line))].sort((a, b) => a - b);
  const lead = evidence.find((e) => e.errorLike) ?? evidence[0];
  const message = (messages.get(lead.line) ?? lead.text).replace(/\s+/g, ' ').trim();
  const cut = message.length > MAX_LABEL ? message.slice(0, MAX_LABEL - 1).replace(/\s+\S*$/, '') + '…' : message;
  return `${lineRanges(lines)}: ${cut}`;
}

/** [3, 7, 8, 9] -> 'lines 3, 7–9'; [4] -> 'line 4'. */
export function lineRanges(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    parts.push(j > i ? `${lines[i]}–${lines[j]}` : String(lines[i]));
    i = j;
  }
  return `lines ${parts.join(', ')}`;
}
