import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalArticleId, findArticleReferences, articleIdFromPath } from '../../src/article-id.js';
import { decodeHtmlEntities, mergeKeywords, parseKbDate, parseVersions, pickIssueType, unquoteYamlScalar } from '../../src/ingest/fields.js';

describe('ingest/fields', () => {
  const versionCases: [string, string, [string, string][]][] = [
    ['reads one platform:version pair', 'winnt:1.2', [['winnt', '1.2']]],
    ['lower-cases the platform', 'WinNT:4.0', [['winnt', '4.0']]],
    [
      'reads a comma list under one platform',
      'winnt:4.0,5.0,5.5',
      [
        ['winnt', '4.0'],
        ['winnt', '5.0'],
        ['winnt', '5.5'],
      ],
    ],
    ['reads a leading colon as no platform', ':2.0', [['', '2.0']]],
    [
      'reads space separated bare versions',
      '3.50 3.51',
      [
        ['', '3.50'],
        ['', '3.51'],
      ],
    ],
    [
      'keeps a service pack with its version',
      'winnt:2.0,2.0 SP1',
      [
        ['winnt', '2.0'],
        ['winnt', '2.0 SP1'],
      ],
    ],
    [
      'splits groups on ; and |, dropping repeats',
      'WINDOWS:7.0; Win95:7.0 | WINDOWS:7.0',
      [
        ['windows', '7.0'],
        ['win95', '7.0'],
      ],
    ],
    ['keeps a platform written without a number', 'winnt:', [['winnt', '']]],
    ['reads nothing from an empty field or a lone colon', ' : ', []],
  ];
  for (const [name, text, expected] of versionCases) {
    it(`versions: ${name}`, () => {
      assert.deepEqual(
        parseVersions(text),
        expected.map(([platform, version]) => ({ platform, version })),
      );
    });
  }

  const dateCases: [string, string | undefined][] = [
    ['31-JUL-2001', '2001-07-31'],
    ['9-aug-1989', '1989-08-09'],
    ['31-XYZ-2001', undefined],
    ['2001-07-31', undefined],
  ];
  for (const [text, iso] of dateCases) it(`dates: reads ${text} as ${iso}`, () => assert.equal(parseKbDate(text), iso));

  it('keywords: drops header words glued or cut off by the fixed-width header field', () => {
    assert.deepEqual(mergeKeywords(['kbtool', 'kbSpoolkbfixlist', 'kbVC6'], ['kbtool', 'kbSpool', 'kbfixlist', 'kbVC600']), [
      'kbtool',
      'kbSpool',
      'kbfixlist',
      'kbVC600',
    ]);
  });
  it('keywords: keeps header words the trailer lacks and the case as written', () => {
    assert.deepEqual(mergeKeywords(['kbOnlyHere', 'KBPRINT'], ['kbprint']), ['kbOnlyHere', 'KBPRINT']);
  });
  it('keywords: uses the header alone when there is no trailer', () => {
    assert.deepEqual(mergeKeywords(['a', 'b', 'a'], []), ['a', 'b']);
  });

  it('issue type: prefers the trailer field, lower case', () => assert.equal(pickIssueType(['kbPRB', 'kbinfo'], ['kbbug'], []), 'kbprb'));
  it('issue type: falls back to a keyword', () => assert.equal(pickIssueType([], ['kbnetwork', 'KBHOWTO'], []), 'kbhowto'));
  it('issue type: falls back to the solution type kbfix', () => assert.equal(pickIssueType([], ['kbnetwork'], ['kbfix']), 'kbfix'));
  it('issue type: is undefined when nothing names one', () => assert.equal(pickIssueType([], ['kbnetwork'], ['kbpending']), undefined));

  it('front matter: unquotes escaped double quotes and doubled single quotes', () => {
    assert.equal(unquoteYamlScalar(' "Q1: say \\"hi\\": now" '), 'Q1: say "hi": now');
    assert.equal(unquoteYamlScalar("'it''s'"), "it's");
    assert.equal(unquoteYamlScalar('bare: text'), 'bare: text');
  });
  it('front matter: decodes the HTML entities the site generator wrote', () => {
    assert.equal(decodeHtmlEntities('&quot;Bad&quot; &amp; &lt;x&gt; &#92; &#x5c; &bogus;'), '"Bad" & <x> \\ \\ &bogus;');
  });

  const idCases: [string, string | undefined][] = [
    ['Q161043', 'Q161043'],
    ['q0161043', 'Q161043'],
    [' Q00161043 ', 'Q161043'],
    ['Q12', undefined],
    ['X161043', undefined],
  ];
  for (const [token, id] of idCases) it(`ids: reads ${JSON.stringify(token)} as ${id}`, () => assert.equal(canonicalArticleId(token), id));

  it('ids: takes the id from a README folder or a file name', () => {
    assert.equal(articleIdFromPath('kb/161/Q161043/README.md'), 'Q161043');
    assert.equal(articleIdFromPath('txt/161/q0161043.TXT'), 'Q161043');
    assert.equal(articleIdFromPath('notes/README.md'), undefined);
  });
  it('references: finds mentions in order, canonical, once, without self or longer numbers', () => {
    assert.deepEqual(findArticleReferences(['see q0120002, Q120001 and Q120002', 'ARTICLE-ID:Q99999 XQ123456 Q1234567890'], 'Q120001'), ['Q120002', 'Q99999']);
  });
});
