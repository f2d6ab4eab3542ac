/// <reference lib="dom" />
/**
 * The pages a helpdesk engineer sees, each reached as a person would reach it: what the accessibility test
 * checks and `npm run screenshots` photographs. Each stop leaves the page showing what it names.
 */
import type { Page } from 'playwright-core';
import { pasteLog } from './browser.js';

export interface TourStop {
  name: string;
  visit(page: Page, base: string): Promise<void>;
}

export const PAGE_TOUR: readonly TourStop[] = [
  { name: 'home', visit: (page, base) => goto(page, `${base}/`) },
  { name: 'search', visit: (page, base) => goto(page, `${base}/search?q=${encodeURIComponent('despooler error 32')}`) },
  {
    name: 'search-filtered',
    visit: (page, base) => goto(page, `${base}/search?q=${encodeURIComponent('error product:sms')}&version=${encodeURIComponent('sms 2.0')}`),
  },
  { name: 'search-none', visit: (page, base) => goto(page, `${base}/search?q=${encodeURIComponent('zzqx frobnicate')}`) },
  { name: 'search-unknown-product', visit: (page, base) => goto(page, `${base}/search?q=error&product=zzz`) },
  { name: 'article', visit: (page, base) => goto(page, `${base}/kb/Q161043`) },
  { name: 'troubleshoot', visit: (page, base) => goto(page, `${base}/troubleshoot`) },
  {
    name: 'troubleshoot-question',
    visit: (page, base) => pasteLog(page, base, 'rules-event-1025.txt'),
  },
  {
    name: 'troubleshoot-diagnosis',
    async visit(page, base) {
      await pasteLog(page, base, 'despooler-sms12.log');
      await page.waitForSelector('li.diagnosis');
    },
  },
  {
    name: 'shared',
    async visit(page, base) {
      await pasteLog(page, base, 'despooler-sms12.log');
      await page.click('.share-form button[type=submit]:not([formaction])');
      await page.waitForURL(/\/t\/[A-Za-z0-9_-]+/);
    },
  },
  { name: 'products', visit: (page, base) => goto(page, `${base}/products`) },
  { name: 'product', visit: (page, base) => goto(page, `${base}/products/sms`) },
  { name: 'reports', visit: (page, base) => goto(page, `${base}/reports`) },
  { name: 'not-found', visit: (page, base) => goto(page, `${base}/kb/Q999999`) },
];

async function goto(page: Page, url: string): Promise<void> {
  await page.goto(url);
}
