/**
 * The SearchEngine's own rules beside ranking: how limit and offset are read, browsing by filters alone,
 * hidden articles, the look-ups other parts call (docOf, meta, articlesWithTerm, idfOf), what a hit carries,
 * and that one search leaves nothing behind for the next (the score arrays and the exclusion marks are shared).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { idf } from '../../src/search-index/index-data.js';
import { SEARCH_LIMITS } from '../../src/search/limits.js';
import { SearchEngine } from '../../src/search/search.js';
import { DEFAULT_TUNING, tuningOf } from '../../src/search/tuning.js';
import { articleReader, fakeArticle } from '../support/articles.js';

// Fifteen short articles on a made-up "zorbix" relay, so paging has room; dates rise with the number.
const relays = Array.from({ length: 15 }, (_, i) =>
  fakeArticle(
    130000 + i,
    `Zorbix relay ${i} drops frames`,
    { symptoms: `The zorbix relay drops frames on port ${i}.` },
    {
      lastModified: `2001-02-${String(10 + i).padStart(2, '0')}`,
      state: i % 3 === 0 ? 'fixed' : 'confirmed',
      ...(i < 5 ? { category: 'exchange', products: ['Microsoft Exchange Server'] } : {}),
    },
  ),
);
// Three more to tell words apart: one holds "quanto" and "flux" together, one only "quanto", one only "flux".
const others = [
  fakeArticle(130100, 'Quanto flux meter resets', { symptoms: 'The quanto meter resets when the flux rises.' }, { lastModified: '1998-05-05' }),
  fakeArticle(130101, 'Quanto meter reads zero', { symptoms: 'The quanto meter reads zero after a restart.' }, { lastModified: '1999-05-05' }),
  fakeArticle(130102, 'Flux gauge sticks', { symptoms: 'The flux gauge sticks at the top.' }, { lastModified: '2000-05-05' }),
];
const all = [...relays, ...others];
const engineOf = (tuning = {}) => new SearchEngine(buildIndex(all.map(indexedDocumentOf), all.length, { sourceHash: 't' }), articleReader(all), tuning);
const ids = (engine: SearchEngine, q: string, o = {}) => engine.search(q, o).results.map((h) => h.id);

describe('search/search: limit and offset', () => {
  const engine = engineOf();

  it('returns 10 results when no limit is given', () => {
    const r = engine.search('zorbix');
    assert.equal(r.limit, 10);
    assert.equal(r.results.length, 10);
    assert.equal(r.total, 15);
  });

  it('reads a limit and an offset given as text (URL parameters), cutting fractions', () => {
    const r = engine.search('zorbix', { limit: '3.9' as unknown as number, offset: ' 2 ' as unknown as number });
    assert.equal(r.limit, 3);
    assert.equal(r.offset, 2);
    assert.deepEqual(
      r.results.map((h) => h.id),
      ids(engine, 'zorbix', { limit: 5 }).slice(2),
    );
  });

  it('takes the default for a blank or non-numeric limit, and clamps a negative one to 0', () => {
    assert.equal(engine.search('zorbix', { limit: '  ' as unknown as number }).limit, 10);
    assert.equal(engine.search('zorbix', { limit: 'many' as unknown as number }).limit, 10);
    assert.equal(engine.search('zorbix', { limit: Number.NaN }).limit, 10);
    const none = engine.search('zorbix', { limit: -4 });
    assert.equal(none.limit, 0);
    assert.deepEqual(none.results, []);
    assert.equal(none.total, 15);
  });

  it('clamps limit and offset to SEARCH_LIMITS', () => {
    const r = engine.search('zorbix', { limit: SEARCH_LIMITS.maxLimit + 50, offset: SEARCH_LIMITS.maxOffset + 1 });
    assert.equal(r.limit, SEARCH_LIMITS.maxLimit);
    assert.equal(r.offset, SEARCH_LIMITS.maxOffset);
    assert.deepEqual(r.results, []);
    assert.equal(engine.search('zorbix', { offset: -3 }).offset, 0);
    assert.deepEqual(SEARCH_LIMITS, { maxLimit: 100, maxOffset: 10_000 });
  });

  it('pages by relevance without repeating or losing a result', () => {
    const whole = ids(engine, 'zorbix', { limit: 15 });
    const pages = [0, 4, 8, 12].flatMap((offset) => ids(engine, 'zorbix', { limit: 4, offset }));
    assert.deepEqual(pages, whole);
  });
});

describe('search/search: browsing by filters alone', () => {
  const engine = engineOf();

  it('lists every article the filters keep, newest first, in browse mode', () => {
    const r = engine.search('product:exchange', { limit: 20 });
    assert.equal(r.mode, 'browse');
    assert.equal(r.total, 5);
    assert.deepEqual(
      r.results.map((h) => h.id),
      ['Q130004', 'Q130003', 'Q130002', 'Q130001', 'Q130000'],
    );
    assert.ok(r.results.every((h) => h.score === 1));
  });

  it('pages a browse and counts its facets over every article kept', () => {
    const r = engine.search('', { filters: { status: 'fixed' }, limit: 2, offset: 1 });
    assert.equal(r.mode, 'browse');
    // Fixed: relays 0, 3, 6, 9, 12 (newest first: 12, 9, 6, 3, 0).
    assert.equal(r.total, 5);
    assert.deepEqual(
      r.results.map((h) => h.id),
      ['Q130009', 'Q130006'],
    );
    assert.deepEqual(r.facets.status, [{ value: 'fixed', count: 5 }]);
  });

  it('finds nothing to search for in an empty query without filters', () => {
    const r = engine.search('   ');
    assert.equal(r.mode, 'none');
    assert.equal(r.total, 0);
    assert.deepEqual(r.results, []);
    assert.deepEqual(r.facets, { product: [], version: [], type: [], status: [] });
  });

  it('leaves hidden articles out of a browse', () => {
    const hiding = engineOf();
    hiding.hide(new Set([hiding.docOf('Q130004')!]));
    const r = hiding.search('product:exchange', { limit: 20 });
    assert.equal(r.total, 4);
    assert.equal(r.results[0].id, 'Q130003');
  });
});

describe('search/search: hidden articles', () => {
  it('hides an article from searches, from its number and from articlesWithTerm', () => {
    const engine = engineOf();
    const d = engine.docOf('Q130101')!;
    assert.ok(engine.hasArticle('Q130101'));
    engine.hide(new Set([d]));
    assert.equal(engine.hasArticle('Q130101'), false);
    assert.ok(!ids(engine, 'quanto').includes('Q130101'));
    const named = engine.search('Q130101');
    assert.notEqual(named.mode, 'article');
    assert.match(named.notice ?? '', /holds no article Q130101/);
    assert.deepEqual(engine.articlesWithTerm('quanto', 10), ['Q130100']);
    assert.deepEqual([...engine.hidden], [d]);
  });

  it('shows again what an earlier hide named and the next does not', () => {
    const engine = engineOf();
    engine.hide(new Set([engine.docOf('Q130101')!]));
    engine.hide(new Set([engine.docOf('Q130102')!]));
    assert.ok(engine.hasArticle('Q130101'));
    assert.equal(engine.hasArticle('Q130102'), false);
    assert.deepEqual(ids(engine, 'quanto').sort(), ['Q130100', 'Q130101']);
  });

  it('says an unknown id is no article', () => {
    const engine = engineOf();
    assert.equal(engine.hasArticle('Q1'), false);
    assert.equal(engine.docOf('Q1'), undefined);
    assert.equal(engine.meta('Q1'), undefined);
  });
});

describe('search/search: look-ups', () => {
  const engine = engineOf();

  it('gives an article its document number and metadata', () => {
    const d = engine.docOf('Q130102')!;
    assert.equal(engine.index.docs[d].id, 'Q130102');
    assert.equal(engine.meta('Q130102')?.title, 'Flux gauge sticks');
    assert.equal(engine.docCount, all.length);
  });

  it('lists the articles holding a term only when at most `limit` do', () => {
    assert.deepEqual(engine.articlesWithTerm('quanto', 2).sort(), ['Q130100', 'Q130101']);
    assert.deepEqual(engine.articlesWithTerm('quanto', 1), []);
    assert.deepEqual(engine.articlesWithTerm('nosuchterm', 5), []);
    // A term in the title and the symptoms of one article names it once.
    assert.deepEqual(engine.articlesWithTerm('gaug', 5), ['Q130102']);
  });

  it("gives a term's idf over the index, and 0 for a term it does not hold", () => {
    assert.equal(engine.idfOf('quanto'), idf(2, all.length));
    assert.equal(engine.idfOf('zorbix'), idf(15, all.length));
    assert.equal(engine.idfOf('nosuchterm'), 0);
  });
});

describe('search/search: hits', () => {
  const engine = engineOf();

  it("carries the article's fields, its address and a score rounded to three decimals", () => {
    const hit = engine.search('gauge sticks').results[0];
    assert.equal(hit.id, 'Q130102');
    assert.equal(hit.title, 'Flux gauge sticks');
    assert.equal(hit.url, '/kb/Q130102');
    assert.equal(hit.lastModified, '2000-05-05');
    assert.deepEqual(hit.fixStatus, { state: 'none', fixedIn: undefined });
    assert.equal(hit.score, Math.round(hit.score * 1000) / 1000);
    assert.ok(hit.score > 0);
    assert.match(hit.excerpt, /gauge sticks/);
  });

  it('leaves the excerpt out when asked, and the facets', () => {
    const r = engine.search('gauge', { noExcerpts: true, noFacets: true });
    assert.equal(r.results[0].excerpt, '');
    assert.deepEqual(r.results[0].highlights, []);
    assert.deepEqual(r.facets, { product: [], version: [], type: [], status: [] });
    const named = engine.search('Q130102', { noFacets: true });
    assert.equal(named.mode, 'article');
    assert.deepEqual(named.facets, { product: [], version: [], type: [], status: [] });
  });

  it("counts a named article's facets, and gives it score 1", () => {
    const r = engine.search('KB130003');
    assert.equal(r.total, 1);
    assert.equal(r.results[0].score, 1);
    assert.deepEqual(r.facets.status, [{ value: 'fixed', count: 1 }]);
    assert.deepEqual(r.codes, []);
  });
});

describe('search/search: one search leaves nothing for the next', () => {
  it('gives the same results and scores when the same search runs again after others', () => {
    const engine = engineOf();
    const first = engine.search('quanto flux', { limit: 5 });
    engine.search('zorbix relay frames');
    engine.search('"quanto meter"');
    const again = engine.search('quanto flux', { limit: 5 });
    assert.deepEqual(again.results, first.results);
    assert.equal(again.total, first.total);
  });

  it('excludes the articles holding an excluded phrase, not those holding part of it', () => {
    const engine = engineOf();
    // Q130100 says "quanto meter resets"; Q130101 only "quanto meter reads".
    assert.deepEqual(ids(engine, 'meter -"quanto meter resets"'), ['Q130101']);
    assert.deepEqual(ids(engine, 'meter -"quanto flux"'), ['Q130101']);
    assert.deepEqual(ids(engine, 'gauge -flux'), []);
  });

  it('ignores an excluded word or phrase the index does not hold', () => {
    const engine = engineOf();
    assert.deepEqual(ids(engine, 'meter -nosuchword').sort(), ['Q130100', 'Q130101']);
    assert.deepEqual(ids(engine, 'meter -"quanto nosuchword"').sort(), ['Q130100', 'Q130101']);
  });

  it('forgets the exclusions of one search in the next that filters', () => {
    const engine = engineOf();
    assert.deepEqual(ids(engine, 'meter -"quanto flux"'), ['Q130101']);
    assert.deepEqual(ids(engine, 'meter product:sms').sort(), ['Q130100', 'Q130101']);
    assert.deepEqual(ids(engine, 'meter -zero').sort(), ['Q130100']);
  });

  it('marks an excluded word in any field of an article', () => {
    const engine = engineOf();
    // "reads" is only in Q130101's title and symptoms; "zero" too: excluding it removes the article whatever field holds it.
    assert.deepEqual(ids(engine, 'quanto -zero'), ['Q130100']);
  });
});

describe('search/search: sorting a word search by date', () => {
  it('keeps the articles covering most of the query, newest first', () => {
    const engine = engineOf();
    // Q130100 holds both words; the others one each. By date only the best-covering articles are listed.
    const r = engine.search('quanto flux', { sort: 'date' });
    assert.deepEqual(
      r.results.map((h) => h.id),
      ['Q130100'],
    );
    assert.equal(r.total, 1);
    const relevance = engine.search('quanto flux');
    assert.equal(relevance.total, 3);
  });

  it('orders articles of one date by score, best first', () => {
    // The second says "blorp" more often, so it scores higher; both are equally covered and dated alike.
    const sameDay = [
      fakeArticle(140001, 'Blorp', { symptoms: 'blorp' }, { lastModified: '2002-02-02' }),
      fakeArticle(140002, 'Blorp blorp widget', { symptoms: 'blorp blorp blorp' }, { lastModified: '2002-02-02' }),
    ];
    const engine = new SearchEngine(buildIndex(sameDay.map(indexedDocumentOf), 2, { sourceHash: 't' }), articleReader(sameDay));
    const byDate = engine.search('blorp', { sort: 'date' }).results;
    assert.deepEqual(
      byDate.map((h) => h.id),
      ['Q140002', 'Q140001'],
    );
    assert.ok(byDate[0].score > byDate[1].score);
  });
});

describe('search/tuning', () => {
  it('merges field boosts and credits one by one over the defaults', () => {
    const t = tuningOf({ fieldBoosts: { title: 9 } as never, fieldCredit: { body: 0.1 } as never, pairBoost: 3 });
    assert.deepEqual(t.fieldBoosts, { ...DEFAULT_TUNING.fieldBoosts, title: 9 });
    assert.deepEqual(t.fieldCredit, { ...DEFAULT_TUNING.fieldCredit, body: 0.1 });
    assert.equal(t.pairBoost, 3);
    assert.equal(t.prune, true);
    assert.deepEqual(tuningOf(), { ...DEFAULT_TUNING });
  });

  it('ranks by the field boosts it is given', () => {
    // One article says "plinth" in its title, the other in its symptoms: the title wins by default, the
    // symptoms win when the symptoms weigh more.
    const two = [fakeArticle(150001, 'Plinth error', { symptoms: 'A fault.' }), fakeArticle(150002, 'A fault', { symptoms: 'Plinth error.' })];
    const make = (tuning = {}) => new SearchEngine(buildIndex(two.map(indexedDocumentOf), 2, { sourceHash: 't' }), articleReader(two), tuning);
    assert.equal(ids(make(), 'plinth')[0], 'Q150001');
    assert.equal(ids(make({ fieldBoosts: { title: 1, symptoms: 8 } }), 'plinth')[0], 'Q150002');
  });
});

describe('search/search: sixth-round survivors', () => {
  it('ignores an excluded phrase of which only some pairs are in the index', () => {
    const engine = engineOf();
    assert.deepEqual(ids(engine, 'meter -"quanto meter nosuchword"').sort(), ['Q130100', 'Q130101']);
  });

  // A word in every article is not telling: it only adds to the articles the other words bring in.
  const common = [
    fakeArticle(190001, 'Zqwidget fails', { symptoms: 'zqeverywhere zqwidget' }, { category: 'exchange', products: ['Microsoft Exchange Server'] }),
    ...Array.from({ length: 9 }, (_, i) => fakeArticle(190010 + i, `Other ${i}`, { symptoms: 'zqeverywhere filler' })),
  ];
  const commonEngine = () => new SearchEngine(buildIndex(common.map(indexedDocumentOf), common.length, { sourceHash: 't' }), articleReader(common));

  it('lets a word most articles hold add to what the telling words find, not bring in its own', () => {
    const r = commonEngine().search('zqwidget zqeverywhere');
    assert.deepEqual(
      r.results.map((h) => h.id),
      ['Q190001'],
    );
    assert.equal(r.total, 1);
  });

  it('lets the common words bring articles in when every word is common', () => {
    assert.equal(commonEngine().search('zqeverywhere').total, 10);
  });

  it('lets the common words bring articles in when the telling words find nothing the filters keep', () => {
    const r = commonEngine().search('zqwidget zqeverywhere', { filters: { product: 'sms' } });
    assert.equal(r.total, 9);
    assert.ok(r.results.every((h) => h.id !== 'Q190001'));
  });

  it("says 'all' for an article holding every word apart, when the one holding them side by side is filtered out", () => {
    const two = [
      fakeArticle(191001, 'Zqalpha zqbeta', { symptoms: 'zqalpha zqbeta together' }, { category: 'exchange', products: ['Microsoft Exchange Server'] }),
      fakeArticle(191002, 'Apart', { symptoms: 'zqalpha is here and zqbeta is there' }),
    ];
    const engine = new SearchEngine(buildIndex(two.map(indexedDocumentOf), 2, { sourceHash: 't' }), articleReader(two));
    const r = engine.search('zqalpha zqbeta', { filters: { product: 'sms' } });
    assert.deepEqual(
      r.results.map((h) => h.id),
      ['Q191002'],
    );
    assert.equal(r.mode, 'all');
  });

  it('sorts by date whatever order the articles were indexed in', () => {
    const dates = ['2001-05-01', '1999-01-01', '2003-03-03', '2000-02-02'];
    const shuffled = dates.map((d, i) => fakeArticle(192000 + i, `Zqdated ${i}`, { symptoms: 'zqdated' }, { lastModified: d }));
    const engine = new SearchEngine(buildIndex(shuffled.map(indexedDocumentOf), 4, { sourceHash: 't' }), articleReader(shuffled));
    const newestFirst = ['Q192002', 'Q192000', 'Q192003', 'Q192001'];
    assert.deepEqual(
      engine.search('zqdated', { sort: 'date' }).results.map((h) => h.id),
      newestFirst,
    );
    assert.deepEqual(
      engine.search('', { filters: { product: 'sms' } }).results.map((h) => h.id),
      newestFirst,
    );
  });

  it('gives an empty excerpt for an article the reader cannot give sections of', () => {
    const one = [fakeArticle(193001, 'Zqgone', { symptoms: 'zqgone' })];
    const engine = new SearchEngine(buildIndex(one.map(indexedDocumentOf), 1, { sourceHash: 't' }), { get: () => undefined, sectionsOf: () => undefined });
    const hit = engine.search('zqgone').results[0];
    assert.equal(hit.id, 'Q193001');
    assert.equal(hit.excerpt, '');
    assert.deepEqual(hit.highlights, []);
  });
});
