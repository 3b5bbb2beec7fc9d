import type { Page } from 'playwright-core';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * axe-core (npm `axe-core`, injected into the page) on the student's main pages and the officer's scanner and
 * attendance pages, as seeded students and officers see them at 375×812: no colour-contrast or target-size
 * violations. On top of axe's WCAG 2.2 minimum (24 px), every button and tab the page draws is at least 44 px tall,
 * the size WeChat and the review asked for (officers read and tap outdoors).
 */
jest.setTimeout(180_000);

const ctx = useDemoServerAndBrowser();
// axe-core's source, injected into the page as a script.
const axeSource = (require('axe-core') as { source: string }).source;

interface Finding {
  rule: string;
  target: string;
  summary: string;
}

/** axe's colour-contrast and target-size rules over what is on screen (Taro keeps left pages in the DOM, hidden). */
async function axeFindings(page: Page): Promise<Finding[]> {
  await page.waitForTimeout(600); // toasts and transitions settle
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<any> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast', 'target-size'] }, resultTypes: ['violations'] });
    return result.violations.flatMap((v: any) =>
      v.nodes.map((n: any) => ({ rule: v.id as string, target: String(n.target.join(' ')), summary: String(n.failureSummary ?? '').split('\n').slice(0, 2).join(' ') })),
    );
  });
}

/** Buttons and tabs shown on the page that are shorter than 44 px. */
async function smallTargets(page: Page, root: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const out: string[] = [];
    for (const r of Array.from(document.querySelectorAll(scope))) {
      for (const el of Array.from(r.querySelectorAll('.nut-button, .segment-tabs__item, .page-back'))) {
        const box = (el as HTMLElement).getBoundingClientRect();
        if ((el as HTMLElement).offsetParent === null || box.width === 0) continue;
        if (box.height < 43.5) out.push(`${(el.className as string).split(' ').slice(0, 3).join('.')} “${(el.textContent ?? '').trim().slice(0, 12)}” ${Math.round(box.height)}px`);
      }
    }
    return out;
  }, root);
}

/** Everything found on every page of a test, reported together at its end (one run shows all there is to fix). */
const found: Array<{ what: string; findings: Finding[]; small: string[] }> = [];

async function expectAccessible(page: Page, root: string, what: string): Promise<void> {
  await page.locator(`${root}:visible`).first().waitFor();
  const findings = await axeFindings(page);
  const small = await smallTargets(page, root);
  if (findings.length || small.length) found.push({ what, findings, small });
}

afterEach(() => {
  const report = found.splice(0);
  expect(report).toEqual([]);
});

async function actAsUnlisted(page: Page, studentNo: string): Promise<void> {
  await page.goto(`${ctx.server.base}/#/pages/me/index`);
  await page.evaluate((id) => localStorage.setItem('ysc.demoUser', JSON.stringify({ data: id })), studentNo);
  await page.reload();
  await page.locator('.me-page .profile-student-no', { hasText: studentNo }).waitFor();
}

it('the student’s 活动, 活动详情, 我的活动 and 我的 pass axe’s contrast and target-size rules, with 44 px buttons and tabs', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  // Confirmed for the lecture under way, with two past events: every state of the pages below has something to show.
  await actAsUnlisted(page, '2023011104');
  await expectAccessible(page, '.me-page', '我的');

  await page.goto(`${ctx.server.base}/#/pages/events/index`);
  await page.locator('.events-page .event-card').first().waitFor();
  await expectAccessible(page, '.events-page', '活动');
  await page.locator('.events-page .events-ended-toggle').click();
  await page.locator('.events-page .events-ended .event-card').first().waitFor();
  await expectAccessible(page, '.events-page', '活动（已结束展开）');

  await page.goto(`${ctx.server.base}/#/pages/event/index?id=e-lecture-now`);
  await page.locator('.event-page .checkin-pass-button:visible').waitFor();
  await page.locator('.event-page .event-credit:visible').waitFor();
  await expectAccessible(page, '.event-page', '活动详情（进行中，已报名）');

  await page.goto(`${ctx.server.base}/#/pages/event/index?id=e-lecture-speaker`);
  await page.locator('.event-page .signup-button:visible').waitFor();
  await expectAccessible(page, '.event-page', '活动详情（可报名）');

  await page.goto(`${ctx.server.base}/#/pages/event/index?id=e-volunteer-marathon`);
  await page.locator('.event-page .signup-button:visible').waitFor();
  await expectAccessible(page, '.event-page', '活动详情（志愿服务，按时长计）');

  await page.goto(`${ctx.server.base}/#/pages/registrations/index`);
  await page.locator('.registrations-page .registration-card').first().waitFor();
  await expectAccessible(page, '.registrations-page', '我的活动（进行中）');
  for (const tab of ['ended', 'upcoming']) {
    await page.locator(`.registrations-page .activity-tab-${tab}`).click();
    await page.locator(`.registrations-page .registration-card[data-phase="${tab}"]`).first().waitFor();
    await expectAccessible(page, '.registrations-page', `我的活动（${tab}）`);
  }
});

it('the officer’s 扫码签到 and 到场名单 pass axe’s contrast and target-size rules, with 44 px buttons and tabs', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, '2023011102');
  await page.locator('.me-page .checkin-entry').click();
  await page.locator('.checkin-events-page .checkin-event[data-id="e-lecture-now"]').waitFor();
  await expectAccessible(page, '.checkin-events-page', '签到管理');

  await page.locator('.checkin-events-page .checkin-event[data-id="e-lecture-now"] .checkin-event-scan').click();
  await page.locator('.scanner-page .scanner-package--ready:visible').waitFor();
  await expectAccessible(page, '.scanner-page', '扫码签到');

  await page.goto(`${ctx.server.base}/#/packages/officer/attendance/index?eventId=e-lecture-now`);
  await page.locator('.attendance-page .attendance-tab-in:visible').waitFor();
  await expectAccessible(page, '.attendance-page', '到场名单（已到）');
  await page.locator('.attendance-page .attendance-tab-absent:visible').click();
  await page.locator('.attendance-page .attendance-row:visible').first().waitFor();
  await expectAccessible(page, '.attendance-page', '到场名单（未到）');
});
