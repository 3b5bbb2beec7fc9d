import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * End to end in Chromium: a new WeChat user binds to the roster and signs up; a student who opens the officers'
 * members page is refused; a branch officer sees their branch.
 */
jest.setTimeout(60_000);

const ctx = useDemoServerAndBrowser();

const BRANCH = '24级软件技术1班团支部';

it('a new WeChat user binds to the roster (after a wrong try) and then signs up', async () => {
  // An outside tool (the committee's account) finds a student on the roster who has not bound yet.
  const roster = await callApi(ctx.server.base, 'listBranchMembers', { branch: BRANCH }, 'o-demo-admin');
  const student = roster.data.members.find((m: { bound: boolean }) => !m.bound);
  expect(student).toBeDefined();

  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, 'o-demo-newcomer-1');
  const form = page.locator('.me-page .bind-form');
  await form.waitFor();
  await form.locator('.bind-student-no input').fill(student.studentNo);
  await form.locator('.bind-name input').fill(`${student.name}错`);
  await form.locator('.bind-id-last6 input').fill(student.studentNo.slice(-6)); // demo data: the number's last six
  await form.locator('.bind-submit').click();
  await form.locator('.bind-error', { hasText: '还可尝试 4 次' }).waitFor();

  await form.locator('.bind-name input').fill(student.name);
  await form.locator('.bind-submit').click();
  await page.locator('.me-page .profile-student-no', { hasText: student.studentNo }).waitFor();

  await page.goto(`${ctx.server.base}/#/pages/event/index?id=e-volunteer-marathon`);
  await page.locator('.event-page .signup-button:visible').click();
  await page.locator('.toast-message', { hasText: '报名成功' }).waitFor();
  const mine = await callApi(ctx.server.base, 'listMyRegistrations', {}, student.studentNo);
  expect(mine.data.registrations.map((r: { event: { id: string } }) => r.event.id)).toContain('e-volunteer-marathon');
  expect(foreignRequests).toEqual([]);
});

it('a student who opens the officers’ members page is refused, and the branch officer sees the branch', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, '2025011101');
  await page.goto(`${ctx.server.base}/#/packages/officer/members/index?branch=${encodeURIComponent('23级软件技术1班团支部')}`);
  await page.locator('.members-page .members-forbidden', { hasText: '无权查看' }).first().waitFor();
  expect(await page.locator('.members-page .member-row').count()).toBe(0);

  const officer = await phonePage(ctx.browser, ctx.server);
  await actAs(officer.page, ctx.server.base, '2023011102');
  await officer.page.locator('.me-page .role-chip', { hasText: '23级软件技术1班团支部' }).waitFor();
  await officer.page.locator('.me-page .officer-entry').click();
  await officer.page.locator('.members-page .member-row').first().waitFor();
  expect(await officer.page.locator('.members-page .member-row:visible').count()).toBe(11);
});
