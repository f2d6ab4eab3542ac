import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { PROJECT_DIR } from '../../src/config.js';
import { DATABASE_FILE, openDatabase } from '../../src/store/database.js';
import { makeTempDataDir } from '../support/app.js';
import { crashFeedbackOf, crashWriteOf } from '../support/crash-writes.js';
import { randomFrom, replayWith } from '../support/seed.js';

const WRITER = fileURLToPath(new URL('../support/crash-writer.ts', import.meta.url));

interface Acks {
  /** n -> shared id, for every shared result the writer reported committed. */
  shared: Map<number, string>;
  /** n -> feedback id. */
  feedback: Map<number, number>;
}

/** Writers not killed yet: a test that fails or times out leaves none writing on behind it. */
const running = new Set<ChildProcess>();
after(() => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Runs test/support/crash-writer.ts on `dir` and SIGKILLs it once it acknowledged `killAt` writes, while it
 * writes on; with `stopAfter`, it writes that many of each and waits, and `killAt` should be their sum.
 */
function writeUntilKilled(dir: string, firstN: number, killAt: number, stopAfter?: number): Promise<Acks> {
  const args = ['--import', 'tsx', WRITER, dir, String(firstN), ...(stopAfter ? [String(stopAfter)] : [])];
  const child = spawn(process.execPath, args, { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.on('close', () => running.delete(child));
  const acks: Acks = { shared: new Map(), feedback: new Map() };
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => {
    pending += d;
    const lines = pending.split('\n');
    // A line cut by the kill was never fully acknowledged.
    pending = lines.pop()!;
    for (const line of lines) {
      const [kind, n, id] = line.split(' ');
      if (kind === 'S') acks.shared.set(Number(n), id);
      else if (kind === 'F') acks.feedback.set(Number(n), Number(id));
    }
    if (acks.shared.size + acks.feedback.size >= killAt && child.exitCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`crash-writer exited by itself (code ${code}) before it was killed: ${stderr}`));
    });
  });
}

/** How many of `ids` a copy of the main database file alone holds, without its -wal file. */
function sharedInMainFileAlone(file: string, ids: Iterable<string>): number {
  const copy = path.join(makeTempDataDir(), DATABASE_FILE);
  copyFileSync(file, copy);
  const db = new BetterSqlite3(copy);
  const find = db.prepare('SELECT 1 FROM shared_results WHERE id = ?');
  let found = 0;
  for (const id of ids) if (find.get(id)) found++;
  db.close();
  return found;
}

describe('store/database: a kill -9 mid-write', () => {
  const random = randomFrom();
  it('loses no acknowledged write and stays intact and writable, over three kills at random points while it writes', { timeout: 120_000 }, async () => {
    const dir = makeTempDataDir();
    const file = path.join(dir, DATABASE_FILE);
    const acked: Acks = { shared: new Map(), feedback: new Map() };
    // What the test itself wrote after each recovery, to be found after the later kills too.
    const ownWrites = new Map<string, string>();
    for (let round = 0; round < 3; round++) {
      const killAt = 200 + Math.floor(random() * 1500);
      const run = await writeUntilKilled(dir, round * 1_000_000, killAt);
      const where = `round ${round}, killed after ${killAt} acknowledgements (${replayWith()})`;
      for (const [n, id] of run.shared) acked.shared.set(n, id);
      for (const [n, id] of run.feedback) acked.feedback.set(n, id);

      // The writer never closed the file: its write-ahead log is left for the next open to recover.
      const wal = `${file}-wal`;
      assert.ok(existsSync(wal) && statSync(wal).size > 0, `${where}: a non-empty -wal file was left behind`);

      const db = openDatabase(dir);
      for (const [n, id] of acked.shared) {
        const expected = crashWriteOf(n);
        const found = db.findShared(id);
        assert.deepEqual(found && { log: found.log, answers: found.answers, redacted: found.redacted }, expected, `${where}: shared result ${n} (${id})`);
      }
      for (const [n, id] of acked.feedback) {
        const found = db.feedbackFor(`Q${n}`);
        assert.deepEqual(
          found.map(({ id, createdAt: _, ...f }) => ({ id, ...f })),
          [{ id, ...crashFeedbackOf(n), sharedId: undefined }],
          `${where}: feedback ${n}`,
        );
      }
      for (const [id, log] of ownWrites) assert.equal(db.findShared(id)?.log, log, `${where}: a write made after an earlier recovery`);

      const raw = new BetterSqlite3(file);
      assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok', where);
      // Nothing appears that was not written: per kill, at most the one write in flight committed unacknowledged.
      const unacknowledged = (table: string, acknowledged: number) =>
        (raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n - acknowledged;
      const extraShared = unacknowledged('shared_results', acked.shared.size + ownWrites.size);
      const extraFeedback = unacknowledged('feedback', acked.feedback.size);
      assert.ok(extraShared >= 0 && extraShared <= round + 1, `${where}: ${extraShared} shared rows more than acknowledged`);
      assert.ok(extraFeedback >= 0 && extraFeedback <= round + 1, `${where}: ${extraFeedback} feedback rows more than acknowledged`);
      raw.close();

      const log = `written after recovery ${round}`;
      const mine = db.saveShared({ log });
      ownWrites.set(mine.id, log);
      assert.equal(db.findShared(mine.id)?.log, log, `${where}: still writable`);
      db.close();
    }
  });

  it('recovers results that were committed only to the -wal file when the process died', { timeout: 120_000 }, async () => {
    const dir = makeTempDataDir();
    // Closed once, so the main file holds the schema and the writer's rows are all that its -wal holds.
    openDatabase(dir).close();
    const file = path.join(dir, DATABASE_FILE);
    // 40 of each stay well under the 1,000 pages at which SQLite copies the -wal into the main file.
    const run = await writeUntilKilled(dir, 0, 80, 40);
    assert.equal(run.shared.size, 40);
    assert.ok(statSync(`${file}-wal`).size > 0);
    assert.equal(sharedInMainFileAlone(file, run.shared.values()), 0, 'the main file alone holds none of them');

    const db = openDatabase(dir);
    for (const [n, id] of run.shared) assert.equal(db.findShared(id)?.log, crashWriteOf(n).log, `shared result ${n}`);
    for (const [n, id] of run.feedback) assert.equal(db.feedbackFor(`Q${n}`)[0]?.id, id, `feedback ${n}`);
    db.close();
  });
});
