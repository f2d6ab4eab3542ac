/// <reference lib="dom" />
/**
 * Item 5 of the pages issue: while the knowledge base loads, the page shows how far it got, keeps the query,
 * sends Retry-After, and reloads itself into the answer once the knowledge base is ready (no timed meta
 * refresh: axe counts that a WCAG 2.2.1 failure).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KnowledgeBase, type KbState } from '../../src/knowledge-base.js';
import { axeViolations } from '../support/axe.js';
import { PROJECT_KB_DIR, makeTempDataDir } from '../support/app.js';
import { browserSkip, startBrowserApp, type BrowserApp } from '../support/browser.js';
import { DEFAULTS } from '../../src/config.js';

/**
 * A knowledge base that reports a build under way until opened. Opening the bundled kb/ takes a fraction of
 * a second, too quick to catch its real progress from a browser; the page renders whatever state() says.
 */
class SlowKnowledgeBase extends KnowledgeBase {
  override state(): KbState {
    const s = super.state();
    return s.status === 'loading' ? { ...s, progress: { step: 'index', done: 2000, total: 4387 } } : s;
  }
}

let b: BrowserApp;
let kb: SlowKnowledgeBase;

describe('browser: the loading page', { skip: browserSkip }, () => {
  before(async () => {
    kb = new SlowKnowledgeBase({ kbDirs: [PROJECT_KB_DIR], dataDir: makeTempDataDir(), maxQueryChars: DEFAULTS.maxQueryChars });
    b = await startBrowserApp({ kb });
  });
  after(async () => b?.close());

  it('shows progress, keeps the query, sends Retry-After, then reloads itself into the results', async () => {
    const page = await b.newPage();
    const res = await page.goto(`${b.base}/search?q=despooler`);
    assert.equal(res?.status(), 503);
    assert.equal(res?.headers()['retry-after'], '5');
    assert.equal(await page.inputValue('#q'), 'despooler');
    assert.match(await page.locator('main').innerText(), /Indexing: 2,000 of 4,387/);
    assert.equal(await page.getAttribute('progress', 'value'), '2000');
    assert.match(await page.locator('main').innerText(), /shows the answer by itself when the knowledge base is ready: the results for “?despooler”?/);
    assert.deepEqual(await axeViolations(page), []);
    // The API and the health check say when to come back too.
    const api = await page.request.get(`${b.base}/api/search?q=despooler`);
    assert.equal(api.status(), 503);
    assert.equal(api.headers()['retry-after'], '5');
    assert.equal((await page.request.get(`${b.base}/healthz`)).headers()['retry-after'], '5');

    await kb.open();
    // The page notices (it polls /healthz) and shows the results without anyone pressing reload.
    await page.waitForSelector('li.hit');
    assert.match(page.url(), /\/search\?q=despooler$/);
    await page.close();
  });
});
