/**
 * The live-edit layer over a served index, driven as the watcher drives it (applyChanges, no file events):
 * edited, added and deleted articles answer at once, and the merged answers agree with an index rebuilt
 * from the same files on what they count (totals, facets, the set of articles found, paging).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.js';
import { KnowledgeBase } from '../../src/knowledge-base.js';

describe('live-edits: applied changes against a rebuild', () => {
  let dir: string;
  let kbDir: string;
  let kb: KnowledgeBase;
  let rebuilt: KnowledgeBase;
  let builtAt: string | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-live-edits-'));
    kbDir = path.join(dir, 'kb');
    cpSync(path.join(PROJECT_DIR, 'kb'), kbDir, { recursive: true });
    kb = new KnowledgeBase({ kbDirs: [kbDir], dataDir: path.join(dir, 'data'), maxQueryChars: 2000 }, { log: () => {} });
    await kb.open();
    builtAt = kb.state().builtAt;

    // An edit (a new word and a new date), an added article and a deletion, applied as the watcher would.
    const edited = path.join(kbDir, 'txt', '161', 'Q161043.TXT');
    writeFileSync(edited, readFileSync(edited, 'latin1').replace('Despooler', 'Despooler wombatmarker'), 'latin1');
    const added = path.join(kbDir, 'txt', '161', 'Q161999.TXT');
    writeFileSync(
      added,
      'DOCUMENT:Q161999  02-FEB-2009  [sms]\r\nTITLE   :Wombatmarker error 32 stops the sender\r\nPRODUCT :Microsoft Systems Management Server\r\n\r\nSYMPTOMS\r\n========\r\n\r\nThe sender stops with error 32 and the wombatmarker.\r\n',
      'latin1',
    );
    const deleted = path.join(kbDir, 'txt', '900', 'Q900022.TXT');
    rmSync(deleted);
    const changed = await kb.applyChanges([edited, added, deleted]);
    assert.deepEqual([...changed].sort(), ['Q161043', 'Q161999', 'Q900022']);

    rebuilt = new KnowledgeBase({ kbDirs: [kbDir], dataDir: path.join(dir, 'data-rebuilt'), maxQueryChars: 2000 }, { log: () => {} });
    await rebuilt.open();
  });
  after(() => {
    kb.close();
    rebuilt.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the edits without a rebuild', () => {
    assert.equal(kb.state().builtAt, builtAt);
    assert.equal(kb.state().source, 'built');
  });

  it('finds the edited and the added article by their new word, the edited one once', () => {
    const r = kb.search('wombatmarker', { limit: 10 });
    assert.deepEqual(r.results.map((h) => h.id).sort(), ['Q161043', 'Q161999']);
    assert.equal(r.total, 2);
  });

  it('answers the edited article, the added one and not the deleted one by id', () => {
    assert.match(JSON.stringify(kb.article('Q161043')), /wombatmarker/);
    assert.equal(kb.article('Q161999')?.title, 'Wombatmarker error 32 stops the sender');
    assert.equal(kb.article('Q900022'), undefined);
    assert.equal(kb.search('Q161999').mode, 'article');
    assert.equal(kb.search('Q161999').results[0]?.id, 'Q161999');
  });

  for (const q of ['error', 'error 32', 'sender', 'product:sms error', 'wombatmarker']) {
    it(`counts what a rebuild counts for "${q}": total, facets and the articles found`, () => {
      const live = kb.search(q, { limit: 100 });
      const fresh = rebuilt.search(q, { limit: 100 });
      assert.equal(live.total, fresh.total);
      assert.deepEqual(live.facets, fresh.facets);
      assert.deepEqual(live.results.map((h) => h.id).sort(), fresh.results.map((h) => h.id).sort());
    });
  }

  it('pages through the merged results: each page starts at its offset, pages add up to the whole', () => {
    const all = kb.search('error', { limit: 12 });
    assert.ok(all.total >= 12, `${all.total}`);
    assert.ok(all.results.some((h) => h.id === 'Q161999' || h.id === 'Q161043') || kb.search('error', { limit: 100 }).results.some((h) => h.id === 'Q161999'));
    const pages = [0, 4, 8].map((offset) => kb.search('error', { limit: 4, offset }));
    assert.deepEqual(
      pages.flatMap((p) => p.results.map((h) => h.id)),
      all.results.map((h) => h.id),
    );
    for (const p of pages) assert.equal(p.total, all.total);
    assert.deepEqual(
      pages.map((p) => p.offset),
      [0, 4, 8],
    );
  });

  it('sorts merged results by date, newest first, as a rebuild does', () => {
    const live = kb.search('error', { limit: 100, sort: 'date' }).results.map((h) => h.lastModified ?? '');
    assert.deepEqual(live, [...live].sort().reverse());
    assert.equal(kb.search('sender', { limit: 100, sort: 'date' }).results[0]?.id, rebuilt.search('sender', { limit: 100, sort: 'date' }).results[0]?.id);
  });
});

describe("live-edits: the overlay scores with the archive's idf", () => {
  let dir: string;
  let kb: KnowledgeBase;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-overlay-'));
    const kbDir = path.join(dir, 'kb');
    cpSync(path.join(PROJECT_DIR, 'kb'), kbDir, { recursive: true });
    kb = new KnowledgeBase({ kbDirs: [kbDir], dataDir: path.join(dir, 'data'), maxQueryChars: 2000 }, { log: () => {} });
    await kb.open();
  });
  after(() => {
    kb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scores an unchanged article re-read into the overlay as the archive did (so the merge by score is fair)', async () => {
    const queries = ['despooler instruction file', 'error 32', '"instruction file"', 'sender'];
    const scoreOf = (q: string) => kb.search(q, { limit: 50 }).results.find((h) => h.id === 'Q161043')?.score;
    const before = queries.map(scoreOf);
    await kb.applyChanges([path.join(kb.config.kbDirs[0], 'txt', '161', 'Q161043.TXT')]);
    const after = queries.map(scoreOf);
    for (const [i, q] of queries.entries()) {
      if (before[i] === undefined) continue;
      assert.ok(after[i] !== undefined, `"${q}" still finds Q161043`);
      // The overlay holds one article but weighs it with the archive's idf and average field lengths: the same score, but for rounding.
      assert.ok(Math.abs(after[i]! - before[i]!) <= 1e-9 * before[i]!, `"${q}": ${before[i]} in the archive, ${after[i]} from the overlay`);
    }
  });
});
