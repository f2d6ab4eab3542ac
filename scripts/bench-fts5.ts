/**
 * `node --import tsx scripts/bench-fts5.ts KB_ROOT OUT.sqlite`: the yardstick for `kbsleuth index` (issue 18).
 * Builds a plain SQLite FTS5 index of the same article files: every `*.md` and `*.txt` under KB_ROOT/kb and
 * KB_ROOT/txt, read with plain file reads (readFileSync, decoded as UTF-8), one row per file (path, text), no
 * parsing, no twin merging, no signals. What it costs is the floor any full-text build of these files pays.
 * Prints one line `FTS5-RESULT {json}`: files, bytes, wall ms, peak RSS (VmHWM) in MiB.
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

function* articleFiles(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* articleFiles(full);
    else if (/\.(md|txt)$/i.test(e.name)) yield full;
  }
}

function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

function main(): void {
  const [root, out] = process.argv.slice(2);
  if (!root || !out) {
    process.stderr.write('bench-fts5: usage: bench-fts5.ts KB_ROOT OUT.sqlite (OUT is overwritten)\n');
    process.exit(2);
  }
  const t0 = performance.now();
  rmSync(out, { force: true });
  const db = new Database(out);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec("CREATE VIRTUAL TABLE articles USING fts5(path UNINDEXED, body, tokenize = 'unicode61')");
  const insert = db.prepare('INSERT INTO articles (path, body) VALUES (?, ?)');
  let files = 0;
  let bytes = 0;
  const insertAll = db.transaction(() => {
    for (const sub of ['kb', 'txt']) {
      for (const file of articleFiles(path.join(root, sub))) {
        const buf = readFileSync(file);
        bytes += buf.byteLength;
        files++;
        insert.run(path.relative(root, file), buf.toString('utf8'));
      }
    }
  });
  insertAll();
  db.exec("INSERT INTO articles(articles) VALUES ('optimize')");
  db.close();
  const wallMs = performance.now() - t0;
  console.log(`FTS5-RESULT ${JSON.stringify({ files, bytes, wallMs: Math.round(wallMs), peakRssMiB: Math.round(peakRssMiB()) })}`);
}

main();
