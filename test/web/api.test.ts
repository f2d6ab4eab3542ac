import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import request from 'supertest';
import { createApp } from '../../src/web/app.js';
import { DEFAULTS } from '../../src/config.js';
import { LOG_FIXTURES_DIR, PROJECT_ARTICLES, makeKnowledgeBase, openTestApp } from '../support/app.js';

const SMALL_BODY = 64 * 1024;
const fixture = (name: string) => readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8');

let app: express.Express;
let smallApp: express.Express;
before(async () => {
  ({ app } = await openTestApp());
  ({ app: smallApp } = await openTestApp({ maxBodyBytes: SMALL_BODY }));
});

/** Every API error has one shape; the message is a sentence the client can show. */
function assertApiError(res: request.Response, status: number, message?: RegExp): void {
  assert.equal(res.status, status, res.text);
  assert.match(res.type, /json/);
  assert.deepEqual(Object.keys(res.body), ['error']);
  assert.equal(res.body.error.status, status);
  assert.equal(typeof res.body.error.code, 'string');
  assert.ok(res.body.error.code.length > 0);
  assert.equal(typeof res.body.error.message, 'string');
  if (message) assert.match(res.body.error.message, message);
}

const search = (query: Record<string, string | number>) => request(app).get('/api/search').query(query);
const resultIds = (res: request.Response): string[] => res.body.results.map((r: { id: string }) => r.id);

describe('web/api: GET /healthz', () => {
  it('answers 200 with status ok and the 30 bundled articles once open', async () => {
    const res = await request(app).get('/healthz');
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'ok');
    assert.equal(res.body.articles, PROJECT_ARTICLES);
  });

  it('answers 503 while the knowledge base is not open yet, and the API says it is loading', async () => {
    const loading = createApp({ kb: makeKnowledgeBase() }, { ...DEFAULTS });
    const health = await request(loading).get('/healthz');
    assert.equal(health.status, 503);
    assert.equal(health.body.status, 'loading');
    assert.equal(health.body.articles, 0);
    assertApiError(await request(loading).get('/api/search?q=despooler'), 503, /still loading/);
  });

  it('shows a page asked for while loading the loading page, with 503, from the same readiness check as the API', async () => {
    const loading = createApp({ kb: makeKnowledgeBase() }, { ...DEFAULTS });
    for (const url of ['/', '/search?q=despooler', '/kb/Q161043', '/troubleshoot']) {
      const res = await request(loading).get(url).set('Accept', 'text/html');
      assert.equal(res.status, 503, url);
      assert.match(res.text, /The knowledge base is loading/, url);
    }
  });
});

describe('web/api: GET /api/search', () => {
  it('finds Q161043 for despooler "WIN32 ERROR = 32"', async () => {
    const res = await search({ q: 'despooler "WIN32 ERROR = 32"' });
    assert.equal(res.status, 200);
    assert.equal(resultIds(res)[0], 'Q161043');
    assert.equal(res.body.results[0].url, '/kb/Q161043');
  });

  it('finds both articles for 0x80070020, the same Win32 error 32 they spell otherwise, and names the code', async () => {
    const res = await search({ q: '0x80070020' });
    assert.equal(res.status, 200);
    const ids = resultIds(res);
    assert.ok(ids.includes('Q161043'), `Q161043 (writes WIN32 ERROR = 32) in ${ids}`);
    assert.ok(ids.includes('Q207416'), `Q207416 (writes Win32 error = 32) in ${ids}`);
    assert.equal(res.body.codes[0].name, 'ERROR_SHARING_VIOLATION');
    assert.match(res.body.codes[0].meaning, /sharing violation/i);
  });

  it('answers with total, paging fields and facets of {value, count}', async () => {
    const res = await search({ q: '0x80070020' });
    assert.equal(res.body.total, 2);
    assert.equal(res.body.offset, 0);
    assert.equal(res.body.limit, 10);
    assert.equal(res.body.mode, 'all');
    assert.deepEqual(Object.keys(res.body.facets).sort(), ['product', 'status', 'type', 'version']);
    for (const values of Object.values(res.body.facets) as { value: string; count: number }[][]) {
      for (const f of values) {
        assert.equal(typeof f.value, 'string');
        assert.ok(Number.isInteger(f.count) && f.count > 0);
      }
    }
    assert.deepEqual(res.body.facets.product, [{ value: 'sms', count: 2 }]);
    const states = Object.fromEntries(res.body.facets.status.map((f: { value: string; count: number }) => [f.value, f.count]));
    assert.deepEqual(states, { fixed: 1, confirmed: 1 });
  });

  it('pages with limit and offset over the same total', async () => {
    const all = resultIds(await search({ q: '0x80070020' }));
    const first = await search({ q: '0x80070020', limit: 1, offset: 0 });
    const second = await search({ q: '0x80070020', limit: 1, offset: 1 });
    const past = await search({ q: '0x80070020', limit: 1, offset: 2 });
    assert.deepEqual([...resultIds(first), ...resultIds(second)], all);
    assert.equal(first.body.total, 2);
    assert.equal(second.body.total, 2);
    assert.equal(second.body.offset, 1);
    assert.deepEqual(resultIds(past), []);
    assert.equal(past.body.total, 2);
  });

  const filterCases: { name: string; query: Record<string, string> }[] = [
    { name: 'URL parameters', query: { q: 'error', product: 'sms', status: 'fixed' } },
    { name: 'query syntax', query: { q: 'error product:sms status:fixed' } },
  ];
  for (const c of filterCases) {
    it(`filters by product and fix state given as ${c.name}`, async () => {
      const res = await search({ ...c.query, limit: 100 });
      assert.equal(res.status, 200);
      assert.ok(res.body.total > 0);
      assert.deepEqual(res.body.filters.product, ['sms']);
      assert.deepEqual(res.body.filters.status, ['fixed']);
      for (const hit of res.body.results) {
        assert.equal(hit.fixStatus.state, 'fixed', hit.id);
        assert.match(hit.products.join(' '), /Systems Management Server/, hit.id);
      }
      assert.ok(resultIds(res).includes('Q161043'));
      assert.ok(!resultIds(res).includes('Q207416'), 'Q207416 is confirmed, not fixed');
    });
  }

  it('narrows the same words to fewer articles when filtered', async () => {
    const unfiltered = await search({ q: 'error', limit: 100 });
    const filtered = await search({ q: 'error', product: 'sms', status: 'fixed', limit: 100 });
    assert.ok(filtered.body.total < unfiltered.body.total);
  });

  const articleQueries = ['KB161043', 'Q161043', '161043'];
  for (const q of articleQueries) {
    it(`goes straight to the article for ${q} (mode article)`, async () => {
      const res = await search({ q });
      assert.equal(res.body.mode, 'article');
      assert.deepEqual(resultIds(res), ['Q161043']);
    });
  }

  const badParams: { name: string; url: string; message: RegExp }[] = [
    { name: 'limit=abc', url: '/api/search?q=error&limit=abc', message: /limit/ },
    { name: 'limit=1000', url: '/api/search?q=error&limit=1000', message: /limit/ },
    { name: 'a negative offset', url: '/api/search?q=error&offset=-1', message: /offset/ },
    { name: 'an unknown sort', url: '/api/search?q=error&sort=random', message: /sort/ },
    { name: 'a repeated q parameter', url: '/api/search?q=a&q=b', message: /"q" was given more than once/ },
  ];
  for (const c of badParams) {
    it(`answers 400 for ${c.name}`, async () => {
      assertApiError(await request(app).get(c.url), 400, c.message);
    });
  }

  it('answers 400 naming both lengths for a query longer than maxQueryChars, and points to the troubleshooter', async () => {
    const q = 'despooler '.repeat(250).slice(0, DEFAULTS.maxQueryChars + 1);
    const res = await search({ q });
    assertApiError(res, 400, new RegExp(`${DEFAULTS.maxQueryChars + 1} characters.*limit is ${DEFAULTS.maxQueryChars}`));
    assert.match(res.body.error.message, /troubleshoot/);
  });

  it('accepts a query of exactly maxQueryChars', async () => {
    // Many short words: one 2,000-letter word is slow for another reason (the todo in fuzz.test.ts).
    const res = await search({ q: 'despooler '.repeat(250).slice(0, DEFAULTS.maxQueryChars) });
    assert.equal(res.status, 200);
  });
});

describe('web/api: GET /api/articles/:id', () => {
  it('returns the parsed article with fix status, codes and signatures', async () => {
    const res = await request(app).get('/api/articles/Q161043');
    assert.equal(res.status, 200);
    const a = res.body;
    assert.equal(a.id, 'Q161043');
    assert.match(a.title, /Despooler/);
    assert.deepEqual(a.products, ['Microsoft Systems Management Server']);
    assert.deepEqual(a.versions, [{ platform: 'winnt', version: '1.2' }]);
    assert.deepEqual(
      a.sections.map((s: { kind: string }) => s.kind).filter((k: string) => ['symptoms', 'cause', 'workaround', 'status'].includes(k)),
      ['symptoms', 'cause', 'workaround', 'status'],
    );
    assert.equal(a.fixStatus.state, 'fixed');
    assert.match(a.fixStatus.fixedIn, /1\.2 Service Pack/);
    assert.ok(
      a.codes.some((c: { key: string; name?: string }) => c.key === 'win32:32' || c.name === 'ERROR_SHARING_VIOLATION'),
      JSON.stringify(a.codes),
    );
    assert.ok(a.signatures.length > 0);
    assert.ok(a.signatures.some((s: { line: string }) => /WIN32 ERROR = 32/.test(s.line)));
    assert.deepEqual(a.references, ['Q207416']);
  });

  for (const spelling of ['161043', 'q161043', 'KB161043', 'Q0161043']) {
    it(`reads ${spelling} as Q161043`, async () => {
      const res = await request(app).get(`/api/articles/${spelling}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.id, 'Q161043');
    });
  }

  it('answers 404 naming the id for an article not in the knowledge base', async () => {
    assertApiError(await request(app).get('/api/articles/Q999999'), 404, /Q999999/);
  });

  for (const bad of ['abc', 'Q12x', encodeURIComponent('../../etc/passwd'), '12345678', 'Q-1']) {
    it(`answers 400 for the malformed id ${decodeURIComponent(bad)}`, async () => {
      assertApiError(await request(app).get(`/api/articles/${bad}`), 400, /not an article number.*Q161043/);
    });
  }

  it('gives a plain-text summary for tickets with ?format=text', async () => {
    const res = await request(app).get('/api/articles/Q161043?format=text');
    assert.equal(res.status, 200);
    assert.match(res.type, /text\/plain/);
    assert.match(res.text, /^Q161043: SMS: Despooler/);
    assert.match(res.text, /\/kb\/Q161043\n/);
    assert.match(res.text, /Fix status: Fixed \(Systems Management Server 1\.2 Service Pack\)/);
    assert.match(res.text, /CAUSE:\n/);
    assert.match(res.text, /WORKAROUND:\n/);
  });
});

describe('web/api: suggestions and OpenSearch', () => {
  it('answers /api/suggest in the OpenSearch suggestions form [q, completions, descriptions, urls]', async () => {
    const res = await request(app).get('/api/suggest?q=despooler');
    assert.equal(res.status, 200);
    assert.match(res.type, /json/);
    const [q, completions, descriptions, urls] = res.body;
    assert.equal(res.body.length, 4);
    assert.equal(q, 'despooler');
    assert.ok(completions.length > 0 && completions.length === descriptions.length && urls.length === completions.length);
    assert.match(completions[0], /^Q161043 /);
    assert.equal(urls[0], '/kb/Q161043');
  });

  it('answers an empty suggestion list for an empty query', async () => {
    const res = await request(app).get('/api/suggest?q=');
    assert.deepEqual(res.body, ['', [], [], []]);
  });

  it('serves /opensearch.xml with the search and suggestion templates', async () => {
    const res = await request(app).get('/opensearch.xml').set('Host', 'kb.example:8080');
    assert.equal(res.status, 200);
    assert.match(res.type, /opensearchdescription\+xml/);
    assert.match(res.text, /^<\?xml /);
    assert.match(res.text, /<OpenSearchDescription xmlns="http:\/\/a9\.com\/-\/spec\/opensearch\/1\.1\/">/);
    assert.match(res.text, /template="http:\/\/kb\.example:8080\/search\?q=\{searchTerms\}"/);
    assert.match(res.text, /template="http:\/\/kb\.example:8080\/api\/suggest\?q=\{searchTerms\}"/);
  });
});

describe('web/api: POST /api/troubleshoot', () => {
  it('diagnoses a JSON body {log}', async () => {
    const res = await request(app).post('/api/troubleshoot').send({ log: fixture('despooler-sms12.log') });
    assert.equal(res.status, 200);
    assert.equal(res.body.diagnoses[0].id, 'Q161043');
    assert.ok(res.body.diagnoses[0].evidence.length > 0);
    assert.equal(res.body.signals.lines, 28);
  });

  it('says explained: true with a claim first, and names the log kind', async () => {
    const res = await request(app).post('/api/troubleshoot').send({ log: fixture('despooler-sms12.log') });
    assert.equal(res.body.explained, true);
    assert.equal(res.body.diagnoses[0].claim, true);
    assert.match(res.body.diagnoses[0].explains, /^lines? \d/);
    assert.equal(res.body.signals.logKind.kind, 'sms');
  });

  it('says explained: false, and why, for a paste nothing explains', async () => {
    const res = await request(app).post('/api/troubleshoot').send({ log: fixture('nothing-known.log') });
    assert.equal(res.status, 200);
    assert.equal(res.body.explained, false);
    assert.match(res.body.notice, /^Nothing in the knowledge base explains this paste/);
    assert.ok(res.body.diagnoses.every((d: { claim: boolean }) => !d.claim));
  });

  it('diagnoses a text/plain body', async () => {
    const res = await request(app).post('/api/troubleshoot').set('Content-Type', 'text/plain').send(fixture('distmgr-sms20.log'));
    assert.equal(res.status, 200);
    assert.equal(res.body.diagnoses[0].id, 'Q207416');
  });

  it('applies answers given in the body', async () => {
    const log = 'WIN32 ERROR = 32\nERROR_SHARING_VIOLATION\n';
    const res = await request(app).post('/api/troubleshoot').send({ log, answers: { 'version:sms': '2.0' } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.answers, { 'version:sms': '2.0' });
    assert.equal(res.body.diagnoses[0].id, 'Q207416');
    assert.equal(res.body.diagnoses[0].verdict.applies, true);
  });

  it('honours limit in the body', async () => {
    const res = await request(app).post('/api/troubleshoot').send({ log: fixture('distmgr-sms20.log'), limit: 1 });
    assert.equal(res.status, 200);
    assert.equal(res.body.diagnoses.length, 1);
  });

  const badBodies: { name: string; type: string; body: string; status: number; message: RegExp }[] = [
    { name: 'an empty JSON log', type: 'application/json', body: '{"log": ""}', status: 400, message: /paste is empty/ },
    { name: 'a JSON log of blanks', type: 'application/json', body: '{"log": "  \\n\\t "}', status: 400, message: /paste is empty/ },
    { name: 'an empty text/plain body', type: 'text/plain', body: '', status: 400, message: /paste is empty/ },
    { name: 'invalid JSON', type: 'application/json', body: '{"log": ', status: 400, message: /not valid JSON/ },
    { name: 'a JSON body without log', type: 'application/json', body: '{"text": "x"}', status: 400, message: /log/ },
    { name: 'a JSON array', type: 'application/json', body: '["x"]', status: 400, message: /Bad troubleshoot request/ },
    { name: 'a log that is not a string', type: 'application/json', body: '{"log": 42}', status: 400, message: /log/ },
    { name: 'answers that are not strings', type: 'application/json', body: '{"log": "x", "answers": {"version:sms": 2}}', status: 400, message: /answers/ },
    { name: 'answers as an array', type: 'application/json', body: '{"log": "x", "answers": ["2.0"]}', status: 400, message: /answers/ },
    { name: 'an answer over 200 characters', type: 'application/json', body: JSON.stringify({ log: 'x', answers: { 'version:sms': '1'.repeat(201) } }), status: 400, message: /answers/ },
    { name: 'limit 0', type: 'application/json', body: '{"log": "x", "limit": 0}', status: 400, message: /limit/ },
    { name: 'application/xml', type: 'application/xml', body: '<log>WIN32 ERROR = 32</log>', status: 415, message: /application\/json.*text\/plain/ },
    { name: 'a form body', type: 'application/x-www-form-urlencoded', body: 'log=x', status: 415, message: /application\/json/ },
  ];
  for (const c of badBodies) {
    it(`answers ${c.status} for ${c.name}`, async () => {
      assertApiError(await request(app).post('/api/troubleshoot').set('Content-Type', c.type).send(c.body), c.status, c.message);
    });
  }

  it('answers 415 for a request without a body', async () => {
    assertApiError(await request(app).post('/api/troubleshoot'), 415);
  });

  it('answers 413 naming the limit for a JSON body over maxBodyBytes', async () => {
    const res = await request(smallApp).post('/api/troubleshoot').send({ log: 'x'.repeat(SMALL_BODY + 1) });
    assertApiError(res, 413, new RegExp(`${SMALL_BODY} bytes`));
  });

  it('answers 413 for a text/plain body over maxBodyBytes', async () => {
    const res = await request(smallApp).post('/api/troubleshoot').set('Content-Type', 'text/plain').send('failed to open x WIN32 ERROR = 32\n'.repeat(3000));
    assertApiError(res, 413, /shorter paste/);
  });

  it('accepts a body just under maxBodyBytes', async () => {
    const res = await request(smallApp).post('/api/troubleshoot').set('Content-Type', 'text/plain').send('a'.repeat(SMALL_BODY - 10));
    assert.equal(res.status, 200);
  });

  it('answers 404 JSON for GET /api/troubleshoot (only POST exists)', async () => {
    assertApiError(await request(app).get('/api/troubleshoot'), 404, /GET \/api\/troubleshoot/);
  });
});

describe('web/api: unknown paths and headers', () => {
  for (const url of ['/api/nope', '/api/articles', '/api/search/extra']) {
    it(`answers 404 JSON for ${url}, naming the path`, async () => {
      const res = await request(app).get(url).set('Accept', 'text/html');
      assertApiError(res, 404, new RegExp(url.replace(/\//g, '\\/')));
    });
  }

  it('sends a Content-Security-Policy without inline script and nosniff', async () => {
    const res = await request(app).get('/api/search?q=despooler');
    assert.match(res.headers['content-security-policy'], /script-src 'self'/);
    assert.doesNotMatch(res.headers['content-security-policy'], /script-src[^;]*unsafe-inline/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-powered-by'], undefined);
  });
});
