import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gapText } from '../../src/store/schema.js';
import { pasteGapOf, searchGapOf } from '../../src/web/knowledge-gaps.js';

describe('web/knowledge-gaps: searches', () => {
  it('stores a query as its words in lower case, whatever the spacing', () => {
    assert.equal(gapText(searchGapOf('  Frob   Nicate ', {}, 0)!.text), gapText(searchGapOf('frob nicate', {}, 0)!.text));
  });

  it('shows the filters after the query, sorted', () => {
    assert.equal(searchGapOf('frob', { status: 'fixed', product: 'sms', version: undefined }, 0)?.text, 'frob product:sms status:fixed');
  });

  it('is no gap when something was found or nothing was asked', () => {
    assert.equal(searchGapOf('frob', {}, 3), undefined);
    assert.equal(searchGapOf('   ', {}, 0), undefined);
  });
});

describe('web/knowledge-gaps: pastes', () => {
  const unexplained = (lines: string[]) => ({ notice: 'No known article explains this paste.', unexplained: lines.map((text, i) => ({ line: i + 1, text })) });

  it('is no gap when a diagnosis was confident (no notice)', () => {
    assert.equal(pasteGapOf('x', { notice: undefined, unexplained: [] }), undefined);
  });

  it('groups the same failure from two machines under one stored text', () => {
    const a = pasteGapOf('', unexplained(['03/01/1999 10:00:01 Backup of \\\\SRV1\\data failed with error 5']));
    const b = pasteGapOf('', unexplained(['04/02/1999 11:30:45 Backup of \\\\SRV9\\home failed with error 5']));
    assert.ok(a && b);
    assert.equal(gapText(a.text), gapText(b.text));
  });

  it('shows at most three lines, masked', () => {
    const g = pasteGapOf('', unexplained(['user jsmith failed', 'b failed', 'c failed', 'd failed']));
    assert.equal(g?.text, 'user <user> failed\nb failed\nc failed');
  });

  it('falls back to the first lines of the paste when no line looked like an error', () => {
    assert.equal(pasteGapOf('\n first line \nsecond\n', { notice: 'n', unexplained: [] })?.text, 'first line\nsecond');
  });
});
