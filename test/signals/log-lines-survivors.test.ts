import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasFaultWords, readLogLines, splitLogLines, stripLogPrefix, type StrippedLine } from '../../src/signals/log-lines.js';

describe('signals/log-lines: event-log type words', () => {
  const types: [string, StrippedLine['severity']][] = [
    ['Information', 'info'],
    ['Info', 'info'],
    ['Success', 'info'],
    ['Success Audit', 'info'],
    ['Audit Success', 'info'],
    ['Warning', 'warning'],
    ['Warn', 'warning'],
    ['Error', 'error'],
    ['Failure Audit', 'error'],
    ['Audit Failure', 'error'],
    ['Critical', 'error'],
    ['Fatal', 'error'],
  ];
  for (const [type, severity] of types) {
    it(`reads an export row of type ${type} as ${severity}`, () => {
      assert.deepEqual(stripLogPrefix(`${type}\t4/21/1999\t5:35:52 PM\tHOST01\tThe disk is nearly full.`), {
        message: 'The disk is nearly full.',
        severity,
      });
    });
  }

  it('leaves a row whose first column is no type word and no date as it is', () => {
    const line = 'Notice\t4/21/1999\t5:35:52 PM\tHOST01\tThe disk is nearly full.';
    assert.deepEqual(stripLogPrefix(line), { message: line });
  });
});

describe('signals/log-lines: level words', () => {
  const levels: [string, StrippedLine['severity']][] = [
    ['ERROR', 'error'],
    ['ERR', 'error'],
    ['FATAL', 'error'],
    ['CRITICAL', 'error'],
    ['CRIT', 'error'],
    ['SEVERE', 'error'],
    ['E', 'error'],
    ['WARNING', 'warning'],
    ['WARN', 'warning'],
    ['W', 'warning'],
    ['INFO', 'info'],
    ['INFORMATION', 'info'],
    ['INFORMATIONAL', 'info'],
    ['NOTICE', 'info'],
    ['DEBUG', 'info'],
    ['TRACE', 'info'],
    ['VERBOSE', 'info'],
    ['I', 'info'],
  ];
  for (const [word, severity] of levels) {
    it(`reads [${word}] after a timestamp as ${severity}`, () => {
      assert.deepEqual(stripLogPrefix(`2001-02-03 04:05:06 [${word}] Queue is empty`), { message: 'Queue is empty', severity });
    });
    it(`reads a ${word} column (a wide gap after it) after a timestamp as ${severity}`, () => {
      assert.deepEqual(stripLogPrefix(`2001-02-03 04:05:06 ${word}   Queue is empty`), { message: 'Queue is empty', severity });
    });
  }

  it('reads a level column ended by a tab', () => {
    assert.deepEqual(stripLogPrefix('10:00:01 Warning\tQueue is empty'), { message: 'Queue is empty', severity: 'warning' });
  });

  it('keeps a word before one space, or a word that is no level, as part of the message', () => {
    assert.deepEqual(stripLogPrefix('10:00:01 Queue   is empty'), { message: 'Queue   is empty' });
    assert.deepEqual(stripLogPrefix('10:00:01 WARN Queue is empty'), { message: 'WARN Queue is empty' });
  });

  it('keeps a bracketed word that is no level, after a timestamp', () => {
    assert.deepEqual(stripLogPrefix('10:00:01 [Spooler] Queue is empty'), { message: '[Spooler] Queue is empty' });
  });

  it('keeps the first level it reads when a second follows', () => {
    assert.deepEqual(stripLogPrefix('10:00:01 [WARN] [ERROR] Queue is empty'), { message: 'Queue is empty', severity: 'warning' });
    assert.deepEqual(stripLogPrefix('10:00:01 [INFO] ERROR   Queue is empty'), { message: 'Queue is empty', severity: 'info' });
  });
});

describe('signals/log-lines: line reading', () => {
  it('removes every control character but the tab', () => {
    const controls = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u000e', '\u001f', '\u007f'];
    const [line] = splitLogLines(`a${controls.join('a')}a\tb`);
    assert.equal(line.raw, 'aaaaaaaaa\tb');
  });

  it('keeps a line exactly maxLineChars long whole, and cuts one a character longer', () => {
    assert.equal(splitLogLines('abcde', { maxLineChars: 5 })[0].raw, 'abcde');
    assert.equal(splitLogLines('abcdef', { maxLineChars: 5 })[0].raw, 'abcde');
  });

  it('drops a W3C header line but numbers the lines after it', () => {
    assert.deepEqual(
      splitLogLines('#Software: Microsoft IIS 4.0\n#Fields: date time\nGET /a.htm 200').map((l) => [l.n, l.message]),
      [[3, 'GET /a.htm 200']],
    );
  });

  it('returns each line with its number, raw text, message, severity and component', () => {
    assert.deepEqual(splitLogLines('x\nCannot open file  $$<Sender><Tue>'), [
      { n: 1, raw: 'x', message: 'x' },
      { n: 2, raw: 'Cannot open file  $$<Sender><Tue>', message: 'Cannot open file', severity: 'error', component: 'Sender' },
    ]);
  });

  it('says a paste of fewer lines than maxLines is not truncated, by default too', () => {
    assert.deepEqual(readLogLines('one\ntwo'), {
      lines: [
        { n: 1, raw: 'one', message: 'one' },
        { n: 2, raw: 'two', message: 'two' },
      ],
      truncated: false,
    });
  });

  it('reads a paste past maxLines whose next line holds text after white space as truncated', () => {
    assert.equal(readLogLines('one\n   two', { maxLines: 1 }).truncated, true);
  });

  it('reads an empty paste as no lines', () => {
    assert.deepEqual(readLogLines(''), { lines: [], truncated: false });
    assert.deepEqual(readLogLines('', { maxLines: 0 }), { lines: [], truncated: false });
  });
});

describe('signals/log-lines: W3C headers and ConfigMgr lines', () => {
  for (const header of [
    '#Software: IIS',
    '#Version: 1.0',
    '#Date: 1999-01-02 03:04:05',
    '#Remark: x',
    '#Start-Date: 1999-01-02',
    '#End-Date: 1999-01-02',
    '#fields: date',
  ])
    it(`treats ${header} as a header`, () => assert.deepEqual(stripLogPrefix(header), { message: '' }));

  it('keeps a line that starts with # but is no header, or names a header later', () => {
    assert.deepEqual(stripLogPrefix('#1 job failed'), { message: '#1 job failed', severity: 'error' });
    assert.deepEqual(stripLogPrefix('# see #Date: below'), { message: '# see #Date: below' });
    assert.deepEqual(stripLogPrefix('See #Fields: below'), { message: 'See #Fields: below' });
  });

  it('leaves a <![LOG[ line without its closing ]LOG]!> as it is', () => {
    assert.deepEqual(stripLogPrefix('<![LOG[Queue is empty'), { message: '<![LOG[Queue is empty' });
  });

  it('reads the type 2 and type 1 of a ConfigMgr line as warning and info, another type as none', () => {
    const line = (type: string) => `<![LOG[Queue is empty]LOG]!><time="10:00:00.000+300" component="Agent" type="${type}">`;
    assert.deepEqual(stripLogPrefix(line('2')), { message: 'Queue is empty', severity: 'warning', component: 'Agent' });
    assert.deepEqual(stripLogPrefix(line('1')), { message: 'Queue is empty', severity: 'info', component: 'Agent' });
    assert.deepEqual(stripLogPrefix(line('0')), { message: 'Queue is empty', component: 'Agent' });
  });

  it('reads a ConfigMgr component within the first 600 characters after the message only', () => {
    const near = `<![LOG[Queue is empty]LOG]!><time="${'1'.repeat(570)}" component="Agent">`;
    const far = `<![LOG[Queue is empty]LOG]!><time="${'1'.repeat(590)}" component="Agent">`;
    assert.deepEqual(stripLogPrefix(near), { message: 'Queue is empty', component: 'Agent' });
    assert.deepEqual(stripLogPrefix(far), { message: 'Queue is empty' });
  });

  it('does not read a component named in the ConfigMgr message itself', () => {
    assert.deepEqual(stripLogPrefix('<![LOG[set component="Inner"]LOG]!><time="1" component="Agent">'), {
      message: 'set component="Inner"',
      component: 'Agent',
    });
  });
});

describe('signals/log-lines: hasFaultWords, word by word', () => {
  // prettier-ignore
  const faults = ['one error', 'Errors: 3', 'The job will fail', 'It fails', 'The user chose abort', 'The copy aborts', 'The file is corrupt',
    'corruption found', 'Connection timeout', 'Connection timed out', 'Connection time out', 'It stopped unexpectedly', 'unexpected',
    'The app hangs', 'hang', 'It crashed', 'crash', 'System halted', 'halt', 'conflict', 'Two conflicts', 'Requires a reboot', 'require',
    'Event ID: 1000', 'Event ID 1000', 'Event ID  1000', 'App: x.exe (pid=12)', 'It is not', "isn't", 'not installed', 'out of memory', 'too many', 'no such'];
  // prettier-ignore
  const progress = ['Event ID   1000', 'EventID 5', 'See App: x.exe (pid=12)', 'App:  (pid=12)', 'App: x (pid=)', 'errorlevel 0', 'xerror', 'terror', 'Done'];
  for (const m of faults) it(`reads "${m}" as a fault`, () => assert.equal(hasFaultWords(m), true));
  for (const m of progress) it(`reads "${m}" as progress`, () => assert.equal(hasFaultWords(m), false));

  it('reads only the first 1,000 characters of a message', () => {
    assert.equal(hasFaultWords(`${'x'.repeat(994)} error `), true, 'error ends at character 1,000');
    assert.equal(hasFaultWords(`${'x'.repeat(995)} error `), false, 'error ends at character 1,001');
  });
});

describe('signals/log-lines: event-log exports, column by column', () => {
  const cases: { name: string; line: string; want: StrippedLine }[] = [
    {
      name: 'reads a comma-separated short row (type, date, time, host)',
      line: 'Information,4/21/1999,5:35:52 PM,HOST01,Disk full',
      want: { message: 'Disk full', severity: 'info' },
    },
    { name: 'reads a date-first row of four columns', line: '4/21/1,5:35:52 PM,MySvc,x', want: { message: 'MySvc,x' } },
    { name: 'leaves a date-first row of three columns', line: '4/21/1\t5:35:52 PM\tMySvc', want: { message: '4/21/1\t5:35:52 PM\tMySvc' } },
    { name: 'leaves a row of other columns', line: 'a\tb,c,d,e', want: { message: 'a\tb,c,d,e' } },
    {
      name: 'keeps the tabs of a description that holds tabs',
      line: '3/1/00\t1:02:03 AM\tMyService\tWarning\tGeneral\t1026\tN/A\tSRV1\tRetry\tagain',
      want: { message: 'Retry\tagain', severity: 'warning', component: 'MyService' },
    },
    {
      name: 'names no source that is not a name',
      line: 'Error\t3/1/2000\t1:02:03 AM\tMy Svc?\tNone\t7000\tN/A\tSRV1\tThe service did not start.',
      want: { message: 'The service did not start.', severity: 'error' },
    },
    {
      name: 'names no empty source',
      line: 'Error\t3/1/2000\t1:02:03 AM\t\tNone\t7000\tN/A\tSRV1\tThe service did not start.',
      want: { message: 'The service did not start.', severity: 'error' },
    },
    {
      name: 'names a source of 80 characters, with spaces, dots, dashes and slashes',
      line: `Error\t3/1/2000\t1:02:03 AM\t${'a'.repeat(72)} b.c-d/e\tNone\t7000\tN/A\tSRV1\tmsg`,
      want: { message: 'msg', severity: 'error', component: `${'a'.repeat(72)} b.c-d/e` },
    },
    {
      name: 'names no source of 81 characters',
      line: `Error\t3/1/2000\t1:02:03 AM\t${'a'.repeat(81)}\tNone\t7000\tN/A\tSRV1\tmsg`,
      want: { message: 'msg', severity: 'error' },
    },
    {
      name: 'reads an inner row saved inside a description, keeping the outer type',
      line: 'Warning\t4/21/1999\t5:35:52 PM\tHOST01\tError,4/21/1999,5:35:52 PM,HOST02,inner text',
      want: { message: 'inner text', severity: 'warning' },
    },
    {
      name: 'takes the inner type when the outer row has none',
      line: '3/1/00\t1:02:03 AM\tMyService\tNone\tGeneral\t1026\tN/A\tSRV1\tError,4/21/1999,5:35:52 PM,HOST02,inner text',
      want: { message: 'inner text', severity: 'error', component: 'MyService' },
    },
    {
      name: 'takes the inner source when the outer row has none',
      line: 'Warning\t4/21/1999\t5:35:52 PM\tHOST01\t3/1/00,1:02:03 AM,MyService,Error,General,1026,N/A,SRV1,Retry',
      want: { message: 'Retry', severity: 'warning', component: 'MyService' },
    },
    { name: 'leaves a date-first row whose second column is no time', line: '4/21/1999,hello,x,y', want: { message: 'hello,x,y' } },
    { name: 'leaves a row whose second column is a time but whose first is no date', line: 'abc,10:01,x,y', want: { message: 'abc,10:01,x,y' } },
    {
      name: 'trims the source of a full row',
      line: 'Error\t3/1/2000\t1:02:03 AM\t MyService \tNone\t7000\tN/A\tSRV1\tmsg',
      want: { message: 'msg', severity: 'error', component: 'MyService' },
    },
    {
      name: 'trims the source of a date-first row',
      line: '3/1/00,1:02:03 AM, MyService ,Warning,General,1026,N/A,SRV1,Retry',
      want: { message: 'Retry', severity: 'warning', component: 'MyService' },
    },
    {
      name: 'leaves a typed row of four columns (no description)',
      line: 'Error\t3/1/2000\t1:02:03 AM\tMyService',
      want: { message: 'Error\t3/1/2000\t1:02:03 AM\tMyService', severity: 'error' },
    },
    {
      name: 'reads a time with seconds and a fraction',
      line: 'Warning\t4/21/1999\t5:35:52.1234567 pm\tHOST01\tx',
      want: { message: 'x', severity: 'warning' },
    },
    { name: 'reads a time without seconds', line: 'Warning\t4/21/1999\t5:35\tHOST01\tx', want: { message: 'x', severity: 'warning' } },
    {
      name: 'does not read a time with an eight-digit fraction',
      line: 'Warning\t4/21/1999\t5:35:52.12345678\tHOST01\tx',
      want: { message: 'Warning\t4/21/1999\t5:35:52.12345678\tHOST01\tx', severity: 'warning' },
    },
    { name: 'reads a year-first date column', line: 'Warning\t1999-4-21\t5:35:52\tHOST01\tx', want: { message: 'x', severity: 'warning' } },
    {
      name: 'does not read a five-digit year',
      line: 'Warning\t4/21/19999\t5:35:52\tHOST01\tx',
      want: { message: 'Warning\t4/21/19999\t5:35:52\tHOST01\tx', severity: 'warning' },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(stripLogPrefix(c.line), c.want));
});

describe('signals/log-lines: prefixes', () => {
  const cases: [string, string, StrippedLine][] = [
    ['a bracketed level with no timestamp before it stays', '[WARN] Queue is empty', { message: '[WARN] Queue is empty' }],
    ['a date without a year before a time', '12/31 23:59 Queue is empty', { message: 'Queue is empty' }],
    ['a day, a month name and a year', '17 Aug 1999 Queue is empty', { message: 'Queue is empty' }],
    ['a compact date and time', '19990817 030415 Queue is empty', { message: 'Queue is empty' }],
    ['a compact date and time with a T', '19990817T030415 Queue is empty', { message: 'Queue is empty' }],
    ['a weekday, month, day, time and year', 'Tue Nov 04 13:07:27 1997 Queue is empty', { message: 'Queue is empty' }],
    ['a month with a dot, an ordinal day and a comma', 'Nov. 4th, 1997 10:00 AM Queue is empty', { message: 'Queue is empty' }],
    ['a time with PM', '10:00:01 PM Queue is empty', { message: 'Queue is empty' }],
    ['a time with a fraction and an offset', '10:00:01.123+060 Queue is empty', { message: 'Queue is empty' }],
    ['a year after the time', '10:00:01 1999 Queue is empty', { message: 'Queue is empty' }],
    ['no year glued to a word', '10:00:01 1999x Queue is empty', { message: '1999x Queue is empty' }],
    ['no year past 2099 or before 1900', '10:00:01 2100 Queue is empty', { message: '2100 Queue is empty' }],
    ['a year only after a stamp', 'Queue 1999 is empty', { message: 'Queue 1999 is empty' }],
    ['no year later in the message', '10:00:01 Queue 1999 is empty', { message: 'Queue 1999 is empty' }],
    ['no bracketed weekday without a digit', '[Monday] Queue is empty', { message: '[Monday] Queue is empty' }],
    ['PID=n:', 'PID=269: Queue is empty', { message: 'Queue is empty' }],
    ['pid n tid n in lower case', 'pid 269 tid 3683 Queue is empty', { message: 'Queue is empty' }],
    ['TID#0x..', 'TID#0x1F Queue is empty', { message: 'Queue is empty' }],
    ['ProcessId: n', 'ProcessId: 12 Queue', { message: 'Queue' }],
    ['a hex id in parentheses', '(0x1A4)Queue', { message: 'Queue' }],
    ['a hex id before a colon', '0x1A: Queue', { message: 'Queue' }],
    ['no hex id without a colon', '0x1A4 Queue', { message: '0x1A4 Queue' }],
    ['a bracketed hex id', '[0x1A4]Queue', { message: 'Queue' }],
    ['no bracketed hex word without a digit', '[ABCD] Queue', { message: '[ABCD] Queue' }],
    ['a bracketed hex word with a digit', '[abc1] Queue', { message: 'Queue' }],
    ['a bracketed dotted number of four parts', '[12.34.56.78] Queue', { message: 'Queue' }],
    ['no bracketed dotted number of five parts', '[12.34.56.78.9] Queue', { message: '[12.34.56.78.9] Queue' }],
    ['a bracketed time', '[10:00] Queue', { message: 'Queue' }],
    ['no bracketed month and day without a time', '[Jan 5] Queue', { message: '[Jan 5] Queue' }],
    ['a number in parentheses', '(1234) Queue', { message: 'Queue' }],
    ['a number in angle brackets', '<1234> Queue', { message: 'Queue' }],
    ['a level in angle brackets after a time', '10:00:01 <WARN> empty', { message: 'empty', severity: 'warning' }],
    ['a level in parentheses after a time', '10:00:01 (WARN) empty', { message: 'empty', severity: 'warning' }],
    ['no level whose bracket is not closed', '10:00:01 [WARN empty', { message: '[WARN empty' }],
    ['separators between columns', '2001-02-03,04:05:06;Queue', { message: 'Queue' }],
    ['a dash after a time', '10:00:01 - Queue', { message: 'Queue' }],
    ['a bar between columns', '2001-02-03 04:05:06 | INFO | Queue', { message: 'INFO | Queue' }],
    ['a colon after a time', '10:00:01: Queue is empty', { message: 'Queue is empty' }],
    ['a bracketed level with spaces inside', '10:00:01 [ WARN ] Queue', { message: 'Queue', severity: 'warning' }],
  ];
  for (const [name, line, want] of cases) it(`strips ${name}`, () => assert.deepEqual(stripLogPrefix(line), want));

  it('names a syslog program with dots, dashes and slashes, without a space after the colon', () => {
    assert.deepEqual(stripLogPrefix('Jan 15 23:20:44 HOST-1 mail/er.d-x[1835]:Queue is empty'), { message: 'Queue is empty', component: 'mail/er.d-x' });
  });

  it('reads no syslog source whose host starts with an underscore or whose pid has 11 digits', () => {
    assert.deepEqual(stripLogPrefix('Jan 15 23:20:44 _HOST mailer[1835]: Queue is empty'), { message: '_HOST mailer[1835]: Queue is empty' });
    assert.deepEqual(stripLogPrefix('Jan 15 23:20:44 HOST mailer[12345678901]: Queue is empty'), {
      message: 'HOST mailer[12345678901]: Queue is empty',
    });
  });
});

describe('signals/log-lines: SMS suffixes', () => {
  const cases: [string, string, StrippedLine][] = [
    ['an empty component', 'Queue is empty  $$<>', { message: 'Queue is empty' }],
    ['a component with spaces around it', 'Queue is empty  $$<  Sender  >', { message: 'Queue is empty', component: 'Sender' }],
    ['a component of 120 characters', `Queue  $$<${'a'.repeat(120)}>`, { message: 'Queue', component: 'a'.repeat(120) }],
    ['no component of 121 characters', `Queue  $$<${'a'.repeat(121)}>`, { message: 'Queue' }],
    ['a component cut short', 'Queue  $$<Sender', { message: 'Queue', component: 'Sender' }],
    ['a component after a > in the message', 'Queue x> $$<Sender>', { message: 'Queue x>', component: 'Sender' }],
    ['a path with forward slashes', 'Queue  $$<C:/dir/Boot.exe>', { message: 'Queue', component: 'Boot.exe' }],
    ['a path with both slashes', 'Queue $$<C:\\dir/sub\\Boot.exe><x>', { message: 'Queue', component: 'Boot.exe' }],
  ];
  for (const [name, line, want] of cases) it(`reads ${name}`, () => assert.deepEqual(stripLogPrefix(line), want));
});

describe('signals/log-lines: web log lines', () => {
  const cases: [string, string, string][] = [
    ['a client address', '2000-01-02 03:04:05 10.0.0.1 GET /a.htm 200', 'GET /a.htm 200'],
    ['a service, a server, an address and a user', '2000-01-02 03:04:05 W3SVC1 SRV 10.0.0.1 - POST /a.htm 200', 'POST /a.htm 200'],
    ['a bracketed date and a quote', '2000-01-02 03:04:05 10.0.0.1 bob [02/Jan/2000:03:04:05 +0000] "GET /a.htm HTTP/1.0" 200', 'GET /a.htm HTTP/1.0" 200'],
    ['two dashes for address and user', '2000-01-02 03:04:05 - - GET /a 200', 'GET /a 200'],
  ];
  for (const [name, line, want] of cases) it(`keeps the request after ${name}`, () => assert.deepEqual(stripLogPrefix(line), { message: want }));

  const kept: [string, string][] = [
    ['a method it does not know', '2000-01-02 03:04:05 10.0.0.1 GETX /a 200'],
    ['four columns before the address', '2000-01-02 03:04:05 a b c d 10.0.0.1 GET /a 200'],
    ['four users after the address', '2000-01-02 03:04:05 10.0.0.1 u1 u2 u3 u4 GET /a 200'],
    ['an address with a four-digit part', '2000-01-02 03:04:05 1000.0.0.1 GET /a 200'],
    ['an address ending in a four-digit part', '2000-01-02 03:04:05 10.0.0.1000 GET /a 200'],
  ];
  it('keeps the client columns of a line with no timestamp before them', () => {
    assert.deepEqual(stripLogPrefix('10.0.0.1 - - GET /a 200'), { message: '10.0.0.1 - - GET /a 200' });
  });

  for (const [name, line] of kept) it(`keeps the columns of a line with ${name}`, () => assert.deepEqual(stripLogPrefix(line), { message: line.slice(20) }));
});

describe('signals/log-lines: severity from the words', () => {
  const cases: [string, StrippedLine['severity']][] = [
    ['Queue failed', 'error'],
    ['The operation FAILED', 'error'],
    ['cannot', 'error'],
    ["can't open", 'error'],
    ['unable', 'error'],
    ['exception', 'error'],
    ['access violation', 'error'],
    ['fatal', 'error'],
    ['failure', 'error'],
    ['stop 0x0A', 'error'],
    ['Queue warning: low', 'warning'],
    ['Queue warnings', undefined],
    ['  Queue  ', undefined],
  ];
  for (const [line, severity] of cases) {
    it(`reads "${line}" as ${severity ?? 'no severity'}`, () =>
      assert.deepEqual(stripLogPrefix(line), severity ? { message: line.trim(), severity } : { message: line.trim() }));
  }

  it('reads severity words within the first 200 characters only', () => {
    assert.equal(stripLogPrefix(`${'x'.repeat(194)} error`).severity, 'error');
    assert.equal(stripLogPrefix(`${'x'.repeat(195)} error`).severity, undefined);
  });
});
