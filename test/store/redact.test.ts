import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findRedactions, redactText } from '../../src/store/redact.js';

describe('store/redact: masks what identifies a site', () => {
  const cases: { name: string; input: string; expected: string }[] = [
    { name: 'a UNC server and its share path', input: 'copy to \\\\SMSSITE01\\SMS_SITE\\inbox failed', expected: 'copy to \\\\<host><path> failed' },
    { name: 'a drive path ending before the next word', input: 'failed to open C:\\SMS\\RECEIVE\\10000A3B.INS WIN32 ERROR = 32', expected: 'failed to open <path> WIN32 ERROR = 32' },
    { name: 'a drive path with spaces in its folders', input: 'loaded C:\\Program Files\\Microsoft SMS\\bin\\x.dll ok', expected: 'loaded <path> ok' },
    { name: 'a path at the end of a sentence, keeping the full stop', input: 'Wrote D:\\logs\\run.txt.', expected: 'Wrote <path>.' },
    { name: 'a path before an SMS log trailer', input: 'Checking C:\\SMS\\RECEIVE~  $$<SMS_DESPOOLER>', expected: 'Checking <path>~  $$<SMS_DESPOOLER>' },
    { name: 'a quoted path', input: 'open "C:\\Temp\\a b.txt" failed', expected: 'open "<path>" failed' },
    { name: 'DOMAIN\\user', input: 'NT user CORP\\kwong logged on', expected: 'NT user <user> logged on' },
    { name: 'user followed by a name', input: 'Access denied for user jsmith.', expected: 'Access denied for user <user>.' },
    { name: 'a labelled user name', input: 'User Name: jsmith', expected: 'User Name: <user>' },
    { name: 'an e-mail address', input: 'mail from kim.wong@contoso.com bounced', expected: 'mail from <email> bounced' },
    { name: 'an IPv4 address with a port', input: 'connect 10.1.2.33:1433 refused', expected: 'connect <ip>:1433 refused' },
    { name: 'an IPv6 address', input: 'from fe80::1c2d:3e4f:5a6b:7c8d today', expected: 'from <ip> today' },
    { name: 'a fully qualified host name', input: 'resolving mail.corp.contoso.com failed', expected: 'resolving <host> failed' },
    { name: 'a labelled computer name', input: 'Computer: MAILSRV1', expected: 'Computer: <host>' },
  ];
  for (const c of cases) {
    it(`masks ${c.name}`, () => {
      assert.equal(redactText(c.input).text, c.expected);
    });
  }
});

describe('store/redact: leaves alone what is not identifying', () => {
  const kept: { name: string; input: string }[] = [
    { name: 'file names with extensions', input: 'found ready instruction file for 10000A3B.ins in spoolss.exe' },
    { name: 'product versions', input: 'SMS_DESPOOLER started, version 1.2.780 on Windows NT 4.0.1381' },
    { name: 'C++ scopes', input: 'in function JTAB_BASE::EcUpdate. Error: MAPI_E_CALL_FAILED' },
    { name: 'times of day', input: '09:12:45.029+300 thread=2208' },
    { name: 'prose about a user', input: 'The user could not log on; the user account is locked.' },
    { name: 'built-in accounts', input: 'running as NT AUTHORITY\\SYSTEM and BUILTIN\\Administrators' },
    { name: 'an address with an octet over 255', input: 'build 4.0.1381.300 loaded' },
    { name: 'a relative path', input: 'SITE.SRV\\DESPOOLR.BOX\\RECEIVE' },
  ];
  for (const c of kept) {
    it(`keeps ${c.name}`, () => {
      assert.equal(redactText(c.input).text, c.input);
    });
  }
});

describe('store/redact: spans and counts', () => {
  it('reports each masked span with its kind and its place in the original', () => {
    const input = 'user jsmith at 10.0.0.7';
    const spans = findRedactions(input);
    assert.deepEqual(spans.map((s) => [s.kind, s.original, input.slice(s.start, s.end)]), [
      ['user', 'jsmith', 'jsmith'],
      ['ip', '10.0.0.7', '10.0.0.7'],
    ]);
  });

  it('counts masks by kind', () => {
    const { counts } = redactText('\\\\SRV1\\share and 10.0.0.1 and 10.0.0.2 and CORP\\bob');
    assert.deepEqual(counts, { email: 0, path: 1, user: 1, host: 1, ip: 2 });
  });

  it('masks a UNC host once even when an FQDN pattern would also match it', () => {
    assert.equal(redactText('\\\\files.contoso.com\\pub').text, '\\\\<host><path>');
  });

  it('is pure: the same input gives the same output', () => {
    const input = 'CORP\\kwong on \\\\MAILSRV2\\x at 192.168.0.1';
    assert.deepEqual(redactText(input), redactText(input));
  });
});

describe('store/redact: linear time on hostile input', () => {
  const hostile: { name: string; input: string }[] = [
    { name: 'a million word characters', input: 'a'.repeat(1_000_000) },
    { name: 'a million dots and letters', input: 'a.'.repeat(500_000) },
    { name: 'repeated drive paths separated by spaces', input: 'C:\\a '.repeat(200_000) },
    { name: 'repeated backslashes', input: '\\'.repeat(1_000_000) },
    { name: 'digits and dots', input: '1.2.3.'.repeat(200_000) },
    { name: 'hex and colons', input: 'ab:'.repeat(300_000) },
    { name: '"user user user"', input: 'user '.repeat(200_000) },
    { name: 'at signs between words', input: 'a@b'.repeat(300_000) },
  ];
  for (const c of hostile) {
    it(`redacts ${c.name} in well under a second`, () => {
      const t = performance.now();
      redactText(c.input);
      assert.ok(performance.now() - t < 1500, `${c.name} took ${Math.round(performance.now() - t)} ms`);
    });
  }
});
