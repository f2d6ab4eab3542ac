/// <reference lib="dom" />
/**
 * Item 7 of the pages issue, the smaller things: ticket text at the article's own address, link previews,
 * shared pages named by their diagnosis, dates on results, typed filters shown as filters, no server paths in the JSON, a picked suggestion opens
 * its article, and browsing by product from the home page to a product page.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, pasteLog, startBrowserApp, type BrowserApp } from '../support/browser.js';

let b: BrowserApp;
const meta = (page: Page, property: string) => page.getAttribute(`meta[property="${property}"]`, 'content');

describe('browser: the smaller things', { skip: browserSkip }, () => {
  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  it('answers /kb/Q161043?format=text with the ticket text as plain text', async () => {
    const page = await b.newPage();
    const res = await page.goto(`${b.base}/kb/Q161043?format=text`);
    assert.match(res!.headers()['content-type'], /^text\/plain/);
    const text = await res!.text();
    assert.match(text, /^Q161043: SMS: Despooler/);
    assert.doesNotMatch(text, /<html|<p>/);
    await page.close();
  });

  it('gives an article Open Graph title and description, so a pasted link unfurls', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/kb/Q161043`);
    assert.equal(await meta(page, 'og:title'), "Q161043: SMS: Despooler Stalls with 'WIN32 ERROR = 32' on an Instruction File");
    assert.match((await meta(page, 'og:description')) ?? '', /^On a Systems Management Server \(SMS\) 1\.2 site/);
    assert.ok(((await meta(page, 'og:description')) ?? '').length <= 201);
    assert.equal(await meta(page, 'og:site_name'), 'kbsleuth');
    await page.close();
  });

  it('names a shared page by its diagnosis, not its random id', async () => {
    const page = await b.newPage();
    await pasteLog(page, b.base, 'despooler-sms12.log');
    await page.click('.share-form button[type=submit]:not([formaction])');
    await page.waitForURL(/\/t\/[A-Za-z0-9_-]{20}$/);
    const id = page.url().split('/t/')[1];
    const title = await page.title();
    assert.match(title, /^Shared diagnosis: Q161043 SMS: Despooler Stalls/);
    assert.ok(!title.includes(id), title);
    assert.equal(await meta(page, 'og:title'), title.replace(/ - kbsleuth$/, ''));
    await page.close();
  });

  it('shows each result\'s date, which "newest first" sorts by', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/search?q=error&sort=date`);
    const dates = await page.locator('li.hit .meta time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    assert.ok(dates.length >= 5);
    assert.deepEqual(dates, [...dates].sort().reverse());
    await page.close();
  });

  it('shows filters typed in the query as filters in force, and removes one from the query', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/search?q=${encodeURIComponent('error product:sms status:fixed')}`);
    const chips = await page.locator('.active-filters li span').allInnerTexts();
    assert.deepEqual(chips, ['Product: Systems Management Server', 'Fix state: Fixed']);
    assert.equal(await page.locator('#facets a.active', { hasText: 'Systems Management Server' }).count(), 1);
    await page.click('.active-filters a[aria-label="Remove filter Fix state: Fixed"]');
    await page.waitForURL(/q=error\+product%3Asms$/);
    assert.equal(await page.inputValue('#q'), 'error product:sms');
    await page.close();
  });

  it('keeps server file paths out of the article JSON', async () => {
    const page = await b.newPage();
    const res = await page.request.get(`${b.base}/api/articles/Q161043`);
    const body = await res.json();
    assert.ok(body.sources.length > 0);
    for (const source of body.sources) assert.equal(source.path, undefined);
    assert.doesNotMatch(await res.text(), /README\.md|\.TXT"/);
    await page.close();
  });

  it('opens the article when a type-ahead suggestion is picked', async () => {
    const page = await b.newPage();
    await page.goto(b.base);
    await page.click('#q');
    await page.keyboard.type('despooler');
    await page.waitForFunction(() => (document.getElementById('suggestions') as HTMLDataListElement).options.length > 0);
    // What the browser does when a datalist entry is chosen: replace the text and say so in the input event.
    await page.evaluate(() => {
      const box = document.getElementById('q') as HTMLInputElement;
      box.value = (document.getElementById('suggestions') as HTMLDataListElement).options[0].value;
      box.dispatchEvent(new InputEvent('input', { inputType: 'insertReplacementText', bubbles: true }));
    });
    await page.waitForURL(/\/kb\/Q\d+$/);
    await page.close();
  });

  it('browses from the home page to a product page with its versions and newest articles', async () => {
    const page = await b.newPage();
    await page.goto(b.base);
    await page.click('.browse-products a[href="/products/sms"]');
    await page.waitForURL(/\/products\/sms$/);
    assert.equal(await page.locator('h1').innerText(), 'Systems Management Server');
    assert.match(await page.locator('main').innerText(), /6 articles/);
    assert.match(await page.locator('.product-facts').innerText(), /Versions\s+Systems Management Server 2\.0\s+5\s+Systems Management Server 1\.2\s+1/);
    const dates = await page.locator('.hits time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    // A product's usual name leads to its page too.
    await page.goto(`${b.base}/products/SMS`);
    assert.match(page.url(), /\/products\/sms$/);
    await page.close();
  });
});
