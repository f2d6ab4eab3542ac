/**
 * signals/fix-status, lines 1-230: the cases the Stryker run of 2026-12-07 (docs/mutation.md, eleventh round) left
 * unchecked after fix-status-survivors.test.ts: optional words of the stock phrasings, sentence ends, the
 * products an article refers to, and the tidied name of the fix, with exact values. Every sentence here is made up.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byDesign, confirmed, fixed, readStatus, type Parts } from '../support/fix-status.js';

const confirmedIn = (where: string) => `Widget Corp. has confirmed this to be a problem in ${where}.`;

describe('signals/fix-status: advice in a RESOLUTION', () => {
  const cases: [name: string, resolution: string, want: object][] = [
    ['"fix" as a verb before a name with digits, then "apply the hotfix"', 'To fix Widget32 errors, apply the hotfix.', fixed('hotfix')],
    ['a patch id with small letters between its capitals and digits', 'Apply patch WDGx64 to the server.', fixed('hotfix WDGx64')],
    ['a hotfix id that ends a sentence cut before the next', 'Apply hotfix WDG12. Then restart the server.', fixed('hotfix WDG12')],
    ['a replacement for a file whose name starts with a digit', 'A replacement for 16bit.dll that fixes this problem is out.', fixed('16bit.dll')],
    ['"latest service pack for" without "the"', 'Obtain latest service pack for Widget 2.0.', fixed('Widget 2.0 Service Pack')],
    ['"the most recent service pack for"', 'Install the most recent service pack for Widget 2.0.', fixed('Widget 2.0 Service Pack')],
    ['"latest <product> service pack" without "the" or "U.S."', 'Download latest Widget 2.0 service pack.', fixed('Widget 2.0 Service Pack')],
    ['"obtain the current version of"', 'Obtain the current version of Widget Server.', fixed('current version of Widget Server')],
    ['"use the current version of"', 'Use the current version of Widget Server.', fixed('current version of Widget Server')],
    [
      '"the latest version of Microsoft ...": four words after the maker',
      'Install the latest version of Microsoft Widget Server Tools Kit.',
      fixed('current version of Widget Server Tools Kit'),
    ],
    ['"upgrade to" a version followed by more words', 'Upgrade to Widget Server 4.0 to correct this problem.', fixed('Widget Server 4.0')],
    [
      '"upgrade to" a version at the end of a sentence cut before the next',
      'Upgrade to Widget Server 4.0. Then restart the server.',
      fixed('Widget Server 4.0'),
    ],
    ['"upgrade to ... or later" with a number inside the name', 'Upgrade to Widget 98 Tools 3.48 or later.', fixed('Widget 98 Tools 3.48')],
    ['"use ... or later" with two words before the version', 'Use Widget Tools 3.48 or later.', fixed('Widget Tools 3.48')],
    ['a supported fix "available for" a one-word product and version', 'A supported fix is now available for Widget 2.0 users.', fixed('Widget 2.0 hotfix')],
    ['a supported fix "available for" a product with a one-digit version', 'A supported fix is now available for Widget 7 users.', fixed('Widget 7 hotfix')],
    [
      'a supported fix "available for" a version with two decimals',
      'A supported fix is now available for Widget Server 4.00.',
      fixed('Widget Server 4.00 hotfix'),
    ],
  ];
  for (const [name, resolution, want] of cases) it(`reads ${name}`, () => assert.deepEqual(readStatus({ resolution }), want));
});

describe('signals/fix-status: statements in a STATUS', () => {
  const cases: [name: string, input: Parts, want: object][] = [
    ['a sentence ending in two capitals ("Widget NT. Download")', { status: 'This problem was corrected in Widget NT. Download it now.' }, fixed('Widget NT')],
    ['"this behavior is expected" (American spelling)', { status: 'This behavior is expected.' }, byDesign],
    ['"confirms that this is" without "a problem in"', { status: 'Widget Corp. confirms that this is an error in Widget 2.0.' }, confirmed()],
    ['"has been reported as a bug in"', { status: 'This has been reported as a bug in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    ['"acknowledge this to be" (plural subject)', { status: 'We acknowledge this to be a problem in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    [
      'a fix phrase without a trailing "that come with" clause',
      { status: 'This problem was corrected in the Widget 2.1 tools that come with Widget Suite.' },
      fixed('Widget 2.1 tools'),
    ],
    ['affected versions written "1.0,1.1"', { status: confirmedIn('Widget versions 1.0,1.1') }, confirmed(['Widget 1.0,1.1'])],
  ];
  for (const [name, input, want] of cases) it(`reads ${name}`, () => assert.deepEqual(readStatus(input), want));
});

describe('signals/fix-status: the products an article refers to', () => {
  const appliesTo = ['Widget 2.0', 'Widget 2.1'];
  const cases: [name: string, where: string][] = [
    ['"the versions listed at the beginning of this article"', 'the versions listed at the beginning of this article'],
    ['"the product listed in this article"', 'the product listed in this article'],
    ['"the products that are listed in this article"', 'the products that are listed in this article'],
    ['"the products above"', 'the products above'],
  ];
  for (const [name, where] of cases) {
    it(`reads ${name} as the applies-to lines`, () => assert.deepEqual(readStatus({ status: confirmedIn(where), appliesTo }), confirmed(appliesTo)));
  }

  it('names the product of "version 2.0 of <product>" before a bare fixed version', () => {
    assert.deepEqual(readStatus({ status: `${confirmedIn('version 2.0 of Widget Server')} This problem was corrected in version 2.1.` }), {
      ...fixed('Widget Server version 2.1', undefined, ['version 2.0 of Widget Server']),
    });
  });

  it('measures a product name against its 60-character limit without "Microsoft"', () => {
    const name = `W${'x'.repeat(59)}`;
    assert.deepEqual(
      readStatus({ status: `${confirmedIn(`Microsoft ${name} 1.0`)} This problem was corrected in version 2.0.` }),
      fixed(`${name} version 2.0`, undefined, [`${name} 1.0`]),
    );
  });

  it('names an unnamed hotfix after an applies-to line written with runs of spaces', () => {
    const line = 'Microsoft Widget Server,  version  2.0';
    assert.deepEqual(
      readStatus({ status: `${confirmedIn('the products listed at the beginning of this article')} A supported fix is now available.`, appliesTo: [line] }),
      fixed('Widget Server 2.0 hotfix', undefined, [line]),
    );
  });
});
