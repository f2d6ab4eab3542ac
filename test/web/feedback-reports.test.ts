import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import request from 'supertest';
import { openDatabase, type Database } from '../../src/store/database.js';
import { SqliteStorage } from '../../src/store/sqlite-storage.js';
import { createApp } from '../../src/web/app.js';
import { backWithThanks } from '../../src/web/routes/feedback.js';
import { LOG_FIXTURES_DIR, TEST_APP_OPTIONS, makeTempDataDir, openKnowledgeBase } from '../support/app.js';

const fixture = (name: string) => readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8');
const ADMIN_TOKEN = 'test-admin-token-0123456789';
const options = { ...TEST_APP_OPTIONS, adminToken: ADMIN_TOKEN };
const asAdmin = (path: string) => request(app).get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`);

let app: express.Express;
let db: Database;
before(async () => {
  db = openDatabase(makeTempDataDir());
  app = createApp({ kb: await openKnowledgeBase(), storage: new SqliteStorage(db) }, options);
});

describe('web/feedback: "Did this solve it?"', () => {
  it('shows the yes/no form on an article page', async () => {
    const html = (await request(app).get('/kb/Q161043')).text;
    assert.match(html, /<form method="post" action="\/feedback" class="feedback" id="feedback-Q161043">/);
    assert.match(html, /name="helpful" value="yes"/);
    assert.match(html, /<input type="hidden" name="back" value="\/kb\/Q161043">/);
  });

  it('shows the form on each diagnosis', async () => {
    const html = (
      await request(app)
        .post('/troubleshoot')
        .type('form')
        .send({ log: fixture('two-problems.log') })
    ).text;
    const diagnoses = html.split('<li class="diagnosis">').length - 1;
    assert.ok(diagnoses >= 2);
    assert.equal(html.split('class="feedback"').length - 1, diagnoses);
  });

  it('records a form answer and redirects back with a thank-you', async () => {
    const res = await request(app)
      .post('/feedback')
      .type('form')
      .send({ target: 'article', article: 'Q161043', helpful: 'no', comment: 'about 2.0, not 1.2', back: '/kb/Q161043' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/kb/Q161043?thanks=Q161043#feedback-Q161043');
    assert.match((await request(app).get(res.headers.location)).text, /Thank you: your answer on Q161043 was recorded/);
    assert.equal(db.feedbackFor('Q161043')[0].comment, 'about 2.0, not 1.2');
  });

  it('records a JSON answer through POST /api/feedback', async () => {
    const res = await request(app).post('/api/feedback').send({ target: 'diagnosis', article: '207416', helpful: true });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.articleId, 'Q207416');
    assert.equal(res.body.helpful, true);
  });

  const bad: { name: string; body: Record<string, unknown>; status: number; message: RegExp }[] = [
    { name: 'an unknown target', body: { target: 'page', article: 'Q161043', helpful: true }, status: 400, message: /target/ },
    { name: 'no helpful answer', body: { target: 'article', article: 'Q161043' }, status: 400, message: /helpful/ },
    { name: 'an article not in the knowledge base', body: { target: 'article', article: 'Q1', helpful: false }, status: 404, message: /No article Q1/ },
    { name: 'a malformed article id', body: { target: 'article', article: 'abc', helpful: false }, status: 400, message: /not an article number/ },
  ];
  for (const c of bad) {
    it(`answers ${c.status} for ${c.name}`, async () => {
      const res = await request(app).post('/api/feedback').send(c.body);
      assert.equal(res.status, c.status, res.text);
      assert.match(res.body.error.message, c.message);
    });
  }

  it('refuses feedback posted from another site', async () => {
    const res = await request(app)
      .post('/feedback')
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ target: 'article', article: 'Q161043', helpful: 'yes', back: '/' });
    assert.equal(res.status, 403);
  });

  const backs: [string, string][] = [
    ['/kb/Q161043', '/kb/Q161043?thanks=Q9#feedback-Q9'],
    ['/t/abc?answer.version:sms=1.2', '/t/abc?answer.version%3Asms=1.2&thanks=Q9#feedback-Q9'],
    ['//evil.example/x', '/?thanks=Q9#feedback-Q9'],
    ['https://evil.example/', '/?thanks=Q9#feedback-Q9'],
    ['/\\evil.example', '/?thanks=Q9#feedback-Q9'],
    ['/.//evil.com/x', '/?thanks=Q9#feedback-Q9'],
    ['/a/..//evil.com', '/?thanks=Q9#feedback-Q9'],
    ['/%2e//evil.com', '/?thanks=Q9#feedback-Q9'],
  ];
  for (const [back, expected] of backs) {
    it(`returns to ${expected} for back=${back}`, () => {
      assert.equal(backWithThanks(back, 'Q9'), expected);
    });
  }
});

describe('web/reports: knowledge gaps and unhelpful articles', () => {
  it('counts a search with no results reported by POST /api/gaps (the page script), and lists it with its dates', async () => {
    assert.equal((await request(app).post('/api/gaps').send({ q: 'zzqx frobnicator' })).status, 201);
    assert.equal((await request(app).post('/api/gaps').send({ q: 'ZZQX   frobnicator' })).status, 201);
    const html = (await asAdmin('/reports')).text;
    const row =
      /<a href="\/search\?q=zzqx%20frobnicator">zzqx frobnicator<\/a><\/td><td class="num">(\d+)<\/td><td class="date first">(\d{4}-\d\d-\d\d)<\/td>/.exec(
        html,
      );
    assert.ok(row, html.slice(html.indexOf('id="searches"'), html.indexOf('id="pastes"')));
    assert.equal(row[1], '2');
  });

  it('does not count a search that found something', async () => {
    const res = await request(app).post('/api/gaps').send({ q: 'despooler' });
    assert.deepEqual([res.status, res.body], [200, { recorded: false }]);
    const { body } = await asAdmin('/api/reports');
    assert.ok(!body.searches.some((g: { text: string }) => /despooler/i.test(g.text)));
  });

  it('counts a paste nothing explained, masked, but not a paste that was explained', async () => {
    await request(app)
      .post('/troubleshoot')
      .type('form')
      .send({ log: fixture('nothing-known.log') });
    await request(app)
      .post('/api/troubleshoot')
      .send({ log: fixture('despooler-sms12.log') });
    await request(app).post('/api/troubleshoot').type('text').send('Fatal: widget spline at \\\\BUILD7\\drop failed to reticulate');
    const { body } = await asAdmin('/api/reports');
    assert.equal(body.pastes.length, 2, JSON.stringify(body.pastes));
    assert.ok(
      body.pastes.some((g: { text: string }) => g.text.includes('failed to reticulate') && !g.text.includes('BUILD7')),
      JSON.stringify(body.pastes),
    );
    assert.ok(!body.pastes.some((g: { text: string }) => /10000A3B/.test(g.text)));
  });

  it('lists articles marked unhelpful with their title, counts and comments', async () => {
    await request(app).post('/api/feedback').send({ target: 'article', article: 'Q900007', helpful: false, comment: 'still crashes <b>after</b> SP5' });
    const html = (await asAdmin('/reports')).text;
    const section = html.slice(html.indexOf('id="unhelpful"'));
    assert.match(section, /<a href="\/kb\/Q900007">Q900007<\/a> /);
    assert.match(section, /<li>still crashes &lt;b&gt;after&lt;\/b&gt; SP5<\/li>/);
  });

  it('links the reports page from every page header', async () => {
    assert.match((await request(app).get('/')).text, /<a href="\/reports">Reports<\/a>/);
  });
});

describe('web/api: ticket text', () => {
  it('gives markdown with an absolute link and the fix status with ?format=markdown', async () => {
    const res = await request(app).get('/api/articles/Q161043?format=markdown');
    assert.equal(res.status, 200);
    assert.match(res.type, /text\/markdown/);
    assert.match(res.text, /^\*\*\[Q161043: SMS: Despooler[^\n]*\]\(http:\/\/[^)]+\/kb\/Q161043\)\*\*\n/);
    assert.match(res.text, /- \*\*Fix status:\*\* Fixed \(Systems Management Server 1\.2 Service Pack\)/);
    assert.match(res.text, /\*\*CAUSE\*\*/);
  });

  it('adds the fix status for the version given', async () => {
    const res = await request(app).get('/api/articles/Q161043?format=text&version=1.2');
    assert.match(res.text, /\nYour version: Systems Management Server 1\.2 is affected\. Fixed in Systems Management Server 1\.2 Service Pack: apply it\./);
  });

  it('says when the article is about another version', async () => {
    const res = await request(app).get('/api/articles/Q900010?format=text&version=5.5');
    assert.match(res.text, /Your version: This article is about version 5\.0, not Exchange Server 5\.5\./);
  });

  it('reflows hard-wrapped prose into one line per paragraph and keeps indented commands', async () => {
    const res = await request(app).get('/api/articles/Q161043?format=text');
    const cause = res.text.split('CAUSE:\n')[1].split('\n')[0];
    assert.ok(cause.length > 200, cause);
    assert.match(res.text, /\n {6}Stopexec\.cmd contains:/);
  });

  it('answers 400 for an unknown format', async () => {
    const res = await request(app).get('/api/articles/Q161043?format=pdf');
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /format=json \(the default\), text or markdown/);
  });
});
