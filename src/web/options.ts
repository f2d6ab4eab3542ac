/** What createApp is given: the parts it serves (deps) and the settings it applies (options). Routes import them from here. */
import type { Config } from '../config.js';
import type { KnowledgeBase } from '../knowledge-base.js';
import type { Database } from '../store/database.js';

export interface AppDeps {
  kb: KnowledgeBase;
  /**
   * Where shared results, feedback and knowledge gaps are kept. Default: `kbsleuth.sqlite` under the
   * knowledge base's DATA_DIR, opened when the app is created.
   */
  db?: Database;
}

export type AppOptions = Pick<Config, 'maxBodyBytes' | 'maxQueryChars' | 'maxPasteBytes' | 'writesPerMinute'> &
  Partial<Pick<Config, 'adminToken' | 'shareTtlDays' | 'publicUrl' | 'troubleshootMaxLines' | 'troubleshootMaxMs' | 'maxGaps'>> & {
    /** Show stack traces on error pages. Default false. */
    development?: boolean;
  };
