/**
 * Two hosts behind one balancer, end to end: two real `kbsleuth serve` processes on separate DATA_DIRs over
 * the bundled kb/, one PostgreSQL of the test's own (so it can be stopped and started). A share made on one
 * opens on the other, and a stranger cannot delete it on either; the write limit counts across both; with PostgreSQL stopped, search still answers and
 * shares answer 503; started again, shares work without restarting either host.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServe, type ServeProcess } from '../../scripts/serve-process.js';
import { PROJECT_KB_DIR, makeTempDataDir } from '../support/app.js';
import { privatePostgresSkip, startPrivatePostgres, type PrivatePostgres } from '../support/pg.js';

/** Writes a client may make a minute, across both hosts. */
const LIMIT = 10;

interface Host {
  name: string;
  base: string;
  server: ServeProcess;
}

async function startHost(name: string, databaseUrl: string): Promise<Host> {
  const server = startServe({
    HOST: '127.0.0.1',
    KB_DIR: PROJECT_KB_DIR,
    DATA_DIR: makeTempDataDir(),
    DATABASE_URL: databaseUrl,
    WATCH: '0',
    WORKERS: '1',
    WRITES_PER_MINUTE: String(LIMIT),
    NODE_ENV: 'test',
  });
  process.once('exit', () => server.child.exitCode === null && server.child.kill('SIGKILL'));
  const [base] = await Promise.all([server.listening, server.ready]);
  return { name, base, server };
}

async function call(
  host: Host,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(new URL(path, host.base), {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

describe('two hosts on one PostgreSQL (real servers)', { skip: privatePostgresSkip() }, () => {
  let pg: PrivatePostgres;
  let a: Host;
  let b: Host;
  let sharedId: string;

  before(async () => {
    pg = startPrivatePostgres();
    [a, b] = await Promise.all([startHost('a', pg.url), startHost('b', pg.url)]);
  });
  after(async () => {
    await Promise.all([a?.server.stop(), b?.server.stop()]);
    pg?.destroy();
  });

  it('is ready on both hosts, with the store shared', async () => {
    for (const host of [a, b]) {
      const ready = await call(host, 'GET', '/readyz');
      assert.equal(ready.status, 200, `${host.name}: ${ready.text}`);
      assert.equal(ready.json.storageKind, 'postgres');
    }
  });

  it('opens a share made on one host on the other', async () => {
    const made = await call(a, 'POST', '/api/shared', { log: 'Despooler failed to open the instruction file\nmade on host a' });
    assert.equal(made.status, 201, made.text);
    sharedId = made.json.id;
    const seen = await call(b, 'GET', `/api/shared/${sharedId}`);
    assert.equal(seen.status, 200, seen.text);
    assert.match(seen.json.log, /made on host a/);
    assert.equal((await call(b, 'GET', `/t/${sharedId}`)).status, 200);
  });

  it('lets no stranger delete the share on either host', async () => {
    for (const host of [a, b]) {
      for (const headers of [{}, { 'X-Owner-Key': 'not-the-key-' + 'x'.repeat(32) }] as Record<string, string>[]) {
        const res = await call(host, 'DELETE', `/api/shared/${sharedId}`, undefined, headers);
        assert.equal(res.status, 403, `${host.name}: ${res.text}`);
      }
      assert.equal((await call(host, 'GET', `/api/shared/${sharedId}`)).status, 200);
    }
  });

  it('lets the owner delete a share from the other host', async () => {
    const made = await call(b, 'POST', '/api/shared', { log: 'made on host b, deleted from host a' });
    assert.equal(made.status, 201, made.text);
    const res = await call(a, 'DELETE', `/api/shared/${made.json.id}`, undefined, { 'X-Owner-Key': made.json.ownerKey });
    assert.equal(res.status, 204, res.text);
    assert.equal((await call(b, 'GET', `/api/shared/${made.json.id}`)).status, 404);
  });

  it('counts the write limit across both hosts', async () => {
    // Seven writes are counted already (two shares, four refused deletions, one deletion); the rest of the
    // minute's go to both hosts in turn.
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT - 5; i++) {
      const host = i % 2 ? a : b;
      statuses.push((await call(host, 'POST', '/api/feedback', { target: 'article', article: 'Q161043', helpful: true })).status);
    }
    assert.deepEqual(statuses, [...Array(LIMIT - 7).fill(201), 429, 429]);
  });

  it('keeps searching while PostgreSQL is stopped, answers shares with 503, and uses it again once started, without a restart', async () => {
    pg.stop();
    for (const host of [a, b]) {
      const search = await call(host, 'GET', '/api/search?q=despooler');
      assert.equal(search.status, 200, `${host.name} search: ${search.text}`);
      assert.ok(search.json.total > 0);
      const troubleshoot = await fetch(new URL('/api/troubleshoot', host.base), {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'Despooler failed to open the instruction file',
      });
      assert.equal(troubleshoot.status, 200);
      const share = await call(host, 'GET', `/api/shared/${sharedId}`);
      assert.equal(share.status, 503, `${host.name} share: ${share.text}`);
      assert.match(share.json.error.message, /PostgreSQL database is unavailable/);
      const ready = await call(host, 'GET', '/readyz');
      assert.equal(ready.status, 503);
      assert.equal((await call(host, 'GET', '/healthz')).status, 200, 'alive: the balancer takes it out, nothing restarts it');
    }
    pg.resume();
    for (const host of [b, a]) {
      const share = await call(host, 'GET', `/api/shared/${sharedId}`);
      assert.equal(share.status, 200, `${host.name} after the restart of PostgreSQL: ${share.text}`);
      assert.equal((await call(host, 'GET', '/readyz')).status, 200);
    }
    assert.match(a.server.stderr(), /does not answer[\s\S]*answers again/, 'the outage and the recovery are logged');
  });
});
