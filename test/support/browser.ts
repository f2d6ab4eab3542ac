/// <reference lib="dom" />
/**
 * The pages in a real browser: Debian's chromium driven by playwright-core against the real app over the
 * bundled kb/, listening on a free port. Each browser test file starts its own (tests inside a file share
 * it but not their pages, so they pass in any order). Files skip, saying why, when chromium is absent.
 * The reports are for admins: the app has ADMIN_TOKEN set and the shared context is signed in through the
 * reports form, as a person would be (a context of your own from `browser.newContext()` is not).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type express from 'express';
import { openDatabase } from '../../src/store/database.js';
import { SqliteStorage } from '../../src/store/sqlite-storage.js';
import { createApp } from '../../src/web/app.js';
import type { AppOptions } from '../../src/web/options.js';
import type { KnowledgeBase } from '../../src/knowledge-base.js';
import { LOG_FIXTURES_DIR, TEST_APP_OPTIONS, makeTempDataDir, openKnowledgeBase } from './app.js';

export const CHROMIUM = '/usr/bin/chromium';
export const VIEWPORTS = { laptop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;
export const browserSkip: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is not installed (apt-get install chromium); the browser tests are skipped`;

/** The app's ADMIN_TOKEN, unless a test passes its own adminToken (undefined turns the reports off). */
export const BROWSER_ADMIN_TOKEN = 'browser-admin-token-0123456789';

export const logFixture = (name: string) => readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8');

export interface BrowserApp {
  base: string;
  browser: Browser;
  context: BrowserContext;
  /** Console errors, page errors and failed requests from every page (CSP violations show up here). */
  problems: string[];
  newPage(viewport?: { width: number; height: number }, context?: BrowserContext): Promise<Page>;
  close(): Promise<void>;
}

export interface BrowserAppOptions {
  options?: Partial<AppOptions>;
  /** Another knowledge base (one still loading, say). Default: the opened kb/. */
  kb?: KnowledgeBase;
  /** Build the app yourself (to wrap it). */
  wrap?: (app: express.Express) => express.Express;
}

export async function startBrowserApp(opts: BrowserAppOptions = {}): Promise<BrowserApp> {
  const kb = opts.kb ?? (await openKnowledgeBase());
  if (kb.isReady) await kb.signatures();
  let app = createApp(
    { kb, storage: new SqliteStorage(openDatabase(makeTempDataDir())) },
    { ...TEST_APP_OPTIONS, adminToken: BROWSER_ADMIN_TOKEN, ...opts.options },
  );
  if (opts.wrap) app = opts.wrap(app);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  const adminToken = opts.options && 'adminToken' in opts.options ? opts.options.adminToken : BROWSER_ADMIN_TOKEN;
  if (adminToken) {
    // The session cookie the form sets is shared by every page of this context.
    const login = await context.request.post(`${base}/reports/login`, { form: { token: adminToken }, maxRedirects: 0 });
    if (login.status() !== 303)
      throw new Error(`startBrowserApp: signing in at POST /reports/login answered ${login.status()}, not 303; check the adminToken given to the app`);
  }
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const problems: string[] = [];
  return {
    base,
    browser,
    context,
    problems,
    async newPage(viewport = VIEWPORTS.laptop, ctx = context) {
      const page = await ctx.newPage();
      await page.setViewportSize(viewport);
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${page.url()}: console ${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`${page.url()}: page error: ${err.message}`));
      // ERR_ABORTED is a request cut short by leaving the page (a type-ahead fetch, the favicon), not a fault.
      page.on(
        'requestfailed',
        (req) => req.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`${page.url()}: request failed: ${req.url()} ${req.failure()?.errorText}`),
      );
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Pastes a log fixture into the troubleshooter and waits for the answer. */
export async function pasteLog(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/troubleshoot`);
  await page.fill('#log', logFixture(name));
  await page.click('.paste-form button[type=submit]');
  await page.waitForSelector('.diagnoses, .notice');
}
