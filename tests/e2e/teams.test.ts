import type { Page } from 'playwright-core';
import { callApi } from '../support/server-process';
import { actAs as pickDemoUser, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * End to end, social-practice teams: the H5 build in Debian's Chromium at 375×812 against the local server (demo mode,
 * fresh seed). A leader creates a team for the 三下乡 from its event page, two students join with the code, the leader
 * signs the team up as one unit; the team shows 已报名 and every member holds a confirmed registration.
 */
jest.setTimeout(90_000);

const ctx = useDemoServerAndBrowser();

const EVENT_ID = 'e-practice-sanxiaxiang';
const LEADER = '2024012101';
const MEMBERS = ['2025012101', '2023012101'];

async function actAs(page: Page, studentNo: string): Promise<void> {
  await pickDemoUser(page, ctx.server.base, studentNo);
  await page.locator('.me-page .profile-student-no', { hasText: studentNo }).waitFor();
}

it('a leader creates a team, two students join with its code, and the leader signs the whole team up', async () => {
  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, LEADER);

  // From the event page of the 三下乡: 创建团队.
  await page.goto(`${ctx.server.base}/#/pages/event/index?id=${EVENT_ID}`);
  await page.locator('.event-page .team-entry:visible').waitFor();
  await page.locator('.event-page .team-create:visible').click();
  const form = page.locator('.create-team-page:visible');
  await form.locator('.team-form-submit').waitFor();

  // The phone's own check first, then the real thing.
  await form.locator('.team-form-submit').click();
  await form.locator('.team-form-error', { hasText: '请填写团队名称' }).waitFor();
  await form.locator('.team-name-input input').fill('星火宣讲队');
  await form.locator('.team-project-input input').fill('孝昌县乡村振兴政策宣讲');
  await form.locator('.team-form-submit').click();

  // 我的团队, as the leader: the code to share, and 整体报名 blocked until there are enough members.
  // H5 keeps earlier instances of 我的团队 in the page stack and shows the newest for a moment beside the old one
  // while navigating: act on the newest (last) one.
  const card = page.locator('.my-teams-page:visible').last().locator('.team-card', { hasText: '星火宣讲队' });
  await card.waitFor();
  await expect(card.getAttribute('data-status')).resolves.toBe('forming');
  const code = (await card.locator('.team-join-code').getAttribute('data-code'))!;
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  await card.locator('.team-signup-rule', { hasText: '还差 2 人' }).waitFor();
  await card.locator('.team-signup.team-signup--blocked').waitFor();

  // Two students join with the code (typed in lower case: the page upper-cases it).
  for (const member of MEMBERS) {
    await actAs(page, member);
    await page.goto(`${ctx.server.base}/#/pages/event/index?id=${EVENT_ID}`);
    await page.locator('.event-page .team-join:visible').click();
    const join = page.locator('.join-team-page:visible');
    await join.locator('.join-code-input input').fill(code.toLowerCase());
    await join.locator('.join-submit').click();
    const mine = page.locator('.my-teams-page:visible').last().locator('.team-card', { hasText: '星火宣讲队' });
    await mine.waitFor();
    await mine.locator('.team-leave').waitFor();
  }

  // The leader names the mentor, then signs the team up.
  await actAs(page, LEADER);
  await page.goto(`${ctx.server.base}/#/packages/teams/index/index`);
  const leaderCard = page.locator('.my-teams-page:visible').last().locator('.team-card', { hasText: '星火宣讲队' });
  await leaderCard.locator('.team-member').nth(2).waitFor();
  await leaderCard.locator('.team-signup-rule', { hasText: '请先填写指导老师' }).waitFor();
  await leaderCard.locator('.team-edit').click();
  await leaderCard.locator('.team-mentor-input input').fill('李华（马克思主义学院）');
  await leaderCard.locator('.team-form-submit').click();
  await leaderCard.locator('.team-mentor', { hasText: '李华' }).waitFor();
  await leaderCard.locator('.team-signup-rule', { hasText: '可以整体报名' }).waitFor();
  await leaderCard.locator('.team-signup:not(.team-signup--blocked)').click();
  await page.locator('.confirm-dialog .nut-dialog-footer-ok:visible').click();
  await page.locator('.toast-message', { hasText: '已整体报名' }).waitFor();
  await leaderCard.locator('.team-status', { hasText: '已报名' }).waitFor();
  await expect(leaderCard.getAttribute('data-status')).resolves.toBe('signed_up');
  // Signed up: no more join code, and the report form opens for the leader.
  expect(await leaderCard.locator('.team-join-code').count()).toBe(0);
  await leaderCard.locator('.team-report-form').waitFor();

  // Over HTTP: every member, leader included, holds a confirmed registration for the event.
  for (const studentNo of [LEADER, ...MEMBERS]) {
    const answer = await callApi(ctx.server.base, 'getEvent', { eventId: EVENT_ID }, studentNo);
    expect({ studentNo, status: answer.data?.myRegistration?.status }).toEqual({ studentNo, status: 'confirmed' });
  }
  expect(foreignRequests).toEqual([]);
});
