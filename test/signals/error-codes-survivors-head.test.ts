import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeTable, readCodes as read } from '../support/error-codes.js';

// The survivors of the first run on the module's head (src/signals/error-codes.ts:1-125): the context patterns and
// the helpers that cut a line's text before and after a token.
describe('signals/error-codes: the words before a bug check or an exception code', () => {
  codeTable([
    ['reads STOP, two spaces and error before 0xA as bug check 0xA', 'STOP  error 0xA', ['stop:0x0000000a "STOP  error 0xA" IRQL_NOT_LESS_OR_EQUAL']],
    [
      'spells an exception code from the exception word when two spaces precede code',
      'Exception  code: 0xc0000005',
      ['exception:0xc0000005 "Exception  code: 0xc0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
    [
      'spells an exception code from the exception word after "no" without a dot',
      'exception no c0000005',
      ['exception:0xc0000005 "exception no c0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
  ]);
});

describe('signals/error-codes: SQLSTATE and NET HELPMSG need their word right before the number', () => {
  codeTable([
    ['does not read a five-digit number as a SQLSTATE when other words follow SQLSTATE', 'SQLSTATE unknown, build 08001', []],
    ['reads SQLSTATE is: 08001 (is, then a colon)', 'SQLSTATE is: 08001', ['sqlstate:08001 "08001"']],
    ['does not read SQLState isnt 08001 (a word that only starts with "is")', 'SQLState isnt 08001', []],
    [
      'reads only the number right after NET HELPMSG, not a later one on the line',
      'NET HELPMSG 2182 says: retry in 5 minutes',
      ['net:2182 "HELPMSG 2182" NERR_ServiceInstalled [win32:2182]'],
    ],
  ]);
});

describe('signals/error-codes: bug check parameters', () => {
  codeTable([
    [
      'reads the exception code of STOP 0x1E from parameters on the next line, not indented',
      'STOP 0x0000001E\n(0xC0000005, 0x8001A2B4, 0x00000000, 0x00000000)',
      ['stop:0x0000001e "STOP 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED', 'exception:0xc0000005 "0xC0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
    [
      'reads the exception code of STOP 0x8E from a single parameter in parentheses',
      '*** STOP 0x0000008E (0xC0000005)',
      [
        'stop:0x0000008e "STOP 0x0000008E" KERNEL_MODE_EXCEPTION_NOT_HANDLED',
        'exception:0xc0000005 "0xC0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]',
      ],
    ],
    [
      'reads an unclosed parameter list as no parameters (the value after it is an NTSTATUS)',
      'STOP 0x0000001E (0xC0000005',
      ['stop:0x0000001e "STOP 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED', 'ntstatus:0xc0000005 "0xC0000005" STATUS_ACCESS_VIOLATION [win32:998]'],
    ],
    [
      'reads bare parameters separated by a comma and two spaces',
      'STOP: 0x0000001E,  0xC0000005,  0x8001A2B4',
      ['stop:0x0000001e "STOP: 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED', 'exception:0xc0000005 "0xC0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
    [
      'reads bare parameters separated by four spaces',
      'STOP 0x0000001E    0xC0000005',
      ['stop:0x0000001e "STOP 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED', 'exception:0xc0000005 "0xC0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
  ]);
});

describe('signals/error-codes: a count after error is not a code, in the singular too', () => {
  codeTable(
    ['file', 'byte', 'item', 'second', 'sec', 'minute', 'hour', 'day', 'time', 'row', 'record'].map((unit): [string, string, string[]] => [
      `does not read error 1 ${unit}`,
      `error 1 ${unit} lost`,
      [],
    ]),
  );
  it('still reads error 1 before another word', () => assert.deepEqual(read('error 1 lost'), ['win32:1 "error 1" ERROR_INVALID_FUNCTION']));
  it('reads a code before a unit in the singular, which counts only after 1: "error 2 file not found" is error 2', () => {
    assert.deepEqual(read('error 2 file not found'), ['win32:2 "error 2" ERROR_FILE_NOT_FOUND']);
    assert.deepEqual(read('Error 32 second instance'), ['win32:32 "Error 32" ERROR_SHARING_VIOLATION']);
    assert.deepEqual(read('error 01 time'), []);
    assert.deepEqual(read('error 2 times'), []);
  });
  it('still reads error 1 before a word that starts with a unit', () =>
    assert.deepEqual(read('error 1 timeout'), ['win32:1 "error 1" ERROR_INVALID_FUNCTION']));
});

describe('signals/error-codes: other products and tool messages', () => {
  codeTable([
    ['withholds the name of Runtime error 53 (run-time without the hyphen)', 'Runtime error 53', ['win32:53 "error 53"']],
    ['withholds the name of Run time error 5 (run-time with a space)', 'Run time error 5', ['win32:5 "error 5"']],
    ['does not read R4000 after note earlier in the sentence (the MIPS chip)', 'Note that the R4000 is a MIPS chip', []],
    ['reads a tool message after "error :" (a space before the colon)', 'error : XY1234', ['tool:xy1234 "XY1234"']],
  ]);
});

describe('signals/error-codes: token edges', () => {
  codeTable([
    ['reads error 5 followed by a pipe in a pipe-separated log', '09:00|robocopy|error 5|access denied', ['win32:5 "error 5" ERROR_ACCESS_DENIED']],
    ['reads rc=5 inside braces', '{rc=5}', ['win32:5 "rc=5" ERROR_ACCESS_DENIED']],
  ]);
});

describe('signals/error-codes: a code on a later line reads the same whatever the length of its line', () => {
  // The context before a token is cut at the line's start and at 24-100 characters; the cut must not lose the word.
  const spellings: [string, string[]][] = [
    ['error 5', ['win32:5 "error 5" ERROR_ACCESS_DENIED']],
    ['STOP 0x0000000A', ['stop:0x0000000a "STOP 0x0000000A" IRQL_NOT_LESS_OR_EQUAL']],
    ['SQLSTATE 08001', ['sqlstate:08001 "08001"']],
    ['exception c0000005', ['exception:0xc0000005 "exception c0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]']],
    ['Setup error 5', ['win32:5 "error 5"']],
    ['error: XY1234', ['tool:xy1234 "XY1234"']],
  ];
  for (const [spelling, want] of spellings) {
    it(`reads "${spelling}" after 0-120 characters of its line`, () => {
      for (let k = 0; k <= 120; k++) assert.deepEqual(read(`first line\n${'x'.repeat(k)} ${spelling}`), want, `${k} characters before`);
    });
  }
});
