/**
 * fast-check generators of hostile typed and pasted text, for the property suites over the pure readers
 * (query parser, signal extractors, troubleshooter) and the HTTP fuzz suite. Written for these tests; no
 * archive text.
 */
import fc from 'fast-check';
import { FILTER_NAMES } from '../../src/search/parse-query.js';

/** lunr's query syntax and the query language's own filters, alone and half-typed. */
// prettier-ignore
export const QUERY_SYNTAX = ['title:', 'body:', 'symptoms:', ':', '~', '~2', '^', '^10', '+', '-', '*', '"', '""', '\\', '(', ')', '[', ']', '{', '}', 'foo~1', '*bar*', '-"', '+-', ':::', '^^', '~~', ...FILTER_NAMES.map((f) => `${f}:`), 'product:sms', 'status:fixed', 'status:nonsense', 'version:1.2', 'version:', 'type:bug', 'code:0x80070020', 'code:zzz', 'product:"sms"', 'product:"sna server"', 'code:"', 'status:-fixed', 'PRODUCT:Exchange'];
// prettier-ignore
export const SQL_AND_PATHS = ["' OR 1=1 --", "'; DROP TABLE articles; --", '" OR ""="', '%00', '%', '%%', '../../etc/passwd', '..\\..\\boot.ini', 'C:\\WINNT\\system32\\drivers\\etc\\hosts', '\\\\server\\share\\x.log', 'UNION SELECT *', '${7*7}', '{{7*7}}', '<%= 7*7 %>', '__proto__', 'constructor', 'prototype'];
/** Words and article numbers of the project's own kb/, so queries sometimes find something. */
export const KB_WORDS = ['despooler', 'WIN32', 'ERROR', '=', '32', 'distmgr', 'despool.log', 'KB161043', 'Q0', 'Q99999999'];
/** C0 controls, DEL, NEL, the line and paragraph separators, BOM, bidi override, lone surrogates. */
// prettier-ignore
export const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\r\n', '\u000b', '\f', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff', '\u202e', '\u200b', '\ufffd'];
/** Every character JavaScript's \s matches, which the analyzer splits words on. */
// prettier-ignore
export const UNICODE_SPACES = [' ', '\t', '\u000b', '\f', '\u00a0', '\u1680', '\u2000', '\u2003', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
/** Error codes in the spellings articles and logs use, and numbers that are not codes. */
// prettier-ignore
export const CODE_SPELLINGS = ['0x80070020', 'WIN32 ERROR = 32', 'Error 32', 'error 53', 'ERROR_SHARING_VIOLATION', 'STOP 0x0000000A', 'STOP: 0xa', '*** STOP 0x0000001E (0xC0000005, 0x80100000, 0x00000000, 0x00000000)', '-1018', 'JET -1018', 'c0000005', 'exception number: c0000005', '80004005', '-2147024864', 'S1000 ODBC', 'SQLSTATE=08001', 'C2139:', 'error LNK2001', 'NET2182', 'NET HELPMSG 2182', 'System error 53', 'MAPI_E_CALL_FAILED', 'Q161043', '161043', '32 files', 'error 1 of 3', 'error 4.0', 'Event ID 1025', 'rc=5', 'GetLastError() = 5'];
// prettier-ignore
export const MARKUP = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</textarea>', '<!--', ']]>', '&amp;', '&#0;', '<path to INS file>', '(address)', '[*** Driver Name ***]'];

/** One piece of hostile text: a listed token, random unicode (lone surrogates included) or a plain word. */
export const hostileToken: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...QUERY_SYNTAX, ...SQL_AND_PATHS, ...KB_WORDS, ...CONTROL, ...UNICODE_SPACES, ...CODE_SPELLINGS, ...MARKUP),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'binary-ascii', maxLength: 12 }),
  fc.stringMatching(/^[a-z]{1,10}$/),
);

const separator = fc.constantFrom(' ', '', '  ', '\t', ':', '"', '-', ' -', ' +', '~', '^', '*', '\u2003', '\n');

/** Text as someone might type or paste it: tokens glued by separators, or raw random strings. */
export function hostileText(maxTokens = 14): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(fc.tuple(hostileToken, separator), { maxLength: maxTokens }).map((parts) => parts.map(([t, s]) => t + s).join('')) },
    { weight: 2, arbitrary: fc.string({ maxLength: maxTokens * 6 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: maxTokens * 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: maxTokens * 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: maxTokens * 3 }) },
  );
}
