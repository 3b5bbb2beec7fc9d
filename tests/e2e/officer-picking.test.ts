import { callApi } from '../support/server-process';
import { actAs, phonePage, useDemoServerAndBrowser } from './browser';

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
