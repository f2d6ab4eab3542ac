/**
 * troubleshoot: pastes made to break it (huge, binary, markup, query syntax) each get an answer within its limits,
 * and what was pasted comes back escaped. Apart from troubleshoot.test.ts because they take most of its time
 * (a mutation run starts the test files that cover a mutant; the fast ones first).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { troubleshoot, type TroubleshootSources } from '../../src/troubleshoot/troubleshoot.js';
import { openKnowledgeBase, openTestApp, troubleshootSourcesOf } from '../support/app.js';
import { randomFrom, replayWith } from '../support/seed.js';

let src: TroubleshootSources;
before(async () => {
  src = await troubleshootSourcesOf(await openKnowledgeBase());
});

const run = (text: string) => troubleshoot(src, text);
/** Bytes 0-255 drawn from the run's seed, read as latin1: a failure names the seed that replays it. */
const randomLatin1 = (length: number) => {
  const next = randomFrom();
  return Array.from({ length }, () => String.fromCharCode(Math.floor(next() * 256))).join('');
};

describe('troubleshoot: hostile pastes', () => {
  // How long they take is npm run bench:linear's question (scripts/bench-linear.ts); here each must get an answer within its limits.

  const hostile: { name: string; make: () => string }[] = [
    { name: 'random bytes decoded as latin1 (256 KB)', make: () => randomLatin1(256 * 1024) },
    { name: 'one line of 5 MB', make: () => 'failed to open C:\\x.ins WIN32 ERROR = 32 '.repeat(Math.ceil((5 * 1024 * 1024) / 43)).slice(0, 5 * 1024 * 1024) },
    { name: 'one 5 MB word', make: () => 'a'.repeat(5 * 1024 * 1024) },
    { name: 'lunr query syntax', make: () => 'title:despooler~2 +WIN32 -ERROR ^10 "* ::: ~~ ^^ \\\nbody:* +-* field:"x"~1^2\n'.repeat(200) },
    { name: 'HTML and script tags', make: () => '<script>alert(1)</script>\n"><img src=x onerror=alert(1)>\n</textarea><iframe src=javascript:alert(1)>\n' },
    { name: '100,000 short lines', make: () => Array.from({ length: 100_000 }, (_, i) => `line ${i} error ${i % 97}`).join('\n') },
    {
      name: 'control characters and lone surrogates',
      make: () => '\u0000\u0001\u001b[31m\ud800\udfff\u202e\ufeff WIN32 ERROR = 32\r\r\n\u2028\u2029'.repeat(500),
    },
    { name: 'nested brackets and repeated separators', make: () => '(((((((((('.repeat(20_000) + ':::::::'.repeat(20_000) + '$$<'.repeat(20_000) },
  ];
  for (const c of hostile) {
    it(`survives ${c.name}: an answer within its limits`, () => {
      const r = run(c.make());
      assert.ok(Array.isArray(r.diagnoses), replayWith());
      for (const d of r.diagnoses) {
        assert.ok(d.confidence >= 0 && d.confidence <= 1, replayWith());
        for (const e of d.evidence) assert.ok(e.text.length <= 301, `evidence lines are cut; ${replayWith()}`);
      }
      assert.ok(
        r.unexplained.every((u) => u.text.length <= 300),
        replayWith(),
      );
      assert.ok(JSON.stringify(r).length < 1_000_000, `the answer stays small; ${replayWith()}`);
    });
  }

  it('comes back escaped in the troubleshoot page', async () => {
    const { app } = await openTestApp();
    const log = 'failed to open C:\\x.ins WIN32 ERROR = 32 <script>alert(1)</script>\nFatal: "><img src=x onerror=alert(1)>\n';
    const res = await request(app).post('/troubleshoot').type('form').send({ log });
    assert.equal(res.status, 200);
    assert.ok(!res.text.includes('<script>alert(1)'), 'no raw script tag');
    assert.ok(!res.text.includes('<img src=x'), 'no raw img tag');
    assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(res.text, /(?:&#34;|&quot;)&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});
