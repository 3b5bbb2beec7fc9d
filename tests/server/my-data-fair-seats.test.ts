import type { ActionName, ApiResult } from '../../types';
import { commitmentOf, ERASED_LEAVE_REASON, leaveId, termOf, type AuditDraft, type BlockRule, type EventRecord } from '../../core';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { nodeSha256 } from '../../server/security/lottery-secrets';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { LOTTERY_PSEUDONYM_KEY, LOTTERY_SEED, NOW, at, makeEvent, makeStudent, studentNo } from '../support/factories';
import { downloaded, tempFileStore } from '../support/files';
import { readSheets } from '../support/xlsx-sheets';

/**
 * 我的数据 and fair seats (issue 16): the export holds the student's lottery applications (weight, place, pseudonym),
 * leave requests (the photo noted by its file id), no-show marks, the sign-up block and followed topics; completing a
 * deletion request withdraws applications still open (a drawn one stays: the published list), deletes the leave
 * photo from the file store, clears the reason, removes marks, block and follows — nobody else's — and a completion
 * that fails half-way is finished by completing again.
 */
const ADMIN = 'o-admin';
const RULE: BlockRule = { enabled: true, marksPerTerm: 2, blockDays: 7 };
const REASON = '发烧 39 度，校医嘱咐卧床';
let storage: SqliteStorage;
let files: ReturnType<typeof tempFileStore>;
let photoId: string;

function as(openid: string, now: Date): HandlerContext {
  return { storage, files, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false };
}
const call = (action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> => dispatch({ action, payload }, ctx);
function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}
const audit = (action: string, target: string): AuditDraft => ({ at: NOW.toISOString(), actor: ADMIN, action, target, detail: '{}' });
const lotteryDraft = (id: string, overrides: Partial<EventRecord>): EventRecord =>
  makeEvent({ id, title: `抽签场 ${id}`, status: 'draft', signupMode: 'lottery', signupStartAt: at(1).toISOString(), lottery: null, ...overrides });

beforeEach(async () => {
  storage = new SqliteStorage({ file: ':memory:' });
  files = tempFileStore();
  await storage.putStudents([makeStudent(1, { name: '陈雯', openid: 'openid-1' }), makeStudent(2, { name: '张星月', openid: 'openid-2' })]);
  await storage.grantRole(
    { openid: ADMIN, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: ADMIN, detail: '{}' },
  );
  // Two lotteries both students applied to: one drawn (its window closed at 3 h), one whose window is open until 100 h.
  await storage.putEvents([
    lotteryDraft('ev-drawn', { signupEndAt: at(3).toISOString() }),
    lotteryDraft('ev-open', { signupEndAt: at(100).toISOString(), startAt: at(120).toISOString(), endAt: at(122).toISOString() }),
    makeEvent({ id: 'ev-leave', title: '请假的那场讲座', capacity: 5 }),
  ]);
  const secrets = { seed: LOTTERY_SEED, pseudonymKey: LOTTERY_PSEUDONYM_KEY, commitment: commitmentOf(LOTTERY_SEED, nodeSha256) };
  for (const id of ['ev-drawn', 'ev-open']) {
    await storage.publishLottery(id, secrets, NOW, audit('event.publish', id));
    for (const i of [1, 2]) await storage.signUp(id, studentNo(i), at(2));
  }
  await storage.drawLottery('ev-drawn', at(3.5), nodeSha256, audit('lottery.draw', 'ev-drawn'));
  // Both signed up for a lecture and asked for leave after its cancel deadline; student 1 with a photo.
  for (const i of [1, 2]) await storage.signUp('ev-leave', studentNo(i), NOW);
  photoId = (await files.put({ name: '病假条.jpg', contentType: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]), purpose: 'leavePhoto', owner: 'openid-1', expiresAt: at(24 * 365) }, NOW)).fileId;
  for (const [i, photo] of [[1, photoId], [2, null]] as const) {
    await storage.requestLeave(
      { id: leaveId('ev-leave', studentNo(i)), eventId: 'ev-leave', studentNo: studentNo(i), status: 'pending', reason: REASON, photoFileId: photo, createdAt: at(80).toISOString(), decidedAt: null, decidedBy: null, decisionReason: null },
      at(80),
      audit('leave.request', leaveId('ev-leave', studentNo(i))),
    );
  }
  // Student 1: two no-show marks this term (blocked under RULE); student 2: one.
  const term = termOf(NOW).id;
  for (const [i, n] of [[1, 1], [1, 2], [2, 1]]) {
    await storage.recordNoShowMark({ eventId: `ev-gone-${n}`, studentNo: studentNo(i), eventTitle: `未到场活动${n}`, term, recordedAt: at(n).toISOString(), removedAt: null, removedReason: null }, RULE, at(n));
  }
  for (const [i, topic] of [[1, 'volunteer'], [1, 'lecture:主讲人赛道'], [2, 'volunteer']] as const) await storage.setFollow(studentNo(i), topic, true, NOW);
  await storage.addConsent(studentNo(1), 'new_event', 3);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await storage.close();
  files.cleanup();
});

describe('我的数据 and fair seats: the export', () => {
  it('holds the lottery applications, leave requests, no-show marks, the block and the followed topics', async () => {
    const file = ok(await call('exportMyData', {}, as('openid-1', at(81))));
    const sheets = readSheets(await downloaded(files, file, at(81)));
    expect([...sheets.keys()]).toEqual([
      '说明', '基本信息', '报名', '签到', '扫码记录', '请假', '未到场与报名限制', '关注', '学分', '申诉', '团队', '分享的成绩单', '消息', '操作记录', '登录与绑定', '删除申请',
    ]);
    const registrations = sheets.get('报名')!;
    expect(registrations[0].slice(7)).toEqual(['抽签权重', '抽签顺位', '抽签公示化名']);
    const drawn = registrations.find((r) => r[0] === '抽签场 ev-drawn')!;
    const mine = (await storage.getRegistration('ev-drawn', studentNo(1)))!.lottery!;
    // (The reader skips empty cells: a row ends at its last filled one.)
    expect(drawn.slice(-3)).toEqual(['1', String(mine.rank), mine.pseudonym]);
    expect(mine.pseudonym).toMatch(/^[0-9a-f]{16}$/);
    const open = registrations.find((r) => r[0] === '抽签场 ev-open')!;
    expect([open[3], open.at(-1)]).toEqual(['已申请抽签', '1']);
    expect(sheets.get('请假')!.slice(1)).toEqual([['请假的那场讲座', '待审批', REASON, `已附照片（文件 ${photoId}，活动主办方审批时查看）`, expect.any(String)]]);
    const conduct = sheets.get('未到场与报名限制')!.slice(1);
    expect(conduct.map((r) => [r[0], r[1], r[4]])).toEqual([['未到场', '未到场活动1', '有效'], ['未到场', '未到场活动2', '有效'], ['报名限制', '未到场活动1、未到场活动2', expect.stringMatching(/^限制至 /)]]);
    expect(sheets.get('关注')!.slice(1)).toEqual([
      ['百生讲坛 · 主讲人赛道', expect.any(String)], ['志愿服务', expect.any(String)], ['新活动提醒（剩余授权）', '3'],
    ]);
    // Nobody else's: student 2's leave reason is the same words, but no second row, name or pseudonym of theirs.
    const everything = JSON.stringify([...sheets.values()]);
    expect(everything).not.toContain('张星月');
    expect(everything).not.toContain((await storage.getRegistration('ev-drawn', studentNo(2)))!.lottery!.pseudonym!);
  });
});

describe('我的数据 and fair seats: the erasure', () => {
  async function requested(): Promise<string> {
    return ok(await call('requestDataDeletion', {}, as('openid-1', at(81)))).request.id;
  }

  it('withdraws the open application, deletes the leave photo, clears the reason, removes marks, block and follows; keeps the drawn application; nobody else\'s', async () => {
    const before = (await storage.getRegistration('ev-drawn', studentNo(1)))!;
    const done = ok(await call('completeDataRequest', { requestId: await requested(), reply: '已处理' }, as(ADMIN, at(82)))).request;
    expect(done.erased).toEqual({
      unbound: true, sharesRevoked: 0, consentsRemoved: 1, sessionsEnded: 0, bindAttemptsCleared: false,
      followsRemoved: 2, noShowMarksRemoved: 2, blockLifted: true, leavesCleared: 1, leavePhotosDeleted: 1, applicationsWithdrawn: 1,
    });
    expect(await files.info(photoId, at(82))).toBeNull();
    expect(await storage.getLeave('ev-leave', studentNo(1))).toMatchObject({ status: 'pending', reason: ERASED_LEAVE_REASON, photoFileId: null });
    expect(await storage.getRegistration('ev-open', studentNo(1))).toMatchObject({ status: 'cancelled' });
    expect(await storage.getRegistration('ev-drawn', studentNo(1))).toEqual(before);
    expect(await storage.countLotteryApplications('ev-open')).toBe(1);
    expect(await storage.listNoShowMarks(studentNo(1), termOf(NOW).id)).toEqual([]);
    expect(await storage.getSignupBlock(studentNo(1))).toBeNull();
    expect(await storage.followsOf(studentNo(1))).toEqual([]);
    // Student 2 keeps everything.
    expect(await storage.getLeave('ev-leave', studentNo(2))).toMatchObject({ reason: REASON });
    expect(await storage.getRegistration('ev-open', studentNo(2))).toMatchObject({ status: 'applied' });
    expect(await storage.listNoShowMarks(studentNo(2), termOf(NOW).id)).toHaveLength(1);
    expect(await storage.followsOf(studentNo(2))).toEqual(['volunteer']);
  });

  it('a completion that fails after deleting the photo leaves the request pending, and completing again finishes it', async () => {
    const id = await requested();
    const erase = jest.spyOn(storage, 'erasePersonalData').mockRejectedValueOnce(new Error('disk I/O error'));
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await call('completeDataRequest', { requestId: id, reply: '已处理' }, as(ADMIN, at(82)))).toMatchObject({ ok: false });
    expect(erase).toHaveBeenCalledTimes(1);
    expect((await storage.findDataRequest(id))!.status).toBe('pending');
    expect(await files.info(photoId, at(82))).toBeNull();
    const done = ok(await call('completeDataRequest', { requestId: id, reply: '已处理' }, as(ADMIN, at(83)))).request;
    expect(done.status).toBe('completed');
    expect(done.erased).toMatchObject({ leavesCleared: 1, noShowMarksRemoved: 2, followsRemoved: 2, blockLifted: true });
    expect(await storage.getLeave('ev-leave', studentNo(1))).toMatchObject({ reason: ERASED_LEAVE_REASON, photoFileId: null });
    expect(await storage.followsOf(studentNo(1))).toEqual([]);
  });

  it('keeps an application whose window has closed (the draw needs the set as it was)', async () => {
    const done = ok(await call('completeDataRequest', { requestId: await requested(), reply: '已处理' }, as(ADMIN, at(101)))).request;
    expect(done.erased).toMatchObject({ applicationsWithdrawn: 0 });
    expect(await storage.getRegistration('ev-open', studentNo(1))).toMatchObject({ status: 'applied' });
  });
});
