/**
 * What the reports page counts as a knowledge gap: a search with no results, a paste no article explains
 * with confidence. The store masks and templates the text, so repeats group into one counted row (the same
 * query in any case and spacing; the same unexplained lines from any machine) and no raw text is kept.
 *
 * Gaps are recorded only from requests a person makes on purpose: a paste POSTed to the troubleshooter, or
 * the search page's own POST to /api/gaps after it shows no results. A GET records nothing, so no other
 * site can fill the reports through an <img> or a link.
 */
import type { GapKind } from '../store/database.js';
import type { Storage } from '../store/storage.js';
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

/**
 * Counts a sighting without waiting for it: a slow, busy or unreachable store never delays or fails the
 * request that found the gap (the reports page misses it instead).
 */
export function recordGapSafely(storage: Storage, gap: GapSighting | undefined): void {
  if (!gap) return;
  storage.recordGap(gap.kind, gap.text).then(
    () => (warned = false),
    (err: Error) => {
      if (!warned)
        console.error(`kbsleuth: could not record a knowledge gap in ${storage.where} (${err.message}); searches go on, the reports page misses it.`);
      warned = true;
    },
  );
}
