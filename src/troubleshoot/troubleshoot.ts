/**
 * Pasted log -> diagnoses with evidence. No HTTP here.
 *
 * Each distinct pasted line is matched three ways: to the lines articles quote (templates), to the
 * articles' text (the index, for lines no quote covers), and by the error codes it holds. Every match is
 * worth the information it carries — the summed idf of what matched — so a rare exact message outweighs
 * common words, and an article explaining several lines outranks one explaining a single line.
 */
import { termOf } from '../search-index/analyze.js';
import { codeKeys, codeToken, describeCode, findErrorCodes, hasFamilyContext, isMicrosoftLine } from '../signals/error-codes.js';
import { findHints } from '../signals/hints.js';
import { collapseRepeats, hasFaultWords, splitLogLines, type LogLine } from '../signals/log-lines.js';
import { describeLogKind, recogniseLogKind } from '../signals/log-kind.js';
import { productLabel } from '../signals/products.js';
import { versionVerdict } from '../signals/versions.js';
import { isHexCodeToken, templateOf, templateTokens } from '../signals/templates.js';
import type { SearchEngine } from '../search/search.js';
import type { AnalyzedArticle, Diagnosis, ErrorCode, Evidence, Question, TroubleshootResult } from '../types.js';
import { matchLine } from './match-line.js';
import type { SignatureIndex } from './signature-index.js';
import { calibrate, EXPLAINED_AT, explainsLabel, isClaim, isSpecific } from './confidence.js';

export interface TroubleshootSources {
  engine: SearchEngine;
  signatures: SignatureIndex;
  article(id: string): AnalyzedArticle | undefined;
}

export interface TroubleshootOptions {
  /** Answers to earlier questions (`{ 'version:sms': '1.2' }`). */
  answers?: Record<string, string>;
  /** Diagnoses returned at most. Default 5. */
  limit?: number;
  /** Pasted lines read at most. Default 100,000. */
  maxLines?: number;
  /** Distinct lines matched against article text (the costliest step), most error-like first. Default 400. */
  maxTextMatches?: number;
  /** Distinct lines matched against the articles' quoted lines, most error-like first. Default 2,000. */
  maxSignatureMatches?: number;
  /**
   * Milliseconds the matching may take; past it the remaining lines are left unmatched and
   * `signals.outOfTime` says so. Default: no limit (the web passes the configured budget).
   */
  maxMs?: number;
}

const UNDERSCORED = /^[a-z']+(?:_[a-z']+){2,}$/;
/** `Subject: ...`, `Filename : ...`, `MSEXCH:IMC:...`: a header or a setting, rarely the fault itself. */
const LABEL_LINE = /^[A-Za-z][\w .()-]{0,24}\s?:\S?/;
/** Evidence below this is noise (a couple of mid-frequency words). */
const MIN_LINE_EVIDENCE = 1.5;
const MAX_EVIDENCE_LINES = 4;
/** An article holding less than this share of a line's information (summed idf) is no evidence for it. */
const MIN_TEXT_COVERAGE = 0.5;

type WeighedEvidence = Evidence & { weight: number; specific: boolean };

interface LineWork {
  line: LogLine;
  template: string;
  /** templateTokens(template), computed once. */
  tokens: string[];
  codes: ErrorCode[];
  priority: number;
  /** How much a match of this line counts: error lines more, lines the log itself calls informational less. */
  emphasis: number;
  /** The log calls it an error, or it holds error words or a code: listed when nothing explains it. */
  errorLike: boolean;
  /** The line's own level or words report a fault (a code alone does not). */
  reportsFault: boolean;
}

export function troubleshoot(src: TroubleshootSources, text: string, options: TroubleshootOptions = {}): TroubleshootResult {
  const limit = options.limit ?? 5;
  const maxLines = options.maxLines ?? 100_000;
  const allLines = splitLogLines(text, { maxLines: maxLines + 1 });
  const truncated = allLines.length > maxLines;
  const lines = collapseRepeats(truncated ? allLines.slice(0, maxLines) : allLines);
  const hints = findHints(text.length > 1_000_000 ? text.slice(0, 1_000_000) : text);
  const sample = allLines.slice(0, 100).map((l) => l.raw);
  const logKind = recogniseLogKind(sample);
  // Where a bare `error 147` is a Win32 code, and where every code needs a Windows line of its own (see hasFamilyContext).
  // A syslog whose messages name Windows products is a Microsoft-era log in another format, not a foreign one.
  const mentionsMicrosoft = hints.products.length > 0 || sample.some(isMicrosoftLine);
  const paste = { foreign: !!logKind && !logKind.covered && !mentionsMicrosoft, microsoft: !!logKind?.covered || mentionsMicrosoft };

  // One entry per distinct template: a line repeated 500 times is matched once.
  const distinct = new Map<string, LineWork>();
  for (const line of lines) {
    const message = line.message.trim();
    if (message.length < 3) continue;
    const template = templateOf(message);
    if (!template || distinct.has(template)) continue;
    const codes = findErrorCodes(message).filter((c) => hasFamilyContext(c, message, paste));
    const tokens = templateTokens(template);
    // A code standing alone between separators (IIS logs: `|800a01ad|`) has no context word for findErrorCodes,
    // but the template kept it as a code.
    for (const token of tokens) {
      if (!isHexCodeToken(token) || codes.some((c) => c.text.toLowerCase() === token)) continue;
      const code = describeCode(token);
      if (code && hasFamilyContext(code, message, paste)) codes.push(code);
    }
    const errorWords = hasFaultWords(message);
    const priority = (line.severity === 'error' ? 3 : line.severity === 'warning' ? 2 : 0) + (codes.length ? 2 : 0) + (errorWords ? 2 : 0) + Math.min(message.length / 80, 1);
    const emphasis =
      (line.severity === 'error' ? 1.5 : line.severity === 'warning' ? 1.2 : line.severity === 'info' ? 0.7 : 1) *
      (errorWords || codes.length ? 1.3 : LABEL_LINE.test(message) ? 0.5 : 1);
    const reportsFault = line.severity === 'error' || line.severity === 'warning' || errorWords || hasFaultWords(message);
    distinct.set(template, { line, template, tokens, codes, priority, emphasis, errorLike: reportsFault || codes.length > 0, reportsFault });
  }
  const works = [...distinct.values()];

  // evidence[articleId] -> best evidence per pasted line
  const byArticle = new Map<string, Map<number, WeighedEvidence>>();
  // A line matched to a quote or to text counts from MIN_LINE_EVIDENCE up; a code always counts.
  const addEvidence = (id: string, e: WeighedEvidence) => {
    let m = byArticle.get(id);
    if (!m) byArticle.set(id, (m = new Map()));
    const prev = m.get(e.line);
    if (!prev || prev.weight < e.weight) m.set(e.line, e);
  };

  // Quoted-line matching costs about 0.1 ms a line: a paste of 50,000 distinct lines is matched on its most error-like ones.
  const signatureBudget = options.maxSignatureMatches ?? 2000;
  const deadline = options.maxMs === undefined ? Infinity : performance.now() + options.maxMs;
  const bySignaturePriority = works.length > signatureBudget ? [...works].sort((a, b) => b.priority - a.priority).slice(0, signatureBudget) : works;
  let outOfTime = false;
  for (const w of bySignaturePriority) {
    if (performance.now() > deadline) {
      outOfTime = true;
      break;
    }
    const shown = w.line.raw.length > 300 ? w.line.raw.slice(0, 300) + '…' : w.line.raw;
    const matches = src.signatures.match(w.template, 0.7, w.tokens);
    // A line that many articles quote says little about which one applies.
    const spread = Math.sqrt(new Set(matches.filter((m) => m.similarity >= 0.8).map((m) => m.record.id)).size || 1);
    for (const m of matches) {
      const info = src.signatures.infoOf(m.index, () => templateInfo(src.engine, m.record.template));
      const weight = (w.emphasis * m.similarity * m.similarity * info) / (Math.log2(1 + m.articles) * spread);
      if (weight >= MIN_LINE_EVIDENCE) {
        addEvidence(m.record.id, { line: w.line.n, text: shown, kind: 'signature', matched: m.record.line, similarity: round(m.similarity), section: m.record.section, errorLike: w.errorLike, weight, specific: isSpecific('signature', m.similarity, 1, paste.foreign) });
      }
    }
    for (const code of w.codes) {
      for (const key of codeKeys(code)) {
        const idf = src.engine.idfOf(codeToken(key));
        if (!idf) continue;
        const holders = src.engine.articlesWithTerm(codeToken(key), 200);
        // A code quoted by 150 articles narrows little: its weight is shared out like a line's. A code makes a claim
        // only on a line that reports a fault itself: `code:0x80070020` dropped into a backup log is not one.
        const weight = (w.emphasis * idf * 1.5) / Math.sqrt(holders.length || 1);
        for (const id of holders) {
          addEvidence(id, { line: w.line.n, text: shown, kind: 'code', matched: describe(code), similarity: 1, code: { key: code.key, name: code.name, meaning: code.meaning }, errorLike: true, weight, specific: w.reportsFault });
        }
      }
    }
  }
  // Matching against article text is the costly step: the most error-like lines first.
  const textBudget = options.maxTextMatches ?? 400;
  const byPriority = [...works].sort((a, b) => b.priority - a.priority).slice(0, textBudget);
  for (const w of byPriority) {
    if (performance.now() > deadline) {
      outOfTime = true;
      break;
    }
    const shown = w.line.raw.length > 300 ? w.line.raw.slice(0, 300) + '…' : w.line.raw;
    // The template's identifying words: dates, numbers, paths and names vary by machine and would match by chance.
    // IIS and W3C logs write a message's spaces as underscores (ActiveX_component_can't_create_object).
    const words = w.tokens.map((t) => (UNDERSCORED.test(t) ? t.replace(/_/g, ' ') : t)).join(' ');
    // Its evidence is weighed as emphasis × strength × order (≤ 1), and kept from MIN_LINE_EVIDENCE up.
    const minStrength = MIN_LINE_EVIDENCE / w.emphasis;
    for (const m of matchLine(src.engine, words, { limit: 5, minCoverage: MIN_TEXT_COVERAGE, minStrength })) {
      if (m.coverage < MIN_TEXT_COVERAGE) continue;
      // Words in the article's own order (a quoted line) count; the same words scattered count a quarter.
      const order = m.pairCount ? 0.25 + (0.75 * m.pairs) / m.pairCount : 0.5;
      const weight = w.emphasis * m.strength * order;
      if (weight >= MIN_LINE_EVIDENCE) {
        addEvidence(m.id, { line: w.line.n, text: shown, kind: 'text', matched: `${Math.round(m.coverage * 100)}% of the line's words`, similarity: round(m.coverage), errorLike: w.errorLike, weight, specific: isSpecific('text', m.coverage, order, paste.foreign) });
      }
    }
  }

  const scored = [...byArticle].map(([id, evidence]) => {
    const best = [...evidence.values()].sort((a, b) => b.weight - a.weight).slice(0, MAX_EVIDENCE_LINES);
    let score = best.reduce((s, e) => s + e.weight, 0);
    let claimScore = best.reduce((s, e) => s + (e.errorLike && e.specific ? e.weight : 0), 0);
    const meta = src.engine.meta(id);
    if (meta?.product && hints.products.includes(meta.product)) {
      score *= 1.15;
      claimScore *= 1.15;
    }
    return { id, score, claimScore, evidence: best };
  });
  // An article quoting an error-like line comes before any that only shares benign lines with the paste.
  scored.sort((a, b) => Number(isClaim(b.claimScore)) - Number(isClaim(a.claimScore)) || b.score - a.score || a.id.localeCompare(b.id));

  // Answers given, or read off the paste ("SMS 2.0" in a log line answers the SMS version question).
  const answers: Record<string, string> = { ...options.answers };
  for (const v of hints.versions) {
    const [product, version] = v.split(':');
    if (product && version && !version.includes('-') && !answers[`version:${product}`]) answers[`version:${product}`] = version;
  }

  const top = scored.slice(0, Math.max(limit * 3, 10));
  const messages = new Map(works.map((w) => [w.line.n, w.line.message]));
  let diagnoses = top.map((s) =>
    diagnosisOf(src, s.id, s.score, s.evidence.map(({ weight: _w, specific: _s, ...e }) => e), {
      claimScore: s.claimScore,
      foreign: paste.foreign,
      messages,
    }),
  );
  const question = versionQuestion(diagnoses, answers);
  diagnoses = applyAnswers(diagnoses, answers).slice(0, limit);
  assignGroups(diagnoses);

  // Related reading explains nothing: only a claim's lines are explained.
  const covered = new Set(diagnoses.filter((d) => d.claim).flatMap((d) => d.evidence.map((e) => e.line)));
  const unexplained = works
    .filter((w) => !covered.has(w.line.n) && w.errorLike)
    .slice(0, 50)
    .map((w) => ({ line: w.line.n, text: w.line.raw.slice(0, 300) }));

  const codes = dedupeCodes(works.flatMap((w) => w.codes));
  const first = diagnoses[0];
  const isExplained = !!first && first.claim && first.confidence >= EXPLAINED_AT;
  return {
    explained: isExplained,
    signals: { codes, hints, lines: allLines.length, distinctLines: works.length, truncated, logKind, outOfTime },
    diagnoses,
    unexplained,
    // Which version runs matters only to a diagnosis: asked of related reading it would suggest one.
    question: isExplained ? question : undefined,
    answers,
    notice: isExplained
      ? undefined
      : `Nothing in the knowledge base explains this paste${diagnoses.length ? '; the articles below are related reading, not a diagnosis' : ''}.${logKind ? ' ' + describeLogKind(logKind) : ''}${codes.length ? ` Recognised: ${codes.map(describe).join('; ')}.` : ''}${hints.products.length ? ` Products mentioned: ${hints.products.map(productLabel).join(', ')}.` : ''}`,
  };
}

/** Information an article line carries: the summed idf of its identifying words. */
function templateInfo(engine: SearchEngine, template: string): number {
  let info = 0;
  for (const t of templateTokens(template)) {
    const term = termOf(t);
    if (term) info += engine.idfOf(term) || 1;
  }
  return info;
}

function describe(code: ErrorCode): string {
  return [code.text, code.name && code.name !== code.text ? code.name : '', code.meaning ? `(${code.meaning})` : ''].filter(Boolean).join(' ');
}

function dedupeCodes(codes: ErrorCode[]): ErrorCode[] {
  const seen = new Map<string, ErrorCode>();
  for (const c of codes) if (!seen.has(c.key)) seen.set(c.key, c);
  return [...seen.values()];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The first section of these kinds, as plain text, cut to a readable length. */
function sectionText(article: AnalyzedArticle | undefined, kinds: string[], max = 1500): string | undefined {
  const s = article?.sections.find((x) => kinds.includes(x.kind));
  if (!s) return undefined;
  const text = s.text.trim();
  return text.length > max ? text.slice(0, max).replace(/\s+\S*$/, '') + ' …' : text;
}

interface Standing {
  /** The evidence's weight from error-like lines the article quotes or specifically describes. */
  claimScore: number;
  /** The paste is a log of a system the archive never covered. */
  foreign: boolean;
  /** Pasted line number -> its message, for the heading. */
  messages: Map<number, string>;
}

function diagnosisOf(src: TroubleshootSources, id: string, score: number, evidence: Evidence[], standing: Standing): Diagnosis {
  const article = src.article(id);
  const meta = src.engine.meta(id);
  const claim = isClaim(standing.claimScore);
  evidence.sort((a, b) => a.line - b.line);
  const d: Diagnosis = {
    id,
    title: meta?.title ?? article?.title ?? id,
    url: `/kb/${id}`,
    confidence: round(calibrate({ score, claimScore: standing.claimScore, foreign: standing.foreign })),
    score: round(score),
    group: 0,
    evidence,
    cause: sectionText(article, ['cause']),
    workaround: sectionText(article, ['workaround']),
    resolution: sectionText(article, ['resolution']),
    fixStatus: article?.fixStatus ?? { state: meta?.fixState ?? 'none', fixedIn: meta?.fixedIn, affected: [], fixedVersions: [] },
    product: meta?.product,
    products: meta?.products ?? [],
    versions: meta?.versions ?? [],
    claim,
    explains: explainsLabel(evidence, standing.messages),
  };
  return d;
}

/** Version numbers an article applies to, read from its `platform:version` pairs and applies-to lines. */
function versionsOf(d: Diagnosis): string[] {
  const out = new Set<string>();
  for (const v of d.versions) {
    const n = v.split(':')[1];
    if (n) out.add(n);
  }
  return [...out];
}

/**
 * One question at a time: when the leading diagnoses are for one product but different versions, ask which
 * version runs, with the candidates' versions as the choices.
 */
function versionQuestion(diagnoses: Diagnosis[], answers: Record<string, string>): Question | undefined {
  if (diagnoses.length < 2) return undefined;
  const lead = diagnoses.filter((d) => d.score >= diagnoses[0].score * 0.5).slice(0, 5);
  const byProduct = new Map<string, Diagnosis[]>();
  for (const d of lead) {
    const product = d.product;
    if (!product) continue;
    byProduct.set(product, [...(byProduct.get(product) ?? []), d]);
  }
  for (const [product, ds] of byProduct) {
    if (ds.length < 2 || answers[`version:${product}`]) continue;
    const versionSets = ds.map((d) => versionsOf(d).sort().join(','));
    // Only when the answer would tell them apart: articles listing the same versions apply to any answer alike.
    if (new Set(versionSets).size < 2) continue;
    const choices = [...new Set(ds.flatMap((d) => versionsOf(d)))].sort(compareVersions);
    if (choices.length < 2) continue;
    const label = productLabel(product);
    return {
      id: `version:${product}`,
      text: `Which ${label} version is this running? The answer depends on it.`,
      choices: [...choices.map((v) => ({ value: v, label: `${label} ${v}` })), { value: 'other', label: 'Another version / not sure' }],
    };
  }
  return undefined;
}

function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Articles for another version of the product move below the rest and say why; the others get a verdict. */
function applyAnswers(diagnoses: Diagnosis[], answers: Record<string, string>): Diagnosis[] {
  const fits: Diagnosis[] = [];
  const others: Diagnosis[] = [];
  for (const d of diagnoses) {
    const product = d.product;
    const answer = product ? answers[`version:${product}`] : undefined;
    if (!product || !answer || answer === 'other') {
      fits.push(d);
      continue;
    }
    const verdict = versionVerdict({ productLabel: productLabel(product), versions: versionsOf(d), fixStatus: d.fixStatus, hasWorkaround: Boolean(d.workaround) }, answer);
    d.verdict = { version: answer, ...verdict };
    (verdict.applies ? fits : others).push(d);
  }
  return [...fits, ...others];
}

/** Diagnoses that explain the same pasted lines are one problem; disjoint evidence is another. */
function assignGroups(diagnoses: Diagnosis[]): void {
  const groups: Set<number>[] = [];
  for (const d of diagnoses) {
    const lines = new Set(d.evidence.map((e) => e.line));
    let g = groups.findIndex((s) => [...lines].some((l) => s.has(l)));
    if (g < 0) {
      g = groups.length;
      groups.push(new Set());
    }
    for (const l of lines) groups[g].add(l);
    d.group = g + 1;
  }
}
