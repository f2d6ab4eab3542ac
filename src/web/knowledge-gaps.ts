/**
 * What the reports page counts as a knowledge gap: a search with no results, a paste no article explains
 * with confidence. The store masks and templates the text, so repeats group into one counted row (the same
 * query in any case and spacing; the same unexplained lines from any machine) and no raw text is kept.
 *
 * Gaps are recorded only from requests a person makes on purpose: a paste POSTed to the troubleshooter, or
 * the search page's own POST to /api/gaps after it shows no results. A GET records nothing, so no other
 * site can fill the reports through an <img> or a link.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../search-index/atomic-file.js';
import { GAP_KINDS, type GapKind } from '../store/database.js';
import { StorageUnavailableError, type Storage } from '../store/storage.js';
import { masked } from '../privacy/mask.js';
import type { TroubleshootResult } from '../types.js';

export interface GapSighting {
  kind: GapKind;
  text: string;
}

/** Lines of a paste shown on the reports page. */
const PASTE_EXCERPT_LINES = 3;

/** A search that found nothing, or undefined when it found something or asked nothing. */
export function searchGapOf(query: string, filters: Record<string, string | undefined>, total: number): GapSighting | undefined {
  const q = query.trim().replace(/\s+/g, ' ');
  if (total > 0 || !q) return undefined;
  const filterText = Object.entries(filters)
    .filter(([, v]) => v)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');
  return { kind: 'search', text: filterText ? `${q} ${filterText}` : q };
}

/** A paste nothing explained (the troubleshooter's notice says so), or undefined: its first unexplained lines. */
export function pasteGapOf(log: string, result: Pick<TroubleshootResult, 'notice' | 'unexplained'>): GapSighting | undefined {
  if (!result.notice) return undefined;
  const lines = result.unexplained.length
    ? result.unexplained.map((u) => u.text)
    : log
        .slice(0, 20_000)
        .split(/\r\n|\r|\n/)
        .filter((l) => l.trim());
  // Masked here as well as in the store: the excerpt is cut first, and a cut must not expose half a secret.
  const shown = lines.slice(0, PASTE_EXCERPT_LINES).map((l) => masked(l.trim()).slice(0, 160));
  if (!shown.length) return undefined;
  return { kind: 'paste', text: shown.join('\n') };
}

let warned = false;

/** Says once that the store took no gap, until it takes one again. */
function warnOnce(message: string): void {
  if (!warned) console.error(message);
  warned = true;
}

/** Sightings a store could not take, oldest first: counted once it answers again, as it would have counted them. */
interface Waiting {
  gaps: GapSighting[];
  dropped: number;
  flushing: boolean;
  retryMs: number;
  timer?: NodeJS.Timeout;
}
const waiting = new WeakMap<Storage, Waiting>();

/** Sightings kept per store while it cannot be reached (a few hundred bytes each; the store masks them when it takes them): the oldest go first. */
const MAX_WAITING = 1000;
/** How long after a failure the kept sightings are offered again, when no new sighting is counted sooner. */
const RETRY_MS = 30_000;

/**
 * Counts a sighting without waiting for it: a slow, busy or unreachable store never delays or fails the request
 * that found the gap. What the store cannot take is kept (at most MAX_WAITING) and counted once it answers again,
 * at the next sighting it counts or `retryMs` after the failure, so an outage of the database loses no gap. A
 * sighting the store refuses for another reason is not kept (the reports page misses it).
 */
export function recordGapSafely(storage: Storage, gap: GapSighting | undefined, retryMs = RETRY_MS): void {
  if (!gap) return;
  storage.recordGap(gap.kind, gap.text).then(
    () => {
      warned = false;
      void countWaiting(storage);
    },
    (err: Error) => {
      if (err instanceof StorageUnavailableError) return keep(storage, gap, err, retryMs);
      warnOnce(`kbsleuth: could not record a knowledge gap in ${storage.where} (${err.message}); searches go on, the reports page misses it.`);
    },
  );
}

/** Adds sightings to those waiting for `storage`, after them or (`older`) before; past MAX_WAITING the oldest go. */
function addWaiting(storage: Storage, gaps: GapSighting[], retryMs: number, older = false): Waiting {
  const w = waiting.get(storage) ?? { gaps: [], dropped: 0, flushing: false, retryMs };
  waiting.set(storage, w);
  if (older) w.gaps.unshift(...gaps);
  else w.gaps.push(...gaps);
  const over = w.gaps.length - MAX_WAITING;
  if (over > 0) {
    w.gaps.splice(0, over);
    w.dropped += over;
  }
  return w;
}

function keep(storage: Storage, gap: GapSighting, err: Error, retryMs: number): void {
  const w = addWaiting(storage, [gap], retryMs);
  warnOnce(
    `kbsleuth: could not record a knowledge gap in ${storage.where} (${err.message}); searches go on, and the gaps are kept here (at most ${MAX_WAITING}) and counted once it answers.`,
  );
  retryLater(storage, w);
}

function retryLater(storage: Storage, w: Waiting): void {
  w.timer ??= setTimeout(() => {
    w.timer = undefined;
    void countWaiting(storage);
  }, w.retryMs).unref();
}

/** Offers the kept sightings to the store again, one at a time, oldest first; keeps the rest at the first failure. */
async function countWaiting(storage: Storage): Promise<void> {
  const w = waiting.get(storage);
  if (!w || w.flushing || !w.gaps.length) return;
  w.flushing = true;
  try {
    while (w.gaps.length) {
      const gap = w.gaps[0];
      try {
        await storage.recordGap(gap.kind, gap.text);
      } catch (err) {
        // Still unreachable: the rest wait for the next try. Refused for itself: that one is not offered again.
        if (err instanceof StorageUnavailableError) return retryLater(storage, w);
      }
      w.gaps.shift();
    }
    if (w.dropped)
      console.error(`kbsleuth: ${w.dropped} knowledge gap(s) were not counted: more than ${MAX_WAITING} came while ${storage.where} was unreachable.`);
    w.dropped = 0;
    warned = false;
  } finally {
    w.flushing = false;
  }
}

/** Files of sightings a stopped process left for the next to count: `gaps-waiting.<pid>.json` under DATA_DIR. */
const SAVED_PREFIX = 'gaps-waiting.';

/**
 * At a stop: writes the sightings still waiting for `storage` to a file of this process's own under `dir`, masked line by
 * line as the store masks them (no secret reaches the disk), for countSavedGaps to count at the next start. Returns how
 * many were kept; with none, no file is written. A sighting being offered to the store at that moment may be counted twice.
 */
export function saveWaitingGaps(storage: Storage, dir: string): number {
  const w = waiting.get(storage);
  if (!w?.gaps.length) return 0;
  const gaps = w.gaps.map((g) => ({
    kind: g.kind,
    text: g.text
      .split(/\r\n|\r|\n/)
      .map(masked)
      .join('\n'),
  }));
  const file = path.join(dir, `${SAVED_PREFIX}${process.pid}.json`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomically(file, [JSON.stringify(gaps)]);
  } catch (err) {
    console.error(
      `kbsleuth: ${gaps.length} knowledge gap(s) waiting for ${storage.where} could not be kept in ${file} (${(err as Error).message}); they are not counted.`,
    );
    return 0;
  }
  w.gaps = [];
  console.error(`kbsleuth: ${gaps.length} knowledge gap(s) waiting for ${storage.where} are kept in ${file}; the next start counts them.`);
  return gaps.length;
}

/**
 * At a start: takes the files of sightings stopped processes left under `dir` (each file taken by one process alone: it
 * renames it first) and counts them, oldest first, keeping them again while the store cannot take them. Returns how many.
 */
export function countSavedGaps(storage: Storage, dir: string, retryMs = RETRY_MS): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const taken: GapSighting[] = [];
  for (const name of names.filter((n) => n.startsWith(SAVED_PREFIX) && n.endsWith('.json'))) {
    const file = path.join(dir, name);
    const mine = `${file}.${process.pid}.taken`;
    try {
      renameSync(file, mine);
    } catch {
      continue; // another process took it first
    }
    try {
      const read: unknown = JSON.parse(readFileSync(mine, 'utf8'));
      if (!Array.isArray(read)) throw new Error('not a list of sightings');
      for (const g of read as Partial<GapSighting>[])
        if (GAP_KINDS.includes(g?.kind as GapKind) && typeof g.text === 'string') taken.push({ kind: g.kind!, text: g.text });
    } catch (err) {
      console.error(`kbsleuth: the knowledge gaps kept in ${file} cannot be read (${(err as Error).message}); they are not counted.`);
    }
    rmSync(mine, { force: true });
  }
  if (!taken.length) return 0;
  addWaiting(storage, taken, retryMs, true);
  void countWaiting(storage);
  return taken.length;
}
