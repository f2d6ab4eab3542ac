/**
 * Searching in the helpdesk's own words: any word finds an article, the archive's wording of the user's
 * words is searched too (below the words typed), a named product is preferred, not required, and what an
 * article's title and SYMPTOMS say counts more than a long body.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { SearchEngine } from '../../src/search/search.js';
import type { AnalyzedArticle } from '../../src/types.js';
import { articleReader, fakeArticle } from '../support/articles.js';

// Filler articles so that the test words are rare enough to tell (a word in most articles says nothing).
const filler = Array.from({ length: 40 }, (_, i) =>
  fakeArticle(120100 + i, `Unrelated topic ${i}`, { symptoms: `Nothing to see in note ${i} about fonts and menus.` }),
);

function engineOf(articles: AnalyzedArticle[]): SearchEngine {
  const all = [...articles, ...filler];
  return new SearchEngine(buildIndex(all.map(indexedDocumentOf), all.length, { sourceHash: 't' }), articleReader(all));
}
const ids = (e: SearchEngine, q: string, o = {}) => e.search(q, { noExcerpts: true, ...o }).results.map((r) => r.id);

describe("search in the helpdesk's own words", () => {
  const hang = fakeArticle(120001, 'Spooler stops responding while printing envelopes', {
    symptoms: 'The print spooler stops responding when you print envelopes.',
  });
  const literal = fakeArticle(120002, 'Envelope printing locks up the spooler', { symptoms: 'Printing envelopes locks up the print spooler.' });
  const other = fakeArticle(120003, 'Envelope margins are wrong', { symptoms: 'Envelopes print with wrong margins.' });

  it('finds the archive\'s "stops responding" for the user\'s "locks up", and says so', () => {
    const engine = engineOf([hang, other]);
    const r = engine.search('envelopes spooler locks up');
    assert.equal(r.results[0].id, 'Q120001');
    assert.ok(
      r.expansions?.some((x) => x.from === 'locks up' && x.to === 'stops responding'),
      JSON.stringify(r.expansions),
    );
  });

  it('ranks the words typed above their expansion', () => {
    assert.deepEqual(ids(engineOf([hang, literal, other]), 'envelopes spooler locks up').slice(0, 2), ['Q120002', 'Q120001']);
  });

  it('searches without an expansion the user removed, or without any', () => {
    const engine = engineOf([hang, other]);
    const r = engine.search('envelopes spooler locks up', { skipExpansions: ['stops responding', 'hang'] });
    assert.ok(!r.expansions?.some((x) => x.to === 'stops responding'));
    assert.deepEqual(engine.search('envelopes spooler locks up', { skipExpansions: ['*'] }).expansions, []);
  });

  it('needs no article to hold every word, and gives no notice for it', () => {
    const r = engineOf([hang, other]).search('envelopes spooler zzunknownword margins');
    assert.equal(r.notice, undefined);
    assert.deepEqual(new Set(r.results.slice(0, 2).map((h) => h.id)), new Set(['Q120001', 'Q120003']));
  });

  it('prefers the product the query names (as typed: "exch 5.5") without hiding the others', () => {
    const sms = fakeArticle(120011, 'Backup of the store fails', { symptoms: 'The nightly backup of the store fails.' });
    const exchange = fakeArticle(
      120012,
      'Backup of the store fails',
      { symptoms: 'The nightly backup of the store fails.' },
      {
        category: 'exchange',
        products: ['Microsoft Exchange Server'],
        versions: [{ platform: 'winnt', version: '5.5' }],
      },
    );
    const engine = engineOf([sms, exchange]);
    const r = engine.search('exch 5.5 nightly backup fails');
    assert.deepEqual(
      r.results.slice(0, 2).map((h) => h.id),
      ['Q120012', 'Q120011'],
    );
    assert.deepEqual(r.preferences, [{ product: 'exchange', label: 'Exchange Server', version: 'exchange:5.5', text: 'exch 5.5' }]);
  });

  it('ranks an article saying it in its SYMPTOMS above one listing the words in a long RESOLUTION', () => {
    const list = fakeArticle(120021, 'Fixes in service pack 9', {
      symptoms: 'This article lists the problems fixed in the service pack.',
      resolution: Array.from({ length: 30 }, (_, i) => `Fix ${i}: a dialog draws badly.`).join(' ') + ' Fix 31: the toolbar flickers when docked.',
    });
    const symptom = fakeArticle(120022, 'Docked toolbar flickers', { symptoms: 'When you dock the toolbar it flickers.' });
    assert.equal(ids(engineOf([list, symptom]), 'docked toolbar flickers')[0], 'Q120022');
  });

  it('still ranks first the article holding every rare word of a quoted message', () => {
    const message = fakeArticle(120031, 'Error opening the queue', { symptoms: 'The message "Cannot open queue qzrare: the qzother lock is held" appears.' });
    const common = fakeArticle(120032, 'Queue notes', { symptoms: 'Cannot open the queue. Cannot open the queue. The lock is held. Open the queue again.' });
    assert.equal(ids(engineOf([message, common]), 'Cannot open queue qzrare: the qzother lock is held')[0], 'Q120031');
  });
});
