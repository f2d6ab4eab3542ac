import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import request from 'supertest';
import { openDatabase, type Database } from '../../src/store/database.js';
import { SqliteStorage } from '../../src/store/sqlite-storage.js';
import { createApp } from '../../src/web/app.js';
import { LOG_FIXTURES_DIR, TEST_APP_OPTIONS, makeTempDataDir, openKnowledgeBase } from '../support/app.js';

const fixture = (name: string) => readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8');
const options = TEST_APP_OPTIONS;

let app: express.Express;
let db: Database;
let dataDir: string;
before(async () => {
  dataDir = makeTempDataDir();
  db = openDatabase(dataDir);
  app = createApp({ kb: await openKnowledgeBase(), storage: new SqliteStorage(db) }, options);
});

async function shareForm(fields: Record<string, string>, agent: { post: typeof request.agent.prototype.post } = request(app)): Promise<string> {
  const res = await agent.post('/t').type('form').send(fields);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  assert.match(res.headers.location, /^\/t\/[A-Za-z0-9_-]{20}$/);
  return res.headers.location;
}

/** The article ids of a troubleshoot page's diagnoses, in order. */
const diagnosedIds = (html: string) => [...html.matchAll(/<li class="diagnosis">\s*<h2><a href="\/kb\/(Q\d+)">/g)].map((m) => m[1]);

describe('web/shared: the Share form', () => {
  it('saves the paste and redirects to /t/<id>, which shows the same diagnosis', async () => {
    const url = await shareForm({ log: fixture('despooler-sms12.log') });
    const res = await request(app).get(url);
    assert.equal(res.status, 200);
    assert.equal(diagnosedIds(res.text)[0], 'Q161043');
    assert.match(res.text, /Shared diagnosis/);
    assert.match(res.text, /passwords, keys, user names, host names, addresses and paths masked/);
    assert.match(res.text, new RegExp(`value="http://127\\.0\\.0\\.1:\\d+${url}"|value="http://[^"]+${url}"`));
  });

  it('shares the paste as pasted only when the "without masking" box is ticked, and the page says so', async () => {
    const url = await shareForm({ log: 'Error 32 opening C:\\SMS\\x.ins password=Hunter2', unmasked: '1' });
    const saved = db.findShared(url.slice(3));
    assert.equal(saved?.redacted, false);
    assert.match(saved.log, /Hunter2/);
    assert.match((await request(app).get(url)).text, /not masked: the person who shared it chose to share the paste as pasted/);
  });

  it('masks the paste by default (no box ticked) and still diagnoses the masked text', async () => {
    const url = await shareForm({ log: fixture('despooler-sms12.log') });
    const saved = db.findShared(url.slice(3));
    assert.ok(saved?.redacted);
    assert.doesNotMatch(saved.log, /C:\\SMS/);
    assert.match(saved.log, /failed to open <path> WIN32 ERROR = 32/);
    const res = await request(app).get(url);
    assert.equal(diagnosedIds(res.text)[0], 'Q161043');
    assert.match(res.text, /passwords, keys, user names, host names, addresses and paths masked/);
  });

  it('offers the Share form with an unticked "share without masking" box on a fresh result, and a preview button', async () => {
    const res = await request(app)
      .post('/troubleshoot')
      .type('form')
      .send({ log: fixture('despooler-sms12.log') });
    assert.match(res.text, /<form method="post" action="\/t" class="share-form">/);
    assert.match(res.text, /<input type="checkbox" name="unmasked" value="1"> Share without masking/);
    assert.match(res.text, /formaction="\/t\/preview"/);
  });

  it('previews what masking changes, escaped, with a form that shares the masked paste', async () => {
    const res = await request(app).post('/t/preview').type('form').send({ log: 'NT user CORP\\kwong on \\\\MAILSRV2\\x <script>alert(1)</script>' });
    assert.equal(res.status, 200);
    assert.match(res.text, /3 values will be masked:\s+1 path, 1 user name, 1 host name\./);
    assert.match(res.text, /<mark class="masked" title="CORP\\kwong">&lt;user&gt;<\/mark>/);
    assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.doesNotMatch(res.text, /name="unmasked"/);
  });

  it('answers 400 for an empty paste', async () => {
    const res = await request(app).post('/t').type('form').send({ log: '  ' });
    assert.equal(res.status, 400);
  });
});

describe('web/shared: answering the question keeps the state in the URL', () => {
  it('asks the version on a shared result with GET links carrying the answer', async () => {
    const url = await shareForm({ log: fixture('rules-event-1025.txt') });
    const page = await request(app).get(url);
    const links = [...page.text.matchAll(/class="choice" href="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(links.includes(`${url}?answer.version:exchange=5.5`), links.join(' '));
    const answered = await request(app).get(`${url}?answer.version:exchange=5.5`);
    assert.equal(answered.status, 200);
    assert.doesNotMatch(answered.text, /class="choice"/);
    assert.equal(diagnosedIds(answered.text)[0], 'Q900011');
    assert.match(answered.text, /class="verdict applies"/);
  });

  it('carries the answer into the diagnosis ticket link as ?version=', async () => {
    const url = await shareForm({ log: fixture('rules-event-1025.txt') });
    const answered = await request(app).get(`${url}?answer.version:exchange=5.5`);
    assert.match(answered.text, /data-src="\/api\/articles\/Q900011\?format=text&amp;version=5\.5"/);
  });

  it('keeps answers saved with the share', async () => {
    const url = await shareForm({ log: fixture('rules-event-1025.txt'), 'answer:version:exchange': '5.0' });
    const page = await request(app).get(url);
    assert.equal(diagnosedIds(page.text)[0], 'Q900010');
  });
});

describe('web/shared: deleting', () => {
  it('deletes through the page form from the browser that shared it, and then answers 404', async () => {
    const owner = request.agent(app);
    const url = await shareForm({ log: fixture('despooler-sms12.log') }, owner);
    assert.match((await owner.get(url)).text, /Delete this shared result/);
    const del = await owner.post(`${url}/delete`).type('form').send({});
    assert.equal(del.status, 303);
    assert.equal(del.headers.location, '/troubleshoot?deleted=1');
    assert.equal((await request(app).get(url).set('Accept', 'text/html')).status, 404);
    assert.match((await request(app).get('/troubleshoot?deleted=1')).text, /The shared result was deleted/);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAA', 'short', '..%2F..%2Fetc']) {
      assert.equal((await request(app).get(`/t/${id}`).set('Accept', 'text/html')).status, 404, id);
    }
  });
});

describe('web/shared: JSON API', () => {
  it('POST /api/shared saves {log, answers, redact} and answers 201 {id, url}', async () => {
    const res = await request(app)
      .post('/api/shared')
      .send({ log: fixture('despooler-sms12.log'), answers: { 'version:sms': '1.2' }, redact: true });
    assert.equal(res.status, 201, res.text);
    assert.match(res.body.id, /^[A-Za-z0-9_-]{20}$/);
    assert.match(res.body.url, new RegExp(`/t/${res.body.id}$`));
    assert.equal(res.body.redacted, true);
    const got = await request(app).get(`/api/shared/${res.body.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.answers, { 'version:sms': '1.2' });
    assert.equal(got.body.result.diagnoses[0].id, 'Q161043');
    assert.doesNotMatch(got.body.log, /C:\\SMS/);
  });

  it('DELETE /api/shared/<id> with the owner key removes it (204), then 404', async () => {
    const { body } = await request(app).post('/api/shared').send({ log: 'Error 32 somewhere' });
    assert.match(body.ownerKey, /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await request(app).delete(`/api/shared/${body.id}`).set('X-Owner-Key', body.ownerKey)).status, 204);
    assert.equal((await request(app).get(`/api/shared/${body.id}`)).status, 404);
    assert.equal((await request(app).delete(`/api/shared/${body.id}`).set('X-Owner-Key', body.ownerKey)).status, 404);
  });

  it('answers 400 naming the field for a body without log', async () => {
    const res = await request(app).post('/api/shared').send({ answers: {} });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /log/);
  });

  it('keeps shared results across a restart (a new app over the same DATA_DIR)', async () => {
    const { body } = await request(app)
      .post('/api/shared')
      .send({ log: fixture('despooler-sms12.log') });
    const again = createApp({ kb: await openKnowledgeBase(), storage: new SqliteStorage(openDatabase(dataDir)) }, options);
    const res = await request(again).get(`/t/${body.id}`);
    assert.equal(res.status, 200);
    assert.equal(diagnosedIds(res.text)[0], 'Q161043');
  });
});

describe('web/shared: same-origin check on state-changing routes', () => {
  it('refuses a form posted from another site with 403 and says why', async () => {
    const res = await request(app).post('/t').set('Origin', 'http://evil.example').set('Accept', 'text/html').type('form').send({ log: 'x' });
    assert.equal(res.status, 403);
    assert.match(res.text, /came from http:\/\/evil\.example, not from this server/);
  });

  it('refuses a JSON request whose Referer names another host', async () => {
    const res = await request(app).post('/api/shared').set('Referer', 'http://evil.example/page').send({ log: 'x' });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'cross_origin');
  });

  it('refuses Origin: null (a sandboxed or file page)', async () => {
    const res = await request(app).delete('/api/shared/AAAAAAAAAAAAAAAAAAAA').set('Origin', 'null');
    assert.equal(res.status, 403);
  });

  it('accepts a request whose Origin matches the Host', async () => {
    const res = await request(app).post('/api/shared').set('Host', 'kb.local:3000').set('Origin', 'http://kb.local:3000').send({ log: 'Error 32' });
    assert.equal(res.status, 201, res.text);
  });

  it('accepts an API client sending neither Origin nor Referer', async () => {
    const res = await request(app).post('/api/shared').send({ log: 'Error 32' });
    assert.equal(res.status, 201);
  });

  it('leaves GET requests alone whatever their Referer', async () => {
    const res = await request(app).get('/troubleshoot').set('Referer', 'http://elsewhere.example/');
    assert.equal(res.status, 200);
  });
});
