import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeKeys, codeToken, describeCode, findErrorCodes, hasFamilyContext, isMicrosoftLine } from '../../src/signals/error-codes.js';
import { assertLinear } from '../support/linear.js';

/** The keys found in a text, in order. */
function keysIn(text: string): string[] {
  return findErrorCodes(text).map((c) => c.key);
}

function only(text: string) {
  const codes = findErrorCodes(text);
  assert.equal(codes.length, 1, `expected one code in ${JSON.stringify(text)}, got ${JSON.stringify(codes)}`);
  return codes[0];
}

describe('signals/error-codes', () => {
  describe('Win32 errors', () => {
    const cases: [string, string, string, string?][] = [
      ['reads Error 32 as Win32 error 32', 'Error 32', 'win32:32', 'ERROR_SHARING_VIOLATION'],
      ['reads WIN32 ERROR = 32 as Win32 error 32', 'open failed, WIN32 ERROR = 32', 'win32:32', 'ERROR_SHARING_VIOLATION'],
      ['reads error code 32 as Win32 error 32', 'the call failed with error code 32', 'win32:32', 'ERROR_SHARING_VIOLATION'],
      ['reads error: 5 as Win32 error 5', 'CopyFile error: 5', 'win32:5', 'ERROR_ACCESS_DENIED'],
      ['reads ERROR_SHARING_VIOLATION as Win32 error 32', 'returns ERROR_SHARING_VIOLATION', 'win32:32', 'ERROR_SHARING_VIOLATION'],
      ['reads GetLastError() returns 5 as Win32 error 5', 'GetLastError() returns 5', 'win32:5', 'ERROR_ACCESS_DENIED'],
      ['reads rc=87 as Win32 error 87', 'NetShareAdd rc=87', 'win32:87', 'ERROR_INVALID_PARAMETER'],
      ['reads WSAECONNRESET as Win32 error 10054', 'recv failed: WSAECONNRESET', 'win32:10054', 'WSAECONNRESET'],
      ['reads a RAS error number with its RAS name', 'Dial-up failed with error 678', 'win32:678', 'ERROR_NO_ANSWER'],
    ];
    for (const [name, text, key, symbol] of cases) {
      it(name, () => {
        const code = only(text);
        assert.equal(code.family, 'win32');
        assert.equal(code.key, key);
        assert.equal(code.name, symbol);
      });
    }

    it('keeps the spelling as written in text', () => {
      assert.equal(only('open failed, WIN32 ERROR = 32').text, 'WIN32 ERROR = 32');
    });

    it('reads System error 53 as Win32 error 53 with the NET alias', () => {
      const code = only('System error 53 has occurred.');
      assert.equal(code.key, 'win32:53');
      assert.equal(code.name, 'ERROR_BAD_NETPATH');
      assert.deepEqual(code.aliases, ['net:53']);
    });

    it('normalises error N of another product to win32:N but withholds the Win32 name', () => {
      const sna = only('SNA Server: the session failed with error 2574');
      assert.equal(sna.key, 'win32:2574');
      assert.equal(sna.name, undefined);
      const setup = only('Setup Error 110: could not open the file');
      assert.equal(setup.key, 'win32:110');
      assert.equal(setup.name, undefined);
      assert.equal(setup.meaning, undefined);
    });
  });

  describe('HRESULTs and their decimal spellings', () => {
    it('reads 0x80070020 as Win32 error 32', () => {
      const code = only('CreateFile failed: 0x80070020');
      assert.equal(code.key, 'hresult:0x80070020');
      assert.deepEqual(codeKeys(code), ['hresult:0x80070020', 'win32:32']);
    });
    it('reads -2147024864 as HRESULT 0x80070020', () => {
      const code = only('hr = -2147024864');
      assert.equal(code.key, 'hresult:0x80070020');
      assert.ok(code.aliases?.includes('win32:32'));
    });
    it('reads 0x80004005 as E_FAIL', () => {
      assert.equal(only('The operation returned 0x80004005.').name, 'E_FAIL');
    });
    it('reads a known HRESULT written without 0x', () => {
      assert.equal(only('XADM: Error 80004005 installing the service').key, 'hresult:0x80004005');
    });
    it('reads an unknown HRESULT when an error word precedes it', () => {
      assert.equal(only('unexpected error 0x80074002 occurred').key, 'hresult:0x80074002');
    });
    it('reads a MAPI HRESULT with its MAPI alias', () => {
      const code = only('returned 0x8004010F');
      assert.equal(code.name, 'MAPI_E_NOT_FOUND');
      assert.deepEqual(code.aliases, ['mapi:0x8004010f']);
    });
  });

  describe('NTSTATUS and exceptions', () => {
    it('reads STATUS_SHARING_VIOLATION as NTSTATUS 0xC0000043 with the Win32 alias', () => {
      const code = only('the redirector got STATUS_SHARING_VIOLATION');
      assert.equal(code.key, 'ntstatus:0xc0000043');
      assert.deepEqual(code.aliases, ['win32:32']);
    });
    it('reads 0xC0000005 as STATUS_ACCESS_VIOLATION', () => {
      const code = only('an access violation (0xC0000005) in the driver');
      assert.equal(code.key, 'ntstatus:0xc0000005');
      assert.equal(code.name, 'STATUS_ACCESS_VIOLATION');
    });
    it('reads Exception number: c0000005 as exception 0xc0000005 aliased to its NTSTATUS', () => {
      const code = only('Exception number: c0000005 (access violation)');
      assert.equal(code.family, 'exception');
      assert.equal(code.key, 'exception:0xc0000005');
      assert.deepEqual(code.aliases, ['ntstatus:0xc0000005']);
    });
    it('reads exception code 0xC0000005 as an exception', () => {
      assert.equal(only('Fatal: exception code 0xC0000005 at 0x77f1d4b2').key, 'exception:0xc0000005');
    });
  });

  describe('bug checks', () => {
    const spellings = ['STOP 0x0000000A', 'STOP: 0x0000000a', 'STOP 0xA', 'Stop 0A', 'IRQL_NOT_LESS_OR_EQUAL', 'blue screen: Stop 0x0000000A'];
    for (const text of spellings) {
      it(`reads ${text} as bug check 0x0000000A IRQL_NOT_LESS_OR_EQUAL`, () => {
        const code = only(text);
        assert.equal(code.key, 'stop:0x0000000a');
        assert.equal(code.name, 'IRQL_NOT_LESS_OR_EQUAL');
      });
    }
    it('skips STOP parameters but reads the exception code of a STOP 0x1E', () => {
      const codes = findErrorCodes('*** STOP: 0x0000001E (0xC0000005, 0x8013C2A4, 0x00000000, 0x80100000)');
      assert.deepEqual(codes.map((c) => c.key), ['stop:0x0000001e', 'exception:0xc0000005']);
    });
    it('skips the parameters of other bug checks', () => {
      assert.deepEqual(keysIn('STOP 0x0000000A (0x00000020, 0x00000002, 0x00000000, 0x80123456)'), ['stop:0x0000000a']);
    });
    it('does not read stop 10 services as a bug check', () => {
      assert.deepEqual(keysIn('Please stop 10 services before you continue'), []);
    });
  });

  describe('NET messages', () => {
    const cases: [string, string][] = [['NET2182: The requested service', 'NET2182'], ['a NET 2182 message', 'NET 2182'], ['type NET HELPMSG 2182', 'NET HELPMSG 2182']];
    for (const [text, spelling] of cases) {
      it(`reads ${spelling} as NET message 2182`, () => {
        const code = only(text);
        assert.equal(code.key, 'net:2182');
        assert.equal(code.name, 'NERR_ServiceInstalled');
        assert.deepEqual(code.aliases, ['win32:2182']);
      });
    }
  });

  describe('SQLSTATEs need an ODBC context', () => {
    const cases: [string, string, string][] = [
      ['reads State:37000 in an ODBC message', 'State:37000,Native:170,Origin:[Microsoft][ODBC SQL Server Driver]', 'sqlstate:37000'],
      ['reads SQLSTATE: 08S01', 'SQLSTATE: 08S01, SQLCODE: -568', 'sqlstate:08s01'],
      ['reads SqlState S1000', 'SqlState S1000, ErrorMsg = general error', 'sqlstate:s1000'],
      ['reads IM002 before [Microsoft][ODBC Driver Manager]', 'IM002: [Microsoft][ODBC Driver Manager] Data source name not found', 'sqlstate:im002'],
    ];
    for (const [name, text, key] of cases) {
      it(name, () => {
        const code = findErrorCodes(text).find((c) => c.family === 'sqlstate');
        assert.equal(code?.key, key);
      });
    }
    it('does not read a bare 08001 or 28000 outside an ODBC context', () => {
      assert.deepEqual(keysIn('Ship to 08001 Barcelona with the 28000 modem'), []);
    });
  });

  describe('JET and MAPI', () => {
    it('reads Error -1018 as JET_errReadVerifyFailure', () => {
      const code = only('The store reported Error -1018');
      assert.equal(code.key, 'jet:-1018');
      assert.equal(code.name, 'JET_errReadVerifyFailure');
    });
    it('reads a JET_err name as its number', () => {
      assert.equal(only('fails with JET_errOutOfMemory').key, 'jet:-1011');
    });
    it('reads a bare negative number in a database context', () => {
      assert.equal(only('the information store database returned -1022 at startup').key, 'jet:-1022');
    });
    it('does not read a negative number outside a JET context', () => {
      assert.deepEqual(keysIn('temperature fell to -1018 units'), []);
    });
    it('reads MAPI_E_NOT_FOUND as MAPI 0x8004010F aliased to the HRESULT', () => {
      const code = only('OpenEntry returned MAPI_E_NOT_FOUND');
      assert.equal(code.key, 'mapi:0x8004010f');
      assert.deepEqual(code.aliases, ['hresult:0x8004010f']);
    });
  });

  describe('tool messages', () => {
    const cases: [string, string, string][] = [
      ['reads error C2065 as compiler message C2065', "file.cpp(12) : error C2065: 'x' : undeclared identifier", 'tool:c2065'],
      ['reads a bare LNK2001', 'LNK2001 unresolved external symbol', 'tool:lnk2001'],
      ['reads fatal error L1103', 'LINK : fatal error L1103: attempt to access data outside segment bounds', 'tool:l1103'],
      ['reads a bare A2068 assembler message', 'MASM reports A2068 here', 'tool:a2068'],
      ['reads a bare U1082 NMAKE message', 'NMAKE stops with U1082', 'tool:u1082'],
      ['reads BC30451 with five digits', 'error BC30451: name is not declared', 'tool:bc30451'],
    ];
    for (const [name, text, key] of cases) it(name, () => assert.equal(only(text).key, key));
    it('does not read product names, KB numbers or processor names as tool messages', () => {
      assert.deepEqual(keysIn('ACC2000: See Q161043 about the R4000 and the Win2000 keyword'), []);
    });
  });

  describe('numbers that are not codes', () => {
    const cases: [string, string][] = [
      ["does not read '32 files copied' as a code", '32 files copied'],
      ['does not read a pass counter', 'Pass 4 complete, 693 items processed'],
      ['does not read a request counter', 'Processing request 5 of 48'],
      ['does not read error 1 of 3 as a code', 'Showing error 1 of 3'],
      ['does not read an event ID', 'Event ID: 1171 Source: MSExchangeIS'],
      ['does not read dates and times', '1999-08-17 03:04:15.685 and 4/21/1999 5:35:52 PM'],
      ['does not read IP addresses and ports', 'Received 77602 bytes from 10.36.3.169 port 1433'],
      ['does not read build numbers and versions', 'Windows NT 4.0 build 1381 Service Pack 3'],
      ['does not read Q numbers', 'See Q161043 and KB 161043'],
      ['does not read sizes', 'Free disk space on C: 1185 MB'],
      ['does not read thread ids in hex', '[0x02EB] Worker thread 0xA73 exiting normally'],
      ['does not read registry values', 'MaxCmds REG_DWORD 0x00000032'],
      ['does not read kernel addresses', 'Address 0x80147AB2 has base at 0x80100000'],
      ['does not read an exit code of zero', 'The process exited with code 0 (0x0).'],
    ];
    for (const [name, text] of cases) it(name, () => assert.deepEqual(keysIn(text), []));
  });

  it('returns codes in order of appearance, deduplicated by key and text', () => {
    const codes = findErrorCodes('Error 5 then 0x80004005 failed, Error 5 again, then error 5');
    assert.deepEqual(codes.map((c) => `${c.key} ${c.text}`), ['win32:5 Error 5', 'hresult:0x80004005 0x80004005', 'win32:5 error 5']);
  });

  describe('describeCode', () => {
    const cases: [string, string][] = [
      ['win32:32', 'win32:32'],
      ['hresult:0x80070020', 'hresult:0x80070020'],
      ['stop:0x0000000a', 'stop:0x0000000a'],
      ['0x80070020', 'hresult:0x80070020'],
      ['ERROR_SHARING_VIOLATION', 'win32:32'],
      ['STOP 0xA', 'stop:0x0000000a'],
      ['0x0000000A', 'stop:0x0000000a'],
      ['80004005', 'hresult:0x80004005'],
      ['-1018', 'jet:-1018'],
      ['S1000', 'sqlstate:s1000'],
      ['c2139', 'tool:c2139'],
      ['NET2182', 'net:2182'],
    ];
    for (const [input, key] of cases) it(`decodes ${input} as ${key}`, () => assert.equal(describeCode(input)?.key, key));
    it('names and explains a canonical key', () => {
      const code = describeCode('win32:32');
      assert.equal(code?.name, 'ERROR_SHARING_VIOLATION');
      assert.ok(code?.meaning);
    });
    it('aliases a bare zero-padded bug check to its Win32 number', () => {
      assert.deepEqual(describeCode('0x0000000A')?.aliases, ['win32:10']);
    });
    it('returns undefined for a plain number or a malformed key', () => {
      assert.equal(describeCode('32'), undefined);
      assert.equal(describeCode('win32:abc'), undefined);
      assert.equal(describeCode(''), undefined);
    });
  });

  describe('codeToken', () => {
    const cases: [string, string][] = [
      ['win32:32', 'win32_32'],
      ['hresult:0x80070020', 'hresult_0x80070020'],
      ['jet:-1018', 'jet_m1018'],
      ['sqlstate:08s01', 'sqlstate_08s01'],
    ];
    for (const [key, token] of cases) it(`turns ${key} into ${token}`, () => assert.equal(codeToken(key), token));
  });

  describe('worst-case input', () => {
    const patterns = ['0x', 'error ', 'STOP ', '-1', 'a', 'Error 1 of ', 'STOP 0x1E (', 'exception ', 'a_', '9', 'NET ', 'State='];
    for (const p of patterns) {
      it(`scans a 2 MB line of ${JSON.stringify(p)} repeated in linear time (no catastrophic backtracking)`, () => {
        const make = (chars: number) => p.repeat(Math.ceil(chars / p.length)) + '\nfailed: 0x80004005';
        assertLinear(findErrorCodes, make);
        const codes = findErrorCodes(make(2_000_000));
        assert.ok(codes.some((c) => c.key === 'hresult:0x80004005'), 'still finds the code at the end');
      });
    }
  });
});

describe('signals/error-codes: several texts at once', () => {
  it('finds in a list of texts what it finds in them joined by line breaks, every occurrence', () => {
    const parts = ['Setup fails with Error 32', 'STOP 0x0000000A (0x00000004, 0x00000002, 0x00000000, 0x80123456)', 'error 32 again, then 0x80070005'];
    assert.deepEqual(findErrorCodes(parts), findErrorCodes(parts.join('\n')));
    assert.equal(findErrorCodes(parts).filter((c) => c.key === 'win32:32').length, 2, 'Error 32 in the first text and error 32 in the third');
  });
});

describe('signals/error-codes: a code in its family context (hasFamilyContext)', () => {
  const paste = { microsoft: false, foreign: false };
  const codeIn = (line: string, ctx = paste) => findErrorCodes(line).filter((c) => hasFamilyContext(c, line, ctx)).map((c) => c.key);

  it('reads a bare "error = 147" as no Win32 code on a line with no Windows context', () => {
    assert.deepEqual(codeIn('sensor read returned error = 147, retrying'), []);
  });
  it('reads a bare "error 32" as Win32 error 32 on a line naming a Windows path', () => {
    assert.deepEqual(codeIn('copy to C:\\TEMP\\X.TMP failed with error 32'), ['win32:32']);
  });
  it('reads a bare "error 32" as Win32 error 32 anywhere in a paste that names a Microsoft product', () => {
    assert.deepEqual(codeIn('copy failed with error 32', { microsoft: true, foreign: false }), ['win32:32']);
  });
  it('keeps a self-identifying spelling (WIN32 ERROR = 32, 0x80070020) without other context', () => {
    assert.deepEqual(codeIn('open failed WIN32 ERROR = 32'), ['win32:32']);
    assert.ok(codeIn('call returned hr=0x80070020').includes('hresult:0x80070020'));
  });
  it('drops a STOP code quoted in a log of a system the archive never covered, unless its line names Windows', () => {
    const foreign = { microsoft: false, foreign: true };
    assert.deepEqual(codeIn('node 12 panic: STOP 0x0000000A seen in dump', foreign), []);
    assert.ok(codeIn('guest Windows NT halted: STOP 0x0000000A', foreign).includes('stop:0x0000000a'));
  });
  it('does not take a microsoft.com host name for a Microsoft product', () => {
    assert.equal(isMicrosoftLine('Resolved node7.example.microsoft.com to /rack'), false);
    assert.equal(isMicrosoftLine('Microsoft Exchange Server 5.5 stopped'), true);
  });
});
