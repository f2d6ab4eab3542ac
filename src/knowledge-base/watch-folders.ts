/**
 * Watches the KB folders for article files written, added or deleted, and hands them on in batches: an
 * editor's save is several events, and a copied folder hundreds.
 *
 * Node's recursive fs.watch, not chokidar: test/knowledge-base/watch-folders.test.ts shows it sees saves by
 * rename, new sub-folders and folders moved in; chokidar 5 on the full archive (61,000 folders, 117,000
 * files) walked for 100 s and then failed with ENOSPC, out of inotify watches, in one process of several.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { articleFormatOf } from '../ingest/walk-folders.js';

export interface WatchOptions {
  /** Time from a batch's first event until it is handed on (later events join it without restarting the wait). Default 300 ms. */
  debounceMs?: number;
  /** Whether a batch can be taken now; when not, it is kept and offered again a second later. Default always. */
  canTake?: () => boolean;
  log?: (message: string) => void;
}

/** Calls `onChanged` with the article files changed under `dirs`; returns a function that stops watching. */
export function watchFolders(dirs: readonly string[], onChanged: (files: string[]) => void, options: WatchOptions = {}): () => void {
  const log = options.log ?? (() => {});
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (options.canTake && !options.canTake()) {
      timer = setTimeout(flush, 1000);
      return;
    }
    const files = [...pending];
    pending.clear();
    onChanged(files);
  };
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      const watcher = watch(dir, { recursive: true }, (_event, name) => {
        if (!name || !articleFormatOf(String(name))) return;
        pending.add(path.join(dir, String(name)));
        if (!timer) timer = setTimeout(flush, options.debounceMs ?? 300);
      });
      watcher.on('error', (err) => log(`kb: stopped watching ${dir}: ${err.message}`));
      watchers.push(watcher);
    } catch (err) {
      log(`kb: cannot watch ${dir} for changes (${(err as Error).message}); edits show after a restart.`);
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
