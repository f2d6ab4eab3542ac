/**
 * Child process for test/store/crash.test.ts: writes to the database under argv[2] as fast as it can until
 * it is killed, printing one line per write only after the call returned, i.e. once it was committed:
 *   S <n> <shared id>      after saveShared of crashWriteOf(n)
 *   F <n> <feedback id>    after addFeedback of crashFeedbackOf(n)
 * argv[3] is the first n, so several runs on one file write distinct rows. With argv[4], it stops after that
 * many of each, prints "waiting" and waits, idle, to be killed.
 *
 * Each line is handed to the parent before the next write starts. A loop that never yields left its lines in
 * Node's queue once the pipe was full (a parent starved of CPU reads slowly): the parent saw no more
 * acknowledgements, never killed it, and it wrote on, unseen, for half an hour (4.7 GB) after the test had
 * timed out.
 */
import { openDatabase } from '../../src/store/database.js';
import { crashFeedbackOf, crashWriteOf } from './crash-writes.js';

const [dir, first, stopAfter] = process.argv.slice(2);
const db = openDatabase(dir);
const end = stopAfter ? Number(first) + Number(stopAfter) : Infinity;
const say = (line: string) => new Promise<void>((resolve, reject) => process.stdout.write(`${line}\n`, (err) => (err ? reject(err) : resolve())));
for (let n = Number(first); n < end; n++) {
  const { id } = db.saveShared(crashWriteOf(n));
  await say(`S ${n} ${id}`);
  const feedback = db.addFeedback(crashFeedbackOf(n));
  await say(`F ${n} ${feedback.id}`);
}
await say('waiting');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
