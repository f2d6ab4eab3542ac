/// <reference lib="dom" />
/**
 * Item 2 of the pages issue: people read product, version and issue-type names, not the archive's tags, on
 * facets, results, article pages and diagnoses; versions are grouped under their product; and what the
 * labels say can be typed as a filter.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, pasteLog, startBrowserApp, type BrowserApp } from '../support/browser.js';

let b: BrowserApp;
/** The archive's raw tags: `winnt:2.0`, `windows:5.5`, `kbbug`, `kbprb`. */
const RAW_TAG = /\b(?:winnt|windows):\d|\bkb(?:bug|prb|howto|info|fix|docerr)\b/i;

const hitIds = (page: Page) => page.locator('li.hit .meta .id').allInnerTexts();

async function search(page: Page, q: string, params = ''): Promise<void> {
  await page.goto(`${b.base}/search?q=${encodeURIComponent(q)}${params}`);
}

describe('browser: labels people read', { skip: browserSkip }, () => {
  before(async () => {
    b = await startBrowserApp();
  });
  after(async () => b?.close());

  it('names products, versions (grouped under their product) and issue types on the facets', async () => {
    const page = await b.newPage();
    await search(page, 'error');
    const facets = await page.locator('#facets').innerText();
    assert.doesNotMatch(facets, RAW_TAG);
    assert.match(facets, /Issue type\s+Bug\s+\d+\s+Problem\s+\d+/i);
    // Versions under a product heading, each a number of that product.
    const smsVersions = page.locator('#facets section:has(h2:text-is("Version")) h3:text-is("Systems Management Server") + ul a');
    assert.ok((await smsVersions.count()) >= 2, 'SMS versions grouped under their product');
    // The product's name is there for screen readers (visually hidden), the number for the eye.
    assert.match(await smsVersions.first().innerText(), /^Systems Management Server\s+\d\.\d\s+\d+$/);
    assert.match((await page.locator('#facets section:has(h2:text-is("Version")) h3').allInnerTexts()).join('|'), /Exchange Server/);
    await page.close();
  });

  it('names versions and issue types on results, the article page and diagnoses', async () => {
    const page = await b.newPage();
    await search(page, 'despooler');
    const meta = await page.locator('li.hit .meta').allInnerTexts();
    assert.ok(
      meta.some((m) => /Systems Management Server 1\.2 · Bug/.test(m)),
      meta.join('\n'),
    );
    assert.doesNotMatch(meta.join('\n'), RAW_TAG);

    await page.goto(`${b.base}/kb/Q161043`);
    const panel = await page.locator('.article-meta dl').innerText();
    assert.match(panel, /Versions\s+Systems Management Server 1\.2/);
    assert.match(panel, /Issue type\s+Bug/);

    await pasteLog(page, b.base, 'rules-event-1025.txt');
    const diagnosisMeta = await page.locator('li.diagnosis .meta').allInnerTexts();
    assert.ok(
      diagnosisMeta.some((m) => /Exchange Server 5\.5/.test(m)),
      diagnosisMeta.join('\n'),
    );
    assert.doesNotMatch(diagnosisMeta.join('\n'), /\b(?:winnt|windows):\d/);
    await page.close();
  });

  it('narrows by a version facet to exactly the articles it counted', async () => {
    const page = await b.newPage();
    await search(page, 'error');
    const link = page.locator('#facets h3:text-is("Systems Management Server") + ul a').first();
    const count = Number(await link.locator('.count').innerText());
    await link.click();
    await page.waitForURL(/version=sms\+\d/);
    assert.equal((await hitIds(page)).length, count);
    assert.match(await page.locator('.active-filters').innerText(), /Version: Systems Management Server \d\.\d/);
    await page.close();
  });

  for (const [typed, facet] of [
    ['type:Problem', '&type=kbprb'],
    ['product:"Systems Management Server"', '&product=sms'],
    ['version:"Systems Management Server 2.0"', '&version=sms+2.0'],
    ['version:"Exchange Server 5.5"', '&version=exchange+5.5'],
    ['status:"Confirmed, no fix"', '&status=confirmed'],
  ] as const) {
    it(`reads ${typed} typed in the box as the facet ${facet.slice(1)} does`, async () => {
      const page = await b.newPage();
      await search(page, `error ${typed}`);
      const typedIds = await hitIds(page);
      await search(page, 'error', facet);
      const facetIds = await hitIds(page);
      assert.ok(facetIds.length > 0, `${facet} finds something`);
      assert.deepEqual(typedIds, facetIds);
      await page.close();
    });
  }
});
