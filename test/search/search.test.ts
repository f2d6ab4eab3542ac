import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { SearchEngine } from '../../src/search/search.js';
import { findErrorCodes } from '../../src/signals/error-codes.js';
import type { AnalyzedArticle } from '../../src/types.js';
import { articleReader, fakeArticle } from '../support/articles.js';

const withCodes = (a: AnalyzedArticle): AnalyzedArticle => ({ ...a, codes: findErrorCodes(a.sections.map((s) => s.text).join('\n')) });
const articles = [
  withCodes(
    fakeArticle(
      110001,
      'Despooler stops on an instruction file',
      { symptoms: 'The despooler logs: failed to open the instruction file WIN32 ERROR = 32', cause: 'The sender still holds a lock on the file.' },
      { state: 'fixed', fixedIn: 'SMS 1.2 Service Pack 1', versions: [{ platform: 'winnt', version: '1.2' }] },
    ),
  ),
  withCodes(
    fakeArticle(
      110002,
      'Distribution manager cannot copy package files',
      { symptoms: 'Distmgr.log shows a sharing violation, error 0x80070020, while it compresses the package.' },
      { state: 'confirmed' },
    ),
  ),
  withCodes(
    fakeArticle(
      110003,
      'Printer queue shows wrong status',
      { symptoms: 'The print queue reports an offline printer although it prints.' },
      { category: 'winnt', products: ['Microsoft Windows NT Server'], issueType: 'kbprb', state: 'by-design' },
    ),
  ),
  withCodes(
    fakeArticle(
      110004,
      'Backup of the information store fails',
      { symptoms: 'The backup stops with a checksum error on a database page.' },
      { category: 'exchange', products: ['Microsoft Exchange Server'], lastModified: '1999-01-01' },
    ),
  ),
];
const index = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' });
const engine = new SearchEngine(index, articleReader(articles));
const ids = (q: string, o = {}) => engine.search(q, o).results.map((r) => r.id);

describe('search/search', () => {
  it('finds an article by symptom words, best match first', () => {
    assert.equal(ids('despooler instruction file')[0], 'Q110001');
  });

  it('finds articles holding some of the words, without a notice', () => {
    const r = engine.search('despooler printer');
    assert.equal(r.mode, 'any');
    assert.equal(r.notice, undefined);
    assert.deepEqual(new Set(r.results.map((x) => x.id)), new Set(['Q110001', 'Q110003']));
  });

  it('finds the same Win32 error in another spelling', () => {
    // Q110001 writes "WIN32 ERROR = 32", Q110002 writes 0x80070020: both are Win32 error 32.
    assert.deepEqual(new Set(ids('ERROR_SHARING_VIOLATION')), new Set(['Q110001', 'Q110002']));
    const r = engine.search('0x80070020');
    assert.ok(
      r.results.some((x) => x.id === 'Q110001'),
      'the HRESULT finds the Win32 spelling',
    );
    assert.ok(r.codes.length > 0 && r.codes[0].key.length > 0);
  });

  it('goes straight to an article named by number in any spelling', () => {
    for (const q of ['Q110003', 'KB110003', '110003']) {
      const r = engine.search(q);
      assert.equal(r.mode, 'article', q);
      assert.equal(r.results[0].id, 'Q110003');
    }
  });

  it('says when a named article is not in the knowledge base', () => {
    assert.match(engine.search('Q999999').notice ?? '', /holds no article Q999999/);
  });

  it('matches "exact phrases" only in order', () => {
    assert.deepEqual(ids('"instruction file"'), ['Q110001']);
    assert.deepEqual(ids('"file instruction"'), []);
  });

  it('excludes -words', () => {
    assert.deepEqual(ids('file -despooler'), ['Q110002']);
  });

  it('filters by product, type, status and version', () => {
    assert.deepEqual(ids('stops', { filters: { product: 'exchange' } }), ['Q110004']);
    assert.deepEqual(ids('status:by-design'), ['Q110003']);
    assert.deepEqual(ids('type:prb'), ['Q110003']);
    assert.deepEqual(ids('version:1.2'), ['Q110001']);
    assert.deepEqual(ids('queue product:sms'), []);
  });

  it('tolerates one typo in a word of five letters or more, never in numbers', () => {
    assert.equal(ids('despoolr')[0], 'Q110001');
    assert.deepEqual(ids('0x80070021'), []);
  });

  it('counts the states of the matches; two states at once match nothing', () => {
    const r = engine.search('status:fixed status:confirmed product:sms');
    assert.equal(r.total, 0, 'two states at once match nothing');
    const all = engine.search('the', { filters: {} });
    assert.equal(all.mode, 'none');
    const f = engine.search('file').facets;
    assert.deepEqual(f.status.map((s) => s.value).sort(), ['confirmed', 'fixed']);
  });

  it('pages: the second page holds the other match', () => {
    const r1 = engine.search('product:sms', { limit: 1 });
    const r2 = engine.search('product:sms', { limit: 1, offset: 1 });
    assert.equal(r1.total, 2);
    assert.notEqual(r1.results[0].id, r2.results[0].id);
  });

  it('returns an excerpt with the matched words highlighted', () => {
    const hit = engine.search('sharing violation').results[0];
    assert.equal(hit.id, 'Q110002');
    assert.deepEqual(
      hit.highlights.map(([a, b]) => hit.excerpt.slice(a, b)),
      ['sharing', 'violation'],
    );
  });

  it('never throws on hostile queries', () => {
    for (const q of ['title:', 'foo~2', '+a -b ^c *', '"', 'code:', 'product:', '\u0000', 'a'.repeat(3000), '((((', '-', '--x', 'version:"']) {
      assert.doesNotThrow(() => engine.search(q), q.slice(0, 20));
    }
  });
});

describe('search/search: date order and facets over more matches than one page', () => {
  // Twelve articles on the spooler. The six oldest name it in their title, so relevance ranks them first;
  // date order (newest first) puts them last. Even numbers are fixed, odd ones confirmed; the first four
  // are Exchange articles, the rest SMS.
  const spoolers = Array.from({ length: 12 }, (_, i) =>
    fakeArticle(
      120000 + i,
      i < 6 ? `Spooler stalls on queue ${i}` : `Queue ${i} stalls`,
      { symptoms: 'The spooler stalls while a job waits in the queue.' },
      {
        lastModified: `2000-01-${String(10 + i).padStart(2, '0')}`,
        state: i % 2 === 0 ? 'fixed' : 'confirmed',
        ...(i < 4 ? { category: 'exchange', products: ['Microsoft Exchange Server'] } : {}),
      },
    ),
  );
  const many = new SearchEngine(buildIndex(spoolers.map(indexedDocumentOf), spoolers.length, { sourceHash: 't' }), articleReader(spoolers));
  const newestFirst = spoolers.map((a) => a.id).reverse();

  it('ranks the title matches first by relevance, so date order is a different order', () => {
    const top = many.search('spooler', { limit: 6 }).results.map((h) => h.id);
    assert.deepEqual(top.sort(), newestFirst.slice(6).sort());
  });

  it('sorts by date, newest first, across pages cut at their offset', () => {
    const pages = [0, 5, 10].map((offset) => many.search('spooler', { sort: 'date', limit: 5, offset }));
    assert.deepEqual(
      pages.map((p) => p.results.map((h) => h.id)),
      [newestFirst.slice(0, 5), newestFirst.slice(5, 10), newestFirst.slice(10)],
    );
    for (const p of pages) assert.equal(p.total, 12);
  });

  it('counts facets over every match, not the returned page', () => {
    const r = many.search('spooler', { limit: 3 });
    assert.equal(r.results.length, 3);
    assert.equal(r.total, 12);
    assert.deepEqual(r.facets.status, [
      { value: 'confirmed', count: 6 },
      { value: 'fixed', count: 6 },
    ]);
    assert.deepEqual(r.facets.product, [
      { value: 'sms', count: 8 },
      { value: 'exchange', count: 4 },
    ]);
  });

  it('counts facets over the best facetDocs matches only when a search finds more, while total counts them all', () => {
    const sampled = new SearchEngine(buildIndex(spoolers.map(indexedDocumentOf), spoolers.length, { sourceHash: 't' }), articleReader(spoolers), {
      facetDocs: 6,
    });
    const r = sampled.search('spooler', { limit: 3 });
    assert.equal(r.total, 12);
    // The six that name the spooler in their title: articles 0-5, the first four of them Exchange articles.
    assert.deepEqual(r.facets.status, [
      { value: 'confirmed', count: 3 },
      { value: 'fixed', count: 3 },
    ]);
    assert.deepEqual(r.facets.product, [
      { value: 'exchange', count: 4 },
      { value: 'sms', count: 2 },
    ]);
    assert.deepEqual(
      r.results.map((h) => h.id),
      many.search('spooler', { limit: 3 }).results.map((h) => h.id),
    );
  });

  it('counts facets over every match when sorted by date too', () => {
    const r = many.search('spooler', { limit: 2, offset: 4, sort: 'date' });
    assert.equal(
      r.facets.status.reduce((n, s) => n + s.count, 0),
      12,
    );
  });
});
