/**
 * The store a server uses, from its settings: PostgreSQL when DATABASE_URL is set, else the SQLite file under
 * DATA_DIR. Also what `kbsleuth db status` reads without changing anything.
 */
import path from 'node:path';
import type { Config } from '../config.js';
import { DATABASE_FILE, openDatabase } from './database.js';
import { PgStorage } from './pg-storage.js';
import { SqliteStorage, sqliteSchemaStatus } from './sqlite-storage.js';
import { KbError } from '../errors.js';
import { StorageUnavailableError, type SchemaStatus, type Storage } from './storage.js';

type StorageSettings = Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'shareTtlDays' | 'maxGaps'>>;

/** Opens the configured store. PostgreSQL connects (and migrates) on first use, so a database down at start delays nothing. */
export function openStorage(config: StorageSettings, options: { log?: (message: string) => void } = {}): Storage {
  const limits = { shareTtlDays: config.shareTtlDays, maxGaps: config.maxGaps };
  if (config.databaseUrl) return new PgStorage({ connectionString: config.databaseUrl, log: options.log, ...limits });
  return new SqliteStorage(openDatabase(config.dataDir, limits));
}

/** The configured store's schema status; a SQLite file is read, not created or migrated. */
export async function storageStatus(config: StorageSettings): Promise<SchemaStatus> {
  if (!config.databaseUrl) return sqliteSchemaStatus(path.join(config.dataDir, DATABASE_FILE));
  const storage = new PgStorage({ connectionString: config.databaseUrl, poolSize: 1, log: () => undefined });
  try {
    return await storage.status().catch(unreachable(storage.where));
  } finally {
    await storage.close();
  }
}

/** Brings the configured store's schema up to date; resolves the status before and after. */
export async function migrateStorage(config: StorageSettings): Promise<{ before: SchemaStatus; after: SchemaStatus }> {
  const before = await storageStatus(config);
  const storage = openStorage(config, { log: () => undefined });
  try {
    return { before, after: await storage.migrate().catch(unreachable(storage.where)) };
  } finally {
    await storage.close();
  }
}

/** For the command line, which may name the host: the 503 text is written for web visitors. */
function unreachable(where: string) {
  return (err: unknown): never => {
    if (err instanceof StorageUnavailableError)
      throw new KbError(`db: cannot reach PostgreSQL at ${where} (${err.reason}); check DATABASE_URL and that the server runs.`, { cause: err });
    throw err;
  };
}
