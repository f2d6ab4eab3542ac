import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeKeys, codeToken, describeCode, findErrorCodes, hasFamilyContext, isMicrosoftLine } from '../../src/signals/error-codes.js';
import { codeTable, formatCode, readCodes as read } from '../support/error-codes.js';

describe('signals/error-codes: the words before a number (readAfterErrorWord)', () => {
  codeTable([
    ['does not read err 5 without a separator', 'err 5', []],
    ['does not read rc 5 without a separator', 'rc 5', []],
    ['reads err=5 with its separator', 'err=5', ['win32:5 "err=5" ERROR_ACCESS_DENIED']],
    ['does not read return 5 without "code"', 'return 5', []],
    ['reads Return Code 5 in any case', 'Return Code 5', ['win32:5 "Return Code 5" ERROR_ACCESS_DENIED']],
    ['does not read error() 5', 'error() 5', []],
    ['does not read error returned 5', 'error returned 5', []],
    ['does not read Error IS 5', 'Error IS 5', []],
    ['reads GetLastError() is 5', 'GetLastError() is 5', ['win32:5 "GetLastError() is 5" ERROR_ACCESS_DENIED']],
    ['does not read error 5 files', 'error 5 files', []],
    ['does not read a percentage after error', 'error 5% complete, error 6 % done', []],
    ['names GetLastError() 5 after another product', 'Setup: GetLastError() returns 5', ['win32:5 "GetLastError() returns 5" ERROR_ACCESS_DENIED']],
    ['names win32 error 5 after another product', 'Setup: win32 error 5', ['win32:5 "win32 error 5" ERROR_ACCESS_DENIED']],
    ['withholds the name of windows error 5 after another product', 'Setup: windows error 5', ['win32:5 "windows error 5"']],
    ['withholds the name of Windows error 5 (any case) after another product', 'Setup: Windows error 5', ['win32:5 "Windows error 5"']],
    ['withholds the name of a bare error 5 after another product', 'Setup error 5', ['win32:5 "error 5"']],
    ['gives win32 error 53 no NET alias', 'win32 error 53', ['win32:53 "win32 error 53" ERROR_BAD_NETPATH']],
    ['reads error 0X20 as Win32 error 32', 'error 0X20', ['win32:32 "error 0X20" ERROR_SHARING_VIOLATION']],
    ['reads error 0x80000000 as an HRESULT', 'error 0x80000000', ['hresult:0x80000000 "error 0x80000000"']],
    ['does not read error 0x0', 'error 0x0', []],
    ['reads error 0xFFFF as Win32 error 65535', 'error 0xFFFF', ['win32:65535 "error 0xFFFF"']],
    ['does not read error 0x10000', 'error 0x10000', []],
    ['does not read error -5 outside a JET context', 'error -5', []],
    ['reads database error -5 as JET error -5', 'database error -5', ['jet:-5 "error -5"']],
    ['reads error -5 with the store named after it as JET error -5', 'error -5 in the store', ['jet:-5 "error -5"']],
    ['reads a five-digit negative error number in a JET context', 'database error -12345', ['jet:-12345 "error -12345"']],
    ['does not read a six-digit negative error number', 'error -123456 in database', []],
    ['reads error -2147024864 as HRESULT 0x80070020', 'error -2147024864', ['hresult:0x80070020 "error -2147024864" ERROR_SHARING_VIOLATION [win32:32]']],
    ['does not read 8 digits starting with 9 after error', 'error 90004005', []],
    ['does not read 8 digits starting with 1 after error', 'error 12345678', []],
    ['reads error 65535 as Win32 error 65535', 'error 65535', ['win32:65535 "error 65535"']],
    ['does not read error 65536', 'error 65536', []],
    ['does not read error 0', 'error 0', []],
    ['reads error 3221225477 as NTSTATUS 0xC0000005', 'error 3221225477', ['ntstatus:0xc0000005 "error 3221225477" STATUS_ACCESS_VIOLATION [win32:998]']],
    ['reads error 2147483648 as HRESULT 0x80000000', 'error 2147483648', ['hresult:0x80000000 "error 2147483648"']],
    ['does not read error 4294967296 (past 32 bits)', 'error 4294967296', []],
    ['does not read a number past 32 bits whose low 32 bits are an HRESULT', 'error 6442795013', []],
    ['reads error 8 as Win32 error 8, not as a hex value', 'error 8', ['win32:8 "error 8" ERROR_NOT_ENOUGH_MEMORY']],
  ]);
});

describe('signals/error-codes: bug checks (readStop)', () => {
  codeTable([
    ['reads stop: 1e (a colon) as bug check 0x1E', 'stop: 1e', ['stop:0x0000001e "stop: 1e" KMODE_EXCEPTION_NOT_HANDLED']],
    ['does not read stop 1e (lower case, no colon, no leading 0)', 'stop 1e', []],
    ['reads stop 0a (a leading 0) as bug check 0xA', 'stop 0a', ['stop:0x0000000a "stop 0a" IRQL_NOT_LESS_OR_EQUAL']],
    ['reads stop 05 as bug check 0x5', 'stop 05', ['stop:0x00000005 "stop 05" INVALID_PROCESS_ATTACH_ATTEMPT']],
    ['does not read stop 5 or Stop 5', 'stop 5, Stop 5', []],
    ['reads STOP 5 (upper case) as bug check 0x5', 'STOP 5', ['stop:0x00000005 "STOP 5" INVALID_PROCESS_ATTACH_ATTEMPT']],
    ['reads stop 0x5 in running text', 'please stop 0x5 now', ['stop:0x00000005 "stop 0x5" INVALID_PROCESS_ATTACH_ATTEMPT']],
    ['does not read STOP 0x0', 'STOP 0x0', []],
    [
      'reads a zero-padded bug check with a letter and without 0x',
      'STOP 0000000A; Stop 0000007B',
      ['stop:0x0000000a "STOP 0000000A" IRQL_NOT_LESS_OR_EQUAL', 'stop:0x0000007b "Stop 0000007B" INACCESSIBLE_BOOT_DEVICE'],
    ],
    [
      'reads the exception code of a STOP: 0000001E written without 0x',
      'STOP: 0000001E (C0000005, 1, 2, 3)',
      ['stop:0x0000001e "STOP: 0000001E" KMODE_EXCEPTION_NOT_HANDLED', 'exception:0xc0000005 "C0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
    [
      'reads STOP C000021A as the bug check, aliased to its NTSTATUS, as STOP 0xC000021A is',
      'STOP C000021A',
      ['stop:0xc000021a "STOP C000021A" STATUS_SYSTEM_PROCESS_TERMINATED [ntstatus:0xc000021a]'],
    ],
    [
      'reads the exception code of a STOP 0x8E',
      'STOP 0x0000008E (0xC0000005, 0x1, 0x2, 0x3)',
      [
        'stop:0x0000008e "STOP 0x0000008E" KERNEL_MODE_EXCEPTION_NOT_HANDLED',
        'exception:0xc0000005 "0xC0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]',
      ],
    ],
    [
      'reads no exception code for a STOP 0x1E whose first parameter is 0',
      'STOP 0x0000001E (0x00000000, 0x1, 0x2, 0x3)',
      ['stop:0x0000001e "STOP 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED'],
    ],
    [
      'reads the exception code of a STOP 0x1E with bare parameters',
      'stop 0x0000001e 0xc0000005 0x00000000',
      ['stop:0x0000001e "stop 0x0000001e" KMODE_EXCEPTION_NOT_HANDLED', 'exception:0xc0000005 "0xc0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
    ['skips bare parameters of other bug checks', 'STOP 0x0000000A 0xC0000005 0x00000002', ['stop:0x0000000a "STOP 0x0000000A" IRQL_NOT_LESS_OR_EQUAL']],
    ['skips parameters in parentheses on the next line', 'STOP 0x0000000A\n (0xC0000005, 0x2)', ['stop:0x0000000a "STOP 0x0000000A" IRQL_NOT_LESS_OR_EQUAL']],
    [
      'reads a code after the parameters',
      'STOP 0x0000000A (0x00000020, 0x2) then error 5',
      ['stop:0x0000000a "STOP 0x0000000A" IRQL_NOT_LESS_OR_EQUAL', 'win32:5 "error 5" ERROR_ACCESS_DENIED'],
    ],
  ]);
});

describe('signals/error-codes: hex tokens (readHexToken)', () => {
  codeTable([
    ['does not read nine hex digits', 'error 0x123456789', []],
    ['does not read exception 0x00000000', 'exception 0x00000000', []],
    [
      'reads an 8-digit value after exception as an exception code',
      'exception 0x0000001A',
      ['exception:0x0000001a "exception 0x0000001A" [ntstatus:0x0000001a]'],
    ],
    ['does not read failed: 0x00000000', 'failed: 0x00000000', []],
    ['reads a zero-padded value after bug check as the bug check', 'bug check 0x0000000A', ['stop:0x0000000a "0x0000000A" IRQL_NOT_LESS_OR_EQUAL']],
    ['reads a zero-padded value after blue screen as the bug check', 'blue screen 0x0000000A', ['stop:0x0000000a "0x0000000A" IRQL_NOT_LESS_OR_EQUAL']],
    ['does not read error -0x20', 'error -0x20', []],
    ['does not read nine hex digits whose low 32 bits are an HRESULT', 'error 0x180004005', []],
    ['does not read a short hex value after exception', 'exception 0x1A', []],
    ['reads an HRESULT after error and a minus as the hex value alone', 'error -0x80004005', ['hresult:0x80004005 "0x80004005" E_FAIL [mapi:0x80004005]']],
    ['does not read a zero bug check', 'bug check 0x00000000', []],
  ]);
});

describe('signals/error-codes: what introduces a decimal number (readDecimal)', () => {
  codeTable([
    ['reads an 8-digit HRESULT after a number', '12 80004005', ['hresult:0x80004005 "80004005" E_FAIL [mapi:0x80004005]']],
    ['does not read 8 digits starting with 1 after a number', '12 12345678', []],
    ['reads error:5', 'error:5', ['win32:5 "error:5" ERROR_ACCESS_DENIED']],
    ['reads error no. 5 and error no.6', 'error no. 5; Error No.6', ['win32:5 "error no. 5" ERROR_ACCESS_DENIED', 'win32:6 "Error No.6" ERROR_INVALID_HANDLE']],
    ['does not read a number after a dot after a word that is no context', 'see item.5 or error.6', []],
    ['reads error (5)', 'error (5)', ['win32:5 "error (5" ERROR_ACCESS_DENIED']],
    ['reads error [5]', 'error [5]', ['win32:5 "error [5" ERROR_ACCESS_DENIED']],
    ['reads error #5', 'error #5', ['win32:5 "error #5" ERROR_ACCESS_DENIED']],
    ['reads error<TAB>5', 'error\t5', ['win32:5 "error\t5" ERROR_ACCESS_DENIED']],
    ['reads GetLastError() 5 (after a parenthesis)', 'GetLastError() 5', ['win32:5 "GetLastError() 5" ERROR_ACCESS_DENIED']],
    ['reads a number nine separators after its word', 'error   =   ( 5', ['win32:5 "error   =   ( 5" ERROR_ACCESS_DENIED']],
    ['does not read a number ten separators after its word', 'error    =   ( 5', []],
    ["reads State:'08001' in quotes", "State:'08001'", ['sqlstate:08001 "08001"']],
    ['reads State:"08001" in double quotes', 'State:"08001"', ['sqlstate:08001 "08001"']],
    ['reads a JET number after a parenthesis and a minus', 'foo)-1018 jet', ['jet:-1018 "-1018" JET_errReadVerifyFailure']],
    ['does not read a hyphen after a number as a minus', '1999-1018 jet', []],
    ['does not read a hyphen after a dot as a minus', 'a.-1018 jet', []],
    ['does not read an HRESULT after a hyphen glued to a dot or a number', 'a.-80004005, 555-80004005', []],
    ['does not read a number after two minus signs', 'jet --1018', []],
    ['reads a JET number after a minus and a space', 'x -1018 jet', ['jet:-1018 "-1018" JET_errReadVerifyFailure']],
    ['reads NET 2182', 'NET 2182', ['net:2182 "NET 2182" NERR_ServiceInstalled [win32:2182]']],
    ['reads NET 2100 and NET 3999, the ends of the range', 'NET 2100; NET 3999', ['net:2100 "NET 2100" [win32:2100]', 'net:3999 "NET 3999" [win32:3999]']],
    ['does not read NET 02182 (five digits)', 'NET 02182', []],
    ['reads a five-digit HELPMSG number', 'helpmsg 12345', ['net:12345 "helpmsg 12345" [win32:12345]']],
    ['does not read NET 2099, NET 4000, NET 21820 or net 2182', 'NET 2099, NET 4000, NET 21820, net 2182', []],
    ['reads HELPMSG 2182', 'HELPMSG 2182', ['net:2182 "HELPMSG 2182" NERR_ServiceInstalled [win32:2182]']],
    ['does not read helpmsg 0 or a six-digit helpmsg', 'helpmsg 0, helpmsg 123456', []],
    ['reads NET HELPMSG with two spaces, from the word HELPMSG', 'NET HELPMSG  3534', ['net:3534 "HELPMSG  3534" [win32:3534]']],
    ['reads state: 37000 with a colon', 'state: 37000', ['sqlstate:37000 "37000"']],
    ['does not read state 37000 without a colon', 'state 37000', []],
    ['reads DLLState 37000 (state ending a longer word)', 'DLLState 37000', ['sqlstate:37000 "37000"']],
    ['does not read SQLSTATE: 99999 (no such class)', 'SQLSTATE: 99999', []],
    ['does not read a lower-case SQLSTATE shape the table does not know', 'State: s1abc', []],
    ['does not read STOP with nine digits', 'STOP 123456789', []],
    ['reads a signed HRESULT after a minus and a space', 'x -2147024864', ['hresult:0x80070020 "-2147024864" ERROR_SHARING_VIOLATION [win32:32]']],
    ['does not read a 10-digit negative past 32 bits', 'x -2147483649', []],
    ['does not read two-digit or six-digit negatives in a JET context', 'database -12, database -123456', []],
    ['reads three- and five-digit negatives after the word JET', 'JET database -123; JET database -12345', ['jet:-123 "-123"', 'jet:-12345 "-12345"']],
    ['does not read two- or six-digit negatives after the word JET', 'JET -12; JET -123456', []],
    ['reads error -2147483648 as HRESULT 0x80000000', 'error -2147483648', ['hresult:0x80000000 "error -2147483648"']],
    ['does not read a signed value below -2147483648 (its NTSTATUS reading is positive)', 'x -3221225472', []],
    ['reads a bare negative in a database context when the table knows it', 'database -1022', ['jet:-1022 "-1022" JET_errDiskIO']],
    ['reads a bare negative the table does not know when the word JET is before it', 'JET -1234 in database', ['jet:-1234 "-1234"']],
    ['does not read an unknown bare negative without the word JET before it', 'store -1234, x -1234 jet', []],
  ]);
});

describe('signals/error-codes: letters and digits (readLettersAndDigits)', () => {
  codeTable([
    ['reads IM002 near the word driver', 'IM002 in the driver', ['sqlstate:im002 "IM002"']],
    ['does not read IM002 alone', 'IM002', []],
    ['reads IM002 before a colon', 'IM002:', ['sqlstate:im002 "IM002"']],
    ['reads HY000 from SQL', 'HY000 from SQL', ['sqlstate:hy000 "HY000"']],
    ['reads IM002 after ODBC', 'ODBC IM002 here', ['sqlstate:im002 "IM002"']],
    ['reads an NTSTATUS written without 0x', 'failed with C0000005', ['ntstatus:0xc0000005 "C0000005" STATUS_ACCESS_VIOLATION [win32:998]']],
    ['does not read NET with five digits', 'NET02182', []],
    ['does not read Q or KB numbers even after error', 'error Q1234, error KB1234', []],
    ['reads BC30001 (a round number only at the end)', 'BC30001', ['tool:bc30001 "BC30001"']],
    ['reads 08S01 near sql', 'x 08S01 sql', ['sqlstate:08s01 "08S01"']],
    ['does not read a SQLSTATE shape the table does not know', 'x 08S02 sql, S1999 odbc', []],
    ['reads error LNK2001', 'error LNK2001', ['tool:lnk2001 "LNK2001"']],
    ['does not read LNK6001 (a first digit the linker does not use)', 'LNK6001', []],
    ['does not read C1000, C2000 or C4000 (round numbers)', 'C1000 C2000 C4000', []],
    ['does not read Q or KB numbers or a three-letter prefix with five digits', 'Q123456 KB12345 ABC12345', []],
    ['reads warning BC12345', 'warning BC12345', ['tool:bc12345 "BC12345"']],
    ['reads NET2100 and NET3999, the ends of the NET range', 'NET2100 NET3999', ['net:2100 "NET2100" [win32:2100]', 'net:3999 "NET3999" [win32:3999]']],
    ['does not read NET2099, NET4000 or NET21820', 'NET2099 NET4000 NET21820', []],
    ['reads warning: C4996, note C4996 and fatal C1001', 'warning: C4996; note C4996; fatal C1001', ['tool:c4996 "C4996"', 'tool:c1001 "C1001"']],
    ['reads R6025 but not R4025', 'R6025 R4025', ['tool:r6025 "R6025"']],
    ['reads cs0246 in lower case', 'cs0246', ['tool:cs0246 "cs0246"']],
  ]);
});

describe('signals/error-codes: the scan', () => {
  codeTable([
    ['reads a Winsock name in lower case', 'wsaeconnreset here', ['win32:10054 "wsaeconnreset" WSAECONNRESET']],
    ['reads a Winsock name after other words', 'x WSAECONNRESET', ['win32:10054 "WSAECONNRESET" WSAECONNRESET']],
    ['does not read a name glued to a digit or an underscore', '9_ERROR _ERROR_ACCESS_DENIED ERROR_ACCESS_DENIED_X', []],
    [
      'reads a code on every line of a text, once',
      'error 5\nerror 5\nerror 6',
      ['win32:5 "error 5" ERROR_ACCESS_DENIED', 'win32:6 "error 6" ERROR_INVALID_HANDLE'],
    ],
    ['does not read a number on the line after its word', 'error\n5', []],
    [
      'reads a code right after bug check parameters',
      'STOP 0x0000000A (0x1)error 5',
      ['stop:0x0000000a "STOP 0x0000000A" IRQL_NOT_LESS_OR_EQUAL', 'win32:5 "error 5" ERROR_ACCESS_DENIED'],
    ],
    ['does not read a hex value glued to a letter', 'a0x80004005 Z0x80004005 z0x80004005', []],
    ['reads a symbolic name with underscores', 'see ERROR_ACCESS_DENIED', ['win32:5 "ERROR_ACCESS_DENIED" ERROR_ACCESS_DENIED']],
    ['names an error number when another product is named on an earlier line only', 'x\nSetup\nerror 5', ['win32:5 "error 5" ERROR_ACCESS_DENIED']],
    ['reads no JET context on the next line', 'error -5\nthe jet engine', []],
    ['keeps one code per spelling', 'Error 5 then error 5', ['win32:5 "Error 5" ERROR_ACCESS_DENIED', 'win32:5 "error 5" ERROR_ACCESS_DENIED']],
    ['does not read a number glued to letters, before or after', 'error 5x, zerror 6', []],
    ['reads a number before a full stop', 'error 5.', ['win32:5 "error 5" ERROR_ACCESS_DENIED']],
    ['does not read a number before .1, -7, /7, :1 or ,1', 'error 5.1; error 5-7; error 5/7; error 5:1; error 5,1', []],
    ['reads a number before a comma and a space', 'error 5 ,1', ['win32:5 "error 5" ERROR_ACCESS_DENIED']],
    ['does not read a number before a unit', 'error 5 seconds; error 6 bytes; error 7 percent; error 8  items', []],
    ['reads a number before a word that only starts like a unit', 'error 5 offset', ['win32:5 "error 5" ERROR_ACCESS_DENIED']],
    ['reads a number four spaces before a unit', 'error 5    of', ['win32:5 "error 5" ERROR_ACCESS_DENIED']],
  ]);
});

describe('signals/error-codes: isMicrosoftLine', () => {
  const microsoft = [
    'C:\\x',
    'see \\\\server\\share',
    'foo.dll',
    'Win 95',
    'win98',
    'ms-dos',
    'MSDOS',
    'NT',
    'msexchangeis',
    'ccmexec',
    'visual basic',
    'dr. watson',
    'drwatson',
    'event id',
    'eventid',
    'lanman',
    'lan manager',
    'rras',
  ];
  const other = ['\\\\ x', 'foo.dllx', 'ras', 'microsoftx', 'Microsoft.com'];
  for (const line of microsoft) it(`reads ${JSON.stringify(line)} as a Microsoft line`, () => assert.equal(isMicrosoftLine(line), true));
  for (const line of other) it(`does not read ${JSON.stringify(line)} as a Microsoft line`, () => assert.equal(isMicrosoftLine(line), false));

  it('reads the first 2,000 characters of a line only', () => {
    assert.equal(isMicrosoftLine(`${'x'.repeat(1992)} windows`), true, 'a line of 2,000 characters is read whole');
    assert.equal(isMicrosoftLine(`${'x'.repeat(1993)} windows`), false, 'a line of 2,001 characters is cut to ... windo');
  });

  it('reads a line naming Visual C++ as a Microsoft line, before a space or at the end', () => {
    assert.equal(isMicrosoftLine('Visual C++ 6.0 stopped with error 5'), true);
    assert.equal(isMicrosoftLine('built with visual c++'), true);
  });
});

describe('signals/error-codes: describeCode, codeKeys, codeToken', () => {
  const described: [string, string | undefined][] = [
    ['  win32:32  ', 'win32:32 "win32:32" ERROR_SHARING_VIOLATION'],
    ['WIN32:32', 'win32:32 "WIN32:32" ERROR_SHARING_VIOLATION'],
    ['foo:32', undefined],
    ['error:5', 'win32:5 "error:5" ERROR_ACCESS_DENIED'],
    ['cccccccc', undefined],
    ['0x80000000', 'hresult:0x80000000 "0x80000000"'],
    ['0xA', 'stop:0x0000000a "0xA" IRQL_NOT_LESS_OR_EQUAL'],
    ['NET2100', 'net:2100 "NET2100" [win32:2100]'],
    ['BC12345', 'tool:bc12345 "BC12345"'],
    ['0X80070020', 'hresult:0x80070020 "0X80070020" ERROR_SHARING_VIOLATION [win32:32]'],
    ['00000000', undefined],
    ['0x00000020', 'stop:0x00000020 "0x00000020" KERNEL_APC_PENDING_DURING_EXIT [win32:32]'],
    ['0x40000087', 'stop:0x40000087 "0x40000087" WINDOWS_NT_CSD_STRING'],
    ['0x0000FFFF', 'win32:65535 "0x0000FFFF"'],
    ['0x00010000', undefined],
    ['abcdefab', undefined],
    ['0x20', 'stop:0x00000020 "0x20" KERNEL_APC_PENDING_DURING_EXIT'],
    ['0x1234567', undefined],
    ['-99999', undefined],
    ['-12', undefined],
    ['s1000', 'sqlstate:s1000 "s1000"'],
    ['99999', undefined],
    ['NET2099', undefined],
    ['NET4000', undefined],
    ['c21390', undefined],
    ['BC30451', 'tool:bc30451 "BC30451"'],
    ['XY1234', undefined],
    ['error_sharing_violation', 'win32:32 "error_sharing_violation" ERROR_SHARING_VIOLATION'],
    ['Error 32', 'win32:32 "Error 32" ERROR_SHARING_VIOLATION'],
    ['0xC000021A', 'ntstatus:0xc000021a "0xC000021A" STATUS_SYSTEM_PROCESS_TERMINATED'],
  ];
  for (const [input, want] of described) {
    it(`describes ${JSON.stringify(input)} as ${want ?? 'nothing'}`, () => {
      const c = describeCode(input);
      assert.equal(c && formatCode(c), want);
    });
  }

  it('lists a key and its aliases once each', () => {
    assert.deepEqual(codeKeys({ family: 'win32', key: 'win32:5', text: 'x', aliases: ['win32:5', 'net:5', 'net:5'] }), ['win32:5', 'net:5']);
  });

  it('turns every minus and colon of a key into a letter and an underscore, and drops other characters', () => {
    assert.equal(codeToken('x:a-b-c:d'), 'x_ambmc_d');
    assert.equal(codeToken('a.b/c'), 'abc');
    assert.equal(codeToken('TOOL:C2139'), 'tool_c2139');
  });
});

describe('signals/error-codes: hasFamilyContext', () => {
  const plain = { microsoft: false, foreign: false };
  const foreign = { microsoft: false, foreign: true };
  const judged = (line: string, paste: { microsoft: boolean; foreign: boolean }) => findErrorCodes(line).map((c) => [c.key, hasFamilyContext(c, line, paste)]);

  it('needs a Windows context for a bare err=, rc= or return code number', () => {
    assert.deepEqual(judged('err=5; rc=6; return code 7', plain), [
      ['win32:5', false],
      ['win32:6', false],
      ['win32:7', false],
    ]);
  });
  it('keeps a NET HELPMSG number and a System error number without other context', () => {
    assert.deepEqual(judged('NET HELPMSG 2182; System error 5', plain), [
      ['net:2182', true],
      ['win32:5', true],
    ]);
  });
  it('keeps a bare error number on a Windows line of a foreign paste', () => {
    assert.deepEqual(judged('error 5 in C:\\x', foreign), [['win32:5', true]]);
  });
  it('drops an HRESULT on a line of a foreign paste that names no Windows context', () => {
    assert.deepEqual(judged('0x80070005 failed', foreign), [['hresult:0x80070005', false]]);
    assert.deepEqual(judged('0x80070005 failed', plain), [['hresult:0x80070005', true]]);
  });
  it('keeps an HRESULT after the word error without other context', () => {
    assert.deepEqual(judged('error 0x80070005', plain), [['hresult:0x80070005', true]]);
  });
  it('keeps a bare error number in a Microsoft paste, or on a line naming a Windows path', () => {
    assert.deepEqual(judged('error 5', { microsoft: true, foreign: false }), [['win32:5', true]]);
    assert.deepEqual(judged('error 5 in C:\\x', plain), [['win32:5', true]]);
  });
  it('reads a code text with spaces around it as bare', () => {
    assert.equal(hasFamilyContext({ family: 'win32', key: 'win32:5', text: '  error 5' }, 'x', plain), false);
    assert.equal(hasFamilyContext({ family: 'net', key: 'net:5', text: 'error 5' }, 'x', plain), false);
    assert.equal(hasFamilyContext({ family: 'win32', key: 'win32:5', text: 'errors 5' }, 'x', plain), true);
  });
});

describe('signals/error-codes: the context words, spacing and bounds', () => {
  codeTable([
    ['reads a qualifier three spaces before error', 'win32   error 5', ['win32:5 "win32   error 5" ERROR_ACCESS_DENIED']],
    ['does not take a qualifier four spaces before error', 'win32    error 5', ['win32:5 "error 5" ERROR_ACCESS_DENIED']],
    ['does not read a qualifier glued to error', 'win32error 5', []],
    ['does not take a qualifier glued to a word before it', 'xwin32 error 5', ['win32:5 "error 5" ERROR_ACCESS_DENIED']],
    ['reads a number six spaces after =', 'error =      5', ['win32:5 "error =      5" ERROR_ACCESS_DENIED']],
    [
      'reads stop and six spaces before 0x, or three on each side of a colon',
      'stop      0x0A; stop   :   0x0B',
      ['stop:0x0000000a "stop      0x0A" IRQL_NOT_LESS_OR_EQUAL', 'stop:0x0000000b "stop   :   0x0B" NO_EXCEPTION_HANDLING_SUPPORT'],
    ],
    [
      'reads exception and six spaces before the value',
      'exception      0xC0000005',
      ['exception:0xc0000005 "exception      0xC0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
    [
      'does not skip parameters whose parenthesis closes on the next line',
      'STOP 0x0000000A (0x1,\n0xC0000005)',
      ['stop:0x0000000a "STOP 0x0000000A" IRQL_NOT_LESS_OR_EQUAL', 'ntstatus:0xc0000005 "0xC0000005" STATUS_ACCESS_VIOLATION [win32:998]'],
    ],
    [
      'reads no first parameter in parentheses glued to a letter',
      'STOP 0x0000001E (0xc0000005x, 0x1)',
      ['stop:0x0000001e "STOP 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED'],
    ],
    ['reads a tool message with any prefix three spaces after error:', 'error:   ZZ1234', ['tool:zz1234 "ZZ1234"']],
    [
      'reads an unknown NTSTATUS value after an exception word as an exception code',
      'exception in thread 0xC0001234',
      ['exception:0xc0001234 "0xC0001234" [ntstatus:0xc0001234]'],
    ],
    ['does not read hr glued to a word as an error word', 'xhr 0x80001234', []],
    [
      'reads DOS, RAS and socket qualifiers',
      'DOS error 5; RAS error 6; socket error 10054',
      ['win32:5 "DOS error 5" ERROR_ACCESS_DENIED', 'win32:6 "RAS error 6" ERROR_INVALID_HANDLE', 'win32:10054 "socket error 10054" WSAECONNRESET'],
    ],
    ['reads a word four spaces after error, not five', 'error    code 5; error     code 6', ['win32:5 "error    code 5" ERROR_ACCESS_DENIED']],
    [
      'reads no, num, nr and value after error',
      'error no 5; error num 6; error nr 7; error value 8',
      [
        'win32:5 "error no 5" ERROR_ACCESS_DENIED',
        'win32:6 "error num 6" ERROR_INVALID_HANDLE',
        'win32:7 "error nr 7" ERROR_ARENA_TRASHED',
        'win32:8 "error value 8" ERROR_NOT_ENOUGH_MEMORY',
      ],
    ],
    ['reads == with or without a space', 'error == 5; error ==6', ['win32:5 "error == 5" ERROR_ACCESS_DENIED', 'win32:6 "error ==6" ERROR_INVALID_HANDLE']],
    ['reads = four spaces after error, not five', 'error    = 5; error     = 6', ['win32:5 "error    = 5" ERROR_ACCESS_DENIED']],
    ['reads a number four spaces after =', 'error =    5', ['win32:5 "error =    5" ERROR_ACCESS_DENIED']],
    ['reads a number two spaces after a parenthesis, not three', 'error (  5; error (   6', ['win32:5 "error (  5" ERROR_ACCESS_DENIED']],
    ['reads GetLastError without parentheses', 'GetLastError 5', ['win32:5 "GetLastError 5" ERROR_ACCESS_DENIED']],
    ['does not read error glued to a word before it', 'xerror 5', []],
    [
      'reads STOP error, STOP message: and stop screen',
      'STOP error 0x0A; STOP message: 0x0B; stop screen 0x0C',
      [
        'stop:0x0000000a "STOP error 0x0A" IRQL_NOT_LESS_OR_EQUAL',
        'stop:0x0000000b "STOP message: 0x0B" NO_EXCEPTION_HANDLING_SUPPORT',
        'stop:0x0000000c "stop screen 0x0C" MAXIMUM_WAIT_OBJECTS_EXCEEDED',
      ],
    ],
    ['reads stop and four spaces before 0x', 'stop    0x0A', ['stop:0x0000000a "stop    0x0A" IRQL_NOT_LESS_OR_EQUAL']],
    ['reads stop: without a space', 'stop:0x0000000A', ['stop:0x0000000a "stop:0x0000000A" IRQL_NOT_LESS_OR_EQUAL']],
    [
      'reads exception value and exception no.',
      'exception value 0xC0000005; exception no. C0000006',
      [
        'exception:0xc0000005 "exception value 0xC0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]',
        'exception:0xc0000006 "exception no. C0000006" STATUS_IN_PAGE_ERROR [ntstatus:0xc0000006]',
      ],
    ],
    [
      'reads exception and four spaces before the value',
      'exception    0xC0000005',
      ['exception:0xc0000005 "exception    0xC0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
    ['reads State with spaces before the colon', 'State   : 37000', ['sqlstate:37000 "37000"']],
    ['reads SQLState is', 'SQLState is 37000', ['sqlstate:37000 "37000"']],
    ['reads State ==', 'State == 37000', ['sqlstate:37000 "37000"']],
    ['reads State: and a quote, spaces on either side', 'State:   "37000; State: "  37001', ['sqlstate:37000 "37000"', 'sqlstate:37001 "37001"']],
    ['does not read State followed by a letter', 'stateX 37000', []],
    ['skips parameters in braces', 'STOP 0x0000000A {0xC0000005}', ['stop:0x0000000a "STOP 0x0000000A" IRQL_NOT_LESS_OR_EQUAL']],
    [
      'does not skip parameters two lines down',
      'STOP 0x0000000A\n\n(0xC0000005)',
      ['stop:0x0000000a "STOP 0x0000000A" IRQL_NOT_LESS_OR_EQUAL', 'ntstatus:0xc0000005 "0xC0000005" STATUS_ACCESS_VIOLATION [win32:998]'],
    ],
    [
      'reads an upper-case 0X first parameter of a STOP 0x1E',
      'STOP 0x0000001E 0XC0000005',
      ['stop:0x0000001e "STOP 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED', 'exception:0xc0000005 "0XC0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
    [
      'reads a first parameter after a comma',
      'STOP 0x0000001E , 0xc0000005',
      ['stop:0x0000001e "STOP 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED', 'exception:0xc0000005 "0xc0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
    [
      'reads a first parameter without 0x',
      'STOP 0x0000001E c0000005',
      ['stop:0x0000001e "STOP 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED', 'exception:0xc0000005 "c0000005" STATUS_ACCESS_VIOLATION [ntstatus:0xc0000005]'],
    ],
    ['reads no first parameter glued to a letter', 'STOP 0x0000001E 0xc0000005x', ['stop:0x0000001e "STOP 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED']],
    [
      'skips four bare parameters, not five',
      'STOP 0x0000000A 0x80000001 0x80000002 0x80000003 0x80000004 0xC0000005',
      ['stop:0x0000000a "STOP 0x0000000A" IRQL_NOT_LESS_OR_EQUAL', 'ntstatus:0xc0000005 "0xC0000005" STATUS_ACCESS_VIOLATION [win32:998]'],
    ],
    [
      'reads fatal error, error: and error with four spaces before a tool message',
      'fatal error C1001; error:C2065; error    C2066',
      ['tool:c1001 "C1001"', 'tool:c2065 "C2065"', 'tool:c2066 "C2066"'],
    ],
    ['reads bugcheck as one word before a zero-padded value', 'bugcheck 0x0000000A', ['stop:0x0000000a "0x0000000A" IRQL_NOT_LESS_OR_EQUAL']],
    ['does not read a zero-padded value after bug check and a number', 'bug check 12 0x0000000A', []],
    ['does not read a zero-padded value on the line after stop', 'stop\n0x0000000A', []],
    [`reads a zero-padded value 30 characters after stop`, `stop ${'x'.repeat(28)} 0x0000000A`, ['stop:0x0000000a "0x0000000A" IRQL_NOT_LESS_OR_EQUAL']],
    [`does not read a zero-padded value 31 characters after stop`, `stop ${'x'.repeat(29)} 0x0000000A`, []],
    [
      'reads a value after an exception earlier on the line as an exception code',
      'access violation exception 0x80001234',
      ['exception:0x80001234 "exception 0x80001234" [ntstatus:0x80001234]'],
    ],
    [
      'reads a value 50 characters after exception as an exception code',
      `exception ${'y'.repeat(50)} 0x80001234`,
      ['exception:0x80001234 "0x80001234" [ntstatus:0x80001234]'],
    ],
    [
      'does not read a value after exception ... address as an exception code',
      `exception ${'y'.repeat(20)} address 0x80001234`,
      ['hresult:0x80001234 "0x80001234"'],
    ],
    [
      'does not read a bug check name with EXCEPTION as an exception word',
      'KMODE_EXCEPTION 0x80000001',
      ['ntstatus:0x80000001 "0x80000001" STATUS_GUARD_PAGE_VIOLATION'],
    ],
    ['reads an unknown HRESULT after code', 'code 0x80001234', ['hresult:0x80001234 "0x80001234"']],
    ['does not read an unknown HRESULT after no error word', 'x 0x80001234', []],
    ['reads exceptional as an error word but not as an exception', 'exceptional 0x80001234', ['hresult:0x80001234 "0x80001234"']],
    ['does not read a value whose top digit is 9 after an exception', 'seen exception, 0x90001234', []],
  ]);
  for (const word of ['hr', 'HRESULT', 'trap', 'bugcheck', 'result', 'status', 'failed'])
    it(`reads an unknown HRESULT after ${word}`, () => assert.deepEqual(read(`${word} 0x80001234`), ['hresult:0x80001234 "0x80001234"']));
});
