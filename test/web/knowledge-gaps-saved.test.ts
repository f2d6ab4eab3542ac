/**
 * Knowledge gaps a stopped process left under DATA_DIR (its store was unreachable): the next start takes each file
 * alone, counts what it holds in a real SQLite store, and reports a damaged file without counting it. Keeping them at a
 * stop through a PostgreSQL outage is in test/store/pg-storage.test.ts (it needs an unreachable database).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openSqliteStorage } from '../../src/store/sqlite-storage.js';
import type { Storage } from '../../src/store/storage.js';
import { countSavedGaps } from '../../src/web/knowledge-gaps.js';
import { makeTempDataDir } from '../support/app.js';

/** The gaps of `kind` once their counts add up to `total` (the count runs in the background). */
async function gapsCounted(storage: Storage, total: number) {
  let gaps = await storage.listGaps('search');
  for (let i = 0; i < 100 && gaps.reduce((n, g) => n + g.count, 0) < total; i++) {
    await new Promise((r) => setTimeout(r, 20));
    gaps = await storage.listGaps('search');
  }
  return gaps.map((g) => [g.text, g.count]).sort();
}

function quietly<T>(run: (errors: string[]) => Promise<T>): Promise<T> {
  const errors: string[] = [];
  const consoleError = console.error;
  console.error = (m: string) => errors.push(m);
  return run(errors).finally(() => (console.error = consoleError));
}

describe('web/knowledge-gaps: gaps kept by a stopped process', () => {
  it('counts the gaps of each file once, whichever process takes it, and removes the file', async () => {
    const dir = makeTempDataDir();
    writeFileSync(
      path.join(dir, 'gaps-waiting.4001.json'),
      JSON.stringify([
        { kind: 'search', text: 'modem drops at 9600' },
        { kind: 'search', text: 'modem drops at 9600' },
      ]),
    );
    writeFileSync(path.join(dir, 'gaps-waiting.4002.json'), JSON.stringify([{ kind: 'search', text: 'fax queue stuck' }]));
    const one = openSqliteStorage(path.join(dir, 'one.sqlite'));
    const two = openSqliteStorage(path.join(dir, 'one.sqlite'));
    try {
      assert.equal(countSavedGaps(one, dir), 3);
      assert.equal(countSavedGaps(two, dir), 0, 'a second process finds nothing left to take');
      assert.deepEqual(await gapsCounted(one, 3), [
        ['fax queue stuck', 1],
        ['modem drops at <num>', 2],
      ]);
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.startsWith('gaps-waiting')),
        [],
      );
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('reports a damaged file, counts none of it, leaves other files and sightings of no known kind alone', async () => {
    const dir = makeTempDataDir();
    writeFileSync(path.join(dir, 'gaps-waiting.4003.json'), '[{"kind":"search","te');
    writeFileSync(
      path.join(dir, 'gaps-waiting.4004.json'),
      JSON.stringify([{ kind: 'search', text: 'token ring beaconing' }, { kind: 'other', text: 'x' }, { kind: 'search', text: 7 }, null]),
    );
    writeFileSync(path.join(dir, 'gaps-waiting.4005.txt'), 'not ours');
    const storage = openSqliteStorage(path.join(dir, 'two.sqlite'));
    try {
      await quietly(async (errors) => {
        assert.equal(countSavedGaps(storage, dir), 1);
        assert.equal(errors.length, 1, errors.join('\n'));
        assert.match(errors[0], /gaps-waiting\.4003\.json cannot be read \(.*\); they are not counted/);
      });
      assert.deepEqual(await gapsCounted(storage, 1), [['token ring beaconing', 1]]);
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.startsWith('gaps-waiting')),
        ['gaps-waiting.4005.txt'],
      );
    } finally {
      await storage.close();
    }
  });

  it('takes nothing from a folder that does not exist', () => {
    const storage = openSqliteStorage(path.join(makeTempDataDir(), 'three.sqlite'));
    assert.equal(countSavedGaps(storage, path.join(makeTempDataDir(), 'missing')), 0);
    return storage.close();
  });
});
