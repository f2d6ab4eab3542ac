import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KnowledgeBase } from '../../src/knowledge-base.js';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import type { IndexData } from '../../src/search-index/index-data.js';
import { noResultsHelp } from '../../src/search/no-results.js';
import { openKnowledgeBase } from '../support/app.js';
import { fakeArticle } from '../support/articles.js';

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

describe('search/no-results over titles written for the purpose', () => {
  // Title words and how many titles hold them: spooler 3, spooled 1, cat 1, kernel 1, and a 30-letter word.
  const long30 = 'abcdefghijklmnopqrstuvwxyzabcd';
  const titles = ['Spooler stalls', 'Spooler queue jobs', 'The spooler', 'Spooled jobs wait', 'Cat utility', `The ${long30} tool`, 'Kernel panic'];
  const articles = titles.map((t, i) => fakeArticle(130000 + i, t, { symptoms: `${t}. Stalls and queue jobs.` }));
  const index: IndexData = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' });
  const spell = (q: string) => noResultsHelp(index, q).spelling;

  it('respells by each kind of one edit: a letter dropped, two swapped, one changed, one added, at either end', () => {
    assert.equal(spell('spoolerx'), 'spooler', 'a letter dropped at the end');
    assert.equal(spell('xspooler'), 'spooler', 'a letter dropped at the start');
    assert.equal(spell('spoolre'), 'spooler', 'the last two swapped');
    assert.equal(spell('psooler'), 'spooler', 'the first two swapped');
    assert.equal(spell('spoolar'), 'spooler', 'one changed');
    assert.equal(spell('kerne'), 'kernel', 'one added at the end');
    assert.equal(spell('pooler'), 'spooler', 'one added at the start');
  });

  it('takes the word more titles hold when two are one edit away', () => {
    // "spoolex" is one change from spooler (3 titles) and from spooled (1).
    assert.equal(spell('spoolex'), 'spooler');
    assert.equal(spell('spooled'), undefined, 'a known word is not respelled');
  });

  it('respells words of 4 to 30 letters only', () => {
    assert.equal(spell('cqt'), undefined, 'three letters');
    assert.equal(spell('catz'), 'cat', 'four letters');
    assert.equal(spell(long30.slice(0, 29) + 'x'), long30, 'thirty letters');
    assert.equal(spell(long30 + 'x'), undefined, 'thirty-one letters');
  });

  it('keeps the known words, phrases and filters around the respelled word', () => {
    assert.equal(spell('"spooler stalls" spoolar queue product:sms'), '"spooler stalls" spooler queue product:sms');
  });

  it('offers the query one word fewer, dropping the last word first, at most three', () => {
    assert.deepEqual(noResultsHelp(index, 'spooler stalls queue jobs').fewerWords, ['spooler stalls queue', 'spooler stalls jobs', 'spooler queue jobs']);
    assert.deepEqual(noResultsHelp(index, 'spooler stalls').fewerWords, ['spooler', 'stalls']);
    assert.deepEqual(noResultsHelp(index, 'spooler').fewerWords, []);
  });

  it('never offers a query of unknown words only, nor the query itself', () => {
    assert.deepEqual(noResultsHelp(index, 'zzqxv spooler').fewerWords, ['spooler']);
    assert.deepEqual(noResultsHelp(index, 'zzqxv qqwvx spooler').fewerWords, ['spooler', 'zzqxv spooler', 'qqwvx spooler']);
  });

  it('offers the phrases unquoted, and the query without its filters', () => {
    assert.deepEqual(noResultsHelp(index, '"spooler stalls"').fewerWords, ['spooler stalls']);
    assert.deepEqual(noResultsHelp(index, 'spooler product:sms').fewerWords, ['spooler']);
    assert.deepEqual(noResultsHelp(index, 'zzqxv product:sms').fewerWords, []);
    assert.deepEqual(noResultsHelp(index, 'spooler product:"systems management"').fewerWords, ['spooler']);
  });

  it('names as unknown a word whose every term the index lacks, as typed', () => {
    assert.deepEqual(noResultsHelp(index, 'Spooler ZZQXV stalls').unknownWords, ['ZZQXV']);
    assert.deepEqual(noResultsHelp(index, 'spooler').unknownWords, []);
  });
});
