import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { checkPublishedDraw, termOf, type NoShowMark } from '../../core';
import { forgetBlockRule } from '../../server/features/conduct/block-rule';
import { verifyDraw } from '../../server/features/lottery/verify-draw';
import { nodeSha256 } from '../../server/security/lottery-secrets';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { seedDemoData } from '../../server/local/seed';
import { eventFields } from '../support/event-fields';
import { NOW, at, makeEvent, makeStudents, studentNo } from '../support/factories';

/**
 * Fair seats through the handlers, as the pages call them: the committee publishes a lottery (its commitment shown
 * before the window opens), students apply (no seat), the draw after the window closes confirms the winners and
 * waitlists the rest in drawn order (each told by a message), and anyone recomputes it from getLotteryResult; a
 * student blocked for no-shows is refused with the block's end; leave asked and approved passes the seat on; follows.
 */
let storage: StoragePort;

function as(openid: string | null, now: Date = NOW): HandlerContext {
  return { storage, caller: openid ? { kind: 'wechat', openid } : { kind: 'anonymous' }, now: () => now, demoMode: false };
}
const student = (i: number, now: Date = NOW) => as(`openid-${i}`, now);
const admin = (now: Date = NOW) => as('o-admin', now);

function call(action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> {
  return dispatch({ action, payload }, ctx);
}
function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}
function refused(result: ApiResult<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data).slice(0, 200)}`);
  return { code: result.code, message: result.message };
}

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('fair seats through the handlers on %s', (_adapter, makeStorage) => {
  beforeEach(async () => {
    storage = makeStorage();
    await storage.putStudents(makeStudents(8).map((s, k) => ({ ...s, openid: `openid-${k + 1}` })));
    await storage.grantRole(
      { openid: 'o-admin', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'o-admin', detail: '{}' },
    );
  });

  afterEach(async () => {
    forgetBlockRule(storage);
    await storage.close();
  });

  /** A lottery for 3 seats whose window opens in an hour and closes in two days, published now. */
  async function publishedLottery(): Promise<string> {
    const fields = eventFields({ signupMode: 'lottery', signupStartAt: at(1).toISOString() });
    const draft = ok(await call('saveEvent', { fields }, admin())).event;
    ok(await call('changeEventStatus', { eventId: draft.id, action: 'publish' }, admin()));
    return draft.id;
  }

  it('shows the commitment before the window opens, takes applications, draws after the close and publishes a draw anyone can recompute', async () => {
    const eventId = await publishedLottery();
    const before = ok(await call('getEventFairness', { eventId }, as(null)));
    expect(before.lottery).toMatchObject({ phase: 'before_window', seed: null, applicants: 0 });
    expect(before.lottery.commitment).toMatch(/^[0-9a-f]{64}$/);

    for (const i of [1, 2, 3, 4, 5, 6]) {
      expect(ok(await call('signUp', { eventId }, student(i, at(2)))).registration.status).toBe('applied');
    }
    const applying = ok(await call('getEventFairness', { eventId }, student(1, at(3))));
    expect(applying.lottery).toMatchObject({ phase: 'applying', applicants: 6, mine: { status: 'applied', rank: null } });
    // The event's seats are untouched by applications.
    expect(ok(await call('getEvent', { eventId }, student(7, at(3)))).event).toMatchObject({ seatsLeft: 3, signupMode: 'lottery' });

    const managedDraw = async (when: Date) =>
      ok(await call('listManagedEvents', {}, admin(when))).events.find((e: { id: string }) => e.id === eventId)?.lotteryDraw;
    expect(await managedDraw(at(47))).toBeNull();
    expect(refused(await call('drawLottery', { eventId }, admin(at(47)))).code).toBe('LOTTERY_NOT_DUE');
    expect(refused(await call('getLotteryResult', { eventId }, as(null, at(47)))).code).toBe('LOTTERY_NOT_DRAWN');
    const drawn = ok(await call('drawLottery', { eventId }, admin(at(48.5))));
    expect(drawn).toMatchObject({ placed: 6, lottery: { phase: 'drawn', winners: 3, commitment: before.lottery.commitment } });
    // 活动管理 shows the draw's result where the 开奖 button was.
    expect(await managedDraw(at(49))).toEqual({ drawnAt: drawn.lottery.drawnAt, applicants: 6, winners: 3 });

    const views = await Promise.all([1, 2, 3, 4, 5, 6].map(async (i) => ok(await call('getEventFairness', { eventId }, student(i, at(49)))).lottery.mine));
    expect(views.filter((m) => m.status === 'confirmed')).toHaveLength(3);
    expect(views.filter((m) => m.status === 'waitlisted').map((m) => m.waitlistPosition).sort()).toEqual([1, 2, 3]);
    for (const m of views) expect(m.pseudonym).toMatch(/^[0-9a-f]{16}$/);

    const result = ok(await call('getLotteryResult', { eventId }, as(null, at(49))));
    expect(result).toMatchObject({ total: 6, seats: 3, page: 1, pages: 1, commitment: before.lottery.commitment });
    const check = checkPublishedDraw({ ...result, priority: [] }, nodeSha256);
    expect(check).toMatchObject({ seedMatches: true, ranksMatch: true, problems: [] });
    // Each student recognises their own pseudonym in the published list, at the place they were told.
    for (const m of views) expect(result.applicants.find((a: { pseudonym: string }) => a.pseudonym === m.pseudonym)?.rank).toBe(m.rank);

    // The script's check (npm run verify-draw) over the same API, as anyone: the same winners.
    const verified = await verifyDraw(eventId, (action, payload) => call(action, payload, as(null, at(49))));
    expect(verified.ok).toBe(true);
    expect(verified.lines).toContain(`中签（按抽中顺序）：${check.winners.join(' ')}`);
    expect(verified.lines.at(-1)).toBe('核对通过：公布的结果与按公开算法重算的结果一致');

    // Every applicant is told: 中签 or 候补第 N 位.
    const notes = ok(await call('listOutbox', { eventId }, admin(at(49)))).messages.filter((m: { kind: string }) => m.kind === 'lottery_result');
    expect(notes).toHaveLength(6);
    expect(notes.filter((m: { data: { note: string } }) => m.data.note.includes('候补第')).length).toBe(3);
  });

  it('keeps the way seats are given fixed once published', async () => {
    const eventId = await publishedLottery();
    const fields = eventFields({ signupMode: 'first_come', signupStartAt: at(1).toISOString() });
    expect(refused(await call('saveEvent', { eventId, fields }, admin())).code).toBe('LOTTERY_TERMS_LOCKED');
  });

  it('refuses a student blocked for no-shows, with the reason and the end date, while the committee\'s rule is on', async () => {
    await storage.putEvents([makeEvent({ id: 'ev-open' })]);
    ok(await call('updateSignupBlockRule', { enabled: true, marksPerTerm: 3, blockDays: 7 }, admin()));
    const rule = await storage.blockRule();
    for (const i of [1, 2, 3]) {
      const mark: NoShowMark = { eventId: `ev-past-${i}`, studentNo: studentNo(1), eventTitle: `过去的活动${i}`, term: termOf(NOW).id, recordedAt: at(-i).toISOString(), removedAt: null, removedReason: null };
      await storage.recordNoShowMark(mark, rule, at(-i));
    }
    const refusal = refused(await call('signUp', { eventId: 'ev-open' }, student(1)));
    expect(refusal.code).toBe('SIGNUP_BLOCKED');
    // The third mark, recorded (2026-03-02 07:00 in Shanghai), blocks sign-ups for seven days: until 2026-03-09 07:00.
    expect(refusal.message).toContain('暂停报名至 2026年3月9日');
    const page = ok(await call('getEventFairness', { eventId: 'ev-open' }, student(1)));
    expect(page.myBlock).toMatchObject({ marks: 3 });
    // The event itself says so, before any tap (any event, first come included); not to a student who is not blocked.
    const shown = ok(await call('getEvent', { eventId: 'ev-open' }, student(1)));
    expect(shown.myBlock).toEqual(page.myBlock);
    expect(shown.myBlock.message).toContain('暂停报名至 2026年3月9日');
    expect(ok(await call('getEvent', { eventId: 'ev-open' }, student(2))).myBlock).toBeUndefined();
    // Another student signs up as ever; turning the rule off lets the blocked one in.
    expect(ok(await call('signUp', { eventId: 'ev-open' }, student(2))).registration.status).toBe('confirmed');
    ok(await call('updateSignupBlockRule', { enabled: false, marksPerTerm: 3, blockDays: 7 }, admin()));
    expect(ok(await call('signUp', { eventId: 'ev-open' }, student(1))).registration.status).toBe('confirmed');
    expect(ok(await call('getEvent', { eventId: 'ev-open' }, student(1))).myBlock).toBeUndefined();
  });

  it('takes leave after the cancel deadline, and an approved leave passes the seat to the first in line, audited', async () => {
    await storage.putEvents([makeEvent({ id: 'ev-leave', capacity: 1 })]);
    ok(await call('signUp', { eventId: 'ev-leave' }, student(1)));
    ok(await call('signUp', { eventId: 'ev-leave' }, student(2)));
    expect(refused(await call('requestLeave', { eventId: 'ev-leave', reason: '临时发烧，需要去医院' }, student(1, at(10)))).code).toBe('LEAVE_NOT_NEEDED');
    const asked = ok(await call('requestLeave', { eventId: 'ev-leave', reason: '临时发烧，需要去医院' }, student(1, at(80))));
    expect(asked.leave).toMatchObject({ status: 'pending', hasPhoto: false });
    const listed = ok(await call('listLeaveRequests', {}, admin(at(81)))).requests;
    expect(listed.map((r: { studentNo: string }) => r.studentNo)).toEqual([studentNo(1)]);
    expect(refused(await call('decideLeave', { eventId: 'ev-leave', studentNo: studentNo(1), approve: false }, admin(at(81)))).code).toBe('INVALID_INPUT');
    const decided = ok(await call('decideLeave', { eventId: 'ev-leave', studentNo: studentNo(1), approve: true }, admin(at(81))));
    expect(decided).toMatchObject({ leave: { status: 'approved' }, promoted: true });
    expect(ok(await call('getMySignup', { eventId: 'ev-leave' }, student(2, at(82)))).registration.status).toBe('confirmed');
    const audit = ok(await call('listAuditLog', {}, admin(at(82))));
    expect(JSON.stringify(audit)).toContain('leave');
  });

  it('follows a kind of event and counts the alerts WeChat still allows', async () => {
    ok(await call('recordSubscribeConsent', { results: [{ kind: 'new_event', accepted: true }] }, student(1)));
    const followed = ok(await call('setFollow', { topic: 'firstaid', follow: true }, student(1)));
    expect(followed.alertsLeft).toBe(1);
    expect(followed.topics.find((t: { id: string }) => t.id === 'firstaid').followed).toBe(true);
    expect(refused(await call('setFollow', { topic: 'no-such-kind', follow: true }, student(1))).code).toBe('INVALID_INPUT');
  });
});

describe('the demo seed shows fair seats', () => {
  it('has a drawn lottery whose published draw checks out, and one taking applications now', async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    await seedDemoData(storage, NOW);
    const verified = await verifyDraw('e-lottery-lecture', (action, payload) => call(action, payload, as(null)));
    expect(verified.ok).toBe(true);
    const open = ok(await call('getEventFairness', { eventId: 'e-lottery-firstaid' }, as(null)));
    expect(open.lottery).toMatchObject({ phase: 'applying', applicants: 36, seed: null });
    await storage.close();
  });
});
