/**
 * Writes are rate-limited per client address, with counts kept in the SQLite file so that every server
 * process on one DATA_DIR shares them; reads are never limited.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { openDatabase } from '../../src/store/database.js';
import { SqliteStorage } from '../../src/store/sqlite-storage.js';
import { createApp } from '../../src/web/app.js';
import { TEST_APP_OPTIONS, makeTempDataDir, openKnowledgeBase } from '../support/app.js';

const LIMIT = 3;

/** A clock the test moves by hand, for the database's windows. */
function manualClock(start = Date.now()) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

async function appOn(dataDir: string, clock = manualClock(), trustProxy: number | string | false = false) {
  const db = openDatabase(dataDir, { now: clock.now });
  return {
    app: createApp({ kb: await openKnowledgeBase(), storage: new SqliteStorage(db) }, { ...TEST_APP_OPTIONS, writesPerMinute: LIMIT, trustProxy }),
    db,
    clock,
  };
}

/** Every route that writes, listed here rather than read from the app's own list, so a route left out of it shows. */
const WRITES: ['post' | 'delete', string][] = [
  ['post', '/t'],
  ['post', '/t/AAAAAAAAAAAAAAAAAAAA/delete'],
  ['post', '/feedback'],
  ['post', '/api/shared'],
  ['post', '/api/feedback'],
  ['post', '/api/gaps'],
  ['post', '/reports/login'],
  ['delete', '/api/shared/AAAAAAAAAAAAAAAAAAAA'],
];

const feedback = { target: 'article', article: 'Q161043', helpful: true };

describe('web/rate-limit: writes', () => {
  it('accepts writesPerMinute writes, then answers 429 with Retry-After and a message naming the limit', async () => {
    const { app } = await appOn(makeTempDataDir());
    for (let i = 0; i < LIMIT; i++) {
      const ok = await request(app).post('/api/feedback').send(feedback);
      assert.notEqual(ok.status, 429, `write ${i + 1} of ${LIMIT} was refused`);
      assert.equal(ok.status, 201);
      assert.match(ok.headers['ratelimit-policy'], new RegExp(`^"${LIMIT}-in-1min"; q=${LIMIT}; w=60`));
    }
    const refused = await request(app).post('/api/feedback').send(feedback);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'too_many_requests');
    assert.match(refused.body.error.message, new RegExp(`${LIMIT} a minute are accepted.*Wait a minute`));
    assert.ok(Number(refused.headers['retry-after']) > 0 && Number(refused.headers['retry-after']) <= 60);
  });

  it('limits every write route, page forms with an HTML page, while searches and troubleshooting still answer', async () => {
    const { app } = await appOn(makeTempDataDir());
    for (let i = 0; i < LIMIT; i++) await request(app).post('/api/feedback').send(feedback);
    for (const [method, url] of WRITES) {
      const res = await request(app)
        [method](url)
        .set('Accept', url.startsWith('/api/') ? 'application/json' : 'text/html')
        .send(url.startsWith('/api/') ? {} : 'log=x');
      assert.equal(res.status, 429, `${method.toUpperCase()} ${url}`);
      if (!url.startsWith('/api/')) assert.match(res.text, /<title>Error 429<\/title>[\s\S]*Too many shares, deletions or feedback/);
    }
    assert.equal((await request(app).get('/api/search').query({ q: 'despooler' })).status, 200);
    assert.equal((await request(app).post('/api/troubleshoot').type('text').send('Despooler failed to open the instruction file')).status, 200);
    assert.equal(
      (await request(app).post('/t/preview').type('form').send({ log: 'server01 failed' })).status,
      200,
      'the masking preview writes nothing and is not limited',
    );
  });

  it('shares the count between two servers on one DATA_DIR (cluster workers, a restart)', async () => {
    const dataDir = makeTempDataDir();
    const clock = manualClock();
    const one = await appOn(dataDir, clock);
    const two = await appOn(dataDir, clock);
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++)
      statuses.push(
        (
          await request(i % 2 ? two.app : one.app)
            .post('/api/feedback')
            .send(feedback)
        ).status,
      );
    assert.deepEqual(
      statuses.map((s) => s === 429),
      [false, false, false, true, true],
    );
  });

  it('lets writes through again once the minute has passed', async () => {
    const { app, clock } = await appOn(makeTempDataDir());
    for (let i = 0; i < LIMIT; i++) await request(app).post('/api/feedback').send(feedback);
    assert.equal((await request(app).post('/api/feedback').send(feedback)).status, 429);
    clock.advance(61_000);
    assert.equal((await request(app).post('/api/feedback').send(feedback)).status, 201);
  });

  it('counts each client address apart, read from X-Forwarded-For behind a trusted proxy', async () => {
    const { app } = await appOn(makeTempDataDir(), manualClock(), 'loopback');
    const from = (address: string) => request(app).post('/api/feedback').set('X-Forwarded-For', address).send(feedback);
    for (let i = 0; i < LIMIT; i++) assert.equal((await from('203.0.113.5')).status, 201);
    assert.equal((await from('203.0.113.5')).status, 429);
    assert.equal((await from('198.51.100.7')).status, 201, 'another client still writes');
    assert.equal((await from('203.0.113.5')).status, 429, 'and the first is still refused');
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a client cannot dodge the limit by sending another address', async () => {
    const { app } = await appOn(makeTempDataDir());
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++)
      statuses.push(
        (
          await request(app)
            .post('/api/feedback')
            .set('X-Forwarded-For', `203.0.113.${i + 1}`)
            .send(feedback)
        ).status,
      );
    assert.deepEqual(statuses, [201, 201, 201, 429]);
  });
});
