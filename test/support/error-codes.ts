import { it } from 'node:test';
import assert from 'node:assert/strict';
import { findErrorCodes } from '../../src/signals/error-codes.js';
import type { ErrorCode } from '../../src/types.js';

/** A code as `key "text" name [aliases]`: one string to compare whole. */
export function formatCode(c: ErrorCode): string {
  return `${c.key} "${c.text}"${c.name ? ` ${c.name}` : ''}${c.aliases ? ` [${c.aliases.join(' ')}]` : ''}`;
}

/** Each code found in a text, formatted, in order. */
export function readCodes(text: string): string[] {
  return findErrorCodes(text).map(formatCode);
}

/** One test per case: `[name, text, the codes readCodes should give]`. */
export function codeTable(cases: [string, string, string[]][]): void {
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(readCodes(text), want));
}
