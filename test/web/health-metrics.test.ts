/**
 * What a load balancer and Prometheus see: /healthz (alive), /readyz (index loaded and store reachable),
 * the write paths answering 503 while the store is unreachable (reads going on), /metrics behind
 * ADMIN_TOKEN, and TRUST_PROXY deciding whose address the write limit counts. The unreachable store is a
 * real PostgreSQL client pointed at a port nothing listens on, so these run without a database server.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import request from 'supertest';
import { openDatabase } from '../../src/store/database.js';
import { PgStorage } from '../../src/store/pg-storage.js';
import { SqliteStorage } from '../../src/store/sqlite-storage.js';
import { createApp } from '../../src/web/app.js';
import { TEST_APP_OPTIONS, makeKnowledgeBase, makeTempDataDir, openKnowledgeBase } from '../support/app.js';

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const ADMIN_TOKEN = 'admin-token-for-tests';

const sqliteStorage = () => new SqliteStorage(openDatabase(makeTempDataDir()));

describe('web/health: /healthz and /readyz', () => {
  it('is ready with the index loaded and the store answering', async () => {
    const app = createApp({ kb: await openKnowledgeBase(), storage: sqliteStorage() }, TEST_APP_OPTIONS);
    const res = await request(app).get('/readyz');
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.status, res.body.index, res.body.storage, res.body.storageKind], ['ready', 'ok', 'ok', 'sqlite']);
  });

  it("answers the balancer and Prometheus at a host's own address when PUBLIC_URL refuses other Hosts", async () => {
    const app = createApp(
      { kb: await openKnowledgeBase(), storage: sqliteStorage() },
      { ...TEST_APP_OPTIONS, publicUrl: 'https://kb.example.org', adminToken: ADMIN_TOKEN },
    );
    assert.equal((await request(app).get('/readyz').set('Host', '10.0.0.5:3000')).status, 200);
    assert.equal((await request(app).get('/healthz').set('Host', '10.0.0.5:3000')).status, 200);
    assert.equal((await request(app).get('/metrics').set('Host', '10.0.0.5:3000').set('Authorization', `Bearer ${ADMIN_TOKEN}`)).status, 200);
    assert.equal((await request(app).get('/api/search?q=despooler').set('Host', '10.0.0.5:3000')).status, 421, 'everything else is refused');
  });

  it('is alive but not ready while the index loads', async () => {
    const app = createApp({ kb: makeKnowledgeBase(), storage: sqliteStorage() }, TEST_APP_OPTIONS);
    assert.equal((await request(app).get('/healthz')).status, 200);
    const ready = await request(app).get('/readyz');
    assert.equal(ready.status, 503);
    assert.deepEqual([ready.body.status, ready.body.index], ['not ready', 'loading']);
  });
});

describe('web: PostgreSQL unreachable', () => {
  let app: ReturnType<typeof createApp>;
  let storage: PgStorage;
  before(async () => {
    storage = new PgStorage({
      connectionString: `postgres://kb:secret@127.0.0.1:${await closedPort()}/kbsleuth`,
      connectTimeoutMs: 1000,
      log: () => undefined,
    });
    app = createApp({ kb: await openKnowledgeBase(), storage }, { ...TEST_APP_OPTIONS, adminToken: ADMIN_TOKEN });
  });
  after(() => storage.close());

  it('is alive but not ready, and /readyz says the store is what is down', async () => {
    assert.equal((await request(app).get('/healthz')).status, 200);
    const ready = await request(app).get('/readyz');
    assert.equal(ready.status, 503);
    assert.equal(ready.body.index, 'ok');
    assert.match(ready.body.storage, /PostgreSQL database is unavailable \(connection refused\)/);
  });

  it('still searches, shows articles and troubleshoots', async () => {
    assert.equal((await request(app).get('/api/search').query({ q: 'despooler' })).status, 200);
    assert.equal(
      (await request(app).get('/search').query({ q: 'nothing matches zzqx' })).status,
      200,
      'a gap that cannot be recorded does not fail the search',
    );
    assert.equal((await request(app).get('/kb/Q161043')).status, 200);
    assert.equal((await request(app).post('/api/troubleshoot').type('text').send('Despooler failed to open the instruction file')).status, 200);
  });

  it('answers shares, feedback and reports with 503 saying what is down and what still works, naming no host', async () => {
    const cases = [
      request(app).post('/api/shared').send({ log: 'x' }),
      request(app).get('/api/shared/AAAAAAAAAAAAAAAAAAAA'),
      request(app).post('/api/feedback').send({ target: 'article', article: 'Q161043', helpful: true }),
      request(app).get('/api/reports').set('Authorization', `Bearer ${ADMIN_TOKEN}`),
      request(app).delete('/api/shared/AAAAAAAAAAAAAAAAAAAA').set('X-Owner-Key', 'k'),
    ];
    for (const res of await Promise.all(cases)) {
      assert.equal(res.status, 503, res.text);
      assert.equal(res.body.error.code, 'storage_unavailable');
      assert.match(res.body.error.message, /PostgreSQL database is unavailable.*Search, articles and troubleshooting still work/);
      assert.doesNotMatch(res.text, /127\.0\.0\.1|secret|kbsleuth:?\d/);
    }
    const page = await request(app).get('/t/AAAAAAAAAAAAAAAAAAAA').set('Accept', 'text/html');
    assert.equal(page.status, 503);
    assert.match(page.text, /<title>Error 503<\/title>[\s\S]*PostgreSQL database is unavailable/);
  });
});

describe('web/metrics: /metrics', () => {
  it('answers 404 without an ADMIN_TOKEN, 401 without the right bearer token', async () => {
    const kb = await openKnowledgeBase();
    assert.equal((await request(createApp({ kb, storage: sqliteStorage() }, TEST_APP_OPTIONS)).get('/metrics')).status, 404);
    const app = createApp({ kb, storage: sqliteStorage() }, { ...TEST_APP_OPTIONS, adminToken: 'tok-123456' });
    const none = await request(app).get('/metrics');
    assert.equal(none.status, 401);
    assert.match(none.headers['www-authenticate'], /^Bearer/);
    assert.equal((await request(app).get('/metrics').set('Authorization', 'Bearer tok-12345')).status, 401);
    assert.equal((await request(app).get('/metrics').set('Authorization', 'Basic tok-123456')).status, 401);
  });

  it('counts requests and latency by route pattern (not by raw path), and reports the index and the store', async () => {
    const app = createApp({ kb: await openKnowledgeBase(), storage: sqliteStorage() }, { ...TEST_APP_OPTIONS, adminToken: 'tok-123456' });
    await request(app).get('/api/search').query({ q: 'despooler' });
    await request(app).get('/api/search').query({ q: 'other words' });
    await request(app).get('/kb/Q161043');
    await request(app).get('/no/such/page');
    const res = await request(app).get('/metrics').set('Authorization', 'Bearer tok-123456');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
    assert.match(res.text, /^kbsleuth_http_requests_total\{method="GET",route="\/api\/search",status="200"\} 2$/m);
    assert.match(res.text, /^kbsleuth_http_requests_total\{method="GET",route="\/kb\/:id",status="200"\} 1$/m);
    assert.match(res.text, /^kbsleuth_http_requests_total\{method="GET",route="not found",status="404"\} 1$/m);
    assert.match(res.text, /^kbsleuth_http_request_duration_seconds_count\{method="GET",route="\/api\/search"\} 2$/m);
    assert.match(res.text, /^kbsleuth_index_articles 30$/m);
    assert.match(res.text, /^kbsleuth_index_ready 1$/m);
    assert.match(res.text, /^kbsleuth_index_age_seconds \d/m);
    assert.match(res.text, /^kbsleuth_storage_up\{kind="sqlite"\} 1$/m);
    assert.doesNotMatch(res.text, /Q161043|despooler/, 'no raw path or query becomes a label');
  });

  it('counts the store errors while PostgreSQL is unreachable', async () => {
    const storage = new PgStorage({ connectionString: `postgres://127.0.0.1:${await closedPort()}/kb`, connectTimeoutMs: 1000, log: () => undefined });
    const app = createApp({ kb: await openKnowledgeBase(), storage }, { ...TEST_APP_OPTIONS, adminToken: 'tok-123456' });
    await request(app).post('/api/shared').send({ log: 'x' });
    const res = await request(app).get('/metrics').set('Authorization', 'Bearer tok-123456');
    assert.match(res.text, /^kbsleuth_storage_errors_total\{kind="postgres"\} [1-9]/m);
    assert.match(res.text, /^kbsleuth_storage_up\{kind="postgres"\} 0$/m);
    await storage.close();
  });
});

describe('web: TRUST_PROXY and the write limit', () => {
  const feedback = { target: 'article', article: 'Q161043', helpful: true };
  const appWith = async (trustProxy: number | string | false) =>
    createApp({ kb: await openKnowledgeBase(), storage: sqliteStorage() }, { ...TEST_APP_OPTIONS, writesPerMinute: 2, trustProxy });
  const writeAs = (app: ReturnType<typeof createApp>, client: string) => request(app).post('/api/feedback').set('X-Forwarded-For', client).send(feedback);

  it('counts each client behind one trusted proxy on its own', async () => {
    const app = await appWith(1);
    const statuses = [];
    for (const client of ['203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.2', '203.0.113.1']) statuses.push((await writeAs(app, client)).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 429]);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY, so a client cannot pick its own address', async () => {
    const app = await appWith(false);
    const statuses = [];
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await writeAs(app, client)).status);
    assert.deepEqual(statuses, [201, 201, 429]);
  });

  it('trusts only the listed proxy addresses', async () => {
    const app = await appWith('192.0.2.1');
    const statuses = [];
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await writeAs(app, client)).status);
    assert.deepEqual(statuses, [201, 201, 429], 'supertest connects from loopback, which is not listed');
  });
});
