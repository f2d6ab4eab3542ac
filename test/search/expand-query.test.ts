import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandQuery, stemOf, THESAURUS, type ThesaurusGroup } from '../../src/search/expand-query.js';

const words = (q: string) => q.split(/\s+/).filter(Boolean);
const targets = (q: string, options = {}) => expandQuery(words(q), options).map((e) => e.to);

describe('search/expand-query', () => {
  const cases: { name: string; query: string; has?: string[]; hasNot?: string[] }[] = [
    { name: 'reads "locks up" as the archive\'s "stops responding"', query: 'screen locks up after login', has: ['stops responding', 'hang'] },
    { name: 'reads "freezing" by its stem', query: 'explorer freezing', has: ['stops responding'] },
    {
      name: "reads a crash as the archive's fault names",
      query: 'setup crashes',
      has: ['general protection fault', 'access violation', 'illegal operation', 'page fault'],
    },
    { name: 'reads "does not start" whole, stop words included', query: 'service does not start', has: ['fails to start', 'unable to start'] },
    { name: 'reads a curly apostrophe like a straight one', query: 'service won\u2019t start', has: ['fails to start'] },
    { name: 'leaves a bare "start" alone', query: 'start menu shortcut', hasNot: ['fails to start', 'boot'] },
    { name: 'reads "stuck" mail as queued, undelivered mail', query: 'messages stuck in outbox', has: ['remain in the queue', 'not delivered'] },
    { name: "reads British spelling as the archive's", query: 'wrong colour printing', has: ['color'] },
    { name: 'never searches again what the query says already', query: 'it hangs and stops responding', hasNot: ['stops responding', 'hang'] },
    { name: 'leaves "terminal" alone (its stem is also "terminates"\')', query: 'terminal server blue screen', hasNot: ['quits unexpectedly', 'shuts down'] },
    { name: 'leaves "double-click" alone', query: 'double click the icon', hasNot: ['duplicate', 'two copies'] },
    { name: "finds nothing in the archive's own words", query: 'general protection fault in module krnl386.exe', hasNot: ['access violation'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = targets(c.query);
      for (const t of c.has ?? []) assert.ok(got.includes(t), `"${t}" in ${JSON.stringify(got)}`);
      for (const t of c.hasNot ?? []) assert.ok(!got.includes(t), `no "${t}" in ${JSON.stringify(got)}`);
    });
  }

  it('says which words of the query each expansion stands for', () => {
    const [first] = expandQuery(words('my pc locks up daily'));
    assert.equal(first.from, 'pc');
    assert.deepEqual(first.words, [1]);
    const hang = expandQuery(words('my pc locks up daily')).find((e) => e.to === 'stops responding')!;
    assert.equal(hang.from, 'locks up');
    assert.deepEqual(hang.words, [2, 3]);
    assert.equal(hang.topic, 'stops responding');
  });

  it('drops the expansions the user removed, in any case', () => {
    const got = targets('screen locks up', { skip: ['Stops Responding'] });
    assert.ok(!got.includes('stops responding'));
    assert.ok(got.includes('hang'));
  });

  it('uses the groups it is given', () => {
    const thesaurus: ThesaurusGroup[] = [{ topic: 'zq', says: ['zqfoo bar'], archive: ['zqbaz'] }];
    assert.deepEqual(expandQuery(words('a zqfoo bar b'), { thesaurus }), [{ from: 'zqfoo bar', words: [1, 2], to: 'zqbaz', topic: 'zq' }]);
    assert.deepEqual(expandQuery(words('zqfoo'), { thesaurus }), []);
  });

  it('matches the longest expression first, and each group once, in query order', () => {
    const thesaurus: ThesaurusGroup[] = [
      { topic: 'short', says: ['zqa'], archive: ['zqshort'] },
      { topic: 'long', says: ['zqa zqb', 'zqc'], archive: ['zqlong', 'zqlonger'] },
    ];
    assert.deepEqual(
      expandQuery(words('zqa zqb zqc zqa'), { thesaurus }).map((e) => [e.from, e.to]),
      [
        ['zqa zqb', 'zqlong'],
        ['zqa zqb', 'zqlonger'],
        ['zqa', 'zqshort'],
      ],
    );
  });

  it('leaves out an archive expression the query already says, as whole words only', () => {
    const thesaurus: ThesaurusGroup[] = [{ topic: 't', says: ['zqhang'], archive: ['zq stops', 'zq stop now'] }];
    assert.deepEqual(
      expandQuery(words('zqhang zq stopping'), { thesaurus }).map((e) => e.to),
      ['zq stop now'],
    );
    assert.deepEqual(
      expandQuery(words('zqhang zq stopsx'), { thesaurus }).map((e) => e.to),
      ['zq stops', 'zq stop now'],
    );
  });

  it("reads curly apostrophes as straight ones: doesn’t is doesn't", () => {
    assert.equal(stemOf('doesn’t'), stemOf("doesn't"));
    const thesaurus: ThesaurusGroup[] = [{ topic: 't', says: ["zq doesn't start"], archive: ['zqfail'] }];
    assert.deepEqual(
      expandQuery(words('zq doesn’t start'), { thesaurus }).map((e) => e.to),
      ['zqfail'],
    );
  });

  it('trims punctuation off both ends of a word only, keeping an apostrophe inside', () => {
    assert.equal(stemOf('((Stops))'), stemOf('stops'));
    assert.notEqual(stemOf("doesn't"), stemOf('doesnt'));
    assert.equal(stemOf("'doesn't'"), stemOf("doesn't"));
  });

  it('drops a removed expansion given with spaces around it', () => {
    assert.ok(!targets('screen locks up', { skip: ['  stops responding '] }).includes('stops responding'));
  });

  it('stems like lunr, keeping stop words', () => {
    assert.equal(stemOf('Freezes,'), 'freez');
    assert.equal(stemOf('not'), 'not');
    assert.equal(stemOf('--'), '');
  });

  it('holds groups that each recognise something and search something', () => {
    for (const g of THESAURUS) {
      assert.ok(g.topic && g.says.length && g.archive.length, `group ${JSON.stringify(g.topic)} is complete`);
      for (const e of [...g.says, ...g.archive]) assert.ok(e.split(/\s+/).map(stemOf).every(Boolean), `"${e}" has only words`);
    }
  });
});
