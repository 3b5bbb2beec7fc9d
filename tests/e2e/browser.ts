import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (installed by `npm test` when missing), never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run npm test (it installs Debian's chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone-sized page (375×812) that fails the test on any request to a host other than the local server. */
export async function phonePage(browser: Browser, base: string): Promise<{ page: Page; foreignRequests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  return { page, foreignRequests };
}

/** Acts as a demo identity through the visible switch on 我的 (H5, demo mode), as a tester would. */
export async function actAs(page: Page, base: string, demoUserId: string): Promise<void> {
  await page.goto(`${base}/#/pages/me/index`);
  await page.locator(`.me-page .demo-user-${demoUserId}`).click();
  await page.locator('.me-page .demo-identity, .me-page .demo-chip').first().waitFor();
}
