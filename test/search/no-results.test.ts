import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KnowledgeBase } from '../../src/knowledge-base.js';
import { noResultsHelp } from '../../src/search/no-results.js';
import { openKnowledgeBase } from '../support/app.js';

let kb: KnowledgeBase;

describe('search/no-results', () => {
  before(async () => {
    kb = await openKnowledgeBase();
  });

  it('names the words no article holds, as typed', () => {
    assert.deepEqual(noResultsHelp(kb.engine.index, 'despooler Zzqxv').unknownWords, ['Zzqxv']);
  });

  it('offers the query without the unknown words first, keeping phrases and filters', () => {
    const help = noResultsHelp(kb.engine.index, '"sharing violation" zzqxv product:sms');
    assert.equal(help.fewerWords[0], '"sharing violation" product:sms');
    assert.ok(help.fewerWords.includes('"sharing violation" zzqxv'), 'and without the filter');
  });

  it('offers no fewer words when every word is unknown', () => {
    assert.deepEqual(noResultsHelp(kb.engine.index, 'zzqxv qqwvx').fewerWords, []);
  });

  it('respells an unknown word as the article titles spell it', () => {
    assert.equal(noResultsHelp(kb.engine.index, 'despoolr stalls').spelling, 'despooler stalls');
  });

  it('offers no spelling when no title word is one edit away', () => {
    assert.equal(noResultsHelp(kb.engine.index, 'zzqxv').spelling, undefined);
  });
});
