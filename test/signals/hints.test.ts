import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findHints, normalizeVersion, readQueryProducts } from '../../src/signals/hints.js';
import { COMPONENTS, PRODUCTS, isProductKey, productLabel } from '../../src/signals/products.js';

describe('signals/hints', () => {
  const positives: { name: string; text: string; products?: string[]; components?: string[]; versions?: string[] }[] = [
    { name: 'reads "Systems Management Server" as sms', text: 'Systems Management Server site server', products: ['sms'] },
    { name: 'reads "SMS 1.2" as sms:1.2', text: 'the SMS 1.2 site', products: ['sms'], versions: ['sms:1.2'] },
    { name: 'reads "SMS 2.0 SP1" as version and service pack', text: 'running SMS 2.0 SP1 here', versions: ['sms:2.0', 'sms:2.0-sp1'] },
    {
      name: 'reads "Windows NT 4.0 Service Pack 4" as winnt:4.0 and winnt:4.0-sp4',
      text: 'on Windows NT 4.0 Service Pack 4',
      products: ['winnt'],
      versions: ['winnt:4.0', 'winnt:4.0-sp4'],
    },
    { name: 'reads "NT 4.0" with a version as winnt', text: 'an NT 4.0 server', products: ['winnt'], versions: ['winnt:4.0'] },
    { name: 'reads "WinNT" as winnt', text: 'C:\\WINNT is not WinNT but WinNT is', products: ['winnt'] },
    { name: 'reads build 1381 as Windows NT 4.0', text: 'Windows NT (Build 1381: Service Pack 6)', versions: ['winnt:4.0', 'winnt:4.0-sp6'] },
    { name: 'reads build 1057 as Windows NT 3.51', text: 'build 1057', versions: ['winnt:3.51'] },
    { name: 'reads build 807 as Windows NT 3.5', text: 'Build 807', versions: ['winnt:3.5'] },
    { name: 'reads build 528 as Windows NT 3.1', text: 'build 528', versions: ['winnt:3.1'] },
    { name: 'reads build 2195 as Windows 2000', text: 'Build 2195', products: ['win2000'], versions: ['win2000:5.0'] },
    { name: 'reads "(TM) Version 4.0" after Windows NT', text: 'Microsoft (R) Windows NT (TM) Version 4.0', versions: ['winnt:4.0'] },
    { name: 'reads MSExchangeIS as an Exchange component', text: 'Source: MSExchangeIS Private', products: ['exchange'], components: ['msexchangeis'] },
    { name: 'reads MSExchangeMTA as an Exchange component', text: 'MSExchangeMTA event 9297', products: ['exchange'], components: ['msexchangemta'] },
    { name: 'reads XADM as Exchange', text: 'ID no: c1041722 XADM error', products: ['exchange'] },
    { name: 'reads "Exchange Server 5.5" with its version', text: 'Exchange Server 5.5', versions: ['exchange:5.5'] },
    { name: 'reads W3SVC as an IIS component', text: 'W3SVC event 100', products: ['iis'], components: ['w3svc'] },
    { name: 'reads "Internet Information Server" as iis', text: 'Internet Information Server 4.0', products: ['iis'], versions: ['iis:4.0'] },
    {
      name: 'reads SNABASE and SnaServr as SNA Server components',
      text: 'SNABASE and SnaServr stopped',
      products: ['sna'],
      components: ['snabase', 'snaservr'],
    },
    { name: 'reads Distmgr.log as distmgr', text: 'see Distmgr.log for details', products: ['sms'], components: ['distmgr'] },
    {
      name: 'keeps an unknown SMS thread name as a component',
      text: 'SMS_CLIENT_CONFIG_MANAGER started',
      products: ['sms'],
      components: ['sms_client_config_manager'],
    },
    {
      name: 'reads despooler, lansend, smsexec and inboxmgr',
      text: 'Despooler LANSEND SMSEXEC INBOXMGR',
      components: ['despooler', 'lansend', 'smsexec', 'inboxmgr'],
    },
    { name: 'reads sender.log as the SMS sender', text: 'sender.log', products: ['sms'], components: ['sender'] },
    {
      name: 'reads drwtsn32 and the Spooler service as Windows NT components',
      text: 'drwtsn32 caught it; the Spooler service stopped',
      products: ['winnt'],
      components: ['drwtsn32', 'spooler'],
    },
    { name: 'reads "Microsoft Word" as word97', text: 'Microsoft Word', products: ['word97'] },
    { name: 'reads "Word 97" as word97 with its version', text: 'Word 97 stopped responding', products: ['word97'], versions: ['word97:97'] },
    { name: 'reads WinWord as word97', text: 'WINWORD.EXE', products: ['word97'] },
    {
      name: 'reads SQL Server, Outlook, Excel, FoxPro and Visual C++',
      text: 'SQL Server, Outlook, Excel, FoxPro, Visual C++ 6.0',
      products: ['sqlserver', 'outlook', 'excel', 'foxpro', 'visualc'],
      versions: ['visualc:6.0'],
    },
    {
      name: 'reads Visual Basic, FrontPage and Proxy Server',
      text: 'Visual Basic 5.0, FrontPage 98 and Proxy Server 2.0',
      products: ['vbwin', 'frontpg', 'proxy'],
    },
    { name: 'reads Windows 95 and Windows 98 as win95x', text: 'Windows 95 or Windows 98', products: ['win95x'], versions: ['win95x:95', 'win95x:98'] },
    { name: 'reads MS-DOS and LAN Manager', text: 'MS-DOS 6.22 and LAN Manager 2.2', products: ['msdos', 'lanman'], versions: ['msdos:6.22', 'lanman:2.2'] },
    { name: 'reads "Windows 2000 SP2" as win2000:5.0-sp2', text: 'Windows 2000 SP2', versions: ['win2000:5.0', 'win2000:5.0-sp2'] },
    { name: 'reads "NT4 SP6a" as winnt:4.0-sp6a', text: 'NT4 SP6a', versions: ['winnt:4.0', 'winnt:4.0-sp6a'] },
  ];
  for (const c of positives) {
    it(c.name, () => {
      const got = findHints(c.text);
      for (const p of c.products ?? []) assert.ok(got.products.includes(p), `product ${p} in ${JSON.stringify(got)}`);
      for (const k of c.components ?? []) assert.ok(got.components.includes(k), `component ${k} in ${JSON.stringify(got)}`);
      for (const v of c.versions ?? []) assert.ok(got.versions.includes(v), `version ${v} in ${JSON.stringify(got)}`);
    });
  }

  it('reads SMS_DISTRIBUTION_MANAGER as distmgr once (not also as the unknown thread sms_distribution_manager)', () => {
    assert.deepEqual(findHints('SMS_DISTRIBUTION_MANAGER 3/4/99 and Distmgr.log').components, ['distmgr']);
  });

  const negatives: { name: string; text: string }[] = [
    { name: 'a bare IS or DS is not Exchange', text: 'The IS and the DS were restarted' },
    { name: 'the word "word" is not Microsoft Word', text: 'Type a word, then press ENTER. Word wrap is on.' },
    { name: '"Access is denied" is not Microsoft Access', text: 'Access is denied.' },
    { name: '"Dynamic Data Exchange" is not Exchange', text: 'a Dynamic Data Exchange conversation' },
    { name: 'lower-case "exchange" and "outlook" are ordinary words', text: 'exchange the cards; the outlook is good' },
    { name: 'a bare "sender" is not the SMS sender', text: 'the sender of the message' },
    { name: 'an unlisted build number says nothing', text: 'build 1234' },
    { name: 'SMS inside a longer word is not SMS', text: 'PRODSMS and SMSX' },
  ];
  for (const c of negatives) {
    it(`finds nothing in: ${c.name}`, () => {
      assert.deepEqual(findHints(c.text), { products: [], components: [], versions: [] });
    });
  }

  it('lists each hint once, in order of first mention', () => {
    assert.deepEqual(findHints('SMS then Exchange then SMS again').products, ['sms', 'exchange']);
  });

  it('reads a number after a product name that is an IPv4 address as no version, unless the text says "version"', () => {
    assert.deepEqual(findHints('SMS server 10.0.0.1 could not be reached').versions, []);
    assert.deepEqual(findHints('SMS 192.168.1.20 host').versions, []);
    assert.deepEqual(findHints('SQL Server 10.0.0.5 timed out').versions, []);
    assert.deepEqual(findHints('SMS version 2.0.0.1').versions, ['sms:2.0']);
    // Not an address: a part over 255 (a build number), or three parts.
    assert.deepEqual(findHints('Windows NT Server 4.0.1381.4').versions, ['winnt:4.0']);
    assert.deepEqual(findHints('SMS 2.0.256.1').versions, ['sms:2.0']);
    assert.deepEqual(findHints('SMS 1.2.0').versions, ['sms:1.2']);
    assert.deepEqual(
      readQueryProducts('sms 10.0.0.1 cannot connect').map((m) => m.version),
      [undefined],
    );
  });

  it('gives a number to the first name of "X for Y 7.0", not also to the product named inside', () => {
    assert.deepEqual(findHints('Excel for Windows NT 7.0 stops responding'), { products: ['winnt', 'excel'], components: [], versions: ['excel:7.0'] });
    // A product named after the phrase keeps its own version; order of first mention is kept.
    assert.deepEqual(findHints('Excel for Windows NT 7.0 on Windows NT 3.51 SP5').versions, ['winnt:3.51', 'winnt:3.51-sp5', 'excel:7.0']);
    assert.deepEqual(findHints('Windows NT 4.0 and Excel for Windows NT 7.0').versions, ['winnt:4.0', 'excel:7.0']);
    // Without a version on the outer name nothing is taken from the inner one.
    assert.deepEqual(findHints('Excel for Windows NT stops; Windows NT 4.0 SP3').versions, ['winnt:4.0', 'winnt:4.0-sp3']);
  });

  it('normalises version spellings', () => {
    assert.equal(normalizeVersion('4.00'), '4.0');
    assert.equal(normalizeVersion('3.10'), '3.1');
    assert.equal(normalizeVersion('4'), '4.0');
    assert.equal(normalizeVersion('5.00.2195'), '5.0');
    assert.equal(normalizeVersion('7.0a'), '7.0a');
    assert.equal(normalizeVersion('2000', { '2000': '5.0' }), '5.0');
    assert.equal(normalizeVersion('1200'), undefined);
  });

  // How fast is npm run bench:linear's question (findHints in test/support/worst-case-inputs.ts); here the answers must be right.
  it('reads 2 MB adversarial lines and answers what they hold', () => {
    const cases: [string, ReturnType<typeof findHints>][] = [
      ['SMS '.repeat(500_000), { products: ['sms'], components: [], versions: [] }],
      ['Windows NT 4.0 Service Pack '.repeat(75_000), { products: ['winnt'], components: [], versions: ['winnt:4.0'] }],
      ['SMS' + ' '.repeat(2_000_000) + 'x', { products: ['sms'], components: [], versions: [] }],
      ['SMS_' + 'A'.repeat(2_000_000), { products: [], components: [], versions: [] }],
      ['build '.repeat(350_000), { products: [], components: [], versions: [] }],
      ['a'.repeat(2_000_000), { products: [], components: [], versions: [] }],
    ];
    for (const [line, want] of cases) assert.deepEqual(findHints(line), want, line.slice(0, 20));
  });
});

describe('signals/hints readQueryProducts', () => {
  const cases: { name: string; query: string; mentions: [string, string, string?][] }[] = [
    { name: 'reads "wfw" as Windows for Workgroups', query: 'wfw printer setup', mentions: [['wfw', 'win3x']] },
    { name: 'reads "nt 4" with its version', query: 'nt 4 service hangs', mentions: [['nt 4', 'winnt', 'winnt:4.0']] },
    {
      name: 'reads "nt4" and "nt351" as Windows NT releases',
      query: 'nt4 or nt351',
      mentions: [
        ['nt4', 'winnt', 'winnt:4.0'],
        ['nt351', 'winnt', 'winnt:3.51'],
      ],
    },
    {
      name: 'reads "exch 5.5" and "owa" as Exchange',
      query: 'exch 5.5 owa logon',
      mentions: [
        ['exch 5.5', 'exchange', 'exchange:5.5'],
        ['owa', 'exchange'],
      ],
    },
    { name: 'reads lower-case "exchange" in a query as the product', query: 'exchange mta slow', mentions: [['exchange', 'exchange']] },
    {
      name: 'reads "vc++ 6" and "vb6"',
      query: 'vc++ 6 vs vb6',
      mentions: [
        ['vc++ 6', 'visualc', 'visualc:6.0'],
        ['vb6', 'vbwin', 'vbwin:6.0'],
      ],
    },
    { name: 'reads "sms2" as SMS 2.0', query: 'sms2 inventory', mentions: [['sms2', 'sms', 'sms:2.0']] },
    { name: 'reads "w2k" as Windows 2000', query: 'w2k dns', mentions: [['w2k', 'win2000', 'win2000:5.0']] },
    {
      name: 'reads "xl97" and "wd97"',
      query: 'xl97 wd97',
      mentions: [
        ['xl97', 'excel', 'excel:97'],
        ['wd97', 'word97', 'word97:97'],
      ],
    },
    { name: 'reads "win 3.1"', query: 'win 3.1 swap file', mentions: [['win 3.1', 'win3x', 'win3x:3.1']] },
    { name: 'finds no product in "can\'t" or "word"', query: "can't type a word", mentions: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = readQueryProducts(c.query).map((m) => [c.query.slice(m.start, m.end), m.product, ...(m.version ? [m.version] : [])]);
      assert.deepEqual(got, c.mentions);
    });
  }

  it('leaves findHints as it was: a lower-case typed form in an article is no product', () => {
    assert.deepEqual(findHints('the wfw and exch folders').products, []);
  });
});

describe('signals/products', () => {
  it('labels sms as Systems Management Server', () => {
    assert.equal(productLabel('sms'), 'Systems Management Server');
  });

  it('returns an unknown key as given', () => {
    assert.equal(productLabel('nosuch'), 'nosuch');
  });

  it('has unique product keys and components whose products exist', () => {
    const keys = PRODUCTS.map((p) => p.key);
    assert.equal(new Set(keys).size, keys.length);
    for (const c of COMPONENTS) assert.ok(isProductKey(c.product), c.name);
  });
});
