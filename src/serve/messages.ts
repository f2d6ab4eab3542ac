/** What the processes of a cluster tell each other (node:cluster IPC). */

/** Set on the processes a cluster primary forks: `serve` answers requests, `index` builds the saved index and exits. */
export const WORKER_ROLE = 'KBSLEUTH_WORKER_ROLE';

/** A message between a serving worker and its primary. */
export type ClusterMessage =
  | { type: 'listening'; url: string }
  | { type: 'ready'; articles: number; source?: string }
  | { type: 'rebuild'; reason: string }
  | { type: 'reload' }
  /** Article files changed under KB_DIR: the primary alone watches (one inotify watch per file, not one per worker). */
  | { type: 'changed'; files: string[] };
