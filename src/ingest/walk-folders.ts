/**
 * Finding article files: which folders and files under a KB folder are candidates, and the work units the loader
 * shares among its threads. See load-articles.ts for which files are read.
 */
import { type Dirent, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadProblem, SourceFormat } from '../types.js';
import { notAFile, unreadable } from './read-file-safely.js';

/** Archive roots keep one format per folder; when present only these are walked. */
const ARCHIVE_FOLDERS = ['kb', 'txt'] as const;

/** Format of a file by its name: `README.md` / `*.md` -> markdown, `*.txt` / `*.TXT` -> text, else undefined. */
export function articleFormatOf(filePath: string): SourceFormat | undefined {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.md') return 'markdown';
  if (ext === '.txt') return 'text';
  return undefined;
}

/** A folder to walk or a single file, as shared among threads. */
export interface WorkUnit {
  path: string;
  isDirectory: boolean;
  /** The KB folder it is under: no file read for it may resolve outside. */
  root: string;
}

/**
 * The work under `dir`: the folders and candidate files just below each root (`kb/` and `txt/` of an
 * archive root, else `dir` itself), or `dir` alone when it is a file. Undefined when it does not exist.
 */
export function listUnits(dir: string, problems: LoadProblem[]): WorkUnit[] | undefined {
  let info;
  try {
    info = statSync(dir);
  } catch {
    return undefined;
  }
  if (!info.isDirectory()) return articleFormatOf(dir) ? [{ path: dir, isDirectory: false, root: path.dirname(dir) }] : [];
  const archiveFolders = ARCHIVE_FOLDERS.map((name) => path.join(dir, name)).filter(isDirectory);
  const units: WorkUnit[] = [];
  for (const root of archiveFolders.length > 0 ? archiveFolders : [dir]) {
    for (const e of readEntries(root, problems)) {
      const full = path.join(root, e.name);
      if (e.isDirectory()) units.push({ path: full, isDirectory: true, root: dir });
      else if (isCandidateFile(e)) units.push({ path: full, isDirectory: false, root: dir });
      else if (isOddFile(e)) problems.push(notAFile(full));
    }
  }
  return units;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

type Entry = Dirent;

/** Entries of a folder without dot-entries and node_modules; a folder that cannot be listed becomes a problem. */
function readEntries(dir: string, problems: LoadProblem[]): Entry[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules');
  } catch (err) {
    problems.push(unreadable(dir, err));
    return [];
  }
}

/** A regular file or a link with an article's name (a link's target is checked when it is read). */
function isCandidateFile(e: Entry): boolean {
  return (e.isFile() || e.isSymbolicLink()) && articleFormatOf(e.name) !== undefined;
}

/** A pipe, socket or device named like an article: reported, never opened. */
function isOddFile(e: Entry): boolean {
  return (e.isFIFO() || e.isSocket() || e.isCharacterDevice() || e.isBlockDevice()) && articleFormatOf(e.name) !== undefined;
}

/** Collects candidate files below `dir`; linked folders are not followed (they could lead out, or loop). */
export function walk(dir: string, out: string[], problems: LoadProblem[]): void {
  for (const e of readEntries(dir, problems)) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out, problems);
    else if (isCandidateFile(e)) out.push(full);
    else if (isOddFile(e)) problems.push(notAFile(full));
  }
}

/** Every candidate article file under `dirs`, sorted, without reading them (for the source hash). */
export function listArticleFiles(dirs: readonly string[]): string[] {
  const problems: LoadProblem[] = [];
  const out: string[] = [];
  for (const dir of dirs) {
    for (const unit of listUnits(dir, problems) ?? []) {
      if (unit.isDirectory) walk(unit.path, out, problems);
      else out.push(unit.path);
    }
  }
  return [...new Set(out)].sort();
}
