/**
 * The BUILT weapp (dist/weapp) in miniprogram-simulate, over the real handlers and a seeded SQLite database (see
 * ./harness.ts): a WeChat account that is not bound to anyone binds itself to its roster entry on 我的, and is then a
 * plain student, whom the officers' member list refuses.
 *
 * The account is o-wx-newcomer. The student is 2023011110: the seed puts students ending 10/11 of every class on
 * the roster unbound, and gives every seeded student the "ID last six" = the last six of the student number, hashed
 * with the backend's idHashKey (which the handlers check with). The tests run in order and share one app.
 */
import { bootWeapp, createBackend, openPage, visibleText, type Backend, type PageHandle } from './harness';

const OPENID = 'o-wx-newcomer';
const STUDENT_NO = '2023011110';
/** Demo data: the ID number's last six of a seeded student is the student number's last six. */
const ID_LAST6 = STUDENT_NO.slice(-6);

jest.setTimeout(30_000);

let backend: Backend;
const opened: PageHandle[] = [];

beforeAll(async () => {
  backend = await createBackend({ openid: OPENID });
  bootWeapp(backend);
});

afterAll(async () => {
  for (const page of opened) page.close();
  await backend?.close();
});

async function open(route: string, query?: Record<string, string>): Promise<PageHandle> {
  const page = await openPage(route, query, backend);
  opened.push(page);
  return page;
}

async function rosterEntry() {
  const student = await backend.storage.findStudentByNo(STUDENT_NO);
  if (!student) throw new Error(`the seed has no student ${STUDENT_NO}`);
  return student;
}

describe('weapp build, binding a WeChat account to the roster on 我的 (miniprogram-simulate + real handlers)', () => {
  let me: PageHandle;

  it('an unbound account sees the binding form on 我的, and a wrong name is refused with the tries left and binds nothing', async () => {
    const student = await rosterEntry();
    expect(student.openid).toBeNull();
    expect(student.secondFactorHash).not.toBeNull();
    expect(await backend.storage.studentNoByOpenid(OPENID)).toBeNull();

    me = await open('pages/me/index');
    await me.waitFor('the binding form', () => me.findAll('bind-form').length > 0);
    expect(visibleText(me.find('profile-unbound'))).toContain('未绑定学号');
    expect(me.findAll('profile-bound')).toHaveLength(0);

    const wrongName = `${student.name}甲`;
    await me.type(me.find('bind-student-no'), STUDENT_NO);
    await me.type(me.find('bind-name'), wrongName);
    await me.type(me.find('bind-id-last6'), ID_LAST6);
    const callsBefore = backend.calls.length;
    await me.tap(me.find('bind-submit'));

    // What was typed reached the handler as typed: the form read the native inputs' `input` events.
    const call = await me.waitFor('a bindStudent call', () => backend.calls.slice(callsBefore).find((c) => c.action === 'bindStudent'));
    expect(call).toMatchObject({ ok: false, code: 'BIND_MISMATCH', payload: { studentNo: STUDENT_NO, name: wrongName, idLast6: ID_LAST6 } });

    const error = await me.waitFor('the inline bind error', () => me.findAll('bind-error')[0]);
    expect(visibleText(error)).toContain('与名单不一致');
    expect(visibleText(error)).toContain('还可尝试 4 次');
    // Still the form, still unbound: in the page and in the database, where the failure is counted.
    expect(me.findAll('bind-form')).toHaveLength(1);
    expect(me.findAll('profile-bound')).toHaveLength(0);
    expect(await backend.storage.studentNoByOpenid(OPENID)).toBeNull();
    expect((await rosterEntry()).openid).toBeNull();
    expect(await backend.storage.getBindAttempts(OPENID)).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it('with the right name it binds: 我的 shows the profile with the student number and the database binds the account', async () => {
    const student = await rosterEntry();
    // Correcting the name clears the previous error; 学号 and 身份证后六位 are kept from the first try.
    await me.type(me.find('bind-name'), student.name);
    await me.waitFor('the bind error to clear', () => me.findAll('bind-error').length === 0);
    const callsBefore = backend.calls.length;
    await me.tap(me.find('bind-submit'));

    const call = await me.waitFor('a bindStudent call', () => backend.calls.slice(callsBefore).find((c) => c.action === 'bindStudent'));
    expect(call).toMatchObject({ ok: true, payload: { studentNo: STUDENT_NO, name: student.name, idLast6: ID_LAST6 } });

    const profile = await me.waitFor('the bound profile card', () => me.findAll('profile-bound')[0]);
    expect(visibleText(me.find('profile-student-no', profile))).toBe(`学号 ${STUDENT_NO}`);
    expect(visibleText(me.find('profile-name', profile))).toBe(student.name);
    await me.waitForText('绑定成功');
    expect(me.findAll('bind-form')).toHaveLength(0);
    expect(me.findAll('profile-unbound')).toHaveLength(0);

    expect(await backend.storage.studentNoByOpenid(OPENID)).toBe(STUDENT_NO);
    expect((await rosterEntry()).openid).toBe(OPENID);
  });

  it('the bound account is a plain student: the officers\' member list of its own branch refuses it (无权查看), not an empty list', async () => {
    const { branch } = await rosterEntry();
    expect(await backend.storage.rolesOf(OPENID)).toEqual([]);
    const members = await backend.storage.listStudentsOfBranch(branch);
    expect(members.length).toBeGreaterThan(0);

    const page = await open('packages/officer/members/index', { branch: encodeURIComponent(branch) });
    const refusal = await page.waitFor('the refusal state (members-forbidden)', () => page.findAll('members-forbidden')[0]);
    expect(visibleText(refusal)).toContain('无权查看');
    expect(visibleText(page.find('members-branch'))).toBe(branch);
    expect(backend.calls.filter((c) => c.action === 'listBranchMembers')).toEqual([
      expect.objectContaining({ ok: false, code: 'FORBIDDEN', payload: expect.objectContaining({ branch }) }),
    ]);
    // Nobody of the branch is shown, and the list states do not stand in for the refusal.
    expect(page.findAll('member-row')).toHaveLength(0);
    expect(page.findAll('members-empty')).toHaveLength(0);
    expect(page.text()).not.toContain(members[0].name);
  });
});
