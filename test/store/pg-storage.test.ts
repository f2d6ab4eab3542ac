/**
 * What only the PostgreSQL store does: schema steps applied once by hosts starting together, refused when
 * the database is newer, never destructive; and an unreachable database answered with a 503 naming no
 * host, then used again as soon as it is back (through a TCP relay the test opens and closes).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../src/web/app.js';
import { PG_STEPS } from '../../src/store/pg-schema.js';
import { PgStorage, describeUrl, unavailableReason } from '../../src/store/pg-storage.js';
import { StorageUnavailableError } from '../../src/store/storage.js';
import { countSavedGaps, recordGapSafely, saveWaitingGaps } from '../../src/web/knowledge-gaps.js';
import { StorageRateLimitStore } from '../../src/web/rate-limit.js';
import { PG_SKIP, TEST_DATABASE_URL, dropTestSchemas, makeTestSchema, pgStorageOn } from '../support/pg.js';
import { TEST_APP_OPTIONS, openKnowledgeBase } from '../support/app.js';

describe('store/pg-schema: steps', () => {
  it('only add: no step drops, truncates, deletes, renames or retypes anything', () => {
    for (const [i, step] of PG_STEPS.entries()) {
      assert.doesNotMatch(step.sql, /\b(DROP|TRUNCATE|DELETE|RENAME)\b|ALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE/i, `step ${i + 1} (${step.description})`);
      assert.ok(step.description.trim(), `step ${i + 1} has a description for db status`);
    }
  });
});

describe('store/pg-storage: naming and reasons', () => {
  it('names the database by host, port and name, never the password', () => {
    assert.equal(describeUrl('postgres://kb:s3cret@db01.example:6543/kbsleuth?sslmode=require'), 'db01.example:6543/kbsleuth');
    assert.equal(describeUrl('postgres://db01/kb'), 'db01:5432/kb');
    assert.equal(describeUrl('not a url'), 'the DATABASE_URL database');
  });

  const cases: [string, unknown, string | undefined][] = [
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }), 'connection refused'],
    [
      'an administrator shutdown',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      'the database is shutting down or starting up',
    ],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect'), 'connection timed out'],
    ['a dropped connection', new Error('Connection terminated unexpectedly'), 'connection lost'],
    ['a wrong password', Object.assign(new Error('password authentication failed'), { code: '28P01' }), 'the database refused the login: check DATABASE_URL'],
    [
      'a refused connection to each address of a host',
      Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {}),
      'connection refused',
    ],
    ['a unique violation (a statement error, not an outage)', Object.assign(new Error('duplicate key'), { code: '23505' }), undefined],
  ];
  for (const [name, err, reason] of cases) {
    it(`reads ${name} as ${reason ?? 'no outage'}`, () => assert.equal(unavailableReason(err), reason));
  }
});

/** A TCP relay to the test server that the test can cut (the database "goes down") and restore. */
async function relayTo(url: string) {
  const target = new URL(url);
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server!.close(() => resolve());
    });
  await open();
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(port);
  return { url: relayed.toString(), cut, open };
}

/** A store in a schema of its own, reaching the test server through a relay the test can cut; it waits 1 s to connect. */
async function storeBehindRelay(log: (message: string) => void = () => undefined) {
  const relay = await relayTo(TEST_DATABASE_URL!);
  const store = new PgStorage({ connectionString: relay.url, searchPath: await makeTestSchema(), connectTimeoutMs: 1000, log });
  return { relay, store };
}

describe('store/pg-storage on a PostgreSQL server', { skip: PG_SKIP }, () => {
  after(() => dropTestSchemas());

  it('applies each step once when several hosts start at the same moment', async () => {
    const schema = await makeTestSchema();
    const hosts = Array.from({ length: 4 }, () => pgStorageOn(schema));
    const statuses = await Promise.all(hosts.map((h) => h.migrate()));
    for (const s of statuses) assert.deepEqual([s.current, s.pending], [PG_STEPS.length, []]);
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM kbsleuth_schema ORDER BY version');
    await client.end();
    assert.deepEqual(
      rows.map((r) => r.version),
      PG_STEPS.map((_, i) => i + 1),
    );
    for (const h of hosts) await h.close();
  });

  it('reports the pending steps of an empty database without applying them', async () => {
    const store = pgStorageOn(await makeTestSchema());
    const status = await store.status();
    assert.equal(status.current, 0);
    assert.deepEqual(
      status.pending,
      PG_STEPS.map((s) => s.description),
    );
    assert.equal((await store.status()).current, 0, 'status changed nothing');
    await store.close();
  });

  it('keeps serving on a database a newer kbsleuth migrated (steps only add), and says so', async () => {
    const schema = await makeTestSchema();
    const store = pgStorageOn(schema);
    await store.migrate();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await client.connect();
    await client.query("INSERT INTO kbsleuth_schema (version, description) VALUES (99, 'from the future')");
    await client.end();
    const logged: string[] = [];
    const older = pgStorageOn(schema, { log: (m) => logged.push(m) });
    const { id } = await older.saveShared({ log: 'saved by a host not yet upgraded' });
    assert.equal((await store.findShared(id))?.log, 'saved by a host not yet upgraded');
    assert.match(logged.join('\n'), /schema version 99, newer than the \d+ this kbsleuth knows .*steps only add/);
    const status = await older.status();
    assert.deepEqual([status.current, status.pending], [99, []]);
    assert.match(status.note ?? '', /newer than the/);
    await store.close();
    await older.close();
  });

  it('starts while the database is down, and creates the schema once it answers', async () => {
    const { relay, store } = await storeBehindRelay();
    await relay.cut();
    await assert.rejects(store.saveShared({ log: 'too early' }), StorageUnavailableError);
    await assert.rejects(store.ping(), StorageUnavailableError);
    await relay.open();
    const { id } = await store.saveShared({ log: 'once it is up' });
    assert.equal((await store.findShared(id))?.log, 'once it is up');
    assert.deepEqual((await store.status()).pending, []);
    await store.close();
    await relay.cut();
  });

  it('goes on when a connection ends while checked out: the call fails, the process stays up, the next call works', async () => {
    const { relay, store } = await storeBehindRelay();
    await store.migrate(); // leaves an idle connection in the pool
    await relay.cut();
    // At once: the pool hands out the idle connection before it has read that the connection ended.
    await assert.rejects(store.status(), StorageUnavailableError);
    await relay.open();
    assert.deepEqual((await store.status()).pending, []);
    await store.close();
    await relay.cut();
  });

  it('counts the knowledge gaps seen while the database was down once it is back, each once', async () => {
    const { relay, store } = await storeBehindRelay();
    await store.recordGap('search', 'zzqv before the outage');
    await relay.cut();
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      for (const text of ['zzqv outage one', 'zzqv outage two', 'zzqv outage one']) recordGapSafely(store, { kind: 'search', text }, 100);
      const failed = store.errors;
      for (let i = 0; i < 100 && store.errors < failed + 3; i++) await new Promise((r) => setTimeout(r, 50));
      await relay.open();
      // Nothing more is seen: the retry alone counts them.
      let gaps: Awaited<ReturnType<typeof store.listGaps>> = [];
      for (let i = 0; i < 100 && gaps.reduce((n, g) => n + g.count, 0) < 4; i++) {
        await new Promise((r) => setTimeout(r, 50));
        gaps = await store.listGaps('search');
      }
      assert.deepEqual(gaps.map((g) => [g.text, g.count]).sort(), [
        ['zzqv before the outage', 1],
        ['zzqv outage one', 2],
        ['zzqv outage two', 1],
      ]);
      assert.equal(errors.filter((m) => /could not record a knowledge gap/.test(m)).length, 1, errors.join('\n'));
      assert.match(errors[0], /kept here .* counted once it answers/);
    } finally {
      console.error = consoleError;
      await store.close();
      await relay.cut();
    }
  });

  it('keeps the gaps still waiting at a stop in DATA_DIR, masked, and the next start counts them', async () => {
    const schema = await makeTestSchema();
    const relay = await relayTo(TEST_DATABASE_URL!);
    const store = new PgStorage({ connectionString: relay.url, searchPath: schema, connectTimeoutMs: 1000, log: () => undefined });
    await store.migrate();
    await relay.cut();
    const dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-gaps-kept-'));
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (m: string) => errors.push(m);
    const next = pgStorageOn(schema);
    try {
      const secret = 'zzqw login failed password=Hunter2Secret';
      for (const text of [secret, 'zzqw stop two', secret]) recordGapSafely(store, { kind: 'search', text }, 60_000);
      const failed = store.errors;
      for (let i = 0; i < 100 && store.errors < failed + 3; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(saveWaitingGaps(store, dir), 3);
      assert.equal(saveWaitingGaps(store, dir), 0, 'each gap is kept once');
      const files = readdirSync(dir);
      assert.equal(files.length, 1);
      assert.match(files[0], /^gaps-waiting\.\d+\.json$/);
      assert.doesNotMatch(readFileSync(path.join(dir, files[0]), 'utf8'), /Hunter2Secret/, 'no secret reaches the disk');
      assert.match(errors.at(-1)!, /3 knowledge gap\(s\) waiting for .* are kept in .*; the next start counts them/);
      await store.close();
      // The next process, the database up again; the same search seen once more, as typed.
      assert.equal(countSavedGaps(next, dir, 100), 3);
      await next.recordGap('search', secret);
      let gaps: Awaited<ReturnType<typeof next.listGaps>> = [];
      for (let i = 0; i < 100 && gaps.reduce((n, g) => n + g.count, 0) < 4; i++) {
        await new Promise((r) => setTimeout(r, 50));
        gaps = await next.listGaps('search');
      }
      const counts = gaps.map((g) => [g.text.replace(/password.*/, 'password…'), g.count]).sort();
      assert.deepEqual(counts, [
        ['zzqw login failed password…', 3],
        ['zzqw stop two', 1],
      ]);
      assert.ok(!gaps.some((g) => g.text.includes('Hunter2Secret')));
      assert.deepEqual(readdirSync(dir), [], 'the file is taken and removed');
    } finally {
      console.error = consoleError;
      await next.close();
      await relay.cut();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes the search page's gap report while the database is down and counts it once back; other writes answer 503", async () => {
    const { relay, store } = await storeBehindRelay();
    await store.migrate();
    const app = createApp({ kb: await openKnowledgeBase(), storage: store }, TEST_APP_OPTIONS);
    await relay.cut();
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      const gap = await request(app).post('/api/gaps').send({ q: 'zzqx qqvv xxkk' });
      assert.equal(gap.status, 201, JSON.stringify(gap.body));
      assert.deepEqual(gap.body, { recorded: true });
      const feedback = await request(app).post('/api/feedback').send({ target: 'article', article: 'Q161043', helpful: true });
      assert.equal(feedback.status, 503);
      await relay.open();
      // The next gap counted offers the one kept too.
      assert.equal((await request(app).post('/api/gaps').send({ q: 'zzqx wvvq kkzz' })).status, 201);
      let gaps: Awaited<ReturnType<typeof store.listGaps>> = [];
      for (let i = 0; i < 100 && gaps.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
        gaps = await store.listGaps('search');
      }
      assert.deepEqual(gaps.map((g) => [g.text, g.count]).sort(), [
        ['zzqx qqvv xxkk', 1],
        ['zzqx wvvq kkzz', 1],
      ]);
      assert.ok(
        errors.some((m) => /kept here/.test(m)),
        errors.join('\n'),
      );
    } finally {
      console.error = consoleError;
      await store.close();
      await relay.cut();
    }
  });

  it('limits gap reports per client with the counts of its own process while the database is down', async () => {
    const { relay, store } = await storeBehindRelay();
    await store.migrate();
    const app = createApp({ kb: await openKnowledgeBase(), storage: store }, { ...TEST_APP_OPTIONS, writesPerMinute: 3, trustProxy: 1 });
    await relay.cut();
    const consoleError = console.error;
    console.error = () => {};
    try {
      const from = (address: string, n: number) =>
        request(app)
          .post('/api/gaps')
          .set('X-Forwarded-For', address)
          .send({ q: `zzqx qqvv ${'xyzw'[n] ?? 'v'}kkzq` });
      for (let n = 0; n < 3; n++) assert.equal((await from('203.0.113.9', n)).status, 201, `report ${n + 1}`);
      const over = await from('203.0.113.9', 3);
      assert.equal(over.status, 429, JSON.stringify(over.body));
      assert.ok(Number(over.headers['retry-after']) > 0, 'says when to send again');
      assert.equal((await from('198.51.100.7', 4)).status, 201, 'another client still reports');
    } finally {
      console.error = consoleError;
      await store.close();
    }
  });

  it('counts a client in memory during an outage only when told to; otherwise the outage is an error', async () => {
    const { relay, store } = await storeBehindRelay();
    await store.migrate();
    await relay.cut();
    const limits = new StorageRateLimitStore(store, true);
    limits.init({ windowMs: 60_000 } as Parameters<StorageRateLimitStore['init']>[0]);
    try {
      assert.equal((await limits.increment('a')).totalHits, 1);
      assert.equal((await limits.increment('a')).totalHits, 2);
      assert.equal((await limits.increment('b')).totalHits, 1, 'each client apart');
      await assert.rejects(new StorageRateLimitStore(store).increment('a'), StorageUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('answers 503 naming no host while the database is unreachable, and works again without a restart once it is back', async () => {
    const logged: string[] = [];
    const { relay, store } = await storeBehindRelay((m) => logged.push(m));
    const { id } = await store.saveShared({ log: 'before the outage' });
    await relay.cut();
    const err = await store.findShared(id).then(
      () => assert.fail('read through a cut connection'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof StorageUnavailableError, String(err));
    assert.equal(err.status, 503);
    assert.match(err.message, /PostgreSQL database is unavailable \(connection (refused|lost|timed out)\).*Search, articles and troubleshooting still work/);
    assert.doesNotMatch(err.message, /127\.0\.0\.1|\d{4,5}/, 'no address or port in what users see');
    await assert.rejects(store.saveShared({ log: 'during' }), StorageUnavailableError);
    assert.ok(store.errors >= 2);
    assert.match(logged.join('\n'), /does not answer/);
    await relay.open();
    assert.equal((await store.findShared(id))?.log, 'before the outage');
    assert.match(logged.join('\n'), /answers again/);
    await store.close();
    await relay.cut();
  });
});
