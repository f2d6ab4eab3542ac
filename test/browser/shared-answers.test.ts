/// <reference lib="dom" />
/**
 * Item 3 of the pages issue: a shared link keeps the user's answers, the ticket text of a diagnosis carries
 * the shared link and the matched log lines, and a bulleted workaround reads as a list everywhere.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, pasteLog, startBrowserApp, type BrowserApp } from '../support/browser.js';

let b: BrowserApp;

async function shareAndAnswer(page: Page): Promise<void> {
  await pasteLog(page, b.base, 'rules-event-1025.txt');
  await page.click('.share-form button[type=submit]:not([formaction])');
  await page.waitForURL(/\/t\/[A-Za-z0-9_-]{20}$/);
  await page.click('.question a.choice:has-text("5.5")');
  await page.waitForURL(/\?answer\.version:exchange=5\.5$/);
}

const copiedIn = (page: Page, scope: string) =>
  page.waitForFunction((s) => /Copied/.test(document.querySelector(`${s} .copy-status`)?.textContent ?? ''), scope);

describe('browser: shared links and ticket text keep what the user did', { skip: browserSkip }, () => {
  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  it('gives the link for the ticket with the answers, and a colleague opening it is not asked again', async () => {
    const page = await b.newPage();
    await shareAndAnswer(page);
    const link = await page.inputValue('#share-url');
    assert.equal(link, page.url());
    await page.click('button.copy-link');
    await copiedIn(page, '.share-link');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

    const colleague = await b.newPage();
    await colleague.goto(link);
    assert.equal(await colleague.locator('.question').count(), 0, 'no question for the colleague');
    assert.match(await colleague.locator('.verdict').first().innerText(), /Exchange Server 5\.5/);
    await colleague.close();
    await page.close();
  });

  it("puts the shared link and the matched log lines in a shared diagnosis's ticket text", async () => {
    const page = await b.newPage();
    await shareAndAnswer(page);
    await page.click('li.diagnosis >> nth=0 >> button.copy-ticket >> nth=0');
    await copiedIn(page, 'li.diagnosis');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(text, /^Q900011: /);
    assert.ok(text.includes(`\nShared diagnosis: ${page.url()}\n`), text);
    assert.match(text, /\nMatched log lines:\n {2}line 5: .*MAPI_E_CALL_FAILED/);
    await page.close();
  });

  it('puts the matched lines in a diagnosis copied as markdown, fenced', async () => {
    const page = await b.newPage();
    await pasteLog(page, b.base, 'despooler-sms12.log');
    await page.click('li.diagnosis >> nth=0 >> button.copy-ticket.secondary');
    await copiedIn(page, 'li.diagnosis');
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(md, /\*\*Matched log lines\*\*\n\n~~~text\nline \d+: [\s\S]*WIN32 ERROR = 32[\s\S]*\n~~~\n$/);
    assert.doesNotMatch(md, /Shared diagnosis/, 'nothing shared yet');
    await page.close();
  });

  it('shows a bulleted resolution as a list in the diagnosis, as on the article page, and as one line per item in the ticket', async () => {
    const page = await b.newPage();
    await pasteLog(page, b.base, 'rules-event-1025.txt');
    const diagnosis = page.locator('li.diagnosis', { hasText: 'Q900018' });
    // Not the first diagnosis, so its details are folded: unfold them as a reader would (a closed <details> has no innerText).
    await diagnosis.locator('details.more > summary').click();
    const items = await diagnosis.locator('.prose ul > li').allInnerTexts();
    assert.ok(items.length >= 3, `list items: ${items.join(' | ')}`);
    assert.match(items[0], /^Give IUSR_<computer name> Change permission .* not only on the \.mdb file\.$/);
    assert.equal(await diagnosis.locator('.prose pre').count(), 0, 'no monospace block for the bullets');

    await page.goto(`${b.base}/kb/Q900018`);
    assert.deepEqual(await page.locator('section#resolution ul > li').allInnerTexts(), items);

    const text = await (await page.request.get(`${b.base}/api/articles/Q900018?format=text`)).text();
    assert.ok(text.includes(`\n- ${items[0]}\n- ${items[1]}\n`), text);
    await page.close();
  });
});
