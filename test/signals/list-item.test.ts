import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LIST_ITEM } from '../../src/signals/list-item.js';

/** Where the item's text starts, or undefined when the line is no list item. */
const textStart = (line: string): number | undefined => LIST_ITEM.exec(line)?.[0].length;

describe('signals/list-item', () => {
  const items: [string, string, number, string][] = [
    ['a dash', '- Restart the server', 2, ''],
    ['a star', '* Restart the server', 2, ''],
    ['a bullet', '\u2022 Restart the server', 2, ''],
    ['an o bullet', 'o Restart the server', 2, ''],
    ['a one-digit number with a dot', '1. Click Start', 3, ''],
    ['a two-digit number with a parenthesis', '12) Click Start', 4, ''],
    ['a letter with a dot', 'b. Click Start', 3, ''],
    ['a letter with a parenthesis', 'c) Click Start', 3, ''],
    ['an indented item', '    - Restart the server', 6, '    '],
    ['an item followed by several spaces', '3.    Click Start', 6, ''],
    ['an item followed by a tab', '-\tRestart', 2, ''],
  ];
  for (const [name, line, start, indent] of items) {
    it(`reads ${name} as a list item whose text starts at ${start}`, () => {
      const m = LIST_ITEM.exec(line);
      assert.ok(m, line);
      assert.equal(m[0].length, start);
      assert.equal(m[1], indent);
    });
  }

  const prose: [string, string][] = [
    ['a dash joined to its word', '-Restart the server'],
    ['a three-digit number', '123. Click Start'],
    ['a version number', '4.0 is installed'],
    ['a capital letter with a dot', 'A. Click Start'],
    ['a word', 'Restart the server'],
    ['a number without a dot', '12 files copied'],
    ['a letter with a colon', 'c: drive'],
    ['a bullet at the end of a line', '-'],
    ['a plus sign', '+ Restart'],
    ['an item marker after text', 'x - y'],
  ];
  for (const [name, line] of prose) it(`does not read ${name} as a list item`, () => assert.equal(textStart(line), undefined));
});
