/** The worker a cluster primary forks to build the saved index (WORKER_ROLE index): builds, saves, exits. */
import { Registry } from 'prom-client';
import type { Config } from '../config.js';
import { shareWithPrimary } from '../web/metrics.js';
import { openKb } from './open-kb.js';

/** A worker forked only to build the saved index for its primary; exits 0 once it is saved. */
export async function buildForPrimary(config: Config): Promise<void> {
  const { kb, progress } = openKb(config, { prefix: 'kbsleuth[index]' });
  shareWithPrimary(new Registry());
  try {
    const started = Date.now();
    await kb.rebuild();
    progress.stop();
    process.stderr.write(`kbsleuth[index]: built the index of ${kb.state().articles} articles in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    process.exit(0);
  } catch (err) {
    progress.stop();
    process.stderr.write(`kbsleuth[index]: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
