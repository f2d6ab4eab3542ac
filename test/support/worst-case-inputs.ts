/**
 * Worst-case inputs for the text scanners: patterns repeated to megabytes, where a backtracking regex or
 * a quadratic loop shows. The tests run each once at a modest size (they must finish and answer sensibly);
 * the bench (`npm run bench:linear`, scripts/bench-linear.ts) times them at full size, where timing belongs.
 */
import { findErrorCodes } from '../../src/signals/error-codes.js';
import { readFixStatus } from '../../src/signals/fix-status.js';
import { findHints } from '../../src/signals/hints.js';
import { splitLogLines, stripLogPrefix } from '../../src/signals/log-lines.js';
import { extractSignatures } from '../../src/signals/quoted-lines.js';
import { templateOf, templateSimilarity } from '../../src/signals/templates.js';

export interface WorstCase {
  name: string;
  run: (s: string) => unknown;
  patterns: string[];
  /** The size the bench times: a paste can be one 5 MB line; inputs that split into many small strings use 1 MB or less. */
  chars: number;
}

/** `pattern` repeated to `chars` characters. */
export const repeatTo = (pattern: string) => (chars: number) => pattern.repeat(Math.ceil(chars / pattern.length)).slice(0, chars);

const FIVE_MB = 5_000_000;
const ONE_MB = 1_000_000;
const statusOf = (t: string) =>
  readFixStatus({ sections: [{ kind: 'status', heading: 'STATUS', text: t }], keywords: [], appliesTo: [], products: [], title: 't' });
/** A RESOLUTION over 1,500 characters is read in windows around its stem words, not whole as a STATUS is. */
const resolutionOf = (t: string) =>
  readFixStatus({ sections: [{ kind: 'resolution', heading: 'RESOLUTION', text: t }], keywords: [], appliesTo: [], products: [], title: 't' });
const signaturesOf = (t: string) => extractSignatures([{ kind: 'symptoms', heading: 'SYMPTOMS', text: t }]);
let calls = 0;

/** Units findErrorCodes' patterns could backtrack on (error-codes.test.ts reads 2 MB of each for the code after it). */
export const ERROR_CODE_PATTERNS = ['0x', 'error ', 'STOP ', '-1', 'a', 'Error 1 of ', 'STOP 0x1E (', 'exception ', 'a_', '9', 'NET ', 'State='];

export const SIGNAL_WORST_CASES: WorstCase[] = [
  { name: 'findErrorCodes', run: findErrorCodes, patterns: ERROR_CODE_PATTERNS, chars: 2_000_000 },
  {
    name: 'stripLogPrefix',
    run: stripLogPrefix,
    patterns: ['1999-01-01 12:00:00 [0x1A] ', '$$<', '\t1/1/1999', '<![LOG[', '[[[[', 'PID 1 ', 'Error,1/1/1999,', ' '],
    chars: FIVE_MB,
  },
  { name: 'splitLogLines (one line)', run: (s) => splitLogLines(s, { maxLineChars: Infinity }), patterns: ['$$<x', '1999-01-01 '], chars: FIVE_MB },
  {
    name: 'splitLogLines (many lines)',
    run: splitLogLines,
    patterns: ['error 32  $$<SMS_DESPOOLER><01-01-1999 12:00:00><thread=11C>\r\n', '\r'],
    chars: ONE_MB,
  },
  { name: 'templateOf', run: templateOf, patterns: ['C:\\a\\b ', '<', '"C:\\', '0x0x', '((address) '], chars: FIVE_MB },
  // A fresh string each call: templateSimilarity caches the tokens of the templates it has seen.
  { name: 'templateSimilarity', run: (s) => templateSimilarity(s + ` ${++calls}`, 'cannot open <path> error 32'), patterns: ['cannot open '], chars: ONE_MB },
  { name: 'extractSignatures (one line)', run: signaturesOf, patterns: ['error: "cannot open the file" ', '    ', '"', 'following error: '], chars: FIVE_MB },
  {
    name: 'extractSignatures (repeated blocks)',
    run: signaturesOf,
    patterns: ['You receive the following error message:\n\n    cannot open the instruction file\n', 'x:\n     y z w\n'],
    chars: ONE_MB / 4,
  },
  { name: 'readFixStatus (one sentence)', run: statusOf, patterns: ['a b c d ', 'S E R V '], chars: FIVE_MB },
  {
    name: 'readFixStatus (repeated phrases)',
    run: statusOf,
    patterns: ['corrected in version ', 'This problem was corrected in SMS version 1.2 Service Pack 1. ', 'Microsoft has confirmed this to be a problem in '],
    chars: ONE_MB,
  },
  {
    name: 'readFixStatus (a RESOLUTION of stem words)',
    run: resolutionOf,
    patterns: ['version fixed ', 'This problem was corrected in version 1.2. '],
    chars: ONE_MB,
  },
  { name: 'findHints (one word)', run: findHints, patterns: ['SMS_', 'a', ' '], chars: FIVE_MB },
  { name: 'findHints (repeated mentions)', run: findHints, patterns: ['Windows NT 4.0 Service Pack ', 'Windows ', 'build ', 'SMS '], chars: ONE_MB },
];

/** Units a masking rule could backtrack on, repeated (the bench masks 1 MB of each). */
export const MASK_WORST_CASES: { name: string; unit: string }[] = [
  { name: 'word characters', unit: 'a' },
  { name: 'dots and letters', unit: 'a.' },
  { name: 'repeated drive paths separated by spaces', unit: 'C:\\a ' },
  { name: 'backslashes', unit: '\\' },
  { name: 'digits and dots', unit: '1.2.3.' },
  { name: 'hex and colons', unit: 'ab:' },
  { name: '"user user user"', unit: 'user ' },
  { name: 'at signs between words', unit: 'a@b' },
  { name: 'password= with no value end', unit: 'password=a' },
  { name: 'repeated "password: "', unit: 'password: ' },
  { name: 'PEM headers with no end', unit: '-----BEGIN RSA PRIVATE KEY----- ' },
  { name: 'URL starts with no @', unit: 'ftp://a:b' },
  { name: 'net use with no share', unit: 'net use x ' },
  { name: 'Bearer with short tokens', unit: 'Bearer abc ' },
  { name: 'JWT-like starts', unit: 'eyJa.eyJb.' },
  { name: 'cookie headers', unit: 'Cookie: a=b; ' },
  { name: 'DN components', unit: 'CN=a,' },
  { name: 'phone-like digits', unit: '+1 2 ' },
  { name: 'MAC-like pairs', unit: '0a:' },
  { name: 'quotes after user', unit: "user '" },
  { name: 'SIDs with no end', unit: 'S-1-5-21-1-' },
];
