import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeKeys, describeCode, isMicrosoftLine } from '../../src/signals/error-codes.js';
import { codeTable, formatCode } from '../support/error-codes.js';

// The survivors of the first run on readDecimal, readBareHex, readLettersAndDigits, readToken, the scan, describeCode,
// codeKeys and isMicrosoftLine (src/signals/error-codes.ts:201-428).

describe('signals/error-codes: 8-digit values written without 0x (readDecimal, readBareHex)', () => {
  codeTable([
    ['reads an HRESULT after a word that is no error word', 'failed with 80004005', ['hresult:0x80004005 "80004005" E_FAIL [mapi:0x80004005]']],
    ['reads an unknown HRESULT after failed', 'failed with 80001234', ['hresult:0x80001234 "80001234"']],
    ['reads 0x80000000 after failed, written without 0x', 'failed with 80000000', ['hresult:0x80000000 "80000000"']],
    [
      'reads an unknown value after an exception word as an exception code',
      'exception in thread 80001234',
      ['exception:0x80001234 "80001234" [ntstatus:0x80001234]'],
    ],
    ['does not read nine or ten digits starting with 8 as a hex value', 'data 880070005; 12 8880070005', []],
    ['does not read a value below 0x80000000 that the NTSTATUS table knows', 'status 4000000A', []],
    ['reads STOP and eight decimal digits as a bug check', 'STOP 00000050', ['stop:0x00000050 "STOP 00000050" PAGE_FAULT_IN_NONPAGED_AREA']],
    ['reads an HRESULT after a dash that does not touch it', 'value -. 80004005', ['hresult:0x80004005 "80004005" E_FAIL [mapi:0x80004005]']],
    ['does not read a decimal of more than ten digits, even one with leading zeros', 'error 000000000005', []],
    ['does not read a number without a minus as a signed value or a JET error', 'size: 2147024864; database: 1018', []],
  ]);
});

describe('signals/error-codes: letters and digits after the first run (readLettersAndDigits, readToken)', () => {
  codeTable([
    ['reads a SQLSTATE the table does not list when State: names it and its class is known', 'State: HY999', ['sqlstate:hy999 "HY999"']],
    ['reads S1000 near the words ODBC and driver', 'S1000 in the ODBC driver', ['sqlstate:s1000 "S1000"']],
    ['reads a run-time error after STOP as the run-time error, not a bug check', 'STOP R6025', ['tool:r6025 "R6025"']],
    ['reads a C# compiler error after STOP as the compiler error, not a bug check', 'STOP CS0246', ['tool:cs0246 "CS0246"']],
    ['does not read STOP with nine hex digits', 'STOP 1234ABCDE', []],
    ['does not read a tool code with four letters before its digits', 'XLNK2001', []],
    ['does not read a tool code with a letter after its digits', 'C2065A', []],
    ['reads a tool message whose prefix has x for its second letter after error:', 'error: AX1234', ['tool:ax1234 "AX1234"']],
    ['does not read a hex value glued to a letter that is not a hex digit', 'error 0x20G', []],
  ]);
});

describe('signals/error-codes: describeCode after the first run', () => {
  const described: [string, string | undefined][] = [
    ['STOP 0000000A', 'stop:0x0000000a "STOP 0000000A" IRQL_NOT_LESS_OR_EQUAL'],
    ['0000000A', 'stop:0x0000000a "0000000A" IRQL_NOT_LESS_OR_EQUAL [win32:10]'],
    ['80001234', 'hresult:0x80001234 "80001234"'],
    ['80070005 (access denied)', 'hresult:0x80070005 "80070005" E_ACCESSDENIED [win32:5 mapi:0x80070005]'],
    ['error 0x20', 'win32:32 "error 0x20" ERROR_SHARING_VIOLATION'],
    ['0x20 failed', undefined],
    ['1999-1018', undefined],
    ['-1018.5', undefined],
    ['XLNK2001', undefined],
    ['C2065A', undefined],
    ['NET3999', 'net:3999 "NET3999" [win32:3999]'],
    ['C1000', 'tool:c1000 "C1000"'],
    ['Bug check stop: 0x0A', 'stop:0x0000000a "stop: 0x0A" IRQL_NOT_LESS_OR_EQUAL'],
  ];
  for (const [input, want] of described) {
    it(`describes ${JSON.stringify(input)} as ${want ?? 'nothing'}`, () => {
      const c = describeCode(input);
      assert.equal(c && formatCode(c), want);
    });
  }

  it('lists the key alone for a code without aliases', () => {
    assert.deepEqual(codeKeys({ family: 'win32', key: 'win32:5', text: 'error 5' }), ['win32:5']);
  });
});

describe('signals/error-codes: isMicrosoftLine after the first run', () => {
  it('reads a line naming Microsoft before a space as a Microsoft line', () => {
    assert.equal(isMicrosoftLine('Copyright Microsoft Corp'), true);
  });
});

describe('signals/error-codes: found by the survivors of lines 201-428', () => {
  // SQLSTATE_WITH_LETTERS listed the shapes IM..., HY..., ..S.., S0.../S1... and left out 3D000, a code with a letter the table has.
  codeTable([
    ['reads every SQLSTATE with a letter that the table has near an ODBC word, 3D000 too', '3D000 from the ODBC driver', ['sqlstate:3d000 "3D000"']],
    ['does not read a SQLSTATE shape with a letter that the table does not have', '3D999 from the ODBC driver', []],
  ]);

  // `rras?` matched "rra" (rrdtool's round-robin archives) and "rras"; "ras" stays out: other systems' logs name RAS too.
  it('reads RRAS as a Microsoft word, and neither RRA nor RAS', () => {
    assert.equal(isMicrosoftLine('the RRAS service stopped'), true);
    assert.equal(isMicrosoftLine('RRA:AVERAGE:0.5:1:288'), false);
    assert.equal(isMicrosoftLine('RAS subsystem: 2 correctable errors'), false);
  });

  // `microsoft(?![.\w])` refused a sentence ending in "Microsoft." as well as a host name.
  it('reads Microsoft at the end of a sentence as a Microsoft word, but not in a host or package name', () => {
    assert.equal(isMicrosoftLine('the patch came from Microsoft.'), true);
    assert.equal(isMicrosoftLine('the patch came from Microsoft. Then it failed'), true);
    assert.equal(isMicrosoftLine('fetched from download.microsoft.com'), false);
    assert.equal(isMicrosoftLine('at com.microsoft.sqlserver.jdbc.Driver'), false);
  });
});
