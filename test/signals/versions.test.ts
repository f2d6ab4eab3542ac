import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coversVersion, sameRelease } from '../../src/signals/versions.js';

describe('signals/versions', () => {
  const cases: [string, string, string, boolean][] = [
    ['reads 1.2 and 1.2 SP3 as one release', '1.2', '1.2 SP3', true],
    ['reads 5 and 5.0 as one release', '5', '5.0', true],
    ['tells 5.0 from 5.5', '5.0', '5.5', false],
    ['tells 4.0 from 4.00.1381 apart only past major.minor', '4.0', '4.00.1381', true],
    ['compares words without numbers as written', 'Gold', 'gold', true],
  ];
  for (const [name, a, b, same] of cases) it(name, () => assert.equal(sameRelease(a, b), same));

  it('an article covers a version it lists, any version when it lists none, and "other"', () => {
    assert.equal(coversVersion(['1.2'], '1.2'), true);
    assert.equal(coversVersion(['2.0'], '1.2'), false);
    assert.equal(coversVersion([], '7.0'), true);
    assert.equal(coversVersion(['2.0'], 'other'), true);
  });
});
