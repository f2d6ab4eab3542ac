/**
 * Child process for test/search-index/crash.test.ts: saves crashIndexOf(argv[3], 'new-build') over the
 * index file argv[2], printing "saving" first. With argv[4] = 'halfway' the write into the temporary file
 * stops after half of its bytes, prints "halfway" and waits there to be killed.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { saveIndex } from '../../src/search-index/index-file.js';
import { crashIndexOf } from './crash-writes.js';

const [file, count, mode] = process.argv.slice(2);
const index = crashIndexOf(Number(count), 'new-build');
if (mode === 'halfway') {
  const writeSync = fs.writeSync;
  (fs as { writeSync: unknown }).writeSync = (fd: number, buf: Uint8Array, offset: number, length: number) => {
    writeSync(fd, buf, offset, Math.floor(length / 2));
    process.stdout.write('halfway\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  };
  // The modules that imported writeSync by name see the replacement too.
  syncBuiltinESMExports();
}
process.stdout.write('saving\n');
saveIndex(file, index);
