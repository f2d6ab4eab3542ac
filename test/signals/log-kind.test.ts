/** signals/log-kind: the kind of log a paste is, from its lines' shape. Every line here is written for the test. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeLogKind, recogniseLogKind } from '../../src/signals/log-kind.js';

const kindOf = (text: string) => recogniseLogKind(text.split('\n'))?.kind;

describe('signals/log-kind', () => {
  const cases: [string, string, string][] = [
    [
      'an SMS 2.0 log',
      'sms',
      'Started package processing thread  $$<SMS_DISTRIBUTION_MANAGER><01-02-2000 10:00:00.000+300><thread=100 (0x64)>\nDone  $$<SMS_DISTRIBUTION_MANAGER><01-02-2000 10:00:01.000+300><thread=100 (0x64)>',
    ],
    [
      'an Event Viewer export',
      'windows-event',
      'Information\t3/2/1999\t9:01:02 AM\tSRV1\tThe Alerter service entered the running state.\nError\t3/2/1999\t9:01:05 AM\tSRV1\tThe Browser service terminated.',
    ],
    ['a logcat dump', 'android', '01-02 10:00:00.123  1000  1001 I Telecom: placing a call\n01-02 10:00:00.456  1000  1002 W Audio: route changed'],
    ['a log4j job log', 'java', '2020-01-02 10:00:00,123 INFO [main] org.example.Job: starting\n2020-01-02 10:00:01,456 WARN [io] org.example.Job: slow disk'],
    [
      'a Blue Gene RAS log',
      'supercomputer',
      '- 1100000000 2004.11.09 R00-M0-N0 2004-11-09-10.00.00.000000 R00-M0-N0 RAS KERNEL INFO cache line repaired\n- 1100000001 2004.11.09 R00-M0-N1 2004-11-09-10.00.01.000000 R00-M0-N1 RAS KERNEL INFO cache line repaired',
    ],
    ['a Linux syslog', 'syslog', 'Mar  3 04:05:06 web1 sshd[2001]: session opened for user bob\nMar  3 04:05:09 web1 cron[2002]: job finished'],
    ['a macOS system log', 'macos', 'Mar  3 04:05:06 mbp kernel[0]: wake reason: EC.LidOpen\nMar  3 04:05:07 mbp com.apple.xpc.launchd[1]: service exited'],
    [
      'an Apache error log',
      'apache',
      '[Tue Mar 03 04:05:06 2009] [error] [client 10.0.0.1] File does not exist: /var/www/favicon.ico\n[Tue Mar 03 04:05:07 2009] [notice] child pid 99 exit signal',
    ],
  ];
  for (const [name, kind, text] of cases) it(`reads ${name} as ${kind}`, () => assert.equal(kindOf(text), kind));

  // One line for each shape a rule knows (every alternative of its pattern), read alone.
  const shapes: [string, string, string][] = [
    [
      'a Configuration Manager client log line',
      'sms',
      '<![LOG[Inventory cycle started]LOG]!><time="10:00:00.000+300" date="01-02-2004" component="InventoryAgent" context="" type="1" thread="100" file="agent.cpp:10">',
    ],
    ['an Exchange service name', 'exchange', 'The MSExchangeMTA service entered the stopped state.'],
    ['an MSEXCH component prefix', 'exchange', 'MSEXCHIS: the private store is full'],
    ['an MS Mail gateway', 'exchange', 'MSMailGateway could not deliver to the post office'],
    ['an IIS log header', 'iis', '#Software: Microsoft Internet Information Services 5.0'],
    ['an IIS site name', 'iis', 'W3SVC1 stopped serving requests'],
    ['a W3C request line with its date', 'iis', '2001-03-04 05:06:07 10.0.0.1 - GET /default.htm - 200'],
    ['a W3C request line without a date', 'iis', '10.0.0.1 - GET /orders/list.asp id=3 404 0'],
    ['a tab-separated event export', 'windows-event', 'Warning\t3/2/1999\t9:01:02 AM\tSRV1\tThe browser lost its election.'],
    ['a comma-separated event export', 'windows-event', '3/2/1999,9:01:02 AM,Service Control Manager,Error,None,7000,N/A,SRV1,The service did not start.'],
    ['an event id in a line', 'windows-event', 'The agent wrote Event ID: 7000 at start-up'],
    ['an event type heading', 'windows-event', 'Event Type:\tError'],
    ['an event source heading', 'windows-event', 'Source:  Service Control Manager'],
    ['a Dr. Watson exception heading', 'dr-watson', 'Application exception occurred:'],
    ['a thread state dump', 'dr-watson', 'State Dump for Thread Id 0x1a4'],
    ['the Dr. Watson name', 'dr-watson', 'Dr. Watson wrote a crash dump'],
    ['a faulting instruction', 'dr-watson', 'FAULT ->77f1a2b3 8b08 mov ecx,dword ptr [eax]'],
    ['a register dump, indented', 'dr-watson', '        eax=00000000 ebx=7ffdf000 ecx=00000001'],
    ['an instruction pointer', 'dr-watson', 'eip=77f1a2b3 esp=0012fe1c'],
    ['a CBS servicing line', 'windows-servicing', '2016-01-02 10:00:00, Info                  CBS    Loaded servicing stack'],
    ['a Hadoop 1 job-client line', 'java', '16/01/02 10:00:00 INFO mapred.JobClient: Running job'],
    ['an HDFS data-node line', 'java', '081109 203615 148 INFO dfs.DataNode$PacketResponder: Received block'],
    ['an org.apache class', 'java', 'retrying through org.apache.hadoop.ipc.Client now'],
    ['a Java stack frame', 'java', '\tat java.lang.Thread.run(Thread.java:745)'],
    ['a java.io exception', 'java', 'caused by java.io.IOException: broken pipe'],
    ['a Blue Gene line with its source name', 'supercomputer', 'APPREAD 1100000000 2004.11.09 R00-M0-N0 read failed'],
    ['a RAS event', 'supercomputer', 'the RAS APP FATAL record came late'],
    ['a cluster node line', 'supercomputer', '12345 node-12 action start'],
    ['a cluster line of five fields', 'supercomputer', '134681 n246 unix.hw state_change 1077804742 1 state changed'],
    ['a macOS Apple process', 'macos', 'Mar  3 04:05:06 mbp AppleCameraAssistant[321]: camera woke'],
    ['an OpenStack service line', 'python-service', '2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-1] GET /v2/servers'],
    [
      'an OpenStack line with its file name',
      'python-service',
      'nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-1] GET /v2',
    ],
    ['an ISO-dated syslog line', 'syslog', '2020-01-02T03:04:05.123+00:00 web1 sshd[2001]: session opened for user bob'],
    ['a syslog line with a one-space day and no pid', 'syslog', 'Mar 13 04:05:06 web1 cron: job finished'],
  ];
  for (const [name, kind, line] of shapes) it(`reads ${name} as ${kind}`, () => assert.equal(recogniseLogKind([line])?.kind, kind));

  // Shapes a line may carry anywhere (a quoted event id, a service name); every other shape starts the line.
  // prettier-ignore
  const anywhere = ['an Exchange service name', 'an MSEXCH component prefix', 'an MS Mail gateway', 'an IIS site name', 'an event id in a line', 'a Dr. Watson exception heading', 'a thread state dump', 'the Dr. Watson name', 'an org.apache class', 'a java.io exception', 'a RAS event'];
  it('reads the other shapes only at the start of a line', () => {
    for (const [name, kind, line] of shapes) {
      const quoted = recogniseLogKind([`> ${line}`])?.kind;
      if (anywhere.includes(name)) assert.equal(quoted, kind, name);
      else assert.notEqual(quoted, kind, name);
    }
  });

  it('names each kind as the page shows it, and says whether the knowledge base covers it', () => {
    const named = Object.fromEntries(
      shapes.map(([, kind, line]) => {
        const found = recogniseLogKind([line]);
        return [kind, found && [found.label, found.covered]];
      }),
    );
    assert.deepEqual(named, {
      sms: ['an SMS / Configuration Manager log', true],
      exchange: ['an Exchange Server log or event', true],
      iis: ['an IIS (W3C) web server log', true],
      'windows-event': ['a Windows event log', true],
      'dr-watson': ['a Windows crash log (Dr. Watson)', true],
      'windows-servicing': ['a Windows 7 or later servicing log (CBS)', false],
      java: ['a Hadoop / Java (log4j) log', false],
      supercomputer: ['a supercomputer (Blue Gene / HPC cluster) log', false],
      macos: ['a macOS system log', false],
      'python-service': ['an OpenStack / Python service log', false],
      syslog: ['a Linux / Unix syslog', false],
    });
    for (const [kind, label, line] of [
      ['android', 'an Android log (logcat)', '01-02 10:00:00.123  1000  1001 I Telecom: placing a call'],
      ['apache', 'an Apache HTTP Server log', '[Tue Mar 03 04:05:06 2009] [error] [client 10.0.0.1] File does not exist: /var/www/a.ico'],
    ]) {
      assert.deepEqual(recogniseLogKind([line]), { kind, label, covered: false, share: 1 });
    }
  });

  const syslog = 'Mar  3 04:05:06 web1 sshd[2001]: session opened for user bob';
  const plain = 'the printer stopped again';

  it('reports a kind that holds 30% of the lines, with its share, and none below', () => {
    assert.deepEqual(recogniseLogKind([...Array(3).fill(syslog), ...Array(7).fill(plain)]), {
      kind: 'syslog',
      label: 'a Linux / Unix syslog',
      covered: false,
      share: 0.3,
    });
    assert.equal(recogniseLogKind([...Array(2).fill(syslog), ...Array(5).fill(plain)])?.kind, undefined, '2 of 7 is 0.286');
    assert.equal(recogniseLogKind([syslog, plain, plain])?.share, 0.333);
  });

  it('skips blank lines when counting shares', () => {
    assert.equal(recogniseLogKind([syslog, '', '   ', '\t', plain])?.share, 0.5);
  });

  it('reads the first 100 lines that are not blank, no more', () => {
    const head = [...Array(29).fill(syslog), ...Array(71).fill(plain)];
    assert.equal(recogniseLogKind([...head, ...Array(500).fill(syslog)]), undefined, '29 of the first 100');
    assert.equal(recogniseLogKind([...Array(50).fill(''), syslog, ...head])?.share, 0.3, 'blank lines are not sampled');
  });

  it('reads the first 400 characters of a line only', () => {
    assert.equal(recogniseLogKind([`${'a'.repeat(380)} Event ID: 7000`])?.kind, 'windows-event');
    assert.equal(recogniseLogKind([`${'a'.repeat(390)} Event ID: 7000`]), undefined);
  });

  it('reports the kind most lines have', () => {
    const sms = 'Done  $$<SMS_DISTRIBUTION_MANAGER><01-02-2000 10:00:01.000+300><thread=100 (0x64)>';
    // The kind seen first is the commoner one here, so "the last kind counted" would be wrong both times.
    assert.equal(recogniseLogKind([syslog, sms, sms, syslog, syslog])?.kind, 'syslog');
    assert.equal(recogniseLogKind([sms, syslog, syslog, sms, sms])?.kind, 'sms');
  });

  it('says of a covered kind only what it looks like', () => {
    const kind = recogniseLogKind(['Event Type:\tError'])!;
    assert.equal(describeLogKind(kind), 'This looks like a Windows event log.');
  });

  it('reports no kind when no shape holds 30% of the lines', () => {
    assert.equal(kindOf('the printer stopped\nplease help\nit worked yesterday\nnothing changed'), undefined);
  });

  it('says of an uncovered kind what the knowledge base covers', () => {
    const kind = recogniseLogKind(['Mar  3 04:05:06 web1 sshd[2001]: session opened for user bob'])!;
    assert.equal(kind.covered, false);
    assert.match(describeLogKind(kind), /^This looks like a Linux \/ Unix syslog; the knowledge base covers Microsoft products/);
  });

  it('reads the kind in bounded time from a 1 MB line', () => {
    assert.equal(kindOf('Mar  3 04:05:06 '.repeat(70_000)), undefined);
  });
});
