import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  hasVersion,
  issueTypeLabel,
  readFixState,
  readIssueType,
  readProduct,
  readVersion,
  versionKeysOf,
  versionOwnersOf,
  versionLabel,
  versionsLine,
} from '../../src/render/labels.js';

describe('render/labels', () => {
  it('names issue types as people say them', () => {
    assert.equal(issueTypeLabel('kbbug'), 'Bug');
    assert.equal(issueTypeLabel('kbprb'), 'Problem');
    assert.equal(issueTypeLabel('kbhowto'), 'How-to');
    assert.equal(issueTypeLabel('kbsomething'), 'kbsomething');
  });

  for (const [typed, type] of [
    ['Problem', 'kbprb'],
    ['prb', 'kbprb'],
    ['kbPRB', 'kbprb'],
    ['how-to', 'kbhowto'],
    ['howto', 'kbhowto'],
    ['Documentation error', 'kbdocerr'],
    ['bogus', undefined],
  ] as const) {
    it(`reads type "${typed}" as ${type}`, () => assert.equal(readIssueType(typed), type));
  }

  for (const [typed, state] of [
    ['Confirmed, no fix', 'confirmed'],
    ['by design', 'by-design'],
    ['By-Design', 'by-design'],
    ['open', 'confirmed'],
    ['No status', 'none'],
    ['Fixed', 'fixed'],
    ['nonsense', undefined],
  ] as const) {
    it(`reads status "${typed}" as ${state}`, () => assert.equal(readFixState(typed), state));
  }

  for (const [typed, key] of [
    ['sms', 'sms'],
    ['SMS', 'sms'],
    ['Systems Management Server', 'sms'],
    ['Microsoft Exchange', 'exchange'],
    ['exchange server', 'exchange'],
    ['Home games', 'homegame'],
    ['zzz', undefined],
  ] as const) {
    it(`reads product "${typed}" as ${key}`, () => assert.equal(readProduct(typed), key));
  }

  it("keys versions by the article's product, folding service packs into their release", () => {
    assert.deepEqual(versionKeysOf('sms', ['winnt:2.0', 'winnt:2.0 SP1']), ['sms 2.0']);
    assert.deepEqual(versionKeysOf('exchange', ['windows:5.5']), ['exchange 5.5']);
    assert.deepEqual(versionKeysOf(undefined, ['winnt:4.0', 'windows:', ':3.1']), ['winnt 4.0']);
  });

  it('names a version by the product its "applies to" line gives it, else by the article\'s product', () => {
    const appliesTo = ['Microsoft Exchange Server, version 5.5', 'Microsoft Outlook 97', 'Microsoft Outlook 98'];
    assert.deepEqual(versionOwnersOf('exchange', ['windows:97', 'winnt:5.5', 'windows:98', 'winnt:5.5 SP3'], appliesTo), [
      'outlook',
      'exchange',
      'outlook',
      'exchange',
    ]);
    assert.deepEqual(versionKeysOf('exchange', ['windows:97', 'winnt:5.5'], versionOwnersOf('exchange', ['windows:97', 'winnt:5.5'], appliesTo)), [
      'outlook 97',
      'exchange 5.5',
    ]);
    assert.equal(
      versionsLine(
        'exchange',
        ['windows:97', 'winnt:5.5', 'winnt:5.5 SP3'],
        versionOwnersOf('exchange', ['windows:97', 'winnt:5.5', 'winnt:5.5 SP3'], appliesTo),
      ),
      'Outlook 97 · Exchange Server 5.5, 5.5 SP3',
    );
    assert.deepEqual(versionOwnersOf('word97', ['winnt:4.0'], ['Microsoft Word 97 for Windows', 'the operating system: Microsoft Windows NT 4.0']), ['winnt']);
    assert.deepEqual(versionOwnersOf('sms', ['winnt:2.0'], []), ['sms']);
  });

  it('does not say a number the product name already holds', () => {
    assert.equal(versionLabel('win2000 2000'), 'Windows 2000');
    assert.equal(versionLabel('win2000 2000 SP1'), 'Windows 2000 SP1');
    assert.equal(versionLabel('win95x 95'), 'Windows 95');
    assert.equal(versionLabel('win3x 3.11'), 'Windows 3.11');
    assert.equal(versionsLine('win2000', ['winnt:2000', 'winnt:2000 SP2']), 'Windows 2000, 2000 SP2');
  });

  it('labels a version key with the product name', () => {
    assert.equal(versionLabel('sms 2.0'), 'Systems Management Server 2.0');
    assert.equal(versionLabel('exchange 5.5'), 'Exchange Server 5.5');
    assert.equal(versionsLine('sna', ['windows:4.0', 'windows:4.0 SP1']), 'SNA Server 4.0, 4.0 SP1');
    assert.equal(versionsLine('sms', []), '');
  });

  it('reads versions written as labels, keys, usual spellings, archive tags or bare numbers', () => {
    assert.deepEqual(readVersion('Systems Management Server 2.0'), { product: 'sms', version: '2.0' });
    assert.deepEqual(readVersion('sms 2.0'), { product: 'sms', version: '2.0' });
    assert.deepEqual(readVersion('Exchange Server 5.5'), { product: 'exchange', version: '5.5' });
    assert.deepEqual(readVersion('SNA Server 4.0 SP1'), { product: 'sna', version: '4.0 SP1' });
    assert.deepEqual(readVersion('winnt:4.0'), { product: 'winnt', version: '4.0', tag: 'winnt:4.0' });
    assert.deepEqual(readVersion('4.0'), { version: '4.0' });
  });

  it('matches a version filter the way its facet counted it', () => {
    const sms = ['winnt:2.0', 'winnt:2.0 SP1'];
    assert.equal(hasVersion(readVersion('sms 2.0')!, 'sms', sms), true);
    assert.equal(hasVersion(readVersion('Systems Management Server 2.0')!, 'sms', ['winnt:2.0 SP1']), true, 'a release takes in its service packs');
    assert.equal(hasVersion(readVersion('sms 2.0')!, 'iis', ['winnt:2.0']), false, 'another product with the same tag');
    assert.equal(hasVersion(readVersion('winnt:2.0')!, 'iis', ['winnt:2.0']), true, 'an archive tag matches as written');
    assert.equal(hasVersion(readVersion('windows:5.5')!, 'exchange', ['winnt:5.5']), false, 'a platform tag matches only itself');
    assert.equal(hasVersion(readVersion('2.0')!, 'iis', ['winnt:2.0']), true);
    assert.equal(hasVersion(readVersion('Outlook 97')!, 'exchange', ['windows:97', 'winnt:5.5'], ['outlook', 'exchange']), true, 'the owner the facet counted');
    assert.equal(hasVersion(readVersion('Exchange Server 97')!, 'exchange', ['windows:97', 'winnt:5.5'], ['outlook', 'exchange']), false);
  });
});
