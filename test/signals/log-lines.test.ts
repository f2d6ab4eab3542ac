import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collapseRepeats, readLogLines, splitLogLines, stripLogPrefix, type StrippedLine } from '../../src/signals/log-lines.js';

describe('signals/log-lines stripLogPrefix', () => {
  const cases: { name: string; line: string; want: StrippedLine }[] = [
    {
      name: 'strips an SMS $$<component><time><thread> suffix',
      line: 'Cannot open queue file  $$<Sender><Tue Mar 03 10:12:44 1998><thread=123 (0x7B)>',
      want: { message: 'Cannot open queue file', severity: 'error', component: 'Sender' },
    },
    {
      name: 'strips an SMS suffix cut short by wrapping',
      line: 'Adding group: A|B|1.0...   $$<SMS_DATA_LOADER><Tue',
      want: { message: 'Adding group: A|B|1.0...', component: 'SMS_DATA_LOADER' },
    },
    {
      name: 'names the program of an SMS suffix that is a path',
      line: 'Service is ending  $$<C:\\TEMP\\Boot.exe>',
      want: { message: 'Service is ending', component: 'Boot.exe' },
    },
    {
      name: 'reads the newer <![LOG[...]LOG]!> form',
      line: '<![LOG[Failed to send status]LOG]!><time="10:00:00.000+300" date="01-02-2003" component="Agent" context="" type="3" thread="12" file="a.cpp:1">',
      want: { message: 'Failed to send status', severity: 'error', component: 'Agent' },
    },
    {
      name: 'strips a short event-log export (type, date, time, host)',
      line: 'Warning\t4/21/1999\t5:35:52 PM\tHOST01\tThe disk is nearly full.',
      want: { message: 'The disk is nearly full.', severity: 'warning' },
    },
    {
      name: "strips an event-log export's columns and names the source",
      line: 'Error\t3/1/2000\t1:02:03 AM\tMyService\tNone\t7000\tN/A\tSRV1\tThe service did not start.',
      want: { message: 'The service did not start.', severity: 'error', component: 'MyService' },
    },
    {
      name: 'reads a comma-separated export whose description holds commas',
      line: '3/1/00,1:02:03 AM,MyService,Warning,General,1026,N/A,SRV1,Retry, then give up',
      want: { message: 'Retry, then give up', severity: 'warning', component: 'MyService' },
    },
    {
      name: 'strips an ISO timestamp and a [0x...] thread id',
      line: '1999-08-17 03:04:15.685 [0x02EB] Queue is empty',
      want: { message: 'Queue is empty' },
    },
    {
      name: 'strips a time and PID n TID n:',
      line: '14:15:59.354 PID 269 TID 3683: Queue is empty',
      want: { message: 'Queue is empty' },
    },
    {
      name: 'strips a bracketed Apache-style date',
      line: '[Wed Jun 09 20:57:10 2000] Queue is empty',
      want: { message: 'Queue is empty' },
    },
    {
      name: 'strips a US date with a 2-digit year',
      line: '04/08/97 23:05:17 Queue is empty',
      want: { message: 'Queue is empty' },
    },
    {
      name: 'strips Thread 0x..: after a date',
      line: '2001-02-03T04:05:06Z Thread 0x1F4: Queue is empty',
      want: { message: 'Queue is empty' },
    },
    {
      name: 'strips a syslog host program[pid]: and names the program',
      line: 'Jan 15 23:20:44 HOST-1 mailer[1835]: Queue is empty',
      want: { message: 'Queue is empty', component: 'mailer' },
    },
    {
      name: 'strips a bracketed level after a timestamp and keeps it as severity',
      line: '2001-02-03 04:05:06 [WARN] Queue is nearly full',
      want: { message: 'Queue is nearly full', severity: 'warning' },
    },
    {
      name: 'keeps a compiler message that starts with "error"',
      line: '04/04/97 08:47:43 error F2652: bad array',
      want: { message: 'error F2652: bad array', severity: 'error' },
    },
    {
      name: 'keeps the method, URI and status of a web log line',
      line: '2000-01-02 03:04:05 10.0.0.1 - W3SVC1 GET /default.asp - 500 0',
      want: { message: 'GET /default.asp - 500 0' },
    },
    {
      name: 'keeps the request of a common log format line',
      line: '10.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326',
      want: { message: '10.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326' },
    },
    { name: 'treats W3C #Fields: lines as headers', line: '#Fields: date time c-ip cs-method', want: { message: '' } },
    {
      name: 'leaves a Dr. Watson line as it is',
      line: 'Exception number: c0000005 (access violation)',
      want: { message: 'Exception number: c0000005 (access violation)', severity: 'error' },
    },
    {
      name: 'leaves prose with a bracketed word alone',
      line: '[Microsoft][ODBC Driver] Connection failed',
      want: { message: '[Microsoft][ODBC Driver] Connection failed', severity: 'error' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(stripLogPrefix(c.line), c.want));
  }
});

describe('signals/log-lines splitLogLines', () => {
  it('reads \\r\\n, \\r and \\n line endings and numbers lines from 1', () => {
    const lines = splitLogLines('first\r\nsecond\rthird\nfourth');
    assert.deepEqual(
      lines.map((l) => [l.n, l.message]),
      [
        [1, 'first'],
        [2, 'second'],
        [3, 'third'],
        [4, 'fourth'],
      ],
    );
  });

  it('drops blank lines but keeps the numbering', () => {
    assert.deepEqual(
      splitLogLines('a\n\n  \nb').map((l) => l.n),
      [1, 4],
    );
  });

  it('removes NUL and control characters', () => {
    assert.equal(splitLogLines('Que\u0000ue\u0007 empty')[0].message, 'Queue empty');
  });

  it('cuts a long line to maxLineChars, keeping its start', () => {
    const [line] = splitLogLines(`start ${'x'.repeat(10_000)}`, { maxLineChars: 100 });
    assert.equal(line.raw.length, 100);
    assert.ok(line.raw.startsWith('start '));
  });

  it('reads at most maxLines lines: the first ones, numbered from 1', () => {
    const paste = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    const lines = splitLogLines(paste, { maxLines: 10 });
    assert.deepEqual(
      lines.map((l) => [l.n, l.message]),
      Array.from({ length: 10 }, (_, i) => [i + 1, `line ${i + 1}`]),
    );
    assert.equal(splitLogLines('a\nb', { maxLines: 10 }).length, 2, 'fewer lines than the most are all read');
  });

  for (const [name, paste, lines, truncated] of [
    ['exactly maxLines lines, with a final newline', 'one\ntwo\nthree\n', 3, false],
    ['exactly maxLines lines, then blank lines only', 'one\ntwo\nthree\n\n  \r\n', 3, false],
    ['one line more than maxLines', 'one\ntwo\nthree\nfour', 3, true],
    ['a line past maxLines after blank ones', 'one\r\n\r\ntwo\r\n\r\n\r\nthree', 2, true],
    ['fewer lines than maxLines', 'one', 1, false],
  ] as const) {
    it(`says whether the paste went on past maxLines: ${name}`, () => {
      const r = readLogLines(paste, { maxLines: 3 });
      assert.deepEqual([r.lines.length, r.truncated], [lines, truncated]);
      assert.ok(r.lines.every((l) => l.n <= 3));
    });
  }

  it('strips each line', () => {
    const [line] = splitLogLines('04/08/97 23:05:17 Cannot open file');
    assert.equal(line.message, 'Cannot open file');
    assert.equal(line.raw, '04/08/97 23:05:17 Cannot open file');
  });
});

describe('signals/log-lines collapseRepeats', () => {
  it('collapses consecutive identical messages and counts them', () => {
    const lines = splitLogLines('10:00:01 Retry\n10:00:02 Retry\n10:00:03 Retry\n10:00:04 Done\n10:00:05 Retry');
    const collapsed = collapseRepeats(lines);
    assert.deepEqual(
      collapsed.map((l) => [l.message, l.count ?? 1, l.n]),
      [
        ['Retry', 3, 1],
        ['Done', 1, 4],
        ['Retry', 1, 5],
      ],
    );
  });

  it('does not change the lines it was given', () => {
    const lines = splitLogLines('a\na');
    collapseRepeats(lines);
    assert.equal(lines[0].count, undefined);
  });
});

describe('signals/log-lines worst-case input', () => {
  const tricky = ['$$<', '<![LOG[', '[[[[', '1999-01-01 ', '12:12:12.', 'PID ', '\t', ',', '0x', 'Jan 1 ', '10.0.0.1 - ', '#Fields'].join('');
  const huge = tricky.repeat(Math.ceil((2 * 1024 * 1024) / tricky.length));

  // How fast is the bench's question (npm run bench:linear); here the 2 MB inputs must be read, and read right.
  it('strips a 2 MB line of tricky patterns', () => {
    assert.equal(stripLogPrefix(' '.repeat(2_000_000) + 'x').message, 'x');
    for (const line of [huge, '1999-01-01 '.repeat(200_000), `Error\t${'1/1/1999\t'.repeat(200_000)}`])
      assert.equal(typeof stripLogPrefix(line).message, 'string');
  });

  it('splits a 2 MB paste of tricky lines', () => {
    // The tricky line holds '#Fields', so it reads as a W3C header line and is not kept.
    assert.ok(splitLogLines(huge, { maxLineChars: 4_000_000 }).length <= 1);
    assert.ok(splitLogLines(`${huge}\n`.repeat(2)).length <= 2);
    assert.equal(splitLogLines('\r'.repeat(2_000_000)).length, 0);
  });
});
