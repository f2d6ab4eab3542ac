/**
 * The shared nouns of kbsleuth. Every stage reads and writes these; nothing here does work.
 * Closed vocabularies are data (`as const` arrays) with a derived type and a guard.
 */

/** The two shapes a KB article is published in. */
export const SOURCE_FORMATS = ['markdown', 'text'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** One file an article was read from. */
export interface SourceFile {
  /** Path as found while walking (absolute or relative to the working directory). */
  path: string;
  format: SourceFormat;
  /** Character set the bytes were decoded from: 'utf-8' or a Windows code page such as 'windows-1252'. */
  encoding: string;
}

/** A platform/version pair from `Version(s):` / `PROD/VER:` (`winnt:1.2` -> { platform: 'winnt', version: '1.2' }). */
export interface ProductVersion {
  platform: string;
  /** May be empty: the archive often writes `winnt:` with no number. */
  version: string;
}

/** One headed part of an article body, in the order it appears. */
export interface Section {
  /**
   * Slug of the heading: 'symptoms', 'cause', 'workaround', 'resolution', 'status', 'more-information',
   * 'summary', 'question', 'response', ... or the slugified heading for any other title.
   */
  kind: string;
  /** The heading as written (`MORE INFORMATION`). Empty for text before the first heading. */
  heading: string;
  /** The section's lines, indentation relative to the body kept, joined with '\n'. */
  text: string;
}

export interface Article {
  /** Canonical id: 'Q' followed by the number without leading zeros ('Q161043'). */
  id: string;
  number: number;
  title: string;
  products: string[];
  versions: ProductVersion[];
  /** `Version(s):` / `PROD/VER:` exactly as written. */
  versionText: string;
  operatingSystems: string[];
  keywords: string[];
  /** ISO date (YYYY-MM-DD) from `Last Modified:` or the DOCUMENT line. */
  lastModified?: string;
  /** Archive folder named on the DOCUMENT line (`[sms]`). */
  category?: string;
  /** Lines of "The information in this article applies to:", without the leading dash. */
  appliesTo: string[];
  /** Issue type where stated (`kbbug`, `kbprb`, `kbhowto`, `kbinfo`...), lower case. */
  issueType?: string;
  sections: Section[];
  /** Other article ids the text refers to, canonical form, in order of first mention, without this one. */
  references: string[];
  /** Words from "Additional query words:". */
  queryWords: string[];
  /** Every file this article was read from (one per format when twins were merged). */
  sources: SourceFile[];
}

/** Why a file did not become an article. */
// prettier-ignore
export const PROBLEM_KINDS = ['unreadable', 'empty', 'binary', 'no-id', 'no-title', 'no-body', 'unknown-format', 'id-mismatch', 'not-a-file', 'outside-root', 'too-large'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface LoadProblem {
  path: string;
  kind: ProblemKind;
  /** What is wrong and how to fix it, in a sentence. */
  message: string;
}

/** What loading found; `T` is what a load transform made of each article (see LoadOptions.transform). */
export interface LoadResult<T = Article> {
  articles: T[];
  problems: LoadProblem[];
  stats: {
    files: number;
    markdownFiles: number;
    textFiles: number;
    /** Articles read from both formats and merged into one. */
    mergedTwins: number;
    /** Worker threads that failed (crashed, or exited without their share) and whose share the calling thread loaded instead. */
    workerFailures: string[];
    elapsedMs: number;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Signals: read the same way from articles and from pasted text.

export const CODE_FAMILIES = [
  'win32', // Win32 error (ERROR_SHARING_VIOLATION, Error 32)
  'hresult', // COM HRESULT (0x80004005); Win32-facility HRESULTs are also reported as their win32 code
  'ntstatus', // NTSTATUS (STATUS_ACCESS_VIOLATION, 0xC0000005)
  'stop', // bug check (STOP 0x0000000A, IRQL_NOT_LESS_OR_EQUAL)
  'exception', // exception code in a Dr. Watson dump (c0000005 access violation)
  'net', // NET/LAN Manager message (NET2182, System error 53)
  'sqlstate', // ODBC SQLSTATE (S1000, 08001)
  'jet', // JET / Exchange database error (-1018, JET_errReadVerifyFailure)
  'mapi', // MAPI error (MAPI_E_NOT_FOUND)
  'tool', // compiler/linker/tool message numbers (C2139, L1103, A2068, U1082)
] as const;
export type CodeFamily = (typeof CODE_FAMILIES)[number];

export interface ErrorCode {
  family: CodeFamily;
  /** Canonical key, the same for every spelling of one fault: 'win32:32', 'hresult:0x80004005', 'stop:0x0000000a'. */
  key: string;
  /** Symbolic name where known: 'ERROR_SHARING_VIOLATION'. */
  name?: string;
  /** Short meaning where known. */
  meaning?: string;
  /** The text as it was written in the source ('WIN32 ERROR = 32'). */
  text: string;
  /** Keys of the same fault in other families (an HRESULT_FROM_WIN32 also carries 'win32:32'). */
  aliases?: string[];
}

/** A quoted message line turned into a template that ignores what varies from machine to machine. */
export interface Signature {
  /** Masked, normalised text ('failed to open <path> win32 error = 32'). */
  template: string;
  /** The line as written. */
  line: string;
  /** Section kind the line was quoted in. */
  section: string;
}

export const FIX_STATES = ['fixed', 'confirmed', 'by-design', 'none'] as const;
export type FixState = (typeof FIX_STATES)[number];
export const isFixState = (s: unknown): s is FixState => typeof s === 'string' && (FIX_STATES as readonly string[]).includes(s);

export interface FixStatus {
  state: FixState;
  /** The phrase naming the fix: 'SMS 1.2 Service Pack', 'Windows NT 4.0 Service Pack 4', 'Version 4.00'. */
  fixedIn?: string;
  /** Product versions the article says are affected. */
  affected: string[];
  /** Product versions that carry the fix. */
  fixedVersions: string[];
  /** The sentence the state was read from. */
  sentence?: string;
  /** True when the article says the problem is still being researched. */
  researching?: boolean;
}

/** Product, component and version hints found in text. */
export interface Hints {
  /** Canonical product keys ('sms', 'exchange', 'winnt', 'iis', 'sna'...). */
  products: string[];
  /** Component and log names, lower case ('despooler', 'distmgr', 'lansend', 'msexchangeis'). */
  components: string[];
  /** Versions as 'product:version', a service pack as its own entry too ('sms:1.2', 'winnt:4.0', 'winnt:4.0-sp4'). */
  versions: string[];
}

export interface Signals {
  codes: ErrorCode[];
  signatures: Signature[];
  hints: Hints;
}

/** An article with the signals read from it once, at load time. What the API returns for an article, less its files' paths. */
export interface AnalyzedArticle extends Article, Signals {
  fixStatus: FixStatus;
}

// ---------------------------------------------------------------------------------------------------------
// Search results.

export interface SearchHit {
  id: string;
  title: string;
  /** Permalink path (`/kb/Q161043`). */
  url: string;
  score: number;
  /** Product key (archive category such as `sms`): names the versions. */
  product?: string;
  products: string[];
  versions: string[];
  /** The product each of `versions` belongs to ('' for none), for labels. */
  versionOwners?: string[];
  issueType?: string;
  fixStatus: { state: FixState; fixedIn?: string };
  lastModified?: string;
  /** Plain-text excerpt from the best-matching section. */
  excerpt: string;
  /** [start, end) character ranges of matched words in `excerpt`. */
  highlights: [number, number][];
  /** Section kind the excerpt comes from. */
  section?: string;
}

export type FacetCounts = Record<'product' | 'version' | 'type' | 'status', { value: string; count: number }[]>;

// ---------------------------------------------------------------------------------------------------------
// Troubleshooting.

export const EVIDENCE_KINDS = ['signature', 'text', 'code'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** One pasted line and what it matched in an article. */
export interface Evidence {
  /** 1-based line number in the paste. */
  line: number;
  /** The pasted line (cut to a few hundred characters). */
  text: string;
  kind: EvidenceKind;
  /** The article line it matched, or the code's description. */
  matched: string;
  /** 0..1: how closely the line matched. */
  similarity: number;
  /** The error code, for kind 'code'. */
  code?: { key: string; name?: string; meaning?: string };
  /** The article section the matched line is in. */
  section?: string;
  /** The pasted line reports a fault (an error or warning, failure words, a code in its family's context). */
  errorLike?: boolean;
}

/** A question whose answer narrows the diagnoses (`version:sms` -> "Which SMS version...?"). */
export interface Question {
  id: string;
  text: string;
  choices: { value: string; label: string }[];
}

export interface Diagnosis {
  id: string;
  title: string;
  url: string;
  /** 0..1. */
  confidence: number;
  score: number;
  /** Diagnoses explaining the same lines share a group; another group is another problem in the paste. */
  group: number;
  evidence: Evidence[];
  cause?: string;
  workaround?: string;
  resolution?: string;
  fixStatus: FixStatus;
  /** Product key (archive category such as `sms`). */
  product?: string;
  products: string[];
  versions: string[];
  /** For the version the user gave: whether this article applies and what to do. */
  verdict?: { version: string; applies: boolean; text: string };
  /**
   * True when the article quotes or specifically describes an error-like pasted line (or holds one of its codes
   * in that code's context): only such a diagnosis can explain the paste. Matches of benign lines never do.
   */
  claim: boolean;
  /** What the diagnosis explains, for its heading: 'lines 7–9: Error 32 on the package source'. */
  explains: string;
}

/** What kind of log a paste is, read off its lines' shape (signals/log-kind.ts). */
export interface LogKind {
  kind: string;
  /** 'a Linux / Unix syslog'. */
  label: string;
  /** True when the knowledge base covers logs of this kind (Microsoft products of its era). */
  covered: boolean;
  /** Share of the sampled lines that have this kind's shape (0..1). */
  share: number;
}

export interface TroubleshootResult {
  /**
   * True when the first diagnosis explains the paste: it is a claim (see Diagnosis.claim) and its confidence is
   * at least the threshold the README's reliability table supports. False means nothing known explains it.
   */
  explained: boolean;
  signals: {
    codes: ErrorCode[];
    hints: Hints;
    /** Lines read: at most the first maxLines of the paste, its blank lines and log headers not counted. */
    lines: number;
    distinctLines: number;
    /** The paste went on past its first maxLines lines (with more than blank lines); the rest was not read. */
    truncated: boolean;
    logKind?: LogKind;
    /** The time budget ran out before every line was matched. */ outOfTime?: boolean;
  };
  diagnoses: Diagnosis[];
  /** Error-looking pasted lines no diagnosis explains. */
  unexplained: { line: number; text: string }[];
  question?: Question;
  /** The answers applied (from the request or read off the paste). */
  answers: Record<string, string>;
  notice?: string;
  /** Set when not all of the paste was read or matched (the line budget, the time budget, a share's length): what was, and that the rest was not. */
  unread?: string;
}
