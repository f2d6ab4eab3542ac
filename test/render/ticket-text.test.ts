import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzedArticle } from '../../src/types.js';
import { fixStatusForVersion, ticketTextOf } from '../../src/render/ticket-text.js';

/** A small invented article, only the fields the ticket reads. */
function article(overrides: Partial<AnalyzedArticle> = {}): AnalyzedArticle {
  return {
    id: 'Q123456',
    title: 'Widget [service] stops *at once*',
    category: 'sms',
    versions: [{ platform: 'winnt', version: '1.2' }],
    fixStatus: { state: 'fixed', fixedIn: 'Widget 1.2 Service Pack 3', affected: [], fixedVersions: [] },
    sections: [
      { kind: 'symptoms', heading: 'SYMPTOMS', text: 'The widget stops.' },
      { kind: 'cause', heading: 'CAUSE', text: 'The spooler holds a lock\non the file for too long.\n\nSee Q161043 for more.' },
      { kind: 'workaround', heading: 'WORKAROUND', text: 'Restart the service:\n\n    net stop widget\n    net start widget' },
    ],
    ...overrides,
  } as AnalyzedArticle;
}

describe('render/ticket-text: plain text', () => {
  it('starts with number and title, the permalink and the fix status', () => {
    const lines = ticketTextOf(article(), 'http://kb.local/kb/Q123456').split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      'Q123456: Widget [service] stops *at once*',
      'http://kb.local/kb/Q123456',
      'Fix status: Fixed (Widget 1.2 Service Pack 3)',
    ]);
  });

  it('reflows wrapped prose and keeps indented commands as written', () => {
    const text = ticketTextOf(article(), 'http://kb.local/kb/Q123456');
    assert.match(text, /CAUSE:\nThe spooler holds a lock on the file for too long\.\n\nSee Q161043 for more\.\n/);
    assert.match(text, /WORKAROUND:\nRestart the service:\n\n {4}net stop widget\n {4}net start widget\n/);
    assert.doesNotMatch(text, /SYMPTOMS/);
  });

  it('writes a wrapped bulleted workaround as one line per item, as the article page lists it', () => {
    const workaround =
      'Do one of these:\n- Give the account write access to the\n  folder, not only the file.\n- Copy the file to a local\n  disk.\n\nThen retry.';
    const text = ticketTextOf(article({ sections: [{ kind: 'workaround', heading: 'WORKAROUND', text: workaround }] }), 'http://kb.local/kb/Q123456');
    assert.match(
      text,
      /WORKAROUND:\nDo one of these:\n\n- Give the account write access to the folder, not only the file\.\n- Copy the file to a local disk\.\n\nThen retry\.\n/,
    );
  });

  it('cuts a long section at a paragraph and points to the rest', () => {
    const long = article({ sections: [{ kind: 'cause', heading: 'CAUSE', text: 'First paragraph here.\n\n' + 'word '.repeat(400) }] });
    const text = ticketTextOf(long, 'http://kb.local/kb/Q123456', { maxSectionChars: 200 });
    assert.match(text, /CAUSE:\nFirst paragraph here\.\n… the rest: http:\/\/kb\.local\/kb\/Q123456#cause\n$/);
  });
});

describe('render/ticket-text: markdown', () => {
  it('links the title, escapes its markup and makes article links absolute', () => {
    const md = ticketTextOf(article(), 'http://kb.local/kb/Q123456', { format: 'markdown' });
    assert.match(md, /^\*\*\[Q123456: Widget \\\[service\\\] stops \\\*at once\\\*\]\(http:\/\/kb\.local\/kb\/Q123456\)\*\*\n/);
    assert.match(md, /\[Q161043\]\(http:\/\/kb\.local\/kb\/Q161043\)/);
    assert.match(md, /~~~text\nnet stop widget\nnet start widget\n~~~/);
  });
});

describe('render/ticket-text: fix status for a version', () => {
  const cases: { name: string; a: Partial<AnalyzedArticle>; version: string; applies: boolean; text: RegExp }[] = [
    {
      name: 'a fixed problem on a listed version',
      a: {},
      version: '1.2',
      applies: true,
      text: /^Systems Management Server 1\.2 is affected\. Fixed in Widget 1\.2 Service Pack 3: apply it\./,
    },
    { name: 'a service-pack spelling of a listed version', a: {}, version: '1.2 SP2', applies: true, text: /is affected/ },
    { name: 'a version the article is not about', a: {}, version: '2.0', applies: false, text: /about version 1\.2, not Systems Management Server 2\.0/ },
    {
      name: '5.5 against an article about 5.0',
      a: { versions: [{ platform: 'windows', version: '5.0' }] },
      version: '5.5',
      applies: false,
      text: /about version 5\.0, not Systems Management Server 5\.5/,
    },
    {
      name: 'a confirmed problem',
      a: { fixStatus: { state: 'confirmed', affected: [], fixedVersions: [] } },
      version: '1.2',
      applies: true,
      text: /no fix is published/,
    },
    { name: 'an article listing no version', a: { versions: [] }, version: '7.0', applies: true, text: /is affected/ },
  ];
  for (const c of cases) {
    it(`reads ${c.name}`, () => {
      const v = fixStatusForVersion(article(c.a), c.version);
      assert.equal(v.applies, c.applies);
      assert.match(v.text, c.text);
      if (v.applies) assert.match(v.text, new RegExp(`Systems Management Server ${c.version.replace('.', '\\.')}`));
    });
  }
});
