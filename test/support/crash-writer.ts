/**
 * Child process for test/store/crash.test.ts: writes to the database under argv[2] as fast as it can until
 * it is killed, printing one line per write only after the call returned, i.e. once it was committed:
 *   S <n> <shared id>      after saveShared of crashWriteOf(n)
 *   F <n> <feedback id>    after addFeedback of crashFeedbackOf(n)
 * argv[3] is the first n, so several runs on one file write distinct rows. With argv[4], it stops after that
 * many of each, prints "waiting" and waits, idle, to be killed.
 */
import { openDatabase } from '../../src/store/database.js';
import { crashFeedbackOf, crashWriteOf } from './crash-writes.js';

const [dir, first, stopAfter] = process.argv.slice(2);
const db = openDatabase(dir);
const end = stopAfter ? Number(first) + Number(stopAfter) : Infinity;
for (let n = Number(first); n < end; n++) {
  const { id } = db.saveShared(crashWriteOf(n));
  process.stdout.write(`S ${n} ${id}\n`);
  const feedback = db.addFeedback(crashFeedbackOf(n));
  process.stdout.write(`F ${n} ${feedback.id}\n`);
}
process.stdout.write('waiting\n');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
