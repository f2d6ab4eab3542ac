import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findHints, normalizeVersion, readQueryProducts } from '../../src/signals/hints.js';

describe('signals/hints: versions', () => {
  const normalized: [string, string | undefined][] = [
    ['1990', '1990'],
    ['2010', '2010'],
    ['1989', undefined],
    ['2011', undefined],
    ['95', '95'],
    ['97', '97'],
    ['98', '98'],
    ['96', undefined],
    ['0', undefined],
    ['1', '1.0'],
    ['12', '12.0'],
    ['13', undefined],
    ['12.5', '12.5'],
    ['13.0', undefined],
    ['10.00', '10.0'],
    ['3.500', '3.5'],
    ['3.51', '3.51'],
    ['4a', '4.0a'],
    ['4.0b', '4.0b'],
    ['4.0.1.2', '4.0'],
    ['abc', undefined],
    ['v4.0', undefined],
    ['4.0 SP1', undefined],
    ['4.05', '4.05'],
    ['4.x', undefined],
  ];
  for (const [raw, want] of normalized) it(`normalises ${raw} as ${want}`, () => assert.equal(normalizeVersion(raw), want));

  it('looks a version up in the aliases in any case', () => {
    assert.equal(normalizeVersion('2K', { '2k': '5.0' }), '5.0');
  });

  const after: [string, string[]][] = [
    ['Windows NT (R) 4.0', ['winnt:4.0']],
    ['Windows NT(TM) 4.0', ['winnt:4.0']],
    ['Windows NT Server 4.0', ['winnt:4.0']],
    ['Windows NT, Workstation 3.51', ['winnt:3.51']],
    ['Windows NT Advanced Server 3.1', ['winnt:3.1']],
    ['Windows NT   Server 4.0', ['winnt:4.0']],
    ['Windows NT Advanced   Server 3.1', ['winnt:3.1']],
    ['SQL Server Enterprise Edition 7.0', ['sqlserver:7.0']],
    ['SQL Server Enterprise  Edition 7.0', ['sqlserver:7.0']],
    ['Word for Windows 6.0', ['word97:6.0']],
    ['SMS versions 1.2', ['sms:1.2']],
    ['SMS ver. 1.2', ['sms:1.2']],
    ['SMS ver 1.2', ['sms:1.2']],
    ['SMS v2.0', ['sms:2.0']],
    ['SMS 2.0a', ['sms:2.0a']],
    ['SMS   2.0', ['sms:2.0']],
    ['SMS    2.0', []],
    ['SMS 1.2.3.4.5', []],
    ['SMS 2.0x1', []],
    ['SMS 1.2/2.0', ['sms:1.2']],
    ['SMS 2.0 US Service Pack 2', ['sms:2.0', 'sms:2.0-sp2']],
    ['SMS 2.0 U.S. Service Pack 2', ['sms:2.0', 'sms:2.0-sp2']],
    ['SMS 2.0 Service  Pack  4', ['sms:2.0', 'sms:2.0-sp4']],
    ['SMS 2.0 SP 3', ['sms:2.0', 'sms:2.0-sp3']],
    ['SMS 2.0, SP1', ['sms:2.0', 'sms:2.0-sp1']],
    ['SMS 2.0 sp3a', ['sms:2.0', 'sms:2.0-sp3a']],
    ['SMS 2.0 SP123', ['sms:2.0']],
    ['SMS 2.0 SP12', ['sms:2.0', 'sms:2.0-sp12']],
    ['SMS 2.0,SP1', ['sms:2.0', 'sms:2.0-sp1']],
    ['SMS 2.0 , SP1', ['sms:2.0', 'sms:2.0-sp1']],
    ['SMS 2.0 US  Service Pack 2', ['sms:2.0', 'sms:2.0-sp2']],
    ['SMS version  2.0', ['sms:2.0']],
    ['SMS ver.  1.2', ['sms:1.2']],
    ['Windows NT, 4.0', ['winnt:4.0']],
    ['Windows NT,  4.0', ['winnt:4.0']],
    ['Windows NT(R)4.0', ['winnt:4.0']],
    ['Windows 2000 , SP2', ['win2000:5.0', 'win2000:5.0-sp2']],
    ['Windows 2000,SP2', ['win2000:5.0', 'win2000:5.0-sp2']],
    ['Windows 2000 US  Service Pack 1', ['win2000:5.0', 'win2000:5.0-sp1']],
    ['Windows 2000 Service  Pack 3', ['win2000:5.0', 'win2000:5.0-sp3']],
    ['Windows 2000 SP10', ['win2000:5.0', 'win2000:5.0-sp10']],
    ['Windows 3.11', ['win3x:3.11']],
    ['SMS 2.0 SP3A', ['sms:2.0', 'sms:2.0-sp3a']],
    ['NT4 SP6A', ['winnt:4.0', 'winnt:4.0-sp6a']],
    ['SMS 2.0 SPx', ['sms:2.0']],
    ['Windows 2000 SP123', ['win2000:5.0']],
    ['Windows 2000, SP2', ['win2000:5.0', 'win2000:5.0-sp2']],
    ['NT4: SP6', ['winnt:4.0', 'winnt:4.0-sp6']],
    ['Windows 2000 Service Pack 3', ['win2000:5.0', 'win2000:5.0-sp3']],
    ['Windows 2000 U.S. Service Pack 1', ['win2000:5.0', 'win2000:5.0-sp1']],
    ['Win2K SP1', ['win2000:5.0', 'win2000:5.0-sp1']],
    ['Build: 1381', ['winnt:4.0']],
    ['build   2195', ['win2000:5.0']],
    ['build    2195', []],
    ['Build 2195 Service Pack 1', ['win2000:5.0', 'win2000:5.0-sp1']],
    ['build 2600 SP2', ['winxp:5.1', 'winxp:5.1-sp2']],
    ['build 2600 SP2A', ['winxp:5.1', 'winxp:5.1-sp2a']],
  ];
  // The edition words between a name and its number ("for Windows NT", "for MS-DOS"); what else the text names aside.
  const editions: [string, string][] = [
    ['Excel for Windows 5.0', 'excel:5.0'],
    ['Excel for Windows NT 7.0', 'excel:7.0'],
    ['Excel for Windows  NT 7.0', 'excel:7.0'],
    ['Excel for  Windows 5.0', 'excel:5.0'],
    ['FoxPro for MS-DOS 2.6', 'foxpro:2.6'],
    ['FoxPro for  MS-DOS 2.6', 'foxpro:2.6'],
  ];
  for (const [text, version] of editions) it(`reads ${version} in ${JSON.stringify(text)}`, () => assert.ok(findHints(text).versions.includes(version)));

  it('reads no product from a lone letter s', () => {
    assert.deepEqual(findHints("Drive S is full and it's slow"), { products: [], components: [], versions: [] });
    assert.deepEqual(readQueryProducts("what's new in sms"), [{ start: 14, end: 17, product: 'sms' }]);
  });

  for (const [text, versions] of after) it(`reads the versions of ${JSON.stringify(text)}`, () => assert.deepEqual(findHints(text).versions, versions));
});

describe('signals/hints readQueryProducts: where a mention ends', () => {
  const cases: [string, [string, string, string?][]][] = [
    ['excel for windows nt 7.0', [['excel for windows nt 7.0', 'excel', 'excel:7.0']]],
    [
      'sms 2.0 sp1 and nt 4.0',
      [
        ['sms 2.0 sp1', 'sms', 'sms:2.0'],
        ['nt 4.0', 'winnt', 'winnt:4.0'],
      ],
    ],
    ['exchange server 5.5 sp2', [['exchange server 5.5 sp2', 'exchange', 'exchange:5.5']]],
    ['w2k sp2', [['w2k sp2', 'win2000', 'win2000:5.0']]],
    ['msexchangeis store', [['msexchangeis', 'exchange']]],
    ['outlook crashes', [['outlook', 'outlook']]],
    ['spooler stops', [['spooler', 'winnt']]],
    ['information store corrupt', [['information store', 'exchange']]],
  ];
  for (const [query, mentions] of cases) {
    it(`reads ${JSON.stringify(query)}`, () => {
      const got = readQueryProducts(query).map((m) => [query.slice(m.start, m.end), m.product, ...(m.version ? [m.version] : [])]);
      assert.deepEqual(got, mentions);
    });
  }
  it('gives a mention without a version no version field', () => {
    assert.deepEqual(readQueryProducts('outlook crashes'), [{ start: 0, end: 7, product: 'outlook' }]);
  });
  it('reads a second query from its start', () => {
    readQueryProducts('exchange server 5.5 sp2');
    assert.deepEqual(readQueryProducts('sms'), [{ start: 0, end: 3, product: 'sms' }]);
  });
});
