/**
 * Screenshots of every page of the tour (test/support/page-tour.ts) at laptop (1366) and phone (390) width,
 * into test-output/screenshots, for a person to look at. Not a test: nothing compares them.
 *   npm run screenshots
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../src/config.js';
import { VIEWPORTS, browserSkip, startBrowserApp } from '../test/support/browser.js';
import { PAGE_TOUR } from '../test/support/page-tour.js';

const dir = path.join(PROJECT_DIR, 'test-output', 'screenshots');
if (browserSkip) {
  console.error(`screenshots: ${browserSkip}`);
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
const app = await startBrowserApp();
try {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    for (const stop of PAGE_TOUR) {
      const page = await app.newPage(viewport);
      await stop.visit(page, app.base);
      await page.screenshot({ path: path.join(dir, `${stop.name}-${width}.png`), fullPage: true });
      // A long phone page shrinks past reading in a viewer: its first two screens as well.
      await page.screenshot({
        path: path.join(dir, `${stop.name}-${width}-top.png`),
        clip: { x: 0, y: 0, width: viewport.width, height: viewport.height * 2 },
      });
      await page.close();
    }
  }
  console.log(`screenshots: ${PAGE_TOUR.length * 2} pages (full and top) in ${dir}`);
  if (app.problems.length) console.log(`screenshots: the pages reported problems:\n${app.problems.join('\n')}`);
} finally {
  await app.close();
}
process.exit(0);
