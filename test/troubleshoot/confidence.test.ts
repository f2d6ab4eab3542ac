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

describe('signals/log-lines: hasFaultWords', () => {
  const faults = ['Media Control Interface (MCI) for video is not installed', 'Not enough memory to run this program', 'The password you typed was incorrect', 'MAILSPL caused a General Protection Fault', 'No response from the print server', 'App: winword.exe (pid=120)'];
  const progress = ['Connection closed by peer', '4096 bytes sent', 'Verification succeeded for blk_1', 'Checking for configuration changes... none found'];
  for (const m of faults) it(`reads "${m}" as a fault`, () => assert.equal(hasFaultWords(m), true));
  for (const m of progress) it(`reads "${m}" as progress`, () => assert.equal(hasFaultWords(m), false));
});
