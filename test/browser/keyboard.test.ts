/// <reference lib="dom" />
/**
 * Item 6 of the pages issue: the keyboard and the small screen. A skip link and arrow keys reach the
 * results; Ctrl+Enter sends a paste and the answer takes the focus; a file can be chosen as well as dropped;
 * on a phone the filters wait behind a button above the results; targets are at least 24 px; search pages
 * have an h1.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { LOG_FIXTURES_DIR } from '../support/app.js';
import { VIEWPORTS, browserSkip, logFixture, startBrowserApp, type BrowserApp } from '../support/browser.js';

let b: BrowserApp;
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', id: el?.id ?? '', text: (el?.textContent ?? '').trim(), href: el?.getAttribute('href') ?? '' };
  });
const resultHrefs = (page: Page) => page.locator('li.hit h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));

describe('browser: keyboard and small screens', { skip: browserSkip }, () => {
  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  it('reaches the first result in three key presses through the skip link', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/search?q=error`);
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    assert.deepEqual([skip.text, skip.href], ['Skip to results', '#results']);
    // Visible when focused (it sits off-screen otherwise).
    const box = await page.locator('.skip-link').boundingBox();
    assert.ok(box && box.y >= 0 && box.height >= 24, `skip link on screen: ${JSON.stringify(box)}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).href, (await resultHrefs(page))[0]);
    await page.close();
  });

  it('walks the results with the arrow keys, from the search box and back', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/search?q=error`);
    const hrefs = await resultHrefs(page);
    assert.ok(hrefs.length >= 3);
    await page.focus('#q');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused(page)).href, hrefs[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused(page)).href, hrefs[2]);
    await page.keyboard.press('ArrowUp');
    assert.equal((await focused(page)).href, hrefs[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal((await focused(page)).id, 'q');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`${hrefs[0]}$`));
    await page.close();
  });

  it('sends a paste with Ctrl+Enter and gives the focus to the answer, not the box', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/troubleshoot`);
    await page.fill('#log', logFixture('despooler-sms12.log'));
    await page.focus('#log');
    await Promise.all([page.waitForURL(/\/troubleshoot$/), page.waitForEvent('load'), page.keyboard.press('Control+Enter')]);
    await page.waitForSelector('li.diagnosis');
    const f = await focused(page);
    assert.equal(f.tag, 'H2');
    assert.match(f.text, /^Q161043: /);
    // And the box shrank, so the answer is on screen.
    const h2 = await page.locator('li.diagnosis h2').first().boundingBox();
    assert.ok(h2 && h2.y < VIEWPORTS.laptop.height, `the answer starts on screen (y=${h2?.y})`);
    await page.close();
  });

  it('reads a log chosen with the file picker into the paste box', async () => {
    const page = await b.newPage();
    await page.goto(`${b.base}/troubleshoot`);
    await page.setInputFiles('#log-file', path.join(LOG_FIXTURES_DIR, 'distmgr-sms20.log'));
    await page.waitForFunction(() => (document.getElementById('log') as HTMLTextAreaElement).value.length > 0);
    assert.equal(await page.inputValue('#log'), logFixture('distmgr-sms20.log'));
    // The picker is a labelled control a keyboard reaches.
    assert.match(await page.locator('label.file-pick').innerText(), /Choose a file/);
    await page.close();
  });

  it('on a phone, keeps the filters behind a button above the results', async () => {
    const page = await b.newPage(VIEWPORTS.phone);
    await page.goto(`${b.base}/search?q=error`);
    const button = page.locator('.filters-button');
    assert.equal(await page.locator('#facets').isVisible(), false);
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    const buttonBox = (await button.boundingBox())!;
    const firstHit = (await page.locator('li.hit').first().boundingBox())!;
    assert.ok(buttonBox.y < firstHit.y, 'the button is above the results');
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const facets = (await page.locator('#facets').boundingBox())!;
    assert.ok(facets.y < (await page.locator('li.hit').first().boundingBox())!.y, 'the opened filters come before the results');
    // On a laptop there is no button: the filters are always there.
    await page.setViewportSize(VIEWPORTS.laptop);
    assert.equal(await button.isVisible(), false);
    assert.equal(await page.locator('#facets').isVisible(), true);
    await page.close();
  });

  it('gives facet links, filter removals and choices targets of at least 24 by 24 px', async () => {
    const page = await b.newPage(VIEWPORTS.phone);
    await page.goto(`${b.base}/search?q=${encodeURIComponent('error product:sms')}`);
    await page.click('.filters-button');
    const sizes = await page.locator('#facets a, .active-filters a').evaluateAll((as) =>
      as.map((a) => {
        const r = a.getBoundingClientRect();
        return { text: (a.textContent ?? '').trim(), w: r.width, h: r.height };
      }),
    );
    assert.ok(sizes.length > 4);
    for (const s of sizes) assert.ok(s.w >= 24 && s.h >= 24, `${s.text}: ${s.w}x${s.h}`);
    await page.close();
  });

  for (const [name, url] of [
    ['with results', '/search?q=error'],
    ['with none', '/search?q=zzqxv'],
    ['with no query', '/search'],
  ]) {
    it(`has one h1 on the search page ${name}`, async () => {
      const page = await b.newPage();
      await page.goto(b.base + url);
      assert.equal(await page.locator('h1').count(), 1);
      await page.close();
    });
  }
});
