import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';
import { deskPage } from './desk';

/**
 * What an officer or the committee picks instead of typing, in the H5 build against the demo seed: a college
 * officer picks one of their college's branches on 团支部成员 (grouped by college, with a filter; no box for a full
 * name), and the organiser's 签到员 list shows people — name, 学号 and branch, a teacher by name — never an openid.
 */
jest.setTimeout(180_000);

const ctx = useDemoServerAndBrowser();
const ADMIN = 'o-demo-admin';
/** 院团总支 of 医学院 (seed), with no branch of their own. */
const COLLEGE_OFFICER = '2024021102';
const TEACHER = 'o-demo-newcomer-2';

async function api(action: string, payload: unknown, user?: string): Promise<any> {
  const answer = await callApi(ctx.server.base, action, payload, user);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data;
}

it('a college officer picks one of their college’s branches on 团支部成员, and can change it; nothing is typed', async () => {
  const { colleges } = await api('listBranches', {}, ADMIN);
  const medical = colleges.find((c: { college: string }) => c.college === '医学院');
  expect(colleges.length).toBeGreaterThan(1);
  const [first, second] = medical.branches as Array<{ branch: string; students: number }>;

  const { page, foreignRequests } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, COLLEGE_OFFICER);
  await page.locator('.me-page .officer-entry').click();
  const members = page.locator('.members-page:visible');
  const chooser = members.locator('.members-chooser');
  await chooser.locator('.branch-option').first().waitFor();

  // Only their college, every branch of it; no box asking for a full name.
  expect(await chooser.locator('.branch-college').evaluateAll((els) => els.map((e) => e.getAttribute('data-college')))).toEqual(['医学院']);
  expect(await chooser.locator('.branch-option').count()).toBe(medical.branches.length);
  expect(await members.locator('.members-branch-input').count()).toBe(0);

  // The filter narrows by any part of a name; a tap opens the branch and folds the picker away.
  await chooser.locator('.members-branch-picker-filter input').fill(second.branch.slice(0, 6));
  await chooser.locator(`.branch-option[data-value="${second.branch}"]`).waitFor();
  await chooser.locator(`.branch-option[data-value="${second.branch}"]`).click();
  await members.locator('.members-branch', { hasText: second.branch }).waitFor();
  await members.locator('.members-summary', { hasText: `共 ${second.students} 人` }).waitFor();
  expect(await members.locator('.member-row').count()).toBe(second.students);
  expect(await members.locator('.members-chooser').count()).toBe(0);

  // 更换团支部 opens it again with the current one marked; another branch replaces the list.
  await members.locator('.members-branch-change').click();
  await members.locator(`.members-chooser .branch-option--on[data-value="${second.branch}"]`).waitFor();
  await members.locator(`.members-chooser .branch-option[data-value="${first.branch}"]`).click();
  await members.locator('.members-summary', { hasText: `共 ${first.students} 人` }).waitFor();
  await members.locator('.members-branch', { hasText: first.branch }).waitFor();
  expect(foreignRequests).toEqual([]);
});

it('the 签到员 list names each helper — a student by name, 学号 and branch, a teacher by name — never by openid', async () => {
  // A teacher known by an invitation they accepted (no 学号).
  const { code } = await api('createRoleInvitation', { role: 'college_officer', scope: '医学院', inviteeName: '赵老师' }, ADMIN);
  await api('acceptRoleInvitation', { code }, TEACHER);
  const found = await api('searchRoster', { query: '2023011', pageSize: 20 }, ADMIN);
  const student = found.people.find((p: { bound: boolean }) => p.bound);

  const { page } = await phonePage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  await page.goto(`${ctx.server.base}/#/packages/officer/attendance/index?eventId=e-lecture-now`);
  const staff = page.locator('.attendance-page:visible .staff-section');
  await staff.locator('.staff-none').waitFor();

  await staff.locator('.person-search-input input').fill(student.studentNo);
  await staff.locator('.person-search-submit').click();
  await staff.locator(`.person-result[data-account="${student.studentNo}"]`).click();
  const studentItem = staff.locator('.staff-item', { hasText: student.name });
  await studentItem.waitFor();
  expect(await studentItem.locator('.staff-name').innerText()).toBe(student.name);
  expect(await studentItem.locator('.staff-detail').innerText()).toBe(`${student.studentNo} · ${student.branch}`);

  await staff.locator('.person-search-input input').fill('赵老');
  await staff.locator('.person-search-submit').click();
  await staff.locator(`.person-result[data-kind="teacher"][data-account="${TEACHER}"]`).click();
  const teacherItem = staff.locator('.staff-item', { hasText: '赵老师' });
  await teacherItem.waitFor();
  expect(await teacherItem.locator('.staff-detail').innerText()).toContain('老师');

  // Shown again from the server (a fresh load), still by name; no openid anywhere in the section.
  await page.reload();
  await staff.locator('.staff-item').nth(1).waitFor();
  const text = await staff.innerText();
  expect(text).toContain(student.name);
  expect(text).toContain('赵老师');
  expect(text).not.toMatch(/o-demo-/);

  // 取消指派 takes the teacher off by the account behind the row.
  await teacherItem.locator('.staff-remove').click();
  await teacherItem.waitFor({ state: 'detached' });
  expect((await api('getEventAttendance', { eventId: 'e-lecture-now' }, ADMIN)).staff).toEqual([
    { account: `o-demo-${student.studentNo}`, name: student.name, studentNo: student.studentNo, branch: student.branch },
  ]);
});

it('解绑学号: the committee finds the student by name and picks them; an unbound one is not offered; the log says it', async () => {
  const found = await api('searchRoster', { query: '2025', pageSize: 50 }, ADMIN);
  const student = found.people.find((p: { bound: boolean }) => p.bound);
  const unbound = found.people.find((p: { bound: boolean }) => !p.bound);
  const sameName = await api('searchRoster', { query: student.name, pageSize: 10 }, ADMIN);

  const { page } = await deskPage(ctx.browser, ctx.server);
  await actAs(page, ctx.server.base, ADMIN);
  await page.goto(`${ctx.server.base}/#/packages/committee/audit/index`);
  const form = page.locator('.audit-page:visible .unbind-form');
  await form.locator('.person-search-input input').waitFor();
  expect(await form.locator('.unbind-student-no').count()).toBe(0); // no box for a typed 学号

  // Nobody picked yet: the form says what to do.
  await form.locator('.unbind-reason input').fill('学生更换微信号');
  await form.locator('.unbind-submit').click();
  await form.locator('.unbind-error', { hasText: '请先按姓名或学号找到要解绑的学生' }).waitFor();

  // A student with no WeChat bound is refused before any request.
  await form.locator('.person-search-input input').fill(unbound.studentNo);
  await form.locator('.person-search-submit').click();
  await form.locator(`.person-result[data-account="${unbound.studentNo}"]`).click();
  await form.locator('.unbind-error', { hasText: '尚未绑定微信' }).waitFor();
  expect(await form.locator('.unbind-picked').count()).toBe(0);

  // Found by name (among namesakes, told apart by 学号 and branch), picked, unbound.
  await form.locator('.person-search-input input').fill(student.name);
  await form.locator('.person-search-submit').click();
  await form.locator('.person-search-total', { hasText: `共 ${sameName.total} 名学生` }).waitFor();
  expect(await form.locator('.person-result[data-kind="student"]').count()).toBe(sameName.people.length);
  await form.locator(`.person-result[data-account="${student.studentNo}"]`).click();
  await form.locator(`.unbind-picked[data-student-no="${student.studentNo}"]`, { hasText: student.branch }).waitFor();
  await form.locator('.unbind-submit').click();
  await page.locator('.toast-message', { hasText: `已解绑 ${student.name}` }).waitFor();
  expect(await form.locator('.unbind-picked').count()).toBe(0);
  const after = await api('searchRoster', { query: student.studentNo }, ADMIN);
  expect(after.people[0]).toMatchObject({ studentNo: student.studentNo, bound: false });
  await page.locator(`.audit-page:visible .audit-entry[data-action="unbindStudent"]`, { hasText: student.studentNo }).first().waitFor();
});
