/**
 * The one place for defaults. Settings are read from the environment here and nowhere else (the cluster's
 * KBSLEUTH_WORKER_ROLE, see serve/messages.ts, is a message between processes, not a setting); the CLI passes
 * its flags in as overrides. Each setting is documented where it is typed, with its default.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Folder of the project: above src/, or above dist/ when this runs compiled (dist/src/config.js). */
export const PROJECT_DIR = import.meta.url.endsWith('.js') ? path.resolve(HERE, '..', '..') : path.resolve(HERE, '..');

export interface Config {
  /** TCP port the server listens on. Env `PORT`. Default 3000. */
  port: number;
  /** Address the server binds. Env `HOST`. Default '127.0.0.1'. */
  host: string;
  /**
   * Folders of articles, each an archive root (holding `kb/` and/or `txt/`) or any folder of article files,
   * searched recursively. Env `KB_DIR`, several separated by ':'. Default: the project's own `kb/`.
   */
  kbDirs: string[];
  /** Where saved indexes and the database go. Env `DATA_DIR`. Default `<project>/data` (ignored by git). */
  dataDir: string;
  /** Largest request body accepted, in bytes (pastes included); larger gets 413. Env `MAX_BODY_BYTES`. Default 8 MiB. */
  maxBodyBytes: number;
  /** Largest paste the troubleshooter reads, in bytes; the rest is cut and the answer says so. Default 8 MiB. */
  maxPasteBytes: number;
  /** Longest search query accepted, in characters; longer gets 400. Default 2,000. */
  maxQueryChars: number;
  /**
   * Writes (shares, deletions of shared results, feedback) one client address may make a minute; more get
   * 429. Shared by every server process on one DATA_DIR. Env `WRITES_PER_MINUTE`. Default 30.
   */
  writesPerMinute: number;
  /**
   * Server processes answering requests (node:cluster workers sharing one saved index; the primary builds
   * it when needed and restarts a worker that dies). 1 serves from a single process. Each worker holds the
   * index in memory (about 700 MiB on the full archive). Env `WORKERS`. Default: one per core, at most 4.
   */
  workers: number;
  /**
   * The secret that opens /reports and /api/reports (as `Authorization: Bearer <token>`, or typed into the
   * reports login form, which sets a session cookie for a day). Unset, the reports are off (404).
   * Env `ADMIN_TOKEN` (16 characters at least). Default unset.
   */
  adminToken?: string;
  /** Days a shared result is kept; older ones are no longer shown and are deleted. Env `SHARE_TTL_DAYS`. Default 90. */
  shareTtlDays: number;
  /**
   * The address people reach the server at (`https://kb.example.org`): links in shares, OpenSearch and ticket
   * text use it, and a request naming another Host is refused (421), which stops DNS rebinding. Env
   * `PUBLIC_URL`. Default unset: links use the request's Host.
   */
  publicUrl?: string;
  /**
   * A running kbsleuth server (`http://127.0.0.1:3000`) that `search`, `article` and `troubleshoot` ask instead
   * of reading the saved index themselves; their `--url` overrides it. Env `KBSLEUTH_URL`. Default unset.
   */
  serverUrl?: string;
  /**
   * Pasted lines the troubleshooter reads per request; the rest is not read and the answer says so.
   * Env `TROUBLESHOOT_MAX_LINES`. Default 5,000 (a paste of 5,000 distinct error lines takes about a second on the full archive).
   */
  troubleshootMaxLines: number;
  /**
   * Milliseconds a troubleshoot request may spend matching lines; past it the lines not yet matched are
   * left (most error-like first, so these are the least telling) and the answer says so.
   * Env `TROUBLESHOOT_MAX_MS`. Default 800.
   */
  troubleshootMaxMs: number;
  /** Knowledge-gap rows kept per kind (searches, pastes); the least recently seen go first. Default 1,000. */
  maxGaps: number;
  /** Watch the KB folders and re-index changed articles. Env `WATCH` ('0' turns it off). Default true. */
  watch: boolean;
  /** Show progress bars and lines while loading. Default true. */
  progress: boolean;
  /** Show stack traces on error pages. Env `NODE_ENV=development`. Default false. */
  development: boolean;
}

export const DEFAULTS: Readonly<Config> = Object.freeze({
  port: 3000,
  host: '127.0.0.1',
  kbDirs: [path.join(PROJECT_DIR, 'kb')],
  dataDir: path.join(PROJECT_DIR, 'data'),
  maxBodyBytes: 8 * 1024 * 1024,
  maxPasteBytes: 8 * 1024 * 1024,
  maxQueryChars: 2000,
  writesPerMinute: 30,
  workers: Math.min(os.availableParallelism(), 4),
  shareTtlDays: 90,
  troubleshootMaxLines: 5000,
  troubleshootMaxMs: 800,
  maxGaps: 1000,
  watch: true,
  progress: true,
  development: false,
});

/** Settings from the environment, over the defaults, under explicit overrides. Merged once. */
export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const fromEnv: Partial<Config> = {};
  if (env.PORT) fromEnv.port = parseIntSetting('PORT', env.PORT, 0, 65535);
  if (env.HOST) fromEnv.host = env.HOST;
  if (env.KB_DIR) fromEnv.kbDirs = env.KB_DIR.split(':').filter(Boolean).map((d) => path.resolve(d));
  if (env.DATA_DIR) fromEnv.dataDir = path.resolve(env.DATA_DIR);
  if (env.MAX_BODY_BYTES) fromEnv.maxBodyBytes = parseIntSetting('MAX_BODY_BYTES', env.MAX_BODY_BYTES, 1024, 1 << 30);
  if (env.WRITES_PER_MINUTE) fromEnv.writesPerMinute = parseIntSetting('WRITES_PER_MINUTE', env.WRITES_PER_MINUTE, 1, 1_000_000);
  if (env.WORKERS) fromEnv.workers = parseIntSetting('WORKERS', env.WORKERS, 1, 64);
  if (env.ADMIN_TOKEN) {
    if (env.ADMIN_TOKEN.length < 16) throw new Error('config: ADMIN_TOKEN is shorter than 16 characters; set a long random secret (openssl rand -hex 24) or unset it to turn the reports off.');
    fromEnv.adminToken = env.ADMIN_TOKEN;
  }
  if (env.SHARE_TTL_DAYS) fromEnv.shareTtlDays = parseIntSetting('SHARE_TTL_DAYS', env.SHARE_TTL_DAYS, 1, 36_500);
  if (env.PUBLIC_URL) fromEnv.publicUrl = parsePublicUrl(env.PUBLIC_URL);
  // Checked by the commands that use it, so a bad one is their usage error (exit 2), not a failure of every command.
  if (env.KBSLEUTH_URL) fromEnv.serverUrl = env.KBSLEUTH_URL;
  if (env.TROUBLESHOOT_MAX_LINES) fromEnv.troubleshootMaxLines = parseIntSetting('TROUBLESHOOT_MAX_LINES', env.TROUBLESHOOT_MAX_LINES, 100, 1_000_000);
  if (env.TROUBLESHOOT_MAX_MS) fromEnv.troubleshootMaxMs = parseIntSetting('TROUBLESHOOT_MAX_MS', env.TROUBLESHOOT_MAX_MS, 50, 600_000);
  if (env.WATCH) fromEnv.watch = env.WATCH !== '0' && env.WATCH.toLowerCase() !== 'false';
  if (env.NODE_ENV) fromEnv.development = env.NODE_ENV === 'development';
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...DEFAULTS, ...fromEnv, ...defined };
}

function parseIntSetting(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`config: ${name}=${JSON.stringify(raw)} is not a whole number from ${min} to ${max}; set it to one or unset it.`);
  }
  return n;
}

/** `https://kb.example.org/` -> `https://kb.example.org` (an origin: scheme, host and port, nothing else). */
export function parsePublicUrl(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Error(`config: PUBLIC_URL=${JSON.stringify(raw)} is not an http(s) origin; set it like https://kb.example.org (no path), or unset it.`);
  }
  return url.origin;
}
