/// <reference lib="dom" />
/**
 * axe-core over every page of the tour (test/support/page-tour.ts) at laptop and phone width: no violation of
 * WCAG 2.0-2.2 A/AA or of axe's best practices, and nothing sticking out sideways on a phone.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations } from '../support/axe.js';
import { VIEWPORTS, browserSkip, startBrowserApp, type BrowserApp } from '../support/browser.js';
import { PAGE_TOUR } from '../support/page-tour.js';

let b: BrowserApp;

describe('browser: accessibility (axe-core, WCAG 2.2 AA and best practices)', { skip: browserSkip }, () => {
  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    for (const stop of PAGE_TOUR) {
      it(`${stop.name} at ${viewport.width} px has no axe violations and no sideways scroll`, async () => {
        const page = await b.newPage(viewport);
        await stop.visit(page, b.base);
        assert.deepEqual(await axeViolations(page), [], `${stop.name} (${width})`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 1, `${stop.name} is ${overflow}px wider than the ${viewport.width}px window`);
        await page.close();
      });
    }
  }

  it('the phone filters, once opened, have no axe violations', async () => {
    const page = await b.newPage(VIEWPORTS.phone);
    await page.goto(`${b.base}/search?q=error`);
    await page.click('.filters-button');
    await page.waitForSelector('#facets.open');
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });
});
