import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { hashSecondFactor } from '../../server/security/second-factor';
import { DEMO_ADMIN_OPENID, SEED_DATA_REQUEST_STUDENT, seedDemoData } from '../../server/local/seed';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeEvent, makeOutboxMessage, makeStudent, studentNo } from '../support/factories';
import { downloaded, tempFileStore } from '../support/files';
import { readSheets } from '../support/xlsx-sheets';

/**
 * 我的数据 through the handlers: a student exports everything stored about them (a workbook, by link), unbinds their
 * WeChat account themself, and asks for deletion, which the committee completes — erasing the binding, shared
 * transcripts, consents and sessions, keeping the records behind the credit ledger. Every step is audited.
 */
const ADMIN = 'o-admin';
const KEY = 'my-data-test-key';
let storage: SqliteStorage;
let files: ReturnType<typeof tempFileStore>;

function as(openid: string, now: Date = NOW): HandlerContext {
  return { storage, files, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false, idHashKey: KEY };
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
    makeStudent(1, { name: '陈雯', openid: 'openid-1', secondFactorHash: hashSecondFactor(KEY, '000001') }),
    makeStudent(2, { name: '张星月', openid: 'openid-2' }),
  ]);
  await storage.putEvents([makeEvent(), makeEvent({ id: 'ev-2', title: '学雷锋志愿服务' })]);
  await storage.grantRole(
    { openid: ADMIN, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: ADMIN, detail: '{}' },
  );
  ok(await call('signUp', { eventId: 'ev-lecture' }, as('openid-1')));
  ok(await call('signUp', { eventId: 'ev-2' }, as('openid-1')));
  ok(await call('cancelRegistration', { eventId: 'ev-2' }, as('openid-1')));
  await storage.addConsent(studentNo(1), 'event_reminder', 2);
  await storage.enqueueNotifications([makeOutboxMessage(1)]);
});
afterEach(async () => {
  await storage.close();
  files.cleanup();
});

describe('我的数据: the export', () => {
  it('is a workbook by link, one sheet per kind of record, in words a student reads, with an audit entry', async () => {
    const file = ok(await call('exportMyData', {}, as('openid-1')));
    expect(file.fileName).toBe(`我的数据-${studentNo(1)}-20260302.xlsx`);
    expect(file.url).toMatch(/^\/files\//);
    const sheets = readSheets(await downloaded(files, file, NOW));
    expect([...sheets.keys()]).toEqual([
      '说明', '基本信息', '报名', '签到', '扫码记录', '请假', '未到场与报名限制', '关注', '学分', '申诉', '团队', '分享的成绩单', '消息', '操作记录', '登录与绑定', '删除申请',
    ]);
    expect(sheets.get('基本信息')).toContainEqual(['姓名', '陈雯']);
    expect(sheets.get('基本信息')).toContainEqual(['身份证后六位', '已保存（仅密钥摘要，无法还原）']);
    expect(sheets.get('基本信息')).toContainEqual(['绑定的微信账号（openid）', 'openid-1']);
    expect(sheets.get('报名')!.slice(1).map((r) => [r[0], r[3]])).toEqual([['学雷锋志愿服务', '已取消'], ['百生讲坛：青年与时代', '已报名']]); // by event id
    expect(sheets.get('消息')!.slice(1)).toContainEqual(['活动提醒（剩余授权）', '2']);
    expect(sheets.get('操作记录')!.slice(1).map((r) => r[1])).toEqual([]);
    // Never the keyed hash of the ID digits, nor anyone else's data.
    const everything = JSON.stringify([...sheets.values()]);
    expect(everything).not.toContain(hashSecondFactor(KEY, '000001'));
    expect(everything).not.toContain('张星月');
    expect(file.rowCount).toBe([...sheets.values()].slice(1).reduce((n, rows) => n + rows.length - 1, 0));
    const [entry] = await storage.listAudit(1);
    expect(entry).toMatchObject({ actor: 'openid-1', action: 'privacy.export', target: studentNo(1) });
  });

  it('is a bound student\'s own: an account with no student is refused', async () => {
    expect(await call('exportMyData', {}, as('openid-new'))).toMatchObject({ ok: false, code: 'NOT_BOUND' });
  });
});

describe('我的数据: unbinding oneself', () => {
  it('unbinds the account (audited), after which it acts as no student; the records stay with the student number', async () => {
    expect(await call('unbindMyself', { confirm: '好的' }, as('openid-1'))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(ok(await call('unbindMyself', { confirm: '解除绑定' }, as('openid-1')))).toEqual({ studentNo: studentNo(1) });
    expect((await storage.findStudentByNo(studentNo(1)))!.openid).toBeNull();
    expect(ok(await call('getMe', {}, as('openid-1')))).toMatchObject({ bound: false, student: null });
    expect(await call('listMyRegistrations', {}, as('openid-1'))).toMatchObject({ ok: false, code: 'NOT_BOUND' });
    expect((await storage.listAudit(1))[0]).toMatchObject({ actor: 'openid-1', action: 'student.unbind_self', target: studentNo(1) });
    expect(await storage.listActiveRegistrationsOfStudent(studentNo(1))).toHaveLength(1);
  });
});

describe('我的数据: asking for deletion, and the committee completing it', () => {
  async function share(): Promise<string> {
    return ok(await call('createTranscriptShare', { includeTimeline: false, showStudentNo: false }, as('openid-1'))).code;
  }

  it('files one request (audited), refuses a second while it is open, and shows it to the student and the committee', async () => {
    const filed = ok(await call('requestDataDeletion', { note: '我已毕业' }, as('openid-1')));
    expect(filed.request).toMatchObject({ status: 'pending', note: '我已毕业', completedAt: null, reply: null, erased: null });
    expect(await call('requestDataDeletion', {}, as('openid-1'))).toMatchObject({ ok: false, code: 'DATA_REQUEST_OPEN' });
    expect(ok(await call('getMyDataRequest', {}, as('openid-1'))).request).toEqual(filed.request);
    const listed = ok(await call('listDataRequests', {}, as(ADMIN))).requests;
    expect(listed).toEqual([{ ...filed.request, studentNo: studentNo(1), name: '陈雯', college: makeStudent(1).college, className: makeStudent(1).className }]);
    expect(await call('listDataRequests', {}, as('openid-1'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'privacy.deletion_request', target: studentNo(1) });
  });

  it('completing it unbinds, revokes shared transcripts, removes consents; keeps registrations; answers the student; audited twice', async () => {
    const code = await share();
    const filed = ok(await call('requestDataDeletion', {}, as('openid-1'))).request;
    const done = ok(await call('completeDataRequest', { requestId: filed.id, reply: '已按隐私政策删除可删除的信息' }, as(ADMIN, at(1))));
    expect(done.request).toMatchObject({
      id: filed.id, status: 'completed', reply: '已按隐私政策删除可删除的信息', completedAt: at(1).toISOString(),
      erased: {
        unbound: true, sharesRevoked: 1, consentsRemoved: 1, sessionsEnded: 0, bindAttemptsCleared: false,
        followsRemoved: 0, noShowMarksRemoved: 0, blockLifted: false, leavesCleared: 0, leavePhotosDeleted: 0, applicationsWithdrawn: 0,
      },
    });
    expect((await storage.findStudentByNo(studentNo(1)))!.openid).toBeNull();
    expect(await call('verifyTranscript', { code }, as('openid-2', at(1)))).toMatchObject({ ok: false, code: 'TRANSCRIPT_REVOKED' });
    expect(await storage.consents(studentNo(1))).toEqual({ event_reminder: 0, waitlist_promoted: 0, event_cancelled: 0, lottery_result: 0, new_event: 0 });
    expect(await storage.listActiveRegistrationsOfStudent(studentNo(1))).toHaveLength(1);
    expect((await storage.listAudit(2)).map((a) => a.action)).toEqual(['privacy.deletion_complete', 'privacy.erase_binding']);
    expect(await call('completeDataRequest', { requestId: filed.id, reply: '再次处理' }, as(ADMIN))).toMatchObject({ ok: false, code: 'DATA_REQUEST_DONE' });
    // The account, no longer bound, still reads the answer to its own request; an account that filed none reads none.
    expect(ok(await call('getMyDataRequest', {}, as('openid-1', at(2)))).request).toEqual(done.request && {
      id: filed.id, status: 'completed', note: '', createdAt: filed.createdAt, completedAt: at(1).toISOString(), reply: '已按隐私政策删除可删除的信息', erased: done.request.erased,
    });
    expect(ok(await call('getMyDataRequest', {}, as('openid-new'))).request).toBeNull();
    expect(await call('getMyDataRequest', {}, { ...as('x'), caller: { kind: 'anonymous' } })).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
  });

  it('refuses an unknown request, and anyone but the committee', async () => {
    expect(await call('completeDataRequest', { requestId: 'ffffffffffff', reply: '已处理' }, as(ADMIN))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const filed = ok(await call('requestDataDeletion', {}, as('openid-1'))).request;
    expect(await call('completeDataRequest', { requestId: filed.id, reply: '已处理' }, as('openid-2'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await storage.findStudentByNo(studentNo(1)))!.openid).toBe('openid-1');
  });
});

describe('我的数据 in the demo', () => {
  it('the committee finds one pending deletion request, which its student sees as theirs and which can be completed', async () => {
    const demo = new SqliteStorage({ file: ':memory:' });
    try {
      await seedDemoData(demo, NOW);
      const ctx = (openid: string): HandlerContext => ({ storage: demo, files, caller: { kind: 'wechat', openid }, now: () => NOW, demoMode: true, idHashKey: KEY });
      const [row] = ok(await call('listDataRequests', {}, ctx(DEMO_ADMIN_OPENID))).requests;
      expect(row).toMatchObject({ studentNo: SEED_DATA_REQUEST_STUDENT, status: 'pending' });
      expect(row.note).not.toBe('');
      expect(ok(await call('getMyDataRequest', {}, ctx(`o-demo-${SEED_DATA_REQUEST_STUDENT}`))).request).toMatchObject({ id: row.id, status: 'pending' });
      const done = ok(await call('completeDataRequest', { requestId: row.id, reply: '已处理' }, ctx(DEMO_ADMIN_OPENID))).request;
      expect(done.erased).toMatchObject({ unbound: true });
    } finally {
      await demo.close();
    }
  });
});
