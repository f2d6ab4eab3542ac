/// <reference lib="dom" />
/**
 * Item 1 of the pages issue: "Copy for ticket" copies, says truthfully what happened, in a live region
 * readable on the page, and falls back to selecting the text where the clipboard API is missing (a
 * plain-HTTP intranet host) or refuses.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from '../support/axe.js';
import { browserSkip, pasteLog, startBrowserApp, type BrowserApp } from '../support/browser.js';

let b: BrowserApp;
const statusOf = (page: Page, nth = 0) => page.locator('.copy-status').nth(nth);

/** A context whose pages have no clipboard API, as on a plain-HTTP host; `execCommandWorks` false also refuses the old copy command. */
async function contextWithoutClipboard(execCommandWorks: boolean): Promise<BrowserContext> {
  const ctx = await b.browser.newContext();
  ctx.setDefaultTimeout(10_000);
  // A string, not a function: tsx's compiled functions may call helpers that exist only in Node.
  await ctx.addInitScript(
    `Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });${execCommandWorks ? '' : ' document.execCommand = () => false;'}`,
  );
  return ctx;
}

describe('browser: copy for ticket', { skip: browserSkip }, () => {
  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  it('copies an article to the clipboard and announces "Copied" in a status region', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/kb/Q161043`);
    // The live region is on the page before anything is copied, so its change is announced.
    assert.equal(await statusOf(page).getAttribute('role'), 'status');
    assert.equal(await statusOf(page).innerText(), '');
    await page.click('button.copy-ticket >> nth=0');
    await page.waitForFunction(() => /Copied/.test(document.querySelector('.copy-status')?.textContent ?? ''));
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^Q161043: SMS: Despooler/);
    assert.deepEqual(await axeViolations(page, '.kb-article .actions'), [], 'the message must be readable (contrast) and well formed');
    await page.close();
  });

  it('copies a diagnosis with the version the user answered', async () => {
    const page = await b.newPage();
    await pasteLog(page, b.base, 'rules-event-1025.txt');
    await page.click('.question button:has-text("5.0")');
    await page.waitForSelector('.verdict');
    await page.click('li.diagnosis >> nth=0 >> button.copy-ticket >> nth=0');
    await page.waitForFunction(() => /Copied/.test(document.querySelector('li.diagnosis .copy-status')?.textContent ?? ''));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^Q900010/);
    assert.match(copied, /\nYour version: Exchange Server 5\.0 is affected\. Fixed in Exchange Server 5\.0 Service Pack 2/, copied);
    await page.close();
  });

  it('without a clipboard API (plain HTTP), copies the selected text with the copy command and says so', async () => {
    const ctx = await contextWithoutClipboard(true);
    const page = await b.newPage(undefined, ctx);
    await page.goto(`${b.base}/kb/Q161043`);
    assert.equal(await page.evaluate(() => typeof navigator.clipboard), 'undefined');
    await page.click('button.copy-ticket >> nth=0');
    await page.waitForFunction(() => /Copied/.test(document.querySelector('.copy-status')?.textContent ?? ''));
    assert.match(await page.inputValue('textarea.copy-fallback'), /^Q161043: SMS: Despooler/);
    await ctx.close();
  });

  it('when the browser refuses every way to copy, selects the text and says to press Ctrl+C, never "Copied"', async () => {
    const ctx = await contextWithoutClipboard(false);
    const page = await b.newPage(undefined, ctx);
    await page.goto(`${b.base}/kb/Q161043`);
    await page.click('button.copy-ticket >> nth=0');
    await page.waitForSelector('textarea.copy-fallback');
    await page.waitForFunction(() => (document.querySelector('.copy-status')?.textContent ?? '') !== 'Fetching the text…');
    const status = await statusOf(page).innerText();
    assert.match(status, /press Ctrl\+C/);
    assert.doesNotMatch(status, /Copied/);
    const box = await page.evaluate(() => {
      const t = document.querySelector('textarea.copy-fallback') as HTMLTextAreaElement;
      return { focused: document.activeElement === t, start: t.selectionStart, end: t.selectionEnd, length: t.value.length, text: t.value };
    });
    assert.equal(box.focused, true);
    assert.deepEqual([box.start, box.end], [0, box.length], 'the whole text is selected for Ctrl+C');
    assert.match(box.text, /^Q161043: /);
    assert.deepEqual(await axeViolations(page, '.kb-article > header'), []);
    await ctx.close();
  });

  it('when the clipboard refuses the write, falls back to the selected text instead of claiming success', async () => {
    const ctx = await b.browser.newContext();
    await ctx.addInitScript(
      `Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => ({ writeText: () => Promise.reject(new Error('denied')) }), configurable: true }); document.execCommand = () => false;`,
    );
    const page = await b.newPage(undefined, ctx);
    await page.goto(`${b.base}/kb/Q161043`);
    await page.click('button.copy-ticket >> nth=0');
    await page.waitForFunction(() => /Ctrl\+C/.test(document.querySelector('.copy-status')?.textContent ?? ''));
    assert.match(await page.inputValue('textarea.copy-fallback'), /^Q161043: /);
    await ctx.close();
  });

  it('says nothing was copied when the ticket text cannot be fetched', async () => {
    const page = await b.newPage();
    await page.route('**/api/articles/**', (route) => route.fulfill({ status: 503, body: 'loading' }));
    await page.goto(`${b.base}/kb/Q161043`);
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    await page.click('button.copy-ticket >> nth=0');
    await page.waitForFunction(() => /Nothing was copied/.test(document.querySelector('.copy-status')?.textContent ?? ''));
    assert.match(await statusOf(page).innerText(), /503/);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'before');
    await page.close();
  });
});
