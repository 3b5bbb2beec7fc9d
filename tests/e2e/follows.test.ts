import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * 活动提醒 (issue 16) end to end, in Chromium against the local server's demo seed: a student who allowed one alert
 * on the phone follows 志愿服务 from the catalogue's 志愿服务 tab, sees the alerts left there, manages the follows on
 * the 活动提醒 page (which says the browser receives no WeChat messages) and unfollows; a visitor is told to log in.
 */
jest.setTimeout(180_000);

const ctx = useDemoServerAndBrowser();

/** A bound demo student. */
const STUDENT = '2024011101';
const USER = `o-demo-${STUDENT}`;

it('a student follows a kind from the catalogue, sees the alerts left, and unfollows it on 活动提醒', async () => {
  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, STUDENT);
  // One 允许 given on the phone before (the browser cannot ask WeChat).
  await callApi(ctx.server.base, 'recordSubscribeConsent', { results: [{ kind: 'new_event', accepted: true }] }, USER);

  await page.goto(`${ctx.server.base}/#/pages/events/index`);
  await page.locator('.events-page .category-tab-volunteer:visible').click();
  const strip = page.locator('.events-page .follow-strip:visible');
  await strip.filter({ hasText: '志愿服务有新活动开放报名时提醒我' }).waitFor();
  await page.locator('.events-page .follow-strip-follow:visible').click();
  await page.locator('.toast-message', { hasText: '已关注' }).waitFor();
  await page.locator('.events-page .follow-strip--on:visible', { hasText: '已关注志愿服务 · 剩余提醒 1 次' }).waitFor();
  expect((await callApi(ctx.server.base, 'listFollowTopics', {}, USER)).data.topics.filter((t: { followed: boolean }) => t.followed).map((t: { id: string }) => t.id)).toEqual(['volunteer']);

  await page.locator('.events-page .follow-strip-manage:visible').click();
  const follows = page.locator('.follows-page:visible');
  await follows.locator('.alerts-left', { hasText: '1' }).waitFor();
  await follows.getByText('网页版收不到微信提醒').waitFor();
  expect(await follows.locator('.follows-more').count()).toBe(0);
  const row = follows.locator('.follow-topic[data-topic="volunteer"]');
  await row.locator('.follow-toggle', { hasText: '已关注' }).waitFor();
  expect(await follows.locator('.follow-topic--on').count()).toBe(1);
  await row.locator('.follow-toggle').click();
  await page.locator('.toast-message', { hasText: '已取消关注' }).waitFor();
  await follows.locator('.follow-topic[data-topic="volunteer"]:not(.follow-topic--on) .follow-toggle', { hasText: '关注' }).waitFor();
  const after = (await callApi(ctx.server.base, 'listFollowTopics', {}, USER)).data;
  expect(after.topics.some((t: { followed: boolean }) => t.followed)).toBe(false);
  expect(after.alertsLeft).toBe(1);
  expect(foreignRequests).toEqual([]);
});

it('a visitor who has not logged in is told to log in and bind first', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await page.goto(`${ctx.server.base}/#/packages/alerts/follows/index`);
  await page.locator('.follows-page .follows-unbound:visible', { hasText: '登录并绑定学号后' }).waitFor();
  await page.locator('.follows-page .follows-bind:visible', { hasText: '去登录' }).waitFor();
});
