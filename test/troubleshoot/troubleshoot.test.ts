/**
 * The troubleshooter end to end over the bundled kb/ and the pasted-log fixtures (test/fixtures/logs, whose
 * README says what each should diagnose). No HTTP except the last block, which checks the paste comes back
 * escaped in the page.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { troubleshoot, type TroubleshootOptions, type TroubleshootSources } from '../../src/troubleshoot/troubleshoot.js';
import { diagnosisIds as ids, findDiagnosis as find, LOG_FIXTURES_DIR, openKnowledgeBase, troubleshootSourcesOf } from '../support/app.js';

let src: TroubleshootSources;
before(async () => {
  src = await troubleshootSourcesOf(await openKnowledgeBase());
});

const fixture = (name: string) => readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8');
const run = (text: string, options?: TroubleshootOptions) => troubleshoot(src, text, options);
/** Pasted line numbers (1-based) of a fixture whose text matches. */
const linesMatching = (text: string, re: RegExp) => text.split(/\r\n|\r|\n/).flatMap((l, i) => (re.test(l) ? [i + 1] : []));

describe('troubleshoot: the Despooler on SMS 1.2 (despooler-sms12.log)', () => {
  const log = fixture('despooler-sms12.log');

  it('diagnoses Q161043 first, fixed in the SMS 1.2 service pack', () => {
    const r = run(log);
    const first = r.diagnoses[0];
    assert.equal(first.id, 'Q161043');
    assert.equal(first.url, '/kb/Q161043');
    assert.equal(first.fixStatus.state, 'fixed');
    assert.match(first.fixStatus.fixedIn ?? '', /1\.2 Service Pack/);
    assert.ok(first.cause && first.workaround, 'the cause and the workaround come with it');
    assert.ok(first.confidence > 0.5, `confidence ${first.confidence}`);
  });

  it('names the pasted lines that matched and what each matched in the article', () => {
    const first = run(log).diagnoses[0];
    const byLine = new Map(first.evidence.map((e) => [e.line, e]));
    const [failedToOpen] = linesMatching(log, /failed to open .*WIN32 ERROR = 32/);
    const [cannotDecompress] = linesMatching(log, /^Cannot decompress instruction file/);
    assert.deepEqual([failedToOpen, cannotDecompress], [16, 17]);
    for (const n of [failedToOpen, cannotDecompress]) {
      const e = byLine.get(n);
      assert.ok(e, `line ${n} is evidence (got lines ${[...byLine.keys()]})`);
      assert.equal(e.kind, 'signature');
      assert.equal(e.section, 'symptoms');
      assert.equal(e.text, log.split('\r\n')[n - 1], 'the pasted line, without its CR');
    }
    assert.equal(byLine.get(failedToOpen)!.matched, 'failed to open <path to INS file> WIN32 ERROR = 32');
    assert.equal(byLine.get(cannotDecompress)!.matched, 'Cannot decompress instruction file');
    assert.deepEqual(
      first.evidence.map((e) => e.line),
      [...first.evidence.map((e) => e.line)].sort((a, b) => a - b),
      'in paste order',
    );
  });

  it('ranks Q207416, which shares only the error code, lower', () => {
    const r = run(log);
    const other = r.diagnoses.findIndex((d) => d.id === 'Q207416');
    if (other >= 0) assert.ok(r.diagnoses[other].score < r.diagnoses[0].score / 2);
    assert.deepEqual(
      r.signals.codes.map((c) => c.key),
      ['win32:32'],
    );
    assert.equal(r.signals.codes[0].name, 'ERROR_SHARING_VIOLATION');
  });

  it('counts the lines of a CRLF paste like an LF one', () => {
    const crlf = run(log);
    const lf = run(log.replace(/\r\n/g, '\n'));
    assert.equal(crlf.signals.lines, lf.signals.lines);
    assert.deepEqual(ids(crlf), ids(lf));
    assert.deepEqual(
      crlf.diagnoses[0].evidence.map((e) => e.line),
      lf.diagnoses[0].evidence.map((e) => e.line),
    );
  });
});

describe('troubleshoot: the Distribution Manager on SMS 2.0 (distmgr-sms20.log)', () => {
  const log = fixture('distmgr-sms20.log');

  it('diagnoses Q207416 first, confirmed with no fix, with its workaround', () => {
    const first = run(log).diagnoses[0];
    assert.equal(first.id, 'Q207416');
    assert.equal(first.fixStatus.state, 'confirmed');
    assert.equal(first.fixStatus.fixedIn, undefined);
    assert.match(first.workaround ?? '', /virus/i);
    assert.match(first.cause ?? '', /lock/i);
  });

  it('takes its evidence from the three quoted Distmgr.log lines', () => {
    const first = run(log).diagnoses[0];
    const lines = first.evidence.map((e) => e.line);
    for (const n of [9, 10, 11]) assert.ok(lines.includes(n), `line ${n} in ${lines}`);
    assert.match(first.evidence.find((e) => e.line === 9)!.matched, /^Failed to copy <source file> to <compressed package file>, Win32 error = 32$/);
  });

  it('ranks Q161043 (SMS 1.2, same code only) below it', () => {
    const r = run(log);
    const at = ids(r).indexOf('Q161043');
    assert.ok(at !== 0);
    if (at > 0) assert.ok(r.diagnoses[at].score < r.diagnoses[0].score / 2);
  });
});

describe('troubleshoot: each fixture diagnoses the article its README names', () => {
  const cases: { file: string; first: string; below?: string[]; todo?: string }[] = [
    { file: 'despooler-sms12.log', first: 'Q161043', below: ['Q207416'] },
    { file: 'distmgr-sms20.log', first: 'Q207416', below: ['Q161043'] },
    { file: 'eventlog-exchange.txt', first: 'Q188646' },
    { file: 'drwtsn32.log', first: 'Q900007', below: ['Q900003', 'Q900021'] },
    { file: 'two-problems.log', first: 'Q900005' },
    {
      file: 'iis-w3c.log',
      first: 'Q201740',
    },
  ];
  for (const c of cases) {
    it(`${c.file} -> ${c.first}${c.below ? `, above ${c.below.join(' and ')}` : ''}`, c.todo ? { todo: c.todo } : {}, () => {
      const r = run(fixture(c.file));
      assert.equal(r.diagnoses[0]?.id, c.first, `got ${ids(r)}`);
      for (const id of c.below ?? []) {
        const at = ids(r).indexOf(id);
        assert.ok(at === -1 || at > 0, `${id} ranks below ${c.first}`);
      }
    });
  }
});

describe('troubleshoot: the version question', () => {
  const rules = fixture('rules-event-1025.txt');
  // Only the lines the SMS 1.2 and SMS 2.0 articles share: the error code, in two spellings, no version named.
  const sharedError32 = '12:01:05 WIN32 ERROR = 32\n12:01:06 ERROR_SHARING_VIOLATION\n';

  const asks: { name: string; log: string; id: string; versions: string[]; articles: string[] }[] = [
    {
      name: 'the 1025 event both Exchange articles quote (rules-event-1025.txt)',
      log: rules,
      id: 'version:exchange',
      versions: ['5.0', '5.5'],
      articles: ['Q900010', 'Q900011'],
    },
    {
      name: 'only the error-32 lines Q161043 and Q207416 share',
      log: sharedError32,
      id: 'version:sms',
      versions: ['1.2', '2.0'],
      articles: ['Q161043', 'Q207416'],
    },
  ];
  for (const c of asks) {
    it(`asks which version runs for ${c.name}`, () => {
      const r = run(c.log);
      assert.ok(r.question, 'a question');
      assert.equal(r.question.id, c.id);
      const values = r.question.choices.map((x) => x.value);
      for (const v of c.versions) assert.ok(values.includes(v), `${v} in ${values}`);
      assert.ok(values.includes('other'), 'a way out when unsure');
      for (const id of c.articles) find(r, id);
      assert.deepEqual(r.answers, {});
    });
  }

  const answered: { name: string; log: string; question: string; answer: string; applies: string; other: string }[] = [
    { name: 'Exchange 5.0', log: rules, question: 'version:exchange', answer: '5.0', applies: 'Q900010', other: 'Q900011' },
    { name: 'Exchange 5.5', log: rules, question: 'version:exchange', answer: '5.5', applies: 'Q900011', other: 'Q900010' },
    { name: 'SMS 1.2', log: sharedError32, question: 'version:sms', answer: '1.2', applies: 'Q161043', other: 'Q207416' },
    { name: 'SMS 2.0', log: sharedError32, question: 'version:sms', answer: '2.0', applies: 'Q207416', other: 'Q161043' },
  ];
  for (const c of answered) {
    it(`answering ${c.name} puts ${c.applies} first and says ${c.other} does not apply`, () => {
      const r = run(c.log, { answers: { [c.question]: c.answer } });
      assert.equal(r.question, undefined, 'answered, so not asked again');
      assert.equal(r.answers[c.question], c.answer);
      const first = r.diagnoses[0];
      assert.equal(first.id, c.applies);
      assert.equal(first.verdict?.applies, true);
      assert.equal(first.verdict?.version, c.answer);
      const other = r.diagnoses.find((d) => d.id === c.other);
      if (other) {
        assert.equal(other.verdict?.applies, false);
        assert.match(other.verdict!.text, new RegExp(`not .*${c.answer.replace('.', '\\.')}`));
        assert.ok(ids(r).indexOf(c.other) > ids(r).indexOf(c.applies));
      }
    });
  }

  it('says what the fix status means for the version given', () => {
    const r = run(rules, { answers: { 'version:exchange': '5.0' } });
    assert.match(find(r, 'Q900010').verdict!.text, /Exchange Server 5\.0 is affected\. Fixed in Exchange Server 5\.0 Service Pack 2/);
    const r55 = run(rules, { answers: { 'version:exchange': '5.5' } });
    assert.match(find(r55, 'Q900011').verdict!.text, /On Exchange Server 5\.5 this is by design/);
  });

  it('keeps the order and gives no verdicts when the answer is "other"', () => {
    const r = run(sharedError32, { answers: { 'version:sms': 'other' } });
    assert.equal(r.question, undefined);
    for (const d of r.diagnoses) assert.equal(d.verdict, undefined);
  });

  it('reads the version off the paste instead of asking', () => {
    const r = run(`Systems Management Server 2.0 site LAB\n${sharedError32}`);
    assert.equal(r.question, undefined);
    assert.equal(r.answers['version:sms'], '2.0');
    assert.equal(r.diagnoses[0].id, 'Q207416');
    assert.equal(r.diagnoses[0].verdict?.applies, true);
  });

  it('does not ask when the leading articles list the same versions (two-problems.log)', () => {
    // Q900005 and Q900006 both apply to Windows NT 3.51 and 4.0: no answer could tell them apart.
    assert.equal(run(fixture('two-problems.log')).question, undefined);
  });
});

describe('troubleshoot: several problems in one paste (two-problems.log)', () => {
  it('reports both articles, each as its own problem', () => {
    const r = run(fixture('two-problems.log'));
    const service = find(r, 'Q900005');
    const path53 = find(r, 'Q900006');
    assert.notEqual(service.group, path53.group);
    assert.ok(service.evidence.some((e) => /already been started|HELPMSG 2182/.test(e.text)));
    assert.ok(path53.evidence.some((e) => /System error 53|network path was not found/.test(e.text)));
    assert.equal(service.fixStatus.state, 'by-design');
  });

  it('groups a weaker candidate for the same lines with the problem it explains', () => {
    const r = run(fixture('two-problems.log'));
    assert.equal(find(r, 'Q900002').group, find(r, 'Q900006').group, 'Q900002 explains the error 53 lines too');
    assert.notEqual(find(r, 'Q900002').group, find(r, 'Q900005').group);
  });
});

describe('troubleshoot: a paste that matches nothing (nothing-known.log)', () => {
  const log = fixture('nothing-known.log');

  it('claims no article: explained is false and no diagnosis is a claim', () => {
    const r = run(log);
    assert.equal(r.explained, false);
    for (const d of r.diagnoses) assert.ok(!d.claim && d.confidence < 0.25, `${d.id} claim ${d.claim} at confidence ${d.confidence}`);
  });

  it('says nothing in the knowledge base explains it, and what it recognised', () => {
    const r = run(log);
    assert.match(r.notice ?? '', /^Nothing in the knowledge base explains this paste/);
    assert.match(r.notice!, /Products mentioned: Windows NT/);
  });

  it('lists the recognised codes in the notice of an unknown paste', () => {
    // A code no bundled article explains (0x80070020, error 32, would find the despooler articles).
    const r = run('The tape robot stopped: error 0x8007045D on drive 2\n');
    assert.equal(r.explained, false);
    assert.match(r.notice ?? '', /Recognised: error 0x8007045D ERROR_IO_DEVICE/);
  });

  it('claims nothing and says so for text with nothing in it', () => {
    const r = run('hello\nworld\n');
    assert.equal(r.explained, false);
    for (const d of r.diagnoses) assert.ok(!d.claim, `${d.id} is no claim`);
    assert.match(r.notice ?? '', /^Nothing in the knowledge base explains this paste/);
    assert.doesNotMatch(r.notice!, /Recognised/);
    assert.deepEqual(r.unexplained, []);
  });
});

describe('troubleshoot: the line budget (maxLines)', () => {
  it('reads at most maxLines lines and says it cut the paste', () => {
    const r = run('WIN32 ERROR = 32\n'.repeat(50), { maxLines: 10 });
    assert.deepEqual([r.signals.lines, r.signals.truncated], [10, true]);
    const exact = run('WIN32 ERROR = 32\n'.repeat(10), { maxLines: 10 });
    assert.deepEqual([exact.signals.lines, exact.signals.truncated], [10, false], 'ten lines of ten are not cut');
  });

  it('counts blank lines toward maxLines, and still says it cut a paste with blank lines in it', () => {
    const r = run('WIN32 ERROR = 32\n\n'.repeat(50), { maxLines: 10 });
    assert.deepEqual([r.signals.lines, r.signals.truncated], [5, true]);
  });
});

describe('troubleshoot: the time budget (maxMs)', () => {
  const log = fixture('despooler-sms12.log');

  it('matches no line once the budget is spent, and says it ran out of time', () => {
    const r = run(log, { maxMs: -1 });
    assert.equal(r.signals.outOfTime, true);
    assert.deepEqual(ids(r), []);
  });

  it('gives the unbudgeted answer when the budget is ample', () => {
    const budgeted = run(log, { maxMs: 600_000 });
    assert.equal(budgeted.signals.outOfTime, false);
    assert.deepEqual(ids(budgeted), ids(run(log)));
  });
});
