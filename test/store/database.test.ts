import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DATABASE_FILE, Database, RATE_LIMIT_SWEEP_EVERY, SCHEMA_VERSION, SHARED_ID, isFeedbackTarget, openDatabase } from '../../src/store/database.js';
import { KbError } from '../../src/errors.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
import { makeTempDataDir } from '../support/app.js';

const fixedClock = (iso: string) => () => new Date(iso);

describe('store/database: opening', () => {
  it('creates kbsleuth.sqlite under DATA_DIR in WAL mode with the current schema version', () => {
    const dir = path.join(makeTempDataDir(), 'nested');
    const db = openDatabase(dir);
    assert.equal(db.file, path.join(dir, DATABASE_FILE));
    db.close();
    const raw = new BetterSqlite3(path.join(dir, DATABASE_FILE), { readonly: true });
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    raw.close();
  });

  it('refuses a file from a newer kbsleuth, naming both versions and the fix', () => {
    const file = path.join(makeTempDataDir(), DATABASE_FILE);
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    assert.throws(() => new Database(file), new RegExp(`schema version ${SCHEMA_VERSION + 5}, newer than the ${SCHEMA_VERSION}.*upgrade kbsleuth`));
  });

  it('says it cannot open a database where a folder stands, and that DATA_DIR must be writable', () => {
    const dir = makeTempDataDir();
    mkdirSync(path.join(dir, DATABASE_FILE));
    assert.throws(
      () => openDatabase(dir),
      (err: Error) => {
        assert.ok(err instanceof KbError);
        assert.match(
          err.message,
          new RegExp(`^store: cannot open the database ${escapeRegExp(path.join(dir, DATABASE_FILE))} \\(.+\\); check that DATA_DIR is writable\\.$`),
        );
        assert.ok(err.cause, 'keeps the SQLite error as its cause');
        return true;
      },
    );
  });

  it('knows the feedback targets and nothing else', () => {
    assert.deepEqual(['article', 'diagnosis', 'Article', 'share', '', 5, undefined].map(isFeedbackTarget), [true, true, false, false, false, false, false]);
  });

  it('opens an existing file twice without re-running the migration', () => {
    const dir = makeTempDataDir();
    openDatabase(dir).close();
    const db = openDatabase(dir);
    assert.deepEqual(db.listGaps('search'), []);
    db.close();
  });
});

describe('store/database: shared results', () => {
  it('saves a result under a 20-character url-safe id and reads it back', () => {
    const db = openDatabase(makeTempDataDir(), { now: fixedClock('2024-05-01T10:00:00.000Z') });
    const saved = db.saveShared({ log: 'line one\nline two', answers: { 'version:sms': '1.2' }, redacted: true });
    assert.match(saved.id, /^[A-Za-z0-9_-]{20}$/);
    assert.ok(SHARED_ID.test(saved.id));
    assert.deepEqual(db.findShared(saved.id), {
      id: saved.id,
      createdAt: '2024-05-01T10:00:00.000Z',
      log: 'line one\nline two',
      redacted: true,
      answers: { 'version:sms': '1.2' },
      result: undefined,
      expiresAt: '2024-07-30T10:00:00.000Z',
    });
    assert.match(saved.ownerKey, /^[A-Za-z0-9_-]{43}$/);
    db.close();
  });

  it('gives each shared result a different id', () => {
    const db = openDatabase(makeTempDataDir());
    const ids = new Set(Array.from({ length: 200 }, () => db.saveShared({ log: 'x' }).id));
    assert.equal(ids.size, 200);
    db.close();
  });

  it('finds nothing for an unknown or malformed id', () => {
    const db = openDatabase(makeTempDataDir());
    assert.equal(db.findShared('AAAAAAAAAAAAAAAAAAAA'), undefined);
    assert.equal(db.findShared("x' OR 1=1 --"), undefined);
    db.close();
  });

  it('deletes a shared result and keeps its feedback, detached', () => {
    const db = openDatabase(makeTempDataDir());
    const { id, ownerKey } = db.saveShared({ log: 'x' });
    db.addFeedback({ target: 'diagnosis', articleId: 'Q161043', sharedId: id, helpful: true });
    assert.equal(db.deleteShared(id, { ownerKey }), 'deleted');
    assert.equal(db.findShared(id), undefined);
    assert.equal(db.deleteShared(id, { ownerKey }), 'missing');
    assert.deepEqual(
      db.feedbackFor('Q161043').map((f) => [f.helpful, f.sharedId]),
      [[true, undefined]],
    );
    db.close();
  });
});

describe('store/database: shares belong to their creator and expire', () => {
  it("refuses to delete a share without its owner key, or with another share's key", () => {
    const db = openDatabase(makeTempDataDir());
    const a = db.saveShared({ log: 'a' });
    const b = db.saveShared({ log: 'b' });
    assert.equal(db.deleteShared(a.id, {}), 'forbidden');
    assert.equal(db.deleteShared(a.id, { ownerKey: b.ownerKey }), 'forbidden');
    assert.equal(db.deleteShared(a.id, { ownerKey: 'x'.repeat(43) }), 'forbidden');
    assert.equal(db.findShared(a.id)?.log, 'a');
    assert.equal(db.deleteShared(a.id, { asAdmin: true }), 'deleted');
    db.close();
  });

  it('hides a share once SHARE_TTL_DAYS have passed and sweeps it', () => {
    let now = Date.parse('2024-05-01T10:00:00.000Z');
    const db = openDatabase(makeTempDataDir(), { now: () => new Date(now), shareTtlDays: 10 });
    const { id, expiresAt } = db.saveShared({ log: 'short-lived' });
    assert.equal(expiresAt, '2024-05-11T10:00:00.000Z');
    now += 9 * 86_400_000;
    assert.equal(db.findShared(id)?.expiresAt, expiresAt);
    now += 2 * 86_400_000;
    assert.equal(db.findShared(id), undefined);
    assert.equal(db.sweepExpiredShares(), 1);
    assert.equal(db.deleteShared(id, { asAdmin: true }), 'missing');
    db.close();
  });
});

describe('store/database: admin sessions', () => {
  it('knows a session it opened until it is closed or a day has passed', () => {
    let now = Date.parse('2024-05-01T10:00:00.000Z');
    const db = openDatabase(makeTempDataDir(), { now: () => new Date(now) });
    const { token } = db.openAdminSession();
    assert.equal(db.hasAdminSession(token), true);
    assert.equal(db.hasAdminSession(token + 'x'), false);
    assert.equal(db.hasAdminSession(''), false);
    now += 86_400_001;
    assert.equal(db.hasAdminSession(token), false);
    const second = db.openAdminSession().token;
    db.closeAdminSession(second);
    assert.equal(db.hasAdminSession(second), false);
    db.close();
  });
});

describe('store/database: feedback and gaps', () => {
  it('keeps gaps masked and templated, one row per template, whatever was typed', () => {
    const db = openDatabase(makeTempDataDir());
    db.recordGap('search', 'login password=Hunter2! for 10.1.2.3');
    db.recordGap('search', 'login password=Other99 for 10.9.9.9');
    const gaps = db.listGaps('search');
    assert.equal(gaps.length, 1, JSON.stringify(gaps));
    assert.equal(gaps[0].count, 2);
    assert.doesNotMatch(gaps[0].text, /Hunter2|Other99|10\.1\.2\.3/);
    db.close();
  });

  it('drops the least recently seen gaps past the cap', () => {
    let t = Date.parse('2024-05-01T10:00:00.000Z');
    const db = openDatabase(makeTempDataDir(), { now: () => new Date((t += 1000)), maxGaps: 3 });
    for (const q of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) db.recordGap('search', q);
    db.recordGap('search', 'charlie');
    assert.deepEqual(
      db
        .listGaps('search')
        .map((g) => g.text)
        .sort(),
      ['charlie', 'delta', 'echo'],
    );
    db.close();
  });

  it('masks feedback comments before keeping them', () => {
    const db = openDatabase(makeTempDataDir());
    db.addFeedback({ target: 'article', articleId: 'Q1', helpful: false, comment: 'did not work, my pwd=Secret123 on \\\\FS01\\x' });
    assert.doesNotMatch(db.feedbackFor('Q1')[0].comment ?? '', /Secret123|FS01/);
    db.close();
  });

  it('migrates a version 2 file forward, keeping its rows and masking the gap texts and comments in it', () => {
    const dir = makeTempDataDir();
    const file = path.join(dir, DATABASE_FILE);
    const raw = new BetterSqlite3(file);
    raw.exec(`CREATE TABLE shared_results (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, log TEXT NOT NULL, redacted INTEGER NOT NULL DEFAULT 0, answers TEXT NOT NULL DEFAULT '{}', result TEXT);
      CREATE TABLE feedback (id INTEGER PRIMARY KEY, target TEXT NOT NULL, article_id TEXT NOT NULL, shared_id TEXT, helpful INTEGER NOT NULL, comment TEXT, created_at TEXT NOT NULL);
      CREATE TABLE gaps (kind TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 1, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, PRIMARY KEY (kind, key));
      CREATE TABLE rate_limits (key TEXT PRIMARY KEY, window_ends INTEGER NOT NULL, hits INTEGER NOT NULL);
      PRAGMA user_version = 2;`);
    const created = new Date().toISOString();
    raw.prepare('INSERT INTO shared_results (id, created_at, log) VALUES (?, ?, ?)').run('AAAAAAAAAAAAAAAAAAAA', created, 'old share');
    raw.prepare("INSERT INTO feedback (target, article_id, helpful, comment, created_at) VALUES ('article', 'Q1', 0, 'token=abc123secret', ?)").run(created);
    raw.prepare("INSERT INTO gaps VALUES ('search', 'password=hunter2', 'password=hunter2', 3, ?, ?)").run(created, created);
    raw.prepare("INSERT INTO gaps VALUES ('search', 'password=other', 'password=other', 2, ?, ?)").run(created, created);
    raw.close();
    const db = openDatabase(dir);
    assert.equal(db.findShared('AAAAAAAAAAAAAAAAAAAA')?.log, 'old share');
    assert.equal(db.deleteShared('AAAAAAAAAAAAAAAAAAAA', { ownerKey: 'anything' }), 'forbidden');
    assert.equal(db.feedbackFor('Q1')[0].comment, 'token=<secret>');
    const gaps = db.listGaps('search');
    assert.deepEqual(
      gaps.map((g) => [g.text.includes('hunter2') || g.text.includes('other'), g.count]),
      [[false, 5]],
    );
    db.close();
  });

  it('lists articles marked unhelpful with both counts, the last date and the comments', () => {
    let now = '2024-05-01T10:00:00.000Z';
    const db = openDatabase(makeTempDataDir(), { now: () => new Date(now) });
    db.addFeedback({ target: 'article', articleId: 'Q1', helpful: false, comment: '  wrong version  ' });
    db.addFeedback({ target: 'diagnosis', articleId: 'Q1', helpful: true });
    now = '2024-05-02T10:00:00.000Z';
    db.addFeedback({ target: 'diagnosis', articleId: 'Q1', helpful: false });
    db.addFeedback({ target: 'article', articleId: 'Q2', helpful: true });
    assert.deepEqual(db.listUnhelpfulArticles(), [
      { articleId: 'Q1', helpful: 1, unhelpful: 2, lastAt: '2024-05-02T10:00:00.000Z', comments: ['wrong version'] },
    ]);
    db.close();
  });

  it('counts a gap seen again, keeping the first text and both dates', () => {
    let now = '2024-05-01T10:00:00.000Z';
    const db = openDatabase(makeTempDataDir(), { now: () => new Date(now) });
    db.recordGap('search', 'frobnicate');
    now = '2024-05-03T10:00:00.000Z';
    db.recordGap('search', 'Frobnicate');
    db.recordGap('search', 'other');
    db.recordGap('paste', 'a paste excerpt');
    assert.deepEqual(db.listGaps('search'), [
      { kind: 'search', text: 'frobnicate', count: 2, firstSeen: '2024-05-01T10:00:00.000Z', lastSeen: '2024-05-03T10:00:00.000Z' },
      { kind: 'search', text: 'other', count: 1, firstSeen: '2024-05-03T10:00:00.000Z', lastSeen: '2024-05-03T10:00:00.000Z' },
    ]);
    assert.equal(db.listGaps('paste').length, 1);
    db.close();
  });
});

describe('store/database: durability and sharing one file', () => {
  it('loses nothing when closed and reopened (a restart)', () => {
    const dir = makeTempDataDir();
    const first = openDatabase(dir);
    const { id } = first.saveShared({ log: 'kept across restarts', answers: { a: 'b' } });
    first.addFeedback({ target: 'article', articleId: 'Q161043', helpful: false, comment: 'no' });
    first.recordGap('paste', 'kept gap');
    first.close();
    const second = openDatabase(dir);
    assert.equal(second.findShared(id)?.log, 'kept across restarts');
    assert.equal(second.feedbackFor('Q161043')[0].comment, 'no');
    assert.equal(second.listGaps('paste')[0].text, 'kept gap');
    second.close();
  });

  it('keeps every write when two Database instances on one file write interleaved', () => {
    const dir = makeTempDataDir();
    const a = openDatabase(dir);
    const b = openDatabase(dir);
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      ids.push((i % 2 ? a : b).saveShared({ log: `paste ${i}` }).id);
      (i % 2 ? b : a).recordGap('search', 'same query');
      (i % 3 ? a : b).addFeedback({ target: 'article', articleId: 'Q7', helpful: i % 2 === 0 });
    }
    for (const [i, id] of ids.entries()) assert.equal((i % 2 ? b : a).findShared(id)?.log, `paste ${i}`);
    assert.equal(a.listGaps('search')[0].count, 100);
    assert.equal(b.feedbackFor('Q7').length, 100);
    a.close();
    b.close();
  });

  it('keeps every write when another process writes to the same file at the same time', async () => {
    const dir = makeTempDataDir();
    const script = `
      import { openDatabase } from ${JSON.stringify(path.resolve('src/store/database.ts'))};
      const db = openDatabase(process.argv[1]);
      for (let i = 0; i < 300; i++) db.recordGap('search', 'contended');
      db.close();`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const db = openDatabase(dir);
    // Write while the child starts and writes: both loops contend for the write lock.
    const deadline = Date.now() + 20_000;
    let mine = 0;
    while (mine < 300 && Date.now() < deadline) {
      db.recordGap('search', 'contended');
      mine++;
      if (mine % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(await done, 0, stderr);
    assert.equal(db.listGaps('search')[0].count, 600);
    assert.equal(new BetterSqlite3(db.file, { readonly: true }).pragma('integrity_check', { simple: true }), 'ok');
    db.close();
  });
});

/**
 * The schema as each earlier kbsleuth left it, written here by hand (not taken from schema.ts, so an edited
 * shipped step shows up as a failed upgrade): OLD_STEPS[v] brings a file from version v to v + 1.
 */
const OLD_STEPS = [
  `CREATE TABLE shared_results (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, log TEXT NOT NULL, redacted INTEGER NOT NULL DEFAULT 0, answers TEXT NOT NULL DEFAULT '{}', result TEXT);
   CREATE TABLE feedback (id INTEGER PRIMARY KEY, target TEXT NOT NULL CHECK (target IN ('article', 'diagnosis')), article_id TEXT NOT NULL, shared_id TEXT, helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)), comment TEXT, created_at TEXT NOT NULL);
   CREATE INDEX feedback_by_article ON feedback (article_id, helpful);
   CREATE TABLE gaps (kind TEXT NOT NULL CHECK (kind IN ('search', 'paste')), key TEXT NOT NULL, text TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 1, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, PRIMARY KEY (kind, key));
   CREATE INDEX gaps_by_count ON gaps (kind, count DESC, last_seen DESC);`,
  `CREATE TABLE rate_limits (key TEXT PRIMARY KEY, window_ends INTEGER NOT NULL, hits INTEGER NOT NULL);`,
  `ALTER TABLE shared_results ADD COLUMN owner_key_hash TEXT;
   CREATE INDEX shared_by_age ON shared_results (created_at);
   CREATE INDEX gaps_by_age ON gaps (kind, last_seen);
   CREATE TABLE admin_sessions (token_hash TEXT PRIMARY KEY, expires_at TEXT NOT NULL);`,
];

/** A database file as kbsleuth at schema `version` left it, holding a share, a comment and gaps with secrets in them. */
function fileAtVersion(version: number, extraGaps = 0): string {
  const dir = makeTempDataDir();
  const raw = new BetterSqlite3(path.join(dir, DATABASE_FILE));
  for (const step of OLD_STEPS.slice(0, version)) raw.exec(step);
  raw.pragma(`user_version = ${version}`);
  const created = new Date().toISOString();
  if (version >= 1) {
    raw.prepare('INSERT INTO shared_results (id, created_at, log) VALUES (?, ?, ?)').run('AAAAAAAAAAAAAAAAAAAA', created, 'old share');
    raw.prepare("INSERT INTO feedback (target, article_id, helpful, comment, created_at) VALUES ('article', 'Q1', 0, 'token=abc123secret', ?)").run(created);
    const gap = raw.prepare("INSERT INTO gaps VALUES ('search', ?, ?, ?, ?, ?)");
    gap.run('password=hunter2', 'password=hunter2', 3, created, created);
    gap.run('password=other', 'password=other', 2, created, created);
    // Told apart by words, not numbers: numbers template alike, and rows that template alike become one.
    const word = (i: number) => [i % 26, Math.floor(i / 26) % 26, Math.floor(i / 676)].map((k) => String.fromCharCode(97 + k)).join('');
    for (let i = 0; i < extraGaps; i++) gap.run(`gap ${i}`, `spooler stalls on queue ${word(i)} of \\\\SERVER${i}\\share`, 1, created, created);
  }
  raw.close();
  return dir;
}

describe('store/database: upgrades from every earlier schema version', () => {
  it('knows the steps written down here (a new step needs its old-version file added to this test)', () => {
    assert.equal(SCHEMA_VERSION, OLD_STEPS.length + 1);
  });

  for (let version = 0; version < SCHEMA_VERSION; version++) {
    it(`opens a version ${version} file: brings it to version ${SCHEMA_VERSION}, keeps its rows, masks its old texts, and every table works`, () => {
      const dir = fileAtVersion(version);
      let now = Date.parse('2030-01-01T00:00:00.000Z');
      const db = openDatabase(dir, { now: () => new Date(now) });
      const raw = new BetterSqlite3(db.file, { readonly: true });
      assert.equal(raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      raw.close();
      if (version >= 1) {
        assert.equal(db.deleteShared('AAAAAAAAAAAAAAAAAAAA', { ownerKey: 'anything' }), 'forbidden', 'a share from before owners has no owner key');
        assert.equal(db.feedbackFor('Q1')[0].comment, 'token=<secret>');
        assert.deepEqual(
          db.listGaps('search').map((g) => [/hunter2|other/.test(g.text), g.count]),
          [[false, 5]],
        );
      }
      const share = db.saveShared({ log: 'new share' });
      assert.equal(db.deleteShared(share.id, { ownerKey: share.ownerKey }), 'deleted');
      assert.equal(db.hasAdminSession(db.openAdminSession().token), true);
      assert.equal(db.countHit('k', 60_000).hits, 1);
      assert.equal(db.countHit('k', 60_000).hits, 2);
      now += 60_000;
      assert.equal(db.countHit('k', 60_000).hits, 1);
      db.close();
    });
  }

  it('migrates once when two processes open the same old file at the same moment', async () => {
    // Many gap rows make the last step (masking every gap again) long enough for the two to overlap.
    const dir = fileAtVersion(1, 1000);
    const go = path.join(dir, 'go');
    const script = `
      import { existsSync } from 'node:fs';
      import { openDatabase } from ${JSON.stringify(path.resolve('src/store/database.ts'))};
      const [dir, go] = process.argv.slice(1);
      process.stdout.write('ready\\n');
      // Wait for the go file a millisecond at a time; give up if the test is gone (killed mid-run) or never says go.
      const parent = process.ppid;
      const deadline = Date.now() + 30_000;
      const tick = new Int32Array(new SharedArrayBuffer(4));
      while (!existsSync(go)) {
        if (process.ppid !== parent || Date.now() > deadline) process.exit(3);
        Atomics.wait(tick, 0, 0, 1);
      }
      openDatabase(dir, { busyTimeoutMs: 60_000 }).close();`;
    const children = [0, 1, 2].map(() => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir, go], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const exit = new Promise<string>((resolve) => child.on('exit', (code) => resolve(`exit ${code} ${stderr}`)));
      return { child, ready, exit };
    });
    try {
      await Promise.all(children.map((c) => c.ready));
      writeFileSync(go, '');
      for (const c of children) assert.equal(await c.exit, 'exit 0 ');
    } finally {
      for (const c of children) if (c.child.exitCode === null) c.child.kill();
    }
    const db = openDatabase(dir);
    const gaps = db.listGaps('search', 5000);
    assert.equal(gaps.length, 1001, 'every gap kept once');
    assert.equal(gaps.find((g) => g.count === 5)?.text.includes('hunter2'), false);
    assert.ok(
      gaps.every((g) => !/SERVER\d/.test(g.text)),
      'every gap masked',
    );
    db.close();
  });
});

describe('store/database: gap texts', () => {
  it('keeps the lines of a pasted gap without its blank ones', () => {
    const db = openDatabase(makeTempDataDir());
    db.recordGap('paste', 'spooler stalls\n\n  \nqueue stops');
    assert.equal(db.listGaps('paste')[0].text, 'spooler stalls\nqueue stops');
    db.close();
  });

  it('cuts an old gap text longer than the limit when the upgrade masks it again', () => {
    const dir = fileAtVersion(3);
    const raw = new BetterSqlite3(path.join(dir, DATABASE_FILE));
    const now = new Date().toISOString();
    raw.prepare("INSERT INTO gaps VALUES ('paste', 'long', ?, 1, ?, ?)").run('spooler '.repeat(200), now, now);
    raw.close();
    const db = openDatabase(dir);
    const long = db.listGaps('paste');
    assert.equal(long.length, 1);
    assert.equal(long[0].text.length, 500);
    db.close();
  });
});

describe('store/database: the rate-limit sweep', () => {
  it(`deletes the windows that ended, and only those, every ${RATE_LIMIT_SWEEP_EVERY} hits`, () => {
    let now = Date.parse('2030-01-01T00:00:00.000Z');
    const db = openDatabase(makeTempDataDir(), { now: () => new Date(now) });
    const rows = () =>
      (new BetterSqlite3(db.file, { readonly: true }).prepare('SELECT key FROM rate_limits ORDER BY key').all() as { key: string }[]).map((r) => r.key);
    db.countHit('ended', 1_000);
    db.countHit('ends-now', 2_000);
    db.countHit('open', 60_000);
    for (let i = 0; i < 3; i++) db.countHit('open', 60_000);
    now += 2_000;
    // Hits counted so far: 6. The sweep runs on the RATE_LIMIT_SWEEP_EVERY-th, before it is counted.
    for (let i = 6; i < RATE_LIMIT_SWEEP_EVERY - 1; i++) db.countHit(`client ${i}`, 60_000);
    assert.ok(rows().includes('ended'), 'no sweep before the set number of hits');
    db.countHit('last', 60_000);
    const left = rows();
    assert.ok(!left.includes('ended') && !left.includes('ends-now'), 'the ended windows are gone');
    assert.ok(left.includes('open') && left.includes('client 6') && left.includes('last'));
    assert.equal(db.hitsOf('open')?.hits, 4, 'an open window keeps its count');
    db.close();
  });
});
