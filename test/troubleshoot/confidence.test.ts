/** troubleshoot/confidence: what a diagnosis's confidence means and what its heading says. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { calibrate, EXPLAINED_AT, explainsLabel, isClaim, isSpecific, lineRanges } from '../../src/troubleshoot/confidence.js';
import { hasFaultWords } from '../../src/signals/log-lines.js';
import type { Evidence } from '../../src/types.js';

describe('troubleshoot/confidence', () => {
  it('keeps a diagnosis that is no claim below the explained threshold however strong its benign matches', () => {
    const c = calibrate({ score: 1000, claimScore: 0, foreign: false });
    assert.ok(c < EXPLAINED_AT && c <= 0.2, `confidence ${c}`);
  });
  it('raises the confidence of a claim with its weight, never to certainty', () => {
    const at = (claimScore: number) => calibrate({ score: claimScore, claimScore, foreign: false });
    assert.ok(at(4) < at(8) && at(8) < at(40), `${at(4)} ${at(8)} ${at(40)}`);
    assert.ok(at(1000) < 1);
  });
  it('holds a claim in a log of a system the archive never covered below the same claim elsewhere', () => {
    const s = { score: 20, claimScore: 20 };
    assert.ok(calibrate({ ...s, foreign: true }) < calibrate({ ...s, foreign: false }));
  });
  it('makes no claim of a weight any common code reaches', () => {
    assert.equal(isClaim(1.5), false);
    assert.equal(isClaim(10), true);
  });
  it('counts a near-verbatim quote as specific, and in a foreign log only that', () => {
    assert.equal(isSpecific('signature', 0.85, 1, false), true);
    assert.equal(isSpecific('signature', 0.85, 1, true), false);
    assert.equal(isSpecific('text', 1, 1, true), false);
    assert.equal(isSpecific('text', 0.9, 0.5, false), false, 'words out of the article order');
  });

  it('writes line numbers as ranges', () => {
    assert.equal(lineRanges([4]), 'line 4');
    assert.equal(lineRanges([3, 7, 8, 9]), 'lines 3, 7–9');
  });
  it('names a diagnosis by its lines and its first error-like line, cut to a heading', () => {
    const ev = (line: number, errorLike: boolean): Evidence => ({ line, text: `raw ${line}`, kind: 'signature', matched: 'x', similarity: 1, errorLike });
    const messages = new Map([
      [7, 'Service started, polling every 3600 s'],
      [8, 'Error 32 on the package source'],
    ]);
    assert.equal(explainsLabel([ev(7, false), ev(8, true)], messages), 'lines 7–8: Error 32 on the package source');
    const long = new Map([[2, 'word '.repeat(40)]]);
    assert.ok(explainsLabel([ev(2, true)], long).length <= 90);
  });
});

describe('troubleshoot/confidence: the calibration points and thresholds', () => {
  const close = (got: number, want: number) => assert.ok(Math.abs(got - want) < 1e-9, `${got}, not ${want}`);
  it('puts a claim of weight 4 at 97% of 1 - 1/e, and a claim in a foreign log at 0.8 of that', () => {
    close(calibrate({ score: 4, claimScore: 4, foreign: false }), 0.97 * (1 - Math.exp(-1)));
    close(calibrate({ score: 4, claimScore: 4, foreign: true }), 0.8 * 0.97 * (1 - Math.exp(-1)));
    close(calibrate({ score: 100, claimScore: 8, foreign: false }), 0.97 * (1 - Math.exp(-2)));
  });
  it('puts related reading of weight 15 at 20% of 1 - 1/e, from its whole score', () => {
    close(calibrate({ score: 15, claimScore: 0, foreign: false }), 0.2 * (1 - Math.exp(-1)));
    close(calibrate({ score: 15, claimScore: 2.9, foreign: true }), 0.2 * (1 - Math.exp(-1)));
    assert.equal(calibrate({ score: 0, claimScore: 0, foreign: false }), 0);
  });
  it('makes a claim from weight 3 up', () => {
    assert.equal(isClaim(3), true);
    assert.equal(isClaim(2.999), false);
    assert.ok(calibrate({ score: 3, claimScore: 3, foreign: false }) > 0.5);
  });
  it('counts a signature from similarity 0.8, a text match from coverage 0.8 with order 0.7, a foreign quote from 0.9', () => {
    assert.equal(isSpecific('signature', 0.8, 0, false), true);
    assert.equal(isSpecific('signature', 0.799, 1, false), false);
    assert.equal(isSpecific('text', 0.8, 0.7, false), true);
    assert.equal(isSpecific('text', 0.799, 1, false), false);
    assert.equal(isSpecific('text', 1, 0.699, false), false);
    assert.equal(isSpecific('signature', 0.9, 0, true), true);
    assert.equal(isSpecific('signature', 0.899, 1, true), false);
  });
});

describe('troubleshoot/confidence: headings', () => {
  const ev = (line: number, errorLike: boolean, text = `raw ${line}`): Evidence => ({ line, text, kind: 'signature', matched: 'x', similarity: 1, errorLike });
  it('writes runs of two or more lines as ranges, single lines alone', () => {
    assert.equal(lineRanges([1, 2]), 'lines 1–2');
    assert.equal(lineRanges([1, 3]), 'lines 1, 3');
    assert.equal(lineRanges([1, 2, 3, 5, 6, 9]), 'lines 1–3, 5–6, 9');
  });
  it('says so when a diagnosis explains no pasted line', () => {
    assert.equal(explainsLabel([], new Map()), 'no pasted line');
  });
  it('lists each line once, in order, and leads with the first line when none is error-like', () => {
    const messages = new Map([
      [5, 'Polling   the\tinbox'],
      [2, 'Service started'],
    ]);
    assert.equal(explainsLabel([ev(5, false), ev(2, false), ev(5, false)], messages), 'lines 2, 5: Polling the inbox');
  });
  it("falls back to the evidence's own text when the line has no message", () => {
    assert.equal(explainsLabel([ev(3, true, '  Error   53 here ')], new Map()), 'line 3: Error 53 here');
  });
  it('keeps a message of 80 characters whole, and cuts a longer one at a word, with an ellipsis', () => {
    const exact = 'x'.repeat(80);
    assert.equal(explainsLabel([ev(1, true)], new Map([[1, exact]])), `line 1: ${exact}`);
    const words = Array.from({ length: 20 }, (_, i) => `wd${String(i).padStart(2, '0')}`);
    const long = words.join(' '); // 99 characters
    assert.equal(explainsLabel([ev(1, true)], new Map([[1, long]])), `line 1: ${words.slice(0, 15).join(' ')}…`);
  });
});

describe('signals/log-lines: hasFaultWords', () => {
  // prettier-ignore
  const faults = ['Media Control Interface (MCI) for video is not installed', 'Not enough memory to run this program', 'The password you typed was incorrect', 'MAILSPL caused a General Protection Fault', 'No response from the print server', 'App: winword.exe (pid=120)'];
  const progress = ['Connection closed by peer', '4096 bytes sent', 'Verification succeeded for blk_1', 'Checking for configuration changes... none found'];
  for (const m of faults) it(`reads "${m}" as a fault`, () => assert.equal(hasFaultWords(m), true));
  for (const m of progress) it(`reads "${m}" as progress`, () => assert.equal(hasFaultWords(m), false));
});
