import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleLocalServer, startServer, type RunningServer } from '../support/server-process';
import { TEST_MOMENT } from '../support/test-moment';

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

/**
 * A phone-sized page (375×812) that fails the test on any request to a host other than the local server. Its clock
 * is the server's (TEST_CLOCK_START), moving on from there, so codes the page signs are judged at the same moment.
 */
export async function phonePage(browser: Browser, server: Pick<RunningServer, 'base' | 'clockOffsetMs'>): Promise<{ page: Page; foreignRequests: string[] }> {
  const base = server.base;
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  await context.clock.install({ time: Date.now() + server.clockOffsetMs });
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

/**
 * Registers beforeAll/afterAll hooks that start the local server (demo mode, fresh data, serving dist/h5, built by
 * `npm test`, its clock started at TEST_MOMENT) and Chromium, and returns a handle whose fields are set once the hooks ran.
 */
export function useDemoServerAndBrowser(): { server: RunningServer; browser: Browser } {
  const h5 = path.resolve('dist/h5');
  const bundle = bundleLocalServer();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ysc-e2e-'));
  const handle = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    if (!existsSync(path.join(h5, 'index.html'))) throw new Error('dist/h5 is missing: run `npx taro build --type h5` (npm test does)');
    handle.server = await startServer(bundle.file, { DATA_DIR: dataDir, STATIC_DIR: h5, DEMO_MODE: '1', TEST_CLOCK_START: TEST_MOMENT.toISOString() });
    handle.browser = await launchChromium();
  });
  afterAll(async () => {
    await handle.browser?.close();
    await handle.server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    bundle.remove();
  });
  return handle;
}
