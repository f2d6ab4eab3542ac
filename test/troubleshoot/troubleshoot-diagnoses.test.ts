/**
 * troubleshoot(): what the diagnoses say beyond their ranking (groups, headings, sections, product boost on
 * confidence) and where a bare error number counts as a Windows code. Over the bundled kb/; apart from
 * troubleshoot-steps.test.ts so a mutation rerun reuses what that file killed (docs/mutation.md, seventh round).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { troubleshoot, type TroubleshootSources } from '../../src/troubleshoot/troubleshoot.js';
import type { AnalyzedArticle, Diagnosis } from '../../src/types.js';
import { findDiagnosis as find, openKnowledgeBase, troubleshootSourcesOf } from '../support/app.js';

let src: TroubleshootSources;
before(async () => {
  src = await troubleshootSourcesOf(await openKnowledgeBase());
});

const run = (text: string) => troubleshoot(src, text);

const DECOMPRESS = 'Cannot decompress instruction file';
const READY = 'found ready instruction file for 10000A3B.ins';
/** An SMS 1.2 Despooler line's trailer: the log's own shape, naming no product. */
const SMS_TRAILER = '~  $$<SMS_DESPOOLER><Mon Mar 09 02:14:04 1998~><thread=11C>';

describe('troubleshoot: a bare error number', () => {
  const bare = 'The copy stopped with error 32';

  it('is no code on a line and in a paste that name nothing of Windows', () => {
    const r = run(`${bare}\n`);
    assert.deepEqual(r.signals.codes, []);
    assert.deepEqual(r.diagnoses, []);
  });

  it('is a Win32 code in a log of a kind the archive covers (a Windows event log)', () => {
    const r = run(`Event Type:\tError\n${bare}\n`);
    assert.equal(r.signals.logKind?.kind, 'windows-event');
    assert.deepEqual(r.signals.hints.products, [], 'no product named');
    assert.deepEqual(
      r.signals.codes.map((c) => c.key),
      ['win32:32'],
    );
  });
});

describe('troubleshoot: groups', () => {
  it('puts a diagnosis sharing one of its lines with the first in the first group, even with lines of its own', () => {
    // Q161043 quotes DECOMPRESS and holds error 32; Q207416 holds error 32 and describes the last line.
    const r = run(`${DECOMPRESS}\n12:01:05 WIN32 ERROR = 32\nthe package never reaches its distribution points\n`);
    const [first, second] = r.diagnoses;
    assert.deepEqual([first.id, second.id], ['Q161043', 'Q207416']);
    const lines = (d: Diagnosis) => d.evidence.map((e) => e.line);
    assert.deepEqual(
      [lines(first), lines(second)],
      [
        [1, 2],
        [2, 3],
      ],
    );
    assert.deepEqual([first.group, second.group], [1, 1]);
  });
});

describe('troubleshoot: what a diagnosis says', () => {
  it('heads a diagnosis with the message of its line, not the log trailer around it', () => {
    const d = find(run(`${DECOMPRESS}${SMS_TRAILER}\n`), 'Q161043');
    assert.equal(d.evidence[0].text, `${DECOMPRESS}${SMS_TRAILER}`);
    assert.equal(d.explains, `line 1: ${DECOMPRESS}~`, 'the message as the log line splitter reads it');
  });

  it('raises the confidence of a claim for a product the paste names', () => {
    const bare = find(run(`${READY}\n${DECOMPRESS}\n`), 'Q161043');
    const named = find(run(`${READY}\n${DECOMPRESS}\nSystems Management Server site LAB\n`), 'Q161043');
    assert.ok(bare.claim && named.claim);
    assert.ok(named.confidence > bare.confidence, `${named.confidence} > ${bare.confidence}`);
  });

  it('lists the products the index gives the article', () => {
    assert.deepEqual(find(run(`${READY}\n${DECOMPRESS}\n`), 'Q161043').products, ['Microsoft Systems Management Server']);
  });

  it('cuts a section over 1,500 characters at a word and marks the cut', () => {
    // The article as stored, with a cause longer than any bundled article has.
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const longCause = (a: AnalyzedArticle | undefined): AnalyzedArticle | undefined =>
      a && { ...a, sections: a.sections.map((s) => (s.kind === 'cause' ? { ...s, text: `  ${words}  ` } : s)) };
    const d = find(troubleshoot({ ...src, article: (id) => longCause(src.article(id)) }, `${READY}\n${DECOMPRESS}\n`), 'Q161043');
    const kept = words.slice(0, 1500).replace(/\s+\S*$/, '');
    assert.equal(d.cause, `${kept} …`);
    assert.ok(kept.length <= 1500 && words.startsWith(`${kept} `), 'cut at the end of a whole word');
    assert.ok(d.workaround && !d.workaround.endsWith('…'), 'a short section is whole');
  });
});
