/**
 * The dev cases of ../shared/eval/dev.jsonl, read one way for every script that measures with them (bench,
 * load, eval-dev, eval-fix-status, eval-signatures).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../src/config.js';

/** Where the dev cases live: ../shared/eval/dev.jsonl beside the project, or env DEV_CASES_FILE (a checkout elsewhere). */
export const DEV_CASES_FILE = process.env.DEV_CASES_FILE
  ? path.resolve(process.env.DEV_CASES_FILE)
  : path.resolve(PROJECT_DIR, '..', 'shared', 'eval', 'dev.jsonl');

/** A pasted log or a search, and the articles that should answer it. */
export interface InputCase {
  id: string;
  kind: 'log' | 'search';
  tier: string;
  input: string;
  expect: string[];
}

/** An article and the fix status it states. */
export interface StatusCase {
  id: string;
  kind: 'status';
  article: string;
  state: string;
  fixedIn: string | null;
}

export type DevCase = InputCase | StatusCase;

/** Every case of the file, or those of one kind. */
export function readDevCases(file?: string): DevCase[];
export function readDevCases(file: string, kind: 'log' | 'search'): InputCase[];
export function readDevCases(file: string, kind: 'status'): StatusCase[];
export function readDevCases(file: string = DEV_CASES_FILE, kind?: DevCase['kind']): DevCase[] {
  const cases = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevCase);
  return kind ? cases.filter((c) => c.kind === kind) : cases;
}

/** The inputs of the `log` or `search` cases. */
export function devInputs(file: string, kind: 'log' | 'search'): string[] {
  return readDevCases(file, kind).map((c) => c.input);
}
