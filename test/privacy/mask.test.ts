import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findMasks, maskText, MASK_KINDS } from '../../src/privacy/mask.js';
import { ORDINARY_LINES } from '../fixtures/privacy/ordinary-lines.js';
import { SECRET_SHAPES } from '../fixtures/privacy/secret-shapes.js';
import { MASK_WORST_CASES, repeatTo } from '../support/worst-case-inputs.js';

const redactText = maskText;
const findRedactions = findMasks;

describe('privacy/mask: masks what identifies a site', () => {
  const cases: { name: string; input: string; expected: string }[] = [
    { name: 'a UNC server and its share path', input: 'copy to \\\\SMSSITE01\\SMS_SITE\\inbox failed', expected: 'copy to \\\\<host><path> failed' },
    {
      name: 'a drive path ending before the next word',
      input: 'failed to open C:\\SMS\\RECEIVE\\10000A3B.INS WIN32 ERROR = 32',
      expected: 'failed to open <path> WIN32 ERROR = 32',
    },
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

describe('privacy/mask: leaves alone what is not identifying', () => {
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

describe('privacy/mask: spans and counts', () => {
  it('reports each masked span with its kind and its place in the original', () => {
    const input = 'user jsmith at 10.0.0.7';
    const spans = findRedactions(input);
    assert.deepEqual(
      spans.map((s) => [s.kind, s.original, input.slice(s.start, s.end)]),
      [
        ['user', 'jsmith', 'jsmith'],
        ['ip', '10.0.0.7', '10.0.0.7'],
      ],
    );
  });

  it('counts masks by kind', () => {
    const { counts } = redactText('\\\\SRV1\\share and 10.0.0.1 and 10.0.0.2 and CORP\\bob');
    assert.deepEqual(counts, { ...Object.fromEntries(MASK_KINDS.map((k) => [k, 0])), path: 1, user: 1, host: 1, ip: 2 });
  });

  it('masks a UNC host once even when an FQDN pattern would also match it', () => {
    assert.equal(redactText('\\\\files.contoso.com\\pub').text, '\\\\<host><path>');
  });

  it('is pure: the same input gives the same output', () => {
    const input = 'CORP\\kwong on \\\\MAILSRV2\\x at 192.168.0.1';
    assert.deepEqual(redactText(input), redactText(input));
  });
});

describe('privacy/mask: hostile input', () => {
  // The timing is in the bench (npm run bench:linear); here each input must be masked, without throwing, to a
  // text no longer than the input plus its masks' names.
  for (const c of MASK_WORST_CASES) {
    it(`masks 50,000 characters of ${c.name}`, () => {
      const input = repeatTo(c.unit)(50_000);
      const { text } = maskText(input);
      assert.equal(typeof text, 'string');
      assert.ok(text.length <= input.length * 7, `${text.length} characters out of ${input.length}`);
    });
  }
});

describe(`privacy/mask: the secret corpus (${SECRET_SHAPES.length} shapes) is masked`, () => {
  for (const c of SECRET_SHAPES) {
    it(`masks ${c.name}`, () => {
      const out = maskText(c.line).text;
      for (const secret of c.secrets) assert.ok(!out.includes(secret), `${JSON.stringify(secret)} survives in ${JSON.stringify(out)}`);
    });
  }
  it('holds at least 150 shapes', () => assert.ok(SECRET_SHAPES.length >= 150, `${SECRET_SHAPES.length}`));
  it('masks a masked text no further (a mask is not a value)', () => {
    for (const c of SECRET_SHAPES) {
      const once = maskText(c.line).text;
      assert.equal(maskText(once).text, once, c.name);
    }
  });
});

describe(`privacy/mask: ordinary log lines (${ORDINARY_LINES.length}) come through unchanged`, () => {
  for (const line of ORDINARY_LINES) {
    it(`keeps ${JSON.stringify(line.slice(0, 70))}`, () => assert.equal(maskText(line).text, line));
  }
});
