/**
 * A paste troubleshot within a line budget and a time budget, as POST /api/troubleshoot and
 * `kbsleuth troubleshoot` both answer: what is past either is not matched, and the answer says so.
 */
import type { TroubleshootResult } from '../types.js';
import { troubleshoot, type TroubleshootSources } from './troubleshoot.js';

export function troubleshootWithinBudget(
  src: TroubleshootSources,
  text: string,
  options: { answers?: Record<string, string>; limit?: number; maxLines: number; maxMs: number },
): TroubleshootResult {
  const result = troubleshoot(src, text, options);
  if (result.signals.truncated) result.unread = `Only the first ${options.maxLines.toLocaleString('en-US')} lines of the paste were read; the rest was not. Paste the lines around the error for a diagnosis of them.`;
  else if (result.signals.outOfTime) result.unread = `The paste has too many different lines to match them all in time: the most error-like ones were matched, the rest were not. Paste the lines around the error for a diagnosis of them.`;
  return result;
}
