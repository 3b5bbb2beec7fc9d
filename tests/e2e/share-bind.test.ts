import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * End to end in Chromium: a card forwarded into a class group opens an event for a student who has not bound yet.
 * Sign-up says to bind first; 去绑定 leads to the form on 我的, and once bound the student is back on that event and
 * signs up. A catalogue card shared from a kind tab opens on that tab.
 */
jest.setTimeout(60_000);

const ctx = useDemoServerAndBrowser();

const BRANCH = '24级软件技术1班团支部';
const EVENT_ID = 'e-volunteer-marathon';

it('a shared event URL opened by an unbound student: sign-up leads through binding back to the event', async () => {
  const roster = await callApi(ctx.server.base, 'listBranchMembers', { branch: BRANCH }, 'o-demo-admin');
  const student = roster.data.members.filter((m: { bound: boolean }) => !m.bound).at(-1);
  expect(student).toBeDefined();

  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, 'o-demo-newcomer-2');
  // The shared card's path, as a link in the browser.
  await page.goto(`${ctx.server.base}/#/pages/event/index?id=${EVENT_ID}`);
  const title = await page.locator('.event-page .event-title').textContent();
  await page.locator('.event-page .signup-button:visible').click();
  const dialog = page.locator('.confirm-dialog', { hasText: '请先绑定学号' });
  await dialog.waitFor();
  await dialog.locator('.nut-dialog-footer-ok', { hasText: '去绑定' }).click();

  const form = page.locator('.me-page .bind-form');
  await form.waitFor();
  await form.locator('.bind-student-no input').fill(student.studentNo);
  await form.locator('.bind-name input').fill(student.name);
  await form.locator('.bind-id-last6 input').fill(student.studentNo.slice(-6)); // demo data: the number's last six
  await form.locator('.bind-submit').click();

  // Bound, and back on the event the card opened.
  await page.waitForURL((url) => url.hash.startsWith('#/pages/event/index') && url.hash.includes(`id=${EVENT_ID}`));
  await page.locator('.event-page .event-title:visible', { hasText: title ?? '' }).waitFor();
  await page.locator('.event-page .signup-button:visible').click();
  await page.locator('.toast-message', { hasText: '报名成功' }).waitFor();
  const mine = await callApi(ctx.server.base, 'listMyRegistrations', {}, student.studentNo);
  expect(mine.data.registrations.map((r: { event: { id: string } }) => r.event.id)).toContain(EVENT_ID);
  expect(foreignRequests).toEqual([]);
});

it('a catalogue card shared from a kind tab opens on that tab', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await page.goto(`${ctx.server.base}/#/pages/events/index?category=volunteer`);
  await page.locator('.events-page .category-tab-volunteer.category-tab--active').waitFor();
  await page.locator('.events-page .event-card').first().waitFor();
  const kinds = await page.locator('.events-page .event-list .event-card:visible').allTextContents();
  expect(kinds.length).toBeGreaterThan(0);
  for (const text of kinds) expect(text).toContain('志愿服务');
});
