import type { Page } from 'playwright-core';
import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';

/**
 * What students expect from PU口袋校园 / 到梦空间, in the H5 build against the demo seed (the server's clock at
 * TEST_MOMENT; the page's clock the same, moved where a test needs another moment of an event, never the hour the
 * tests happen to run at): 我的活动 split by state, ended events folded in the catalogue, the pass card from 30
 * minutes before the start, appeals after the end, 提交申请 and team sign-up, who may sign up and what is under way,
 * the H5 header with 返回, one toast on copying, 我的 while loading and for a teacher.
 */
jest.setTimeout(120_000);

const ctx = useDemoServerAndBrowser();

/** 23级软件技术1班: confirmed for the lecture under way (e-lecture-now) and for two past events it attended. */
const STUDENT = '2023011104';

async function api(action: string, payload: unknown, user?: string): Promise<any> {
  const answer = await callApi(ctx.server.base, action, payload, user);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data;
}

/** Seeded students with sign-ups are not in the demo switch: set the identity as the switch stores it. */
async function actAsUnlisted(page: Page, studentNo: string): Promise<void> {
  await page.goto(`${ctx.server.base}/#/pages/me/index`);
  await page.evaluate((id) => localStorage.setItem('ysc.demoUser', JSON.stringify({ data: id })), studentNo);
  await page.reload();
  await page.locator('.me-page .profile-student-no', { hasText: studentNo }).waitFor();
}

/** The page's clock at an instant (the server keeps its own), then the page drawn again at that moment. */
async function pageClockAt(page: Page, at: number): Promise<void> {
  await page.clock.setSystemTime(at);
  await page.reload();
}

it('我的活动 splits sign-ups into 待参加 / 进行中 / 已结束: 签到码 for the one on now, outcome and credit for ended ones', async () => {
  const { registrations } = await api('listMyRegistrations', {}, STUDENT);
  const now = ctx.server.now().getTime();
  const phaseOf = (r: any) =>
    Date.parse(r.event.endAt) <= now || r.event.status === 'cancelled' ? 'ended' : Date.parse(r.event.startAt) <= now ? 'ongoing' : 'upcoming';
  const expected = { upcoming: 0, ongoing: 0, ended: 0 } as Record<string, number>;
  for (const r of registrations) expected[phaseOf(r)]++;
  expect(expected.ongoing).toBeGreaterThan(0);
  expect(expected.ended).toBeGreaterThan(0);

  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAsUnlisted(page, STUDENT);
  await page.goto(`${ctx.server.base}/#/pages/registrations/index`);
  const list = page.locator('.registrations-page');
  for (const [phase, label] of [['upcoming', '待参加'], ['ongoing', '进行中'], ['ended', '已结束']]) {
    await list.locator(`.activity-tab-${phase}`, { hasText: `${label}${expected[phase]}` }).waitFor();
  }
  // Something is on now: 进行中 is the tab shown first, with the way to 签到码 and no 取消报名.
  await list.locator('.activity-tab-ongoing.activity-tab--active').waitFor();
  const live = list.locator('.registration-card[data-event-id="e-lecture-now"]');
  await live.locator('.registration-pass', { hasText: '签到码' }).waitFor();
  expect(await live.locator('.cancel-button').count()).toBe(0);

  // Ended: how it went and the credit recorded; never a cancel button.
  await list.locator('.activity-tab-ended').click();
  const ended = list.locator('.registration-card[data-phase="ended"]');
  await ended.first().waitFor();
  expect(await ended.count()).toBe(expected.ended);
  for (const r of registrations.filter((x: any) => phaseOf(x) === 'ended')) {
    const card = list.locator(`.registration-card[data-event-id="${r.event.id}"]`);
    await card.locator('.registration-outcome', { hasText: r.attendance?.checkedInAt ? '已签到' : '缺席' }).waitFor();
    if (r.attendance?.checkedInAt) await card.locator('.registration-credit', { hasText: '已记入' }).waitFor();
  }
  expect(await list.locator('.registration-card[data-phase="ended"] .cancel-button').count()).toBe(0);

  // Upcoming ones still offer 取消报名 while it is allowed.
  await list.locator('.activity-tab-upcoming').click();
  await list.locator('.registration-card[data-phase="upcoming"]').first().waitFor();
  expect(await list.locator('.registration-card[data-phase="ended"]:visible').count()).toBe(0);

  // 签到码 from the running event's card.
  await list.locator('.activity-tab-ongoing').click();
  await live.locator('.registration-pass').click();
  await page.locator('.pass-page [data-testid="checkin-qr"][data-code^="Y1."]:visible').waitFor();
});

it('the catalogue folds ended events away under the list, and shows who may sign up and what is under way', async () => {
  const { events } = await api('listEvents', {});
  const now = ctx.server.now().getTime();
  const over = events.filter((e: any) => Date.parse(e.endAt) <= now);
  expect(over.length).toBeGreaterThan(0);

  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, '2024011101');
  await page.goto(`${ctx.server.base}/#/pages/events/index`);
  const catalogue = page.locator('.events-page');
  await catalogue.locator('.event-card').first().waitFor();
  for (const e of over) expect(await catalogue.locator(`.event-card[data-id="${e.id}"]`).count()).toBe(0);
  const toggle = catalogue.locator('.events-ended-toggle', { hasText: `已结束的活动 ${over.length} 个` });
  await toggle.click();
  for (const e of over) await catalogue.locator(`.events-ended .event-card[data-id="${e.id}"] .event-ended`).waitFor();

  // A college's own event under way: 仅限医学院, 进行中.
  const medical = catalogue.locator('.event-card[data-id="e-volunteer-now"]');
  await medical.locator('.event-audience', { hasText: '仅限医学院' }).waitFor();
  await medical.locator('.event-live', { hasText: '进行中' }).waitFor();
  // Every card has its cover: the kind's artwork (an image), the day in white.
  const covers = await catalogue.locator('.event-card .event-cover').count();
  expect(covers).toBe(await catalogue.locator('.event-card').count());
  expect(await catalogue.locator('.event-card .event-cover__art').first().getAttribute('src')).toBeTruthy();
});

it('the pass card shows from 30 minutes before the start, not earlier; the appeal only once the event has ended', async () => {
  // An upcoming seat: sign 2025011101 up for the first-aid session (days away).
  const eventId = 'e-firstaid-basic';
  const student = '2025011101';
  await api('signUp', { eventId }, student);
  const { event } = await api('getEvent', { eventId }, student);
  const start = Date.parse(event.startAt);

  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, student);
  const detail = page.locator('.event-page');
  const open = async () => {
    await page.goto(`${ctx.server.base}/#/pages/event/index?id=${eventId}`);
    await detail.locator('.my-status--confirmed:visible').waitFor();
  };
  await open();
  await detail.locator('.checkin-later:visible', { hasText: '起可出示签到码' }).waitFor();
  expect(await detail.locator('.checkin-pass-button:visible').count()).toBe(0);

  await pageClockAt(page, start - 40 * 60_000);
  await open();
  expect(await detail.locator('.checkin-pass-button:visible').count()).toBe(0);

  await pageClockAt(page, start - 25 * 60_000);
  await open();
  await detail.locator('.checkin-pass-button:visible').waitFor();
  expect(await detail.locator('.checkin-later:visible').count()).toBe(0);

  // Under way: 活动学分 says how credit comes, with no 学分申诉 yet; after the end the appeal is offered.
  await pageClockAt(page, start + 30 * 60_000);
  await open();
  await detail.locator('.event-credit:visible .event-credit-status--none').waitFor();
  expect(await detail.locator('.appeal-button:visible').count()).toBe(0);
  // No 取消报名 once it has begun.
  expect(await detail.locator('.cancel-button:visible').count()).toBe(0);

  await pageClockAt(page, Date.parse(event.endAt) + 10 * 60_000);
  await open();
  await detail.locator('.appeal-button:visible', { hasText: '学分申诉' }).waitFor();
  await detail.locator('.event-ended:visible', { hasText: '活动已结束' }).waitFor();
  expect(await detail.locator('.cancel-button:visible').count()).toBe(0);
});

it('an approval event says 提交申请; team practice offers only the team; a per-hour credit says its rate and ceiling', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, '2025012101');
  const detail = page.locator('.event-page');

  await page.goto(`${ctx.server.base}/#/pages/event/index?id=e-volunteer-recruit`);
  await detail.locator('.signup-button:visible', { hasText: '提交申请' }).waitFor();

  await page.goto(`${ctx.server.base}/#/pages/event/index?id=e-practice-sanxiaxiang`);
  await detail.locator('.team-create:visible', { hasText: '组队报名' }).waitFor();
  await detail.locator('.team-join:visible', { hasText: '凭码入队' }).waitFor();
  expect(await detail.locator('.signup-button:visible').count()).toBe(0);
  expect(await detail.locator('.team-entry:visible .nut-button').count()).toBe(0);

  await page.goto(`${ctx.server.base}/#/pages/event/index?id=e-volunteer-leifeng`);
  const rule = detail.locator('.event-credit-rule:visible');
  await rule.waitFor();
  expect(await rule.innerText()).toMatch(/每小时 0\.5 学分.*最多 3 学分/);
});

it('inner pages on H5 have a header with 返回 and the title; opened from a link it leads home; errors have a way out', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, '2024011101');
  await page.goto(`${ctx.server.base}/#/pages/events/index`);
  await page.locator('.events-page .event-card').first().click();
  const header = page.locator('.event-page .page-header:visible');
  await header.locator('.page-title', { hasText: '活动详情' }).waitFor();
  await header.locator('.page-back', { hasText: '返回' }).click();
  await page.locator('.events-page .event-card').first().waitFor();
  expect(page.url()).toContain('/pages/events/index');
  // The tab pages have the tab bar instead.
  expect(await page.locator('.events-page .page-header').count()).toBe(0);

  // A link straight to an inner page: nothing to go back to, so 首页.
  const { page: linked } = await phonePage(ctx.browser, ctx.server);
  await linked.goto(`${ctx.server.base}/#/packages/transcript/verify/index`);
  await linked.locator('.verify-page .page-back', { hasText: '首页' }).click();
  await linked.locator('.events-page .event-card').first().waitFor();

  // An error screen: besides 重试, a way out. (The event page's code is loaded once online, as it would be.)
  await linked.locator('.events-page .event-card[data-id="e-lecture-speaker"]').click();
  await linked.locator('.event-page .signup-button:visible').waitFor();
  await linked.context().setOffline(true);
  await linked.evaluate(() => { window.location.hash = '#/pages/event/index?id=e-lecture-branch'; });
  const error = linked.locator('.event-page .event-error:visible');
  await error.waitFor();
  await error.locator('.retry-button').waitFor();
  await error.locator('.error-exit').waitFor();
  await linked.context().setOffline(false);
});

it('copying the join code shows one toast, and the button says 已复制', async () => {
  await api('createTeam', { eventId: 'e-practice-fanjiaxiang', name: '复制测试队', project: '家乡社区调研', mentor: '' }, '2025013101');
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, '2025013101');
  await page.goto(`${ctx.server.base}/#/packages/teams/index/index`);
  const card = page.locator('.my-teams-page:visible .team-card', { hasText: '复制测试队' });
  await card.locator('.team-copy-code').click();
  await page.locator('.toast-message', { hasText: '入队码已复制' }).waitFor();
  await card.locator('.team-copy-code', { hasText: '已复制' }).waitFor();
  // One toast on screen: the page's own, none of the framework's (内容已复制).
  await page.waitForTimeout(300);
  const toasts = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.nut-toast, .taro__toast, [class*="toast"]'))
      .filter((el) => (el as HTMLElement).offsetParent !== null && (el.textContent ?? '').includes('复制'))
      .map((el) => (el.textContent ?? '').trim()),
  );
  expect(new Set(toasts.map((t) => (t.includes('内容已复制') ? 'framework' : 'page')))).toEqual(new Set(['page']));
  expect(await page.getByText('内容已复制').count()).toBe(0);
});

it('我的 shows a placeholder while it asks who you are, never 未绑定学号 to a bound student; a teacher sees the role', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, '2024011101');
  // Hold getMe until the placeholder has been seen.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/getMe', async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();
  await page.locator('.me-page .profile-loading').waitFor();
  expect(await page.locator('.me-page .profile-unbound').count()).toBe(0);
  expect(await page.locator('.me-page .bind-form').count()).toBe(0);
  release();
  await page.locator('.me-page .profile-student-no', { hasText: '2024011101' }).waitFor();
  expect(await page.locator('.me-page .profile-loading').count()).toBe(0);
  await page.unroute('**/api/getMe');

  // The committee's teacher: a work account with its role, no binding form (folded behind a link).
  await actAs(page, ctx.server.base, 'o-demo-admin');
  await page.locator('.me-page .profile-work .role-chip--committee_admin').waitFor();
  expect(await page.locator('.me-page .bind-form').count()).toBe(0);
  expect(await page.locator('.me-page .profile-unbound').count()).toBe(0);
  await page.locator('.me-page .bind-unfold').click();
  await page.locator('.me-page .bind-form').waitFor();

  // A student's 我的: 我的团队 and 我的申诉.
  await actAs(page, ctx.server.base, '2024011101');
  await page.locator('.me-page .my-teams-entry').click();
  await page.locator('.my-teams-page:visible').waitFor();
  await page.goto(`${ctx.server.base}/#/pages/me/index`);
  await page.locator('.me-page .my-appeals-entry').click();
  await page.locator('.transcript-home .transcript-appeals:visible').waitFor();
});

it('a failed save brings the first wrong field into view, its error under it', async () => {
  const { page } = await phonePage(ctx.browser, ctx.server);
  await page.setViewportSize({ width: 375, height: 560 });
  await actAs(page, ctx.server.base, 'o-demo-newcomer-1');
  const form = page.locator('.me-page .bind-form');
  await form.waitFor();
  await form.locator('.bind-student-no input').fill('2024019001');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await form.locator('.bind-submit').click();
  const error = form.locator('.bind-card__field-error.bind-error', { hasText: '请填写姓名' });
  await error.waitFor();
  await page.waitForTimeout(400);
  const box = await form.locator('.bind-name input').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(560);
});

it('到场名单 finds a student by name or 学号, and counts walk-ins apart (已到 N（含现场 K）/ 报名 M)', async () => {
  const lecture = await api('getEventAttendance', { eventId: 'e-lecture-opening' }, 'o-demo-admin');
  const walkIns = lecture.rows.filter((r: any) => r.walkIn && r.state !== 'absent').length;
  expect(lecture.counts.checkedIn).toBeGreaterThan(lecture.counts.registered); // the seed's "已到 195 / 报名 165"
  const someone = lecture.rows.find((r: any) => !r.walkIn && r.state === 'absent') ?? lecture.rows[0];

  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, 'o-demo-admin');
  await page.goto(`${ctx.server.base}/#/packages/officer/attendance/index?eventId=e-lecture-opening`);
  const roster = page.locator('.attendance-page:visible');
  await roster.locator('.attendance-counts', { hasText: `已到 ${lecture.counts.checkedIn}（含现场 ${walkIns}） / 报名 ${lecture.counts.registered}` }).waitFor();

  await roster.locator('.attendance-search input').fill(someone.studentNo.slice(-6));
  await roster.locator(`.attendance-row[data-student-no="${someone.studentNo}"]`).waitFor();
  expect(await roster.locator('.attendance-row').count()).toBeLessThan(5);
  await roster.locator('.attendance-search input').fill(someone.name);
  await roster.locator(`.attendance-row[data-student-no="${someone.studentNo}"]`).waitFor();
  await roster.locator('.attendance-search-clear').click();
  await roster.locator('.attendance-tab-in').waitFor();

  // Targets a finger (or a gloved one, outdoors) can hit.
  for (const selector of ['.attendance-export', '.attendance-tab-in', '.attendance-tab-absent']) {
    const box = await roster.locator(selector).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
});

it('the transcript names the school and its issuing committee, from a setting the committee can change', async () => {
  const student = '2024012101';
  const first = await api('createTranscriptShare', { includeTimeline: false, showStudentNo: false }, student);
  expect(first.snapshot.issuer).toEqual({ schoolName: '湖北职业技术学院', issuerName: '共青团湖北职业技术学院委员会' });

  const { page } = await phonePage(ctx.browser, ctx.server);
  await page.goto(`${ctx.server.base}/#/packages/transcript/verify/index?code=${encodeURIComponent(first.code)}`);
  const ok = page.locator('.verify-page .verify-ok:visible');
  await ok.locator('.verify-issuer', { hasText: '共青团湖北职业技术学院委员会' }).waitFor();
  await page.locator('.verify-page .verify-school:visible', { hasText: '湖北职业技术学院' }).waitFor();

  // The committee corrects the names: shares from now on carry the new ones; the first keeps what it was issued with.
  expect((await callApi(ctx.server.base, 'updateSiteSettings', { schoolName: '湖北职业技术学院', issuerName: '共青团湖北职院委员会' }, student)).code).toBe('FORBIDDEN');
  await api('updateSiteSettings', { schoolName: '湖北职业技术学院', issuerName: '共青团湖北职院委员会' }, 'o-demo-admin');
  expect(await api('getSiteSettings', {})).toEqual({ schoolName: '湖北职业技术学院', issuerName: '共青团湖北职院委员会' });
  const second = await api('createTranscriptShare', { includeTimeline: false, showStudentNo: false }, student);
  expect(second.snapshot.issuer.issuerName).toBe('共青团湖北职院委员会');
  expect((await api('verifyTranscript', { code: first.code })).snapshot.issuer.issuerName).toBe('共青团湖北职业技术学院委员会');
});
