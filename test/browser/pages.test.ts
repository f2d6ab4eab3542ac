/// <reference lib="dom" />
// (The callbacks given to page.evaluate run in the browser: they see window and document.)
/**
 * The pages in a real browser: Debian's chromium driven by playwright-core against the real server over
 * the bundled kb/. Skips (saying why) when /usr/bin/chromium is absent; `.ci/run` installs it. Screenshots
 * of the main pages at laptop and phone widths go to test-output/screenshots (printed below) for a person
 * to look at.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_DIR } from '../../src/config.js';
import { openDatabase } from '../../src/store/database.js';
import { createApp } from '../../src/web/app.js';
import { LOG_FIXTURES_DIR, TEST_APP_OPTIONS, makeTempDataDir, openKnowledgeBase } from '../support/app.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS_DIR = path.join(PROJECT_DIR, 'test-output', 'screenshots');
const VIEWPORTS = { laptop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium); the browser tests are skipped`;
if (skip) console.log(`# browser tests skipped: ${skip}`);

const fixture = (name: string) => readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8');

let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
/** Console errors, page errors and failed requests from every page (CSP violations show up here). */
const problems: string[] = [];

async function newPage(viewport: { width: number; height: number } = VIEWPORTS.laptop): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${page.url()}: console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: page error: ${err.message}`));
  // ERR_ABORTED is a request cut short by leaving the page (a type-ahead fetch, the favicon), not a fault.
  page.on('requestfailed', (req) => req.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`${page.url()}: request failed: ${req.url()} ${req.failure()?.errorText}`));
  return page;
}

async function pasteLog(page: Page, name: string): Promise<void> {
  await page.goto(`${base}/troubleshoot`);
  await page.fill('#log', fixture(name));
  await page.click('.paste-form button[type=submit]');
  await page.waitForSelector('.diagnoses, .notice');
}

const ADMIN_TOKEN = 'browser-admin-token-0123456789';
const firstDiagnosis = (page: Page) => page.locator('li.diagnosis h2').first().innerText();

describe('browser: kbsleuth in chromium', { skip }, () => {
  before(async () => {
    const kb = await openKnowledgeBase();
    await kb.signatures();
    const app = createApp({ kb, db: openDatabase(makeTempDataDir()) }, { ...TEST_APP_OPTIONS, adminToken: ADMIN_TOKEN });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    // The reports are for admins: sign this browser in through the reports form (the session cookie is shared by its pages).
    const login = await context.request.post(`${base}/reports/login`, { form: { token: ADMIN_TOKEN }, maxRedirects: 0 });
    assert.equal(login.status(), 303);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('searches and opens an article', async () => {
    const page = await newPage();
    await page.goto(base);
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
    assert.ok(await page.locator('.pasted-log li.matched').count() > 0);
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

  it('copies ticket text for an article and for a diagnosis with its version', async () => {
    const page = await newPage();
    await page.goto(`${base}/kb/Q161043`);
    await page.click('button.copy-ticket >> nth=0');
    await page.waitForSelector('button.copy-ticket.copied');
    const copied = await page.evaluate(() => (window as unknown as { __lastCopied: string }).__lastCopied);
    assert.match(copied, /^Q161043: SMS: Despooler/);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), copied);

    await pasteLog(page, 'rules-event-1025.txt');
    await page.click('.question button:has-text("5.0")');
    await page.waitForSelector('.verdict');
    await page.click('li.diagnosis >> nth=0 >> button.copy-ticket >> nth=0');
    await page.waitForFunction(() => /^Q900010/.test((window as unknown as { __lastCopied?: string }).__lastCopied ?? ''));
    assert.match(await page.evaluate(() => (window as unknown as { __lastCopied: string }).__lastCopied), /\nYour version: Exchange Server 5\.0 is affected\. Fixed in Exchange Server 5\.0 Service Pack 2/);
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
    await page.waitForSelector('button.copy-link.copied');

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
    await page.goto(`${base}/kb/Q900007`);
    await page.fill('.feedback input[name=comment]', 'fix did not help here');
    await page.click('.feedback button:has-text("No")');
    await page.waitForSelector('p.thanks');
    assert.match(page.url(), /\/kb\/Q900007$/);
    await page.goto(`${base}/reports`);
    assert.match(await page.locator('#unhelpful + .table-wrap').innerText(), /Q900007[\s\S]*fix did not help here/);
    await page.close();
  });

  it('works from the keyboard alone: / to search, Enter, Tab to a result, Enter', async () => {
    const page = await newPage();
    await page.goto(base);
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

  it('saves screenshots of the main pages at laptop and phone widths', async (t) => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      const page = await newPage(viewport);
      const shot = async (name: string) => {
        await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}-${width}.png`), fullPage: true });
      };
      await page.goto(base);
      await shot('home');
      await page.goto(`${base}/search?q=${encodeURIComponent('despooler error 32')}`);
      await shot('search');
      await page.goto(`${base}/kb/Q161043`);
      await shot('article');
      await pasteLog(page, 'rules-event-1025.txt');
      await shot('troubleshoot-question');
      await pasteLog(page, 'despooler-sms12.log');
      await shot('troubleshoot');
      await page.click('.share-form button:has-text("Preview masking")');
      await page.waitForSelector('.masked-preview');
      await shot('share-preview');
      await page.click('.share-form button[type=submit]');
      await page.waitForURL(/\/t\//);
      await shot('shared');
      await page.goto(`${base}/search?q=zzqx+nothing+matches`);
      await page.goto(`${base}/reports`);
      await shot('reports');
      // Nothing may stick out sideways on a phone.
      if (width === 'phone') {
        for (const url of ['/', '/kb/Q161043', '/reports']) {
          await page.goto(base + url);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 1, `${url} is ${overflow}px wider than a phone screen`);
        }
      }
      await page.close();
    }
    t.diagnostic(`screenshots in ${SCREENSHOTS_DIR}`);
    console.log(`# screenshots saved in ${SCREENSHOTS_DIR}`);
  });

  it('logged no console errors, page errors or failed requests (CSP violations would show here)', () => {
    assert.deepEqual(problems, []);
  });
});
