import { findErrorCodes } from '../../src/signals/error-codes.js';

/** Each code found in a text as `key "text" name [aliases]`, in order: one string to compare whole. */
export function readCodes(text: string): string[] {
  return findErrorCodes(text).map((c) => `${c.key} "${c.text}"${c.name ? ` ${c.name}` : ''}${c.aliases ? ` [${c.aliases.join(' ')}]` : ''}`);
}
