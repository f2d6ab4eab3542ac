/**
 * Properties of the query parser and the search engine over any typed text. The seed is random on purpose;
 * a failure prints the seed and the shrunk input to replay it (fc.assert(..., { seed, path })).
 * The HTTP side of the same inputs is test/web/fuzz.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { FILTER_NAMES, parseQuery, type ParsedQuery } from '../../src/search/parse-query.js';
import { SearchEngine, type SearchOptions, type SearchResult } from '../../src/search/search.js';
import { findErrorCodes } from '../../src/signals/error-codes.js';
import type { AnalyzedArticle } from '../../src/types.js';
import { articleReader, fakeArticle } from '../support/articles.js';
import { UNICODE_SPACES, hostileText } from '../support/hostile.js';

const WHITESPACE = /\s/;
const everythingRead = (q: ParsedQuery) => [...q.words, ...q.excluded, ...q.phrases, ...Object.values(q.filters).flat()];

describe('search/parse-query properties', () => {
  it('reads any text into a query whose words hold no whitespace and whose parts are trimmed', () => {
    fc.assert(
      fc.property(hostileText(), (input) => {
        const q = parseQuery(input);
        if (!q) return;
        for (const w of q.words) {
          assert.ok(w.length > 0, 'no empty word');
          assert.ok(!WHITESPACE.test(w), `word ${JSON.stringify(w)} holds whitespace`);
        }
        // Exclusions may be phrases (-"access denied").
        for (const v of [...q.excluded, ...q.phrases, ...Object.values(q.filters).flat()]) {
          assert.ok(v.length > 0 && v === v.trim(), `exclusion, phrase or filter value ${JSON.stringify(v)} is empty or untrimmed`);
        }
        assert.deepEqual(Object.keys(q.filters).sort(), [...FILTER_NAMES].sort());
        if (q.articleId !== undefined) assert.match(q.articleId, /^Q\d+$/);
      }),
      { numRuns: 3000, includeErrorInReport: true },
    );
  });

  it('reads nothing past maxChars: the text kept is the input cut there, and every part read comes from it', () => {
    fc.assert(
      fc.property(hostileText(30), fc.integer({ min: 0, max: 120 }), (input, maxChars) => {
        const q = parseQuery(input, maxChars);
        if (!q) return;
        assert.equal(q.text, input.length > maxChars ? input.slice(0, maxChars) : input);
        for (const part of everythingRead(q)) assert.ok(q.text.includes(part), `${JSON.stringify(part)} is not in the text kept`);
      }),
      { numRuns: 2000, includeErrorInReport: true },
    );
  });

  // Words with no quote, colon or leading minus are plain words whatever separates them.
  const plainWord = fc.stringMatching(/^[A-Za-z0-9_.\\/#$%&=+*~^()[\]{}<>!?,;@'][A-Za-z0-9_.\\/#$%&=+*~^()[\]{}<>!?,;@'-]{0,11}$/);
  const gap = fc.array(fc.constantFrom(...UNICODE_SPACES), { minLength: 1, maxLength: 3 }).map((s) => s.join(''));

  it('gives back plain words as typed, in order, whatever whitespace separates them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(plainWord, gap), { minLength: 1, maxLength: 10 }), gap, (parts, lead) => {
        const input = lead + parts.map(([w, s]) => w + s).join('');
        const q = parseQuery(input);
        assert.deepEqual(
          q.words,
          parts.map(([w]) => w),
        );
        assert.deepEqual([q.excluded, q.phrases], [[], []]);
      }),
      { numRuns: 1000, includeErrorInReport: true },
    );
  });

  it('reads name:value as a filter for every filter name, in any case, and -word as an exclusion', () => {
    const value = fc.stringMatching(/^[a-z0-9][a-z0-9.]{0,7}$/);
    const filter = fc.tuple(fc.constantFrom(...FILTER_NAMES), fc.boolean(), value);
    const excluded = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
    fc.assert(
      fc.property(fc.array(filter, { maxLength: 5 }), fc.array(excluded, { maxLength: 3 }), (filters, exclusions) => {
        const typed = [...filters.map(([name, upper, v]) => `${upper ? name.toUpperCase() : name}:${v}`), ...exclusions.map((w) => `-${w}`)];
        const q = parseQuery(typed.join(' '));
        for (const name of FILTER_NAMES)
          assert.deepEqual(
            q.filters[name],
            filters.filter(([n]) => n === name).map(([, , v]) => v),
            name,
          );
        assert.deepEqual(q.excluded, exclusions);
        assert.deepEqual(q.words, []);
      }),
      { numRuns: 500, includeErrorInReport: true },
    );
  });
});

// A small engine over articles written for this file (the search tests do the same with four).
const withCodes = (a: AnalyzedArticle): AnalyzedArticle => ({ ...a, codes: findErrorCodes(a.sections.map((s) => s.text).join('\n')) });
const articles = [
  withCodes(
    fakeArticle(
      120001,
      'Despooler stops on an instruction file',
      { symptoms: 'The despooler logs: failed to open the instruction file WIN32 ERROR = 32', cause: 'The sender still holds a lock on the file.' },
      { state: 'fixed', fixedIn: 'SMS 1.2 Service Pack 1', versions: [{ platform: 'winnt', version: '1.2' }] },
    ),
  ),
  withCodes(
    fakeArticle(
      120002,
      'Distribution manager cannot copy package files',
      { symptoms: 'Distmgr.log shows a sharing violation, error 0x80070020, while it compresses the package.' },
      { state: 'confirmed', lastModified: '2000-03-14' },
    ),
  ),
  withCodes(
    fakeArticle(
      120003,
      'Printer queue shows the wrong status',
      { symptoms: 'The print queue reports an offline printer although it prints.' },
      { category: 'winnt', products: ['Microsoft Windows NT Server'], issueType: 'kbprb', state: 'by-design' },
    ),
  ),
  withCodes(
    fakeArticle(
      120004,
      'Backup of the information store fails',
      { symptoms: 'The backup stops with JET error -1018 on a database page of the information store.' },
      { category: 'exchange', products: ['Microsoft Exchange Server'], lastModified: '1999-01-01' },
    ),
  ),
  withCodes(
    fakeArticle(
      120005,
      'Service fails to start after an upgrade',
      { symptoms: 'System error 1058 has occurred. The service cannot be started.', workaround: 'Set the service to start automatically.' },
      { category: 'winnt', products: ['Microsoft Windows NT Workstation'], versions: [{ platform: 'winnt', version: '4.0' }] },
    ),
  ),
  withCodes(
    fakeArticle(
      120006,
      'Access violation in the spooler',
      { symptoms: 'Dr. Watson reports exception c0000005 in spoolss.exe.', cause: 'A driver writes past its buffer.' },
      { state: 'fixed', fixedIn: 'Windows NT 4.0 Service Pack 5' },
    ),
  ),
  withCodes(
    fakeArticle(
      120007,
      'ODBC driver returns S1000 on insert',
      { symptoms: '[Microsoft][ODBC SQL Server Driver] General error, SQLSTATE S1000.' },
      { category: 'sql', products: ['Microsoft SQL Server'], issueType: 'kbbug' },
    ),
  ),
  withCodes(
    fakeArticle(
      120008,
      'Sender retries a package forever',
      { symptoms: 'The LAN sender retries the package every few minutes and never finishes.' },
      { lastModified: '2001-02-02' },
    ),
  ),
];
const index = buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 'property' });
const byId = new Map(articles.map((a) => [a.id, a]));
const engine = new SearchEngine(index, articleReader(articles));

// prettier-ignore
const WORDS = ['despooler', 'instruction', 'file', 'package', 'printer', 'queue', 'backup', 'store', 'service', 'spooler', 'sender', 'error', 'fails', 'the', 'driver', 'violation', 'sharing', 'despoolr', 'insert', 'SQLSTATE', 'S1000', '0x80070020', 'ERROR_SHARING_VIOLATION', '-1018', 'c0000005', 'Q120003', '120005', 'Q999999'];
/** Queries that hit the articles (words they hold, codes, filters, article numbers) as well as junk. */
const query = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom(...WORDS),
          fc.constantFrom('-despooler', '-"the package"', '"instruction file"', 'product:sms', 'status:fixed', 'type:prb', 'version:4.0', 'code:win32:32'),
        ),
        { maxLength: 6 },
      )
      .map((ws) => ws.join(' ')),
  },
  { weight: 2, arbitrary: hostileText() },
);
const options: fc.Arbitrary<SearchOptions> = fc.record(
  {
    limit: fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(NaN, Infinity)),
    offset: fc.oneof(fc.integer({ min: -5, max: 12 }), fc.constant(20_000)),
    sort: fc.constantFrom('relevance' as const, 'date' as const),
    filters: fc.record({ product: fc.constantFrom('sms', 'exchange', ' '), status: fc.constantFrom('fixed', 'bogus') }, { requiredKeys: [] }),
    maxQueryChars: fc.integer({ min: 1, max: 2000 }),
    noExcerpts: fc.boolean(),
  },
  { requiredKeys: [] },
);
/** The page size and offset search() promises: limit 0..100 (default 10), offset 0..10,000 (default 0). */
const clamp = (v: number | undefined, dflt: number, max: number) => (v === undefined || !Number.isFinite(v) ? dflt : Math.min(max, Math.max(0, Math.trunc(v))));

function assertWellFormed(r: SearchResult, o: SearchOptions): void {
  const limit = clamp(o.limit, 10, 100);
  const offset = clamp(o.offset, 0, 10_000);
  const ids = r.results.map((h) => h.id);
  assert.equal(new Set(ids).size, ids.length, `ids repeat: ${ids}`);
  for (const id of ids) assert.ok(byId.has(id), id);
  if (r.mode === 'article') {
    // A query that names an article goes straight to it, whatever the page asked for.
    assert.deepEqual([r.total, ids.length], [1, 1]);
  } else {
    assert.equal(ids.length, Math.max(0, Math.min(limit, r.total - offset)), `total ${r.total}, offset ${offset}, limit ${limit}`);
  }
  if ((r.mode === 'all' || r.mode === 'any') && (o.sort ?? 'relevance') === 'relevance') {
    for (let i = 1; i < r.results.length; i++) assert.ok(r.results[i - 1].score >= r.results[i].score, `scores out of order: ${r.results.map((h) => h.score)}`);
  }
  for (const h of r.results) {
    assert.ok(Number.isFinite(h.score), `score ${h.score}`);
    for (const [a, b] of h.highlights)
      assert.ok(0 <= a && a < b && b <= h.excerpt.length, `highlight ${a}..${b} outside a ${h.excerpt.length}-character excerpt`);
  }
  for (const counts of Object.values(r.facets)) for (const { count } of counts) assert.ok(count > 0 && count <= r.total);
}

describe('search/search properties', () => {
  it('answers any query with unique hits, sorted by score, within the page asked for', () => {
    fc.assert(
      fc.property(query, options, (q, o) => {
        const r = engine.search(q, o);
        if (r) assertWellFormed(r, o);
      }),
      { numRuns: 1500, includeErrorInReport: true },
    );
  });

  it('leaves nothing behind between searches: a query answers the same before and after any other', () => {
    // The engine reuses its score arrays across searches; a stale score would change the next answer.
    fc.assert(
      fc.property(query, query, (a, b) => {
        const first = engine.search(a, { noExcerpts: true });
        engine.search(b, { noExcerpts: true });
        const again = engine.search(a, { noExcerpts: true });
        assert.deepEqual(again, first);
      }),
      { numRuns: 800, includeErrorInReport: true },
    );
  });

  it('finds the same articles whichever whitespace separates the words', () => {
    const words = fc.array(fc.constantFrom(...WORDS.slice(0, 19)), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(words, fc.constantFrom(...UNICODE_SPACES), (ws, space) => {
        const ids = (q: string) => engine.search(q, { noExcerpts: true }).results.map((h) => h.id);
        assert.deepEqual(ids(ws.join(space)), ids(ws.join(' ')), JSON.stringify(space));
      }),
      { numRuns: 300, includeErrorInReport: true },
    );
  });
});
