/**
 * The storage contract, written once and run against both implementations: the SQLite file (always) and
 * PostgreSQL (when TEST_DATABASE_URL names a server; otherwise that half skips and says why). "Two hosts"
 * are two Storage objects on one store.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DATABASE_FILE, MAX_COMMENT_CHARS, SHARE_SWEEP_EVERY, SHARED_ID } from '../../src/store/database.js';
import { MAX_GAP_CHARS } from '../../src/store/schema.js';
import { openSqliteStorage } from '../../src/store/sqlite-storage.js';
import type { Storage } from '../../src/store/storage.js';
import { makeTempDataDir } from '../support/app.js';
import { PG_SKIP, dropTestSchemas, makeTestSchema, pgStorageOn } from '../support/pg.js';

/** Clock and limits a store is opened with. */
interface StoreOptions {
  now?: () => Date;
  shareTtlDays?: number;
  maxGaps?: number;
}

/** Opens a first host's Storage on a new empty store, and a function opening more hosts on the same one. */
type OpenStore = (options?: StoreOptions) => Promise<{ first: Storage; another: (now?: () => Date) => Storage }>;

const sqlite: OpenStore = async (options = {}) => {
  const file = path.join(makeTempDataDir(), DATABASE_FILE);
  return { first: openSqliteStorage(file, options), another: (n) => openSqliteStorage(file, { ...options, now: n ?? options.now }) };
};

const postgres: OpenStore = async (options = {}) => {
  const schema = await makeTestSchema();
  return { first: pgStorageOn(schema, options), another: (n) => pgStorageOn(schema, { ...options, now: n ?? options.now }) };
};

const at = (iso: string) => () => new Date(iso);

function contract(name: string, open: OpenStore, skip: string | false) {
  describe(`store/storage on ${name}`, { skip }, () => {
    const opened: Storage[] = [];
    const track = <S extends Storage>(s: S) => (opened.push(s), s);
    const fresh = async (options?: (() => Date) | StoreOptions) => {
      const o = await open(typeof options === 'function' ? { now: options } : options);
      track(o.first);
      return { store: o.first, another: (n?: () => Date) => track(o.another(n)) };
    };
    after(async () => {
      for (const s of opened) await s.close();
    });

    it('brings an empty store to the latest schema, and says so without pending steps', async () => {
      const { store } = await fresh();
      const status = await store.migrate();
      assert.equal(status.kind, name);
      assert.equal(status.current, status.latest);
      assert.deepEqual(status.pending, []);
      assert.equal(status.note, undefined, 'no note on a store whose every step this kbsleuth knows');
      assert.deepEqual(await store.status(), status);
    });

    it('saves a shared result under a 20-character url-safe id and reads it back', async () => {
      const { store } = await fresh(at('2024-05-01T10:00:00.000Z'));
      const saved = await store.saveShared({ log: 'line one\nline two', answers: { 'version:sms': '1.2' }, redacted: true });
      assert.match(saved.id, /^[A-Za-z0-9_-]{20}$/);
      assert.ok(SHARED_ID.test(saved.id));
      assert.match(saved.ownerKey, /^[A-Za-z0-9_-]{43}$/);
      const expiresAt = '2024-07-30T10:00:00.000Z';
      assert.equal(saved.expiresAt, expiresAt, '90 days by default');
      assert.deepEqual(await store.findShared(saved.id), {
        id: saved.id,
        createdAt: '2024-05-01T10:00:00.000Z',
        log: 'line one\nline two',
        redacted: true,
        answers: { 'version:sms': '1.2' },
        result: undefined,
        expiresAt,
      });
    });

    it('keeps the diagnosis shown when the result was shared', async () => {
      const { store } = await fresh();
      const result = { diagnoses: [], unexplained: [{ line: 2, text: 'odd <b> line' }], answers: {}, notice: 'nothing matched' } as never;
      const saved = await store.saveShared({ log: 'x', result });
      assert.deepEqual((await store.findShared(saved.id))?.result, result);
    });

    it('stores a paste of a megabyte with every kind of character but NUL unchanged', async () => {
      const { store } = await fresh();
      const log = Array.from({ length: 20_000 }, (_, i) => `line ${i}: é ✓ 𝄞 "quoted" 'single' \\ back\ttab <tag> & ;--`).join('\r\n');
      const saved = await store.saveShared({ log });
      assert.equal((await store.findShared(saved.id))?.log, log);
    });

    it('stores a paste holding NUL characters, as NUL (SQLite) or U+FFFD (PostgreSQL text cannot hold NUL)', async () => {
      const { store } = await fresh();
      const saved = await store.saveShared({ log: 'a\u0000b' });
      assert.ok(['a\u0000b', 'a\uFFFDb'].includes((await store.findShared(saved.id))!.log));
    });

    it('finds nothing for an unknown or malformed id', async () => {
      const { store } = await fresh();
      assert.equal(await store.findShared('AAAAAAAAAAAAAAAAAAAA'), undefined);
      assert.equal(await store.findShared("x' OR 1=1 --"), undefined);
      assert.equal(await store.deleteShared("x' OR 1=1 --", { asAdmin: true }), 'missing');
      assert.equal(await store.deleteShared('AAAAAAAAAAAAAAAAAAAA', { asAdmin: true }), 'missing');
      // PostgreSQL refuses NUL in a text parameter: an id holding one must be turned away before the query.
      assert.equal(await store.findShared('\u0000AAAAAAAAAAAAAAAAAAA'), undefined);
      assert.equal(await store.deleteShared('\u0000AAAAAAAAAAAAAAAAAAA', { asAdmin: true }), 'missing');
    });

    it('keeps a share unredacted unless told, and the share its feedback was given on', async () => {
      const { store } = await fresh();
      const { id } = await store.saveShared({ log: 'x' });
      assert.equal((await store.findShared(id))?.redacted, false);
      await store.addFeedback({ target: 'diagnosis', articleId: 'Q161044', sharedId: id, helpful: true });
      assert.deepEqual(
        (await store.feedbackFor('Q161044')).map((f) => f.sharedId),
        [id],
      );
    });

    it(`deletes expired shares by itself at every ${SHARE_SWEEP_EVERY}th new share, and not before`, async () => {
      const expiredLeft = async (saves: number) => {
        let t = Date.parse('2024-05-01T10:00:00.000Z');
        const { store } = await fresh({ now: () => new Date(t), shareTtlDays: 1 });
        await store.saveShared({ log: 'old' });
        t += 2 * 86_400_000;
        for (let i = 1; i < saves; i++) await store.saveShared({ log: `new ${i}` });
        return store.sweepExpiredShares();
      };
      assert.equal(await expiredLeft(SHARE_SWEEP_EVERY - 1), 1, `not swept after ${SHARE_SWEEP_EVERY - 1} shares`);
      assert.equal(await expiredLeft(SHARE_SWEEP_EVERY), 0, `swept at the ${SHARE_SWEEP_EVERY}th share`);
    });

    it('deletes a shared result only with its owner key (or as an admin), keeping its feedback, detached', async () => {
      const { store } = await fresh();
      const { id, ownerKey } = await store.saveShared({ log: 'x' });
      const other = await store.saveShared({ log: 'y' });
      await store.addFeedback({ target: 'diagnosis', articleId: 'Q161043', sharedId: id, helpful: true });
      assert.equal(await store.deleteShared(id, {}), 'forbidden');
      assert.equal(await store.deleteShared(id, { ownerKey: other.ownerKey }), 'forbidden', "another share's key");
      assert.equal(await store.deleteShared(id, { ownerKey: ownerKey.slice(0, -1) + (ownerKey.endsWith('A') ? 'B' : 'A') }), 'forbidden');
      assert.ok(await store.findShared(id));
      assert.equal(await store.deleteShared(id, { ownerKey }), 'deleted');
      assert.equal(await store.findShared(id), undefined);
      assert.equal(await store.deleteShared(id, { ownerKey }), 'missing');
      assert.deepEqual(
        (await store.feedbackFor('Q161043')).map((f) => [f.helpful, f.sharedId]),
        [[true, undefined]],
      );
      assert.equal(await store.deleteShared(other.id, { asAdmin: true }), 'deleted');
    });

    it('hides a share once it expires, and the sweep deletes it, detaching its feedback', async () => {
      let t = Date.parse('2024-05-01T10:00:00.000Z');
      const { store } = await fresh({ now: () => new Date(t), shareTtlDays: 2 });
      const old = await store.saveShared({ log: 'old' });
      t += 1 * 86_400_000;
      const young = await store.saveShared({ log: 'young' });
      await store.addFeedback({ target: 'diagnosis', articleId: 'Q1', sharedId: old.id, helpful: false });
      t += 1 * 86_400_000 + 1;
      assert.equal(await store.findShared(old.id), undefined, 'two days and a millisecond old');
      assert.equal((await store.findShared(young.id))?.log, 'young');
      assert.equal(await store.sweepExpiredShares(), 1);
      assert.equal(await store.deleteShared(old.id, { asAdmin: true }), 'missing', 'swept');
      assert.deepEqual(
        (await store.feedbackFor('Q1')).map((f) => f.sharedId),
        [undefined],
      );
    });

    it('keeps admin sessions for a day, by token, until closed', async () => {
      let t = Date.parse('2024-05-01T10:00:00.000Z');
      const { store, another } = await fresh(() => new Date(t));
      const session = await store.openAdminSession();
      assert.equal(session.expiresAt.toISOString(), '2024-05-02T10:00:00.000Z');
      assert.equal(await another().hasAdminSession(session.token), true, 'on another host too');
      assert.equal(await store.hasAdminSession(session.token + 'x'), false);
      assert.equal(await store.hasAdminSession(''), false);
      const second = await store.openAdminSession();
      await store.closeAdminSession(second.token);
      assert.equal(await store.hasAdminSession(second.token), false);
      t += 86_400_000;
      assert.equal(await store.hasAdminSession(session.token), false, 'a day later');
    });

    it('masks feedback comments before they are stored', async () => {
      const { store } = await fresh();
      const saved = await store.addFeedback({ target: 'article', articleId: 'Q5', helpful: false, comment: 'failed with password=Hunter2xyz on the server' });
      assert.doesNotMatch(saved.comment ?? '', /Hunter2xyz/);
      assert.doesNotMatch((await store.feedbackFor('Q5'))[0].comment ?? '', /Hunter2xyz/);
    });

    it('lists articles marked unhelpful with both counts, the last date and the latest five comments', async () => {
      let now = '2024-05-01T10:00:00.000Z';
      const { store } = await fresh(() => new Date(now));
      await store.addFeedback({ target: 'article', articleId: 'Q1', helpful: false, comment: '  wrong version  ' });
      await store.addFeedback({ target: 'diagnosis', articleId: 'Q1', helpful: true, comment: 'a yes comment is not listed' });
      now = '2024-05-02T10:00:00.000Z';
      await store.addFeedback({ target: 'diagnosis', articleId: 'Q1', helpful: false });
      await store.addFeedback({ target: 'article', articleId: 'Q2', helpful: true });
      for (let i = 0; i < 6; i++) await store.addFeedback({ target: 'article', articleId: 'Q3', helpful: false, comment: `c${i}` });
      assert.deepEqual(await store.listUnhelpfulArticles(), [
        { articleId: 'Q3', helpful: 0, unhelpful: 6, lastAt: '2024-05-02T10:00:00.000Z', comments: ['c5', 'c4', 'c3', 'c2', 'c1'] },
        { articleId: 'Q1', helpful: 1, unhelpful: 2, lastAt: '2024-05-02T10:00:00.000Z', comments: ['wrong version'] },
      ]);
      const saved = await store.addFeedback({ target: 'article', articleId: 'Q9', helpful: true });
      assert.ok(Number.isInteger(saved.id) && saved.id > 0);
      assert.deepEqual((await store.feedbackFor('Q9'))[0], {
        id: saved.id,
        target: 'article',
        articleId: 'Q9',
        sharedId: undefined,
        helpful: true,
        comment: undefined,
        createdAt: '2024-05-02T10:00:00.000Z',
      });
    });

    it('counts a gap seen again, keeping the first text and both dates', async () => {
      let now = '2024-05-01T10:00:00.000Z';
      const { store } = await fresh(() => new Date(now));
      await store.recordGap('search', 'frobnicate');
      now = '2024-05-03T10:00:00.000Z';
      await store.recordGap('search', 'frobnicate');
      await store.recordGap('search', 'other');
      await store.recordGap('paste', 'a paste excerpt');
      assert.deepEqual(await store.listGaps('search'), [
        { kind: 'search', text: 'frobnicate', count: 2, firstSeen: '2024-05-01T10:00:00.000Z', lastSeen: '2024-05-03T10:00:00.000Z' },
        { kind: 'search', text: 'other', count: 1, firstSeen: '2024-05-03T10:00:00.000Z', lastSeen: '2024-05-03T10:00:00.000Z' },
      ]);
      assert.equal((await store.listGaps('paste')).length, 1);
      assert.equal((await store.listGaps('search', 1)).length, 1);
    });

    it('keeps gaps masked and templated: one counted row for one failure seen with other numbers, no secret', async () => {
      const { store } = await fresh();
      await store.recordGap('paste', 'Login failed password=Hunter2xyz after 3 tries');
      await store.recordGap('paste', 'Login failed password=Other9pass after 17 tries');
      const gaps = await store.listGaps('paste');
      assert.equal(gaps.length, 1, JSON.stringify(gaps));
      assert.equal(gaps[0].count, 2);
      assert.doesNotMatch(gaps[0].text, /Hunter2xyz|Other9pass/);
    });

    it(`cuts a gap text to ${MAX_GAP_CHARS} characters, and keeps no gap of blank text`, async () => {
      const { store } = await fresh();
      const words = Array.from({ length: 400 }, (_, i) => `w${String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26))}`).join(' ');
      await store.recordGap('search', words);
      await store.recordGap('search', ' \n\t\n ');
      const gaps = await store.listGaps('search');
      assert.equal(gaps.length, 1, 'the blank one is not kept');
      assert.equal(gaps[0].text.length, MAX_GAP_CHARS);
      assert.ok(words.startsWith(gaps[0].text), gaps[0].text.slice(0, 40));
    });

    it(`cuts a comment to ${MAX_COMMENT_CHARS} characters`, async () => {
      const { store } = await fresh();
      const comment = 'the spooler stalls again '.repeat(120);
      const saved = await store.addFeedback({ target: 'article', articleId: 'Q6', helpful: false, comment });
      assert.equal(saved.comment, comment.slice(0, MAX_COMMENT_CHARS));
      assert.equal((await store.feedbackFor('Q6'))[0].comment, comment.slice(0, MAX_COMMENT_CHARS));
    });

    it('keeps at most maxGaps rows of a kind, dropping the least recently seen', async () => {
      let t = Date.parse('2024-05-01T10:00:00.000Z');
      const { store } = await fresh({ now: () => new Date((t += 1000)), maxGaps: 3 });
      for (const q of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) await store.recordGap('search', q);
      await store.recordGap('paste', 'a paste is another kind');
      assert.deepEqual((await store.listGaps('search')).map((g) => g.text).sort(), ['charlie', 'delta', 'echo']);
      assert.equal((await store.listGaps('paste')).length, 1);
    });

    it('counts hits in a window, takes one back, resets, and opens a new window once it ended', async () => {
      let t = Date.parse('2024-05-01T10:00:00.000Z');
      const { store } = await fresh(() => new Date(t));
      assert.equal(await store.hitsOf('k'), undefined);
      assert.deepEqual(await store.countHit('k', 60_000), { hits: 1, windowEnds: new Date(t + 60_000) });
      t += 10_000;
      assert.deepEqual(await store.countHit('k', 60_000), { hits: 2, windowEnds: new Date(t + 50_000) });
      await store.uncountHit('k');
      assert.equal((await store.hitsOf('k'))?.hits, 1);
      t += 50_000;
      assert.equal(await store.hitsOf('k'), undefined, 'the window ended');
      assert.deepEqual(await store.countHit('k', 60_000), { hits: 1, windowEnds: new Date(t + 60_000) });
      await store.resetHits('k');
      assert.equal(await store.hitsOf('k'), undefined);
    });

    it('shares everything between two hosts on one store', async () => {
      const { store: one, another } = await fresh();
      const two = another();
      const { id, ownerKey } = await one.saveShared({ log: 'made on one' });
      assert.equal((await two.findShared(id))?.log, 'made on one');
      await two.recordGap('search', 'q');
      await one.recordGap('search', 'q');
      assert.equal((await one.listGaps('search'))[0].count, 2);
      assert.equal(await two.deleteShared(id, {}), 'forbidden', 'a stranger on the other host');
      assert.equal(await two.deleteShared(id, { ownerKey: (await one.saveShared({ log: 'z' })).ownerKey }), 'forbidden');
      assert.equal(await two.deleteShared(id, { ownerKey }), 'deleted', 'its owner, on the other host');
      assert.equal(await one.findShared(id), undefined);
    });

    it('loses no hit when two hosts count the same client at once', async () => {
      const now = () => new Date(Date.parse('2024-05-01T10:00:00.000Z'));
      const { store: one, another } = await fresh(now);
      const two = another();
      const totals = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).countHit('client', 60_000)));
      assert.deepEqual(
        totals.map((t) => t.hits).sort((a, b) => a - b),
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
      assert.equal((await one.hitsOf('client'))?.hits, 60);
    });

    it('answers a ping', async () => {
      const { store } = await fresh();
      await store.ping();
    });
  });
}

contract('sqlite', sqlite, false);
contract('postgres', postgres, PG_SKIP);

after(() => dropTestSchemas());
