import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCodes as read } from '../support/error-codes.js';

// The survivors of the run on readAfterErrorWord, readStop and readHexToken (src/signals/error-codes.ts:126-200).
describe('signals/error-codes: survivors of the first run', () => {
  const cases: [string, string, string[]][] = [
    ['withholds the name of a hex error number after another product', 'Setup error 0x5', ['win32:5 "error 0x5"']],
    ['gives a hex System error number its NET alias', 'System error 0x35', ['win32:53 "System error 0x35" ERROR_BAD_NETPATH [net:53]']],
    ['reads an unknown HRESULT written without 0x after error', 'error 80001234', ['hresult:0x80001234 "error 80001234"']],
    ['does not read 8 digits after error as an NTSTATUS written without 0x', 'error 40000000', []],
    ['does not read a decimal after error whose value is a known NTSTATUS below 0x80000000', 'error 1073741824', []],
    [
      'reads no exception code from a STOP 0x1E whose first parameter is not a value',
      'STOP 0x0000001E (x, 0xC0000005)',
      ['stop:0x0000001e "STOP 0x0000001E" KMODE_EXCEPTION_NOT_HANDLED'],
    ],
    ['does not read a short hex value after bug check (only after STOP)', 'bug check 0x0A', []],
    ['reads 0x80000000 after failed as an HRESULT', 'failed 0x80000000', ['hresult:0x80000000 "0x80000000"']],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(read(text), want));
});
