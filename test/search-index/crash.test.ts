import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_DIR } from '../../src/config.js';
import { IndexFormatError } from '../../src/errors.js';
import { KnowledgeBase } from '../../src/knowledge-base.js';
import { removeStaleTempFiles } from '../../src/search-index/atomic-file.js';
import { loadIndex, saveIndex } from '../../src/search-index/index-file.js';
import { troubleshoot } from '../../src/troubleshoot/troubleshoot.js';
import { LOG_FIXTURES_DIR, makeTempDataDir, PROJECT_ARTICLES, PROJECT_KB_DIR } from '../support/app.js';
import { crashIndexOf } from '../support/crash-writes.js';

const WRITER = fileURLToPath(new URL('../support/crash-index-writer.ts', import.meta.url));
const MINUTES_AGO = (m: number) => new Date(Date.now() - m * 60_000);
/** Above the highest pid Linux hands out (2^22), so no process has it. */
const NO_SUCH_PID = 4_194_305;

/** A data folder holding a good saved index (of 20 articles, 'old-build'); returns the file and its bytes. */
function savedOldIndex(): { file: string; bytes: Buffer } {
  const file = path.join(makeTempDataDir(), 'index-test.bin');
  saveIndex(file, crashIndexOf(20, 'old-build'));
  return { file, bytes: readFileSync(file) };
}

const tempFilesOf = (file: string) => readdirSync(path.dirname(file)).filter((n) => n.startsWith(path.basename(file) + '.') && n.endsWith('.tmp'));

/**
 * Runs test/support/crash-index-writer.ts over `file` and SIGKILLs it: as soon as its temporary file appears,
 * or, with `halfway`, once it stopped half-way through writing it. Resolves when it is gone, with its pid.
 */
function saveUntilKilled(file: string, articles: number, halfway = false): Promise<{ pid: number; signal: NodeJS.Signals | null }> {
  const args = ['--import', 'tsx', WRITER, file, String(articles), ...(halfway ? ['halfway'] : [])];
  const child = spawn(process.execPath, args, { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const kill = () => child.exitCode === null && child.kill('SIGKILL');
  let watcher: ReturnType<typeof watch> | undefined;
  let poll: NodeJS.Timeout | undefined;
  child.stdout.on('data', (d: Buffer) => {
    if (halfway) {
      if (d.includes('halfway')) kill();
    } else if (d.includes('saving') && !watcher) {
      // The index is built; its temporary file comes next.
      watcher = watch(path.dirname(file), (_event, name) => name?.endsWith('.tmp') && kill());
      poll = setInterval(() => tempFilesOf(file).length && kill(), 1);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('close', (code, signal) => {
      watcher?.close();
      clearInterval(poll);
      if (signal === 'SIGKILL' || code === 0) resolve({ pid: child.pid!, signal });
      else reject(new Error(`crash-index-writer failed (code ${code}): ${stderr}`));
    });
  });
}

describe('search-index: a crash while the index file is written', () => {
  it('leaves the old index served when killed as the temporary file is written (real timing)', { timeout: 120_000 }, async (t) => {
    const { file, bytes } = savedOldIndex();
    const { signal } = await saveUntilKilled(file, 2000);
    const served = loadIndex(file);
    if (tempFilesOf(file).length) {
      assert.equal(signal, 'SIGKILL');
      assert.deepEqual([served.sourceHash, served.docs.length], ['old-build', 20]);
      assert.deepEqual(readFileSync(file), bytes);
    } else {
      // The writer won the race and renamed its file first: the new index is served, whole, but what the
      // test's name promises was not tried. Say so as a skip (the half-way test kills it mid-write for certain).
      assert.deepEqual([served.sourceHash, served.docs.length], ['new-build', 2000]);
      t.skip('the writer finished before the kill landed: no mid-write kill was tried this run');
    }
  });

  it('leaves the old index byte for byte when killed half-way through the temporary file', { timeout: 120_000 }, async () => {
    const { file, bytes } = savedOldIndex();
    const { pid, signal } = await saveUntilKilled(file, 200, true);
    assert.equal(signal, 'SIGKILL');
    assert.deepEqual(readFileSync(file), bytes);
    const served = loadIndex(file);
    assert.deepEqual([served.sourceHash, served.docs.length], ['old-build', 20]);
    // What the writer left is half an index, which a loader refuses rather than serves.
    const tmp = `${file}.${pid}.tmp`;
    assert.deepEqual(tempFilesOf(file), [path.basename(tmp)]);
    assert.ok(statSync(tmp).size > 0);
    assert.throws(
      () => loadIndex(tmp),
      (err: unknown) => err instanceof IndexFormatError && /truncated/.test(err.message),
    );
  });

  it('deletes the temporary file a killed writer left, on the next save, once nobody wrote it for a minute', { timeout: 120_000 }, async () => {
    const { file } = savedOldIndex();
    const { pid } = await saveUntilKilled(file, 50, true);
    const dead = `${file}.${pid}.tmp`;
    // A process that still runs (pid 1 always does) may be writing its own; another container's writer has a pid
    // that looks dead from here but wrote a moment ago; neither is touched. Nor are other files' temporary files.
    const live = `${file}.1.tmp`;
    const fresh = `${file}.${NO_SUCH_PID}.tmp`;
    const other = path.join(path.dirname(file), `articles-test.store.${pid}.tmp`);
    for (const f of [live, fresh, other]) writeFileSync(f, 'partial');
    for (const f of [dead, live, other]) utimesSync(f, MINUTES_AGO(2), MINUTES_AGO(2));

    saveIndex(file, crashIndexOf(20, 'next-build'));
    assert.equal(existsSync(dead), false, 'the abandoned temporary file is deleted');
    assert.deepEqual(tempFilesOf(file).sort(), [path.basename(live), path.basename(fresh)].sort());
    assert.ok(existsSync(other));
    assert.equal(loadIndex(file).sourceHash, 'next-build');

    utimesSync(fresh, MINUTES_AGO(2), MINUTES_AGO(2));
    assert.deepEqual(removeStaleTempFiles(file), [fresh]);
    assert.deepEqual(tempFilesOf(file), [path.basename(live)]);
  });
});

describe('knowledge-base: opening after a crash or a damaged saved file', () => {
  let built: KnowledgeBase;
  let answers: string[];
  before(async () => {
    built = new KnowledgeBase({ kbDirs: [PROJECT_KB_DIR], dataDir: makeTempDataDir(), maxQueryChars: 2000 });
    await built.open();
    answers = built.search('despooler instruction file').results.map((r) => r.id);
    assert.ok(answers.length > 0);
  });

  /** A copy of the built DATA_DIR, damaged by `damage`, opened the way `serve` opens it. */
  async function openDamaged(damage: (files: KnowledgeBase['files']) => void): Promise<{ kb: KnowledgeBase; logs: string[] }> {
    const dataDir = makeTempDataDir();
    cpSync(built.config.dataDir, dataDir, { recursive: true });
    const logs: string[] = [];
    const kb = new KnowledgeBase({ ...built.config, dataDir }, { log: (m) => logs.push(m) });
    damage(kb.files);
    await kb.open({ trustSaved: true, verifyDelayMs: 0 });
    // A served index's checksum is checked in the background (a flipped byte is found there, not at open).
    await kb.verified;
    return { kb, logs };
  }

  const damages: [string, (files: KnowledgeBase['files']) => void, RegExp][] = [
    ['an index file cut half-way', (f) => truncateSync(f.index, Math.floor(statSync(f.index).size / 2)), /index.*truncated.*rebuilt/],
    [
      'an index file with a flipped byte',
      (f) => {
        const b = readFileSync(f.index);
        b[b.length - 100] ^= 0xff;
        writeFileSync(f.index, b);
      },
      /index.*checksum.*rebuilt/,
    ],
    ['an article store cut half-way', (f) => truncateSync(f.store, Math.floor(statSync(f.store).size / 2)), /article-store.*truncated.*rebuilt/],
  ];
  for (const [name, damage, message] of damages) {
    it(`rebuilds from the articles over ${name}, says why, and serves the same answers`, { timeout: 120_000 }, async () => {
      const { kb, logs } = await openDamaged(damage);
      assert.ok(
        logs.some((m) => message.test(m)),
        logs.join('\n'),
      );
      assert.deepEqual([kb.state().status, kb.state().source, kb.state().articles], ['ready', 'built', PROJECT_ARTICLES]);
      assert.deepEqual(
        kb.search('despooler instruction file').results.map((r) => r.id),
        answers,
      );
      // The rebuilt files are whole again: the next start serves them.
      const next = new KnowledgeBase(kb.config);
      await next.open();
      assert.equal(next.state().source, 'saved');
    });
  }

  it('serves search over a damaged quoted-line file, says so, rebuilds it, and then troubleshoots again', { timeout: 120_000 }, async () => {
    const { kb, logs } = await openDamaged((f) => writeFileSync(f.signatures, readFileSync(f.signatures, 'utf8').slice(0, 200)));
    assert.deepEqual(
      kb.search('despooler instruction file').results.map((r) => r.id),
      answers,
      'search is served meanwhile',
    );
    while (kb.state().source !== 'built') await new Promise((r) => setTimeout(r, 20));
    const said = logs.filter((m) => /quoted-line index .*signatures.*cannot be read/.test(m));
    assert.equal(said.length, 1, logs.join('\n'));
    assert.match(said[0], /; rebuilding it\.$/);
    assert.doesNotMatch(said[0], /\.\);/, 'the reason inside the parentheses ends without its own full stop');
    assert.doesNotMatch(said[0], /kbsleuth index/, 'it is rebuilt by itself: the log asks the operator for nothing');
    const sources = await kb.troubleshootSources();
    assert.ok(sources.signatures, 'the rebuilt quoted-line index is served');
    const paste = readFileSync(path.join(LOG_FIXTURES_DIR, 'despooler-sms12.log'), 'latin1');
    const result = troubleshoot(sources, paste);
    assert.equal(result.diagnoses[0]?.id, 'Q161043', 'troubleshoots again: the quoted lines of the despooler log find their article');
    assert.ok(
      result.diagnoses[0].evidence.some((e) => e.kind === 'signature'),
      'matched by its quoted lines, not by the code alone',
    );
  });

  it('a cluster worker (build: false) asks for the rebuild instead of building, and serves once reloaded', { timeout: 120_000 }, async () => {
    const dataDir = makeTempDataDir();
    const asked: string[] = [];
    const kb = new KnowledgeBase({ ...built.config, dataDir }, { rebuildNeeded: (reason) => asked.push(reason) });
    await kb.open({ trustSaved: true, build: false });
    assert.equal(kb.state().status, 'loading');
    assert.match(kb.state().message ?? '', /waiting for the index to be built/);
    assert.deepEqual(asked, ['no saved index can be served']);
    assert.equal(kb.reload(), false, 'nothing to reload yet');
    cpSync(built.config.dataDir, dataDir, { recursive: true });
    assert.equal(kb.reload(), true);
    assert.deepEqual([kb.state().status, kb.state().source], ['ready', 'saved']);
    assert.deepEqual(
      kb.search('despooler instruction file').results.map((r) => r.id),
      answers,
    );
  });

  it('joins a rebuild already under way instead of starting a second', { timeout: 120_000 }, async () => {
    const kb = new KnowledgeBase({ ...built.config, dataDir: makeTempDataDir() });
    const first = kb.rebuild();
    assert.equal(kb.rebuild(), first);
    await first;
    assert.notEqual(kb.rebuild(), first, 'a rebuild asked for after it finished starts anew');
    await kb.rebuild();
  });

  it('serves the saved index and deletes the temporary files a writer killed mid-save left', async () => {
    const { kb, logs } = await openDamaged((f) => {
      for (const [i, file] of [f.index, f.store, f.signatures].entries()) {
        const tmp = `${file}.${NO_SUCH_PID + i}.tmp`;
        writeFileSync(tmp, 'KBSLEUTH-INDEX\n{"format":');
        utimesSync(tmp, MINUTES_AGO(5), MINUTES_AGO(5));
      }
    });
    assert.equal(kb.state().source, 'saved');
    assert.deepEqual(
      kb.search('despooler instruction file').results.map((r) => r.id),
      answers,
    );
    assert.deepEqual(
      readdirSync(kb.config.dataDir).filter((n) => n.endsWith('.tmp')),
      [],
    );
    assert.ok(
      logs.some((m) => /deleted 3 temporary file\(s\)/.test(m)),
      logs.join('\n'),
    );
  });
});
