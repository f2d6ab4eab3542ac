/**
 * search/widen: the thesaurus's archive expressions joined to the clauses of the user's words, and the products and
 * versions a query names read as a preference. Over a small index of articles written here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/search-index/build-index.js';
import { docMetaOf, indexedDocumentOf } from '../../src/search-index/document.js';
import { pairIdOf } from '../../src/search-index/index-data.js';
import { clausesOf } from '../../src/search/clauses.js';
import { parseQuery } from '../../src/search/parse-query.js';
import { tuningOf } from '../../src/search/tuning.js';
import { ProductKeys, addExpansions, readPreferences, type Preference } from '../../src/search/widen.js';
import { fakeArticle } from '../support/articles.js';

const texts = ['The server stops responding after a restart.', 'The workstation locks up.', 'The service fails to start.', 'Messages remain in the queue.'];
const articles = texts.map((t, i) => fakeArticle(150000 + i, `Article ${i}`, { symptoms: t }));
const index = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' });
// Four articles: the default share (5%) would leave every expansion out as too common.
const tuning = tuningOf({ maxExpansionShare: 1 });

function widened(q: string, skip: string[] = [], t = tuning) {
  const parsed = parseQuery(q);
  const { clauses } = clausesOf(index, t, parsed);
  const applied = addExpansions(index, t, parsed.words, clauses, skip);
  return { applied, clauses };
}

describe('search/widen addExpansions', () => {
  it("joins each archive expression the index holds to the clause of the user's word, weaker than the word", () => {
    const { applied, clauses } = widened('server hangs');
    assert.deepEqual(applied, [
      { from: 'hangs', to: 'stops responding' },
      { from: 'hangs', to: 'lock up' },
      { from: 'hangs', to: 'not responding' },
    ]);
    const hang = clauses.find((c) => c.label === 'hang')!;
    assert.deepEqual(hang.alternatives, [
      { term: pairIdOf(index, 'stop', 'respond'), weight: tuning.expansionWeight, credit: tuning.expansionCredit },
      { term: pairIdOf(index, 'lock', 'up'), weight: tuning.expansionWeight, credit: tuning.expansionCredit },
      // "not" is a stop word: "not responding" is the one word.
      { term: index.termIds.get('respond'), weight: tuning.expansionWeight, credit: tuning.expansionCredit },
    ]);
    assert.deepEqual(clauses.find((c) => c.label === 'server')!.alternatives, [{ term: index.termIds.get('server'), weight: 1 }]);
  });

  it('adds a term once to a clause, and joins a two-word expression to the clause of each of its words', () => {
    const { applied, clauses } = widened('service wont start');
    assert.deepEqual(applied, [{ from: 'wont start', to: 'fails to start' }]);
    const failsToStart = pairIdOf(index, 'fail', 'start');
    for (const label of ['wont', 'start']) {
      const alts = clauses.find((c) => c.label === label)!.alternatives.filter((a) => a.term === failsToStart);
      assert.equal(alts.length, 1, label);
    }
  });

  it('leaves out an expression named in skip, one the index lacks, one too common, and phrases', () => {
    assert.deepEqual(widened('server hangs', ['stops responding', 'not responding']).applied, [{ from: 'hangs', to: 'lock up' }]);
    // "slow" has expansions ("takes a long time"...), none of which these articles say.
    assert.deepEqual(widened('server slow').applied, []);
    // A one-word expression held by more than the share of the articles says nothing (one of four here is 25%); pairs are rare enough.
    assert.deepEqual(widened('server hangs', [], tuningOf({ maxExpansionShare: 0.2 })).applied, [
      { from: 'hangs', to: 'stops responding' },
      { from: 'hangs', to: 'lock up' },
    ]);
    assert.deepEqual(widened('"server hangs"').applied, []);
  });
});

describe('search/widen readPreferences', () => {
  it('reads a product with its version once, merging a versionless mention of it, and names the words that said it', () => {
    const q = 'exch 5.5 owa messages stuck';
    const r = readPreferences(q, parseQuery(q).words);
    assert.deepEqual(r.preferences, [{ product: 'exchange', label: 'Exchange Server', version: 'exchange:5.5', text: 'exch 5.5' }]);
    assert.deepEqual([...r.namingWords].sort(), [0, 1, 2]);
  });

  it('reads two products in the order named, and not the words between them', () => {
    const q = 'word 97 and excel 97 crash';
    const r = readPreferences(q, parseQuery(q).words);
    assert.deepEqual(
      r.preferences.map((p) => [p.product, p.version, p.text]),
      [
        ['word97', 'word97:97', 'word 97'],
        ['excel', 'excel:97', 'excel 97'],
      ],
    );
    assert.deepEqual([...r.namingWords].sort(), [0, 1, 3, 4]);
  });

  it('reads nothing from a query naming no product', () => {
    const r = readPreferences('printer hangs', ['printer', 'hangs']);
    assert.deepEqual(r.preferences, []);
    assert.equal(r.namingWords.size, 0);
  });
});

describe('search/widen ProductKeys', () => {
  const docs = [
    fakeArticle(1, 'a', {}, { category: 'exchange', products: ['Microsoft Exchange Server'], versions: [{ platform: 'exchange', version: '5.5' }] }),
    fakeArticle(2, 'b', {}, { category: 'exchange', products: ['Microsoft Exchange Server'], versions: [{ platform: 'exchange', version: '5.0' }] }),
    fakeArticle(3, 'c', {}),
  ].map(docMetaOf);
  const exchange55: Preference = { product: 'exchange', label: 'Exchange Server', version: 'exchange:5.5', text: 'exch 5.5' };

  it('scores an article of the product by productBoost, and one covering the version by versionBoost on top; max is the most any gets', () => {
    const keys = new ProductKeys(docs);
    const p = keys.preference([exchange55], tuning);
    assert.deepEqual([0, 1, 2].map(p.factor), [(1 + tuning.productBoost) * (1 + tuning.versionBoost), 1 + tuning.productBoost, 1]);
    assert.equal(p.max, (1 + tuning.productBoost) * (1 + tuning.versionBoost));
    const versionless = keys.preference([{ product: 'exchange', label: 'Exchange Server', text: 'exchange' }], tuning);
    assert.deepEqual([0, 1, 2].map(versionless.factor), [1 + tuning.productBoost, 1 + tuning.productBoost, 1]);
    assert.equal(versionless.max, 1 + tuning.productBoost);
  });

  it('works each factor out again for the next search, and prefers nothing without preferences', () => {
    const keys = new ProductKeys(docs);
    assert.equal(keys.preference([exchange55], tuning).factor(2), 1);
    assert.equal(keys.preference([{ product: 'sms', label: 'SMS', text: 'sms' }], tuning).factor(2), 1 + tuning.productBoost);
    const none = keys.preference([], tuning);
    assert.deepEqual([none.factor(0), none.max], [1, 1]);
  });

  it("reads a document's products from its category and its product names", () => {
    const keys = new ProductKeys(docs);
    assert.deepEqual(keys.of(0), ['exchange']);
    assert.deepEqual(keys.of(2), ['sms']);
  });
});
