/** search-index/document: what the index keeps of an article, field by field. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { termsOf } from '../../src/search-index/analyze.js';
import { buildIndex } from '../../src/search-index/build-index.js';
import {
  adoptPrepared,
  docMetaOf,
  indexedDocumentOf,
  indexedDocumentOfPrepared,
  preparedTerms,
  prepareArticle,
  startPreparing,
} from '../../src/search-index/document.js';
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

  it('carries the index terms from the loading thread as numbers and gives back the same index', () => {
    const articles = [
      fakeArticle(140006, 'Wombat queue stalls', { symptoms: 'The queue stalls with error 0x80070020.', resolution: 'Restart it.' }),
      fakeArticle(140008, 'Numbat sender C:\\WINNT\\numbat.dll stops', { cause: 'The sender stops; restart the queue.' }),
    ];
    const prepared = articles.map(prepareArticle);
    assert.deepEqual(JSON.parse(prepared[0].storeJson), JSON.parse(JSON.stringify(analyzeArticle(articles[0]))));
    assert.deepEqual(prepared[1].meta, docMetaOf(analyzeArticle(articles[1])));
    const expected = buildIndex(
      articles.map((a) => indexedDocumentOf(analyzeArticle(a))),
      2,
      { sourceHash: 't' },
    );
    const built = buildIndex(prepared.map(indexedDocumentOfPrepared), 2, { sourceHash: 't' });
    assert.deepEqual({ ...built, builtAt: '' }, { ...expected, builtAt: '' });
  });

  it("lets a build's numbering go when the last build running ends, and numbers the same words anew after it", () => {
    const article = fakeArticle(140010, 'Wombat spooler halts', { symptoms: 'The spooler halts.' });
    const words = (a: ReturnType<typeof prepareArticle>) => [...a.terms].map((n, i) => (i === 0 ? n : preparedTerms()[n]));
    const endFirst = startPreparing();
    const before = words(prepareArticle(article));
    const during = preparedTerms();
    const endSecond = startPreparing();
    assert.equal(preparedTerms(), during, 'a build started meanwhile shares the numbering');
    endFirst();
    assert.equal(preparedTerms(), during, 'kept while a build still runs');
    endSecond();
    assert.notEqual(preparedTerms(), during);
    assert.equal(preparedTerms().length, 0);
    const end = startPreparing();
    assert.deepEqual(words(prepareArticle(article)), before, 'words the memo knows are numbered again in the new numbering');
    end();
  });

  it("renumbers what another thread prepared into this thread's numbers", () => {
    // Another thread's numbering, as it would send it: the terms each article numbered first, in order.
    const words = ['spooler', 'queue', 'stalls'];
    const sent = {
      id: 'Q140009',
      number: 140009,
      sources: [],
      meta: docMetaOf(analyzeArticle(fakeArticle(140009, 'T', {}))),
      signatures: [],
      storeJson: '{}',
      // title: two terms; symptoms: three; the other four fields empty.
      terms: Uint32Array.from([2, 0, 1, 3, 1, 2, 0, 0, 0, 0, 0]),
      newTerms: words,
    };
    adoptPrepared([sent], {});
    const terms = preparedTerms();
    assert.deepEqual(
      [...sent.terms.subarray(1, 3)].map((n) => terms[n]),
      ['spooler', 'queue'],
    );
    assert.deepEqual(
      [...sent.terms.subarray(4, 7)].map((n) => terms[n]),
      ['queue', 'stalls', 'spooler'],
    );
    assert.equal(sent.newTerms, undefined, 'the new terms are dropped once adopted');
  });
});
