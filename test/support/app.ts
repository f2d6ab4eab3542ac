/**
 * The real app over the project's own kb/ for end-to-end tests: one KnowledgeBase per test file (each test
 * file runs in its own process), built into a fresh temporary DATA_DIR that is removed when the process
 * exits, and opened once. Apps are cheap, so each caller may build its own with other options.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type express from 'express';
import { DEFAULTS, PROJECT_DIR } from '../../src/config.js';
import { KnowledgeBase } from '../../src/knowledge-base.js';
import type { TroubleshootSources } from '../../src/troubleshoot/troubleshoot.js';
import type { Diagnosis, TroubleshootResult } from '../../src/types.js';
import { createApp } from '../../src/web/app.js';
import type { AppOptions } from '../../src/web/options.js';

/** The bundled articles the tests run against. */
export const PROJECT_KB_DIR = path.join(PROJECT_DIR, 'kb');
/** Number of articles in PROJECT_KB_DIR. */
export const PROJECT_ARTICLES = 30;
/** The pasted-log fixtures (see their README for what each should diagnose). */
export const LOG_FIXTURES_DIR = path.join(PROJECT_DIR, 'test', 'fixtures', 'logs');

let opened: Promise<KnowledgeBase> | undefined;

const tempDirs: string[] = [];

/** A temporary DATA_DIR removed when this test process exits (by one exit listener for them all: Node warns past ten). */
export function makeTempDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kbsleuth-test-'));
  if (!tempDirs.length) process.once('exit', () => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  tempDirs.push(dir);
  return dir;
}

/** A KnowledgeBase over kb/ that has not been opened (for the "still loading" answers). */
export function makeKnowledgeBase(): KnowledgeBase {
  return new KnowledgeBase({ kbDirs: [PROJECT_KB_DIR], dataDir: makeTempDataDir(), maxQueryChars: DEFAULTS.maxQueryChars });
}

/** The opened KnowledgeBase over kb/, built once per test process. */
export function openKnowledgeBase(): Promise<KnowledgeBase> {
  opened ??= (async () => {
    const kb = makeKnowledgeBase();
    await kb.open();
    return kb;
  })();
  return opened;
}

/** What troubleshoot() reads, from an opened KnowledgeBase (the quoted-line index may still be building). */
export function troubleshootSourcesOf(kb: KnowledgeBase): Promise<TroubleshootSources> {
  return kb.troubleshootSources();
}

/** The ids of a troubleshoot's diagnoses, in order. */
export const diagnosisIds = (r: TroubleshootResult): string[] => r.diagnoses.map((d) => d.id);

/** The diagnosis of article `id`; fails the test, naming the ids found, when there is none. */
export function findDiagnosis(r: TroubleshootResult, id: string): Diagnosis {
  const d = r.diagnoses.find((x) => x.id === id);
  assert.ok(d, `${id} among ${diagnosisIds(r)}`);
  return d;
}

/**
 * App options for feature tests: DEFAULTS, except that writes are not rate-limited in practice (a test file
 * writes more than a client may in a minute; test/web/rate-limit.test.ts sets its own limit).
 */
export const TEST_APP_OPTIONS: AppOptions = Object.freeze({
  maxBodyBytes: DEFAULTS.maxBodyBytes,
  maxQueryChars: DEFAULTS.maxQueryChars,
  maxPasteBytes: DEFAULTS.maxPasteBytes,
  writesPerMinute: 100_000,
});

/**
 * The app over the opened kb/ KnowledgeBase. Options default to TEST_APP_OPTIONS; pass e.g. `{ maxBodyBytes: 64 * 1024 }`
 * to test the limits.
 */
export async function openTestApp(options: Partial<AppOptions> = {}): Promise<{ kb: KnowledgeBase; app: express.Express }> {
  const kb = await openKnowledgeBase();
  const app = createApp({ kb }, { ...TEST_APP_OPTIONS, ...options });
  return { kb, app };
}
