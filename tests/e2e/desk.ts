import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../support/server-process';

/** A computer's window (1280×800), on the server's clock, failing on requests to any other host. */
export async function deskPage(browser: Browser, server: Pick<RunningServer, 'base' | 'clockOffsetMs'>): Promise<{ page: Page; foreignRequests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.clock.install({ time: Date.now() + server.clockOffsetMs });
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(server.base) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  return { page, foreignRequests };
}

/** axe-core's source, injected into pages as a script (never fetched). */
export function axeSource(): string {
  return (require('axe-core') as { source: string }).source;
}

export interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs the named axe rules on the element matched by `selector` (the visible page root). */
export async function runAxe(page: Page, selector: string, rules: string[]): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource() });
  return page.evaluate(
    async ({ selector, rules }) => {
      const root = Array.from(document.querySelectorAll(selector)).find((el) => (el as HTMLElement).offsetParent !== null) ?? document.body;
      const axe = (window as any).axe;
      const result = await axe.run(root, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
      return result.violations.map((v: AxeViolation) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.slice(0, 8).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    },
    { selector, rules },
  );
}
