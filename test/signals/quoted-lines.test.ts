import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Section } from '../../src/types.js';
import { extractSignatures, isNotMessage } from '../../src/signals/quoted-lines.js';
import { templateOf, templateSimilarity } from '../../src/signals/templates.js';
import { stripLogPrefix } from '../../src/signals/log-lines.js';
import { archiveDir, skipWithoutArchive } from '../support/archive.js';

const section = (kind: string, ...lines: string[]): Section => ({ kind, heading: kind.toUpperCase(), text: lines.join('\n') });
const linesOf = (sections: Section[]) => extractSignatures(sections).map((s) => s.line);

describe('signals/quoted-lines extractSignatures', () => {
  it('reads an indented block introduced by prose ending in a colon', () => {
    const sigs = extractSignatures([
      section(
        'symptoms',
        'When the relay starts, it writes this to its log:',
        '',
        '   Could not bind the relay socket to port 25',
        '',
        'The relay then stops.',
      ),
    ]);
    assert.deepEqual(sigs, [
      { template: 'could not bind the relay socket to port <num>', line: 'Could not bind the relay socket to port 25', section: 'symptoms' },
    ]);
  });

  it('reads a block indented with no-break spaces or tabs as indented (articles converted from HTML)', () => {
    for (const indent of ['\u00a0\u00a0\u00a0\u00a0', '\t']) {
      const sigs = linesOf([
        section(
          'symptoms',
          'When the relay starts, it writes this to its log:',
          '',
          `${indent}Could not bind the relay socket to port 25`,
          '',
          'The relay then stops.',
        ),
      ]);
      assert.deepEqual(sigs, ['Could not bind the relay socket to port 25'], JSON.stringify(indent));
    }
  });

  it('joins a wrapped message and also keeps each wrapped part', () => {
    assert.deepEqual(
      linesOf([section('symptoms', 'You see the message:', '', '   The queue manager could not reach the remote', '   server in the time allowed.', '')]),
      [
        'The queue manager could not reach the remote server in the time allowed.',
        'The queue manager could not reach the remote',
        'server in the time allowed.',
      ],
    );
  });

  it('keeps lines that end a sentence apart', () => {
    assert.deepEqual(linesOf([section('symptoms', 'This error appears:', '', '   Cannot start the mail relay.', '   Contact your administrator now.', '')]), [
      'Cannot start the mail relay.',
      'Contact your administrator now.',
    ]);
  });

  it('reads each alternative of a block separated by -or-', () => {
    assert.deepEqual(
      linesOf([
        section('symptoms', 'One of these errors occurs:', '', '   Cannot open the spool folder', '', '   -or-', '', '   Cannot write the spool folder', ''),
      ]),
      ['Cannot open the spool folder', 'Cannot write the spool folder'],
    );
  });

  it('reads a message quoted inline in prose', () => {
    assert.deepEqual(
      linesOf([section('symptoms', 'You may receive the following error message: "Unable to attach the shared', 'calendar file" when you log on.')]),
      ['Unable to attach the shared calendar file'],
    );
  });

  it('ignores quoted words that are not introduced as a message', () => {
    assert.deepEqual(linesOf([section('resolution', 'Grant the account the "Log on as a batch job" right.')]), []);
  });

  it('strips a log suffix from a quoted log line', () => {
    const [sig] = extractSignatures([
      section('symptoms', 'The log file shows:', '', '   Cannot find the site record  $$<Site Manager><Mon Jan 05 10:00:00 1998>', ''),
    ]);
    assert.equal(sig.line, 'Cannot find the site record');
  });

  it('puts SYMPTOMS before CAUSE and MORE INFORMATION', () => {
    const sigs = extractSignatures([
      section('more-information', 'The log shows:', '', '   Relay heartbeat lost on channel two', ''),
      section('symptoms', 'The error is:', '', '   Mail relay stopped unexpectedly today', ''),
    ]);
    assert.deepEqual(
      sigs.map((s) => s.section),
      ['symptoms', 'more-information'],
    );
  });

  it('reads a quote under a list item ending in a colon', () => {
    assert.deepEqual(linesOf([section('symptoms', ' - You may receive this error:', '', '   Relay.exe Application Error', '')]), [
      'Relay.exe Application Error',
    ]);
  });

  it('skips list continuation lines', () => {
    assert.deepEqual(
      linesOf([section('resolution', '1. Open the relay settings and make sure the', '   relay can not run as a guest account.', '2. Restart.')]),
      [],
    );
  });

  it('skips lines that fit every log (too few identifying words)', () => {
    assert.deepEqual(linesOf([section('symptoms', 'The error is:', '', '   File not found', '')]), []);
  });

  it('keeps a short line that carries an error code', () => {
    assert.deepEqual(linesOf([section('symptoms', 'The error is:', '', '   Error 0x80070005', '')]), ['Error 0x80070005']);
  });

  it('skips event detail labels and keeps the description', () => {
    assert.deepEqual(
      linesOf([
        section(
          'symptoms',
          'This event is logged:',
          '',
          '   Source: MailRelay',
          '   Category: None',
          '   Description: The relay could not open its queue.',
          '',
        ),
      ]),
      ['The relay could not open its queue.'],
    );
  });

  it('skips a block of code', () => {
    assert.deepEqual(
      linesOf([
        section(
          'more-information',
          'The following code shows the error:',
          '',
          '   Dim x As Integer',
          '   x = OpenQueue("relay")',
          '   If x = 0 Then MsgBox "Cannot open queue"',
          '',
        ),
      ]),
      [],
    );
  });

  it('returns nothing for sections without quotes', () => {
    assert.deepEqual(extractSignatures([section('summary', 'This article describes the relay.')]), []);
  });

  it('lands a pasted log line on the signature of its quoted line', () => {
    const [sig] = extractSignatures([section('symptoms', 'The log file shows:', '', '   failed to open <path to queue file> WIN32 ERROR = 32', '')]);
    const pasted = stripLogPrefix(
      'failed to open D:\\RELAY\\QUEUE\\00AB12CD.QUE WIN32 ERROR = 32  $$<Relay><Mon Jan 05 10:00:00 1998><thread=12 (0xC)>',
    ).message;
    assert.ok(templateSimilarity(templateOf(pasted), sig.template) >= 0.95);
  });
});

describe('signals/quoted-lines isNotMessage', () => {
  const cases: { name: string; line: string; not: boolean }[] = [
    { name: 'a registry path', line: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Relay', not: true },
    { name: 'a registry value type', line: 'Retries : REG_DWORD : 3', not: true },
    { name: 'a C statement', line: 'hr = OpenQueue(name);', not: true },
    { name: 'a BASIC declaration', line: 'Dim oRelay As Object', not: true },
    { name: 'a net command', line: 'net stop relay', not: true },
    { name: 'an at command', line: 'at \\\\server 10:00 relay.cmd', not: true },
    { name: 'a command at a prompt', line: 'C:\\RELAY>relay /reset', not: true },
    { name: 'an INI line', line: 'Retries=3', not: true },
    { name: 'a numbered step', line: '2. Click OK.', not: true },
    { name: 'a table row', line: 'Relay.exe    4.0.1    12,345    01/02/99', not: true },
    { name: 'an article reference', line: 'Q123456 How to Reset the Relay', not: true },
    { name: 'a message', line: 'Cannot open the relay queue.', not: false },
    { name: 'a message with a path', line: 'Unable to read C:\\RELAY\\QUEUE.DAT', not: false },
    { name: 'a message asking a question', line: 'Do you want to save the changes?', not: false },
    { name: 'a message with a source position', line: 'RELAY.INC(1005)', not: false },
  ];
  for (const c of cases) {
    it(`${c.not ? 'rejects' : 'accepts'} ${c.name}`, () => assert.equal(isNotMessage(c.line), c.not));
  }
});

describe('signals/quoted-lines on the real archive', { skip: skipWithoutArchive() }, () => {
  it('finds signatures in a good share of a sample of articles', () => {
    const txt = path.join(archiveDir()!, 'txt');
    const dirs = readdirSync(txt).sort().slice(0, 20);
    let articles = 0;
    let withSignature = 0;
    for (const d of dirs) {
      for (const name of readdirSync(path.join(txt, d)).slice(0, 50)) {
        const sections = roughSections(readFileSync(path.join(txt, d, name), 'latin1'));
        const sigs = extractSignatures(sections);
        articles++;
        if (sigs.length) withSignature++;
        for (const s of sigs) assert.ok(s.template.length > 0 && s.line.length > 0);
      }
    }
    assert.ok(articles > 0);
    assert.ok(withSignature / articles > 0.2, `${withSignature}/${articles} articles with a signature`);
  });
});

/** The body as one section per `=`-underlined heading; enough for a smoke test of real text. */
function roughSections(raw: string): Section[] {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const out: Section[] = [];
  let cur: Section | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() && /^=+$/.test(lines[i + 1] ?? '') && lines[i].trim().length < 60) {
      cur = {
        kind: lines[i]
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-'),
        heading: lines[i].trim(),
        text: '',
      };
      out.push(cur);
      i++;
    } else if (cur) {
      if (/^Additional query words:/.test(lines[i])) break;
      cur.text += `${lines[i]}\n`;
    }
  }
  return out;
}
