import { IndexFormatError } from '../../src/errors.js';

/** For assert.throws: an IndexFormatError (a saved file refused) whose message matches `pattern`. */
export const refusedWith =
  (pattern: RegExp) =>
  (err: unknown): boolean =>
    err instanceof IndexFormatError && pattern.test(err.message);
