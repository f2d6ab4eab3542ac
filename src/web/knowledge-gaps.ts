/**
 * What the reports page counts as a knowledge gap: a search with no results, a paste no article explains
 * with confidence. Each gap gets a key that groups repeats (the same query in any case and spacing; the
 * same unexplained lines from any machine, compared as templates) and the text the page shows.
 */
import type { Database, GapKind } from '../store/database.js';
import { templateOf } from '../signals/templates.js';
import { masked } from '../privacy/mask.js';
import type { TroubleshootResult } from '../types.js';

export interface GapSighting {
  kind: GapKind;
  key: string;
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
  const text = filterText ? `${q} ${filterText}` : q;
  return { kind: 'search', key: text.toLowerCase(), text };
}

/**
 * A paste nothing explained (the troubleshooter's notice says so), or undefined. Keyed by the templates of
 * its unexplained lines, so the same failure pasted from two machines counts twice under one entry.
 */
export function pasteGapOf(log: string, result: Pick<TroubleshootResult, 'notice' | 'unexplained'>): GapSighting | undefined {
  if (!result.notice) return undefined;
  const lines = result.unexplained.length
    ? result.unexplained.map((u) => u.text)
    : log.slice(0, 20_000).split(/\r\n|\r|\n/).filter((l) => l.trim());
  // Masked: the reports page is read by more people than the one who pasted.
  const shown = lines.slice(0, PASTE_EXCERPT_LINES).map((l) => masked(l.trim().slice(0, 160)));
  if (!shown.length) return undefined;
  return { kind: 'paste', key: shown.map((l) => templateOf(l)).join('\n'), text: shown.join('\n') };
}

let warned = false;

/** Counts a sighting; a busy or broken database never fails the search that found the gap. */
export function recordGapSafely(db: Database, gap: GapSighting | undefined): void {
  if (!gap) return;
  try {
    db.recordGap(gap.kind, gap.key, gap.text);
  } catch (err) {
    if (!warned) console.error(`kbsleuth: could not record a knowledge gap in ${db.file} (${(err as Error).message}); searches go on, the reports page misses it.`);
    warned = true;
  }
}
