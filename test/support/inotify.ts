/**
 * Whether this Linux machine has inotify watches to spare. The watcher takes one per folder; other servers
 * watching a large archive can hold most of them (the limit is per user), and a watcher then sees nothing, or
 * stops with ENOSPC. The watch tests skip then, saying so, rather than fail.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** A reason to skip the watch tests, or undefined when at least `needed` watches are free (or this is not Linux). */
export function inotifyShortage(needed = 2000): string | undefined {
  if (process.platform !== 'linux') return undefined;
  let limit: number;
  try {
    limit = Number(readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8'));
  } catch {
    return undefined;
  }
  let used = 0;
  const uid = process.getuid?.();
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (uid !== undefined && !readFileSync(`/proc/${pid}/status`, 'utf8').includes(`\nUid:\t${uid}\t`)) continue;
      for (const fd of readdirSync(`/proc/${pid}/fdinfo`)) {
        const info = readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
        if (info.includes('inotify wd:')) used += info.split('\n').filter((l) => l.startsWith('inotify wd:')).length;
      }
    } catch {
      // A process that ended meanwhile, or one we may not read.
    }
  }
  return limit - used < needed
    ? `this machine is out of inotify watches (${used} of ${limit} in use by this user's processes); raise fs.inotify.max_user_watches or stop the other watchers`
    : undefined;
}
