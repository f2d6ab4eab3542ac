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
export const PROBLEM_KINDS = ['unreadable', 'empty', 'binary', 'no-id', 'no-title', 'no-body', 'unknown-format', 'id-mismatch'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface LoadProblem {
  path: string;
  kind: ProblemKind;
  /** What is wrong and how to fix it, in a sentence. */
  message: string;
}

export interface LoadResult {
  articles: Article[];
  problems: LoadProblem[];
  stats: {
    files: number;
    markdownFiles: number;
    textFiles: number;
    /** Articles read from both formats and merged into one. */
    mergedTwins: number;
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
  /** Versions as 'product:version' ('sms:1.2', 'winnt:4.0', 'winnt:sp4'). */
  versions: string[];
}

export interface Signals {
  codes: ErrorCode[];
  signatures: Signature[];
  hints: Hints;
}
