/** What createApp is given: the parts it serves (deps) and the settings it applies (options). Routes import them from here. */
import type { Config } from '../config.js';
import type { KnowledgeBase } from '../knowledge-base.js';
import type { Registry } from 'prom-client';
import type { Storage } from '../store/storage.js';

export interface AppDeps {
  kb: KnowledgeBase;
  /**
   * Where shared results, feedback, knowledge gaps, write counts and admin sessions are kept: the SQLite file
   * or PostgreSQL (store/storage.ts). Default: `kbsleuth.sqlite` under the knowledge base's DATA_DIR, opened
   * when the app is created.
   */
  storage?: Storage;
  /** Where the app's Prometheus metrics go (src/serve/ serves it on METRICS_PORT too). Default: a registry of its own. */
  metrics?: Registry;
}

export type AppOptions = Pick<Config, 'maxBodyBytes' | 'maxQueryChars' | 'maxPasteBytes' | 'writesPerMinute'> &
  Partial<Pick<Config, 'adminToken' | 'shareTtlDays' | 'publicUrl' | 'troubleshootMaxLines' | 'troubleshootMaxMs' | 'maxGaps' | 'trustProxy'>> & {
    /** Show stack traces on error pages. Default false. */
    development?: boolean;
  };
