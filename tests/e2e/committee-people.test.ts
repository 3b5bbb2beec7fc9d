import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';
import { deskPage } from './desk';

/**
 * Giving roles without what a teacher cannot know, and the outbox a teacher can read, end to end in Chromium against
 * the demo seed: the committee finds a student by name on 角色管理 (paged), gives a role with the branch picked from
 * the roster, and invites a teacher; the teacher — a WeChat user with no 学号 (in demo mode a demo identity) — opens
 * the invitation and accepts it, once; a second person is refused; the log says it in a sentence. Then 消息发件箱
 * shows the reminders grouped by event and reason, with counts that match the recipients.
 */
jest.setTimeout(240_000);

const ctx = useDemoServerAndBrowser();
const ADMIN = 'o-demo-admin';
const TEACHER = 'o-demo-newcomer-2';
const SOMEONE_ELSE = 'o-demo-newcomer-1';

async function api(action: string, payload: unknown, user?: string): Promise<any> {
  const answer = await callApi(ctx.server.base, action, payload, user);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data;
}

it('the committee gives a student a role by search and branch picker, and invites a teacher who accepts once', async () => {
  const { page, foreignRequests } = await deskPage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  await page.goto(`${ctx.server.base}/#/packages/committee/roles/index`);
  const roles = page.locator('.roles-page:visible');

  // Search by the start of a 学号: a page of 10 with the total, and the next page.
  const prefix = '2024'; // the start of a 学号: many students
  const found = await api('searchRoster', { query: prefix, pageSize: 10 }, ADMIN);
  expect(found.total).toBeGreaterThan(10);
  await roles.locator('.person-search-input input').fill(prefix);
  await roles.locator('.person-search-submit').click();
  await roles.locator('.person-search-total', { hasText: `共 ${found.total} 名学生` }).waitFor();
  expect(await roles.locator('.person-result[data-kind="student"]').count()).toBe(10);
  await roles.locator('.person-pager-next').click();
  await roles.locator('.person-search-total', { hasText: '第 2 /' }).waitFor();

  // A bound student found by 学号: give them 团支部书记 of a branch picked from the roster (filtered, not typed).
  const student = found.people.find((p: { bound: boolean }) => p.bound);
  await roles.locator('.person-search-input input').fill(student.studentNo);
  await roles.locator('.person-search-submit').click();
  await roles.locator(`.person-result[data-account="${student.studentNo}"]`).click();
  await roles.locator('.role-person', { hasText: student.name }).waitFor();
  await roles.locator('.role-pick-branch_officer').click();
  await roles.locator('.role-scope-picker-filter input').fill(student.branch.slice(0, 4));
  await roles.locator(`.role-scope-picker .branch-option[data-value="${student.branch}"]`).click();
  await roles.locator('.role-grant').click();
  await roles.locator('.role-result', { hasText: '已授予' }).waitFor();
  await roles.locator(`.role-current[data-role="branch_officer"][data-scope="${student.branch}"]`).waitFor();
  expect((await api('getMe', {}, student.studentNo)).roles).toContainEqual({ role: 'branch_officer', scope: student.branch });

  // Invite a teacher as 院团总支 of 医学院 for 3 days.
  await roles.locator('.invite-name input').fill('王老师');
  await roles.locator('.invite-role-college_officer').click();
  await roles.locator('.invite-scope-picker .college-option[data-value="医学院"]').click();
  await roles.locator('.invite-create').click();
  const codeEl = roles.locator('.invite-code');
  await codeEl.waitFor();
  const code = (await codeEl.getAttribute('data-code'))!;
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const invitationId = (await roles.locator('.invite-result').getAttribute('data-id'))!;
  await roles.locator(`.invitation-row[data-id="${invitationId}"][data-state="open"]`).waitFor();

  // The teacher (a WeChat user with no 学号) opens the invitation's link on the phone and accepts it.
  const teacher = await phonePage(ctx.browser, ctx.server);
  await actAs(teacher.page, ctx.server.base, TEACHER);
  await teacher.page.goto(`${ctx.server.base}/#/packages/committee/invite/index?code=${code}`);
  const offer = teacher.page.locator('.invite-page:visible .invite-offer');
  await offer.locator('.invite-offer-role', { hasText: '院团总支 · 医学院' }).waitFor();
  expect(await offer.locator('.invite-offer-name').innerText()).toContain('王老师');
  await offer.locator('.invite-accept').click();
  await teacher.page.locator('.invite-page:visible .invite-accepted', { hasText: '院团总支 · 医学院' }).waitFor();
  expect((await api('getMe', {}, TEACHER)).roles).toEqual([{ role: 'college_officer', scope: '医学院' }]);

  // Single use: someone else with the same code is refused, in Chinese, and gets nothing.
  const other = await phonePage(ctx.browser, ctx.server);
  await actAs(other.page, ctx.server.base, SOMEONE_ELSE);
  await other.page.goto(`${ctx.server.base}/#/packages/committee/invite/index?code=${code}`);
  await other.page.locator('.invite-page:visible .invite-offer .invite-accept').click();
  const refused = other.page.locator('.invite-page:visible .invite-refused[data-code="INVITATION_USED"]');
  await refused.waitFor();
  expect(await refused.locator('.invite-refused-message').innerText()).toContain('只能使用一次');
  expect((await api('getMe', {}, SOMEONE_ELSE)).roles).toEqual([]);

  // The committee sees it accepted, by name; the log says it as a sentence, and the teacher can be found by name now.
  await page.goto(`${ctx.server.base}/#/packages/committee/audit/index`);
  await page.locator('.audit-page:visible .audit-entry[data-action="invitation.accept"] .audit-sentence', { hasText: '接受邀请，成为「院团总支 · 医学院」' }).first().waitFor();
  expect(await page.locator('.audit-page:visible .audit-entry[data-action="invitation.accept"] .audit-actor').first().innerText()).toBe('王老师');
  const log = await page.locator('.audit-page:visible .audit-list, .audit-page:visible .audit-page__list').first().innerText();
  expect(log).not.toMatch(/o-demo-/);
  expect((await api('searchRoster', { query: '王老' }, ADMIN)).accounts).toEqual([{ account: TEACHER, name: '王老师', roles: [{ role: 'college_officer', scope: '医学院' }] }]);
  await page.goto(`${ctx.server.base}/#/packages/committee/roles/index`);
  await page.locator(`.roles-page:visible .invitation-row[data-id="${invitationId}"][data-state="accepted"]`, { hasText: '王老师' }).waitFor();
  expect([...foreignRequests, ...teacher.foreignRequests, ...other.foreignRequests]).toEqual([]);
});

it('the outbox shows one line per event and reason with its counts, opening to its recipients', async () => {
  await api('runScheduledJobs', {}, ADMIN);
  const { groups } = await api('summarizeOutbox', {}, ADMIN);
  expect(groups.length).toBeGreaterThan(0);
  const biggest = [...groups].sort((a: { total: number }, b: { total: number }) => b.total - a.total)[0];

  const { page } = await deskPage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  await page.goto(`${ctx.server.base}/#/packages/committee/outbox/index`);
  const outbox = page.locator('.outbox-page:visible');
  expect(await outbox.locator('.outbox-run').innerText()).toContain('立即发送到期消息');
  await outbox.locator('.outbox-group').first().waitFor();
  expect(await outbox.locator('.outbox-group').count()).toBe(groups.length);
  expect(await outbox.locator('.outbox-item').count()).toBe(0);

  const line = outbox.locator(`.outbox-group[data-event-id="${biggest.eventId}"][data-kind="${biggest.kind}"]`);
  expect(await line.getAttribute('data-total')).toBe(String(biggest.total));
  expect(await line.locator('.outbox-group-title').innerText()).toBe(biggest.eventTitle);
  await line.locator('.outbox-group-open').click();
  await line.locator('.outbox-item').first().waitFor();
  expect(await line.locator('.outbox-item').count()).toBe(biggest.total);
  expect(await line.locator(`.outbox-item[data-event-id="${biggest.eventId}"][data-kind="${biggest.kind}"]`).count()).toBe(biggest.total);

  await outbox.locator('.outbox-run').click();
  await outbox.locator('.outbox-report-text', { hasText: '发送' }).waitFor();
});
