import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixStatus, tidyFixPhrase } from '../../src/signals/fix-status.js';
import type { Section } from '../../src/types.js';

/** A small made-up article: a STATUS section, optionally a RESOLUTION and other sections. */
function article(status: string, extra: { resolution?: string; more?: string; keywords?: string[]; appliesTo?: string[] } = {}) {
  const sections: Section[] = [];
  if (extra.resolution) sections.push({ kind: 'resolution', heading: 'RESOLUTION', text: extra.resolution });
  if (status) sections.push({ kind: 'status', heading: 'STATUS', text: status });
  if (extra.more) sections.push({ kind: 'more-information', heading: 'MORE INFORMATION', text: extra.more });
  return {
    sections,
    keywords: extra.keywords ?? [],
    appliesTo: extra.appliesTo ?? ['Microsoft Systems Management Server version 1.2'],
    products: ['Microsoft Systems Management Server'],
    title: 'Made-up article',
  };
}

describe('signals/fix-status', () => {
  const cases: { name: string; input: ReturnType<typeof article>; state: string; fixedIn?: RegExp }[] = [
    {
      name: 'reads a RESOLUTION advising a service release (SR-1) as fixed in it',
      input: article('', { resolution: 'To fix this problem, install Microsoft Word 97 Service Release 1 (SR-1) from the Office update site.' }),
      state: 'fixed',
      fixedIn: /Word 97 Service Release 1/,
    },
    {
      name: 'reads "obtain <product> SR-2" in a RESOLUTION as fixed',
      input: article('', { resolution: 'To resolve this issue, obtain Office 97 SR-2.' }),
      state: 'fixed',
      fixedIn: /SR-2/,
    },
    {
      name: 'reads "this problem does not occur in <a later release>" in a RESOLUTION as fixed in it',
      input: article('', { resolution: 'This problem does not occur in Windows 95.', appliesTo: ['Microsoft Windows version 3.1'] }),
      state: 'fixed',
      fixedIn: /Windows 95/,
    },
    {
      name: 'does not read "this problem does not occur in <an earlier release>" in a RESOLUTION as a fix',
      input: article('', { resolution: 'This problem does not occur in Windows 3.1.', appliesTo: ['Microsoft Windows 95'] }),
      state: 'none',
    },
    {
      name: 'does not read a condition ("does not occur if you ...") in a RESOLUTION as a fix',
      input: article('', { resolution: 'This problem does not occur if you print to a local port instead.' }),
      state: 'none',
    },
    {
      name: 'reads "corrected in the latest <product> U.S. Service Pack" as fixed in that service pack',
      input: article(
        'Microsoft has confirmed this to be a problem in Systems Management Server\nversion 1.2. This problem was corrected in the latest Microsoft Systems\nManagement Server 1.2 U.S. Service Pack. To get the pack, search for the word\n\n   S E R V P A C K\n',
      ),
      state: 'fixed',
      fixedIn: /^Systems Management Server 1\.2 Service Pack$/,
    },
    {
      name: 'reorders "the latest U.S. Service Pack for <product> version N" to product, version, Service Pack',
      input: article(
        'Confirmed as a problem by Microsoft. This problem has been corrected in the latest U.S. Service Pack for\nMicrosoft Exchange Server version 5.0.',
      ),
      state: 'fixed',
      fixedIn: /^Exchange Server 5\.0 Service Pack$/,
    },
    {
      name: 'keeps the service pack number of "first corrected in Windows NT 4.0 Service Pack 4"',
      input: article('Microsoft has confirmed this to be a problem in Windows NT 4.0. This problem was first\ncorrected in Windows NT 4.0 Service Pack 4.'),
      state: 'fixed',
      fixedIn: /^Windows NT 4\.0 Service Pack 4$/,
    },
    {
      name: 'reads "was fixed in" with a bare version and names the product from the confirmed sentence',
      input: article('Microsoft has confirmed this to be a problem in Widget Studio version 3.0.\nThis problem was fixed in version 3.1.'),
      state: 'fixed',
      fixedIn: /^Widget Studio version 3\.1$/,
    },
    {
      name: 'reads "This bug was corrected in <product> version 4.00"',
      input: article('This bug was corrected in Widget Compiler version 4.00.'),
      state: 'fixed',
      fixedIn: /Widget Compiler version 4\.00/,
    },
    {
      name: 'reads "no longer occurs in" as fixed',
      input: article('This behavior no longer occurs in Widget Office for Windows 95 version 7.0.'),
      state: 'fixed',
      fixedIn: /Widget Office for Windows 95 version 7\.0/,
    },
    {
      name: 'reads "has been fixed in <tool> versions 1.2 and later"',
      input: article('This problem has been fixed in WMAKE versions 1.2 and later.'),
      state: 'fixed',
      fixedIn: /WMAKE versions 1\.2/,
    },
    {
      name: 'turns "version V of the file F" into "F V"',
      input: article(
        'Microsoft has confirmed this to be a problem with the Wdgt3032.dll file. This problem was\ncorrected in version 3.00.3213 of the Wdgt3032.dll file.',
      ),
      state: 'fixed',
      fixedIn: /^Wdgt3032\.dll 3\.00\.3213$/,
    },
    {
      name: 'names the service pack that ships a corrected file',
      input: article('This bug has been corrected in the version of widget20.ocx included in Visual Studio 97 Service Pack 2.'),
      state: 'fixed',
      fixedIn: /^Visual Studio 97 Service Pack 2 \(widget20\.ocx\)$/,
    },
    {
      name: 'prefers a fixed sentence over a confirmed one in the same section',
      input: article(
        'Microsoft has confirmed this to be a problem in the Microsoft products listed at the beginning of this article.\n\nThis issue is resolved in Microsoft Windows 98.',
      ),
      state: 'fixed',
      fixedIn: /^Windows 98$/,
    },
    {
      name: 'reads "A supported fix is now available" as fixed in a hotfix of the product named for the next service pack',
      input: article(
        'A supported fix is now available from Microsoft, but it is meant only for this problem. Unless you are badly\naffected, wait for the next Microsoft SNA Server version 4.0 service pack.',
      ),
      state: 'fixed',
      fixedIn: /SNA Server 4\.0 hotfix/,
    },
    {
      name: 'reads a named hotfix in RESOLUTION ("hotfix CSD00.043")',
      input: article('', { resolution: 'The Microsoft hotfix CSD00.043 replaces the network driver; ask support for it.' }),
      state: 'fixed',
      fixedIn: /^hotfix CSD00\.043$/,
    },
    {
      name: 'reads a replacement file that fixes the problem',
      input: article('Microsoft has confirmed this to be a problem in the Microsoft products that are listed at the beginning of this article.', {
        resolution: 'Microsoft has made a replacement for WIDGET.EXE that fixes this problem. Download it from the FTP site.',
      }),
      state: 'fixed',
      fixedIn: /^WIDGET\.EXE$/,
    },
    {
      name: 'reads "obtain the latest service pack for <product>" in RESOLUTION as fixed',
      input: article('Microsoft has confirmed this to be a problem in Windows NT 4.0.', {
        resolution: 'To resolve this problem, obtain the latest service pack for Windows NT 4.0.',
      }),
      state: 'fixed',
      fixedIn: /^Windows NT 4\.0 Service Pack$/,
    },
    {
      name: 'reads "upgrade your <component> to version N" in RESOLUTION as fixed',
      input: article('', { resolution: 'Upgrade your Widget ODBC driver to version 2.65.0213, which ships with the SDK.' }),
      state: 'fixed',
      fixedIn: /Widget ODBC driver version 2\.65\.0213$/,
    },
    {
      name: 'reads "We are researching this problem" as confirmed and researching',
      input: article(
        'Microsoft has confirmed this to be a problem in Widget Maps version 4.0. We are researching this problem and will post news here when we have it.',
      ),
      state: 'confirmed',
    },
    {
      name: 'reads "Microsoft is researching this problem" alone as confirmed',
      input: article('Microsoft is researching this problem and will post more here later.'),
      state: 'confirmed',
    },
    {
      name: 'reads "This behavior is by design"',
      input: article('This behavior is by design.'),
      state: 'by-design',
    },
    {
      name: 'reads "This is by design" even when RESOLUTION suggests a service pack tool',
      input: article('This is by design.', { resolution: 'Use the version of the admin tool that is included with Windows NT 4.0 Service Pack 4.' }),
      state: 'by-design',
    },
    {
      name: 'does not read "caused by design changes" as by design',
      input: article('This situation is most likely caused by design changes in the newer release.'),
      state: 'none',
    },
    {
      name: 'reads "A fix to this problem is in development" as confirmed, not fixed',
      input: article('Microsoft has confirmed this to be a problem in Windows NT 3.5. A fix to this problem is in development, but it has not been tested.'),
      state: 'confirmed',
    },
    {
      name: 'does not read "does not occur in" an older release as fixed',
      input: article('Microsoft has confirmed this to be a problem in Widget 7.0. This problem does not occur in Widget 6.0.'),
      state: 'confirmed',
    },
    {
      name: 'reads a third-party disclaimer as no statement',
      input: article('The third-party products named here come from vendors independent of Microsoft; we make no warranty about them.'),
      state: 'none',
    },
    {
      name: 'reads keyword fixlist4.00 with no sentence as fixed in "Version 4.00"',
      input: article('', { keywords: ['kbtool', 'fixlist4.00'] }),
      state: 'fixed',
      fixedIn: /Version 4\.00$/,
    },
    {
      name: 'reads keyword buglist3.00 with no sentence as confirmed',
      input: article('', { keywords: ['buglist3.00'] }),
      state: 'confirmed',
    },
    {
      name: 'reads keyword kbWinNT400sp4fix as fixed in Windows NT 4.0 Service Pack 4',
      input: article('', { keywords: ['kbWinNT400sp4fix'] }),
      state: 'fixed',
      fixedIn: /^Windows NT 4\.00 Service Pack 4$/,
    },
    {
      name: 'finds a status stated under MORE INFORMATION when there is no STATUS section',
      input: article('', {
        more: 'Some background here.\n\nMicrosoft has confirmed this to be a problem in Widget 2.0. This problem was corrected in Widget 2.1.',
      }),
      state: 'fixed',
      fixedIn: /^Widget 2\.1$/,
    },
    {
      name: 'reads "<vendor> has corrected the problem in <release>" as fixed',
      input: article('Widget Corp. has corrected the problem in WIDGET.SYS version 3.26.'),
      state: 'fixed',
      fixedIn: /WIDGET\.SYS version 3\.26/,
    },
    {
      name: 'reads "This is expected behavior" as by design',
      input: article('This is expected behavior because the service reads its settings only at startup.'),
      state: 'by-design',
    },
    {
      name: 'reads "Microsoft confirms this to be a problem" as confirmed',
      input: article('Microsoft confirms this to be a problem in Widget Server version 5.5.'),
      state: 'confirmed',
    },
    {
      name: 'does not read "this step confirms that" as confirmed',
      input: article('', { more: 'This step confirms that the server answers on the expected port.' }),
      state: 'none',
    },
    {
      name: 'does not read advice to upgrade outside RESOLUTION and STATUS as a fix',
      input: article('', { more: 'This tool is designed to help you decide before you upgrade to Widget OS 95.' }),
      state: 'none',
    },
    {
      name: 'names the affected release in an unnamed hotfix',
      input: article(
        'Microsoft has confirmed this to be a problem in Systems Management Server version 1.2. A supported fix is now available, but it has had little testing.',
      ),
      state: 'fixed',
      fixedIn: /^Systems Management Server 1\.2 hotfix$/,
    },
    {
      name: 'ends a sentence after a capital letter ("DirectX. Download")',
      input: article('', { resolution: 'Install the current version of DirectX. Download it from the web site.' }),
      state: 'fixed',
      fixedIn: /^current version of DirectX$/,
    },
    {
      name: 'reads an article with no statement as none',
      input: article('', { resolution: 'Change the printer settings to use the faster mode, then print again.' }),
      state: 'none',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = readFixStatus(c.input);
      assert.equal(got.state, c.state, `sentence: ${got.sentence}`);
      if (c.fixedIn) assert.match(got.fixedIn ?? '', c.fixedIn);
      else if (c.state !== 'fixed') assert.equal(got.fixedIn, undefined);
    });
  }

  it('never reads the spaced query word S E R V P A C K as a version', () => {
    const got = readFixStatus(
      article('This problem was corrected in the latest Windows NT 4.0 U.S. Service Pack. For the pack, query on\n\n   S E R V P A C K\n'),
    );
    assert.equal(got.fixedIn, 'Windows NT 4.0 Service Pack');
  });

  it('sets researching only when the article says so', () => {
    assert.equal(readFixStatus(article('We are researching this problem and will post news here.')).researching, true);
    assert.equal(readFixStatus(article('This behavior is by design.')).researching, undefined);
  });

  it('takes affected from the applies-to list when the sentence points at it', () => {
    const got = readFixStatus(
      article('Microsoft has confirmed this to be a problem in the Microsoft products listed at the beginning of this article.', {
        appliesTo: ['Widget Server version 1.0', 'Widget Client version 1.0'],
      }),
    );
    assert.deepEqual(got.affected, ['Widget Server version 1.0', 'Widget Client version 1.0']);
  });

  it('names the affected product when the sentence does', () => {
    const got = readFixStatus(article('Microsoft has confirmed this to be a problem in Systems Management Server versions 1.0 and 1.1.'));
    assert.deepEqual(got.affected, ['Systems Management Server 1.0 and 1.1']);
  });

  it('lists each release of a fix joined by "and" in fixedVersions', () => {
    const got = readFixStatus(
      article('This problem was first corrected in Windows NT 4.0 Service Pack 4 and Windows NT Server 4.0, Terminal Server Edition Service Pack 4.'),
    );
    assert.deepEqual(got.fixedVersions, ['Windows NT 4.0 Service Pack 4', 'Windows NT Server 4.0, Terminal Server Edition Service Pack 4']);
  });

  it('keeps the sentence the state was read from', () => {
    const got = readFixStatus(article('Some words first. This behavior is by design.'));
    assert.equal(got.sentence, 'This behavior is by design.');
  });

  it('tidies a fix phrase without the Microsoft prefix and U.S.', () => {
    assert.equal(tidyFixPhrase('Microsoft Exchange Server 4.0 U.S. Service Pack 4.'), 'Exchange Server 4.0 Service Pack 4');
  });

  it('reads a 1.6 MB STATUS sentence of repeated words as fixed, the phrase cut short (timed in npm run bench:linear)', () => {
    const got = readFixStatus(article('This problem was corrected in ' + 'version '.repeat(200_000) + '4.0.'));
    assert.equal(got.state, 'fixed');
    assert.ok(got.fixedIn !== undefined && got.fixedIn.length < 400, `${got.fixedIn?.length} characters`);
  });
});

describe('signals/fix-status: read alike wherever a statement sits', () => {
  it('reads "use <product> <version> or greater" in a RESOLUTION as fixed in it, as "or later" is', () => {
    const got = readFixStatus(article('', { resolution: 'Use Widget 3.48 or greater.' }));
    assert.deepEqual([got.state, got.fixedIn, got.fixedVersions], ['fixed', 'Widget 3.48', ['Widget 3.48']]);
  });

  it('names an unnamed hotfix after the product it is available for, without the full stop that ends the section', () => {
    const got = readFixStatus(article('A supported fix is now available for Widget Server 2.0.'));
    assert.deepEqual([got.state, got.fixedIn], ['fixed', 'Widget Server 2.0 hotfix']);
  });

  it('reads a statement that starts near the end of the 400 characters read around an earlier stem word in a long section', () => {
    const steps = 'Step here. '.repeat(150);
    const more = `${steps}It is a known thing. ${'Step here. '.repeat(33)}This problem was corrected in Widget 2.1. ${steps}`;
    const got = readFixStatus(article('', { more }));
    assert.deepEqual([got.state, got.fixedIn, got.sentence], ['fixed', 'Widget 2.1', 'This problem was corrected in Widget 2.1']);
  });
});
