/**
 * troubleshoot(): the steps between the fixtures' end-to-end answers, each pinned on its own over the bundled kb/
 * (Q161043 quotes the SMS 1.2 Despooler lines used here). Apart from troubleshoot.test.ts so a mutation rerun
 * reuses what that file killed (docs/mutation.md, seventh round).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { termOf } from '../../src/search-index/analyze.js';
import { codeKeys, codeToken } from '../../src/signals/error-codes.js';
import { readLogLines } from '../../src/signals/log-lines.js';
import { templateOf, templateTokens } from '../../src/signals/templates.js';
import { matchLine } from '../../src/troubleshoot/match-line.js';
import { troubleshoot, type TroubleshootOptions, type TroubleshootSources } from '../../src/troubleshoot/troubleshoot.js';
import type { TroubleshootResult } from '../../src/types.js';
import { diagnosisIds as ids, findDiagnosis as find, LOG_FIXTURES_DIR, openKnowledgeBase, troubleshootSourcesOf } from '../support/app.js';

let src: TroubleshootSources;
before(async () => {
  src = await troubleshootSourcesOf(await openKnowledgeBase());
});

const run = (text: string, options?: TroubleshootOptions) => troubleshoot(src, text, options);
/** Pasted line numbers whose evidence is of this kind, over every diagnosis. */
const linesOfKind = (r: TroubleshootResult, kind: string) =>
  [...new Set(r.diagnoses.flatMap((d) => d.evidence.filter((e) => e.kind === kind).map((e) => e.line)))].sort((a, b) => a - b);

const DESPOOLER = readFileSync(path.join(LOG_FIXTURES_DIR, 'despooler-sms12.log'), 'utf8');
/** Every fixture in one paste: it finds more articles than the default limit. */
const EVERY_FIXTURE = readdirSync(LOG_FIXTURES_DIR)
  .filter((f) => f !== 'README.md')
  .sort()
  .map((f) => readFileSync(path.join(LOG_FIXTURES_DIR, f), 'utf8'))
  .join('\n');

// Two lines Q161043 quotes: the first reports no fault (a signature match of 0.875), the second does (a match of 1).
const READY = 'found ready instruction file for 10000A3B.ins';
const DECOMPRESS = 'Cannot decompress instruction file';

describe('troubleshoot: limits', () => {
  it('returns five diagnoses by default, and the number asked for', () => {
    assert.equal(run(EVERY_FIXTURE).diagnoses.length, 5);
    assert.equal(run(EVERY_FIXTURE, { limit: 2 }).diagnoses.length, 2);
    assert.equal(run(EVERY_FIXTURE, { limit: 9 }).diagnoses.length, 9);
  });

  it('returns every article found when the limit is above their number (the pool is not cut at 10)', () => {
    const all = run(EVERY_FIXTURE, { limit: 1000 });
    assert.ok(all.diagnoses.length > 12, `${all.diagnoses.length} articles`);
    assert.deepEqual(ids(run(EVERY_FIXTURE, { limit: 9 })), ids(all).slice(0, 9));
  });

  it('reads 100,000 lines by default and says it cut a longer paste', () => {
    const r = run('abc\n'.repeat(100_001));
    assert.deepEqual([r.signals.lines, r.signals.truncated], [100_000, true]);
    const exact = run('abc\n'.repeat(100_000));
    assert.deepEqual([exact.signals.lines, exact.signals.truncated], [100_000, false]);
  });

  it('reads hints (products, versions) from the first 1,000,000 characters only', () => {
    const filler = 'ok\n'.repeat(340_000);
    const product = 'Systems Management Server 2.0 site LAB\n';
    const early = run(product + filler);
    assert.ok(early.signals.hints.products.includes('sms'), `${early.signals.hints.products}`);
    assert.equal(early.answers['version:sms'], '2.0');
    const late = run(filler + product);
    assert.deepEqual(late.signals.hints.products, []);
    assert.deepEqual(late.answers, {});
  });
});

describe('troubleshoot: the lines matched', () => {
  it('skips messages under three characters and matches each template once', () => {
    const r = run('ab\nab\nthe drive at slot 17 failed\nthe drive at slot 23 failed\nabc\nab\n');
    assert.equal(r.signals.lines, 6);
    assert.equal(r.signals.distinctLines, 2, 'the slot lines share a template; abc is the other; ab is too short');
  });

  it('lists the error-like lines nothing explains, once per template, and not the others', () => {
    const r = run('ab\nthe drive at slot 17 failed\nthe drive at slot 23 failed\nabc\nthe tape was rewound\n');
    assert.deepEqual(r.unexplained, [{ line: 2, text: 'the drive at slot 17 failed' }]);
  });

  it('cuts an unexplained line to 300 characters', () => {
    const long = `the drive at slot 17 failed ${'x'.repeat(400)}`;
    const r = run(long);
    assert.deepEqual(r.unexplained, [{ line: 1, text: long.slice(0, 300) }]);
  });

  it('lists at most 50 unexplained lines, in paste order', () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const lines = Array.from({ length: 60 }, (_, i) => `the ${words[i % 8]} ${words[Math.floor(i / 8)]} unit failed`);
    const r = run(lines.join('\n'));
    assert.equal(r.signals.distinctLines, 60);
    assert.deepEqual(
      r.unexplained.map((u) => u.line),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it('reads a message IIS wrote with underscores for spaces as its words', () => {
    const d = find(run("ActiveX_component_can't_create_object\n"), 'Q201740');
    assert.deepEqual(
      d.evidence.map((e) => [e.kind, e.matched]),
      [['text', "100% of the line's words"]],
    );
  });

  it('matches a code standing alone between separators (an IIS log) as a code', () => {
    const r = run('2000-03-14 10:00:00 GET /shop/order.asp cust=12|4|800a01ad|x 500\n');
    assert.deepEqual(
      r.signals.codes.map((c) => c.key),
      ['hresult:0x800a01ad'],
    );
  });
});

describe('troubleshoot: how much a line counts', () => {
  // A code on a line that names no fault: its evidence weighs by the line's level (emphasis) alone.
  const codeLine = (level: string) => `12:01:05 ${level}Backup copied report.txt with status 0x80070020\n`;
  const scoreOf = (level: string) => find(run(codeLine(level)), 'Q161043').score;

  it('weighs an error line 1.5 times, a warning 1.2 times and an info line 0.7 times a line with no level', () => {
    const plain = scoreOf('');
    const ratio = (level: string) => Math.round((scoreOf(level) / plain) * 100) / 100;
    assert.deepEqual([ratio('[ERROR] '), ratio('[WARNING] '), ratio('[INFO] ')], [1.5, 1.2, 0.7]);
  });

  it('makes a claim of a code only on a line that reports a fault', () => {
    for (const level of ['', '[INFO] ']) {
      const r = run(codeLine(level));
      assert.equal(find(r, 'Q161043').claim, false, `${level || 'no level'}: related reading`);
      assert.equal(r.explained, false);
      assert.deepEqual(r.unexplained, [{ line: 1, text: codeLine(level).trim() }], 'a code makes the line error-like');
    }
    for (const level of ['[ERROR] ', '[WARNING] ']) assert.equal(find(run(codeLine(level)), 'Q161043').claim, true, level);
    // 'denied' sets no level (as 'failed' or 'cannot' would), but it reports a fault.
    const denied = '12:01:05 Backup copy of report.txt denied, status 0x80070020\n';
    assert.equal(find(run(denied), 'Q161043').claim, true, 'a line whose words report a fault');
  });

  it('names the code, its name and its meaning in the evidence', () => {
    const e = find(run(codeLine('[ERROR] ')), 'Q161043').evidence;
    assert.deepEqual(
      e.map((x) => [x.kind, x.matched, x.similarity, x.code?.key]),
      [['code', '0x80070020 ERROR_SHARING_VIOLATION (The file is in use by another process (sharing violation))', 1, 'hresult:0x80070020']],
    );
    assert.deepEqual(e[0].code, {
      key: 'hresult:0x80070020',
      name: 'ERROR_SHARING_VIOLATION',
      meaning: 'The file is in use by another process (sharing violation)',
    });
    const named = find(run('The tape robot stopped: ERROR_SHARING_VIOLATION\n'), 'Q161043').evidence[0];
    assert.equal(named.matched, 'ERROR_SHARING_VIOLATION (The file is in use by another process (sharing violation))', 'the name is not said twice');
  });
});

describe('troubleshoot: the weight of one match (the module comment: the information it carries)', () => {
  // Each paste is one line, so the article's score is that line's best match; a product named adds 15 %.
  const scoreOf = (paste: string) => {
    const r = run(paste);
    return { score: find(r, 'Q161043').score, boost: r.signals.hints.products.includes('sms') ? 1.15 : 1 };
  };
  const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 0.0011, `${actual} vs ${expected}`);

  /** The weight troubleshoot() should give article `id` for pasted `line` (a quote of it), by the formula in the name below. */
  const quotedWeight = (line: string, id: string, emphasis: number) => {
    const template = templateOf(line);
    const matches = src.signatures.match(template, 0.7);
    const spread = Math.sqrt(new Set(matches.filter((m) => m.similarity >= 0.8).map((m) => m.record.id)).size || 1);
    const info = (t: string) => templateTokens(t).reduce((sum, w) => sum + (termOf(w) ? src.engine.idfOf(termOf(w)!) || 1 : 0), 0);
    const weights = matches
      .filter((m) => m.record.id === id)
      .map((m) => (emphasis * m.similarity ** 2 * info(m.record.template)) / (Math.log2(1 + m.articles) * spread));
    assert.ok(weights.length > 0, `${id} quotes ${line}`);
    return { weight: Math.max(...weights), spread };
  };

  it('weighs a quoted line as emphasis × similarity² × its information / (log2(1 + articles quoting it) × √(records at 0.8 or more))', () => {
    // DECOMPRESS reads as an error from its word 'Cannot' and has fault words: emphasis 1.5 × 1.3.
    const { score, boost } = scoreOf(`${DECOMPRESS}\n`);
    near(score, quotedWeight(DECOMPRESS, 'Q161043', 1.5 * 1.3).weight * boost);
  });

  it('weighs a quoted line of the form `Name: value` without fault words half, and one without either once', () => {
    for (const [line, emphasis] of [
      [`Status: ${READY}`, 0.5],
      [READY, 1],
    ] as const) {
      const { score, boost } = scoreOf(`${line}\n`);
      near(score, quotedWeight(line, 'Q161043', emphasis).weight * boost);
    }
  });

  it('shares the weight of a quoted line among the articles quoting it', () => {
    // Both Exchange articles quote this event-1025 line: each gets its weight over √2.
    const line = 'An error occurred on database "Private Information Store" in function JTAB_BASE::EcUpdate. Error: MAPI_E_CALL_FAILED';
    const { weight, spread } = quotedWeight(line, 'Q900010', 1.5 * 1.3);
    assert.equal(spread, Math.SQRT2);
    const r = run(`${line}\n`);
    near(find(r, 'Q900010').score, weight * (r.signals.hints.products.includes('exchange') ? 1.15 : 1));
  });

  it('counts only the articles quoting a line at 0.8 or more in that share', () => {
    // Distmgr.log's 'Failed to copy' line: Q207416 quotes it (1), Q161043 nearly (0.85), Q900001 loosely (0.78).
    const [line] = readLogLines(readFileSync(path.join(LOG_FIXTURES_DIR, 'distmgr-sms20.log'), 'utf8')).lines.filter((l) => l.n === 9);
    const matched = src.signatures.match(templateOf(line.message), 0.7).map((m) => m.record.id);
    assert.ok(matched.includes('Q900001'), `${matched}`);
    const { weight, spread } = quotedWeight(line.message, 'Q207416', 1.5 * 1.3);
    assert.equal(spread, Math.SQRT2);
    const r = run(`${line.message}\n`);
    near(find(r, 'Q207416').score, weight * (r.signals.hints.products.includes('sms') ? 1.15 : 1));
  });

  it('weighs a line an article describes in its text as emphasis × strength × word order (0.25 + 0.75 × pairs in order)', () => {
    // Read as an error ('cannot') with fault words: emphasis 1.5 × 1.3. No article quotes it; Q161043 holds its words.
    const line = 'decompress instruction file cannot open';
    const words = templateTokens(templateOf(line)).join(' ');
    const m = matchLine(src.engine, words, { limit: 5, minCoverage: 0.5, minStrength: 1.5 / 1.95 }).find((x) => x.id === 'Q161043');
    assert.ok(m && m.pairCount > 0, 'the line has word pairs');
    const { score, boost } = scoreOf(`${line}\n`);
    near(score, 1.5 * 1.3 * m.strength * (0.25 + (0.75 * m.pairs) / m.pairCount) * boost);
  });

  it('finds a text match of an error line whose strength is under 1.5 but whose weight reaches it', () => {
    // strength 1.78 in order: 1.5 × 1.3 × 1.78 is evidence, so matchLine must be asked for strength 1.5 / 1.95, not more.
    const d = find(run('failed to delete instruction file\n'), 'Q161043');
    assert.deepEqual(
      d.evidence.map((e) => e.kind),
      ['text'],
    );
  });

  it('weighs a code as emphasis × 1.5 × its idf / √(articles holding it)', () => {
    const paste = '12:01:05 [ERROR] Backup copied report.txt with status 0x80070020\n'; // emphasis 1.5 × 1.3
    const [code] = run(paste).signals.codes;
    const weights = codeKeys(code).flatMap((key) => {
      const holders = src.engine.articlesWithTerm(codeToken(key), 200);
      return holders.includes('Q161043') ? [(1.5 * 1.3 * src.engine.idfOf(codeToken(key)) * 1.5) / Math.sqrt(holders.length)] : [];
    });
    assert.ok(weights.length > 0);
    const { score, boost } = scoreOf(paste);
    near(score, Math.max(...weights) * boost);
  });
});

describe('troubleshoot: ranking', () => {
  it('weighs an article for a product the paste names 1.15 times', () => {
    const bare = find(run(`${READY}\n${DECOMPRESS}\n`), 'Q161043');
    const named = find(run(`${READY}\n${DECOMPRESS}\nSystems Management Server site LAB\n`), 'Q161043');
    assert.deepEqual(
      named.evidence.map((e) => e.line),
      [1, 2],
      'the product line is no evidence itself',
    );
    assert.ok(Math.abs(named.score / bare.score - 1.15) < 0.001, `${named.score} / ${bare.score}`);
  });

  it('puts a claim before related reading that scores more', () => {
    // READY reports no fault: Q161043 is related reading, at a higher score than Q900002's claim on the error-53 code.
    const r = run(`${READY}\nSystem error 53 has occurred.\n`);
    const related = find(r, 'Q161043');
    const claim = find(r, 'Q900002');
    assert.deepEqual([related.claim, claim.claim], [false, true]);
    assert.ok(related.score > claim.score, `${related.score} > ${claim.score}`);
    assert.ok(ids(r).indexOf('Q900002') < ids(r).indexOf('Q161043'), `${ids(r)}`);
  });

  it('orders articles of equal score by id', () => {
    const r = run(readFileSync(path.join(LOG_FIXTURES_DIR, 'rules-event-1025.txt'), 'utf8'));
    assert.deepEqual(ids(r).slice(0, 2), ['Q900010', 'Q900011']);
    assert.equal(r.diagnoses[0].score, r.diagnoses[1].score);
  });

  it('keeps the four heaviest evidence lines of an article', () => {
    // Line 9 (text) is evidence when the quoted lines are not matched, and the lightest of five when they are.
    assert.deepEqual(
      find(run(DESPOOLER, { maxSignatureMatches: 0 }), 'Q161043').evidence.map((e) => e.line),
      [6, 8, 9, 17],
    );
    assert.deepEqual(
      find(run(DESPOOLER), 'Q161043').evidence.map((e) => e.line),
      [6, 8, 16, 17],
    );
  });

  it('lists a code found on several lines once', () => {
    const r = run('12:01:05 WIN32 ERROR = 32\n12:01:06 copy failed: WIN32 ERROR = 32 again\n');
    assert.deepEqual(
      r.signals.codes.map((c) => c.key),
      ['win32:32'],
    );
  });
});

describe('troubleshoot: the matching budgets', () => {
  it('matches no line against quoted lines (nor its codes) with a signature budget of 0', () => {
    const r = run(DESPOOLER, { maxSignatureMatches: 0 });
    assert.deepEqual(linesOfKind(r, 'signature'), []);
    assert.deepEqual(linesOfKind(r, 'code'), []);
    assert.ok(linesOfKind(r, 'text').length > 0, 'text matches still run');
  });

  it('matches no line against article text with a text budget of 0', () => {
    const r = run(DESPOOLER, { maxTextMatches: 0 });
    assert.deepEqual(linesOfKind(r, 'text'), []);
    assert.deepEqual(linesOfKind(r, 'signature'), [6, 16, 17]);
  });

  it('spends a signature budget of one on the most error-like line: its level, a code, fault words, then length', () => {
    const onlyMatched = (paste: string) => {
      const r = run(paste, { maxSignatureMatches: 1, maxTextMatches: 0 });
      return [...new Set([...linesOfKind(r, 'signature'), ...linesOfKind(r, 'code')])];
    };
    // An explicit level is kept; DECOMPRESS alone would read as an error from its word 'Cannot'. Priority is 3 for an
    // error, 2 for a warning, 2 more for a code, 2 more for fault words, and up to 1 for the length (80 characters).
    const decompress = `12:01:05 [INFO] ${DECOMPRESS}`; // 0 + 2 + 34/80 = 2.425
    const code = '12:01:05 [INFO] copied report.txt with status 0x80070020'; // 0 + 2 + 40/80 = 2.5
    const cases: [lines: string[], chosen: number, why: string][] = [
      [[decompress, READY], 1, 'fault words (2.425) over none (0.5625)'],
      [[decompress, `12:01:05 [WARNING] ${READY}`], 2, 'a warning (2.5625) over fault words'],
      [[decompress, `12:01:05 [ERROR] ${READY}`], 2, 'an error (3.5625) over fault words'],
      [[`12:01:05 [WARNING] ${DECOMPRESS}`, `12:01:05 [ERROR] ${READY}`], 1, 'a warning with fault words (4.425) over an error'],
      [[decompress, code], 2, 'a code and 40 characters (2.5) over fault words and 34'],
    ];
    for (const [lines, chosen, why] of cases) assert.deepEqual(onlyMatched(`${lines.join('\n')}\n`), [chosen], why);
  });

  it('matches every line when the budgets hold them all', () => {
    const r = run(`${READY}\n${DECOMPRESS}\n`, { maxSignatureMatches: 2, maxTextMatches: 0 });
    assert.deepEqual(linesOfKind(r, 'signature'), [1, 2]);
  });
});

describe('troubleshoot: a log of a system the archive never covered', () => {
  const syslog = (lines: string[]) => lines.map((l) => `Mar  9 02:14:04 lab01 despool[311]: ${l}`).join('\n');

  it('holds a quote in a Linux syslog at 0.8 of its confidence in a Windows paste', () => {
    const foreign = run(syslog([READY, DECOMPRESS]));
    assert.equal(foreign.signals.logKind?.covered, false);
    const bare = run(`${READY}\n${DECOMPRESS}\n`);
    const conf = (r: TroubleshootResult) => find(r, 'Q161043').confidence;
    assert.ok(conf(bare) > 0.9, `${conf(bare)}`);
    assert.ok(Math.abs(conf(foreign) - 0.8 * conf(bare)) < 0.002, `${conf(foreign)} vs 0.8 × ${conf(bare)}`);
  });

  it('is no foreign log once it names a Microsoft product or a Windows path', () => {
    const bare = find(run(`${READY}\n${DECOMPRESS}\nSystems Management Server site LAB\n`), 'Q161043').confidence;
    const named = run(syslog([READY, DECOMPRESS, 'Systems Management Server site LAB']));
    assert.equal(named.signals.logKind?.covered, false);
    assert.equal(find(named, 'Q161043').confidence, bare);
    const pathed = run(syslog([READY, DECOMPRESS, 'copied C:\\TEMP\\REPORT.TXT']));
    assert.ok(find(pathed, 'Q161043').confidence > 0.9, 'a drive path names Windows');
  });

  it('reads a Microsoft context only from the first 100 lines', () => {
    const noise = Array.from({ length: 100 }, (_, i) => `rotated log ${i}`);
    const late = run(syslog([READY, DECOMPRESS, ...noise, 'copied C:\\TEMP\\REPORT.TXT']));
    assert.ok(find(late, 'Q161043').confidence < 0.8, 'a Windows path on line 103 does not count');
  });
});

describe('troubleshoot: answers and the version question', () => {
  it('asks with every version, in order, named by the product, and a way out', () => {
    const r = run(readFileSync(path.join(LOG_FIXTURES_DIR, 'rules-event-1025.txt'), 'utf8'));
    assert.deepEqual(r.question, {
      id: 'version:exchange',
      text: 'Which Exchange Server version is this running? The answer depends on it.',
      choices: [
        { value: '5.0', label: 'Exchange Server 5.0' },
        { value: '5.5', label: 'Exchange Server 5.5' },
        { value: 'other', label: 'Another version / not sure' },
      ],
    });
  });

  // The error-32 lines Q161043 (SMS 1.2) and Q207416 (SMS 2.0) share, and lines only Q207416 quotes.
  const error32 = '12:01:05 WIN32 ERROR = 32\n12:01:06 ERROR_SHARING_VIOLATION\n';

  it('offers the versions in numeric order, not in the order of the diagnoses', () => {
    const r = run(`${error32}the package never reaches its distribution points\n`);
    assert.deepEqual(ids(r).slice(0, 2), ['Q207416', 'Q161043'], 'the SMS 2.0 article leads');
    assert.deepEqual(
      r.question?.choices.map((c) => c.value),
      ['1.2', '2.0', 'other'],
    );
  });

  it('asks nothing when the article for the other version scores under half the first', () => {
    const r = run(`${error32}Failed to compress package source for package LAB00012, will retry later\n`);
    const [first, second] = r.diagnoses;
    assert.deepEqual([first.id, second.id], ['Q207416', 'Q161043']);
    assert.ok(second.score < first.score / 2, `${second.score} of ${first.score}`);
    assert.equal(r.question, undefined);
  });

  it('asks nothing when the paste is not explained', () => {
    // The error-32 lines alone find the SMS 1.2 and 2.0 articles; written as information they claim nothing.
    const r = run('12:01:05 [INFO] status 0x80070020\n');
    assert.equal(r.explained, false);
    assert.ok(r.diagnoses.length >= 2);
    assert.equal(r.question, undefined);
  });

  it('keeps an answer given over a version read off the paste, and reads a version without its service pack', () => {
    const paste = 'Microsoft (R) Windows NT (TM) Version 4.0 (Build 1381: Service Pack 3)\n';
    assert.deepEqual(run(paste).answers, { 'version:winnt': '4.0' });
    assert.deepEqual(run(paste, { answers: { 'version:winnt': '3.51' } }).answers, { 'version:winnt': '3.51' });
  });
});

describe('troubleshoot: the notice', () => {
  it('says the articles are related reading, what kind of log it is, the codes and the products', () => {
    const r = run('Mar  9 02:14:04 lab01 backup[311]: copied report.txt with status 0x80070020 on SMS\n');
    assert.equal(r.explained, false);
    assert.ok(r.diagnoses.length > 0);
    assert.equal(
      r.notice,
      'Nothing in the knowledge base explains this paste; the articles below are related reading, not a diagnosis. ' +
        'This looks like a Linux / Unix syslog; the knowledge base covers Microsoft products of the 1990s and early 2000s. ' +
        'Recognised: 0x80070020 ERROR_SHARING_VIOLATION (The file is in use by another process (sharing violation)). ' +
        'Products mentioned: Systems Management Server.',
    );
  });

  it('says no more than that when nothing is found', () => {
    assert.equal(run('zzqx wobble plonk\n').notice, 'Nothing in the knowledge base explains this paste.');
  });

  it('gives no notice when the paste is explained', () => {
    const r = run(DESPOOLER);
    assert.equal(r.explained, true);
    assert.equal(r.notice, undefined);
  });
});

describe('troubleshoot: what a diagnosis carries', () => {
  it('names the article, its product, versions, score and heading', () => {
    const d = find(run(`${READY}\n${DECOMPRESS}\n`), 'Q161043');
    assert.equal(d.url, '/kb/Q161043');
    assert.match(d.title, /Despooler/i);
    assert.equal(d.product, 'sms');
    assert.deepEqual(d.versions, ['winnt:1.2']);
    assert.equal(d.group, 1);
    assert.equal(d.explains, `lines 1–2: ${DECOMPRESS}`);
    assert.equal(d.score, Math.round(d.score * 1000) / 1000, 'rounded to three places');
    assert.deepEqual(
      d.evidence.map((e) => [e.line, e.kind, e.similarity, e.section, e.errorLike]),
      [
        [1, 'signature', 0.875, 'symptoms', false],
        [2, 'signature', 1, 'symptoms', true],
      ],
    );
  });

  it('cuts an evidence line to 300 characters and marks the cut', () => {
    const trailer = `~  $$<SMS_DESPOOLER><${'x'.repeat(300)}>`;
    const quoted = `${DECOMPRESS}${trailer}`; // a quoted line (signature)
    const described = `Despooler successfully executed one instruction.${trailer}`; // a described one (text)
    const d = find(run(`${quoted}\n${described}\n`), 'Q161043');
    assert.deepEqual(
      d.evidence.map((e) => [e.line, e.kind, e.text]),
      [
        [1, 'signature', `${quoted.slice(0, 300)}…`],
        [2, 'text', `${described.slice(0, 300)}…`],
      ],
    );
  });

  it('gives the cause and resolution sections', () => {
    const d = find(run(readFileSync(path.join(LOG_FIXTURES_DIR, 'drwtsn32.log'), 'utf8')), 'Q900007');
    for (const part of [d.cause, d.resolution]) assert.ok(part && part.length > 20 && part === part.trim(), `${part}`);
    assert.notEqual(d.cause, d.resolution);
    assert.equal(find(run(`${READY}\n${DECOMPRESS}\n`), 'Q161043').resolution, undefined, 'Q161043 has no resolution section');
  });

  it('falls back to the index for the title and fix status when the article text is not at hand', () => {
    const paste = `${READY}\n${DECOMPRESS}\n`;
    const full = find(run(paste), 'Q161043');
    const d = find(troubleshoot({ ...src, article: () => undefined }, paste), 'Q161043');
    assert.equal(d.title, full.title);
    assert.deepEqual(d.fixStatus, { state: 'fixed', fixedIn: full.fixStatus.fixedIn, affected: [], fixedVersions: [] });
    assert.deepEqual([d.cause, d.workaround, d.resolution], [undefined, undefined, undefined]);
    assert.deepEqual([d.product, d.products, d.versions], [full.product, full.products, full.versions]);
  });

  it('says what an answered version means for each article', () => {
    const r = run('12:01:05 WIN32 ERROR = 32\n12:01:06 ERROR_SHARING_VIOLATION\n', { answers: { 'version:sms': '1.2' } });
    assert.deepEqual(
      r.diagnoses.map((d) => [d.id, d.verdict]),
      [
        [
          'Q161043',
          {
            version: '1.2',
            applies: true,
            text: 'Systems Management Server 1.2 is affected. Fixed in Systems Management Server 1.2 Service Pack: apply it. Until then, use the workaround.',
          },
        ],
        ['Q207416', { version: '1.2', applies: false, text: 'This article is about version 2.0, not Systems Management Server 1.2.' }],
      ],
    );
  });

  it('numbers groups from 1 in order of the diagnoses', () => {
    const r = run(readFileSync(path.join(LOG_FIXTURES_DIR, 'two-problems.log'), 'utf8'));
    assert.deepEqual(
      r.diagnoses.map((d) => d.group),
      [1, 2, 2, 3],
    );
  });
});
