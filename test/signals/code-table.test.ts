import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  codeFromKey,
  codeFromName,
  exceptionCode,
  hex8,
  hresultCode,
  isSqlstate,
  jetCode,
  longCode,
  mapiCode,
  netCode,
  ntstatusCode,
  sqlstateCode,
  stopCode,
  toolCode,
  win32Code,
} from '../../src/signals/code-table.js';

describe('signals/code-table', () => {
  describe('hex8', () => {
    it('writes a value as 0x and eight lower-case hex digits', () => {
      assert.equal(hex8(0xa), '0x0000000a');
      assert.equal(hex8(0xc0000005), '0xc0000005');
    });
    it('writes a negative number as its unsigned 32-bit value', () => {
      assert.equal(hex8(-2147024864), '0x80070020');
    });
  });

  describe('win32Code', () => {
    it('names and explains a Win32 number, keeping the text as given', () => {
      assert.deepEqual(win32Code(5, 'error 5'), {
        family: 'win32',
        key: 'win32:5',
        text: 'error 5',
        name: 'ERROR_ACCESS_DENIED',
        meaning: 'Access is denied',
      });
    });
    it('gives no name and no meaning when named is false, a hand-written meaning neither', () => {
      assert.deepEqual(win32Code(110, 'Setup error 110', { named: false }), { family: 'win32', key: 'win32:110', text: 'Setup error 110' });
      assert.equal(win32Code(110, 'x').name, 'ERROR_OPEN_FAILED');
      // 32 has a meaning of its own in the table (not made from its name): withheld too.
      assert.deepEqual(win32Code(32, 'Setup error 32', { named: false }), { family: 'win32', key: 'win32:32', text: 'Setup error 32' });
      assert.match(win32Code(32, 'error 32').meaning ?? '', /sharing violation/);
    });
    it('adds the net alias when asked, and for a LAN Manager number without asking', () => {
      assert.deepEqual(win32Code(53, 'x', { netAlias: true }).aliases, ['net:53']);
      assert.equal(win32Code(53, 'x').aliases, undefined);
      const lanman = win32Code(2182, 'x');
      assert.deepEqual(lanman.aliases, ['net:2182']);
      assert.equal(lanman.name, 'NERR_ServiceInstalled', 'the LAN Manager name when Win32 has none');
      assert.equal(lanman.meaning, 'The requested service has already been started', "the net number's meaning");
    });
  });

  describe('netCode', () => {
    it('files a NET message under net:N with its Win32 alias', () => {
      assert.deepEqual(netCode(2182, 'NET2182'), {
        family: 'net',
        key: 'net:2182',
        text: 'NET2182',
        name: 'NERR_ServiceInstalled',
        meaning: 'The requested service has already been started',
        aliases: ['win32:2182'],
      });
    });
    it('takes the Win32 name for a number the LAN Manager table lacks', () => {
      assert.equal(netCode(53, 'x').name, 'ERROR_BAD_NETPATH');
    });
  });

  describe('hresultCode', () => {
    it('aliases a FACILITY_WIN32 HRESULT to its Win32 number and takes the Win32 name and meaning', () => {
      const code = hresultCode(0x80070020, 'x');
      assert.equal(code.name, 'ERROR_SHARING_VIOLATION');
      assert.equal(code.meaning, 'The file is in use by another process (sharing violation)');
      assert.deepEqual(code.aliases, ['win32:32']);
    });
    it('keeps an unknown FACILITY_WIN32 value with its alias and no name', () => {
      assert.deepEqual(hresultCode(0x8007270f, 'x'), { family: 'hresult', key: 'hresult:0x8007270f', text: 'x', aliases: ['win32:9999'] });
    });
    it('aliases a MAPI value and takes the MAPI name when the HRESULT table has none', () => {
      const code = hresultCode(0x80040103, 'x');
      assert.equal(code.name, 'MAPI_E_BAD_CHARWIDTH');
      assert.deepEqual(code.aliases, ['mapi:0x80040103']);
    });
    it('gives an HRESULT without a hand-written meaning one made from its name', () => {
      assert.equal(hresultCode(0x80004001, 'x').meaning, 'Notimpl');
    });
    it('gives no aliases to an HRESULT of another facility', () => {
      assert.equal(hresultCode(0x80004001, 'x').aliases, undefined);
    });
  });

  describe('the other families', () => {
    it('files a MAPI code under mapi: with its HRESULT alias', () => {
      assert.deepEqual(mapiCode(0x8004010f, 'x'), {
        family: 'mapi',
        key: 'mapi:0x8004010f',
        text: 'x',
        name: 'MAPI_E_NOT_FOUND',
        meaning: 'Not found',
        aliases: ['hresult:0x8004010f'],
      });
    });
    it('aliases an NTSTATUS to the Win32 number it maps to, and gives none where no mapping is kept', () => {
      assert.deepEqual(ntstatusCode(0xc0000005, 'x').aliases, ['win32:998']);
      assert.equal(ntstatusCode(0x40000000, 'x').aliases, undefined);
    });
    it('files an exception code under exception: with the NTSTATUS name and alias', () => {
      assert.deepEqual(exceptionCode(0xc0000005, 'x'), {
        family: 'exception',
        key: 'exception:0xc0000005',
        text: 'x',
        name: 'STATUS_ACCESS_VIOLATION',
        meaning: 'Access violation',
        aliases: ['ntstatus:0xc0000005'],
      });
    });
    it('names a bug check that is an NTSTATUS by its status and aliases it', () => {
      const code = stopCode(0xc000021a, 'STOP 0xC000021A');
      assert.equal(code.name, 'STATUS_SYSTEM_PROCESS_TERMINATED');
      assert.deepEqual(code.aliases, ['ntstatus:0xc000021a']);
    });
    it('gives a plain bug check its bug check name and no alias', () => {
      const code = stopCode(0xa, 'x');
      assert.equal(code.name, 'IRQL_NOT_LESS_OR_EQUAL');
      assert.equal(code.aliases, undefined);
    });
    it('does not read a bug check number below 0x80000000 as an NTSTATUS', () => {
      // 0x40000000 is STATUS_OBJECT_NAME_EXISTS, but no bug check: a small STOP value is never a status.
      assert.deepEqual(stopCode(0x40000000, 'x'), { family: 'stop', key: 'stop:0x40000000', text: 'x' });
    });
    it('names a JET error', () => {
      assert.deepEqual(jetCode(-1018, 'x'), {
        family: 'jet',
        key: 'jet:-1018',
        text: 'x',
        name: 'JET_errReadVerifyFailure',
        meaning: 'Read verification failed (page checksum mismatch)',
      });
    });
    it('files a SQLSTATE under its lower-case key with the meaning of its upper-case spelling', () => {
      assert.deepEqual(sqlstateCode('08s01', 'x'), { family: 'sqlstate', key: 'sqlstate:08s01', text: 'x', meaning: 'Communication link failure' });
    });
    it('names the tool of a known prefix in any case, and nothing for another prefix', () => {
      assert.deepEqual(toolCode('lnk', '2001', 'LNK2001'), { family: 'tool', key: 'tool:lnk2001', text: 'LNK2001', meaning: 'linker message' });
      assert.deepEqual(toolCode('ZZ', '2001', 'ZZ2001'), { family: 'tool', key: 'tool:zz2001', text: 'ZZ2001' });
    });
  });

  describe('meanings made from symbolic names', () => {
    const cases: [string, string][] = [
      ['STATUS_OBJECT_NAME_EXISTS', 'Object name exists'],
      ['NERR_NetNotStarted', 'Net not started'],
      ['JET_errRfsFailure', 'Rfs failure'],
      ['MAPI_E_BAD_CHARWIDTH', 'Bad charwidth'],
      ['WSAEWOULDBLOCK', 'Wouldblock'],
      ['CO_E_NOTINITIALIZED', 'Notinitialized'],
      ['E_POINTER', 'Pointer'],
      ['KMODE_EXCEPTION_NOT_HANDLED', 'A kernel-mode program raised an exception the handler did not catch'],
    ];
    for (const [name, meaning] of cases) it(`explains ${name} as "${meaning}"`, () => assert.equal(codeFromName(name)?.meaning, meaning));
  });

  describe('isSqlstate', () => {
    const cases: [string, boolean][] = [
      ['S1000', true],
      ['hy000', true],
      ['3C000', true],
      ['01ABC', true],
      ['HYABC', false],
      ['99999', false],
      ['HY00', false],
      ['HY0000', false],
      ['HY-00', false],
    ];
    for (const [s, want] of cases) it(`reads ${s} as ${want ? 'a' : 'no'} SQLSTATE`, () => assert.equal(isSqlstate(s), want));
  });

  describe('longCode', () => {
    const keyOf = (v: number, options?: { context?: boolean; exception?: boolean }) => longCode(v, 'x', options)?.key;
    const cases: [string, number, { context?: boolean; exception?: boolean } | undefined, string | undefined][] = [
      ['reads any value as an exception when told so', 0x80004005, { exception: true }, 'exception:0x80004005'],
      ['reads a known 0xC value as an NTSTATUS', 0xc0000005, undefined, 'ntstatus:0xc0000005'],
      ['drops an unknown 0xC value without context', 0xc0ffee01, undefined, undefined],
      ['keeps an unknown 0xC value as an NTSTATUS in context', 0xc0ffee01, { context: true }, 'ntstatus:0xc0ffee01'],
      ['drops an unknown 0xD value even in context', 0xd0ffee01, { context: true }, undefined],
      ['reads a 0xC value only the HRESULT table knows as an HRESULT', 0xc0090001, undefined, 'hresult:0xc0090001'],
      ['reads a known 0x8 HRESULT', 0x80004005, undefined, 'hresult:0x80004005'],
      ['reads a MAPI-only value as an HRESULT', 0x80040103, undefined, 'hresult:0x80040103'],
      ['reads a FACILITY_WIN32 value of a known Win32 number', 0x80070020, undefined, 'hresult:0x80070020'],
      ['drops a FACILITY_WIN32 value of an unknown number without context', 0x8007270f, undefined, undefined],
      ['keeps an unknown 0x8 value as an HRESULT in context', 0x8000fffe, { context: true }, 'hresult:0x8000fffe'],
      ['drops an unknown 0x8 value without context', 0x8000fffe, undefined, undefined],
      ['reads a 0x8 NTSTATUS no HRESULT table holds', 0x80000001, undefined, 'ntstatus:0x80000001'],
      ['reads a known 0x4 NTSTATUS', 0x40000000, undefined, 'ntstatus:0x40000000'],
      ['drops an unknown 0x4 value even in context', 0x4000ffff, { context: true }, undefined],
    ];
    for (const [name, v, options, key] of cases) it(name, () => assert.equal(keyOf(v, options), key));
  });

  describe('codeFromName', () => {
    const cases: [string, string][] = [
      ['ERROR_FILE_NOT_FOUND', 'win32:2'],
      ['error_file_not_found', 'win32:2'],
      ['NERR_NetNotStarted', 'net:2102'],
      ['E_NOTIMPL', 'hresult:0x80004001'],
      ['STATUS_ACCESS_VIOLATION', 'ntstatus:0xc0000005'],
      ['KMODE_EXCEPTION_NOT_HANDLED', 'stop:0x0000001e'],
      ['MAPI_E_NOT_FOUND', 'mapi:0x8004010f'],
      ['JET_errRfsFailure', 'jet:-100'],
    ];
    for (const [name, key] of cases) it(`reads ${name} as ${key}`, () => assert.equal(codeFromName(name)?.key, key));
    it('keeps the text it is given, or the name', () => {
      assert.equal(codeFromName('ERROR_FILE_NOT_FOUND', 'returned ERROR_FILE_NOT_FOUND')?.text, 'returned ERROR_FILE_NOT_FOUND');
      assert.equal(codeFromName('error_file_not_found')?.text, 'error_file_not_found');
    });
    it('reads no code from ERROR_SUCCESS (value 0) or an unknown name', () => {
      assert.equal(codeFromName('ERROR_SUCCESS'), undefined);
      assert.equal(codeFromName('NO_SUCH_NAME_X'), undefined);
    });
  });

  describe('codeFromKey', () => {
    const good: [string, string, string][] = [
      ['win32:32', 'win32:32', 'win32'],
      ['WIN32:5', 'win32:5', 'win32'],
      [' win32:5 ', 'win32:5', 'win32'],
      ['net:2182', 'net:2182', 'net'],
      ['jet:-1018', 'jet:-1018', 'jet'],
      ['hresult:0x80070020', 'hresult:0x80070020', 'hresult'],
      ['ntstatus:0xc0000005', 'ntstatus:0xc0000005', 'ntstatus'],
      ['exception:0xC0000005', 'exception:0xc0000005', 'exception'],
      ['stop:0x0000000a', 'stop:0x0000000a', 'stop'],
      ['mapi:0x8004010f', 'mapi:0x8004010f', 'mapi'],
      ['sqlstate:08s01', 'sqlstate:08s01', 'sqlstate'],
      ['tool:c2139', 'tool:c2139', 'tool'],
      ['tool:BC30451', 'tool:bc30451', 'tool'],
    ];
    for (const [input, key, family] of good) {
      it(`decodes ${JSON.stringify(input)} as ${key}`, () => {
        const code = codeFromKey(input);
        assert.equal(code?.key, key);
        assert.equal(code?.family, family);
        assert.equal(code?.text, input.trim());
      });
    }
    const bad = [
      'win32:-1',
      'win32:0x00000020',
      'win32:1234567',
      'net:-5',
      'net:x',
      'jet:1018',
      'jet:abc',
      'hresult:80070020',
      'hresult:0x8007002',
      'ntstatus:5',
      'exception:5',
      'stop:10',
      'mapi:123',
      'sqlstate:99999',
      'tool:c21',
      'tool:c213945',
      'tool:cccc2139',
      'tool:2139',
      'foo:1',
      'win32',
      'win32:',
      ':5',
      'win32:5:6',
      'win32: 5',
    ];
    for (const input of bad) it(`refuses ${JSON.stringify(input)}`, () => assert.equal(codeFromKey(input), undefined));
  });
});
