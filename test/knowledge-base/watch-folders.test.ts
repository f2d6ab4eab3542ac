/**
 * What the watcher must see, on a real folder: the ways editors and people change article files. Each
 * case waits for the batch that names the file (no fixed sleep decides the outcome; the wait only bounds a hang).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { watchFolders, type FolderWatch } from '../../src/knowledge-base/watch-folders.js';
import { inotifyShortage } from '../support/inotify.js';

describe('knowledge-base/watch-folders', { skip: inotifyShortage() }, () => {
  let root: string;
  let outside: string;
  let watch: FolderWatch;
  const seen = new Set<string>();
  let waiters: (() => void)[] = [];

  /** Resolves once a batch has named `file` (true), or false after `ms` (a hang, not a timing). */
  const named = (file: string, ms = 20_000) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(seen.has(file)), ms);
      const check = () => {
        if (!seen.has(file)) return void waiters.push(check);
        clearTimeout(timer);
        resolve(true);
      };
      check();
    });

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'kbsleuth-watch-'));
    outside = mkdtempSync(path.join(tmpdir(), 'kbsleuth-watch-outside-'));
    mkdirSync(path.join(root, 'txt', '161'), { recursive: true });
    writeFileSync(path.join(root, 'txt', '161', 'Q161043.TXT'), 'DOCUMENT:Q161043\n');
    watch = watchFolders(
      [root],
      (files) => {
        for (const f of files) seen.add(f);
        const w = waiters;
        waiters = [];
        for (const check of w) check();
      },
      { debounceMs: 20 },
    );
    await watch.ready;
    const probe = path.join(root, 'txt', '161', 'Q100001.TXT');
    writeFileSync(probe, 'DOCUMENT:Q100001\n');
    assert.ok(await named(probe), 'the watcher reports a file written in a watched folder');
  });
  after(async () => {
    await watch.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('sees an article saved in place', async () => {
    const file = path.join(root, 'txt', '161', 'Q161043.TXT');
    writeFileSync(file, 'DOCUMENT:Q161043\nedited\n');
    assert.ok(await named(file));
  });

  it('sees an article saved by rename, as many editors save (write a temporary file, rename it over)', async () => {
    const file = path.join(root, 'txt', '161', 'Q161043.TXT');
    seen.delete(file);
    const tmp = path.join(root, 'txt', '161', '.Q161043.TXT.swp');
    writeFileSync(tmp, 'DOCUMENT:Q161043\nsaved by rename\n');
    renameSync(tmp, file);
    assert.ok(await named(file));
  });

  it('sees an article in folders made in one go after watching began (mkdir -p), and its later edit', async () => {
    const dir = path.join(root, 'kb', '207', 'Q207416');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'README.md');
    writeFileSync(file, '# Q207416\n');
    assert.ok(await named(file));
    // And a later edit inside that new folder.
    seen.delete(file);
    writeFileSync(file, '# Q207416\nedited\n');
    assert.ok(await named(file), 'an edit in the new folder is seen too');
  });

  it('sees an article in a folder moved in from outside', async () => {
    mkdirSync(path.join(outside, '999'));
    writeFileSync(path.join(outside, '999', 'Q999001.TXT'), 'DOCUMENT:Q999001\n');
    renameSync(path.join(outside, '999'), path.join(root, 'txt', '999'));
    const file = path.join(root, 'txt', '999', 'Q999001.TXT');
    assert.ok(await named(file));
  });

  it('sees articles in a folder with folders inside, moved in, and later edits and new files deep inside it', async () => {
    mkdirSync(path.join(root, 'kb'), { recursive: true });
    const moved = path.join(outside, '300');
    mkdirSync(path.join(moved, 'Q300001'), { recursive: true });
    writeFileSync(path.join(moved, 'Q300001', 'README.md'), '# Q300001\n');
    renameSync(moved, path.join(root, 'kb', '300'));
    const file = path.join(root, 'kb', '300', 'Q300001', 'README.md');
    assert.ok(await named(file), 'the article inside the moved folder');
    seen.delete(file);
    writeFileSync(file, '# Q300001\nedited\n');
    assert.ok(await named(file), 'an edit two folders down in the moved folder');
    mkdirSync(path.join(root, 'kb', '300', 'Q300002'));
    const added = path.join(root, 'kb', '300', 'Q300002', 'README.md');
    writeFileSync(added, '# Q300002\n');
    assert.ok(await named(added), 'an article in a folder made inside the moved folder');
  });

  it('sees every article of a folder deleted with its contents', async () => {
    const dir = path.join(root, 'txt', '555');
    mkdirSync(dir);
    const files = ['Q555001.TXT', 'Q555002.TXT'].map((name) => path.join(dir, name));
    for (const f of files) writeFileSync(f, 'DOCUMENT:x\n');
    for (const f of files) assert.ok(await named(f));
    for (const f of files) seen.delete(f);
    rmSync(dir, { recursive: true });
    for (const f of files) assert.ok(await named(f), `${path.basename(f)} reported deleted`);
  });

  it("sees an article's page gone when its own folder is moved away", async () => {
    const folder = path.join(root, 'kb', '602', 'Q602001');
    mkdirSync(folder, { recursive: true });
    const page = path.join(folder, 'README.md');
    writeFileSync(page, '# Q602001\n');
    assert.ok(await named(page));
    seen.delete(page);
    renameSync(folder, path.join(outside, 'Q602001'));
    assert.ok(await named(folder), 'the folder is reported, naming the article, so that it is re-read (and found gone)');
  });

  it('sees a folder of articles moved away whole, and its articles when it is moved back', async () => {
    const folder = path.join(root, 'kb', '603');
    const page = path.join(folder, 'Q603001', 'README.md');
    mkdirSync(path.dirname(page), { recursive: true });
    writeFileSync(page, '# Q603001\n');
    assert.ok(await named(page));
    seen.delete(page);
    renameSync(folder, path.join(outside, '603'));
    assert.ok(await named(folder), 'the folder is reported, so that the articles it held are found gone');
    renameSync(path.join(outside, '603'), folder);
    assert.ok(await named(page), 'its articles are listed when it comes back');
  });

  it('sees an article deleted', async () => {
    const file = path.join(root, 'txt', '161', 'Q100001.TXT');
    seen.delete(file);
    rmSync(file);
    assert.ok(await named(file));
  });

  it('ignores files that are not articles', async () => {
    const other = path.join(root, 'txt', '161', 'notes.bak');
    writeFileSync(other, 'x');
    const marker = path.join(root, 'txt', '161', 'Q100002.TXT');
    writeFileSync(marker, 'DOCUMENT:Q100002\n');
    assert.ok(await named(marker));
    assert.ok(!seen.has(other));
  });

  it('leaves no exited child behind: on Linux it asks no shell whether watchman runs', { skip: process.platform !== 'linux' }, () => {
    const children = readdirSync('/proc/self/task').flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean));
    const exited = children.filter((pid) => {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat[stat.lastIndexOf(')') + 2] === 'Z';
    });
    assert.deepEqual(exited, [], `children: ${children.join(', ') || 'none'}`);
  });
});
