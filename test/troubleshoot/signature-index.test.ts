/** troubleshoot/signature-index: cases the random property (signature-index.property.test.ts) rarely or never draws. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignatureIndex, type SignatureRecord } from '../../src/troubleshoot/signature-index.js';

const word = (i: number) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
const record = (id: string, template: string): SignatureRecord => ({ id, template, line: template, section: 'symptoms' });

describe('troubleshoot/signature-index', () => {
  it('adds a common token read last to the few signatures already found, not by walking its long posting list', () => {
    // "spooler" (3 signatures) is worth 0.43, under the 0.5 a four-token signature needs; "failed" (33) adds 0.2.
    // Once "spooler" is read, what is left can make no new candidate, and failed's 33 postings are many more than
    // the 3 found: match() looks "failed" up in each of those 3 instead, and they reach 0.63.
    const records = [
      ...[0, 1, 2].map((i) => record(`Q${300000 + i}`, `spooler failed ${word(2 * i)} ${word(2 * i + 1)}`)),
      ...Array.from({ length: 30 }, (_, i) => record(`Q${301000 + i}`, `failed ${word(100 + 3 * i)} ${word(101 + 3 * i)} ${word(102 + 3 * i)}`)),
    ];
    const found = new SignatureIndex(records).match('spooler failed', 0).map((m) => m.record.id);
    assert.deepEqual(found.sort(), ['Q300000', 'Q300001', 'Q300002']);
  });

  it('counts the distinct articles quoting a line of the matched template', () => {
    const index = new SignatureIndex([
      record('Q300010', 'despooler failed to open <path>'),
      record('Q300010', 'despooler failed to open <path>'),
      record('Q300011', 'despooler failed to open <path>'),
      record('Q300012', 'cannot connect to server share'),
    ]);
    const [first] = index.match('despooler failed to open <path>');
    assert.equal(first.articles, 2);
    assert.equal(index.match('cannot connect to server share')[0].articles, 1);
  });

  it('answers the same template alike twice (the count is kept per template)', () => {
    const index = new SignatureIndex([record('Q300020', 'access denied'), record('Q300021', 'access denied')]);
    assert.deepEqual(
      index.match('access denied').map((m) => m.articles),
      [2, 2],
    );
    assert.deepEqual(
      index.match('access denied').map((m) => m.articles),
      [2, 2],
    );
  });

  it('gives the exact template similarity 1 and lists the best first', () => {
    const index = new SignatureIndex([
      record('Q300030', 'despooler failed to open package file now'),
      record('Q300031', 'despooler failed to open package file'),
    ]);
    const got = index.match('despooler failed to open package file');
    assert.deepEqual(
      got.map((m) => [m.record.id, m.similarity === 1]),
      [
        ['Q300031', true],
        ['Q300030', false],
      ],
    );
  });

  it('lists the most alike first, not the one sharing the most tokens', () => {
    const index = new SignatureIndex([record('Q300035', 'spooler queue stalls printing waa wba wca wda wea'), record('Q300036', 'spooler queue stalls')]);
    const got = index.match('spooler queue stalls printing', 0);
    assert.deepEqual(
      got.map((m) => m.record.id),
      ['Q300036', 'Q300035'],
    );
    assert.ok(got[0].similarity > got[1].similarity);
  });

  it('yields to the event loop between slices while it builds', async () => {
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    const records = [0, 1, 2].map((i) => record(`Q${300040 + i}`, `despooler ${word(i)}`));
    const index = await SignatureIndex.create(records, 2);
    assert.equal(ranMeanwhile, true, 'a callback queued before create() ran before it finished');
    assert.equal(index.match('despooler waa')[0].record.id, 'Q300040');
  });

  it('refuses to match or save while still being built, and to save an index read from a file', () => {
    const built = new SignatureIndex([record('Q300050', 'access denied')], { deferred: true });
    assert.throws(() => built.match('access denied'), /match\(\) on an index still being built/);
    assert.throws(() => built.toSave(), /toSave\(\) on an index still being built/);
    const whole = new SignatureIndex([record('Q300050', 'access denied')]);
    const { arrays } = whole.toSave();
    const tables = { recordCount: 1, record: () => record('Q300050', 'access denied'), tokenId: () => undefined, recordsOfTemplate: () => undefined };
    assert.throws(() => SignatureIndex.fromSaved(tables, arrays).toSave(), /toSave\(\) on an index read from a file/);
  });
});
