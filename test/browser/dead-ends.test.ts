/// <reference lib="dom" />
/**
 * Item 4 of the pages issue: no page is a dead end. An empty search offers ways on; a page past the end, a
 * bad sort and an unknown product say what happened and keep the query; a paste too large is caught in
 * the page before it is sent, and the text stays.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations } from '../support/axe.js';
import { browserSkip, startBrowserApp, type BrowserApp } from '../support/browser.js';

let b: BrowserApp;
/** Small, so a test paste can exceed it. */
const MAX_PASTE_BYTES = 4096;

describe('browser: no dead ends', { skip: browserSkip }, () => {
  before(async () => {
    b = await startBrowserApp({ options: { maxPasteBytes: MAX_PASTE_BYTES } });
  });
  after(async () => b?.close());

  it('offers the words not found, the troubleshooter and the products when nothing matches', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/search?q=${encodeURIComponent('zzqxv qqwvx')}`);
    assert.match(await page.locator('h1').innerText(), /^0 articles for/);
    const help = page.locator('.no-results');
    assert.match(await help.innerText(), /No article holds the words “?zzqxv”?, “?qqwvx”?/);
    assert.equal(await help.locator('a[href="/troubleshoot"]').count(), 1);
    assert.ok((await page.locator('.browse-products a[href^="/products/"]').count()) > 3, 'products to browse');
    await page.close();
  });

  it('offers the query without its filters when the filters leave nothing', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/search?q=${encodeURIComponent('despooler type:Problem')}`);
    assert.match(await page.locator('h1').innerText(), /^0 articles for/);
    await page.locator('.no-results a:text-is("despooler")').click();
    await page.waitForSelector('li.hit');
    assert.equal(await page.inputValue('#q'), 'despooler');
    await page.close();
  });

  it('sends a search that looks like a log line to the troubleshooter with the line filled in', async () => {
    const page = await b.newPage();
    const line = 'zzqx:qqzv zzqxv=qqzw \\\\QQSRV\\zzqx [qqq=zqzq] zqqx9 wqqz1';
    await page.goto(`${b.base}/search?q=${encodeURIComponent(line)}`);
    await page.click('.no-results a[href^="/troubleshoot?log="]');
    await page.waitForURL(/\/troubleshoot\?log=/);
    assert.equal(await page.inputValue('#log'), line);
    await page.close();
  });

  it('shows the last page, saying so, for a page past the end', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/search?q=error&page=99`);
    assert.match(await page.locator('.notice').first().innerText(), /only \d+ pages? of results; this is the last/);
    assert.ok((await page.locator('li.hit').count()) > 0, 'the last page has results');
    assert.doesNotMatch(await page.locator('body').innerText(), /Page 99 of/);
    await page.close();
  });

  it('answers a bad sort with results sorted by relevance, keeping the query', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/search?q=despooler&sort=bogus`);
    assert.equal(await page.inputValue('#q'), 'despooler');
    assert.match(await page.locator('.notice').first().innerText(), /There is no sort "bogus"; sorted by relevance/);
    assert.ok((await page.locator('li.hit').count()) > 0);
    await page.close();
  });

  it('says a product is unknown, on the search page and with a 404 for its page', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/search?q=error&product=zzz`);
    assert.match(await page.locator('.notice').first().innerText(), /knows no product "zzz"/);
    assert.ok((await page.locator('.browse-products a[href="/products/sms"]').count()) === 1);
    const res = await page.goto(`${b.base}/products/zzz`);
    assert.equal(res?.status(), 404);
    assert.match(await page.locator('main').innerText(), /no product "zzz"[\s\S]*\/products/);
    await page.close();
  });

  it('catches a paste over the limit before sending it, keeps the text and says the sizes', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/troubleshoot`);
    const big = 'failed to open \\\\SRV\\share\\x.ins WIN32 ERROR = 32\n'.repeat(200);
    await page.fill('#log', big);
    let posted = false;
    page.on('request', (r) => (posted ||= r.method() === 'POST'));
    await page.click('.paste-form button[type=submit]');
    await page.waitForSelector('.paste-size.bad');
    assert.match(await page.locator('.paste-size').innerText(), /The paste is 9\.\d KB; the troubleshooter reads up to 4 KB/);
    assert.equal(await page.inputValue('#log'), big, 'the text stays in the box');
    assert.equal(posted, false, 'nothing was sent');
    assert.equal(page.url(), `${b.base}/troubleshoot`);
    assert.deepEqual(await axeViolations(page, '.paste-form'), []);
    await page.close();
  });
});
