/**
 * The PostgreSQL schema as numbered steps, and the runner that applies them. Step i brings the database from
 * version i to i + 1; the versions applied are rows of `kbsleuth_schema`. Steps only add (tables, columns,
 * indexes): a host still running the previous kbsleuth keeps working on the new schema during a rollout, so
 * test/store/pg-storage.test.ts ('store/pg-schema: steps') refuses DROP, TRUNCATE, DELETE, RENAME and ALTER ... TYPE in any step.
 *
 * Hosts starting together take turns: the runner holds a PostgreSQL advisory lock while it reads the version
 * and applies the missing steps, each in its own transaction with its version row.
 */
import type pg from 'pg';
import { KbError } from '../errors.js';

export interface SchemaStep {
  /** One line for `kbsleuth db status`. */
  description: string;
  sql: string;
}

/** Append; never edit or reorder a shipped step. */
export const PG_STEPS: readonly SchemaStep[] = [
  {
    description: 'shared results, feedback, knowledge gaps',
    sql: `
      CREATE TABLE shared_results (
        id TEXT PRIMARY KEY,
        created_at TIMESTAMPTZ NOT NULL,
        log TEXT NOT NULL,
        redacted BOOLEAN NOT NULL DEFAULT false,
        answers TEXT NOT NULL DEFAULT '{}',
        result TEXT
      );
      CREATE TABLE feedback (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        target TEXT NOT NULL CHECK (target IN ('article', 'diagnosis')),
        article_id TEXT NOT NULL,
        shared_id TEXT,
        helpful BOOLEAN NOT NULL,
        comment TEXT,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX feedback_by_article ON feedback (article_id, helpful);
      CREATE INDEX feedback_by_shared ON feedback (shared_id) WHERE shared_id IS NOT NULL;
      CREATE TABLE gaps (
        kind TEXT NOT NULL CHECK (kind IN ('search', 'paste')),
        key TEXT NOT NULL,
        text TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 1,
        first_seen TIMESTAMPTZ NOT NULL,
        last_seen TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (kind, key)
      );
      CREATE INDEX gaps_by_count ON gaps (kind, count DESC, last_seen DESC);`,
  },
  {
    description: 'write-rate counters shared by every host',
    sql: `
      CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        window_ends BIGINT NOT NULL,
        hits INTEGER NOT NULL
      );`,
  },
  {
    description: 'share owners and expiry, gaps capped by age, admin sessions',
    sql: `
      ALTER TABLE shared_results ADD COLUMN owner_key_hash TEXT;
      CREATE INDEX shared_by_age ON shared_results (created_at);
      CREATE INDEX gaps_by_age ON gaps (kind, last_seen);
      CREATE TABLE admin_sessions (
        token_hash TEXT PRIMARY KEY,
        expires_at TIMESTAMPTZ NOT NULL
      );`,
  },
];

/** The advisory lock's two keys: 'kb' and 'sl' as numbers, so no other application on the database takes it by chance. */
const MIGRATION_LOCK = [0x6b62, 0x736c] as const;

const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS kbsleuth_schema (
  version INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

/** The version a database is at: 0 when kbsleuth never ran on it. */
export async function schemaVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('kbsleuth_schema')::text AS t");
  if (!exists.rows[0].t) return 0;
  const row = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM kbsleuth_schema');
  return row.rows[0].v ?? 0;
}

/**
 * The steps after `current`. A database a newer kbsleuth migrated has none: its steps only added, so this
 * version's tables and columns are all there, and a host not yet upgraded keeps serving during a rollout.
 */
export function pendingSteps(current: number): readonly SchemaStep[] {
  return PG_STEPS.slice(Math.min(current, PG_STEPS.length));
}

/** What to say about a database at `current` when this kbsleuth knows fewer steps; undefined when it knows them all. */
export function newerSchemaNote(current: number, where: string): string | undefined {
  if (current <= PG_STEPS.length) return undefined;
  return `storage: ${where} is at schema version ${current}, newer than the ${PG_STEPS.length} this kbsleuth knows (another host runs a newer kbsleuth); serving on it, since steps only add. Upgrade this host to use what they added.`;
}

/**
 * Applies the missing steps under the advisory lock (waiting while another host holds it). Resolves the
 * version before and after.
 */
export async function migrateSchema(client: pg.ClientBase, where: string): Promise<{ from: number; to: number }> {
  await client.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
  try {
    // Read inside the lock: a host that held it before us may have applied some steps.
    const from = await schemaVersion(client);
    const steps = pendingSteps(from);
    if (!steps.length) return { from, to: from };
    await client.query(VERSION_TABLE);
    for (const [i, step] of steps.entries()) {
      const version = from + i + 1;
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        await client.query('INSERT INTO kbsleuth_schema (version, description) VALUES ($1, $2)', [version, step.description]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new KbError(
          `store: schema step ${version} (${step.description}) failed on ${where}: ${(err as Error).message}; nothing of that step was applied. Fix the cause and run \`kbsleuth db migrate\`.`,
          { cause: err },
        );
      }
    }
    return { from, to: PG_STEPS.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]).catch(() => undefined);
  }
}
