import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { templateOf, templateSimilarity, templateTokens } from '../../src/signals/templates.js';

describe('signals/templates templateOf', () => {
  const cases: { name: string; line: string; template: string }[] = [
    { name: 'lower-cases and collapses whitespace', line: 'Cannot   OPEN\tthe Queue', template: 'cannot open the queue' },
    { name: 'masks a Windows path', line: 'Unable to read D:\\Data\\Mail\\inbox.dat', template: 'unable to read <path> inbox.dat' },
    { name: 'masks a UNC path', line: 'Cannot connect to \\\\SRV01\\share$', template: 'cannot connect to <path>' },
    { name: 'masks a quoted path holding spaces', line: 'Cannot load "C:\\Program Files\\App\\x.dll" now', template: 'cannot load <path> now' },
    { name: 'masks a URL path and keeps its file name', line: 'GET /scripts/orders.asp failed', template: 'get <path> orders.asp failed' },
    { name: 'keeps the Win32 code after ERROR =', line: 'failed to open X WIN32 ERROR = 32', template: 'failed to open <var> win32 error = 32' },
    { name: 'keeps a code written ERROR=5 without spaces', line: 'copy failed ERROR=5', template: 'copy failed error = 5' },
    { name: 'keeps the number after "error"', line: 'Setup failed with error 1603.', template: 'setup failed with error 1603' },
    { name: 'keeps the event id', line: 'Event ID: 7000', template: 'event id 7000' },
    { name: 'keeps an HRESULT', line: 'Call returned 0x80070020 unexpectedly', template: 'call returned 0x80070020 unexpectedly' },
    { name: 'keeps a STOP code and masks its parameters', line: 'STOP 0x0000000A (0x00000004, 0x00000002)', template: 'stop 0x0000000a <hex> <hex>' },
    { name: 'keeps a bare exception code', line: 'Exception number: c0000005 (access violation)', template: 'exception number c0000005 access violation' },
    { name: 'keeps a tool message number', line: 'error C2139: bad type', template: 'error c2139 bad type' },
    { name: 'masks counts and sizes', line: 'Copied 123 files (4096 bytes)', template: 'copied <num> files <num> bytes' },
    { name: 'masks other hex values', line: 'Worker thread 0x1A4 exiting', template: 'worker thread <hex> exiting' },
    { name: 'masks an address of bare hex digits', line: 'fault at 77f1a2b3 in module', template: 'fault at <hex> in module' },
    { name: 'masks an IP address with its port', line: 'Connection from 10.1.2.3:1025 refused', template: 'connection from <ip> refused' },
    { name: 'masks a GUID', line: 'Class {00000000-1111-2222-3333-444444444444} not registered', template: 'class <guid> not registered' },
    { name: 'masks a date and a time with AM/PM', line: 'Sent 4/21/1999 5:35:52 PM to all', template: 'sent <date> <time> to all' },
    { name: 'keeps a short (8.3) file name whole, as after a path', line: 'FOO~1.EXE failed to start', template: 'foo~1.exe failed to start' },
    { name: 'masks a date glued to a character that splits the word', line: 'Stamped 1999-12-31¡ by the agent', template: 'stamped <date> by the agent' },
    { name: 'masks an angle-bracket placeholder', line: 'failed to open <path to file in inbox>', template: 'failed to open <var>' },
    { name: 'masks a real value in angle brackets the same way', line: 'insert volume <A1B2C3D4>', template: 'insert volume <var>' },
    { name: 'masks a parenthesised placeholder word', line: 'Fault at (address) in Foo', template: 'fault at <var> in foo' },
    { name: 'masks a bracketed starred placeholder', line: 'The [*** Driver Name ***] driver failed', template: 'the <var> driver failed' },
    { name: 'keeps real words in parentheses', line: 'Manager (HTML) is restricted', template: 'manager html is restricted' },
    { name: 'masks xxx and nnn placeholders', line: 'Port xxx busy for nnn seconds', template: 'port <var> busy for <var> seconds' },
    { name: 'masks a %1 insertion string', line: 'The service %1 failed', template: 'the service <var> failed' },
    { name: 'masks a generated file name and keeps its extension', line: 'found file 1000tS01.ins', template: 'found file <file>.ins' },
    { name: 'masks an XXXXXXXX file name placeholder', line: 'rename XXXXXXXX.cal', template: 'rename <file>.cal' },
    { name: 'keeps a named file', line: 'WINWORD.EXE caused a fault', template: 'winword.exe caused a fault' },
    { name: 'drops quotes and sentence punctuation', line: '"Access denied." (try again!)', template: 'access denied try again' },
    { name: 'masks a fully qualified host name', line: 'Relay to mail.example.com refused', template: 'relay to <host> refused' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(templateOf(c.line), c.template));
  }

  it('cuts an absurdly long line instead of templating all of it', () => {
    const t = templateOf(`start ${'word '.repeat(100_000)}`);
    assert.ok(t.length < 10_000);
    assert.ok(t.startsWith('start word'));
  });
});

describe('signals/templates templateTokens', () => {
  it('leaves out masks, = and stop words', () => {
    assert.deepEqual(templateTokens('failed to open <path> win32 error = 32'), ['failed', 'open', 'win32', 'error', '32']);
  });
  it('keeps codes', () => {
    assert.deepEqual(templateTokens('stop 0x0000000a <hex>'), ['stop', '0x0000000a']);
  });
});

describe('signals/templates templateSimilarity', () => {
  const sim = (pasted: string, article: string) => templateSimilarity(templateOf(pasted), templateOf(article));
  const cases: { name: string; pasted: string; article: string; atLeast?: number; below?: number }[] = [
    {
      name: 'lands a real Despooler line on the article template',
      pasted: 'failed to open C:\\SMS\\SITE.SRV\\DESPOOLR.BOX\\RECEIVE\\0000A1B2.INS WIN32 ERROR = 32',
      article: 'failed to open <path to INS file in Despoolr> WIN32 ERROR = 32',
      atLeast: 0.95,
    },
    { name: 'scores identical lines 1', pasted: 'Cannot find the printer driver', article: 'Cannot find the printer driver', atLeast: 1 },
    {
      name: 'matches a placeholder filled with a number',
      pasted: 'The disk in drive 3 is not formatted',
      article: 'The disk in drive <x> is not formatted',
      atLeast: 0.95,
    },
    {
      name: 'matches a placeholder filled with a name',
      pasted: 'The server FS01 was not found on the network',
      article: 'The server <server name> was not found on the network',
      atLeast: 0.95,
    },
    {
      name: 'tolerates the article line inside a longer pasted line',
      pasted: 'MSG7: Access to the queue is denied for this user (code 17)',
      article: 'Access to the queue is denied for this user',
      atLeast: 0.85,
    },
    { name: 'tolerates case changes', pasted: 'CANNOT LOCATE THE SPOOL FILE', article: 'Cannot locate the spool file', atLeast: 1 },
    { name: 'does not match a different error code', pasted: 'Setup failed with error 1603', article: 'Setup failed with error 1618', below: 0.8 },
    { name: 'does not match unrelated text', pasted: 'The spooler service started', article: 'Cannot locate the spool file', below: 0.3 },
    {
      name: 'scores a short generic article line below a full match inside a long pasted line',
      pasted: 'Backup job 12 finished: file not found on tape 3, skipping volume and continuing with next set',
      article: 'File not found',
      below: 0.8,
    },
    {
      name: 'gives partial credit when half the article line is missing',
      pasted: 'Cannot locate the spool',
      article: 'Cannot locate the spool file for printer queue',
      below: 0.8,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = sim(c.pasted, c.article);
      if (c.atLeast !== undefined) assert.ok(s >= c.atLeast, `similarity ${s} < ${c.atLeast}`);
      if (c.below !== undefined) assert.ok(s < c.below, `similarity ${s} >= ${c.below}`);
      assert.ok(s >= 0 && s <= 1);
    });
  }

  it('returns 0 for an empty template', () => {
    assert.equal(templateSimilarity('', 'cannot open file'), 0);
    assert.equal(templateSimilarity('cannot open file', ''), 0);
  });

  it('compares a long pasted line with an article line (a small share of the long line matches)', () => {
    const pasted = templateOf('alpha beta gamma delta '.repeat(2000));
    for (let i = 0; i < 200; i++) {
      const similarity = templateSimilarity(pasted, `alpha beta gamma delta ${i} epsilon`);
      assert.ok(similarity >= 0 && similarity < 0.5, `${similarity}`);
    }
  });
});

describe('signals/templates worst-case input', () => {
  const tricky = [
    'C:\\a\\b\\c '.repeat(3),
    '<<<<>>>> ',
    '((((address)))) ',
    '[*** *** *** ',
    '0x0x0x0x ',
    '1.2.3.4.5.6.7.8 ',
    '12:12:12:12:12 ',
    '"C:\\x y z ',
    'a@b@c@d.e ',
    '%%%%1!s! ',
    '\\\\\\\\\\\\ ',
    '////..// ',
    'xxxxxxxx.xxxxxxx ',
  ].join('');
  const huge = tricky.repeat(Math.ceil((2 * 1024 * 1024) / tricky.length));
  const noSpaces = 'a\\'.repeat(1024 * 1024);

  it('templates a 2 MB line of tricky patterns (timed in npm run bench:linear)', () => {
    for (const line of [huge, noSpaces, '<'.repeat(2_000_000), '"C:\\'.repeat(500_000)]) assert.equal(typeof templateOf(line), 'string');
  });
});
