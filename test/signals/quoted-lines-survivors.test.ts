/**
 * signals/quoted-lines, the cases the mutation run (docs/mutation.md) showed unchecked: each rule of
 * isNotMessage at its edges (anchors, word ends, counts), the block and prose reading of quotedLinesOf, and
 * what extractSignatures keeps. Every line here is made up.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Section } from '../../src/types.js';
import { extractSignatures, isNotMessage, quotedLinesOf } from '../../src/signals/quoted-lines.js';

describe('signals/quoted-lines isNotMessage at the edges of each rule', () => {
  const cases: [line: string, not: boolean][] = [
    // Registry paths and value types.
    ['HKLM\\Software\\Relay', true],
    ['HKCU\\Software\\Relay', true],
    ['HKCR\\.relay', true],
    ['HKU\\.DEFAULT\\Relay', true],
    ['Cannot open HKLM\\Software\\Relay now', false],
    ['The value type is REG_SZ here', true],
    ['The value type is REG_DWORD here', true],
    ['The value type is REG_BINARY here', true],
    ['The value type is REG_EXPAND_SZ here', true],
    ['The value type is REG_MULTI_SZ here', true],
    ['The XREG_SZ value cannot be read', false],
    ['The REG_SZX value cannot be read', false],
    ['SYSTEM\\CurrentControlSet\\Services\\Relay', true],
    ['\\SOFTWARE\\Microsoft\\Relay', true],
    ['Cannot read SYSTEM\\CurrentControlSet\\Services', false],
    // Code.
    ['call the relay now;', true],
    ['open the relay queue {', true],
    ['close the relay queue }', true],
    ['Error; the relay stopped', false],
    ['The relay stopped;retrying later', false],
    ['{ open the queue', true],
    ['} close the queue', true],
    ['The value {0} is invalid', false],
    ['// open the queue', true],
    ['Cannot open //relay/queue now', false],
    ['/* open the queue', true],
    ['Cannot delete /*.que files', false],
    ['*/ end of the note', true],
    ['Cannot match a*/b in the name', false],
    ['#include <relay.h>', true],
    ['#define RELAY_MAX 3', true],
    ['#if RELAY_DEBUG', true],
    ['#ifdef RELAY_DEBUG', true],
    ['#endif relay', true],
    ['#pragma pack relay', true],
    ['#import relay', true],
    ['#includes the relay header', false],
    ['Line 3 #include relay failed', false],
    ['*!* open the queue', true],
    ['Cannot find *!* in the queue', false],
    ['&& open the queue', true],
    ['Cannot parse && in the queue', false],
    ["'open the queue", true],
    ["'Relay' cannot open the queue", false],
    ["Cannot parse 'relay in the queue", false],
    ['REM open the queue', true],
    ['REMOVE the relay queue failed', false],
    ['Cannot run REM in the queue', false],
    // BASIC, FoxPro and SQL.
    ['Dim oRelay As Object', true],
    ['Dim aQueue(10)', true],
    ['Dim nFirst, nLast', true],
    ['Dim nCount', true],
    ['Dim light cannot be set', false],
    ['Dim oRelay AsObject', false],
    ['Private Sub Relay_Load', true],
    ['Public Function OpenQueue', true],
    ['Static Const RELAY_MAX', true],
    ['Global Declare OpenQueue', true],
    ['Public Dim nCount', true],
    ['Private Type RelayInfo', true],
    ['Public Subscription cannot be opened', false],
    ['Sub OpenQueue (name)', true],
    ['Function OpenQueue(name) as boolean', true],
    ['End Sub', true],
    ['End Function', true],
    ['End If', true],
    ['End With', true],
    ['End Type', true],
    ['End Select', true],
    ['End Selection cannot be made', false],
    ['Declare Function OpenQueue Lib "relay"', true],
    ['Declare Sub CloseQueue Lib "relay"', true],
    ['Const RELAY_MAX = 5', true],
    ['Next', true],
    ['Next nCount', true],
    ['Next time the relay cannot start', false],
    ['Loop', true],
    ['Loop detected in the relay queue', false],
    ['Wend', true],
    ['Option Explicit', true],
    ['PROCEDURE OpenQueue', true],
    ['EXEC sp_relay', true],
    ['EXECUTE sp_relay', true],
    ['GO', true],
    ['GO cannot be run here', false],
    ['return nCount; relay', true],
    ['printf ("%d", nCount) relay', true],
    ['Cannot printf ("%d") here', false],
    ['SELECT name FROM relay', true],
    ['INSERT INTO relay', true],
    ['UPDATE relay SET name', true],
    ['CREATE TABLE relay', true],
    ['CREATE PROC relay', true],
    ['CREATE PROCEDURE relay', true],
    ['CREATE INDEX relay', true],
    ['CREATE VIEW relay', true],
    ['ELSE', true],
    ['ENDIF', true],
    ['ENDDO', true],
    ['ENDCASE', true],
    ['ENDSCAN', true],
    ['DO CASE', true],
    ['OTHERWISE', true],
    ['ELSE the relay cannot start', false],
    ['Cannot SELECT name FROM relay', false],
    ['select name from relay cannot run', false],
    // C declarations.
    ['int nCount;', true],
    ['int nCount = 0 then', true],
    ['void OpenQueue(char x) then', true],
    ['char *pName, relay', true],
    ['struct relay_info[4] relay', true],
    ['DWORD dwFlags = 0 relay', true],
    ['HRESULT hr = S_OK relay', true],
    ['unsigned nCount = 0 relay', true],
    ['__int64 nCount relay', true],
    ['int the relay cannot start', false],
    ['Cannot set int nCount = 0', false],
    // Assignments, INI lines and sections, bare calls.
    ['Retries=3', true],
    ['relay.Retries = 3', true],
    ['Retries =', false],
    ['Cannot set Retries=3', false],
    ['[Relay Settings]', true],
    ['[Relay Settings] cannot be read', false],
    ['Cannot read [Relay Settings]', false],
    ['OpenQueue(name)', true],
    ['relay.OpenQueue(name, 3)', true],
    ['RELAY.C(120)', false],
    ['RELAY.C(1234567)', true],
    ['OpenQueue(name) failed', false],
    ['Cannot run OpenQueue(name)', false],
    // Line continuations and control statements.
    ['MsgBox "Cannot open" & _', true],
    ['MsgBox "Cannot open" _', true],
    ['Cannot open the file_', false],
    ['* open the queue', true],
    ['Cannot open * in the queue', false],
    ['if nCount > 3 then', true],
    ['if nCount > 3 then cannot', false],
    ['if (nCount > 3) {', true],
    ['while (nCount > 3)', true],
    ['for (i = 0; i < 3; i++)', true],
    ['for nCount = 1 to 3', true],
    ['set relay.Name = x', true],
    ['if exists (select 1)', true],
    ['if not exists (select 1)', true],
    ['lparameters cName', true],
    ['parameters cName', true],
    ['local cName', true],
    ['Cannot run if exists (select 1)', false],
    // Article references, phone numbers, file listings.
    ['Q123456 How to Reset the Relay', true],
    ['Q12345 How to Reset the Relay', true],
    ['Q1234 How to Reset the Relay', false],
    ['Q1234567 How to Reset the Relay', false],
    ['See Q123456 How to Reset the Relay', false],
    ['Call (425) 555-0100 for the relay', true],
    ['Call (425)555-0100 for the relay', true],
    ['Call 1-800-555-0100 for the relay', true],
    ['Relay cannot dial 425-555-0100 now', false],
    ['01-Jan-98  10:00a   12,345 RELAY.EXE', true],
    ['1/02/1998 10:00 PM  1,234,567 RELAY.EXE', true],
    ['10:00a  12345 RELAY.EXE', true],
    ['10:00 PM 12,345 RELAY.EXE', true],
    ['The relay stopped at 10:00 PM with 12 errors', false],
    // Key columns, prompts and commands.
    ['-relay    Starts the relay', true],
    ['relay.exe    Starts the relay', true],
    ['Cannot start    the relay', false],
    ['C:\\RELAY>relay', true],
    ['D:\\>relay', true],
    ['Cannot open C:\\RELAY>', false],
    ['net use x: \\\\relay\\queue', true],
    ['net send relay hello', true],
    ['copy relay.que d:', true],
    ['xcopy c:\\relay d:\\relay', true],
    ['ping -n 3 relay', true],
    ['regsvr32 /u relay.dll', true],
    ['net.exe stop relay', true],
    ['sc.exe stop relay', true],
    ['copy the relay files cannot be run', false],
    ['device=c:\\relay.sys', true],
    ['DEVICEHIGH = c:\\relay.sys', true],
    ['lastdrive=z', true],
    ['2. Click OK.', true],
    ['12) Click OK.', true],
    ['123. Click OK to continue.', false],
    ['2.Click OK to continue.', false],
    // Tables: two wide gaps.
    ['Relay   4.0   12,345', true],
    ['Relay     4.0     12,345', true],
    ['Relay   stopped unexpectedly', false],
    ['Cannot open the relay queue.', false],
    // One space where the rule allows several, and text after what must end the line.
    ['Relay queue halted;now', false],
    ['Dim  oRelay As Object', true],
    ['Dim oRelay  As Object', true],
    ['Private  Sub Relay_Load', true],
    ['Sub  OpenQueue (name)', true],
    ['End  Sub', true],
    ['Declare  Function OpenQueue Lib "relay"', true],
    ['Const  RELAY_MAX = 5', true],
    ['Const RELAY_MAX  = 5', true],
    ['Next  nCount', true],
    ['Wend the relay cannot start', false],
    ['Option  Explicit', true],
    ['PROCEDURE  OpenQueue', true],
    ['EXEC  sp_relay', true],
    ['printf("%d", nCount) relay', true],
    ['INSERT  INTO relay', true],
    ['UPDATE  relay SET name', true],
    ['UPDATE relay  SET name', true],
    ['CREATE  TABLE relay', true],
    ['ENDIF the relay cannot start', false],
    ['ENDDO the relay cannot start', false],
    ['ENDCASE the relay cannot start', false],
    ['ENDSCAN the relay cannot start', false],
    ['DO CASE the relay cannot start', false],
    ['OTHERWISE the relay cannot start', false],
    ['int  nCount = 0 then', true],
    ['OpenQueue(name)x', false],
    ['MsgBox _ cannot open the relay', false],
    ['Cannot open relay &x_', false],
    ['The relay stops if the queue is full then', false],
    ['Cannot wait for (the relay)', false],
    ['if (nCount > 3) cannot open the relay', false],
    ['while(OpenQueue(name))', true],
    ['if (nCount)x', false],
    ['for  nCount = 1 to 3', true],
    ['for nCount  = 1 to 3', true],
    ['if  exists (select 1)', true],
    ['if not  exists (select 1)', true],
    ['if exists(select 1)', true],
    ['Cannot read local cName', false],
    ['local  cName', true],
    ['Call (425) 555-0 for the relay', false],
    ['Relay list 01-Jan-98 10:00a 12,345 RELAY.EXE', false],
    ['01-Jan-98 10:0 12,345 RELAY.EXE', false],
    ['01-Jan-98 10:00 1,234 RELAY.EXE', true],
    ['The relay stopped 10:00 12345 times', false],
    ['10:00 12345 RELAY.EXE', true],
    ['10:00 123 RELAY.EXE', true],
    ['Relay says net use /d failed', false],
    ['winnt /b', true],
    ['winnt.exe /b', true],
    ['winnt32 /unattend', true],
    ['winnt3 /b', false],
    ['net  use x:', true],
    ['copy a: b:', true],
    ['Cannot load files=30 now', false],
    ['device=', true],
    ['device =', true],
    ['Relay queue      stopped now', false],
  ];
  for (const [line, not] of cases) it(`${not ? 'rejects' : 'accepts'} ${JSON.stringify(line)}`, () => assert.equal(isNotMessage(line), not));

  it('rejects a line of white space only', () => assert.equal(isNotMessage('   '), true));
});

const section = (kind: string, ...lines: string[]): Section => ({ kind, heading: kind.toUpperCase(), text: lines.join('\n') });
const linesOf = (...sections: Section[]) => extractSignatures(sections).map((s) => s.line);
const quoted = (...lines: string[]) => quotedLinesOf(lines.join('\n'));

describe('signals/quoted-lines quotedLinesOf: blocks', () => {
  it('reads nothing from prose without an indented line or a double quote', () => {
    assert.deepEqual(quoted('The relay could not start:', 'Cannot open the relay queue'), []);
  });

  it('reads nothing from white space alone', () => {
    assert.deepEqual(quoted('   ', '\t'), []);
  });

  it('reads a block on the first line, before any prose', () => {
    assert.deepEqual(quoted('   Relay queue error here', 'The relay goes on.'), ['Relay queue error here']);
  });

  it('measures the block against the least indented line, not column 0', () => {
    assert.deepEqual(quoted('  The relay writes this error:', '', '     Cannot open the relay queue', '', '  Then it stops.'), ['Cannot open the relay queue']);
    assert.deepEqual(quoted('  The relay writes this error:', '  Cannot open the relay queue'), []);
  });

  it('counts a tab as eight columns', () => {
    assert.deepEqual(quoted('       The relay writes this error:', '\tCannot open the relay queue'), ['Cannot open the relay queue']);
    assert.deepEqual(quoted('        The relay writes this error:', '\tCannot open the relay queue'), []);
  });

  it('counts no-break spaces and form feeds as indent', () => {
    assert.deepEqual(quoted('The relay writes this error:', '\u00a0\u00a0Cannot open the relay queue'), ['Cannot open the relay queue']);
    assert.deepEqual(quoted('The relay writes this error:', ' \u00a0Cannot open the relay queue'), ['Cannot open the relay queue']);
    assert.deepEqual(quoted('\u00a0\u00a0The relay writes this error:', '\u00a0\u00a0Cannot open the relay queue'), []);
  });

  it('reads a quote at the text column of a list item ending in a colon, after a blank line', () => {
    assert.deepEqual(quoted('- The relay writes this error:', '', '  Cannot open the relay queue'), ['Cannot open the relay queue']);
    assert.deepEqual(quoted('- The relay writes this error', '', '  Cannot open the relay queue'), []);
    assert.deepEqual(quoted('- The relay writes this error:', '  Cannot open the relay queue'), []);
  });

  it('reads a quote under a list item only from the item text column on', () => {
    assert.deepEqual(quoted('1. The relay writes this error:', '', '   Cannot open the relay', '   queue now'), [
      'Cannot open the relay queue now',
      'Cannot open the relay',
      'queue now',
    ]);
  });

  it('keeps a new list item a little deeper than the text column as prose', () => {
    assert.deepEqual(quoted('- The relay writes this error:', '    - Cannot open the relay queue'), []);
    assert.deepEqual(quoted('- The relay writes this error:', '     - Cannot open the relay queue'), ['- Cannot open the relay queue']);
  });

  it('ends a block under a list item at the item text column', () => {
    assert.deepEqual(quoted('- The relay writes this error:', '', '     Cannot open the relay queue', '  Relay halted now.'), ['Cannot open the relay queue']);
  });

  it('keeps the text column of a list item over its continuation lines', () => {
    assert.deepEqual(quoted('- The relay writes', '  this error:', '  Relay halted now'), []);
  });

  it('goes back to the base column after a list', () => {
    assert.deepEqual(quoted('- First step', 'The relay writes this error:', '  Cannot open the relay queue'), ['Cannot open the relay queue']);
  });

  it('reads a block of 40 lines and skips one of 41 (a listing)', () => {
    const block = (n: number) => Array.from({ length: n }, (_, k) => `   Cannot open relay queue ${k}.`);
    assert.equal(quoted('The relay writes these errors:', ...block(40)).length, 40);
    assert.deepEqual(quoted('The relay writes these errors:', ...block(41)), []);
  });

  it('reads a block under prose that ends in a colon', () => {
    assert.deepEqual(quoted('When it starts, the relay writes:', '   Relay queue opened'), ['Relay queue opened']);
  });

  it('skips a block under a colon that introduces code, commands or settings', () => {
    for (const intro of [
      'To do this, type:',
      'Run this command:',
      'Add the following lines:',
      'Add the following line:',
      'Use the following code:',
      'Do the following steps:',
      'Do the following step:',
      'Add the following entry:',
      'Add the following entries:',
      'Add the following key:',
      'Add the following keys:',
      'Add the following value:',
      'Add the following values:',
      'See the following sample:',
      'See the following example:',
      'Open the following registry:',
      'Use the following setting:',
      'Use the following settings:',
      'Open the registry key:',
      'Note the following line:',
      'Note the following key:',
      'Note the following value:',
      'The syntax is:',
      'Then add:',
      'Then change:',
      'Then set:',
      'For example:',
      'The code is:',
      'The program is:',
      'The sample is:',
      'The listing is:',
    ]) {
      assert.deepEqual(quoted(intro, '   Relay queue opened'), [], intro);
    }
  });

  it('reads a block under a colon when the words of code come before an earlier colon', () => {
    assert.deepEqual(quoted('Type: the relay then writes:', '   Relay queue opened'), ['Relay queue opened']);
    assert.deepEqual(quoted('Run this command at D:relay:', '   Relay queue opened'), ['Relay queue opened']);
  });

  it('reads a block under such a colon when the intro says so further than 60 characters before it', () => {
    assert.deepEqual(quoted('Type nothing more at all, since the relay then writes to its own log file:', '   Relay queue opened'), ['Relay queue opened']);
  });

  it('reads a block whose intro names a message without a colon', () => {
    for (const intro of [
      'The relay shows a message',
      'The relay shows messages',
      'The relay shows an error',
      'The relay shows errors',
      'You get a prompt',
      'A dialog box opens',
      'The relay displays',
      'The relay display',
      'This is displayed',
      'This appears',
      'This appear',
      'You receive this',
      'The relay reports',
      'The relay report',
      'This is logged',
      'The log file holds this',
      'An event is written',
      'The relay states',
      'The relay state',
      'The line reads',
      'The line read',
      'You see the following text',
      'You see the following warning',
      'The relay says',
    ]) {
      assert.deepEqual(quoted(intro, '   Relay queue opened'), ['Relay queue opened'], intro);
    }
    assert.deepEqual(quoted('The relay writes this', '   Relay queue opened'), []);
    assert.deepEqual(quoted('The relay has messaging', '   Relay queue opened'), []);
  });

  it('reads a block without intro when a line reads like a message', () => {
    for (const word of [
      'error',
      'cannot',
      "can't",
      'could not',
      "couldn't",
      'unable',
      'failed',
      'failure',
      'invalid',
      'not found',
      'not enough',
      'not available',
      'not responding',
      'not supported',
      'denied',
      'illegal',
      'fatal',
      'exception',
      'violation',
      'warning',
      'abort',
      'retry',
      'insufficient',
      'out of memory',
      'corrupt',
    ]) {
      const line = `Relay queue ${word} here`;
      assert.deepEqual(quoted('The relay goes on', `   ${line}`), [line], word);
    }
    assert.deepEqual(quoted('The relay goes on', '   Relay queue errors here'), []);
    assert.deepEqual(quoted('The relay goes on', '   Relay queue opened'), []);
    assert.deepEqual(quoted('The relay goes on', '   Relay queue error here.', '   Relay queue opened.'), ['Relay queue error here.', 'Relay queue opened.']);
  });
});

describe('signals/quoted-lines quotedLinesOf: lines of a block', () => {
  const intro = 'The relay writes this error:';

  it('keeps the messages of a block with one line of code', () => {
    assert.deepEqual(quoted(intro, '   Cannot open the relay queue', '   Retries=3'), ['Cannot open the relay queue']);
  });

  it('skips a block with two lines of code that make a third of it', () => {
    assert.deepEqual(
      quoted(
        intro,
        '   Cannot open the relay queue.',
        '   Retries=3',
        '   Cannot read the relay queue.',
        '   Timeout=5',
        '   Cannot close the relay queue.',
        '   Relay stopped.',
      ),
      [],
    );
  });

  it('keeps a block with two lines of code that make less than a third of it', () => {
    assert.deepEqual(
      quoted(
        intro,
        '   Cannot open the relay queue.',
        '   Retries=3',
        '   Cannot read the relay queue.',
        '   Timeout=5',
        '   Cannot close the relay queue.',
        '   Relay stopped.',
        '   Relay halted.',
      ),
      ['Cannot open the relay queue.', 'Cannot read the relay queue.', 'Cannot close the relay queue.', 'Relay stopped.', 'Relay halted.'],
    );
  });

  it('cuts a wrapped message at a line of code', () => {
    assert.deepEqual(quoted(intro, '   Cannot open the relay', '   Retries=3', '   queue now'), ['Cannot open the relay', 'queue now']);
  });

  it('reads the alternatives around each kind of separator', () => {
    for (const sep of ['or', 'and', '-or-', '- or -', 'OR', 'AND', '--or--', '\u2013or\u2013', '- and -']) {
      assert.deepEqual(
        quoted(intro, '   Cannot open the relay queue', `   ${sep}`, '   Cannot read the relay queue'),
        ['Cannot open the relay queue', 'Cannot read the relay queue'],
        sep,
      );
    }
    assert.deepEqual(quoted(intro, '   Cannot open the relay queue', '   order', '   Cannot read the relay queue'), [
      'Cannot open the relay queue order Cannot read the relay queue',
      'Cannot open the relay queue',
      'order',
      'Cannot read the relay queue',
    ]);
  });

  it('joins a wrapped line only at the same indent', () => {
    assert.deepEqual(quoted(intro, '   Cannot open the relay', '     queue now'), ['Cannot open the relay', 'queue now']);
  });

  it('ends a wrapped line at each closing mark', () => {
    for (const end of ['.', '!', '?', ':', '>', ']', ')', '."', ".'"]) {
      assert.deepEqual(quoted(intro, `   Relay queue closed${end}`, '   Relay queue opened'), [`Relay queue closed${end}`, 'Relay queue opened'], end);
    }
  });

  it('does not join two label lines but joins a line after a label', () => {
    assert.deepEqual(quoted(intro, '   Event ID: 1001', '   Source Name: Relay'), ['Event ID: 1001', 'Source Name: Relay']);
    assert.deepEqual(quoted(intro, '   Event ID: 1001', '   relay stopped here'), [
      'Event ID: 1001 relay stopped here',
      'Event ID: 1001',
      'relay stopped here',
    ]);
    assert.deepEqual(quoted(intro, '   Event ID: 1001', '   the Source Name: Relay'), [
      'Event ID: 1001 the Source Name: Relay',
      'Event ID: 1001',
      'the Source Name: Relay',
    ]);
    assert.deepEqual(quoted(intro, '   the Event ID: 1001', '   Source Name: Relay'), [
      'the Event ID: 1001 Source Name: Relay',
      'the Event ID: 1001',
      'Source Name: Relay',
    ]);
    assert.deepEqual(quoted(intro, '   Relay stopped', '   Source Name: Relay'), ['Relay stopped Source Name: Relay', 'Relay stopped', 'Source Name: Relay']);
    assert.deepEqual(quoted(intro, '   A relay and a queue and a long label here: 1', '   Source: Relay'), [
      'A relay and a queue and a long label here: 1 Source: Relay',
      'A relay and a queue and a long label here: 1',
      'Source: Relay',
    ]);
  });

  it('joins three wrapped lines and keeps each part', () => {
    assert.deepEqual(quoted(intro, '   Cannot open', '   the relay', '   queue now'), [
      'Cannot open the relay queue now',
      'Cannot open',
      'the relay',
      'queue now',
    ]);
  });
});

describe('signals/quoted-lines quotedLinesOf: inline quotes', () => {
  it('reads a quote introduced by each message word', () => {
    for (const word of [
      'message',
      'error',
      'errors',
      'prompt',
      'warning',
      'state',
      'states',
      'says',
      'reads',
      'display',
      'displays',
      'displayed',
      'appear',
      'appears',
      'following',
      'receive',
      'received',
      'return',
      'returns',
      'returned',
      'report',
      'reports',
      'logged',
      'event',
    ]) {
      assert.deepEqual(quoted(`The relay ${word} "Cannot open the relay queue" now.`), ['Cannot open the relay queue'], word);
    }
    assert.deepEqual(quoted('The relay writes "Cannot open the relay queue" now.'), []);
    assert.deepEqual(quoted('The relay errored "Cannot open the relay queue" now.'), []);
  });

  it('reads a quote only when its intro is in the same sentence, 60 characters or fewer before it', () => {
    assert.deepEqual(quoted('The error. Then "Cannot open the relay queue" shows.'), []);
    assert.deepEqual(quoted(`The error ${'x'.repeat(59)}"Cannot open the relay queue" shows.`), ['Cannot open the relay queue']);
    assert.deepEqual(quoted(`The error ${'x'.repeat(60)}"Cannot open the relay queue" shows.`), []);
    assert.deepEqual(quoted(`An error ${'x'.repeat(100)} "Cannot open the relay queue" shows.`), []);
  });

  it('reads a quote of 12 to 400 characters and three words or more', () => {
    assert.deepEqual(quoted('The error "Relay a b" shows.'), []);
    assert.deepEqual(quoted('The error "Relaying  downtime" shows.'), []);
    assert.deepEqual(quoted('The error "Relay is do" shows.'), []);
    assert.deepEqual(quoted('The error "Relay is dow" shows.'), ['Relay is dow']);
    assert.deepEqual(quoted('The error "Relay_is_down_now" shows.'), []);
    assert.deepEqual(quoted('The error "Relay queue_is_down" shows.'), []);
    const long = (n: number) => `Relay queue ${'x'.repeat(n - 12)}`;
    assert.deepEqual(quoted(`The error "${long(400)}" shows.`), [long(400)]);
    assert.deepEqual(quoted(`The error "${long(401)}" shows.`), []);
  });

  it('reads a quote after one at the start of a paragraph, without the spaces inside its marks', () => {
    assert.deepEqual(quoted('"Relay" error " Cannot open the relay queue " now.'), ['Cannot open the relay queue']);
  });

  it('reads every quote of a paragraph, in order, and stops at an unclosed one', () => {
    assert.deepEqual(quoted('The error "Cannot open the relay" and the error "Cannot read the queue" and the error "Cannot close'), [
      'Cannot open the relay',
      'Cannot read the queue',
    ]);
  });

  it('reads at most 50 quotes of a paragraph', () => {
    const para = Array.from({ length: 55 }, (_, k) => `The error "Cannot open relay ${k}" shows.`).join(' ');
    assert.equal(quoted(para).length, 50);
  });

  it('joins the lines of a paragraph and reads each paragraph alone', () => {
    assert.deepEqual(quoted('The error', '"Cannot open the relay" shows.'), ['Cannot open the relay']);
    assert.deepEqual(quoted('The error', '', '"Cannot open the relay" shows.'), []);
  });

  it('reads inline quotes of the prose before and after a block', () => {
    assert.deepEqual(quoted('The error "Cannot open the relay" shows, then it writes:', '   Relay queue halted', 'The error "Cannot read the queue" shows.'), [
      'Cannot open the relay',
      'Relay queue halted',
      'Cannot read the queue',
    ]);
  });
});

describe('signals/quoted-lines extractSignatures: what it keeps', () => {
  it('cleans the quotes, the Description: label and the event labels from a line', () => {
    assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', '   \u201cCannot open the relay queue\u201d')), [
      'Cannot open the relay queue',
    ]);
    assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', '   ""Cannot open the relay queue"')), ['Cannot open the relay queue']);
    assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', '   description:   Cannot open the relay queue')), [
      'Cannot open the relay queue',
    ]);
    assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', '   """')), []);
    assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', '   "  Relay queue halted  "')), ['Relay queue halted']);
    assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', '   Relay Description: queue halted now')), [
      'Relay Description: queue halted now',
    ]);
  });

  it('skips each event detail label, and a label with more than four words of value', () => {
    for (const label of [
      'Type: Error',
      'Category: None',
      'Source: Relay',
      'User: N/A',
      'Computer: RELAY1',
      'Date: 1/2/1998',
      'Time: 10:00:00 AM',
      'Object: relay queue',
      'Counter: Queue Length',
      'Instance: relay one',
      'Event Source: Relay Service',
      'Event Type: Error Warning Info',
      'Event Category: Relay Queue Halt',
      'Event User: N/A',
      'Source - Relay Queue Service Host',
      'Source   : Relay',
      'Source:Relay Queue Service',
    ]) {
      assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', `   ${label}`)), [], label);
    }
    assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', '   Source: the relay queue cannot open here')), [
      'Source: the relay queue cannot open here',
    ]);
    assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', '   Relay Source: Relay queue down')), ['Relay Source: Relay queue down']);
  });

  it('keeps a line of up to 400 characters', () => {
    const line = (n: number) => `Relay queue halted ${'now'.padEnd(n - 400 + 3, 's')}${' ab'.repeat(126)}`;
    assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', `   ${line(400)}`)), [line(400)]);
    assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', `   ${line(401)}`)), []);
  });

  it('keeps one signature per template, the first', () => {
    assert.deepEqual(
      extractSignatures([
        section('symptoms', 'The relay writes this error:', '   Cannot open relay queue 12'),
        section('cause', 'The relay writes this error:', '   Cannot open relay queue 99'),
      ]),
      [{ template: 'cannot open relay queue <num>', line: 'Cannot open relay queue 12', section: 'symptoms' }],
    );
  });

  it('keeps three identifying words, or two when one is an error code', () => {
    const kept = ['Relay queue halted', 'Relay 0x80070005', 'Relay ab12', 'Relay z99', 'Relay zzzz99', 'Relay 1e'];
    const dropped = ['0x80070005', 'Relay ab1z', 'Relay halted', 'Relay ab', 'Relay zz9', 'Relay zzzzz99', 'Relay zz99z', 'Relay x0ab', 'Relay g1', 'Relay 32'];
    for (const line of [...kept, ...dropped]) {
      assert.deepEqual(linesOf(section('symptoms', 'The relay writes this error:', `   ${line}`)), kept.includes(line) ? [line] : [], line);
    }
  });

  it('reads the sections in order of how telling they are, others after them in their own order, and skips references', () => {
    const kinds = [
      'resolution',
      'overview',
      'references',
      'workaround',
      'status',
      'question',
      'details',
      'summary',
      'more-information',
      'cause',
      'symptoms',
      'problem',
      'applies-to',
      'keywords',
      'additional-query-words',
    ];
    const sigs = extractSignatures(kinds.map((k, i) => section(k, 'The relay writes this error:', `   Cannot open relay queue ${'abcdefghijklmnopq'[i]}`)));
    assert.deepEqual(
      sigs.map((s) => s.section),
      ['symptoms', 'cause', 'more-information', 'summary', 'question', 'problem', 'status', 'workaround', 'resolution', 'overview', 'details'],
    );
  });
});

describe('signals/quoted-lines extractSignatures: many sections', () => {
  it('keeps the order of sections of the same rank among 80', () => {
    const word = (i: number) => `q${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
    const kinds = Array.from({ length: 80 }, (_, i) => (i % 7 < 3 ? 'symptoms' : i % 7 < 5 ? 'details' : 'overview'));
    const sigs = extractSignatures(kinds.map((k, i) => section(k, 'The relay writes this error:', `   Cannot open relay queue ${word(i)}`)));
    const symptoms = kinds.flatMap((kind, i) => (kind === 'symptoms' ? [i] : []));
    const others = kinds.flatMap((kind, i) => (kind !== 'symptoms' ? [i] : []));
    assert.deepEqual(
      sigs.map((s) => s.line),
      [...symptoms, ...others].map((i) => `Cannot open relay queue ${word(i)}`),
    );
  });
});
