/**
 * Reads whether an article's problem is fixed, confirmed, by design or unstated, from its STATUS and
 * RESOLUTION prose and its keywords. KB articles state this in a few dozen stock phrasings
 * ("This problem was first corrected in ...", "We are researching this problem ...", "This behavior is
 * by design."); the expressions below cover them, and the phrase naming the fix is tidied into a short
 * product + version + service pack string ("Exchange Server 5.0 Service Pack").
 */
import type { Article, FixState, FixStatus, Section } from '../types.js';

type FixInput = Pick<Article, 'sections' | 'keywords' | 'appliesTo' | 'products' | 'title'>;

/** Where a sentence came from, strongest first: a STATUS section outranks a RESOLUTION, which outranks the rest. */
const Place = { Status: 0, Resolution: 1, Other: 2 } as const;
type Place = (typeof Place)[keyof typeof Place];

interface Sentence {
  text: string;
  place: Place;
}

interface Finding {
  state: FixState;
  sentence: string;
  place: Place;
  fixedIn?: string;
  /** A fix read from advice ("install the latest service pack") rather than from a statement of fact. */
  weak?: boolean;
}

// ---- Cleaning and sentence splitting ------------------------------------------------------------------

/** Where the article footer starts, when a parser leaves it in the last section (found by substring: sections can be long). */
const FOOTER_MARKS = ['Additional query words:', 'Additional reference words:', 'THE INFORMATION PROVIDED'] as const;
/** "S E R V P A C K": a query word spelled out with spaces, never a version. */
const SPACED_WORD = /(?:\b[A-Za-z] ){3,}[A-Za-z]\b/g;
/** A heading underline inside a section ("Windows NT 4.0" over a row of dashes) ends a sentence. */
const UNDERLINE = /\n[ \t]*[-=]{3,}[ \t]*(?=\n|$)/g;
const PARAGRAPH_BREAK = /\n[ \t]*\n/;
const WHITESPACE = /\s+/g;
/** A full stop after two letters, digits or closing marks, then a capital: "version 4.0. This", "DirectX. Download", not "U.S. Service". */
const SENTENCE_END = /(?<=[a-z0-9)\]"'%]|[A-Za-z0-9]{2})[.!?]\s+(?=[A-Z(])/;

function withoutFooter(text: string): string {
  let end = text.length;
  for (const mark of FOOTER_MARKS) {
    const at = text.indexOf(mark);
    if (at >= 0 && at < end) end = at;
  }
  return end < text.length ? text.slice(0, end) : text;
}

/**
 * The sentences of a text that pass the gate. A sentence passes only if its paragraph does, so paragraphs
 * are gated before they are split: most hold no trigger word, and splitting is the costly part.
 */
function sentencesOf(text: string, place: Place, gate: RegExp): Sentence[] {
  if (!gate.test(text)) return [];
  const body = text.replace(SPACED_WORD, ' ').replace(UNDERLINE, '.\n\n');
  const out: Sentence[] = [];
  for (const paragraph of body.split(PARAGRAPH_BREAK)) {
    if (!gate.test(paragraph)) continue;
    const flat = paragraph.replace(WHITESPACE, ' ').trim();
    for (const s of flat.split(SENTENCE_END)) {
      const t = s.trim();
      if (t.length > 3 && gate.test(t)) out.push({ text: t, place });
    }
  }
  return out;
}

const STATUS_HEADING = /^status\b/i;
const RESOLUTION_HEADING = /^resolution\b/i;
/** Sections whose prose describes the problem, not its status: fix lists in a SUMMARY are about other problems. */
const SKIPPED_KINDS = new Set(['symptoms', 'summary', 'references', 'cause']);

/** Every pattern below needs one of these words; sentences without one are not read further. */
const TRIGGER =
  /correct|fix|resolv|no\s+longer|not\s+(?:occur|exist|appear|happen)|design|confirm|research|acknowledg|aware|known|service\s+pack|service\s+release|\bSR-?\d|upgrade|replacement|update|later|newer|greater|current\s+version|included|added|implemented|address|eliminat|repair|available|supported|patch|new\s+version|latest|most\s+recent|expected|reported\s+as\s+a\s+bug/i;

/** Outside STATUS and RESOLUTION only statements count (no advice, no "does not occur"), so a narrower gate applies. */
const STATEMENT_TRIGGER =
  /corrected|fixed|resolved|addressed|repaired|eliminated|no\s+longer|design|expected|reported\s+as\s+a\s+bug|confirm|researching|acknowledg|aware\s+of|known\s+(?:bug|problem)/i;

/**
 * Words one of which every statement contains ("has confirmed", "was corrected", "by design"). Long
 * sections are read only around them: substring search on the lower-cased text is several times faster
 * than any regular expression, and KB sections can run to pages of setup steps.
 */
// prettier-ignore
const STATEMENT_STEMS = ['corrected', 'fixed', 'resolved', 'addressed', 'repaired', 'eliminated', 'longer', 'design', 'confirm', 'research', 'acknowledg', 'aware', 'known', 'expected', 'reported'];
/** In a RESOLUTION, advice to install a fix counts too. */
// prettier-ignore
const RESOLUTION_STEMS = [...STATEMENT_STEMS, 'fix', 'patch', 'replacement', 'update', 'upgrade', 'later', 'newer', 'greater', 'current', 'latest', 'recent', 'version', 'pack', 'supported', 'available'];
/** Sections shorter than this are read whole. */
const SHORT_SECTION = 1500;
/** How far either side of a stem a statement is looked for, in characters. */
const STATEMENT_REACH = 400;

function candidateSentences(text: string, place: Place): Sentence[] {
  const gate = place === Place.Other ? STATEMENT_TRIGGER : TRIGGER;
  const body = withoutFooter(text);
  if (place === Place.Status || body.length < SHORT_SECTION) return sentencesOf(body, place, gate);
  const lower = body.toLowerCase();
  if (lower.length !== body.length) return sentencesOf(body, place, gate);
  const hits: number[] = [];
  for (const stem of place === Place.Other ? STATEMENT_STEMS : RESOLUTION_STEMS) {
    for (let i = lower.indexOf(stem); i >= 0; i = lower.indexOf(stem, i + stem.length)) hits.push(i);
  }
  hits.sort((a, b) => a - b);
  const out: Sentence[] = [];
  // Overlapping windows are merged, not skipped: a statement that starts near one window's end is read whole.
  let from = 0;
  let to = -1;
  // The bounds of the paragraph that holds the last hit, looked up once a paragraph (a page of hits would be quadratic).
  let paraStart = 0;
  let paraEnd = -1;
  for (const at of hits) {
    if (at > paraEnd) {
      paraStart = Math.max(0, body.lastIndexOf('\n\n', at));
      const next = body.indexOf('\n\n', at);
      paraEnd = next < 0 ? body.length : next;
    }
    const start = Math.max(paraStart, at - STATEMENT_REACH);
    const end = Math.min(paraEnd, at + STATEMENT_REACH);
    if (start < to) {
      to = Math.max(to, end);
      continue;
    }
    if (to >= 0) out.push(...sentencesOf(body.slice(from, to), place, gate));
    from = start;
    to = end;
  }
  if (to >= 0) out.push(...sentencesOf(body.slice(from, to), place, gate));
  return out;
}

function placeOf(section: Section): Place | undefined {
  if (section.kind === 'status' || STATUS_HEADING.test(section.heading)) return Place.Status;
  if (section.kind === 'resolution' || RESOLUTION_HEADING.test(section.heading)) return Place.Resolution;
  return SKIPPED_KINDS.has(section.kind) ? undefined : Place.Other;
}

// ---- Sentence patterns -------------------------------------------------------------------------------

/** "This problem was (first) corrected in X", "has been fixed in X", "no longer occurs in X"; group 1 is X. */
const FIXED =
  /\b(?:(?:was|were|has|have|had|is|are)\s+(?:been\s+)?(?:first\s+|also\s+|now\s+|since\s+)?(?:corrected|fixed|resolved|addressed|repaired|eliminated)(?:\s+and\s+does\s+not\s+occur)?|(?:has|have)\s+corrected\s+(?:this|the)\s+(?:problem|bug|issue)|no\s+longer\s+(?:occurs?|exists?|appears?|happens?|a\s+problem)|(?:feature|functionality)\s+(?:is|was|has\s+been)\s+(?:included|added|implemented))\s+(?:in|with|starting\s+with|beginning\s+with)\s+(.+)/i;
/** "This problem does not occur in X": a fix only when X is a later release (checked by the caller). */
const NOT_IN = /\b(?:does|do)\s+not\s+(?:occur|exist|appear|happen)\s+(?:in|with)\s+(.+)/i;
/** In a RESOLUTION, "does not occur in X" is about the problem only when the sentence says so ("This problem does not..."). */
const PROBLEM_NOT_IN = /\b(?:problem|issue|bug|error)\s+(?:does|do)\s+not\s+(?:occur|exist|appear|happen)\s+in\s+(?!(?:the\s+)?(?:following|this|these)\b)/i;
/** "install Microsoft Word 97 Service Release 1 (SR-1)", "obtain Office 2000 SR-1a": a service release that carries the fix. */
const SERVICE_RELEASE =
  /\b(?:obtain|install|apply|download|get|use|upgrade\s+to)\s+(?:the\s+)?((?:[\w.+'-]+\s+){0,6}?(?:Service\s+Release\s+\d+[a-z]?|SR-?\d+[a-z]?)\b)/i;
const LATER_WORDS = /\b(?:later|newer|subsequent|service\s+pack|update|release)\b/i;
/** "A supported fix is now available", "An update to address this problem is now available". */
const HOTFIX =
  /\b(?:supported\s+(?:fix|hotfix|feature|update)|(?:an\s+)?update\s+to\s+address\s+this\s+(?:problem|issue))\b[^.]{0,160}?\b(?:is\s+)?now\s+available\b/i;
/** "A fix to this problem is in development": confirmed, not fixed. */
const FIX_PENDING = /\bfix\s+(?:to|for)\s+this\s+(?:problem|issue|bug)\s+is\s+in\s+development\b/i;
const NEXT_SERVICE_PACK = /\bnext\s+((?:[\w.+-]+\s+){0,8}?)service\s+pack\b/i;
const AVAILABLE_FOR = /\bavailable\s+for\s+(?:Microsoft\s+)?([A-Z][\w+]*(?:\s+[A-Z][\w+]*){0,4}(?:,?\s+version)?\s+\d(?:[\w.]*\w)?)/;
/** A hotfix named by its id: "hotfix CSD00.043". */
const NAMED_HOTFIX = /\b(?:hotfix|fix|patch)\s+([A-Z]{2,}[\w-]*\d[\w.-]*\w)/;
/** "Microsoft has created a replacement for SMCLIENT.EXE that fixes this problem". */
const REPLACEMENT =
  /\b(?:replacement|updated\s+version|new\s+version|update)\s+(?:for|of)\s+(?:the\s+)?(?:file\s+)?([\w.-]+\.[A-Za-z]{2,4}|[A-Z][\w.-]+)\b[^.]{0,80}?\b(?:that|which)\s+(?:fixes|corrects|resolves|addresses)\b/i;
/** "obtain the latest service pack for Windows NT 4.0", "install the latest SMS 2.0 service pack". */
const LATEST_SP_FOR =
  /\b(?:obtain|install|apply|download|get|use)\s+(?:the\s+)?(?:latest|most\s+recent|current)\s+(?:U\.?S\.?\s+)?service\s+pack\s+for\s+(.+)/i;
const LATEST_X_SP =
  /\b(?:obtain|install|apply|download|get|use)\s+(?:the\s+)?(?:latest|most\s+recent|current)\s+((?:[\w.+,-]+\s+){1,8}?)(?:U\.?S\.?\s+)?service\s+pack\b/i;
const NAMED_SP = /\b(?:obtain|install|apply|download|get|use)\s+(?:the\s+)?((?:[\w.+,-]+\s+){0,8}?service\s+pack\s+\d+[a-z]?(?:\s+for\s+[^.;]{1,80})?)/i;
/** "install the current version of Windows". */
const CURRENT_VERSION =
  /\b(?:[Ii]nstall|[Oo]btain|[Uu]se|[Uu]pgrade\s+to)\s+the\s+(?:current|latest|most\s+recent)\s+version\s+of\s+((?:Microsoft\s+)?[A-Z][\w+]*(?:\s+[A-Z][\w+]*){0,3})/;
/** "Upgrade your SQL Server ODBC driver to version 2.65.0213", "Upgrade to Internet Information Server 4.0". */
const UPGRADE = /\bupgrade\s+(?:(?:your|the)\s+((?:[\w.+-]+\s+){0,6}?))?to\s+(?:the\s+)?(.{0,100}?\d[\w.]*[a-z0-9])(?=[\s,.;)]|$)/i;
/** "use Kixtart 3.48 or later". */
const OR_LATER = /\b(?:use|install|obtain|run|upgrade\s+to)\s+((?:[\w.+-]+\s+){0,6}?(?:version\s+)?\d[\w.]*[a-z0-9])\s+or\s+(?:later|newer|greater)\b/i;
/** Every advice pattern below needs one of these words; most sentences have none, so this one test saves ten. */
const ADVICE_GATE =
  /service\s+pack|service\s+release|\bSR-?\d|fix|patch|replacement|update|upgrade|later|newer|greater|current|latest|recent|new\s+version|supported/i;
/** "apply the fix", "obtain the hotfix". */
const APPLY_FIX = /\b(?:apply|obtain|install|download)\s+(?:the|this)\s+(?:hot)?fix\b/i;

const BY_DESIGN =
  /\b(?:by\s+(?:product\s+)?design\b(?!\s+change)|(?:works|working|functions|functioning)\s+as\s+designed\b|design\s+limitation\b|behaviou?r\s+is\s+expected\b|is\s+(?:the\s+)?expected\s+behaviou?r\b)/i;
const NOT_BY_DESIGN = /\bnot\s+by\s+design\b/i;
const CONFIRMED =
  /\b(?:(?:has|have)\s+confirmed|confirms\s+(?:this|that\s+this)\s+(?:to\s+be|is)|(?:has\s+been|was)\s+reported\s+as\s+a\s+bug|acknowledges?\s+(?:this|that\s+this)\s+to\s+be|is\s+aware\s+of\s+(?:this|the)\s+(?:problem|issue|bug)|this\s+is\s+a\s+(?:known\s+)?(?:bug|problem)\s+(?:in|with))\b/i;
const NOT_CONFIRMED = /\bconfirmed\s+that\s+(?:it|this)\s+is\s+not\b|\bnot\s+caused\s+by\s+a\s+(?:problem|bug)\b/i;
const RESEARCHING = /\b(?:is|are)\s+(?:currently\s+|still\s+)?researching\b/i;
const REFERS_TO_APPLIES = /\blisted\s+(?:at\s+the\s+(?:beginning|top|start)|above)\b|\bproducts?\s+(?:that\s+are\s+)?listed\b|\bproducts\s+above\b/i;
const AFFECTED_OBJECT = /\b(?:problem|bug|issue)s?\s+(?:in|with)\s+(?:the\s+)?(.+)/i;

// ---- Keywords ----------------------------------------------------------------------------------------

const FIXLIST_KEYWORD = /^fixlist(\d+(?:\.\d+)*[a-z]?)$/i;
const BUG_KEYWORD = /^(?:kbbug|kbbuglist|buglist[\d.]*[a-z]?|kb\w+bug)$/i;
/** kbWinNT400sp4fix, kbsms200sp2fix, kbvfp700fix, kbVS97sp1fix, kbfix. */
const FIX_KEYWORD = /^kb(?:([a-z]+?)(\d{2,3}[a-z]?)(?:sp(\d+[a-z]?))?)?fix(?:list)?$/i;
const KEYWORD_PRODUCTS: Readonly<Record<string, string>> = {
  winnt: 'Windows NT',
  sms: 'Systems Management Server',
  vfp: 'Visual FoxPro',
  vbp: 'Visual Basic',
  vs: 'Visual Studio',
  vc: 'Visual C++',
  exchange: 'Exchange Server',
  sna: 'SNA Server',
  iis: 'Internet Information Server',
};

// ---- Tidying the phrase that names the fix -----------------------------------------------------------

/** A new clause that the sentence splitter did not cut ("... Service Pack For information on ..."). */
const CLAUSE_BREAK = /\s+(?:For|To|Please|If|See|This|You|Contact|Note)\s/;
const TRAILING_CLAUSE = /,?\s+(?:which|that)\s+(?:comes?|ships?|is\s+available|are\s+available|can\s+be)\b.*$/i;
const FILE_VERSION_OF =
  /^version\s+(\S+)\s+of\s+(?:the\s+)?(?:files?\s+)?(.+?)(?:\s+files?)?(?:,?\s+(?:which|that)\s+(?:is|are)\s+(?:included|shipped)\s+(?:in|with)\s+(.+))?$/i;
const VERSION_OF_INCLUDED =
  /^(?:the\s+)?(?:updated\s+)?version\s+of\s+(.+?)\s+(?:(?:that|which)\s+(?:is|was|are)\s+)?(?:included|shipped|shipping|that\s+ships)\s+(?:in|with)\s+(.+)$/i;
const SP_FOR = /^(?:the\s+)?(?:latest|most\s+recent|next)?\s*(?:U\.?S\.?\s+)?service\s+packs?(?:\s+(\d+[a-z]?))?\s+(?:for|to)\s+(.+)$/i;
const LATEST_SP = /^(?:the\s+)?(?:latest|most\s+recent|next)\s+(.+?)\s+(?:U\.?S\.?\s+)?(service\s+packs?)\b(.*)$/i;
const US_BEFORE_SP = /\bU\.?S\.?\s+(?=service\s+pack)/gi;
const MICROSOFT = /\bMicrosoft\s+(?=[A-Z(])/g;
const LEADING_THE = /^(?:the|a|an)\s+/i;
const STRAY_VERSION_WORD = /^versions?\s+(?!of\b)(?=\D)/i;
const BARE_VERSION = /^(?:versions?|release)\s+\d/i;
/** "versions 3.0b and 3.2 of Microsoft Mail for Windows": the product follows "of". */
const VERSIONS_OF = /^versions?\s+[\w.,\s]{1,40}?\s+of\s+(.+)$/i;
const PRODUCT_NAME_IN = /^(?:the\s+)?(?:Microsoft\s+)?(.+?)(?:,?\s+(?:versions?\b|\d)|$)/;

function tidyProduct(s: string): string {
  return s
    .replace(MICROSOFT, '')
    .replace(/,?\s+versions?\s+(?=\d)/i, ' ')
    .replace(/,\s*$/, '')
    .trim();
}

function shorten(s: string, max = 160): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max);
  return s.slice(0, cut > 40 ? cut : max);
}

/** Turns the object of "corrected in ..." into a short name for the fix. */
export function tidyFixPhrase(raw: string, product?: string): string {
  let s = raw;
  const brk = CLAUSE_BREAK.exec(s);
  if (brk && brk.index > 0) s = s.slice(0, brk.index);
  s = s
    .replace(/[\s.,;:]+$/, '')
    .replace(LEADING_THE, '')
    .replace(STRAY_VERSION_WORD, '');
  let m = VERSION_OF_INCLUDED.exec(s);
  if (m) {
    s = `${tidyProduct(m[2])} (${m[1]})`;
  } else if ((m = FILE_VERSION_OF.exec(s))) {
    const [, version, file, within] = m;
    s = within ? `${tidyProduct(within)} (${file} ${version})` : `${tidyProduct(file)} ${version}`;
  } else if ((m = SP_FOR.exec(s))) {
    s = `${tidyProduct(m[2])} Service Pack${m[1] ? ' ' + m[1] : ''}`;
  } else if ((m = LATEST_SP.exec(s))) {
    s = `${tidyProduct(m[1])} Service Pack${m[2].toLowerCase().endsWith('s') ? 's' : ''}${m[3]}`;
  }
  s = s.replace(TRAILING_CLAUSE, '').replace(US_BEFORE_SP, '').replace(MICROSOFT, '').replace(WHITESPACE, ' ').trim();
  if (product && BARE_VERSION.test(s)) s = `${product} ${s}`;
  return shorten(s);
}

/** The product a sentence names ("a problem in Systems Management Server version 1.1" -> "Systems Management Server"). */
function productIn(sentence: string | undefined): string | undefined {
  const m = sentence ? AFFECTED_OBJECT.exec(sentence) : null;
  if (!m || REFERS_TO_APPLIES.test(sentence!)) return undefined;
  const object = m[1].replace(/[.\s]+$/, '');
  const name = PRODUCT_NAME_IN.exec(VERSIONS_OF.exec(object)?.[1] ?? object);
  const product = name?.[1].trim();
  return product && /^[A-Z]/.test(product) && product.length <= 60 ? tidyProduct(product) : undefined;
}

function productOf(article: FixInput, confirmed: string | undefined): string | undefined {
  const named = productIn(confirmed);
  if (named) return named;
  const applies = article.appliesTo[0] ?? article.products[0];
  const name = applies ? PRODUCT_NAME_IN.exec(applies.replace(/^-\s*/, '').trim())?.[1] : undefined;
  return name ? tidyProduct(name) : undefined;
}

const NUMBER = /\d+(?:\.\d+)?/g;
function highestNumber(s: string): number {
  let best = -1;
  for (const m of s.matchAll(NUMBER)) best = Math.max(best, Number(m[0]));
  return best;
}

// ---- Reading -----------------------------------------------------------------------------------------

/** `affectedText` names the affected release: the "confirmed" sentence, else the applies-to lines. */
function readSentence(s: Sentence, affectedText: string | undefined): Finding[] {
  const t = s.text;
  const found: Finding[] = [];
  const at = (state: FixState, extra: Partial<Finding> = {}) => found.push({ state, sentence: t, place: s.place, ...extra });

  if (FIX_PENDING.test(t)) at('confirmed');
  let m = FIXED.exec(t);
  if (m) at('fixed', { fixedIn: m[1] });
  else if ((s.place === Place.Status || (s.place === Place.Resolution && PROBLEM_NOT_IN.test(t))) && (m = NOT_IN.exec(t))) {
    // "does not occur in Windows 95" is a fix only when it names a later release than the affected one.
    const later = LATER_WORDS.test(m[1]) || (affectedText !== undefined && highestNumber(m[1]) > highestNumber(affectedText));
    if (later) at('fixed', { fixedIn: m[1] });
  }
  // Advice to install something is only read where the article gives its resolution.
  if (!found.length && s.place !== Place.Other && ADVICE_GATE.test(t) && !FIX_PENDING.test(t)) {
    if (HOTFIX.test(t)) at('fixed', { weak: true, fixedIn: '' });
    else if ((m = NAMED_HOTFIX.exec(t))) at('fixed', { weak: true, fixedIn: `hotfix ${m[1]}` });
    else if ((m = REPLACEMENT.exec(t))) at('fixed', { weak: true, fixedIn: m[1] });
    else if ((m = SERVICE_RELEASE.exec(t))) at('fixed', { weak: true, fixedIn: m[1] });
    else if ((m = LATEST_SP_FOR.exec(t))) at('fixed', { weak: true, fixedIn: `latest service pack for ${m[1]}` });
    else if ((m = LATEST_X_SP.exec(t))) at('fixed', { weak: true, fixedIn: `latest ${m[1]}Service Pack` });
    else if ((m = NAMED_SP.exec(t))) at('fixed', { weak: true, fixedIn: m[1] });
    else if ((m = CURRENT_VERSION.exec(t))) at('fixed', { weak: true, fixedIn: `the current version of ${m[1]}` });
    else if ((m = OR_LATER.exec(t))) at('fixed', { weak: true, fixedIn: m[1] });
    else if ((m = UPGRADE.exec(t))) at('fixed', { weak: true, fixedIn: `${m[1] ?? ''}${m[2]}` });
    else if (APPLY_FIX.test(t)) at('fixed', { weak: true, fixedIn: '' });
  }
  if (BY_DESIGN.test(t) && !NOT_BY_DESIGN.test(t)) at('by-design');
  if ((CONFIRMED.test(t) && !NOT_CONFIRMED.test(t)) || RESEARCHING.test(t)) at('confirmed');
  return found;
}

/**
 * Rank of a finding, lower wins, by place first: a stated fix, then by-design, in STATUS; the same in
 * RESOLUTION; then advice to install a fix (read in those two only). A fix stated in any other section still
 * outranks "confirmed" (KB articles often confirm in STATUS and name the fix elsewhere); by-design there comes
 * after a "confirmed" in STATUS or RESOLUTION.
 */
const RANKS: Readonly<Record<string, readonly [number, number, number]>> = {
  fixed: [0, 2, 5],
  'by-design': [1, 3, 8],
  weak: [4, 4, 9],
  confirmed: [6, 7, 10],
};
function rank(f: Finding): number {
  return RANKS[f.weak ? 'weak' : f.state][f.place];
}

/**
 * The fix status an article states. `fixedIn` is tidied to product + version + service pack where the
 * article names them; `affected` and `fixedVersions` are readable product-version phrases (the applies-to
 * lines when the article says "the products listed at the beginning of this article").
 */
export function readFixStatus(article: FixInput): FixStatus {
  const sentences: Sentence[] = [];
  for (const section of article.sections) {
    const place = placeOf(section);
    if (place !== undefined) sentences.push(...candidateSentences(section.text, place));
  }
  const confirmedSentence = sentences.find((s) => CONFIRMED.test(s.text) && !NOT_CONFIRMED.test(s.text))?.text;
  const affectedText = confirmedSentence ?? (article.appliesTo.length ? article.appliesTo.join('; ') : undefined);
  const findings = sentences.flatMap((s) => readSentence(s, affectedText));
  const researching = sentences.some((s) => RESEARCHING.test(s.text));

  let best: Finding | undefined;
  for (const f of findings) if (!best || rank(f) < rank(best)) best = f;

  const product = productOf(article, confirmedSentence);
  const affected = affectedBy(confirmedSentence, article);
  const kw = readKeywords(article.keywords);

  // A keyword that lists the article among fixes outranks a bare "confirmed" sentence.
  if ((!best || best.state === 'confirmed') && kw.fixedIn !== undefined) {
    const fixedIn = kw.fixedIn || undefined;
    return withResearch(
      { state: 'fixed', fixedIn: fixedIn && prefixProduct(fixedIn, product), affected, fixedVersions: fixedIn ? [fixedIn] : [], sentence: best?.sentence },
      researching,
    );
  }
  if (!best) {
    return withResearch({ state: kw.bug ? 'confirmed' : 'none', affected, fixedVersions: [] }, researching);
  }
  if (best.state !== 'fixed') {
    return withResearch({ state: best.state, affected: best.state === 'confirmed' ? affected : [], fixedVersions: [], sentence: best.sentence }, researching);
  }
  const fixedIn = fixPhraseOf(best, sentences, product, affected.map(tidyProduct));
  return withResearch({ state: 'fixed', fixedIn, affected, fixedVersions: fixedIn ? splitVersions(fixedIn) : [], sentence: best.sentence }, researching);
}

function withResearch(status: FixStatus, researching: boolean): FixStatus {
  return researching ? { ...status, researching: true } : status;
}

function prefixProduct(phrase: string, product: string | undefined): string {
  return product && BARE_VERSION.test(phrase) ? `${product} ${phrase}` : phrase;
}

function fixPhraseOf(best: Finding, sentences: Sentence[], product: string | undefined, affected: readonly string[]): string | undefined {
  if (best.fixedIn) return tidyFixPhrase(best.fixedIn, product) || undefined;
  // A hotfix with no name: say which product's hotfix, from "the next SNA Server 4.0 service pack" or context.
  const near = sentences.filter((s) => s.place === best.place);
  for (const s of near) {
    const m = AVAILABLE_FOR.exec(s.text) ?? NEXT_SERVICE_PACK.exec(s.text);
    if (m && /\d/.test(m[1])) return `${tidyProduct(m[1].trim())} hotfix`;
  }
  const named = affected.find((a) => /\d/.test(a) && a.length <= 80) ?? product;
  return named ? `${named} hotfix` : 'hotfix';
}

const VERSION_JOIN = /\s+and\s+(?:in\s+)?(?=(?:the\s+)?[A-Z])/;
function splitVersions(fixedIn: string): string[] {
  const parts = fixedIn.split(VERSION_JOIN).map((p) => p.trim());
  return parts.every((p) => /\d/.test(p)) ? parts : [fixedIn];
}

function affectedBy(confirmed: string | undefined, article: FixInput): string[] {
  if (!confirmed) return [];
  if (REFERS_TO_APPLIES.test(confirmed)) return article.appliesTo.map((a) => a.replace(/^-\s*/, '').trim()).filter(Boolean);
  const m = AFFECTED_OBJECT.exec(confirmed);
  if (!m) return [];
  const phrase = tidyProduct(m[1].replace(/[.\s]+$/, '').replace(LEADING_THE, ''));
  return phrase && phrase.length <= 120 ? [phrase] : [];
}

/** fixedIn is '' for a fix keyword that names no version, undefined when no keyword speaks of a fix. */
function readKeywords(keywords: readonly string[]): { fixedIn?: string; bug: boolean } {
  let fixedIn: string | undefined;
  let bug = false;
  for (const k of keywords) {
    let m = FIXLIST_KEYWORD.exec(k);
    if (m) {
      fixedIn ||= `Version ${m[1]}`;
      continue;
    }
    if ((m = FIX_KEYWORD.exec(k))) {
      if (m[2]) {
        const name = KEYWORD_PRODUCTS[m[1].toLowerCase()] ?? m[1];
        const digits = m[2];
        const version = /^\d{3}/.test(digits) ? `${digits[0]}.${digits.slice(1)}` : digits;
        fixedIn ||= `${name} ${version}${m[3] ? ` Service Pack ${m[3]}` : ''}`;
      } else fixedIn ??= '';
      continue;
    }
    if (BUG_KEYWORD.test(k)) bug = true;
  }
  return { fixedIn, bug };
}
