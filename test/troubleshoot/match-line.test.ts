import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { SearchEngine } from '../../src/search/search.js';
import { matchLine } from '../../src/troubleshoot/match-line.js';
import { articleReader, fakeArticle } from '../support/articles.js';

const articles = [
  fakeArticle(120001, 'Despooler stops on an instruction file', { symptoms: 'The despooler logs: failed to open the instruction file on the site server.' }),
  fakeArticle(120002, 'Printer queue shows wrong status', { symptoms: 'The print queue reports an offline printer although it prints.' }),
  fakeArticle(120003, 'Backup of the information store fails', { symptoms: 'The backup stops with a checksum error on a database page.' }),
];
const engine = new SearchEngine(buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' }), articleReader(articles));

describe('troubleshoot/match-line', () => {
  it('measures how much of a line an article holds', () => {
    const m = matchLine(engine, 'failed to open the instruction file on the server', { maxDfRatio: 1 });
    assert.equal(m[0].id, 'Q120001');
    assert.ok(m[0].coverage > 0.5, `coverage ${m[0].coverage}`);
  });

  it('counts the adjacent word pairs an article holds in the same order', () => {
    const inOrder = matchLine(engine, 'instruction file', { maxDfRatio: 1 })[0];
    const reversed = matchLine(engine, 'file instruction', { maxDfRatio: 1 })[0];
    assert.equal(inOrder.pairs, 1);
    assert.equal(reversed.pairs, 0);
  });

  it("leaves the engine's score arrays clean: a search after it answers as before it", () => {
    const before = engine.search('offline printer');
    matchLine(engine, 'checksum error on a database page', { maxDfRatio: 1 });
    assert.deepEqual(engine.search('offline printer'), before);
  });

  it('finds nothing in an article the engine hides', () => {
    assert.equal(matchLine(engine, 'failed to open the instruction file', { maxDfRatio: 1 })[0].id, 'Q120001');
    engine.hide(new Set([engine.docOf('Q120001')!]));
    try {
      const ids = matchLine(engine, 'failed to open the instruction file', { maxDfRatio: 1 }).map((m) => m.id);
      assert.ok(!ids.includes('Q120001'), `found ${ids.join(', ')}`);
    } finally {
      engine.hide(new Set());
    }
  });
});
