// StrykerJS over the node:test suite (`npm run mutate`; not in CI: it is slow). See docs/mutation.md.
//
// A run lists only the test files that cover the folders being mutated (`npm run mutate -- --mutate
// 'src/privacy/**/*.ts'` runs test/privacy/, not the whole suite); with perTest coverage each mutant then runs
// the listed files that reach it, in the listed order, until one fails.
import { existsSync } from 'node:fs';

/** Which test files cover each src folder (or top-level file). The archive tests are left out: they load 60,000 articles. */
const COVERING_TESTS = {
  'src/search-index': ['test/search-index/**/*.test.ts', 'test/knowledge-base.test.ts', 'test/search/search.test.ts'],
  'src/search-index/atomic-file.ts': ['test/search-index/atomic-file.test.ts', 'test/search-index/index-file.test.ts', 'test/knowledge-base.test.ts'],
  'src/search-index/header-line.ts': ['test/search-index/header-line.test.ts', 'test/search-index/index-file.test.ts', 'test/knowledge-base.test.ts'],
  'src/ingest': ['test/ingest/!(archive).test.ts'],
  // The parsers' own tests, without load-articles.test.ts (23 s a run here): their scores are the unit tests'.
  'src/ingest/decode.ts': ['test/ingest/decode.test.ts', 'test/ingest/text.test.ts'],
  'src/ingest/text.ts': ['test/ingest/text.test.ts'],
  'src/ingest/merge.ts': ['test/ingest/merge.test.ts'],
  'src/ingest/markdown.ts': ['test/ingest/markdown.test.ts'],
  'src/ingest/fields.ts': ['test/ingest/fields.test.ts', 'test/ingest/text.test.ts', 'test/ingest/markdown.test.ts'],
  'src/ingest/sections.ts': ['test/ingest/sections.test.ts'],
  'src/privacy': ['test/privacy/**/*.test.ts'],
  'src/live-edits': ['test/live-edits/**/*.test.ts', 'test/knowledge-base.test.ts'],
  'src/live-edits/merge-results.ts': ['test/live-edits/merge-results.test.ts', 'test/live-edits/live-edits.test.ts', 'test/knowledge-base.test.ts'],
  'src/knowledge-base': ['test/knowledge-base.test.ts', 'test/knowledge-base/**/*.test.ts'],
  'src/signals': ['test/signals/**/*.test.ts'],
  'src/search': ['test/search/**/*.test.ts'],
  // Fast files first: a mutant runs the files that reach it in this order and stops at the first that fails.
  'src/troubleshoot': [
    'test/troubleshoot/confidence.test.ts',
    'test/troubleshoot/match-line.test.ts',
    'test/troubleshoot/signature-index.test.ts',
    'test/troubleshoot/signature-file.test.ts',
    'test/troubleshoot/within-budget.test.ts',
    'test/troubleshoot/troubleshoot-steps.test.ts',
    'test/troubleshoot/troubleshoot-diagnoses.test.ts',
    'test/troubleshoot/troubleshoot-edges.test.ts',
    'test/troubleshoot/troubleshoot.test.ts',
    'test/troubleshoot/signature-index.property.test.ts',
    'test/troubleshoot/match-line.property.test.ts',
    'test/troubleshoot/hostile-pastes.test.ts',
    'test/troubleshoot/properties.test.ts',
  ],
  // The PostgreSQL files' tests skip without TEST_DATABASE_URL (scripts/test-postgres.sh starts a server).
  'src/store': [
    'test/store/storage.test.ts',
    'test/store/sqlite-storage.test.ts',
    'test/store/open-storage.test.ts',
    'test/store/pg-storage.test.ts',
    'test/store/crash.test.ts',
    'test/store/database.test.ts',
  ],
  'src/render': ['test/render/**/*.test.ts'],
  'src/web': ['test/web/**/*.test.ts'],
  'src/config.ts': ['test/config.test.ts'],
};

/** The --mutate patterns given on the command line (Stryker reads them again itself). */
function mutateArgs() {
  const argv = process.argv;
  const i = argv.findIndex((a) => a === '--mutate' || a === '-m' || a.startsWith('--mutate='));
  if (i < 0) return [];
  const value = argv[i].startsWith('--mutate=') ? argv[i].slice('--mutate='.length) : (argv[i + 1] ?? '');
  return value.split(',').filter(Boolean);
}

function coveringTests(patterns) {
  // MUTATE_TESTS names the test files outright (comma-separated globs), for a run on a few files whose own tests suffice.
  if (process.env.MUTATE_TESTS) return process.env.MUTATE_TESTS.split(',').filter(Boolean);
  const keys = Object.keys(COVERING_TESTS);
  // Each pattern takes the most specific entry that holds it: a file's own entry before its folder's.
  const entryOf = (p) => keys.filter((k) => p.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  const chosen =
    patterns.length === 0
      ? keys
      : patterns
          .filter((p) => !p.startsWith('!'))
          .map(entryOf)
          .filter(Boolean);
  if (patterns.length > 0 && chosen.length === 0) {
    throw new Error(`stryker.config.mjs: no test files are mapped to ${patterns.join(', ')}; add the folder to COVERING_TESTS`);
  }
  return [...new Set(chosen.flatMap((k) => COVERING_TESTS[k]))].filter((glob) => hasMatch(glob));
}

/** A glob whose folder does not exist (test/live-edits/ does not yet) would fail the run, so it is dropped. */
function hasMatch(glob) {
  const parts = glob.split('/');
  const firstPattern = parts.findIndex((p) => /[*!(]/.test(p));
  return existsSync(firstPattern < 0 ? glob : parts.slice(0, firstPattern).join('/'));
}

const patterns = mutateArgs();
/** One incremental file and report per set of --mutate patterns, so a run on one folder keeps another folder's results. */
const runName = patterns.length
  ? patterns
      .map((p) =>
        p
          .replace(/^src\//, '')
          .replace(/\/\*\*\/\*\.ts$/, '')
          .replace(/[^A-Za-z0-9.-]+/g, '_'),
      )
      .join('+')
  : 'all';

export default {
  $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  packageManager: 'npm',
  testRunner: 'tap',
  tap: {
    testFiles: coveringTests(patterns),
    nodeArgs: ['--import', 'tsx', '--import', './test/support/seed.ts', '--test-reporter=tap'],
  },
  // TypeScript 7 has no parseConfigFileTextToJson, which Stryker's tsconfig rewriting calls; a file
  // name that does not exist turns that rewriting off (tsx compiles the mutated sources itself).
  tsconfigFile: 'stryker-no-tsconfig.json',
  mutate: ['src/**/*.ts', '!src/**/*.d.ts', '!src/signals/data/**'],
  // perTest: the tap runner records which test files reach each mutant, so a mutant runs only those (and a
  // mutant no listed file reaches is "no coverage" without a run). 'off' ran every listed file for every mutant.
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 30_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `reports/mutation/${runName}/incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${runName}/mutation.html` },
  jsonReporter: { fileName: `reports/mutation/${runName}/mutation.json` },
  ignorePatterns: ['/dist', '/reports', '/data', '/test-output', '/.stryker-tmp'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
