/** search-index/document: what the index keeps of an article, field by field. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { termsOf } from '../../src/search-index/analyze.js';
import { docMetaOf, indexedDocumentOf, indexedDocumentOfPrepared, prepareArticle } from '../../src/search-index/document.js';
import { analyzeArticle } from '../../src/signals/read-signals.js';
import { fakeArticle } from '../support/articles.js';

describe('search-index/document', () => {
  for (const kind of ['symptoms', 'cause', 'summary', 'question', 'problem', 'body']) {
    it(`indexes a ${kind} section as symptoms`, () => {
      const doc = indexedDocumentOf(fakeArticle(140001, 'T', { [kind]: 'wombat stalls' }));
      assert.deepEqual([doc.fields.symptoms, doc.fields.body], [termsOf('wombat stalls'), []]);
    });
  }
  for (const kind of ['resolution', 'status', 'more']) {
    it(`indexes a ${kind} section as body`, () => {
      const doc = indexedDocumentOf(fakeArticle(140001, 'T', { [kind]: 'wombat stalls' }));
      assert.deepEqual([doc.fields.symptoms, doc.fields.body], [[], termsOf('wombat stalls')]);
    });
  }

  it('keeps the words of two sections, or two quoted lines, apart', () => {
    const doc = indexedDocumentOf(
      fakeArticle(
        140002,
        'T',
        { symptoms: 'queue stalls', cause: 'sender stops' },
        {
          signatures: [
            { line: 'cannot open', template: 'cannot open' },
            { line: 'queue full', template: 'queue full' },
          ] as never,
        },
      ),
    );
    assert.deepEqual(doc.fields.symptoms, termsOf('queue stalls sender stops'));
    assert.deepEqual(doc.fields.messages, termsOf('cannot open queue full'));
    const body = indexedDocumentOf(fakeArticle(140007, 'T', { resolution: 'restart spooler', status: 'fixed now' }));
    assert.deepEqual(body.fields.body, termsOf('restart spooler fixed now'));
  });

  it('indexes keywords, products, the category, query words, applies-to lines and the id as meta, each apart', () => {
    const doc = indexedDocumentOf(
      fakeArticle(140003, 'T', {}, { keywords: ['kbbug'], products: ['Wombat Server'], category: 'sna', queryWords: ['stall'], appliesTo: ['Numbat 2.0'] }),
    );
    assert.deepEqual(doc.fields.meta, termsOf('kbbug Wombat Server sna stall Numbat 2.0 Q140003'));
    const noCategory = indexedDocumentOf(
      fakeArticle(140004, 'T', {}, { keywords: ['kbbug'], products: [], category: undefined, queryWords: [], appliesTo: [] }),
    );
    assert.deepEqual(noCategory.fields.meta, termsOf('kbbug Q140004'));
  });

  it('lists versions as platform:version, the platform alone without a number, and none without a platform', () => {
    const meta = docMetaOf(
      fakeArticle(
        140005,
        'T',
        {},
        {
          versions: [
            { platform: 'winnt', version: '4.0' },
            { platform: 'sms', version: '' },
            { platform: '', version: '' },
          ],
        },
      ),
    );
    assert.deepEqual(meta.versions, ['winnt:4.0', 'sms']);
  });

  it('carries the index terms from the loading thread as strings and gives back the same document', () => {
    const article = fakeArticle(140006, 'Wombat queue stalls', { symptoms: 'The queue stalls with error 0x80070020.', resolution: 'Restart it.' });
    const prepared = prepareArticle(article);
    assert.equal(prepared.indexTerms?.symptoms, termsOf('The queue stalls with error 0x80070020.').join(' '));
    assert.deepEqual(JSON.parse(prepared.storeJson!), JSON.parse(JSON.stringify(analyzeArticle(article))));
    const expected = indexedDocumentOf(analyzeArticle(article));
    assert.deepEqual(indexedDocumentOfPrepared(prepared), expected);
    assert.equal(prepared.indexTerms, undefined, 'the carried terms are dropped once read');
    assert.deepEqual(indexedDocumentOfPrepared(prepared), expected, 'an article without carried terms is indexed from its text');
  });
});
