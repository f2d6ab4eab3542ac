#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's test runner under tsx. Node 20's --test takes no globs, so
// the files are listed here. Extra arguments pass through (e.g. `npm test -- --test-name-pattern=seed`).
// test/support/seed.ts gives every random test one seed, printed on failure: FC_SEED=N npm test replays it.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function testFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === 'fixtures' ? [] : testFiles(full);
      return name.endsWith('.test.ts') ? [full] : [];
    });
}

const files = testFiles('test');
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--import', './test/support/seed.ts', '--test', '--test-concurrency=2', ...process.argv.slice(2), ...files],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
