/**
 * The reproductions of issue 12 ("pasted logs are private"), each kept as a test: what anyone could read,
 * write or delete before, and what a link author could make the pages say.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type express from 'express';
import request from 'supertest';
import { openDatabase, type Database } from '../../src/store/database.js';
import type { TroubleshootResult } from '../../src/types.js';
import { createApp } from '../../src/web/app.js';
import { SECRET_SHAPES } from '../fixtures/privacy/secret-shapes.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LOG_FIXTURES_DIR, TEST_APP_OPTIONS, makeTempDataDir, openKnowledgeBase } from '../support/app.js';

const ADMIN_TOKEN = 'privacy-admin-token-0123456789';
let app: express.Express;
let db: Database;
before(async () => {
  db = openDatabase(makeTempDataDir());
  app = createApp({ kb: await openKnowledgeBase(), db }, { ...TEST_APP_OPTIONS, adminToken: ADMIN_TOKEN });
});
const reports = async () => (await request(app).get('/api/reports').set('Authorization', `Bearer ${ADMIN_TOKEN}`)).body as { searches: { text: string; count: number }[]; pastes: { text: string }[] };
/** Every secret of the corpus, in one paste. */
const CORPUS_PASTE = SECRET_SHAPES.map((s) => s.line).join('\n');
// Short plain words ('root', 'admin') also stand unmasked elsewhere in the corpus, as prose: the rest must not.
const ALL_SECRETS = SECRET_SHAPES.flatMap((s) => s.secrets).filter((x) => x.length >= 7 || /[^a-z]/.test(x));
const leaked = (text: string) => ALL_SECRETS.filter((secret) => text.includes(secret));

describe('privacy: the reports are for admins', () => {
  it('does not exist (404) when ADMIN_TOKEN is not set', async () => {
    const off = createApp({ kb: await openKnowledgeBase(), db }, TEST_APP_OPTIONS);
    assert.equal((await request(off).get('/reports').set('Accept', 'text/html')).status, 404);
    assert.equal((await request(off).get('/api/reports')).status, 404);
  });

  it('answers 401 with a sign-in form to anyone without the token', async () => {
    const page = await request(app).get('/reports').set('Accept', 'text/html');
    assert.equal(page.status, 401);
    assert.match(page.text, /<form method="post" action="\/reports\/login"/);
    assert.doesNotMatch(page.text, /id="searches"/);
    const api = await request(app).get('/api/reports');
    assert.equal(api.status, 401);
    assert.equal(api.headers['www-authenticate'], 'Bearer realm="kbsleuth reports"');
    assert.equal((await request(app).get('/api/reports').set('Authorization', 'Bearer wrong-token-wrong-token')).status, 401);
  });

  it('opens with the bearer token, or with the session cookie the sign-in form sets', async () => {
    assert.equal((await request(app).get('/api/reports').set('Authorization', `Bearer ${ADMIN_TOKEN}`)).status, 200);
    const browser = request.agent(app);
    assert.equal((await browser.post('/reports/login').type('form').send({ token: 'not the token at all' })).status, 401);
    const login = await browser.post('/reports/login').type('form').send({ token: ADMIN_TOKEN });
    assert.equal(login.status, 303);
    assert.match(String(login.headers['set-cookie']), /kbsleuth_admin=[^;]+;.*HttpOnly.*SameSite=Strict/i);
    assert.equal((await browser.get('/reports')).status, 200);
    await browser.post('/reports/logout').send();
    assert.equal((await browser.get('/reports').set('Accept', 'text/html')).status, 401);
  });
});

describe('privacy: knowledge gaps are recorded on purpose only, and hold no secret', () => {
  it('records nothing for a GET any page could make through an <img> (/search, /api/search)', async () => {
    await request(app).get('/search?q=imgattack+zzqv+password%3DHunter2');
    await request(app).get('/api/search?q=imgattack+zzqv');
    assert.ok(!(await reports()).searches.some((g) => g.text.includes('imgattack')));
  });

  it('refuses a gap report posted from another site', async () => {
    const res = await request(app).post('/api/gaps').set('Origin', 'https://evil.example').send({ q: 'crosssite zzqv' });
    assert.equal(res.status, 403);
  });

  it('masks and templates a typed secret, and counts repeats in one row', async () => {
    for (const pw of ['Hunter2!', 'Other99#', 'Third77$']) await request(app).post('/api/gaps').send({ q: `zzqv qqxj pwd=${pw} Bearer abcdef123456` });
    const rows = (await reports()).searches.filter((g) => g.text.includes('zzqv qqxj'));
    assert.equal(rows.length, 1, JSON.stringify(rows));
    assert.equal(rows[0].count, 3);
    assert.doesNotMatch(rows[0].text, /Hunter2|Other99|Third77|abcdef123456/);
  });

  it('keeps no secret of a paste nothing explained', async () => {
    // Lines no article explains, each carrying secrets of the corpus: recorded as one gap, masked.
    const shapes = SECRET_SHAPES.filter((c) => /token|key|URL|cookie|JWT|Bearer|password=|pwd/i.test(c.name) && !c.line.includes('\n'));
    const paste = shapes.map((c) => `qqzx spline reticulation ${c.line}`).join('\n');
    const res = await request(app).post('/api/troubleshoot').type('text').send(paste);
    assert.ok(res.body.notice, 'nothing explains the paste');
    const pastes = (await reports()).pastes;
    assert.ok(pastes.some((g) => g.text.includes('spline reticulation')), JSON.stringify(pastes));
    for (const g of pastes) assert.deepEqual(leaked(g.text), [], g.text);
  });

  it('masks a feedback comment before keeping it', async () => {
    await request(app).post('/api/feedback').send({ target: 'article', article: 'Q161043', helpful: false, comment: 'tried net use \\\\FS01\\x Pa55word /user:CONTOSO\\jdoe' });
    assert.doesNotMatch(db.feedbackFor('Q161043')[0].comment ?? '', /Pa55word|FS01|jdoe/);
  });
});

describe('privacy: shares are masked, owned, bounded and expire', () => {
  it(`masks every shape of the corpus (${SECRET_SHAPES.length}) when the API is not told otherwise`, async () => {
    const res = await request(app).post('/api/shared').send({ log: CORPUS_PASTE });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.redacted, true);
    const got = await request(app).get(`/api/shared/${res.body.id}`);
    assert.deepEqual(leaked(got.body.log), []);
    const page = (await request(app).get(`/t/${res.body.id}`)).text;
    // The paste as the page shows it (the diagnoses around it quote articles, which may hold any word).
    assert.deepEqual(leaked(page.slice(page.indexOf('<ol class="pasted-log">'))), []);
  });

  it('keeps the paste as pasted only on an explicit "redact": false', async () => {
    const res = await request(app).post('/api/shared').send({ log: 'Error 32 password=Hunter2', redact: false });
    assert.equal(res.body.redacted, false);
    assert.match((await request(app).get(`/api/shared/${res.body.id}`)).body.log, /Hunter2/);
  });

  it('lets nobody but the owner delete a share: no button, 403 by form and by API', async () => {
    const { body } = await request(app).post('/api/shared').send({ log: 'Error 32 somewhere' });
    const viewer = await request(app).get(`/t/${body.id}`);
    assert.doesNotMatch(viewer.text, /Delete this shared result/);
    assert.equal((await request(app).post(`/t/${body.id}/delete`).type('form').send({})).status, 403);
    assert.equal((await request(app).delete(`/api/shared/${body.id}`)).status, 403);
    assert.equal((await request(app).delete(`/api/shared/${body.id}`).set('X-Owner-Key', 'A'.repeat(43))).status, 403);
    assert.equal((await request(app).get(`/api/shared/${body.id}`)).status, 200);
    assert.equal((await request(app).delete(`/api/shared/${body.id}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`)).status, 204);
  });

  it('says on the page until when a share is kept, and forgets it after SHARE_TTL_DAYS', async () => {
    let now = Date.parse('2024-01-01T00:00:00Z');
    const clocked = openDatabase(makeTempDataDir(), { now: () => new Date(now), shareTtlDays: 90 });
    const timed = createApp({ kb: await openKnowledgeBase(), db: clocked }, { ...TEST_APP_OPTIONS, shareTtlDays: 90 });
    const { body } = await request(timed).post('/api/shared').send({ log: 'Error 32 somewhere' });
    assert.equal(body.expiresAt, '2024-03-31T00:00:00.000Z');
    assert.match((await request(timed).get(`/t/${body.id}`)).text, /kept until <time datetime="2024-03-31T00:00:00.000Z">2024-03-31<\/time>, then deleted/);
    now += 91 * 86_400_000;
    assert.equal((await request(timed).get(`/api/shared/${body.id}`)).status, 404);
    assert.equal(clocked.sweepExpiredShares(), 1);
  });

  it('shows the diagnosis stored with the share instead of working it out again', async () => {
    const stored = { diagnoses: [], unexplained: [], answers: {}, notice: 'STORED-DIAGNOSIS-MARKER', signals: { codes: [], hints: {}, lines: 1, distinctLines: 1, truncated: false } } as unknown as TroubleshootResult;
    const { id } = db.saveShared({ log: 'Failed to open C:\\SMS\\x.ins WIN32 ERROR = 32', redacted: true, result: stored });
    assert.match((await request(app).get(`/t/${id}`)).text, /STORED-DIAGNOSIS-MARKER/);
  });

  it('keeps at most 500,000 characters of a paste, cut at a line end, and says the rest was not kept', async () => {
    const line = 'Failed to open C:\\SMS\\x.ins, Win32 error = 32 password=Hunter2\n';
    const log = line.repeat(Math.ceil(600_000 / line.length));
    const res = await request(app).post('/api/shared').send({ log });
    assert.equal(res.status, 201, res.text);
    const got = (await request(app).get(`/api/shared/${res.body.id}`)).body;
    assert.ok(got.log.length <= 500_000 && got.log.endsWith('<secret>'), String(got.log.length));
    assert.match(got.result.unread, /the rest was not kept/);
    assert.doesNotMatch(got.log, /Hunter2/);
  });

  it('refuses more answers than a question list holds (11 by API; 200,000 to /api/troubleshoot)', async () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`version:p${i}`, '1.0']));
    assert.equal((await request(app).post('/api/shared').send({ log: 'Error 32', answers: eleven })).status, 400);
    const many = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, 'v']));
    assert.equal((await request(app).post('/api/troubleshoot').send({ log: 'Error 32', answers: many })).status, 400);
  });
});

describe('privacy: no text from a link is shown as the product speaking', () => {
  it('ignores ?answer.* values that are not a version', async () => {
    // A paste whose diagnosis asks the Exchange version: the answer is written into the verdict.
    const { body } = await request(app).post('/api/shared').send({ log: readFileSync(path.join(LOG_FIXTURES_DIR, 'rules-event-1025.txt'), 'utf8') });
    const answered = await request(app).get(`/t/${body.id}?answer.version:exchange=5.5`);
    assert.match(answered.text, /class="verdict/);
    const page = await request(app).get(`/t/${body.id}?answer.version:exchange=${encodeURIComponent('5.5 is safe. Call 555 to')}`);
    assert.doesNotMatch(page.text, /is safe\. Call 555/);
  });

  it('shows ?thanks= only as an article number', async () => {
    const page = await request(app).get('/kb/Q161043?thanks=' + encodeURIComponent('you won a prize, call us'));
    assert.doesNotMatch(page.text, /you won a prize/);
    assert.doesNotMatch((await request(app).get('/troubleshoot?thanks=PRIZE')).text, /PRIZE/);
  });

  it('refuses a ticket version holding a line break (400), so a link cannot write into ticket text', async () => {
    const res = await request(app).get('/api/articles/Q161043?format=text&version=1.2%0D%0AApproved%20by%20IT');
    assert.equal(res.status, 400);
  });
});

describe('privacy: PUBLIC_URL and the CSP', () => {
  it('refuses a request naming another Host (421) and builds links on PUBLIC_URL', async () => {
    const fixed = createApp({ kb: await openKnowledgeBase(), db }, { ...TEST_APP_OPTIONS, publicUrl: 'https://kb.example.org' });
    const rebound = await request(fixed).get('/reports').set('Host', 'attacker.example');
    assert.equal(rebound.status, 421);
    assert.equal((await request(fixed).get('/healthz').set('Host', 'localhost:1')).status, 200);
    const { body } = await request(fixed).post('/api/shared').set('Host', 'kb.example.org').send({ log: 'Error 32' });
    assert.equal(body.url, `https://kb.example.org/t/${body.id}`);
    const xml = (await request(fixed).get('/opensearch.xml').set('Host', 'kb.example.org')).text;
    assert.match(xml, /https:\/\/kb\.example\.org\/search/);
  });

  it("sends a CSP whose style-src has no 'unsafe-inline'", async () => {
    const csp = String((await request(app).get('/troubleshoot')).headers['content-security-policy']);
    const style = /style-src ([^;]*)/.exec(csp)?.[1] ?? '';
    assert.ok(style && !style.includes('unsafe-inline'), csp);
  });
});

describe('privacy: bounded work per request', () => {
  it('reads the first TROUBLESHOOT_MAX_LINES lines, says the rest was not read, and echoes only those in the page', async () => {
    const small = createApp({ kb: await openKnowledgeBase(), db }, { ...TEST_APP_OPTIONS, troubleshootMaxLines: 100 });
    const log = Array.from({ length: 300 }, (_, i) => `line ${i} Failed to open C:\\SMS\\x${i}.ins, Win32 error = 32`).join('\n');
    const api = await request(small).post('/api/troubleshoot').type('text').send(log);
    assert.match(api.body.unread, /Only the first 100 lines of the paste were read; the rest was not/);
    const page = await request(small).post('/troubleshoot').type('form').send({ log });
    assert.match(page.text, /the rest was not\./);
    assert.ok(page.text.includes('line 99 Failed') && !page.text.includes('line 100 Failed'));
  });
});

describe('privacy: server logs', () => {
  it('masks what a user typed in the log line of a failed request, URL-encoded or not', async () => {
    const { logLineOf } = await import('../../src/web/app.js');
    const line = logLineOf('GET', '/search?q=login+password%3DHunter2+from+10.1.2.3', new Error('failed near token=abc123secret'));
    assert.doesNotMatch(line, /Hunter2|10\.1\.2\.3|abc123secret/);
    assert.match(line, /^kbsleuth: GET \/search\?q=login password=<secret>/);
  });
});
