/**
 * signals/templates: exact values worked out by hand from the rules, where templates.test.ts checks bounds. Its own
 * file so a mutation run can reuse templates.test.ts's results (Stryker's incremental run keys results by test file).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isHexCodeToken, templateOf, templateSimilarity, templateTokens } from '../../src/signals/templates.js';

describe('signals/templates templateSimilarity, exact values', () => {
  // Exact values, each worked out by hand from the rule: matched article weight (word 1, mask or stop word 0.5) over the
  // article's weight plus 0.15 of the pasted weight left unexplained; 0.25 off per pasted token inserted in the span.
  const exact: { name: string; pasted: string; article: string; similarity: number }[] = [
    {
      name: 'an article word missing from the pasted line earns nothing: 3 of 4',
      pasted: 'cannot open spool',
      article: 'cannot open spool file',
      similarity: 0.75,
    },
    {
      name: 'a pasted stop word inside the span costs 0.25 and dilutes: 3.75 / (4 + 0.15 * 0.75)',
      pasted: 'cannot open the spool file',
      article: 'cannot open spool file',
      similarity: 0.912,
    },
    {
      name: 'an article mask matching nothing earns half its weight inside the line: 2.25 / 2.5',
      pasted: 'failed start',
      article: 'failed <var> start',
      similarity: 0.9,
    },
    {
      name: 'and the same at the start of the line, before anything pasted matched: 2.75 / 3',
      pasted: 'failed to start',
      article: '<var> failed to start',
      similarity: 0.917,
    },
    {
      name: 'an article mask takes a run of pasted words: 3.5 / (3.5 + 0.15 * 2.5)',
      pasted: 'cannot open alpha beta gamma now',
      article: 'cannot open <path> now',
      similarity: 0.903,
    },
    {
      name: 'an article mask matching nothing earns half its weight: 3.25 / 3.5',
      pasted: 'cannot open now',
      article: 'cannot open <path> now',
      similarity: 0.929,
    },
    { name: 'an article mask at the end matching nothing: 2.25 / 2.5', pasted: 'spool file', article: 'spool file <num>', similarity: 0.9 },
    {
      name: 'a pasted mask where the article wrote a value earns half: 4 / 4.5',
      pasted: 'spool failed on <num> retries',
      article: 'spool failed on 3 retries',
      similarity: 0.889,
    },
    {
      name: 'a pasted word where the article wrote a value earns nothing: 3.25 / (4.5 + 0.15 * 0.75)',
      pasted: 'spool failed on the retries',
      article: 'spool failed on 3 retries',
      similarity: 0.705,
    },
    {
      name: 'a pasted mask where the article has a stop word earns nothing: 2.75 / (3.5 + 0.15 * 0.25)',
      pasted: 'spool failed <num> retries',
      article: 'spool failed on retries',
      similarity: 0.777,
    },
    {
      name: 'text around the span is free but dilutes: 2 / (2 + 0.15 * 5)',
      pasted: 'queue stalled before spool file printing started',
      article: 'spool file',
      similarity: 0.727,
    },
    { name: 'words out of order: only one can be in order, 1 / (2 + 0.15)', pasted: 'open spool', article: 'spool open', similarity: 0.465 },
    { name: 'half the article reachable is enough to align: 2 / 4', pasted: 'alpha beta', article: 'alpha beta gamma delta', similarity: 0.5 },
    { name: 'stop words weigh half: 1 / 2', pasted: 'of the', article: 'of the spool', similarity: 0.5 },
    { name: 'less than half reachable: half the reachable share, 0.25 / 2', pasted: 'alpha zeta', article: 'alpha beta gamma delta', similarity: 0.125 },
    {
      name: 'article masks count as reachable: a word and three unmatched masks after it, 1.75 / 2.5',
      pasted: 'spool',
      article: 'spool <path> <num> <hex>',
      similarity: 0.7,
    },
    { name: 'a pasted mask alone reaches no article word', pasted: '<num>', article: 'spool', similarity: 0 },
  ];
  for (const c of exact) {
    it(c.name, () => assert.equal(templateSimilarity(c.pasted, c.article), c.similarity));
  }

  it('compares lines longer than its first work arrays (64 tokens) alike', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    assert.equal(templateSimilarity(words.slice(0, 99).join(' '), words.join(' ')), 0.99); // 99 / 100
    assert.equal(templateSimilarity(words.join(' '), words.slice(0, 99).join(' ')), 0.998); // 99 / (99 + 0.15)
    // Once grown, the arrays are reused for a short line as before.
    assert.equal(templateSimilarity('cannot open spool', 'cannot open spool file'), 0.75);
  });

  it('compares the first 400 tokens of each line only', () => {
    const words = Array.from({ length: 500 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    assert.equal(templateSimilarity(words.slice(0, 400).join(' '), words.join(' ')), 1);
  });
});

describe('signals/templates vocabularies', () => {
  // prettier-ignore
  const codeWords = ['error', 'err', 'errno', 'errorcode', 'code', 'stop', 'event', 'id', 'eventid', 'status', 'msg', 'win32', 'exception', 'rc', 'hresult', 'sqlstate', 'return', 'returned', 'exit', 'ntstatus', 'bugcheck', 'lasterror', 'reason', 'http'];
  it('keeps the number after each word that names a code, and masks it after others', () => {
    for (const w of codeWords) assert.equal(templateOf(`spool ${w} 4321`), `spool ${w} 4321`, w);
    assert.equal(templateOf('spool copied 4321'), 'spool copied <num>');
  });

  // prettier-ignore
  const placeholderWords = ['address', 'addr', 'name', 'number', 'num', 'path', 'file', 'filename', 'drive', 'letter', 'server', 'servername', 'user', 'username', 'computer', 'computername', 'machine', 'value', 'x', 'n', 'nn', 'nnn', 'xx', 'xxx', 'driver', 'share', 'sharename', 'domain', 'directory', 'dir', 'folder', 'printer', 'site', 'code', 'id', 'string', 'text', 'some', 'any', 'program', 'application', 'app', 'database', 'table', 'field', 'object', 'host', 'hostname', 'date', 'time', 'version', 'port', 'device', 'service', 'process', 'thread', 'module', 'message', 'mailbox'];
  it('reads each placeholder word in parentheses or brackets as a value', () => {
    for (const w of placeholderWords) {
      assert.equal(templateOf(`open (${w}) now`), 'open <var> now', `(${w})`);
      assert.equal(templateOf(`open [${w}] now`), 'open <var> now', `[${w}]`);
    }
    assert.equal(templateOf('open (spool) now'), 'open spool now');
  });

  it('reads "the", "your" and "of" in parentheses as a value only beside a placeholder word', () => {
    for (const w of ['the', 'your', 'of']) {
      assert.equal(templateOf(`open (${w} server) now`), 'open <var> now', `(${w} server)`);
      assert.equal(templateOf(`open (${w}) now`), `open ${w} now`, `(${w})`);
    }
    assert.equal(templateOf('open (the your of) now'), 'open the your of now');
    assert.equal(templateOf('open (name of the file) now'), 'open <var> now');
  });

  it('reads a span of stars in brackets as a value, and empty brackets as nothing', () => {
    assert.equal(templateOf('driver [***] failed'), 'driver <var> failed');
    assert.equal(templateOf('driver [ ] failed'), 'driver failed');
  });

  // prettier-ignore
  const stopWords = ['a', 'an', 'the', 'to', 'of', 'in', 'on', 'at', 'for', 'and', 'or', 'is', 'are', 'was', 'be', 'been', 'this', 'that', 'it', 'by', 'with', 'as', 'from', 'not', 'you', 'your', 'will', 'has', 'have', 'do', 'does', 'please', 'may', 'can', '='];
  it('leaves each stop word out of the tokens and counts it half in a similarity', () => {
    for (const w of stopWords) {
      assert.deepEqual(templateTokens(`spool ${w} stalled`), ['spool', 'stalled'], w);
      // The article's "spool" (1) found, its stop word (0.5) not: 1 / 1.5.
      assert.equal(templateSimilarity('spool', `spool ${w}`), 0.667, w);
    }
    assert.equal(templateSimilarity('spool', 'spool stalled'), 0.5);
  });
});

describe('signals/templates templateOf, more cases', () => {
  const cases: { name: string; line: string; template: string }[] = [
    { name: 'drops sentence punctuation after a plain word', line: 'spool stalled,;:!?)', template: 'spool stalled' },
    { name: 'keeps a word with a dot inside', line: 'spool stalled.x', template: 'spool stalled.x' },
    { name: 'keeps a hyphenated word whole', line: 'spool re-queued', template: 'spool re-queued' },
    { name: 'reads x, n and runs of one of them as values', line: 'x n xxxx nnnn', template: '<var> <var> <var> <var>' },
    { name: 'keeps nn, xx and mixed runs as words, bare or quoted', line: 'nn xx xnx nxx "xx"', template: 'nn xx xnx nxx xx' },
    { name: 'folds a pm after a time into it', line: 'at 5:35 pm now', template: 'at <time> now' },
    { name: 'folds a PM with punctuation after a time into it', line: 'at 5:35 PM.', template: 'at <time>' },
    { name: 'keeps am and pm that follow no time', line: 'at pm now am', template: 'at pm now am' },
    { name: 'folds an am glued to a time by punctuation', line: 'at (5:35 am) now', template: 'at <time> now' },
    { name: 'folds a PM in brackets after a time into it', line: 'at 5:35 (PM) now', template: 'at <time> now' },
    { name: 'masks a time with fractions and a zone', line: 'at 5:35:52.1234567+0200 now', template: 'at <time> now' },
    { name: 'masks a drive root, bare or in parentheses', line: 'on C:\\ or (C:\\) now', template: 'on <path> or <path> now' },
    { name: 'masks a grouped number with decimals', line: 'uploaded 12,345,678.50 bytes', template: 'uploaded <num> bytes' },
    { name: 'masks an IP address with each part up to 3 digits', line: 'from 10.100.200.255 ok', template: 'from <ip> ok' },
    { name: 'does not read 5 numbers as an address', line: 'from 10.1.2.3.4 ok', template: 'from 10.1.2.3.4 ok' },
    { name: 'masks an e-mail address', line: 'mail bob.smith@mail.example.com now', template: 'mail <var> now' },
    { name: 'masks a date with a month name', line: 'at 12/Mar/2024 now', template: 'at <date> now' },
    { name: 'masks a FormatMessage insert whole, its closing ! too', line: 'The service %1!s! failed', template: 'the service <var> failed' },
    { name: 'masks an insert with a width and a sentence stop', line: 'Wrote %2!lu! bytes to (%1!s!).', template: 'wrote <var> bytes to <var>' },
    { name: 'masks #### written for a number', line: 'Error #### occurred.', template: 'error <var> occurred' },
    { name: 'masks ?? written for a value', line: 'Code ?? returned', template: 'code <var> returned' },
    {
      name: 'masks a placeholder written as the value after =',
      line: 'Start failed code=#### rc=?? id=%1!s!',
      template: 'start failed code = <var> rc = <var> id = <var>',
    },
    { name: 'keeps a name and = with nothing after them', line: 'Start failed code= now', template: 'start failed code = now' },
    { name: 'reads a build number in dots as a number, not a date', line: 'NT 4.0.1381 and 5.00.2195 up', template: 'nt <num> and <num> up' },
    {
      name: 'masks dotted dates, day or year first',
      line: 'on 31.12.1999 or 1999.12.31 or 1.2.99 or 09.11.2001',
      template: 'on <date> or <date> or <date> or <date>',
    },
    {
      name: 'does not read a dotted day or month out of range as a date',
      line: 'at 32.1.1999 or 1.13.1999 or 2100.1.1 now',
      template: 'at <num> or <num> or <num> now',
    },
    { name: 'keeps an issue number after #', line: 'See issue #5 now', template: 'see issue #5 now' },
    { name: 'masks a date joined to its time', line: 'at 12/Mar/2024:10:20:30 now', template: 'at <date> now' },
    { name: 'masks bare hex of 6 to 16 digits with letters', line: 'fault at 7fa1b2 in 7fa1b2c3d4e5f6a7', template: 'fault at <hex> in <hex>' },
    { name: 'keeps bare hex after an error word', line: 'error 7fa1b2 in', template: 'error 7fa1b2 in' },
    { name: 'keeps 0x hex after "code" and after "error ="', line: 'code 0x1a4 error = 0x1a4', template: 'code 0x1a4 error = 0x1a4' },
    {
      name: 'keeps a code after "error number", "error no." and "code code"',
      line: 'error number 1234 error no. 1234 code code 1234',
      template: 'error number 1234 error no 1234 code code 1234',
    },
    { name: 'masks a number when other words stand between it and the code word', line: 'error alpha beta 1234', template: 'error alpha beta <num>' },
    { name: 'masks a generated file name of three digits, and keeps one of two', line: 'file 123ab.log 12ab.log', template: 'file <file>.log 12ab.log' },
    {
      name: 'masks a file name of wildcards or xxx, nnn, ###',
      line: 'file a*.log xxx.log nnn.log ###.log x.log',
      template: 'file <file>.log <file>.log <file>.log <file>.log x.log',
    },
    { name: 'masks a job id of digits then letters, unless after a code word', line: 'job 12ab ran 1ab error 12ab', template: 'job <var> ran 1ab error 12ab' },
    { name: 'keeps the file name at the end of a path', line: 'open C:\\dir\\sub\\app.ini now', template: 'open <path> app.ini now' },
    { name: 'keeps no name for a path ending in a separator or a numeric name', line: 'open C:\\dir\\ C:\\dir\\8.3 now', template: 'open <path> <path> now' },
    { name: 'masks a Unix path and keeps its file name', line: 'open /usr/lib/x.so now', template: 'open <path> x.so now' },
    { name: 'masks printf-style insertion strings', line: 'at %1 %12 %s %ls %*d %d ok', template: 'at <var> <var> <var> <var> <var> <var> ok' },
    { name: 'masks a URL', line: 'see http://a.example/c now', template: 'see <path> now' },
    { name: 'keeps a leading %, # or * of a word', line: 'at %abc #abc *abc now', template: 'at %abc #abc *abc now' },
    { name: 'strips quotes and brackets around a word with digits', line: '"abc1" (abc2) [abc3] (fuzz)', template: 'abc1 abc2 abc3 fuzz' },
    { name: 'masks a number with units', line: 'used 64kb 2nd 32mb 10bits', template: 'used <num> <num> <num> <num>' },
    { name: 'splits a name from its value at =', line: 'copy failed status=5 path=spool', template: 'copy failed status = 5 path = spool' },
    { name: 'reads a typographic apostrophe as a plain one', line: 'spool don\u2019t stall', template: "spool don't stall" },
    {
      name: 'masks a path in typographic double quotes whole',
      line: 'cannot load \u201cC:\\Program Files\\App\\x.dll\u201d now',
      template: 'cannot load <path> now',
    },
    { name: 'cuts a line at 8,000 characters', line: 'ab '.repeat(2666) + 'abcdef', template: 'ab '.repeat(2666) + 'ab' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(templateOf(c.line), c.template));
  }

  it('reads 8-digit values starting 8 or c, bare or 0x, as HRESULT/NTSTATUS codes', () => {
    for (const code of ['0x80070020', '0xc0000005', '80070020', 'c0000005']) assert.equal(isHexCodeToken(code), true, code);
    for (const other of ['0x00000005', '0x8007002', '00000005', '8007002', '0x800700201', 'error', '8007002g'])
      assert.equal(isHexCodeToken(other), false, other);
  });
});
