/** A KnowledgeBase for a command: its log lines on stderr, its progress as bars on a terminal (none elsewhere). */
import cliProgress from 'cli-progress';
import type { Config } from '../config.js';
import { KnowledgeBase } from '../knowledge-base.js';

type Step = 'load' | 'index' | 'hash';
const STEP_LABELS: Record<Step, string> = { load: 'Reading articles', index: 'Indexing', hash: 'Checking sources' };

/** A progress bar when stderr is a terminal; nothing otherwise (a script's or a log's stderr keeps to messages). */
export function progressReporter(enabled: boolean) {
  let bar: cliProgress.SingleBar | undefined;
  let step: Step | undefined;
  const tty = process.stderr.isTTY;
  return {
    update(s: Step, done: number, total: number) {
      if (!enabled || !tty) return;
      if (s !== step) {
        bar?.stop();
        step = s;
        bar = new cliProgress.SingleBar(
          { format: `${STEP_LABELS[s]} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      if (bar) {
        bar.setTotal(total);
        bar.update(done);
        if (done >= total) {
          bar.stop();
          bar = undefined;
        }
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

/** A KnowledgeBase whose log lines go to stderr (after `prefix`, for cluster workers) with progress bars. */
export function openKb(config: Config, options: { prefix?: string; rebuildNeeded?: (reason: string) => void } = {}) {
  const progress = progressReporter(config.progress);
  const log = (m: string) => process.stderr.write(options.prefix ? `${options.prefix}: ${m}\n` : m + '\n');
  const kb = new KnowledgeBase(config, { log, progress: (s, d, t) => progress.update(s, d, t), rebuildNeeded: options.rebuildNeeded });
  return { kb, progress };
}
