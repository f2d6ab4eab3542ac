import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticle } from '../../src/signals/read-signals.js';
import type { Article } from '../../src/types.js';

const article: Article = {
  id: 'Q900001',
  number: 900001,
  title: 'Setup fails with error 32',
  products: ['Microsoft SMS'],
  versions: [],
  versionText: '2.0',
  operatingSystems: [],
  keywords: ['kbbug'],
  appliesTo: ['Windows NT Server 4.0'],
  sections: [
    {
      kind: 'symptoms',
      heading: 'SYMPTOMS',
      text: 'When you start the wombat service, this message appears:\n\n   Wombat service could not open the queue file QUEUE.DAT.\n\nThe server then halts with STOP 0x0000000A.',
    },
    {
      kind: 'status',
      heading: 'STATUS',
      text: 'Microsoft has confirmed this to be a problem in Systems Management Server version 2.0. This problem was corrected in Systems Management Server version 2.0 Service Pack 2.',
    },
  ],
  references: [],
  queryWords: [],
  sources: [],
};

describe('signals/read-signals', () => {
  it('keeps every field of the article as it was', () => {
    const analyzed = analyzeArticle(article);
    const { fixStatus, codes, signatures, hints, ...rest } = analyzed;
    assert.deepEqual(rest, article);
    assert.ok(fixStatus && codes && signatures && hints);
  });

  it('reads the fix status from the sections', () => {
    const analyzed = analyzeArticle(article);
    assert.equal(analyzed.fixStatus.state, 'fixed');
    assert.equal(analyzed.fixStatus.fixedIn, 'Systems Management Server version 2.0 Service Pack 2');
  });

  it('reads error codes from the title and from the sections, in that order', () => {
    const analyzed = analyzeArticle(article);
    assert.deepEqual(
      analyzed.codes.map((c) => c.key),
      ['win32:32', 'stop:0x0000000a'],
    );
  });

  it("reads the quoted lines of the sections as the article's signatures", () => {
    const analyzed = analyzeArticle(article);
    assert.deepEqual(
      analyzed.signatures.map((s) => [s.section, s.line]),
      [['symptoms', 'Wombat service could not open the queue file QUEUE.DAT.']],
    );
  });

  it('reads hints from the title, the products, the applies-to lines and the version text, each on a line of its own', () => {
    const analyzed = analyzeArticle(article);
    // "Microsoft SMS" and "Windows NT Server 4.0" run together would read as "SMSWindows": no SMS.
    assert.deepEqual(analyzed.hints, { products: ['winnt', 'sms'], components: [], versions: ['winnt:4.0'] });
  });

  it('reads hints from the version text', () => {
    assert.deepEqual(analyzeArticle({ ...article, products: [], appliesTo: [], versionText: 'Exchange Server 5.5' }).hints.versions, ['exchange:5.5']);
  });
});
