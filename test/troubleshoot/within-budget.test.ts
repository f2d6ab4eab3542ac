/** troubleshoot/within-budget: a paste cut by the line or time budget says what was not read, and how to get a diagnosis of it. */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TroubleshootSources } from '../../src/troubleshoot/troubleshoot.js';
import { troubleshootWithinBudget } from '../../src/troubleshoot/within-budget.js';
import { openKnowledgeBase, troubleshootSourcesOf } from '../support/app.js';

let src: TroubleshootSources;
before(async () => {
  src = await troubleshootSourcesOf(await openKnowledgeBase());
});

describe('troubleshoot/within-budget', () => {
  it('says only the first maxLines lines were read, the count written with thousands separators', () => {
    const r = troubleshootWithinBudget(src, 'WIN32 ERROR = 32\n'.repeat(1200), { maxLines: 1000, maxMs: 600_000 });
    assert.equal(r.unread, 'Only the first 1,000 lines of the paste were read; the rest was not. Paste the lines around the error for a diagnosis of them.');
  });

  it('says it ran out of time, and that the most error-like lines were matched', () => {
    const r = troubleshootWithinBudget(src, 'WIN32 ERROR = 32\n', { maxLines: 1000, maxMs: -1 });
    assert.equal(
      r.unread,
      'The paste has too many different lines to match them all in time: the most error-like ones were matched, the rest were not. Paste the lines around the error for a diagnosis of them.',
    );
  });

  it('says nothing of unread lines when the whole paste was read in time', () => {
    const r = troubleshootWithinBudget(src, 'WIN32 ERROR = 32\n'.repeat(10), { maxLines: 10, maxMs: 600_000 });
    assert.equal(r.unread, undefined);
  });

  it('passes the answers and the limit on to the troubleshooter', () => {
    const log = 'failed to open C:\\SMS\\x.ins WIN32 ERROR = 32\n';
    const r = troubleshootWithinBudget(src, log, { maxLines: 100, maxMs: 600_000, limit: 1 });
    assert.equal(r.diagnoses.length, 1);
    const answered = troubleshootWithinBudget(src, log, { maxLines: 100, maxMs: 600_000, answers: { 'version:sms': '1.2' } });
    assert.deepEqual(answered.answers, { 'version:sms': '1.2' });
  });
});
