/**
 * signals/fix-status, the cases the mutation run (docs/mutation.md) showed unchecked: each stock phrasing at its
 * edges, the keywords, where a sentence is read from, and the tidied name of the fix, with exact values. Every
 * sentence here is made up.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixStatus, tidyFixPhrase } from '../../src/signals/fix-status.js';
import { article, byDesign, confirmed, fixed, none, readStatus, type Parts } from '../support/fix-status.js';

describe('signals/fix-status: stock phrasings', () => {
  const cases: [name: string, input: Parts, want: object][] = [
    ['"no longer" across a line break', { status: 'This problem no\n   longer occurs in Widget 2.1.' }, fixed('Widget 2.1')],
    ['"does not occur" across a line break', { status: 'The problem does not\n   occur in Widget 2.1.', appliesTo: ['Widget 2.0'] }, fixed('Widget 2.1')],
    ['"service pack" across a line break', { resolution: 'Install Widget 2.1 service\n   pack 2.' }, fixed('Widget 2.1 service pack 2')],
    ['a service release SR-1', { resolution: 'Install Widget 97 SR-1.' }, fixed('Widget 97 SR-1')],
    ['a service release SR1', { resolution: 'Install Widget 97 SR1.' }, fixed('Widget 97 SR1')],
    ['"or later"', { resolution: 'Use Widget 3.48 or later.' }, fixed('Widget 3.48')],
    ['"or newer"', { resolution: 'Use Widget 3.48 or newer.' }, fixed('Widget 3.48')],
    ['"upgrade to"', { resolution: 'Upgrade to Widget Server 4.0.' }, fixed('Widget Server 4.0')],
    ['"upgrade the X to version N"', { resolution: 'Upgrade the Widget driver to version 2.5a, then restart.' }, fixed('Widget driver version 2.5a')],
    ['"upgrade your X to the version N"', { resolution: 'Upgrade your Widget driver to the version 2.5.' }, fixed('Widget driver version 2.5')],
    ['"the latest version of"', { resolution: 'Install the latest version of Microsoft Widget Server.' }, fixed('current version of Widget Server')],
    [
      '"the most recent version of", four capitalised words at most',
      { resolution: 'Upgrade to the most recent version of Widget Server Tools Kit Plus Extra.' },
      fixed('current version of Widget Server Tools Kit'),
    ],
    [
      'a named service pack with its platform',
      { resolution: 'Obtain the Widget 2.0 Service Pack 3a for Intel systems.' },
      fixed('Widget 2.0 Service Pack 3a for Intel systems'),
    ],
    ['a service pack by number alone', { resolution: 'Apply Service Pack 3.' }, fixed('Service Pack 3')],
    [
      '"the most recent <product> U.S. service pack"',
      { resolution: 'Download the most recent Widget 2.0 U.S. service pack.' },
      fixed('Widget 2.0 Service Pack'),
    ],
    ['"the current US service pack for"', { resolution: 'Get the current US service pack for Widget 2.0.' }, fixed('Widget 2.0 Service Pack')],
    [
      'an updated version of a file that corrects it',
      { resolution: 'An updated version of the file Wdgt.dll that corrects this problem is available.' },
      fixed('Wdgt.dll'),
    ],
    ['a new version of a component which resolves it', { resolution: 'A new version of Widget Tools which resolves the problem is out.' }, fixed('Widget')],
    ['an update for a driver that addresses it', { resolution: 'An update for the WDGT.SYS driver that addresses this issue is out.' }, fixed('WDGT.SYS')],
    ['"a supported hotfix is now available"', { resolution: 'A supported hotfix is now available from support.' }, fixed('hotfix')],
    ['"a supported feature ... is now available"', { resolution: 'A supported feature for Widget is now available.' }, fixed('hotfix')],
    ['"a supported update is now available"', { resolution: 'A supported update is now available.' }, fixed('hotfix')],
    ['a patch named by its id', { resolution: 'Apply patch WDG-123.4 to the server.' }, fixed('hotfix WDG-123.4')],
    ['a fix named by its id', { resolution: 'Apply fix QX12 to the server.' }, fixed('hotfix QX12')],
    ['"obtain this hotfix"', { resolution: 'Obtain this hotfix from support.' }, fixed('hotfix')],
    ['"download the fix"', { resolution: 'Download the fix from support.' }, fixed('hotfix')],
    ['"a fix for this issue is in development"', { status: 'A fix for this issue is in development.' }, confirmed()],
    ['"a fix to this bug is in development"', { status: 'A fix to this bug is in development.' }, confirmed()],
    ['"works as designed"', { status: 'This works as designed.' }, byDesign],
    ['"functioning as designed"', { status: 'The widget is functioning as designed.' }, byDesign],
    ['"a design limitation"', { status: 'This is a design limitation of Widget.' }, byDesign],
    ['"this behaviour is expected"', { status: 'This behaviour is expected.' }, byDesign],
    ['"the expected behavior"', { status: 'This is the expected behavior.' }, byDesign],
    ['"by product design"', { status: 'This is by product design.' }, byDesign],
    ['"not by design"', { status: 'This is not by design.' }, none],
    ['"has confirmed that this is a problem"', { status: 'Widget Corp. has confirmed that this is a problem.' }, confirmed()],
    ['"confirms that this is a problem in"', { status: 'Widget Corp. confirms that this is a problem in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    ['"was reported as a bug in"', { status: 'This was reported as a bug in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    ['"acknowledges this to be a problem in"', { status: 'Widget Corp. acknowledges this to be a problem in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    ['"is aware of this issue"', { status: 'Widget Corp. is aware of this issue.' }, confirmed()],
    ['"this is a known bug in"', { status: 'This is a known bug in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    ['"has confirmed that this is not"', { status: 'Widget Corp. has confirmed that this is not a problem in Widget.' }, none],
    ['"not caused by a bug"', { status: 'Widget Corp. has confirmed this behavior, which is not caused by a bug.' }, none],
    ['"is currently researching"', { status: 'Widget Corp. is currently researching this problem.' }, { ...confirmed(), researching: true }],
    ['"are still researching"', { status: 'We are still researching this.' }, { ...confirmed(), researching: true }],
    ['"has corrected this bug in"', { status: 'Widget Corp. has corrected this bug in Widget 2.1.' }, fixed('Widget 2.1')],
    ['"this feature was added in"', { status: 'This feature was added in Widget 3.0.' }, fixed('Widget 3.0')],
    ['"this functionality has been implemented in"', { status: 'This functionality has been implemented in Widget 3.0.' }, fixed('Widget 3.0')],
    ['"fixed starting with"', { status: 'This problem was fixed starting with Widget 3.0.' }, fixed('Widget 3.0')],
    ['"resolved beginning with"', { status: 'This problem was resolved beginning with Widget 3.0.' }, fixed('Widget 3.0')],
    ['"corrected and does not occur in"', { status: 'This problem was corrected and does not occur in Widget 3.0.' }, fixed('Widget 3.0')],
    [
      '"does not occur in later versions"',
      { status: 'This problem does not occur in later versions of Widget.', appliesTo: ['Widget 2.0'] },
      fixed('later versions of Widget'),
    ],
    [
      'RESOLUTION: "does not occur in the following versions" (a list, not a fix)',
      { resolution: 'This problem does not occur in the following versions: Widget 3.0.', appliesTo: ['Widget 2.0'] },
      none,
    ],
    [
      'RESOLUTION: "this issue does not appear in" a later release',
      { resolution: 'This issue does not appear in Widget 3.0.', appliesTo: ['Widget 2.0'] },
      fixed('Widget 3.0'),
    ],
    ['RESOLUTION: "it does not occur in" (not said of the problem)', { resolution: 'It does not occur in Widget 3.0.', appliesTo: ['Widget 2.0'] }, none],
    ['STATUS: "does not occur in" with no affected release to compare', { status: 'This problem does not occur in Widget 3.0.' }, none],
  ];
  for (const [name, input, want] of cases) it(`reads ${name}`, () => assert.deepEqual(readStatus(input), want));
});

describe('signals/fix-status: keywords', () => {
  const cases: [keywords: string[], want: object][] = [
    [['fixlist2.10a'], fixed('Version 2.10a')],
    [['kbbug'], confirmed()],
    [['kbbuglist'], confirmed()],
    [['buglist2.0a'], confirmed()],
    [['kbwidgetbug'], confirmed()],
    [['kbbugs'], none],
    [['kbfix'], { state: 'fixed', fixedIn: undefined, affected: [], fixedVersions: [] }],
    [['kbfixlist'], { state: 'fixed', fixedIn: undefined, affected: [], fixedVersions: [] }],
    [['kbsms200sp2fix'], fixed('Systems Management Server 2.00 Service Pack 2')],
    [['kbvfp700fix'], fixed('Visual FoxPro 7.00')],
    [['kbVS97sp1fix'], fixed('Visual Studio 97 Service Pack 1')],
    [['kbwidget30fix'], fixed('widget 30')],
    [['kbvbp50fix'], fixed('Visual Basic 50')],
    [['kbvc600fix'], fixed('Visual C++ 6.00')],
    [['kbsna400fix'], fixed('SNA Server 4.00')],
    [['kbiis400fix'], fixed('Internet Information Server 4.00')],
    [['kbwinnt351afix'], fixed('Windows NT 3.51a')],
    [['kbexchange55sp2fix'], fixed('Exchange Server 55 Service Pack 2')],
    [['kbfix', 'fixlist2.0'], fixed('Version 2.0')],
    [['fixlist2.0', 'kbsms200fix'], fixed('Version 2.0')],
    [['kbsms200fix', 'fixlist2.0'], fixed('Systems Management Server 2.00')],
  ];
  for (const [keywords, want] of cases) it(`reads ${keywords.join(', ')}`, () => assert.deepEqual(readStatus({ keywords }), want));

  it('lets a fix keyword outrank a confirmed sentence, the product named before a bare version', () => {
    assert.deepEqual(readStatus({ status: 'Widget Corp. has confirmed this to be a problem in Widget 2.0.', keywords: ['FIXLIST2.1'] }), {
      state: 'fixed',
      fixedIn: 'Widget Version 2.1',
      affected: ['Widget 2.0'],
      fixedVersions: ['Version 2.1'],
    });
  });

  it('does not let a fix keyword outrank a by-design sentence', () => {
    assert.deepEqual(readStatus({ status: 'This behavior is by design.', keywords: ['fixlist2.0'] }), byDesign);
  });
});

describe('signals/fix-status: where sentences are read', () => {
  const steps = (n: number, word = 'Step') => `${word} here. `.repeat(n);
  const cases: [name: string, input: Parts, want: object][] = [
    [
      'stops at "Additional query words:"',
      { status: 'This problem was corrected in Widget 2.1.\nAdditional query words: fixed in Widget 9.0' },
      fixed('Widget 2.1'),
    ],
    [
      'cuts everything after "Additional reference words:"',
      { status: 'Additional reference words: corrected in Widget 9.0\nThis problem was corrected in Widget 2.1.' },
      none,
    ],
    [
      'stops at "THE INFORMATION PROVIDED"',
      { status: 'This problem was corrected in Widget 2.1. THE INFORMATION PROVIDED was corrected in Widget 9' },
      fixed('Widget 2.1'),
    ],
    ['drops a query word spelled with spaces', { status: 'This problem was corrected in Widget 2.1 S E R V P A C K' }, fixed('Widget 2.1')],
    ['ends a sentence at a row of dashes under it', { status: 'This problem was corrected in Widget 2.1\n---\nMore text here' }, fixed('Widget 2.1')],
    [
      'ends a sentence at an indented row of equals signs',
      { status: 'This problem was corrected in Widget 2.1\n  ===  \nMore text here' },
      fixed('Widget 2.1'),
    ],
    [
      'ends a sentence after a version number',
      { status: 'This problem was corrected in version 4.0. This is a second sentence.', appliesTo: ['Widget 3.0'] },
      fixed('Widget version 4.0'),
    ],
    [
      'ends a sentence after a closing parenthesis',
      { status: 'This problem was corrected in Widget 2.1 (build 3). Please call us.' },
      fixed('Widget 2.1 (build 3)'),
    ],
    ['ignores a sentence of three characters or fewer', { status: 'Fix.' }, none],
    ['reads a statement in MORE INFORMATION', { more: 'This problem was fixed in Widget 2.1.' }, fixed('Widget 2.1')],
    ['ignores advice in MORE INFORMATION', { more: 'To fix this, install Widget 2.1 Service Pack 2.' }, none],
    ...['symptoms', 'summary', 'cause', 'references'].map((kind): [string, Parts, object] => [
      `skips a ${kind.toUpperCase()} section`,
      { sections: [{ kind, heading: kind.toUpperCase(), text: 'This problem was fixed in Widget 2.1.' }] },
      none,
    ]),
    [
      'reads advice under a heading that starts with Status',
      { sections: [{ kind: 'other', heading: 'Status of the problem', text: 'Install Widget 2.1 Service Pack 2.' }] },
      fixed('Widget 2.1 Service Pack 2'),
    ],
    [
      'reads advice under a heading that starts with Resolution',
      { sections: [{ kind: 'other', heading: 'Resolution steps', text: 'Install Widget 2.1 Service Pack 2.' }] },
      fixed('Widget 2.1 Service Pack 2'),
    ],
    [
      'reads no advice under a heading with status later in it',
      { sections: [{ kind: 'other', heading: 'The status', text: 'Install Widget 2.1 Service Pack 2.' }] },
      none,
    ],
    ['reads no advice under a heading Statuses', { sections: [{ kind: 'other', heading: 'Statuses', text: 'Install Widget 2.1 Service Pack 2.' }] }, none],
    [
      'reads no advice under a heading Resolutions',
      { sections: [{ kind: 'other', heading: 'Resolutions', text: 'Install Widget 2.1 Service Pack 2.' }] },
      none,
    ],
    [
      'finds advice in the middle of a long RESOLUTION',
      { resolution: `${steps(200)}\n\nTo fix this problem, install Widget 2.1 Service Pack 2.\n\n${steps(200, 'More')}` },
      fixed('Widget 2.1 Service Pack 2'),
    ],
    [
      'finds a statement in the middle of a long MORE INFORMATION',
      { more: `${steps(200)}\n\nThis problem was corrected in Widget 2.1.\n\n${steps(200, 'More')}` },
      fixed('Widget 2.1'),
    ],
    [
      'reads no advice in a long MORE INFORMATION',
      { more: `${steps(200)}\n\nTo fix this problem, install Widget 2.1 Service Pack 2.\n\n${steps(200, 'More')}` },
      none,
    ],
    [
      'reads a long section whose lower case changes its length',
      { more: `${'Stépś here. '.repeat(200)}\n\nThis problem was corrected in Widget 2.1.\n\n` },
      fixed('Widget 2.1'),
    ],
    ['finds a statement at the end of a long section', { more: `${steps(300)}\n\nThis behavior is by design.` }, byDesign],
    ['finds a statement at the start of a long section', { more: `This behavior is by design.\n\n${steps(300)}` }, byDesign],
    ['finds a statement in the middle of one long paragraph', { more: `${steps(150)}This behavior is by design. ${steps(150)}` }, byDesign],
    [
      'finds two statements far apart in a long section, the stronger first',
      { more: `${steps(200)}\n\nThis behavior is by design.\n\n${steps(200)}\n\nThis problem was corrected in Widget 2.1.\n\n${steps(10)}` },
      fixed('Widget 2.1'),
    ],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.deepEqual(readStatus(input), want));

  it('keeps the sentence of the finding, cut at its end', () => {
    assert.equal(
      readFixStatus(article({ status: 'This problem was corrected in version 4.0. This is a second sentence.' })).sentence,
      'This problem was corrected in version 4.0',
    );
  });
});

describe('signals/fix-status tidyFixPhrase', () => {
  const cases: [raw: string, product: string | undefined, want: string][] = [
    ['Widget Server 2.0. For more information, see the web site', undefined, 'Widget Server 2.0'],
    ['Widget Server 2.0 To get it, call', undefined, 'Widget Server 2.0'],
    [' For Widget Server 2.0', undefined, 'For Widget Server 2.0'],
    ['the Widget Server 2.0 ...;:', undefined, 'Widget Server 2.0'],
    ['a Widget Server 2.0', undefined, 'Widget Server 2.0'],
    ['an Widget Server 2.0', undefined, 'Widget Server 2.0'],
    ['version 2.0', 'Widget', 'Widget version 2.0'],
    ['versions 2.0 and 2.1', 'Widget', 'Widget versions 2.0 and 2.1'],
    ['release 2.0', 'Widget', 'Widget release 2.0'],
    ['version 2.0', undefined, 'version 2.0'],
    ['version of', undefined, 'version of'],
    ['version Widget 2.0', undefined, 'Widget 2.0'],
    ['version 2.0 of the Wdgt.dll file', undefined, 'Wdgt.dll 2.0'],
    ['version 2.0 of the files Wdgt.dll', undefined, 'Wdgt.dll 2.0'],
    ['version 2.0 of Wdgt.dll, which is included in Widget Pack 3', undefined, 'Widget Pack 3 (Wdgt.dll 2.0)'],
    ['version 2.0 of Wdgt.dll that are shipped with Widget Pack 3', undefined, 'Widget Pack 3 (Wdgt.dll 2.0)'],
    ['the updated version of Wdgt.dll that is included with Widget Pack 3', undefined, 'Widget Pack 3 (Wdgt.dll)'],
    ['version of Wdgt.dll which was shipped in Widget Pack 3', undefined, 'Widget Pack 3 (Wdgt.dll)'],
    ['version of Wdgt.dll shipping with Widget Pack 3', undefined, 'Widget Pack 3 (Wdgt.dll)'],
    ['version of Wdgt.dll that ships with Widget Pack 3', undefined, 'Widget Pack 3 (Wdgt.dll)'],
    ['the latest service pack for Widget Server version 2.0', undefined, 'Widget Server 2.0 Service Pack'],
    ['the most recent service packs for Widget Server 2.0', undefined, 'Widget Server 2.0 Service Pack'],
    ['next service pack 3 to Widget Server 2.0,', undefined, 'Widget Server 2.0 Service Pack 3'],
    ['US Service Pack for Widget Server 2.0', undefined, 'Widget Server 2.0 Service Pack'],
    ['U.S. service pack for Widget Server 2.0', undefined, 'Widget Server 2.0 Service Pack'],
    ['the latest Widget Server 2.0 service packs for Intel', undefined, 'Widget Server 2.0 Service Packs for Intel'],
    ['the most recent Widget Server 2.0 U.S. Service Pack', undefined, 'Widget Server 2.0 Service Pack'],
    ['the next Widget Server 2.0 service pack', undefined, 'Widget Server 2.0 Service Pack'],
    ['Widget Server 2.0, which comes with Office', undefined, 'Widget Server 2.0'],
    ['Widget Server 2.0 that ships with Office', undefined, 'Widget Server 2.0'],
    ['Widget Server 2.0 which is available now', undefined, 'Widget Server 2.0'],
    ['Widget Server 2.0 that are available now', undefined, 'Widget Server 2.0'],
    ['Widget Server 2.0 that can be used', undefined, 'Widget Server 2.0'],
    ['Microsoft Widget Server 2.0 US Service Pack 1', undefined, 'Widget Server 2.0 Service Pack 1'],
    ['Microsoft (R) Widget', undefined, '(R) Widget'],
    ['Microsoft widget', undefined, 'Microsoft widget'],
    ['Widget   Server  2.0', undefined, 'Widget Server 2.0'],
    ['version 2.0, Microsoft Widget Server', undefined, 'version 2.0, Widget Server'],
  ];
  for (const [raw, product, want] of cases) {
    it(`tidies ${JSON.stringify(raw)}${product ? ` of ${product}` : ''} to ${JSON.stringify(want)}`, () => assert.equal(tidyFixPhrase(raw, product), want));
  }

  it('cuts a long phrase at the last space before 160 characters', () => {
    const words = `Widget ${'word '.repeat(50)}`;
    assert.equal(tidyFixPhrase(words), `Widget ${'word '.repeat(29)}word`);
  });

  it('cuts a long phrase without a late space at 160 characters', () => {
    assert.equal(tidyFixPhrase('x'.repeat(200)), 'x'.repeat(160));
    assert.equal(tidyFixPhrase(`ab ${'x'.repeat(200)}`), `ab ${'x'.repeat(157)}`);
  });

  it('keeps a phrase of exactly 160 characters', () => {
    assert.equal(tidyFixPhrase(`${'word '.repeat(31)}wordw`), `${'word '.repeat(31)}wordw`);
  });
});

describe('signals/fix-status: the product, the affected releases and the rank of findings', () => {
  const confirmedIn = (what: string) => `Widget Corp. has confirmed this to be a problem ${what}.`;
  const cases: [name: string, input: Parts, want: object][] = [
    [
      'names the product of a bare version from the confirmed sentence, without Microsoft and versions',
      { status: `${confirmedIn('in the Microsoft Widget Server versions 1.0 and 1.1')} This problem was fixed in version 2.0.` },
      fixed('Widget Server version 2.0', undefined, ['Widget Server 1.0 and 1.1']),
    ],
    [
      'names the product from the applies-to list when the confirmed sentence names none in capitals',
      { status: `${confirmedIn('in widget server 1.0')} This problem was fixed in version 2.0.`, appliesTo: ['- Microsoft Gadget Server version 1.0'] },
      fixed('Gadget Server version 2.0', undefined, ['widget server 1.0']),
    ],
    [
      'names the product after "versions ... of"',
      { status: `${confirmedIn('with versions 3.0b and 3.2 of Widget Mail')} This problem was fixed in version 4.0.` },
      fixed('Widget Mail version 4.0', undefined, ['versions 3.0b and 3.2 of Widget Mail']),
    ],
    [
      'takes the product and the affected releases from the applies-to list the sentence points at',
      {
        status: `${confirmedIn('in the products listed at the beginning of this article')} This problem was fixed in version 4.0.`,
        appliesTo: ['- Microsoft Gadget Server, version 1.0', '', 'Gadget Client 1.0'],
      },
      fixed('Gadget Server version 4.0', undefined, ['Microsoft Gadget Server, version 1.0', 'Gadget Client 1.0']),
    ],
    [
      'names no product longer than 60 characters',
      { status: `${confirmedIn(`in Widget ${'Long '.repeat(12)}Server 1.0`)} This problem was fixed in version 4.0.` },
      fixed('version 4.0', undefined, [`Widget ${'Long '.repeat(12)}Server 1.0`]),
    ],
    [
      'names the product from the products list without applies-to',
      { status: 'This problem was fixed in version 4.0.', products: ['Gadget Suite'] },
      fixed('Gadget Suite version 4.0'),
    ],
    ['leaves a bare version alone without a product', { status: 'This problem was fixed in version 4.0.' }, fixed('version 4.0')],
    ['affects nothing named in more than 120 characters', { status: confirmedIn(`in Widget ${'Long '.repeat(25)}1.0`) }, confirmed()],
    ['affects the release after "with the"', { status: confirmedIn('with the Widget Server 1.0') }, confirmed(['Widget Server 1.0'])],
    [
      'compares release numbers as numbers (10.0 is later than 9.0)',
      { status: 'This problem does not occur in Widget 10.0.', appliesTo: ['Widget 9.0'] },
      fixed('Widget 10.0'),
    ],
    ['reads no fix in the same release', { status: 'This problem does not occur in Widget 9.0.', appliesTo: ['Widget 9.0'] }, none],
    [
      'compares with the confirmed sentence before the applies-to list',
      { status: `${confirmedIn('in Widget 2.0')} This problem does not occur in Widget 3.0.`, appliesTo: ['Widget 5.0'] },
      fixed('Widget 3.0', undefined, ['Widget 2.0']),
    ],
    ['reads advice in STATUS', { status: 'Install Widget 2.1 Service Pack 2.' }, fixed('Widget 2.1 Service Pack 2')],
    ['ranks by-design in STATUS over advice there', { status: 'Install Widget 2.1 Service Pack 2. This behavior is by design.' }, byDesign],
    ['ranks by-design in RESOLUTION over advice there', { resolution: 'Install Widget 2.1 Service Pack 2. This behavior is by design.' }, byDesign],
    [
      'ranks by-design in STATUS over a fix in RESOLUTION',
      { status: 'This behavior is by design.', resolution: 'This problem was fixed in Widget 2.1.' },
      byDesign,
    ],
    [
      'ranks a fix in RESOLUTION over advice in STATUS',
      { status: 'Install Widget 2.1 Service Pack 2.', resolution: 'This problem was fixed in Widget 3.1.' },
      fixed('Widget 3.1'),
    ],
    [
      'ranks advice in RESOLUTION over a fix elsewhere',
      { resolution: 'Install Widget 2.1 Service Pack 2.', more: 'This problem was fixed in Widget 3.1.' },
      fixed('Widget 2.1 Service Pack 2'),
    ],
    [
      'ranks a fix elsewhere over confirmed in STATUS',
      { status: confirmedIn('in Widget 2.0'), more: 'This problem was fixed in Widget 2.1.' },
      fixed('Widget 2.1', undefined, ['Widget 2.0']),
    ],
    [
      'ranks a fix elsewhere over confirmed in RESOLUTION',
      { resolution: confirmedIn('in Widget 2.0'), more: 'This problem was fixed in Widget 3.1.' },
      fixed('Widget 3.1', undefined, ['Widget 2.0']),
    ],
    [
      'ranks confirmed in STATUS over by-design elsewhere',
      { status: confirmedIn('in Widget 2.0'), more: 'This behavior is by design.' },
      confirmed(['Widget 2.0']),
    ],
    [
      'ranks confirmed in RESOLUTION over by-design elsewhere',
      { resolution: confirmedIn('in Widget 2.0'), more: 'This behavior is by design.' },
      confirmed(['Widget 2.0']),
    ],
    [
      'ranks advice in RESOLUTION over confirmed in STATUS',
      { status: confirmedIn('in Widget 2.0'), resolution: 'Install Widget 2.1 Service Pack 2.' },
      fixed('Widget 2.1 Service Pack 2', undefined, ['Widget 2.0']),
    ],
    ['keeps the first of two equal findings', { status: 'This problem was fixed in Widget 2.1. This problem was fixed in Widget 3.0.' }, fixed('Widget 2.1')],
    [
      'says researching beside a fix',
      { status: 'This problem was fixed in Widget 2.1. We are researching other problems.' },
      { ...fixed('Widget 2.1'), researching: true },
    ],
    ['lists no affected release for by-design', { status: `${confirmedIn('in Widget 2.0')} This behavior is by design.` }, byDesign],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.deepEqual(readStatus(input), want));
});

describe('signals/fix-status: a hotfix without a name', () => {
  const cases: [name: string, input: Parts, want: object][] = [
    [
      'names the product it is available for',
      { status: 'A supported fix is now available. It is available for Microsoft Widget Server version 2.0 only.' },
      fixed('Widget Server 2.0 hotfix'),
    ],
    [
      'names the product of the next service pack',
      { status: 'A supported fix is now available. Wait for the next Widget 2.0 service pack.' },
      fixed('Widget 2.0 hotfix'),
    ],
    [
      'falls back to the applies-to product when neither names a version',
      { status: 'A supported fix is now available. It is available for Widget Server only.', appliesTo: ['Widget 7.0'] },
      fixed('Widget hotfix'),
    ],
    ['says hotfix alone when nothing names a version', { status: 'A supported fix is now available. Wait for the next Widget service pack.' }, fixed('hotfix')],
    [
      'reads the product only from sentences of the same place',
      { resolution: 'It is available for Widget Server 2.0 only.', status: 'A supported fix is now available.' },
      fixed('hotfix'),
    ],
    [
      'names no affected release longer than 80 characters',
      { status: `Widget Corp. has confirmed this to be a problem in Widget ${'x'.repeat(80)} 2.0. A supported fix is now available.` },
      fixed('hotfix', undefined, [`Widget ${'x'.repeat(80)} 2.0`]),
    ],
    [
      'names the product when the affected release has no number',
      { status: 'Widget Corp. has confirmed this to be a problem in Widget Server. A supported fix is now available.', products: ['Gadget'] },
      fixed('Widget Server hotfix', undefined, ['Widget Server']),
    ],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.deepEqual(readStatus(input), want));
});

describe('signals/fix-status: each release of a fix', () => {
  const cases: [fixedIn: string, versions: string[]][] = [
    ['Widget 2.0 and Widget 3.0', ['Widget 2.0', 'Widget 3.0']],
    ['Widget 2.0 and in Widget 3.0', ['Widget 2.0', 'Widget 3.0']],
    ['Widget 2.0 and the Widget 3.0 tools', ['Widget 2.0', 'the Widget 3.0 tools']],
    ['Widget 2.0 and Gadget', ['Widget 2.0 and Gadget']],
    ['Widget 2.0 and widget 3.0', ['Widget 2.0 and widget 3.0']],
  ];
  for (const [fixedIn, versions] of cases) {
    it(`splits "${fixedIn}"`, () => assert.deepEqual(readStatus({ status: `This problem was fixed in ${fixedIn}.` }), fixed(fixedIn, versions)));
  }
});

describe('signals/fix-status: keywords with other evidence', () => {
  it('takes a named fix keyword after a bare kbfix', () =>
    assert.deepEqual(readStatus({ keywords: ['kbfix', 'kbsms200fix'] }), fixed('Systems Management Server 2.00')));
  it('reads a fix keyword over a bug keyword', () =>
    assert.deepEqual(readStatus({ keywords: ['kbbug', 'kbsms200fix'] }), fixed('Systems Management Server 2.00')));
  it('names no product before a fixlist version without one', () =>
    assert.deepEqual(readStatus({ keywords: ['fixlist2.1'], status: 'This is a problem.' }), fixed('Version 2.1')));
  it('names the applies-to product before a fixlist version', () =>
    assert.deepEqual(
      readStatus({ keywords: ['fixlist2.1'], appliesTo: ['Microsoft Gadget Server version 1.0'] }),
      fixed('Gadget Server Version 2.1', ['Version 2.1']),
    ));
  it('keeps a fix keyword that names its product as it is', () =>
    assert.deepEqual(readStatus({ keywords: ['kbsms200fix'], appliesTo: ['Microsoft Gadget Server version 1.0'] }), fixed('Systems Management Server 2.00')));
});

describe('signals/fix-status: edges of the product, numbers and advice', () => {
  const fixIn2 = 'This problem was fixed in version 2.0.';
  const cases: [name: string, input: Parts, want: object][] = [
    [
      'drops every full stop after the affected product',
      { status: `${fixIn2} Widget Corp. has confirmed this to be a problem in Widget Server..` },
      fixed('Widget Server version 2.0', undefined, ['Widget Server']),
    ],
    ['reads an affected object of full stops alone as nothing', { status: 'Widget Corp. has confirmed this to be a problem in ..' }, confirmed()],
    [
      'names no product that starts in lower case',
      { status: `${fixIn2} Widget Corp. has confirmed this to be a problem in widget Server 1.0.`, appliesTo: ['Gadget 1.0'] },
      fixed('Gadget version 2.0', undefined, ['widget Server 1.0']),
    ],
    [
      'names a product of 60 characters',
      { status: `${fixIn2} Widget Corp. has confirmed this to be a problem in W${'x'.repeat(59)} 1.0.` },
      fixed(`W${'x'.repeat(59)} version 2.0`, undefined, [`W${'x'.repeat(59)} 1.0`]),
    ],
    ['names no product from an applies-to line of a dash alone', { status: fixIn2, appliesTo: ['-'] }, fixed('version 2.0')],
    [
      'names the product of an indented applies-to line after "the"',
      { status: fixIn2, appliesTo: ['  the Gadget Server 1.0'] },
      fixed('Gadget Server version 2.0'),
    ],
    ['keeps a dash inside an applies-to product', { status: fixIn2, appliesTo: ['Gadget-Server 1.0'] }, fixed('Gadget-Server version 2.0')],
    ['drops a leading dash without a space', { status: fixIn2, appliesTo: ['-Gadget Server 1.0'] }, fixed('Gadget Server version 2.0')],
    [
      'lists the applies-to lines without their dashes and spaces',
      {
        status: 'Widget Corp. has confirmed this to be a problem in the products listed above.',
        appliesTo: ['-Gadget Server 1.0', 'Gadget-Client 1.0', '  Gadget Tool 1.0 ', '- Gadget Pro 1.0'],
      },
      confirmed(['Gadget Server 1.0', 'Gadget-Client 1.0', 'Gadget Tool 1.0', 'Gadget Pro 1.0']),
    ],
    [
      'compares the second decimal of a release (2.15 after 2.12)',
      { status: 'This problem does not occur in Widget 2.15.', appliesTo: ['Widget 2.12'] },
      fixed('Widget 2.15'),
    ],
    ['compares 2.10 as a number after 2.09', { status: 'This problem does not occur in Widget 2.10.', appliesTo: ['Widget 2.09'] }, fixed('Widget 2.10')],
    [
      'lists the affected release without "an" before it',
      { status: 'Widget Corp. has confirmed this to be a problem in an early Widget 1.0.' },
      confirmed(['early Widget 1.0']),
    ],
    ['reads no fix in a release without a number', { status: 'This problem does not occur in Widget Pro.', appliesTo: ['Widget 0.5'] }, none],
    [
      'compares with each applies-to line apart',
      { status: 'This problem does not occur in Widget 10.', appliesTo: ['Widget 1', '5 Gadget'] },
      fixed('Widget 10'),
    ],
    [
      'reads no "does not occur in" outside STATUS and RESOLUTION',
      { more: 'The known problem does not occur in Widget 3.0.', appliesTo: ['Widget 2.0'] },
      none,
    ],
    [
      'reads a fix named by nothing but full stops as a fix without a name',
      { status: 'This problem was fixed in ...' },
      { state: 'fixed', fixedIn: undefined, affected: [], fixedVersions: [] },
    ],
    [
      'names an unnamed hotfix after the applies-to product when the affected release has no number',
      { status: 'Widget Corp. has confirmed this to be a problem in widget server. A supported fix is now available.', appliesTo: ['Gadget 1.0'] },
      fixed('Gadget hotfix', undefined, ['widget server']),
    ],
    [
      'names an unnamed hotfix after an affected release of 80 characters',
      { status: `Widget Corp. has confirmed this to be a problem in Widget ${'x'.repeat(69)} 2.0. A supported fix is now available.` },
      fixed(`Widget ${'x'.repeat(69)} 2.0 hotfix`, undefined, [`Widget ${'x'.repeat(69)} 2.0`]),
    ],
    [
      'lists an affected release of 120 characters',
      { status: `Widget Corp. has confirmed this to be a problem in Widget ${'x'.repeat(109)} 1.0.` },
      confirmed([`Widget ${'x'.repeat(109)} 1.0`]),
    ],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.deepEqual(readStatus(input), want));

  const advice: [kind: string, sentence: string][] = [
    ['a supported fix', 'A supported fix is now available.'],
    ['a named hotfix', 'Apply patch WDG-123.4 to the server.'],
    ['a replacement file', 'Widget Corp. has made a replacement for WDGT.EXE that fixes this problem.'],
    ['a service release', 'Install Widget 97 SR-1.'],
    ['the latest service pack for a product', 'Obtain the latest service pack for Widget 2.0.'],
    ['the latest service pack of a product', 'Obtain the latest Widget 2.0 service pack.'],
    ['a named service pack', 'Install Widget 2.1 Service Pack 2.'],
    ['the current version', 'Install the current version of Widget.'],
    ['a release or later', 'Use Widget 3.48 or later.'],
    ['an upgrade', 'Upgrade to Widget Server 4.0.'],
    ['the fix', 'Obtain the hotfix from support.'],
  ];
  for (const [kind, sentence] of advice) {
    it(`ranks by-design in RESOLUTION over advice to install ${kind}`, () =>
      assert.deepEqual(readStatus({ resolution: `${sentence} This behavior is by design.` }), byDesign));
  }
});

describe('signals/fix-status tidyFixPhrase: the cut', () => {
  it('cuts at 160 characters when the last space comes at 40', () => {
    assert.equal(tidyFixPhrase(`${'a'.repeat(40)} ${'b'.repeat(150)}`), `${'a'.repeat(40)} ${'b'.repeat(119)}`);
  });

  it('cuts at the last space when it comes at 41', () => {
    assert.equal(tidyFixPhrase(`${'a'.repeat(41)} ${'b'.repeat(150)}`), 'a'.repeat(41));
  });
});

describe('signals/fix-status: the gates and the stem search', () => {
  const steps = (n: number, word = 'Step') => `${word} here. `.repeat(n);
  const cases: [name: string, input: Parts, want: object][] = [
    ['passes "service release" across a line break', { resolution: 'Install Widget 97 Service\n   Release 1.' }, fixed('Widget 97 Service Release 1')],
    ['passes "service release" with one space', { resolution: 'Install Widget 97 Service Release 1.' }, fixed('Widget 97 Service Release 1')],
    ['passes "current version" across a line break', { resolution: 'Install the current\n   version of Widget.' }, fixed('current version of Widget')],
    ['passes "most recent" across a line break', { resolution: 'Install the most\n   recent version of Widget.' }, fixed('current version of Widget')],
    ['passes "most recent" with one space', { resolution: 'Install the most recent version of Widget.' }, fixed('current version of Widget')],
    ['passes "reported as a bug" across line breaks', { status: 'This was reported\n as\n a\n bug in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    ['passes "reported as a bug" outside STATUS across line breaks', { more: 'This was reported\n as\n a\n bug in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    ['passes "reported as a bug" outside STATUS with single spaces', { more: 'This was reported as a bug in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    ['passes "no longer" outside STATUS across a line break', { more: 'This problem no\n   longer occurs in Widget 2.1.' }, fixed('Widget 2.1')],
    ['passes "no longer" outside STATUS with one space', { more: 'This problem no longer occurs in Widget 2.1.' }, fixed('Widget 2.1')],
    ['passes "aware of" outside STATUS across a line break', { more: 'Widget Corp. is aware\n   of this issue.' }, confirmed()],
    ['passes "aware of" outside STATUS with one space', { more: 'Widget Corp. is aware of this issue.' }, confirmed()],
    ['passes "known bug" outside STATUS across a line break', { more: 'This is a known\n   bug in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    ['passes "known bug" outside STATUS with one space', { more: 'This is a known bug in Widget 2.0.' }, confirmed(['Widget 2.0'])],
    ['reads no "feature was added" outside STATUS and RESOLUTION', { more: 'This feature was added in Widget 3.0.' }, none],
    ['reads no sentence without a statement word beside one that has it', { more: 'This feature was added in Widget 3.0. The design is old.' }, none],
    ['reads "was also corrected in"', { status: 'This problem was also corrected in Widget 2.1.' }, fixed('Widget 2.1')],
    ['reads "is now fixed in"', { status: 'This problem is now fixed in Widget 2.1.' }, fixed('Widget 2.1')],
    ['reads "was since corrected in"', { status: 'This problem was since corrected in Widget 2.1.' }, fixed('Widget 2.1')],
    ['reads "no longer a problem in"', { status: 'This is no longer a problem in Widget 2.1.' }, fixed('Widget 2.1')],
    ['reads "no longer occur in"', { status: 'These errors no longer occur in Widget 2.1.' }, fixed('Widget 2.1')],
    ['reads "no longer exist in"', { status: 'These errors no longer exist in Widget 2.1.' }, fixed('Widget 2.1')],
    ['reads "no longer appear in"', { status: 'These errors no longer appear in Widget 2.1.' }, fixed('Widget 2.1')],
    ['reads "no longer happen in"', { status: 'These errors no longer happen in Widget 2.1.' }, fixed('Widget 2.1')],
    [
      'stops at the first footer mark in the text, whichever it is',
      { status: 'Some words.\nAdditional query words: This problem was fixed in Widget 9.0.\nTHE INFORMATION PROVIDED here' },
      none,
    ],
    [
      'reads a section of kind status whatever its heading',
      { sections: [{ kind: 'status', heading: 'Where this stands', text: 'Install Widget 2.1 Service Pack 2.' }] },
      fixed('Widget 2.1 Service Pack 2'),
    ],
    [
      'reads a section of kind resolution whatever its heading',
      { sections: [{ kind: 'resolution', heading: 'How to get going', text: 'Install Widget 2.1 Service Pack 2.' }] },
      fixed('Widget 2.1 Service Pack 2'),
    ],
    [
      'reads no advice under a heading with resolution later in it',
      { sections: [{ kind: 'other', heading: 'Our resolution', text: 'Install Widget 2.1 Service Pack 2.' }] },
      none,
    ],
    ['finds a statement at the very start of a long section', { more: `Design limitation of Widget 2.0.\n\n${steps(200)}` }, byDesign],
    [
      'finds an earlier statement whose stem comes later in the list of stems',
      { more: `${steps(40)}This problem no longer occurs in Widget 2.1. ${steps(160)}Use the corrected settings.` },
      fixed('Widget 2.1'),
    ],
    [
      'reads the last sentence of a long section to its last character',
      { more: `${steps(200)}\n\nThis problem was corrected in Widget 2.1` },
      fixed('Widget 2.1'),
    ],
    [
      'reads a long section whose lower case is longer than it',
      { more: `${'\u0130'.repeat(1600)} This problem was corrected in Widget 2.1.` },
      fixed('Widget 2.1'),
    ],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.deepEqual(readStatus(input), want));
});

describe('signals/fix-status: service releases, hotfixes and later releases at their edges', () => {
  const cases: [name: string, input: Parts, want: object][] = [
    [
      'reads no fix in "does not occur in these" (a list follows)',
      { resolution: 'This problem does not occur in these builds of Widget 3.0.', appliesTo: ['Widget 2.0'] },
      none,
    ],
    ['reads "upgrade to" a service release', { resolution: 'Upgrade to Widget 97 SR-1.' }, fixed('Widget 97 SR-1')],
    ['reads a service release of two digits', { resolution: 'Install Widget 97 Service Release 12.' }, fixed('Widget 97 Service Release 12')],
    ['reads a service release with a letter', { resolution: 'Install Widget 97 Service Release 1a.' }, fixed('Widget 97 Service Release 1a')],
    ['reads SR- with two digits', { resolution: 'Install Widget 97 SR-12.' }, fixed('Widget 97 SR-12')],
    ['reads SR- with a letter', { resolution: 'Install Widget 97 SR-1a.' }, fixed('Widget 97 SR-1a')],
    [
      'reads "does not occur in the next service pack" as fixed there',
      { status: 'This problem does not occur in the next service pack.', appliesTo: ['Widget 2.0'] },
      fixed('next service pack'),
    ],
    ['reads "the update to address this problem is now available"', { resolution: 'The update to address this problem is now available.' }, fixed('hotfix')],
    ['reads "an update to address this issue is now available"', { resolution: 'An update to address this issue is now available.' }, fixed('hotfix')],
    ['reads a supported hotfix "now available" without "is"', { resolution: 'A supported hotfix, now available, ends it.' }, fixed('hotfix')],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.deepEqual(readStatus(input), want));
});

describe('signals/fix-status: anchors of the keyword, tidying and splitting rules', () => {
  const keywords: [keywords: string[], want: object][] = [
    [['xfixlist2.0'], none],
    [['fixlist2.0xyz'], none],
    [['fixlist10.0'], fixed('Version 10.0')],
    [['fixlist2.0.1'], fixed('Version 2.0.1')],
    [['mybuglist'], none],
    [['xkbfix'], none],
    [['kbfixes'], none],
    [['kbwinnt400sp12fix'], fixed('Windows NT 4.00 Service Pack 12')],
    [['kbwinnt400sp4afix'], fixed('Windows NT 4.00 Service Pack 4a')],
  ];
  for (const [kw, want] of keywords) it(`reads keyword ${kw.join(', ')}`, () => assert.deepEqual(readStatus({ keywords: kw }), want));

  const tidy: [raw: string, product: string | undefined, want: string][] = [
    ['Widget 2.0 that ship with Office', undefined, 'Widget 2.0'],
    ['Widget version 2.0 of Wdgt.dll', undefined, 'Widget version 2.0 of Wdgt.dll'],
    ['version 2.0 of the file Wdgt.dll', undefined, 'Wdgt.dll 2.0'],
    ['Widget version of Wdgt.dll included in Pack 3', undefined, 'Widget version of Wdgt.dll included in Pack 3'],
    ['service pack 12 for Widget 2.0', undefined, 'Widget 2.0 Service Pack 12'],
    ['service pack 3a for Widget 2.0', undefined, 'Widget 2.0 Service Pack 3a'],
    ['Get the latest Widget 2.0 service pack', undefined, 'Get the latest Widget 2.0 service pack'],
    ['Widget version Pro', undefined, 'Widget version Pro'],
    ['Widget version 2.0', 'Gadget', 'Widget version 2.0'],
    ['version of Wdgt.dll included in Widget 4.0, Terminal Edition', undefined, 'Widget 4.0, Terminal Edition (Wdgt.dll)'],
  ];
  for (const [raw, product, want] of tidy) {
    it(`tidies ${JSON.stringify(raw)}${product ? ` of ${product}` : ''} to ${JSON.stringify(want)}`, () => assert.equal(tidyFixPhrase(raw, product), want));
  }

  const cases: [name: string, input: Parts, want: object][] = [
    [
      'names the product before "versions ... of" later in the object',
      { status: 'This problem was fixed in version 2.0. Widget Corp. has confirmed this to be a problem in Widget versions 1.0 of Gadget.' },
      fixed('Widget version 2.0', undefined, ['Widget 1.0 of Gadget']),
    ],
    [
      'drops a trailing comma from the applies-to product',
      { status: 'This problem was fixed in version 2.0.', appliesTo: ['Gadget Server,'] },
      fixed('Gadget Server version 2.0'),
    ],
    [
      'keeps two spaced capitals (not a spelled-out word)',
      { status: 'This problem was corrected in Widget 2.1 for A B testing.' },
      fixed('Widget 2.1 for A B testing'),
    ],
    ['ends a sentence at an underline at the end of the text', { status: 'This problem was corrected in Widget 2.1\n---' }, fixed('Widget 2.1')],
    ['ends a paragraph at a blank line', { status: 'This problem was corrected in Widget 2.1\n\nthe rest' }, fixed('Widget 2.1')],
    ['ends a paragraph at a line of spaces', { status: 'This problem was corrected in Widget 2.1\n   \nthe rest' }, fixed('Widget 2.1')],
    [
      'ends a sentence after two capitals ("DirectX. Download")',
      { resolution: 'Install the current version of DirectX. Download it.' },
      fixed('current version of DirectX'),
    ],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.deepEqual(readStatus(input), want));
});

describe('signals/fix-status tidyFixPhrase and the applies-to product with several spaces between words', () => {
  const tidy: [raw: string, product: string | undefined, want: string][] = [
    ['Widget 2.0  which  is  available now', undefined, 'Widget 2.0'],
    ['Widget 2.0 that  are  available now', undefined, 'Widget 2.0'],
    ['Widget 2.0 that  can  be used', undefined, 'Widget 2.0'],
    ['Widget 2.0,  which  comes with Office', undefined, 'Widget 2.0'],
    ['the  updated  version  of  Wdgt.dll  that  is  included  in  Widget Pack 3', undefined, 'Widget Pack 3 (Wdgt.dll)'],
    ['the  latest  U.S.  service  packs  3  for  Widget 2.0', undefined, 'Widget 2.0 Service Pack 3'],
    ['most  recent  service pack to  Widget 2.0', undefined, 'Widget 2.0 Service Pack'],
    ['the  most  recent  Widget 2.0  U.S.  service  pack', undefined, 'Widget 2.0 Service Pack'],
    ['the  next  Widget 2.0  service  packs', undefined, 'Widget 2.0 Service Packs'],
    ['Widget 2.0 US  service  pack', undefined, 'Widget 2.0 service pack'],
    ['Microsoft  Widget 2.0', undefined, 'Widget 2.0'],
    ['the  Widget 2.0', undefined, 'Widget 2.0'],
    ['version  Widget 2.0', undefined, 'Widget 2.0'],
  ];
  for (const [raw, product, want] of tidy) {
    it(`tidies ${JSON.stringify(raw)} to ${JSON.stringify(want)}`, () => assert.equal(tidyFixPhrase(raw, product), want));
  }

  const applies: [line: string, want: string][] = [
    ['Gadget Server,  version 1.0', 'Gadget Server version 2.0'],
    ['Gadget Server  1.0', 'Gadget Server version 2.0'],
    ['the  Gadget Server 1.0', 'Gadget Server version 2.0'],
    ['Microsoft  Gadget Server 1.0', 'Gadget Server version 2.0'],
  ];
  for (const [line, want] of applies) {
    it(`names the product of applies-to line ${JSON.stringify(line)}`, () =>
      assert.deepEqual(readStatus({ status: 'This problem was fixed in version 2.0.', appliesTo: [line] }), fixed(want)));
  }
});
