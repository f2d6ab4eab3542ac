/// <reference lib="dom" />
// (The callbacks given to page.evaluate run in the browser: they see window and document.)
/**
 * The main journeys in a real browser (see test/support/browser.ts): search, read, paste, answer, share,
 * give feedback, all from the keyboard too. Screenshots for a person to look at: `npm run screenshots`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, pasteLog as paste, startBrowserApp, type BrowserApp } from '../support/browser.js';

let b: BrowserApp;
const pasteLog = (page: Page, name: string) => paste(page, b.base, name);
const newPage = () => b.newPage();
const firstDiagnosis = (page: Page) => page.locator('li.diagnosis h2').first().innerText();

describe('browser: kbsleuth in chromium', { skip: browserSkip }, () => {
  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  it('searches and opens an article', async () => {
    const page = await newPage();
    await page.goto(b.base);
    await page.fill('#q', 'despooler "WIN32 ERROR = 32"');
    await page.press('#q', 'Enter');
    await page.waitForSelector('li.hit');
    await page.click('li.hit h3 a >> nth=0');
    await page.waitForURL(/\/kb\/Q161043$/);
    assert.match(await page.locator('h1').innerText(), /Despooler Stalls/);
    assert.equal(await page.locator('section#cause h2').innerText(), 'CAUSE');
    await page.close();
  });

  it('reads the diagnosis of a pasted log', async () => {
    const page = await newPage();
    await pasteLog(page, 'despooler-sms12.log');
    assert.match(await firstDiagnosis(page), /^Q161043: /);
    assert.ok((await page.locator('.pasted-log li.matched').count()) > 0);
    await page.close();
  });

  it('answers the version question and shows the verdict', async () => {
    const page = await newPage();
    await pasteLog(page, 'rules-event-1025.txt');
    assert.match(await page.locator('.question legend').innerText(), /Which Exchange Server version/);
    await page.click('.question button:has-text("5.5")');
    await page.waitForSelector('.verdict');
    assert.match(await firstDiagnosis(page), /^Q900011: /);
    assert.match(await page.locator('.verdict').first().innerText(), /Exchange Server 5\.5/);
    assert.equal(await page.locator('.question').count(), 0);
    await page.close();
  });

  it('shares a result and opens the shared link in a new page', async () => {
    const page = await newPage();
    await pasteLog(page, 'despooler-sms12.log');
    await page.click('.share-form button:has-text("Share")');
    await page.waitForURL(/\/t\/[A-Za-z0-9_-]{20}$/);
    const link = await page.inputValue('#share-url');
    assert.equal(link, page.url());
    await page.click('button.copy-link');
    await page.waitForFunction(() => /Copied/.test(document.querySelector('.share-link .copy-status')?.textContent ?? ''));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

    const other = await newPage();
    await other.goto(link);
    assert.match(await firstDiagnosis(other), /^Q161043: /);
    assert.match(await other.locator('.shared-head .meta').innerText(), /masked/);
    assert.doesNotMatch(await other.locator('.pasted-log').innerText(), /C:\\SMS/);
    await other.close();
    await page.close();
  });

  it('records "Did this solve it?" in place without leaving the page', async () => {
    const page = await newPage();
    await page.goto(`${b.base}/kb/Q900007`);
    await page.fill('.feedback input[name=comment]', 'fix did not help here');
    await page.click('.feedback button:has-text("No")');
    await page.waitForSelector('p.thanks');
    assert.match(page.url(), /\/kb\/Q900007$/);
    await page.goto(`${b.base}/reports`);
    assert.match(await page.locator('#unhelpful + .table-wrap').innerText(), /Q900007[\s\S]*fix did not help here/);
    await page.close();
  });

  it('works from the keyboard alone: / to search, Enter, Tab to a result, Enter', async () => {
    const page = await newPage();
    await page.goto(b.base);
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q');
    await page.keyboard.type('sharing violation');
    await page.keyboard.press('Enter');
    await page.waitForSelector('li.hit');
    let onResult = false;
    for (let i = 0; i < 60 && !onResult; i++) {
      await page.keyboard.press('Tab');
      onResult = await page.evaluate(() => !!document.activeElement?.closest('li.hit h3'));
    }
    assert.ok(onResult, 'Tab never reached a search result');
    const target = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'));
    // A visible focus ring: the outline the stylesheet gives :focus-visible.
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle), 'none');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`${target}$`));
    await page.close();
  });

  it('logged no console errors, page errors or failed requests (CSP violations would show here)', () => {
    assert.deepEqual(b.problems, []);
  });
});
