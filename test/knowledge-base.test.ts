import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_DIR } from '../src/config.js';
import { KnowledgeBase } from '../src/knowledge-base.js';
import { inotifyShortage } from './support/inotify.js';

/** Polls until `check` holds or the time is up; returns whether it held. */
async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('knowledge-base', () => {
  let dir: string;
  let kbDir: string;
  let kb: KnowledgeBase;
  const logs: string[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kbsleuth-kb-'));
    kbDir = path.join(dir, 'kb');
    cpSync(path.join(PROJECT_DIR, 'kb'), kbDir, { recursive: true });
    kb = new KnowledgeBase({ kbDirs: [kbDir], dataDir: path.join(dir, 'data'), maxQueryChars: 2000 }, { log: (m) => logs.push(m) });
    await kb.open();
  });
  after(() => {
    kb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the index once and reuses it while the sources are unchanged', async () => {
    assert.equal(kb.state().source, 'built');
    const again = new KnowledgeBase(kb.config);
    await again.open();
    assert.equal(again.state().source, 'saved');
    assert.equal(again.state().articles, kb.state().articles);
  });

  it("shares the served documents' repeated lists soon after serving, leaving every document as it was", async () => {
    const again = new KnowledgeBase(kb.config);
    await again.open();
    const docs = again.engine.index.docs;
    const before = JSON.stringify(docs);
    const sms = docs.filter((m) => m.product === 'sms');
    assert.ok(sms.length >= 2 && sms[0].products !== sms[1].products, 'as read from the saved index, each document has lists of its own');
    for (let wait = 0; wait < 200 && sms[0].products !== sms[1].products; wait++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(sms[0].products, sms[1].products, 'one array for the same products');
    assert.equal(JSON.stringify(docs), before);
    again.close();
  });

  it('rebuilds when an article changed while it was not running (content hash, not dates)', async () => {
    const file = path.join(kbDir, 'txt', '161', 'Q161043.TXT');
    const before = readFileSync(file, 'latin1');
    writeFileSync(file, before.replace('Despooler', 'Despooler kbsleuthrebuildmarker'), 'latin1');
    const again = new KnowledgeBase(kb.config, { log: () => {} });
    await again.open();
    assert.equal(again.state().source, 'built');
    assert.equal(again.search('kbsleuthrebuildmarker').results[0]?.id, 'Q161043');
    writeFileSync(file, before, 'latin1');
  });

  it('serves a saved index at once and rebuilds it in the background when the sources changed', async () => {
    const file = path.join(kbDir, 'txt', '161', 'Q161043.TXT');
    const before = readFileSync(file, 'latin1');
    const fresh = new KnowledgeBase(kb.config, { log: () => {} });
    await fresh.open(); // the saved index now matches the unedited sources
    writeFileSync(file, before.replace('Despooler', 'Despooler kbsleuthbackgroundmarker'), 'latin1');
    const again = new KnowledgeBase(kb.config, { log: () => {} });
    await again.open({ trustSaved: true, verifyDelayMs: 0 });
    assert.equal(again.state().source, 'saved', 'the saved index answers first');
    assert.equal(again.search('kbsleuthbackgroundmarker').total, 0);
    await again.verified;
    assert.equal(again.state().source, 'built');
    assert.equal(again.search('kbsleuthbackgroundmarker').results[0]?.id, 'Q161043');
    writeFileSync(file, before, 'latin1');
  });

  it('makes an edited, an added and a deleted article searchable while watching, without a rebuild', { skip: inotifyShortage() }, async () => {
    const builtAt = kb.state().builtAt;
    assert.ok(builtAt);
    await kb.watch({ debounceMs: 50 });
    const md = path.join(kbDir, 'kb', '207', 'Q207416', 'README.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('SYMPTOMS\n\t========\n', 'SYMPTOMS\n\t========\n\t\n\tThe zebrafishmarker appears.\n'));
    assert.ok(await eventually(() => kb.search('zebrafishmarker').results[0]?.id === 'Q207416'), 'the edit is searchable');
    assert.equal(kb.search('zebrafishmarker').total, 1);
    assert.equal(kb.search('Q207416').results[0].id, 'Q207416');
    assert.equal(kb.article('Q207416')!.sources.length, 2, 'both formats are still one article');

    const added = path.join(kbDir, 'txt', '999', 'Q999001.TXT');
    const text = readFileSync(path.join(kbDir, 'txt', '161', 'Q161043.TXT'), 'latin1')
      .replace(/Q161043/g, 'Q999001')
      .replace(/^TITLE   :.*$/m, 'TITLE   :Quokkamarker stops the sender');
    cpSync(path.join(kbDir, 'txt', '161'), path.join(kbDir, 'txt', '999'), { recursive: true });
    rmSync(path.join(kbDir, 'txt', '999', 'Q161043.TXT'));
    writeFileSync(added, text, 'latin1');
    assert.ok(await eventually(() => kb.search('quokkamarker').results[0]?.id === 'Q999001'), 'the new article is searchable');

    rmSync(added);
    assert.ok(await eventually(() => kb.search('quokkamarker').total === 0 && !kb.article('Q999001')), 'the deleted article is gone');
    // An article's own folder moved away: the page goes, its text twin stays.
    const away = path.join(path.dirname(kbDir), 'Q207416-away');
    renameSync(path.dirname(md), away);
    assert.ok(await eventually(() => kb.article('Q207416')?.sources.length === 1), 'the moved page is gone, the text file serves');
    renameSync(away, path.dirname(md));
    assert.ok(await eventually(() => kb.article('Q207416')?.sources.length === 2), 'and is back when moved back');
    // A folder of the layout moved away whole (kb/161: the articles numbered 161xxx) is reported as the folder alone.
    const pages = path.join(kbDir, 'kb', '161');
    const texts = path.join(kbDir, 'txt', '161');
    renameSync(pages, path.join(dir, 'kb-161-away'));
    assert.ok(await eventually(() => kb.article('Q161043')?.sources.length === 1), "the folder's pages are gone, their text twins serve");
    renameSync(texts, path.join(dir, 'txt-161-away'));
    assert.ok(await eventually(() => !kb.article('Q161043')), 'with both folders gone, so is the article');
    assert.notEqual(kb.search('Q161043').mode, 'article');
    renameSync(path.join(dir, 'kb-161-away'), pages);
    renameSync(path.join(dir, 'txt-161-away'), texts);
    assert.ok(await eventually(() => kb.article('Q161043')?.sources.length === 2), 'and back when moved back');
    // kb.close() (the after hook) then stops the watch: with the folders moved away and back, removing one of its inotify
    // watches fails (the kernel dropped it), and the watch must still stop, each subscription whatever another does.

    // A rebuild would serve an index built later (builtAt is when its build started).
    assert.equal(kb.state().builtAt, builtAt, 'no rebuild happened');
    assert.ok(existsSync(md));
  });

  it('finds an article of the saved index deleted from KB_DIR neither by its words nor by its number', async () => {
    const builtAt = kb.state().builtAt;
    assert.equal(kb.search('Q900022').mode, 'article');
    const file = path.join(kbDir, 'txt', '900', 'Q900022.TXT');
    rmSync(file);
    // What the watcher does on a deletion (its own test above), called directly: no wait on file events.
    await kb.applyChanges([file]);
    assert.equal(kb.article('Q900022'), undefined, 'the deleted article is gone');
    const byNumber = kb.search('Q900022');
    assert.notEqual(byNumber.mode, 'article');
    assert.ok(!byNumber.results.some((r) => r.id === 'Q900022'));
    assert.match(byNumber.notice ?? '', /holds no article Q900022/);
    assert.equal(kb.state().builtAt, builtAt, 'no rebuild happened');
  });

  it("takes the articles of a folder moved away whole, by the layout's numbering (txt/012 holds Q12xxx), and no others", async () => {
    const folder = path.join(kbDir, 'txt', '012');
    mkdirSync(folder);
    const text = readFileSync(path.join(kbDir, 'txt', '161', 'Q161043.TXT'), 'latin1').replace(/Q161043/g, 'Q12001');
    writeFileSync(path.join(folder, 'Q12001.TXT'), text.replace(/^TITLE   :.*$/m, 'TITLE   :Numbatmarker stops the sender'), 'latin1');
    // What the watcher hands on (its own tests show it), called directly: no wait on file events.
    await kb.applyChanges([path.join(folder, 'Q12001.TXT')]);
    assert.equal(kb.search('numbatmarker').results[0]?.id, 'Q12001');
    renameSync(folder, path.join(dir, 'txt-012-away'));
    assert.deepEqual(await kb.applyChanges([path.join(kbDir, 'txt', '120'), path.join(kbDir, 'txt', 'notes')]), [], 'other folders hold none of it');
    assert.ok(kb.article('Q12001'));
    assert.deepEqual(await kb.applyChanges([folder]), ['Q12001']);
    assert.equal(kb.article('Q12001'), undefined);
    assert.equal(kb.search('numbatmarker').total, 0);
    assert.ok(kb.article('Q161043'), 'an article of another folder stays');
  });

  it('pages through results merged with edited articles: each page starts at its offset', async () => {
    // Q207416 served from the edits: every search merges two indexes.
    const md = path.join(kbDir, 'kb', '207', 'Q207416', 'README.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('SYMPTOMS\n\t========\n', 'SYMPTOMS\n\t========\n\t\n\tThe wombatmarker error appears.\n'));
    await kb.applyChanges([md]);
    assert.equal(kb.search('wombatmarker').results[0]?.id, 'Q207416', 'the edit is served');
    const q = 'error';
    const all = kb.search(q, { limit: 9 });
    assert.ok(all.total >= 9, `${all.total} results for "${q}"`);
    assert.ok(
      all.results.some((r) => r.id === 'Q207416') || kb.search(q, { limit: 100 }).results.some((r) => r.id === 'Q207416'),
      'the edited article is among the results',
    );
    const pages = [0, 3, 6].map((offset) => kb.search(q, { limit: 3, offset }));
    assert.deepEqual(
      pages.flatMap((p) => p.results.map((r) => r.id)),
      all.results.map((r) => r.id),
    );
    for (const p of pages) assert.equal(p.total, all.total);
  });
});
