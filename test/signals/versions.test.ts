import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coversVersion, sameRelease, versionVerdict } from '../../src/signals/versions.js';

describe('signals/versions', () => {
  const cases: [string, string, string, boolean][] = [
    ['reads 1.2 and 1.2 SP3 as one release', '1.2', '1.2 SP3', true],
    ['reads 5 and 5.0 as one release', '5', '5.0', true],
    ['tells 5.0 from 5.5', '5.0', '5.5', false],
    ['tells 4.0 from 4.00.1381 apart only past major.minor', '4.0', '4.00.1381', true],
    ['compares words without numbers as written', 'Gold', 'gold', true],
    ['compares words without numbers without the spaces around them', ' Gold ', 'gold', true],
    ['compares words without numbers without the spaces around them, either side', 'gold', ' Gold ', true],
    ['tells a word from a number', 'Gold', '5.0', false],
    ['tells a number from a word', '5.0', 'Gold', false],
    ['reads only a leading number: "Service Pack 4" is not 4.0', 'Service Pack 4', '4.0', false],
    ['reads a leading "v": v4.0 is 4.0', 'v4.0', '4.0 SP1', true],
    ['tells 10.0 from 1.0', '10.0', '1.0', false],
    ['tells 4.10 from 4.1', '4.10', '4.1', false],
    ['reads a lone major number as minor 0: 5 is not 5.1', '5', '5.1', false],
  ];
  for (const [name, a, b, same] of cases) it(name, () => assert.equal(sameRelease(a, b), same));

  it('an article covers a version it lists, any version when it lists none, and "other"', () => {
    assert.equal(coversVersion(['1.2'], '1.2'), true);
    assert.equal(coversVersion(['2.0'], '1.2'), false);
    assert.equal(coversVersion([], '7.0'), true);
    assert.equal(coversVersion(['2.0'], 'other'), true);
    assert.equal(coversVersion(['2.0', '1.2'], '1.2 SP1'), true, 'any listed version will do');
  });
});

describe('signals/versions versionVerdict', () => {
  const about = (
    state: 'fixed' | 'confirmed' | 'by-design' | 'none',
    extra: { fixedIn?: string; hasWorkaround?: boolean; productLabel?: string; versions?: string[] } = {},
  ) => ({
    productLabel: extra.productLabel,
    versions: extra.versions ?? ['1.2'],
    fixStatus: { state, fixedIn: extra.fixedIn },
    hasWorkaround: extra.hasWorkaround ?? false,
  });
  const cases: [string, ReturnType<typeof about>, string, { applies: boolean; text: string }][] = [
    [
      'fixed, with the fix and the workaround',
      about('fixed', { fixedIn: 'SMS 1.2 SP1', hasWorkaround: true, productLabel: 'SMS' }),
      '1.2',
      { applies: true, text: 'SMS 1.2 is affected. Fixed in SMS 1.2 SP1: apply it. Until then, use the workaround.' },
    ],
    ['fixed, release unnamed, no workaround', about('fixed'), '1.2', { applies: true, text: 'Version 1.2 is affected. Fixed in a later release: apply it.' }],
    [
      'confirmed, with a workaround',
      about('confirmed', { hasWorkaround: true }),
      '1.2',
      { applies: true, text: 'Version 1.2 is affected and no fix is published: use the workaround.' },
    ],
    ['confirmed, no workaround', about('confirmed', { productLabel: 'SMS' }), '1.2', { applies: true, text: 'SMS 1.2 is affected and no fix is published.' }],
    [
      'by design, with a workaround',
      about('by-design', { hasWorkaround: true, productLabel: 'SMS' }),
      '1.2',
      { applies: true, text: 'On SMS 1.2 this is by design; the article gives a workaround.' },
    ],
    ['by design, no workaround', about('by-design'), '1.2', { applies: true, text: 'On version 1.2 this is by design.' }],
    ['no fix status', about('none', { productLabel: 'SMS' }), '1.2', { applies: true, text: 'SMS 1.2 is covered by this article.' }],
    [
      'another version than the listed ones',
      about('fixed', { versions: ['2.0', '2.1'], productLabel: 'SMS' }),
      '1.2',
      { applies: false, text: 'This article is about version 2.0, 2.1, not SMS 1.2.' },
    ],
  ];
  for (const [name, a, version, want] of cases) it(`words the verdict: ${name}`, () => assert.deepEqual(versionVerdict(a, version), want));
});
