/**
 * The troubleshoot page's answer (views/partials/diagnosis.ejs): nothing explains the paste -> said first, related
 * reading folded; otherwise the first diagnosis in full and the others folded and marked secondary.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import request from 'supertest';
import { LOG_FIXTURES_DIR, openTestApp } from '../support/app.js';

let app: express.Express;
before(async () => {
  ({ app } = await openTestApp());
});

const fixture = (name: string) => readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8');
async function postForm(log: string): Promise<string> {
  const res = await request(app).post('/troubleshoot').type('form').send({ log });
  assert.equal(res.status, 200, res.text.slice(0, 300));
  return res.text;
}
/** The page from the end of the paste form on: the answer. */
const answerOf = (html: string) => html.slice(html.indexOf('</form>'));

describe('web/pages: the troubleshooter says whether anything explains the paste', () => {
  it('says first that nothing explains a paste no article explains, and folds the related reading', async () => {
    const answer = answerOf(await postForm(fixture('nothing-known.log')));
    const notice = answer.indexOf('<p class="notice">Nothing in the knowledge base explains this paste');
    assert.ok(notice >= 0, 'the notice');
    const related = answer.indexOf('<details class="related">');
    if (related >= 0) assert.ok(notice < related, 'the notice comes before the related reading');
    assert.doesNotMatch(answer, /<details class="related" open/);
    assert.doesNotMatch(answer, /confidence \d+%/, 'related reading shows no confidence');
    assert.doesNotMatch(answer, /class="question"/, 'no version question for related reading');
  });

  it('shows the first diagnosis in full, named by the lines it explains, and the others folded as secondary', async () => {
    const answer = answerOf(await postForm(fixture('despooler-sms12.log')));
    const first = answer.slice(answer.indexOf('<li class="diagnosis">'), answer.indexOf('</li>', answer.indexOf('class="feedback"')));
    assert.match(first, /<a href="\/kb\/Q161043">Q161043: /);
    assert.match(first, /<p class="explains">Explains lines? [\d–, ]+: /);
    assert.match(first, /<a href="\/kb\/Q161043#cause">Cause<\/a>/, 'the cause unfolded');
    assert.doesNotMatch(first, /problem \d/);
    assert.doesNotMatch(answer, /<p class="notice">/);
    const secondary = answer.indexOf('<section class="secondary-diagnoses">');
    if (secondary >= 0) {
      const rest = answer.slice(secondary);
      assert.match(rest, /<h2 class="secondary-head">Other possible explanations \(\d+\)<\/h2>/);
      assert.match(rest, /<details class="more"><summary>Cause, workaround and evidence<\/summary>/);
    }
  });

  it('escapes a pasted line shown as the name of what a diagnosis explains', async () => {
    const log = fixture('despooler-sms12.log').replace('Cannot decompress instruction file', 'Cannot decompress <script>alert(1)</script> instruction file');
    const html = await postForm(log);
    assert.doesNotMatch(html, /<script>alert\(1\)<\/script>/);
  });
});
