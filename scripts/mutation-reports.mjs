// Combines StrykerJS results from several runs (docs/mutation.md, "sixth round").
//
//   node scripts/mutation-reports.mjs merge OUT.json PREFIX IN.json...
//     One incremental file from the incremental.json files of earlier runs, for the src files under PREFIX
//     (e.g. src/search/): put it at reports/mutation/<run>/incremental.json before a run on the whole folder, and
//     that run reuses every result still valid. A later input wins for a file held by several. Test ids are only
//     unique within one report, so each becomes its test file's name; a test file whose stored text differs from
//     the file now is left out, so the mutants it killed are tested again.
//
//   node scripts/mutation-reports.mjs score FOLDER REPORT.json...
//     A folder's score from the mutation.json reports of the runs that measured its files (a later report wins
//     for a file in several): per file killed, timed out, survived, no coverage and the score (and the score with no
//     timeout counted as killed), the files no report
//     holds, and the files whose text changed since their report.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const textOf = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

function merge(out, prefix, inputs) {
  const merged = { files: {}, testFiles: {} };
  for (const input of inputs) {
    const report = readJson(input);
    for (const key of ['schemaVersion', 'thresholds', 'projectRoot', 'config', 'framework']) merged[key] ??= report[key];
    const nameOf = new Map();
    for (const [file, testFile] of Object.entries(report.testFiles ?? {})) {
      if (textOf(file) !== testFile.source) {
        console.log(`${input}: ${file} changed since: the mutants it killed are tested again`);
        continue;
      }
      for (const t of testFile.tests) nameOf.set(t.id, t.name);
      merged.testFiles[file] = { source: testFile.source, tests: testFile.tests.map((t) => ({ ...t, id: t.name })) };
    }
    const rename = (ids) => (ids ?? []).map((id) => nameOf.get(id)).filter(Boolean);
    for (const [file, result] of Object.entries(report.files)) {
      if (!file.startsWith(prefix)) continue;
      const mutants = result.mutants.map((m) => ({ ...m, killedBy: rename(m.killedBy), coveredBy: rename(m.coveredBy) }));
      console.log(`${input}: ${file}, ${mutants.length} mutants${textOf(file) === result.source ? '' : ' (changed since)'}`);
      merged.files[file] = { ...result, mutants };
    }
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(merged));
}

const STATUSES = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];

function score(folder, reports) {
  const byFile = new Map();
  for (const r of reports) {
    for (const [file, result] of Object.entries(readJson(r).files)) if (file.startsWith(`${folder}/`)) byFile.set(file, { report: r, ...result });
  }
  const total = Object.fromEntries([...STATUSES, 'other'].map((s) => [s, 0]));
  const line = (c) => {
    const n = STATUSES.reduce((sum, s) => sum + c[s], 0);
    const pct = (k) => (n ? ((100 * k) / n).toFixed(1) : '-');
    // Under load a slow test can time out without the mutant hanging: the second figure counts no timeout as killed.
    return `${n} mutants: ${c.Killed} killed, ${c.Timeout} timeout, ${c.Survived} survived, ${c.NoCoverage} no coverage${c.other ? `, ${c.other} other` : ''}: ${pct(c.Killed + c.Timeout)} % (${pct(c.Killed)} % without timeouts)`;
  };
  const files = readdirSync(folder, { recursive: true })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(folder, f))
    .sort();
  for (const file of files) {
    const result = byFile.get(file);
    if (!result) {
      console.log(`${file}: not measured`);
      continue;
    }
    const c = Object.fromEntries([...STATUSES, 'other'].map((s) => [s, 0]));
    for (const m of result.mutants) c[STATUSES.includes(m.status) ? m.status : 'other']++;
    for (const s in c) total[s] += c[s];
    const changed = textOf(file) === result.source ? '' : ' (changed since)';
    console.log(`${file}: ${line(c)}${changed} [${result.report}]`);
  }
  console.log(`${folder}, the files measured: ${line(total)}`);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'merge' && args.length >= 3) merge(args[0], args[1], args.slice(2));
else if (command === 'score' && args.length >= 2) score(args[0], args.slice(1));
else {
  console.error('usage: node scripts/mutation-reports.mjs merge OUT.json PREFIX IN.json... | score FOLDER REPORT.json...');
  process.exit(2);
}
