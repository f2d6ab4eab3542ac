/**
 * A paste troubleshot within a line budget, as POST /api/troubleshoot and `kbsleuth troubleshoot` both answer:
 * the lines past the budget are not read, and the answer says so.
 */
import type { TroubleshootResult } from '../types.js';
import { troubleshoot, type TroubleshootSources } from './troubleshoot.js';

export function troubleshootWithinBudget(src: TroubleshootSources, text: string, options: { answers?: Record<string, string>; limit?: number; maxLines: number }): TroubleshootResult {
  const { maxLines } = options;
  const result = troubleshoot(src, text, options);
  if (result.signals.truncated) result.unread = `Only the first ${maxLines.toLocaleString('en-US')} lines of the paste were read; the rest was not. Paste the lines around the error for a diagnosis of them.`;
  return result;
}
