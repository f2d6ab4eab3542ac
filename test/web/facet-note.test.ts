/**
 * The search page says when its facet counts cover only the best matches (tuning.facetDocs), so a count beside a
 * product is not read as a share of the total. Over a generated folder of more articles than that, written here.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type express from 'express';
import { DEFAULTS } from '../../src/config.js';
import { KnowledgeBase } from '../../src/knowledge-base.js';
import { DEFAULT_TUNING } from '../../src/search/tuning.js';
import { createApp } from '../../src/web/app.js';
import { TEST_APP_OPTIONS, makeTempDataDir } from '../support/app.js';

/** A short markdown article in the archive's page layout. */
function article(n: number): string {
  const id = `Q${300000 + n}`;
  return [
    '---',
    'layout: page',
    `title: "${id}: Tape Backup Stalls on Volume ${n}"`,
    `permalink: /kb/${id.slice(1, 4)}/${id}/`,
    '---',
    '',
    `## ${id}: Tape Backup Stalls on Volume ${n}`,
    '',
    '{% raw %}',
    '',
    `\tArticle: ${id}`,
    `\tProduct(s): ${n % 2 ? 'Microsoft Exchange Server' : 'Microsoft Systems Management Server'}`,
    '\tKeyword(s): kbbug',
    '\tLast Modified: 01-JUN-1999',
    '\t',
    '\tSYMPTOMS',
    '\t========',
    '\t',
    // Seven levels of relevance (the word said one to seven times), so the best matches are a strict part of them.
    `\tThe tape backup stalls when it reaches volume ${n}.${' The tape stops.'.repeat(n % 7)}`,
    '\t',
    '{% endraw %}',
    '',
  ].join('\n');
}

describe('web: the facets note', () => {
  let app: express.Express;
  const count = DEFAULT_TUNING.facetDocs + 60;

  before(async () => {
    const dir = makeTempDataDir();
    const kbDir = path.join(dir, 'kb');
    for (let n = 0; n < count; n++) {
      const id = `Q${300000 + n}`;
      mkdirSync(path.join(kbDir, 'kb', id.slice(1, 4), id), { recursive: true });
      writeFileSync(path.join(kbDir, 'kb', id.slice(1, 4), id, 'README.md'), article(n));
    }
    const kb = new KnowledgeBase({ kbDirs: [kbDir], dataDir: path.join(dir, 'data'), maxQueryChars: DEFAULTS.maxQueryChars });
    await kb.open();
    app = createApp({ kb }, TEST_APP_OPTIONS);
  });

  it('says the counts cover the best matches when a search finds more, and the counts add up to that many', async () => {
    const res = await request(app).get('/search?q=tape+backup+stalls').set('Accept', 'text/html');
    assert.equal(res.status, 200);
    assert.match(res.text, new RegExp(`<p class="facets-note">Counted over the best ${DEFAULT_TUNING.facetDocs} matches</p>`));
    const api = await request(app).get('/api/search?q=tape+backup+stalls');
    assert.equal(api.body.total, count);
    const counted = (api.body.facets.product as { count: number }[]).reduce((n, f) => n + f.count, 0);
    assert.ok(counted >= DEFAULT_TUNING.facetDocs && counted < count, `the product counts add up to ${counted}`);
  });

  it('says nothing of the kind when the facets count every match', async () => {
    const api = await request(app).get('/api/search?q=tape+backup+stalls&product=exchange');
    assert.ok(api.body.total <= DEFAULT_TUNING.facetDocs, `total ${api.body.total}`);
    const filtered = await request(app).get('/search?q=tape+backup+stalls&product=exchange').set('Accept', 'text/html');
    assert.doesNotMatch(filtered.text, /facets-note/);
    assert.match(filtered.text, /class="facets"/);
  });
});
