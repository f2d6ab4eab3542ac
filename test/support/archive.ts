/**
 * Finds the real KB archive for the tests that need it. Tests call `archiveDir()` and skip when it
 * returns undefined, so a fresh clone without ../shared still passes `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.js';

let cached: string | null | undefined;

/** The unpacked archive (holding kb/ and txt/), unpacking it from ../shared/corpus when needed; undefined when absent. */
export function archiveDir(): string | undefined {
  if (cached !== undefined) return cached ?? undefined;
  cached = null;
  const unpack = path.resolve(PROJECT_DIR, '..', 'shared', 'corpus', 'unpack.sh');
  const dest = process.env.KBARCHIVE_DIR || '/tmp/kbarchive';
  if (existsSync(unpack)) {
    // unpack.sh is a no-op when the archive is already unpacked from the same tarballs.
    const out = execFileSync('bash', [unpack, dest], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    cached = out.split('\n').pop() || dest;
  } else if (existsSync(path.join(dest, 'kb')) && existsSync(path.join(dest, 'txt'))) {
    cached = dest;
  }
  return cached ?? undefined;
}

/** Skip option for node:test: a reason string when the archive is absent, false when present. */
export function skipWithoutArchive(): string | false {
  return archiveDir() ? false : 'the KB archive (../shared/corpus) is not beside the project';
}
