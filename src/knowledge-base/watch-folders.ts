/**
 * Watches the KB folders for article files written, added or deleted, and hands them on in batches: an
 * editor's save is several events, and a copied folder hundreds.
 *
 * @parcel/watcher (inotify from native code, one descriptor, its walk on a thread of its own), not Node's
 * recursive fs.watch and not chokidar. On the full archive (61,000 folders, 117,000 files) Node 20's recursive
 * watch held a JavaScript watcher per file and folder, 380 MiB in the process that watches; @parcel/watcher
 * holds about 50 MiB. chokidar 5 walked for 100 s and then failed with ENOSPC, out of inotify watches.
 * test/knowledge-base/watch-folders.test.ts shows the cases it must see: saves by rename, new sub-folders,
 * folders moved in.
 */
import type { AsyncSubscription, Event } from '@parcel/watcher';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { articleFormatOf, listArticleFiles } from '../ingest/walk-folders.js';

export interface WatchOptions {
  /** Time from a batch's first event until it is handed on (later events join it without restarting the wait). Default 300 ms. */
  debounceMs?: number;
  /** Whether a batch can be taken now; when not, it is kept and offered again a second later. Default always. */
  canTake?: () => boolean;
  log?: (message: string) => void;
}

/** A running watch: `ready` resolves to how many of the folders are watched once each is (or given up with a log line); `stop` ends it. */
export interface FolderWatch {
  ready: Promise<number>;
  stop: () => Promise<void>;
}

// Loaded on first use: its native part comes from an optional dependency, and without it only watching stops.
let watcherModule: Promise<typeof import('@parcel/watcher')> | undefined;
const loadWatcher = () => (watcherModule ??= import('@parcel/watcher').then((m) => m.default));
/**
 * inotify, named, on Linux: left to choose, @parcel/watcher first asks a shell whether watchman runs (which left the
 * server an unreaped `sh` child) and would use watchman where it is installed, a backend nothing here is measured on.
 */
const BACKEND = process.platform === 'linux' ? 'inotify' : undefined;

/**
 * Ends a subscription whatever it says: a folder moved away and back can leave the watcher an inotify watch the kernel
 * already dropped, and removing it fails ("Unable to remove watcher: Invalid argument"), which must stop no other.
 */
const unsubscribe = (subscription: AsyncSubscription): Promise<void> => subscription.unsubscribe().catch(() => undefined);

/** Calls `onChanged` with the article files changed under `dirs`, and the folders gone; logs once watching. */
export function watchFolders(dirs: readonly string[], onChanged: (files: string[]) => void, options: WatchOptions = {}): FolderWatch {
  const log = options.log ?? (() => {});
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
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
  const found = (file: string) => {
    pending.add(file);
    if (!timer && !stopped) timer = setTimeout(flush, options.debounceMs ?? 300);
  };
  /** The folders created or moved in since watching began, each with a subscription of its own (see watchNewFolder). */
  const extra = new Map<string, AsyncSubscription>();
  /** Ends a new folder's own subscription once the folder is gone (not from inside the watcher's callback). */
  const unwatchLater = (dir: string) => {
    const subscription = extra.get(dir);
    if (!subscription) return;
    extra.delete(dir);
    setImmediate(() => void unsubscribe(subscription));
  };
  const onEvents = (dir: string) => (err: Error | null, events: Event[]) => {
    if (err) return log(`kb: watching ${dir} failed (${err.message}); edits show after a restart.`);
    for (const event of events) {
      if (articleFormatOf(event.path)) found(event.path);
      else if (event.type === 'create') void watchNewFolder(event.path);
      else if (event.type === 'delete') {
        // A folder gone: its own subscription goes too. A folder moved away is reported as the folder alone, so it is
        // handed on: an article's own (kb/161/Q161043) names the article as its page would, and the reader of the
        // changes finds the articles of another (kb/161). A name with an extension is a file that is no article.
        unwatchLater(event.path);
        if (!path.extname(event.path)) found(event.path);
      }
    }
  };
  const subscribe = async (dir: string): Promise<AsyncSubscription | undefined> => {
    try {
      return await (await loadWatcher()).subscribe(dir, onEvents(dir), { backend: BACKEND });
    } catch (err) {
      const message = (err as Error).message;
      const fix = /ENOSPC|no space left/i.test(message) ? ' Raise fs.inotify.max_user_watches (it takes one per folder), or set WATCH=0.' : '';
      log(`kb: cannot watch ${dir} for changes (${message}); edits show after a restart.${fix}`);
      return undefined;
    }
  };
  // @parcel/watcher watches a folder created or moved in, but not the folders inside it, and files written into it
  // before its watch was set are never reported: so the new folder gets a watch of its own, then is listed.
  const watchNewFolder = async (dir: string) => {
    const isFolder = await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder || stopped) return;
    const subscription = await subscribe(dir);
    if (subscription && stopped) return void unsubscribe(subscription);
    if (subscription) {
      // Swapped in one step: two reports of the same new folder may both get here.
      const before = extra.get(dir);
      extra.set(dir, subscription);
      if (before) void unsubscribe(before);
    }
    for (const file of listArticleFiles([dir])) found(file);
  };
  const subscriptions = loadWatcher().then(
    () => Promise.all(dirs.map(subscribe)),
    (err: Error) => {
      log(
        `kb: cannot watch KB_DIR for changes: @parcel/watcher did not load (${err.message}); edits show after a restart. Reinstall with \`npm ci\` (it needs the optional dependencies), or set WATCH=0.`,
      );
      return [];
    },
  );
  const ready = subscriptions.then((watched) => watched.filter(Boolean).length);
  void ready.then((n) => n && log(`kb: watching ${n} of ${dirs.length} KB_DIR folder(s) for edited articles.`));
  return {
    ready,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const all = [...(await subscriptions), ...extra.values()];
      extra.clear();
      await Promise.all(all.map((subscription) => subscription && unsubscribe(subscription)));
    },
  };
}
