/**
 * troubleshoot(): the edges of its rules (a line of exactly 300 characters, a match at exactly 0.8, a section of
 * exactly 1,500 characters, the 401st line for the text budget), written for the mutants the seventh round's run
 * left (docs/mutation.md). Over the bundled kb/; its own file so a rerun reuses what the others killed.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { termOf } from '../../src/search-index/analyze.js';
import { templateOf, templateTokens } from '../../src/signals/templates.js';
import { troubleshoot, type TroubleshootOptions, type TroubleshootSources } from '../../src/troubleshoot/troubleshoot.js';
import type { AnalyzedArticle } from '../../src/types.js';
import { findDiagnosis as find, LOG_FIXTURES_DIR, openKnowledgeBase, troubleshootSourcesOf } from '../support/app.js';

let src: TroubleshootSources;
before(async () => {
  src = await troubleshootSourcesOf(await openKnowledgeBase());
});

const run = (text: string, options?: TroubleshootOptions) => troubleshoot(src, text, options);
const DESPOOLER = readFileSync(path.join(LOG_FIXTURES_DIR, 'despooler-sms12.log'), 'utf8');
const DECOMPRESS = 'Cannot decompress instruction file';
const EXECUTED = 'Despooler successfully executed one instruction.'; // Q161043 describes it in its text
/** `line` with an SMS trailer padded so the whole line is `length` characters. */
const padded = (line: string, length: number) => {
  const head = `${line}~  $$<SMS_DESPOOLER><`;
  return `${head}${'x'.repeat(length - head.length - 1)}>`;
};

describe('troubleshoot: edges of the evidence', () => {
  it('shows a line of exactly 300 characters whole, quoted or described', () => {
    const quoted = padded(DECOMPRESS, 300);
    const described = padded(EXECUTED, 300);
    assert.deepEqual([quoted.length, described.length], [300, 300]);
    const d = find(run(`${quoted}\n${described}\n`), 'Q161043');
    assert.deepEqual(
      d.evidence.map((e) => [e.kind, e.text]),
      [
        ['signature', quoted],
        ['text', described],
      ],
    );
  });

  it('shows a short described line as pasted', () => {
    const d = find(run(`${EXECUTED}\n`), 'Q161043');
    assert.deepEqual(
      d.evidence.map((e) => [e.kind, e.text, e.similarity]),
      [['text', EXECUTED, 1]],
    );
  });

  it('counts a record quoting the line at exactly 0.8 among those that share its weight', () => {
    const line = 'failed to open C:\\SMS\\DESPOOLR.BOX\\RECEIVE\\10000A3B.INS WIN32 ERROR = 32';
    const matches = src.signatures.match(templateOf(line), 0.7);
    const at = (id: string) => Math.max(...matches.filter((m) => m.record.id === id).map((m) => m.similarity));
    assert.deepEqual([at('Q161043'), at('Q207416')], [1, 0.8]);
    const info = (t: string) => templateTokens(t).reduce((sum, w) => sum + (termOf(w) ? src.engine.idfOf(termOf(w)!) || 1 : 0), 0);
    const best = matches.find((m) => m.record.id === 'Q161043' && m.similarity === 1)!;
    // Read as an error with fault words and a code: emphasis 1.5 × 1.3; two records at 0.8 or more: √2.
    const weight = (1.5 * 1.3 * info(best.record.template)) / (Math.log2(1 + best.articles) * Math.SQRT2);
    const r = run(`${line}\n`);
    const boost = r.signals.hints.products.includes('sms') ? 1.15 : 1;
    assert.ok(Math.abs(find(r, 'Q161043').score - weight * boost) < 0.0011, `${find(r, 'Q161043').score} vs ${weight * boost}`);
  });

  it('keeps the heaviest of two matches of one line for an article', () => {
    // The line holds c0000005 twice over (with and without its label): Q900021 holds the bare code, the heavier match.
    const r = run('Exception number: c0000005 (access violation)\n');
    const d = find(r, 'Q900021');
    assert.deepEqual(
      d.evidence.map((e) => [e.kind, e.matched]),
      [['code', 'c0000005 STATUS_ACCESS_VIOLATION (Access violation)']],
    );
    assert.ok(d.score > find(r, 'Q146095').score, `${d.score} > ${find(r, 'Q146095').score}`);
  });

  it('leaves no line of an explained paste unexplained', () => {
    const r = run(DESPOOLER);
    assert.equal(r.explained, true);
    assert.deepEqual(r.unexplained, []);
  });
});

describe('troubleshoot: edges of the codes', () => {
  it('keeps a code standing alone between separators beside one found by its context', () => {
    const r = run('GET /shop/order.asp cust=12|4|800a01ad|x WIN32 ERROR = 32\n');
    assert.deepEqual(
      r.signals.codes.map((c) => c.key),
      ['win32:32', 'hresult:0x800a01ad'],
    );
  });

  it('takes no code standing alone from a line of a foreign log that names nothing of Windows', () => {
    const r = run('Mar  9 02:14:04 lab01 shop[311]: order failed |800a01ad| again\n');
    assert.equal(r.signals.logKind?.covered, false);
    assert.deepEqual(r.signals.codes, []);
  });

  it('names a code without a name or meaning by its text alone in the notice', () => {
    assert.equal(run('copy failed with error 0x80041234\n').notice, 'Nothing in the knowledge base explains this paste. Recognised: error 0x80041234.');
  });

  it('lists several codes and products in the notice, separated', () => {
    const r = run(
      'The tape robot stopped: error 0x8007045D on drive 2\nThe tape robot stopped: ERROR_NOT_READY on drive 3\nSystems Management Server and SQL Server\n',
    );
    assert.equal(r.explained, false);
    assert.match(
      r.notice ?? '',
      /Recognised: error 0x8007045D ERROR_IO_DEVICE \(Io device\); ERROR_NOT_READY \(The device is not ready\)\. Products mentioned: Systems Management Server, SQL Server\.$/,
    );
  });
});

describe('troubleshoot: edges of the budgets', () => {
  it('says it ran out of time even when no line is to be matched against article text', () => {
    assert.equal(run(DESPOOLER, { maxMs: -1, maxTextMatches: 0 }).signals.outOfTime, true);
  });

  it('matches 400 lines against article text by default: the 401st most error-like is not', () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const errors = Array.from({ length: 400 }, (_, i) => `12:00:00 [ERROR] unit ${words[i % 8]} ${words[(i >> 3) % 8]} ${words[i >> 6]} failed`);
    const paste = [...errors, EXECUTED].join('\n');
    const r = run(paste);
    assert.equal(r.signals.distinctLines, 401);
    assert.ok(!r.diagnoses.some((d) => d.id === 'Q161043'), 'the executed line is 401st: not matched');
    find(run(paste, { maxTextMatches: 401 }), 'Q161043');
  });
});

describe('troubleshoot: edges of a section', () => {
  /** troubleshoot() over the kb/ with Q161043's cause replaced by `cause`. */
  const causeOf = (cause: string) => {
    const swap = (a: AnalyzedArticle | undefined): AnalyzedArticle | undefined =>
      a && { ...a, sections: a.sections.map((s) => (s.kind === 'cause' ? { ...s, text: cause } : s)) };
    return find(troubleshoot({ ...src, article: (id) => swap(src.article(id)) }, `${DECOMPRESS}\n`), 'Q161043').cause;
  };

  it('gives a section of exactly 1,500 characters whole', () => {
    const cause = 'a'.repeat(1495) + ' bcde';
    assert.equal(cause.length, 1500);
    assert.equal(causeOf(cause), cause);
  });

  it('cuts before the white space ahead of the last partial word, however wide', () => {
    const cause = Array.from({ length: 400 }, (_, i) => `word${i}`).join('   ');
    const cut = causeOf(cause)!;
    assert.ok(cut.endsWith(' …') && !cut.endsWith('  …'), JSON.stringify(cut.slice(-12)));
    assert.ok(cause.startsWith(cut.slice(0, -2) + '   '), 'the kept text ends at a whole word');
  });
});
