/**
 * The background source check: a saved index served at once (trustSaved) is hashed again in the background;
 * unchanged sources keep it (no rebuild), changed ones rebuild it. The background hasher must agree with the
 * one the build uses, or every start would rebuild.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.js';
import { hashArticleSources, hashArticleSourcesOffThread } from '../../src/ingest/source-hash.js';
import { KnowledgeBase, SAVED_INDEX_CURRENT } from '../../src/knowledge-base.js';

/** Awaits `p` with the event loop held open: the check's delay timer is unref'd so it never keeps a server up. */
async function held<T>(p: Promise<T>): Promise<T> {
  const keep = setInterval(() => {}, 1000);
  try {
    return await p;
  } finally {
    clearInterval(keep);
  }
}

describe('knowledge-base: the background source check', () => {
  let dir: string;
  let config: KnowledgeBase['config'];
  let builtAt: string | undefined;
  let builtHash: string | undefined;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-source-check-'));
    const kbDir = path.join(dir, 'kb');
    cpSync(path.join(PROJECT_DIR, 'kb'), kbDir, { recursive: true });
    const first = new KnowledgeBase({ kbDirs: [kbDir], dataDir: path.join(dir, 'data'), maxQueryChars: 2000 }, { log: () => {} });
    await first.open();
    config = first.config;
    builtAt = first.state().builtAt;
    builtHash = first.savedSourceHash();
    first.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes the sources on a worker thread exactly as the build does', async () => {
    assert.ok(builtHash);
    assert.equal(await hashArticleSourcesOffThread(config.kbDirs), builtHash);
    assert.equal(hashArticleSources(config.kbDirs), builtHash);
  });

  it('answers requests meanwhile: the hashing runs off the calling thread', async () => {
    // Each turn of this thread's loop lasts a millisecond: a hash run here would leave no turn until it ended.
    let turns = 0;
    let hashing = true;
    const spin = () => {
      if (!hashing) return;
      turns++;
      setTimeout(spin, 1);
    };
    spin();
    const hash = await hashArticleSourcesOffThread(config.kbDirs);
    hashing = false;
    assert.equal(hash, builtHash);
    assert.ok(turns > 1, `${turns} turns of the event loop while hashing`);
  });

  it('stops the thread when told to (a knowledge base closing), and says it was stopped', async () => {
    const stop = new AbortController();
    const hashing = hashArticleSourcesOffThread(config.kbDirs, stop.signal);
    stop.abort();
    await assert.rejects(hashing, /source check: its worker thread was stopped before a hash/);
    await assert.rejects(hashArticleSourcesOffThread(config.kbDirs, stop.signal), /stopped before it started/);
  });

  it('keeps serving the saved index, without a rebuild, when the sources did not change, and says so', async () => {
    const logs: string[] = [];
    const kb = new KnowledgeBase(config, { log: (m) => logs.push(m) });
    try {
      await kb.open({ trustSaved: true, verifyDelayMs: 0 });
      assert.equal(kb.state().source, 'saved');
      await held(kb.verified);
      assert.equal(kb.state().source, 'saved', 'no rebuild replaced the saved index');
      assert.equal(kb.state().builtAt, builtAt);
      assert.ok(
        logs.some((m) => m.includes(SAVED_INDEX_CURRENT)),
        logs.join('\n'),
      );
      assert.ok(!logs.some((m) => /rebuilding/.test(m)), logs.join('\n'));
    } finally {
      kb.close();
    }
  });

  it('answers whether the sources changed since an index of a given hash was built', async () => {
    const kb = new KnowledgeBase(config, { log: () => {} });
    try {
      assert.equal(await held(kb.sourcesChanged(builtHash!, 0)), false);
      assert.equal(await held(kb.sourcesChanged('0'.repeat(64), 0)), true);
    } finally {
      kb.close();
    }
  });

  it('answers undefined, checking nothing, once closed', async () => {
    const kb = new KnowledgeBase(config, { log: () => {} });
    kb.close();
    assert.equal(await held(kb.sourcesChanged(builtHash!, 0)), undefined);
  });

  it('rebuilds in the background when an article changed after the index was saved', async () => {
    const file = path.join(config.kbDirs[0], 'txt', '161', 'Q161043.TXT');
    const before = readFileSync(file, 'latin1');
    writeFileSync(file, before.replace('Despooler', 'Despooler kbsleuthsourcecheckmarker'), 'latin1');
    const kb = new KnowledgeBase(config, { log: () => {} });
    try {
      await kb.open({ trustSaved: true, verifyDelayMs: 0 });
      assert.equal(kb.search('kbsleuthsourcecheckmarker').total, 0, 'the saved index answers first');
      await held(kb.verified);
      assert.equal(kb.state().source, 'built');
      assert.equal(kb.search('kbsleuthsourcecheckmarker').results[0]?.id, 'Q161043');
    } finally {
      kb.close();
      writeFileSync(file, before, 'latin1');
    }
  });
});
