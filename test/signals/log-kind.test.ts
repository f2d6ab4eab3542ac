/** signals/log-kind: the kind of log a paste is, from its lines' shape. Every line here is written for the test. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeLogKind, recogniseLogKind } from '../../src/signals/log-kind.js';

const kindOf = (text: string) => recogniseLogKind(text.split('\n'))?.kind;

describe('signals/log-kind', () => {
  const cases: [string, string, string][] = [
    ['an SMS 2.0 log', 'sms', 'Started package processing thread  $$<SMS_DISTRIBUTION_MANAGER><01-02-2000 10:00:00.000+300><thread=100 (0x64)>\nDone  $$<SMS_DISTRIBUTION_MANAGER><01-02-2000 10:00:01.000+300><thread=100 (0x64)>'],
    ['an Event Viewer export', 'windows-event', 'Information\t3/2/1999\t9:01:02 AM\tSRV1\tThe Alerter service entered the running state.\nError\t3/2/1999\t9:01:05 AM\tSRV1\tThe Browser service terminated.'],
    ['a logcat dump', 'android', '01-02 10:00:00.123  1000  1001 I Telecom: placing a call\n01-02 10:00:00.456  1000  1002 W Audio: route changed'],
    ['a log4j job log', 'java', '2020-01-02 10:00:00,123 INFO [main] org.example.Job: starting\n2020-01-02 10:00:01,456 WARN [io] org.example.Job: slow disk'],
    ['a Blue Gene RAS log', 'supercomputer', '- 1100000000 2004.11.09 R00-M0-N0 2004-11-09-10.00.00.000000 R00-M0-N0 RAS KERNEL INFO cache line repaired\n- 1100000001 2004.11.09 R00-M0-N1 2004-11-09-10.00.01.000000 R00-M0-N1 RAS KERNEL INFO cache line repaired'],
    ['a Linux syslog', 'syslog', 'Mar  3 04:05:06 web1 sshd[2001]: session opened for user bob\nMar  3 04:05:09 web1 cron[2002]: job finished'],
    ['a macOS system log', 'macos', 'Mar  3 04:05:06 mbp kernel[0]: wake reason: EC.LidOpen\nMar  3 04:05:07 mbp com.apple.xpc.launchd[1]: service exited'],
    ['an Apache error log', 'apache', '[Tue Mar 03 04:05:06 2009] [error] [client 10.0.0.1] File does not exist: /var/www/favicon.ico\n[Tue Mar 03 04:05:07 2009] [notice] child pid 99 exit signal'],
  ];
  for (const [name, kind, text] of cases) it(`reads ${name} as ${kind}`, () => assert.equal(kindOf(text), kind));

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
