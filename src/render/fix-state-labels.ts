/** How a fix state reads to people, on pages and in tickets. */
import type { FixState } from '../types.js';

export const FIX_STATE_LABELS: Readonly<Record<FixState, string>> = {
  fixed: 'Fixed',
  confirmed: 'Confirmed, no fix',
  'by-design': 'By design',
  none: 'No status',
};
