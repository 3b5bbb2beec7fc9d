// Renders covers.svg.mjs to <kind>.png next to this file (white motifs on a transparent ground, 320×200).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { covers } from './covers.svg.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 320, height: 200 }, deviceScaleFactor: 1 });
for (const [name, svg] of Object.entries(covers)) {
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="320" height="200" ')}</body></html>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  writeFileSync(join(here, `${name}.png`), png);
}
await browser.close();
