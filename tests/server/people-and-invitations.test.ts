import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeEvent, makeOutboxMessage, makeStudent } from '../support/factories';
import { downloaded, tempFileStore, upload } from '../support/files';

/**
 * Roles without typing what a teacher cannot know, through the handlers: the committee finds students by name or
 * number (paged) and branches by college; a teacher is invited by a one-time code and, signed in with WeChat, accepts
 * it (once; expired, used and revoked invitations are refused in Chinese); the audit log names people and events; the
 * outbox is summed up by event and reason.
 */
let storage: SqliteStorage;
let files: ReturnType<typeof tempFileStore>;
const ADMIN = 'o-admin';
const TEACHER = 'o-teacher-wang';

function as(openid: string | null, now: Date = NOW): HandlerContext {
  return { storage, files, caller: openid ? { kind: 'wechat', openid } : { kind: 'anonymous' }, now: () => now, demoMode: false };
}
const call = (action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> => dispatch({ action, payload }, ctx);
function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}

beforeEach(async () => {
  storage = new SqliteStorage({ file: ':memory:' });
  files = tempFileStore();
  await storage.putStudents([
    makeStudent(1, { name: '陈雯', college: '信息工程学院', branch: '24级软件技术1班团支部', openid: 'openid-1' }),
    ...Array.from({ length: 30 }, (_, k) => makeStudent(10 + k, { name: `陈同学${k}`, college: '医学院', branch: '24级护理1班团支部', openid: null })),
    makeStudent(2, { name: '张星月', college: '医学院', branch: '24级护理2班团支部', openid: 'openid-2' }),
  ]);
  await storage.grantRole(
    { openid: ADMIN, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: ADMIN, detail: '{}' },
  );
  await storage.grantRole(
    { openid: 'openid-2', role: 'branch_officer', scope: '24级护理2班团支部', grantedBy: ADMIN, grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: ADMIN, action: 'grantRole', target: 'openid-2', detail: '{"role":"branch_officer"}' },
  );
});
afterEach(() => storage.close());

describe('finding people', () => {
  it('finds students by the start of a name, 20 a page, with the total, and shows the committee each account’s roles', async () => {
    const first = ok(await call('searchRoster', { query: '陈' }, as(ADMIN)));
    expect(first).toMatchObject({ total: 31, page: 1, pageSize: 20 });
    expect(first.people).toHaveLength(20);
    expect(first.people[0]).toMatchObject({ studentNo: '20240001', name: '陈雯', bound: true, roles: [] });
    const second = ok(await call('searchRoster', { query: '陈', page: 2 }, as(ADMIN)));
    expect(second.people).toHaveLength(11);
    const zhang = ok(await call('searchRoster', { query: '20240002' }, as(ADMIN)));
    expect(zhang.people[0]).toMatchObject({ name: '张星月', roles: [{ role: 'branch_officer', scope: '24级护理2班团支部' }] });
  });

  it('lets an officer search (to pick a check-in helper) without seeing roles, and refuses a student', async () => {
    const found = ok(await call('searchRoster', { query: '张' }, as('openid-2')));
    expect(found.people[0]).toMatchObject({ name: '张星月', roles: [] });
    expect(await call('searchRoster', { query: '张' }, as('openid-1'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('lists branches grouped by college, with their sizes', async () => {
    const { colleges } = ok(await call('listBranches', {}, as(ADMIN)));
    expect(colleges).toEqual([
      { college: '信息工程学院', students: 1, branches: [{ branch: '24级软件技术1班团支部', students: 1 }] },
      { college: '医学院', students: 31, branches: [{ branch: '24级护理1班团支部', students: 30 }, { branch: '24级护理2班团支部', students: 1 }] },
    ]);
  });
});

describe('inviting a teacher to a role', () => {
  it('invites a teacher who accepts once in WeChat: the role is theirs, audited, and they are known by name', async () => {
    const created = ok(await call('createRoleInvitation', { role: 'college_officer', scope: '医学院', inviteeName: '王老师', expiresInHours: 48 }, as(ADMIN)));
    expect(created.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(created.qrText).toBe(`ysc-invite:${created.code}`);
    expect(created.path).toBe(`/packages/committee/invite/index?code=${created.code}`);
    expect(created.invitation).toMatchObject({ role: 'college_officer', scope: '医学院', inviteeName: '王老师', state: 'open', expiresAt: at(48).toISOString() });

    // The teacher sees what they are asked to accept, then accepts (typed in lower case, as a pasted link works too).
    expect(ok(await call('getRoleInvitation', { code: created.code.toLowerCase() }, as(TEACHER)))).toEqual({
      inviteeName: '王老师', role: 'college_officer', scope: '医学院', expiresAt: at(48).toISOString(), state: 'open',
    });
    const accepted = ok(await call('acceptRoleInvitation', { code: `https://x.example/#${created.path}` }, as(TEACHER, at(1))));
    expect(accepted).toEqual({ role: 'college_officer', scope: '医学院', roles: [{ role: 'college_officer', scope: '医学院' }] });
    expect(ok(await call('getMe', {}, as(TEACHER))).roles).toEqual([{ role: 'college_officer', scope: '医学院' }]);

    // Used once: another account (or the same) is refused with a sentence.
    const again = await call('acceptRoleInvitation', { code: created.code }, as('o-someone', at(2)));
    expect(again).toMatchObject({ ok: false, code: 'INVITATION_USED', message: expect.stringContaining('只能使用一次') });

    const { invitations } = ok(await call('listRoleInvitations', {}, as(ADMIN, at(2))));
    expect(invitations[0]).toMatchObject({ id: created.invitation.id, state: 'accepted', acceptedByName: '王老师', acceptedAt: at(1).toISOString() });

    // The audit log names the teacher; the teacher can now be found by name to give another role.
    const log = ok(await call('listAuditLog', {}, as(ADMIN)));
    expect(log.entries[0]).toMatchObject({ action: 'invitation.accept', actor: TEACHER, target: created.invitation.id });
    expect(log.names[TEACHER]).toBe('王老师');
    const found = ok(await call('searchRoster', { query: '王' }, as(ADMIN)));
    expect(found.accounts).toEqual([{ account: TEACHER, name: '王老师', roles: [{ role: 'college_officer', scope: '医学院' }] }]);
  });

  it('refuses an expired invitation, a revoked one and a made-up code, in Chinese, and grants nothing', async () => {
    const short = ok(await call('createRoleInvitation', { role: 'committee_admin', scope: '', inviteeName: '李老师', expiresInHours: 1 }, as(ADMIN)));
    const expired = await call('acceptRoleInvitation', { code: short.code }, as(TEACHER, at(2)));
    expect(expired).toMatchObject({ ok: false, code: 'INVITATION_EXPIRED', message: expect.stringContaining('已过期') });

    const revokedOne = ok(await call('createRoleInvitation', { role: 'committee_admin', scope: '', inviteeName: '李老师' }, as(ADMIN)));
    expect(ok(await call('revokeRoleInvitation', { invitationId: revokedOne.invitation.id }, as(ADMIN))).invitation.state).toBe('revoked');
    expect(await call('acceptRoleInvitation', { code: revokedOne.code }, as(TEACHER))).toMatchObject({ ok: false, code: 'INVITATION_REVOKED', message: expect.stringContaining('撤回') });

    expect(await call('acceptRoleInvitation', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }, as(TEACHER))).toMatchObject({ ok: false, code: 'INVITATION_UNKNOWN' });
    expect(await call('acceptRoleInvitation', { code: 'not a code at all' }, as(TEACHER))).toMatchObject({ ok: false, code: 'INVITATION_UNKNOWN' });
    expect(await call('getMe', {}, as(TEACHER))).toMatchObject({ ok: true, data: { roles: [] } });
    const open = ok(await call('listRoleInvitations', { state: 'expired' }, as(ADMIN, at(2))));
    expect(open.invitations.map((i: { id: string }) => i.id)).toEqual([short.invitation.id]);
  });

  it('refuses a wrong scope when inviting, revoking a used invitation, and anyone but the committee', async () => {
    expect(await call('createRoleInvitation', { role: 'branch_officer', scope: '没有这个团支部', inviteeName: '王老师' }, as(ADMIN))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call('createRoleInvitation', { role: 'college_officer', scope: '医学院', inviteeName: '王老师' }, as('openid-2'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const created = ok(await call('createRoleInvitation', { role: 'branch_officer', scope: '24级护理1班团支部', inviteeName: '王老师' }, as(ADMIN)));
    ok(await call('acceptRoleInvitation', { code: created.code }, as(TEACHER)));
    expect(await call('revokeRoleInvitation', { invitationId: created.invitation.id }, as(ADMIN))).toMatchObject({ ok: false, code: 'INVITATION_USED' });
    expect(await call('acceptRoleInvitation', { code: created.code }, as(null))).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
  });
});

describe('reading the log and the outbox', () => {
  it('names the people and events an audit entry mentions, looked up in bulk', async () => {
    await storage.putEvents([makeEvent({ id: 'e-theme-branch-past', title: '主题团日：青春向党' })]);
    await storage.grantRole(
      { openid: 'openid-1', role: 'branch_officer', scope: '24级软件技术1班团支部', grantedBy: ADMIN, grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: ADMIN, action: 'appeal.accept', target: 'e-theme-branch-past:20240002', detail: '{}' },
    );
    const { entries, names, events } = ok(await call('listAuditLog', {}, as(ADMIN)));
    expect(entries[0]).toMatchObject({ action: 'appeal.accept', target: 'e-theme-branch-past:20240002' });
    expect(names).toMatchObject({ 20240002: '张星月', 'openid-2': '张星月' });
    expect(events).toEqual({ 'e-theme-branch-past': '主题团日：青春向党' });
  });

  it('sums the outbox up by event and reason, newest events first, with titles', async () => {
    await storage.putEvents([
      makeEvent({ id: 'e-early', title: '早的活动', startAt: at(24).toISOString() }),
      makeEvent({ id: 'e-late', title: '晚的活动', startAt: at(48).toISOString() }),
    ]);
    await storage.enqueueNotifications([
      makeOutboxMessage(1, { eventId: 'e-early' }),
      makeOutboxMessage(2, { eventId: 'e-early' }),
      makeOutboxMessage(3, { eventId: 'e-late', kind: 'event_cancelled' }),
    ]);
    await storage.skipNotifications([makeOutboxMessage(2, { eventId: 'e-early' }).key], '未订阅');
    const { groups } = ok(await call('summarizeOutbox', {}, as(ADMIN)));
    expect(groups).toEqual([
      { eventId: 'e-late', eventTitle: '晚的活动', eventStartAt: at(48).toISOString(), kind: 'event_cancelled', total: 1, pending: 1, sent: 0, failed: 0, skipped: 0 },
      { eventId: 'e-early', eventTitle: '早的活动', eventStartAt: at(24).toISOString(), kind: 'event_reminder', total: 2, pending: 1, sent: 0, failed: 0, skipped: 1 },
    ]);
    expect(ok(await call('summarizeOutbox', { status: 'skipped' }, as(ADMIN))).groups).toHaveLength(1);
  });
});

describe('import templates', () => {
  it('hands out templates the importers read back: every column found, the example row clean', async () => {
    const roster = ok(await call('getImportTemplate', { kind: 'roster' }, as(ADMIN)));
    expect(roster.fileName).toBe('学生名单导入模板.xlsx');
    expect(roster.url).toMatch(/^\/files\//);
    const rosterId = await upload(as(ADMIN), 'roster', roster.fileName, await downloaded(files, roster, NOW));
    const preview = ok(await call('importRoster', { fileId: rosterId, commit: false }, as(ADMIN)));
    expect(preview).toMatchObject({ format: 'xlsx', dataRows: 1, cleanRows: 1 });
    expect(preview.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);

    const awards = ok(await call('getImportTemplate', { kind: 'creditAwards' }, as(ADMIN)));
    const awardsId = await upload(as(ADMIN), 'creditAwards', awards.fileName, await downloaded(files, awards, NOW));
    const checked = ok(await call('importCreditAwards', { fileId: awardsId, commit: false }, as(ADMIN)));
    expect(checked.dataRows).toBe(1);
    // Only the example's student is unknown here: the columns, the module and the amount are read.
    expect(checked.problems.map((p: { code: string }) => p.code)).toEqual(['UNKNOWN_STUDENT']);
    expect(await call('getImportTemplate', { kind: 'roster' }, as('openid-2'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
