// Renders icons.svg.mjs to <name>.png and <name>-active.png next to this file (transparent background).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { colors, icons } from './icons.svg.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 81, height: 81 }, deviceScaleFactor: 1 });
for (const [name, draw] of Object.entries(icons)) {
  for (const [suffix, color] of [['', colors.normal], ['-active', colors.active]]) {
    await page.setContent(`<html><body style="margin:0;background:transparent">${draw(color).replace("<svg ", "<svg width=\"81\" height=\"81\" ")}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    writeFileSync(join(here, `${name}${suffix}.png`), png);
  }
}
await browser.close();
