import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeTwins } from '../../src/ingest/merge.js';
import type { Article } from '../../src/types.js';

const base = (over: Partial<Article>): Article => ({
  id: 'Q150001',
  number: 150001,
  title: 'T',
  products: [],
  versions: [],
  versionText: '',
  operatingSystems: [],
  keywords: [],
  appliesTo: [],
  sections: [],
  references: [],
  queryWords: [],
  sources: [],
  ...over,
});

const md = base({
  title: 'Queue Stops',
  products: ['Gateway'],
  versions: [{ platform: '', version: '2.1' }],
  versionText: '2.1',
  keywords: ['kbprint', 'kbOnlyMd'],
  lastModified: '1999-03-04',
  sections: [{ kind: 'symptoms', heading: 'SYMPTOMS', text: '  quoted' }],
  references: ['Q1'],
  queryWords: ['spool'],
  sources: [{ path: 'kb/150/Q150001/README.md', format: 'markdown', encoding: 'utf-8' }],
});
const txt = base({
  title: 'Queue Stops',
  products: ['gateway', 'Gateway Server'],
  versions: [
    { platform: '', version: '2.1' },
    { platform: 'winnt', version: '2.1' },
  ],
  versionText: ':2.1',
  keywords: ['KBPRINT', 'kbOnlyTxt'],
  lastModified: '2001-07-31',
  category: 'gateway',
  issueType: 'kbbug',
  sections: [{ kind: 'symptoms', heading: 'SYMPTOMS', text: '   quoted' }],
  references: ['Q2', 'Q1'],
  queryWords: ['Spool', 'queue'],
  sources: [{ path: 'txt/150/Q150001.TXT', format: 'text', encoding: 'windows-1252' }],
});

describe('ingest/merge', () => {
  it('makes one article with both sources', () => {
    const m = mergeTwins(md, txt);
    assert.equal(m.id, 'Q150001');
    assert.deepEqual(
      m.sources.map((s) => s.format),
      ['markdown', 'text'],
    );
  });

  it('unites lists without repeats, first spelling kept', () => {
    const m = mergeTwins(md, txt);
    assert.deepEqual(m.products, ['gateway', 'Gateway Server']);
    assert.deepEqual(m.keywords, ['KBPRINT', 'kbOnlyTxt', 'kbOnlyMd']);
    assert.deepEqual(m.versions, [
      { platform: '', version: '2.1' },
      { platform: 'winnt', version: '2.1' },
    ]);
    assert.deepEqual(m.references, ['Q2', 'Q1']);
    assert.deepEqual(m.queryWords, ['Spool', 'queue']);
  });

  it('fills single values from whichever read has them', () => {
    const m = mergeTwins(md, txt);
    assert.equal(m.category, 'gateway');
    assert.equal(m.issueType, 'kbbug');
  });

  it('prefers the richer value and the later date', () => {
    const m = mergeTwins(md, txt);
    assert.equal(m.versionText, ':2.1');
    assert.equal(m.lastModified, '2001-07-31');
    assert.equal(m.sections[0].text, '   quoted');
  });

  it('keeps the read with more sections', () => {
    const richer = base({
      sections: [
        { kind: 'a', heading: 'A', text: 'x' },
        { kind: 'b', heading: 'B', text: 'y' },
      ],
      sources: md.sources,
    });
    assert.equal(mergeTwins(richer, txt).sections.length, 2);
  });

  it('gives the same result whatever the argument order', () => {
    assert.deepEqual(mergeTwins(md, txt), mergeTwins(txt, md));
  });

  it('leaves optional fields out when neither read has them', () => {
    const m = mergeTwins(base({ sources: md.sources }), base({ sources: txt.sources }));
    assert.ok(!('category' in m) && !('issueType' in m) && !('lastModified' in m));
  });
});
