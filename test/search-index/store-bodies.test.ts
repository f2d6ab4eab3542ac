/**
 * The article store's JSON written while a build loads (StoreBodies), then saved with the store's table: each
 * article once, its JSON dropped from it, the last JSON of an id kept, a failure held for the save.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, fstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ArticleStore, saveArticleStore } from '../../src/search-index/article-store.js';
import { StoreBodies } from '../../src/search-index/store-bodies.js';

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-store-bodies-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const fileOf = () => path.join(dir, `articles-${++files}.store`);

/** An article as a build holds it: its id and the JSON the store keeps. */
const prepared = (id: string, text: string): { id: string; storeJson?: string } => ({ id, storeJson: JSON.stringify({ id, title: text }) });

function read(file: string): Record<string, unknown> {
  const store = new ArticleStore(file);
  try {
    return Object.fromEntries(store.ids().map((id) => [id, store.get(id)]));
  } finally {
    store.close();
  }
}

describe('search-index/store-bodies', () => {
  it('saves the articles taken while loading and those given only at the save, each once, and drops their JSON', () => {
    const file = fileOf();
    const bodies = new StoreBodies(file);
    const early = [prepared('Q100001', 'printer queue stalls'), prepared('Q100002', 'spooler stops')];
    bodies.take(early);
    assert.ok(
      early.every((a) => !('storeJson' in a)),
      'the JSON is not held once written',
    );
    const written = bodies.length;
    assert.equal(
      written,
      JSON.stringify({ id: 'Q100001', title: 'printer queue stalls' }).length + JSON.stringify({ id: 'Q100002', title: 'spooler stops' }).length,
    );
    const late = prepared('Q100003', 'dial-up drops');
    saveArticleStore(file, 'hash-b', [...early, late], bodies);
    assert.equal(bodies.length, written + JSON.stringify({ id: 'Q100003', title: 'dial-up drops' }).length, 'the articles taken are not written again');
    assert.deepEqual(read(file), {
      Q100001: { id: 'Q100001', title: 'printer queue stalls' },
      Q100002: { id: 'Q100002', title: 'spooler stops' },
      Q100003: { id: 'Q100003', title: 'dial-up drops' },
    });
  });

  it('keeps the last JSON of an id given again as another article (twins merged at the end)', () => {
    const file = fileOf();
    const bodies = new StoreBodies(file);
    bodies.take([prepared('Q100001', 'half of it'), prepared('Q100002', 'other')]);
    saveArticleStore(file, 'hash-b', [prepared('Q100001', 'both halves merged')], bodies);
    assert.deepEqual(read(file), { Q100001: { id: 'Q100001', title: 'both halves merged' } }, 'only the ids saved are listed');
  });

  it('stringifies an article that carries no JSON of its own, the last of an id winning', () => {
    const file = fileOf();
    saveArticleStore(file, 'hash-b', [
      { id: 'Q100001', title: 'first' },
      { id: 'Q100001', title: 'second' },
    ] as never);
    assert.deepEqual(read(file), { Q100001: { id: 'Q100001', title: 'second' } });
  });

  it('holds a JSON that cannot be made until the save, which fails with it and writes nothing', () => {
    const file = fileOf();
    const bodies = new StoreBodies(file);
    const bad = { id: 'Q100001', size: 1n };
    assert.doesNotThrow(() => bodies.take([prepared('Q100002', 'fine'), bad]), 'a loader message handler must not throw');
    bodies.take([prepared('Q100003', 'after the failure')]);
    assert.throws(() => saveArticleStore(file, 'hash-b', [], bodies), /BigInt/);
    assert.ok(!existsSync(file));
  });

  it('gives its descriptor back when discarded', () => {
    const bodies = new StoreBodies(fileOf());
    const { fd } = bodies;
    assert.ok(fstatSync(fd).isFile(), 'open while the build loads');
    bodies.discard();
    assert.throws(() => fstatSync(fd), { code: 'EBADF' });
  });

  it('leaves no file but the store in the folder, and can be discarded twice', () => {
    const sub = mkdtempSync(path.join(dir, 'alone-'));
    const file = path.join(sub, 'articles.store');
    const bodies = new StoreBodies(file);
    bodies.take([prepared('Q100001', 'x')]);
    saveArticleStore(file, 'hash-b', [], bodies);
    bodies.discard();
    assert.deepEqual(readdirSync(sub), ['articles.store']);
    new StoreBodies(file).discard();
    assert.deepEqual(readdirSync(sub), ['articles.store'], 'a discarded file is gone');
  });
});
