import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitLogLines, stripLogPrefix, type StrippedLine } from '../../src/signals/log-lines.js';

// The survivors of the first rerun (log-lines-survivors.test.ts): bounds, anchors and defaults.
describe('signals/log-lines: bounds and anchors', () => {
  const cases: [string, string, StrippedLine][] = [
    ['no ConfigMgr line without its <![LOG[ start', 'Queue]LOG]!> component="X"', { message: 'Queue]LOG]!> component="X"' }],
    ['a ConfigMgr line without a component', '<![LOG[Queue]LOG]!><time="1" type="3">', { message: 'Queue', severity: 'error' }],
    ['a ConfigMgr line without a type', '<![LOG[Queue]LOG]!><component="Agent">', { message: 'Queue', component: 'Agent' }],
    ['an SMS suffix at the start of the line', '$$<Sender><Tue>', { message: '', component: 'Sender' }],
    ['twelve prefixes, not thirteen', `${'10:00 '.repeat(13)}Queue`, { message: '10:00 Queue' }],
    ['twenty dashes after a time at once', `10:00:01${'-'.repeat(20)}Queue`, { message: 'Queue' }],
    ['a level column after a bracketed time', '[10:00:01] WARN   Queue', { message: 'Queue', severity: 'warning' }],
    ['no year at the start without a stamp', '1999 Queue is empty', { message: '1999 Queue is empty' }],
    ['no syslog source without a stamp', 'HOST prog[12]: Queue', { message: 'HOST prog[12]: Queue' }],
    ['no three-digit year', '10:00:01 199 Queue', { message: '199 Queue' }],
    ['a year at the end of the line', '10:00:01 1999', { message: '' }],
    ['a bracketed web log date', '[10/Oct/2000:13:55:36 -0700] Queue', { message: 'Queue' }],
    ['no thread id later in the message', 'Queue for PID 5 is empty', { message: 'Queue for PID 5 is empty' }],
    ['a PID glued to its number', 'PID5 Queue', { message: 'Queue' }],
    ['a thread id that ends the line', 'Thread 0x1A4', { message: '' }],
    ['no syslog source later in the message', 'Jan 15 23:20:44 x HOST prog[1]: Queue', { message: 'x HOST prog[1]: Queue' }],
    ['no level column later in the message', '10:00:01 Queue WARN  empty', { message: 'Queue WARN  empty' }],
    ['a bracketed number with spaces inside', '[ 1234 ] Queue', { message: 'Queue' }],
    ['no bracketed hex number after a letter', '[x12] Queue', { message: '[x12] Queue' }],
    ['no bracketed hex number before a letter', '[12x] Queue', { message: '[12x] Queue' }],
    ['no bracketed dotted number after a letter', '[x.12] Queue', { message: '[x.12] Queue' }],
    ['a bracketed number with a five-digit part', '[12345.6] Queue', { message: 'Queue' }],
    ['a bracketed dotted number of one-digit parts', '[1.2.3.4] Queue', { message: 'Queue' }],
    ['a bracketed dotted number with a two-digit part', '[1.23] Queue', { message: 'Queue' }],
    ['no bracketed word with a digit inside', '[x5y] Queue', { message: '[x5y] Queue' }],
    ['a client address of three-digit parts', '2000-01-02 03:04:05 192.168.100.200 GET /a 200', { message: 'GET /a 200' }],
    ['export columns with spaces around them', 'Warning \t 4/21/1999 \t 5:35:52 PM \tHOST01\tx', { message: 'x', severity: 'warning' }],
    [
      'a date-first type with spaces around it',
      '3/1/00,1:02:03 AM,MyService, Warning ,General,1026,N/A,SRV1,Retry',
      { message: 'Retry', severity: 'warning', component: 'MyService' },
    ],
    [
      'no source that starts with a character outside a name',
      'Error\t3/1/2000\t1:02:03 AM\t?MySvc\tNone\t7000\tN/A\tSRV1\tmsg',
      { message: 'msg', severity: 'error' },
    ],
    ['no date column after a letter', 'x4/21/1999\t5:35:52 PM\tHOST\tmsg', { message: 'x4/21/1999\t5:35:52 PM\tHOST\tmsg' }],
    ['no date column before a letter', '4/21/1999x\t5:35:52 PM\tHOST\tmsg', { message: '4/21/1999x\t5:35:52 PM\tHOST\tmsg' }],
    ['a time column with a two-digit hour', 'Warning\t4/21/1999\t12:35:52 PM\tHOST01\tx', { message: 'x', severity: 'warning' }],
    ['a time column with PM glued to it', 'Warning\t4/21/1999\t5:35:52PM\tHOST01\tx', { message: 'x', severity: 'warning' }],
    ['no time column after a letter', 'Warning\t4/21/1999\tx5:35:52\tHOST01\tx', { message: 'Warning\t4/21/1999\tx5:35:52\tHOST01\tx', severity: 'warning' }],
    ['no time column before a letter', 'Warning\t4/21/1999\t5:35:52x\tHOST01\tx', { message: 'Warning\t4/21/1999\t5:35:52x\tHOST01\tx', severity: 'warning' }],
  ];
  for (const [name, line, want] of cases) it(`reads ${name}`, () => assert.deepEqual(stripLogPrefix(line), want));

  it('reads the export columns within the first 400 characters only', () => {
    const line = `Error,4/21/1999,5:35:52 PM${' '.repeat(400)},HOST,msg`;
    assert.deepEqual(stripLogPrefix(line), { message: line, severity: 'error' });
  });
});

describe('signals/log-lines: line reading defaults and bounds', () => {
  it('cuts a line to 4,000 characters by default', () => {
    assert.deepEqual(
      splitLogLines(`${'x'.repeat(4001)}\nnext`).map((l) => l.raw.length),
      [4000, 4],
    );
  });

  it('cuts each line to maxLineChars from its own start, not from the paste start', () => {
    assert.deepEqual(
      splitLogLines('abc\ndef\nghi', { maxLineChars: 5 }).map((l) => l.raw),
      ['abc', 'def', 'ghi'],
    );
  });
});
