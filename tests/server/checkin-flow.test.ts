import { ApiError, ERROR_CODES, type ActionName, type ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { generateKeyringConfig, keyringFromConfig } from '../../server/security/checkin-keys';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { passSignedBy, scanId, studentPhone } from '../support/checkin-phone';
import { NOW, at, makeEvent, makeStudent, studentNo } from '../support/factories';

/**
 * Check-in through the handlers, with real keys: a student's phone signs codes as the app would, an officer's
 * scans go through dispatch exactly as from the mini program. The event (branch 计科2401's) starts at T.
 */
const BRANCH = '计科2401团支部';
const COLLEGE = '信息工程学院';
const T = at(96);
const minutes = (n: number, from: Date = T) => new Date(from.getTime() + n * 60_000);
const KEYS = keyringFromConfig(generateKeyringConfig('ktest'));
const HOST = { hostKind: 'branch' as const, hostUnit: BRANCH, hostCollege: COLLEGE };

let storage: StoragePort & Pick<SqliteStorage, 'putStudents' | 'putEvents' | 'close'>;

/** A call as this WeChat account at `now`; `keys: null` plays a server whose check-in keys are not configured. */
function as(openid: string, now: Date = T, keys: HandlerContext['checkinKeys'] | null = KEYS): HandlerContext {
  return { storage, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false, checkinKeys: keys ?? undefined };
}

async function call(action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> {
  return dispatch({ action, payload }, ctx);
}

function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}

async function signUp(i: number, eventId = 'e1') {
  ok(await call('signUp', { eventId }, as(`openid-${i}`, NOW)));
}

async function phoneOf(i: number, eventId = 'e1', now: Date = NOW) {
  const data = ok(await call('issueCheckinPass', { eventId }, as(`openid-${i}`, now)));
  return studentPhone(data.pass, data.deviceKey);
}

function scan(code: string, overrides: Partial<{ scanId: string; purpose: 'in' | 'out'; scannedAt: string; offline: boolean }> = {}) {
  return { scanId: scanId(), code, purpose: 'in' as const, scannedAt: T.toISOString(), offline: false, ...overrides };
}

async function record(scans: unknown[], by = 'o-branch', now: Date = T, eventId = 'e1') {
  return ok(await call('recordScans', { eventId, scans }, as(by, now)));
}

async function grant(openid: string, role: 'branch_officer' | 'college_officer' | 'committee_admin', scope: string) {
  await storage.grantRole(
    { openid, role, scope, grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: openid, detail: '{}' },
  );
}

/** The same journey on both adapters: the handlers must not depend on which one is behind the port. */
const ADAPTERS: Array<[string, () => typeof storage]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('check-in through the handlers on %s', (_adapter, makeStorage) => {
  beforeEach(async () => {
    storage = makeStorage();
    await storage.putStudents([
      ...[1, 2, 3, 4, 5, 6].map((i) => makeStudent(i, { branch: BRANCH, college: COLLEGE, className: '计科2401' })),
      makeStudent(7, { branch: '护理2401团支部', college: '医学院', className: '护理2401' }),
    ]);
    await storage.putEvents([
      makeEvent({ id: 'e1', title: '百生讲坛：青年与时代', capacity: 10, seatsLeft: 10, ...HOST }),
      makeEvent({ id: 'e2', title: '另一场讲座', capacity: 10, seatsLeft: 10, ...HOST }),
      makeEvent({ id: 'e-nursing', title: '护理技能培训', hostKind: 'branch', hostUnit: '护理2401团支部', hostCollege: '医学院' }),
    ]);
    await grant('o-branch', 'branch_officer', BRANCH);
    await grant('o-branch-2', 'branch_officer', BRANCH);
    await grant('o-other', 'branch_officer', '护理2401团支部');
    await grant('o-college', 'college_officer', COLLEGE);
  });
  afterEach(() => storage.close());

  describe('member code (反扫): the officer scans the code on the student’s phone', () => {
    it('records a check-in, counts it, says 已签到 on a second scan and answers a retried scan id without writing', async () => {
      await signUp(1);
      await signUp(3);
      const phone = await phoneOf(1);

      const first = await record([scan(phone.code(T), { scanId: 'scan-first-0001' })]);
      expect(first.results[0]).toMatchObject({
        status: 'recorded', duplicate: false, label: '签到成功', message: '学生1 签到成功',
        member: { studentNo: studentNo(1), name: '学生1', className: '计科2401' }, at: T.toISOString(), conflict: null,
      });
      expect(first.counts).toEqual({ registered: 2, checkedIn: 1, checkedOut: 0 });

      const again = await record([scan(phone.code(minutes(1)))], 'o-branch', minutes(1));
      expect(again.results[0]).toMatchObject({ status: 'already', label: '已签到', duplicate: false, at: T.toISOString() });
      expect(again.counts.checkedIn).toBe(1);

      // The network dropped after the first request: the app sends the same scan again, minutes later.
      const retry = await record([scan(phone.code(T), { scanId: 'scan-first-0001' })], 'o-branch', minutes(5));
      expect(retry.results[0]).toMatchObject({ status: 'recorded', duplicate: true, label: '签到成功' });
      expect(retry.counts.checkedIn).toBe(1);
      expect((await storage.attendanceCounts('e1'))!.checkedIn).toBe(1);
    });

    it('refuses a code from two windows ago as expired (a screenshot), and one from the future', async () => {
      await signUp(1);
      const phone = await phoneOf(1);
      const stale = await record([scan(phone.code(minutes(-2)))]);
      expect(stale.results[0]).toMatchObject({ status: 'refused', code: 'CHECKIN_CODE_EXPIRED', label: '码已过期', member: { name: '学生1' } });
      const ahead = await record([scan(phone.code(minutes(2)))]);
      expect(ahead.results[0]).toMatchObject({ status: 'refused', code: 'CHECKIN_CODE_NOT_YET_VALID' });
      // One window either side is accepted: scanning takes a moment and clocks drift.
      const late = await record([scan(phone.code(new Date(T.getTime() - 30_000)))]);
      expect(late.results[0].status).toBe('recorded');
    });

    it('refuses a code of another event as 非本活动, and a check-out code at check-in', async () => {
      await signUp(1, 'e2');
      await signUp(3);
      const otherEvent = await phoneOf(1, 'e2');
      const res = await record([scan(otherEvent.code(T))]);
      expect(res.results[0]).toMatchObject({ status: 'refused', code: 'CHECKIN_CODE_WRONG_EVENT', label: '非本活动', member: { name: '学生1' } });
      const phone = await phoneOf(3);
      const wrongPurpose = await record([scan(phone.code(T, 'out'))]);
      expect(wrongPurpose.results[0]).toMatchObject({ status: 'refused', code: 'CHECKIN_CODE_WRONG_PURPOSE' });
    });

    it('refuses a code with any one byte changed, and text that is no code at all', async () => {
      await signUp(1);
      const code = (await phoneOf(1)).code(T);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const positions = [3, 40, 120, code.indexOf('.', 10) + 5, code.length - 30, code.length - 1];
      for (const p of positions) {
        const swapped = alphabet[(alphabet.indexOf(code[p]) + 1) % alphabet.length] ?? 'A';
        const tampered = code.slice(0, p) + swapped + code.slice(p + 1);
        const res = await record([scan(tampered)]);
        expect(['CHECKIN_CODE_FORGED', 'CHECKIN_CODE_MALFORMED']).toContain(res.results[0].code);
      }
      const junk = await record([scan('https://example.com/not-a-code')]);
      expect(junk.results[0]).toMatchObject({ status: 'refused', code: 'CHECKIN_CODE_MALFORMED', member: null });
      expect((await storage.attendanceCounts('e1'))!.checkedIn).toBe(0);
    });

    it('refuses a pass signed by a key the server does not trust: FORGED under a trusted key id, UNTRUSTED_KEY otherwise', async () => {
      await signUp(1);
      const claims = { e: 'e1', s: studentNo(1), q: 1, x: Math.floor(at(200).getTime() / 1000) };
      const sameKid = passSignedBy(keyringFromConfig(generateKeyringConfig('ktest')), claims);
      const otherKid = passSignedBy(keyringFromConfig(generateKeyringConfig('kother')), claims);
      const res = await record([scan(sameKid.code(T)), scan(otherKid.code(T))]);
      expect(res.results.map((r: any) => r.code)).toEqual(['CHECKIN_CODE_FORGED', 'CHECKIN_CODE_UNTRUSTED_KEY']);
      expect(res.counts.checkedIn).toBe(0);
    });

    it('revokes the old pass when the student asks for one on another phone', async () => {
      await signUp(1);
      const oldPhone = await phoneOf(1);
      const newPhone = await phoneOf(1);
      expect(newPhone.claims.q).toBe(oldPhone.claims.q + 1);
      const res = await record([scan(oldPhone.code(T))]);
      expect(res.results[0]).toMatchObject({ status: 'refused', code: 'CHECKIN_CODE_REVOKED', label: '码已作废' });
      const fresh = await record([scan(newPhone.code(T))]);
      expect(fresh.results[0].status).toBe('recorded');
    });

    it('answers 未报名 for a member code of someone not signed up (a pass cannot even be issued)', async () => {
      const refused = await call('issueCheckinPass', { eventId: 'e1' }, as('openid-2', NOW));
      expect(refused).toMatchObject({ ok: false, code: 'NOT_SIGNED_UP' });
      // A genuine pass whose registration was cancelled meanwhile.
      await signUp(3);
      const phone = await phoneOf(3);
      ok(await call('cancelRegistration', { eventId: 'e1' }, as('openid-3', NOW)));
      const res = await record([scan(phone.code(T))]);
      expect(res.results[0]).toMatchObject({ status: 'refused', code: 'CHECKIN_REGISTRATION_CANCELLED', label: '已取消报名', conflict: null });
    });

    it('refuses scans outside the check-in window with 不在签到时间', async () => {
      await signUp(1);
      const phone = await phoneOf(1);
      const early = minutes(-60); // check-in opens 30 minutes before the start
      const res = await record([scan(phone.code(early))], 'o-branch', early);
      expect(res.results[0]).toMatchObject({ status: 'refused', code: 'CHECKIN_NOT_OPEN', label: '不在签到时间' });
    });

    it('lets only the organiser’s officers and assigned helpers scan: others FORBIDDEN, an unknown event NOT_FOUND', async () => {
      await signUp(1);
      const code = (await phoneOf(1)).code(T);
      expect(await call('recordScans', { eventId: 'e1', scans: [scan(code)] }, as('o-other'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call('recordScans', { eventId: 'e1', scans: [scan(code)] }, as('o-helper'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call('recordScans', { eventId: 'e1', scans: [scan(code)] }, as('openid-3'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call('recordScans', { eventId: 'nope', scans: [scan(code)] }, as('o-branch'))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(await call('recordScans', { eventId: 'e1', scans: [scan(code)] }, { ...as('x'), caller: { kind: 'anonymous' } })).toMatchObject({
        ok: false,
        code: 'NOT_SIGNED_IN',
      });

      // Another branch's officer cannot assign helpers; the organiser's can, and the helper (no role) may then scan.
      expect(await call('setCheckinStaff', { eventId: 'e1', account: 'o-helper', assigned: true }, as('o-other'))).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
      const assigned = ok(await call('setCheckinStaff', { eventId: 'e1', account: 'o-helper', assigned: true }, as('o-branch')));
      // An account neither bound to a student nor known by an invitation: its id, with no name.
      expect(assigned.staff).toEqual([{ account: 'o-helper', name: null, studentNo: null, branch: null }]);
      const byHelper = await record([scan(code)], 'o-helper');
      expect(byHelper.results[0].status).toBe('recorded');
      // The helper may not assign others, and is gone once unassigned.
      expect(await call('setCheckinStaff', { eventId: 'e1', account: 'o-somebody', assigned: true }, as('o-helper'))).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
      ok(await call('setCheckinStaff', { eventId: 'e1', account: 'o-helper', assigned: false }, as('o-college')));
      expect(await call('getEventAttendance', { eventId: 'e1' }, as('o-helper'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const audit = await storage.listAudit(10);
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['checkinStaff.assign', 'checkinStaff.unassign']));
    });

    it('assigns a student as helper by student number (their bound account), shown by name, 学号 and branch', async () => {
      const res = ok(await call('setCheckinStaff', { eventId: 'e1', account: studentNo(2), assigned: true }, as('o-branch')));
      expect(res.staff).toEqual([{ account: 'openid-2', name: '学生2', studentNo: studentNo(2), branch: BRANCH }]);
      const list = ok(await call('listCheckinEvents', {}, as('openid-2')));
      expect(list.events.map((e: any) => e.id)).toEqual(['e1']);
    });

    it('names a teacher helper by the invitation they accepted, in the attendance answer too', async () => {
      await grant('o-committee', 'committee_admin', '');
      const { code } = ok(await call('createRoleInvitation', { role: 'college_officer', scope: COLLEGE, inviteeName: '王老师' }, as('o-committee', NOW)));
      ok(await call('acceptRoleInvitation', { code }, as('o-teacher', NOW)));
      ok(await call('setCheckinStaff', { eventId: 'e1', account: studentNo(3), assigned: true }, as('o-branch')));
      const res = ok(await call('setCheckinStaff', { eventId: 'e1', account: 'o-teacher', assigned: true }, as('o-branch')));
      const expected = [
        { account: 'openid-3', name: '学生3', studentNo: studentNo(3), branch: BRANCH },
        { account: 'o-teacher', name: '王老师', studentNo: null, branch: null },
      ];
      expect(res.staff).toEqual(expected);
      expect(ok(await call('getEventAttendance', { eventId: 'e1' }, as('o-branch'))).staff).toEqual(expected);
    });
  });

  describe('offline scanning: the phone verified and kept the scans, and uploads them later', () => {
    it('accepts a batch with the scans’ own times, answers a second upload as duplicates, and leaves counts unchanged', async () => {
      for (const i of [1, 3, 4, 5]) await signUp(i);
      const phones = await Promise.all([1, 3, 4, 5].map((i) => phoneOf(i)));
      const batch = phones.map((p, k) => scan(p.code(minutes(k)), { scannedAt: minutes(k).toISOString(), offline: true }));
      const uploadAt = minutes(90);
      const first = await record(batch, 'o-branch', uploadAt);
      expect(first.results.map((r: any) => r.status)).toEqual(['recorded', 'recorded', 'recorded', 'recorded']);
      expect(first.results.map((r: any) => r.at)).toEqual(batch.map((s) => s.scannedAt));
      expect(first.counts).toEqual({ registered: 4, checkedIn: 4, checkedOut: 0 });

      const second = await record(batch, 'o-branch', minutes(120));
      expect(second.results.every((r: any) => r.duplicate && r.status === 'recorded')).toBe(true);
      expect(second.counts).toEqual(first.counts);
      const rows = ok(await call('getEventAttendance', { eventId: 'e1' }, as('o-branch', uploadAt))).rows;
      expect(rows.filter((r: any) => r.state === 'in')).toHaveLength(4);
    });

    it('keeps a batch in order per member: check-in, then check-out, in one upload', async () => {
      await signUp(1);
      const phone = await phoneOf(1);
      const batch = [
        scan(phone.code(T), { scannedAt: T.toISOString(), offline: true }),
        scan(phone.code(minutes(100), 'out'), { purpose: 'out', scannedAt: minutes(100).toISOString(), offline: true }),
      ];
      const res = await record(batch, 'o-branch', minutes(110));
      expect(res.results.map((r: any) => [r.status, r.label])).toEqual([
        ['recorded', '签到成功'],
        ['recorded', '签退成功'],
      ]);
      expect(res.counts).toMatchObject({ checkedIn: 1, checkedOut: 1 });
    });

    it('reports conflicts: a member checked in by another officer meanwhile, a registration cancelled meanwhile', async () => {
      await signUp(1);
      await signUp(3);
      const member = await phoneOf(1);
      const cancelled = await phoneOf(3);
      ok(await call('cancelRegistration', { eventId: 'e1' }, as('openid-3', NOW)));

      // Officer 2 was online and checked member 1 in at T+1; officer 1 scanned them offline at T+3.
      await record([scan(member.code(minutes(1)))], 'o-branch-2', minutes(1));
      const upload = await record(
        [
          scan(member.code(minutes(3)), { scannedAt: minutes(3).toISOString(), offline: true }),
          scan(cancelled.code(minutes(4)), { scannedAt: minutes(4).toISOString(), offline: true }),
        ],
        'o-branch',
        minutes(30),
      );
      expect(upload.results[0]).toMatchObject({ status: 'already', conflict: 'scanned_by_other', at: minutes(1).toISOString() });
      expect(upload.results[0].message).toContain('已由其他团干部签到');
      expect(upload.results[1]).toMatchObject({ status: 'refused', code: 'CHECKIN_REGISTRATION_CANCELLED', conflict: 'registration_cancelled' });
      expect(upload.counts.checkedIn).toBe(1);
    });

    it('tries scans that met a busy database again one at a time, keeping each member’s order', async () => {
      for (const i of [1, 3, 4]) await signUp(i);
      const phones = await Promise.all([1, 3, 4].map((i) => phoneOf(i)));
      const batch = phones.flatMap((p) => [
        scan(p.code(T), { scannedAt: T.toISOString(), offline: true }),
        scan(p.code(minutes(100), 'out'), { purpose: 'out', scannedAt: minutes(100).toISOString(), offline: true }),
      ]);
      // The database answers BUSY to the first attempt of member 3's check-in (as CloudBase does when conflicts last).
      const busyOnce = new Set([batch[2].scanId]);
      const busy = Object.create(storage, {
        recordScan: {
          value: (input: { scanId: string }, now: Date) => {
            if (busyOnce.delete(input.scanId)) return Promise.reject(new ApiError('BUSY'));
            return storage.recordScan(input as never, now);
          },
        },
      });
      const res = ok(await call('recordScans', { eventId: 'e1', scans: batch }, { ...as('o-branch', minutes(110)), storage: busy }));
      expect(res.results.map((r: any) => r.status)).toEqual(Array(6).fill('recorded'));
      expect(res.counts).toMatchObject({ checkedIn: 3, checkedOut: 3 });
    });

    it('refuses an offline scan time the server cannot believe (ahead of its clock, or over a week old)', async () => {
      await signUp(1);
      const phone = await phoneOf(1);
      const future = minutes(10);
      const res = await record([scan(phone.code(future), { scannedAt: future.toISOString(), offline: true })]);
      expect(res.results[0]).toMatchObject({ status: 'refused', code: 'SCAN_TIME_INVALID', message: ERROR_CODES.SCAN_TIME_INVALID.message });
      const old = await record([scan(phone.code(T), { scannedAt: T.toISOString(), offline: true })], 'o-branch', minutes(8 * 24 * 60));
      expect(old.results[0].code).toBe('SCAN_TIME_INVALID');
      // An online scan's own scannedAt is ignored: the server's clock decides.
      const online = await record([scan(phone.code(T), { scannedAt: future.toISOString() })]);
      expect(online.results[0]).toMatchObject({ status: 'recorded', at: T.toISOString() });
    });

    it('gives the officer’s phone public keys only, the confirmed members with their pass numbers, and the event', async () => {
      await signUp(1);
      await signUp(3);
      await phoneOf(1);
      await phoneOf(1);
      await record([scan((await phoneOf(3)).code(T))]);
      const pkg = ok(await call('getCheckinPackage', { eventId: 'e1' }, as('o-branch')));
      expect(pkg.keys).toEqual([{ kid: 'ktest', publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }]);
      expect(pkg.members).toEqual([
        { studentNo: studentNo(1), name: '学生1', className: '计科2401', passSeq: 2, checkedInAt: null, checkedOutAt: null },
        { studentNo: studentNo(3), name: '学生3', className: '计科2401', passSeq: 1, checkedInAt: T.toISOString(), checkedOutAt: null },
      ]);
      expect(pkg.event).toMatchObject({ id: 'e1', checkinStartAt: minutes(-30).toISOString(), geofence: null });
      expect(pkg.counts).toEqual({ registered: 2, checkedIn: 1, checkedOut: 0 });
      const text = JSON.stringify(pkg);
      expect(text).not.toMatch(/privateKey|eventCodeSecret|openid/);
      expect(text).not.toContain(KEYS.eventCodeSecret.toString('hex'));
    });
  });

  describe('check-out and hours', () => {
    it('counts hours when the stay covers 60% of the event, not when it is shorter', async () => {
      await storage.putEvents([
        makeEvent({ id: 'e-vol', category: 'volunteer', title: '社区志愿服务', startAt: T.toISOString(), endAt: minutes(120).toISOString(), capacity: 5, seatsLeft: 5, ...HOST }),
      ]);
      await signUp(1, 'e-vol');
      await signUp(3, 'e-vol');
      const full = await phoneOf(1, 'e-vol');
      const short = await phoneOf(3, 'e-vol');
      await record([scan(full.code(T)), scan(short.code(T))], 'o-branch', T, 'e-vol');
      const outShort = await record([scan(short.code(minutes(60), 'out'), { purpose: 'out' })], 'o-branch', minutes(60), 'e-vol');
      expect(outShort.results[0]).toMatchObject({ status: 'recorded', label: '签退成功' });
      await record([scan(full.code(minutes(115), 'out'), { purpose: 'out' })], 'o-branch', minutes(115), 'e-vol');
      const again = await record([scan(full.code(minutes(116), 'out'), { purpose: 'out' })], 'o-branch', minutes(116), 'e-vol');
      expect(again.results[0]).toMatchObject({ status: 'already', label: '已签退' });

      const list = ok(await call('getEventAttendance', { eventId: 'e-vol' }, as('o-branch', minutes(130))));
      const byNo = Object.fromEntries(list.rows.map((r: any) => [r.studentNo, r]));
      expect(byNo[studentNo(1)]).toMatchObject({ state: 'out', hours: 1.9, hoursCounted: true, checkinMethod: 'member_code' });
      expect(byNo[studentNo(3)]).toMatchObject({ state: 'out', hours: 1, hoursCounted: false });
      expect(list.counts).toEqual({ registered: 2, checkedIn: 2, checkedOut: 2 });
    });

    it('refuses a check-out before check-in with 尚未签到', async () => {
      await signUp(1);
      const phone = await phoneOf(1);
      const res = await record([scan(phone.code(T, 'out'), { purpose: 'out' })]);
      expect(res.results[0]).toMatchObject({ status: 'refused', code: 'CHECKIN_NOT_CHECKED_IN', label: '尚未签到' });
    });
  });

  describe('corrections by hand', () => {
    it('checks a member in and out by hand, undoes it, and writes every act to the audit log with the reason', async () => {
      await signUp(1);
      const reason = '手机没电，现场核对学生证';
      const checkIn = ok(await call('correctAttendance', { eventId: 'e1', studentNo: studentNo(1), op: 'check_in', reason }, as('o-branch')));
      expect(checkIn.row).toMatchObject({ studentNo: studentNo(1), state: 'in', checkinMethod: 'manual', checkedInAt: T.toISOString() });
      expect(checkIn.counts).toMatchObject({ checkedIn: 1 });
      const outAt = minutes(100).toISOString();
      const checkOut = ok(
        await call('correctAttendance', { eventId: 'e1', studentNo: studentNo(1), op: 'check_out', at: outAt, reason: '忘记签退' }, as('o-branch', minutes(110))),
      );
      expect(checkOut.row).toMatchObject({ state: 'out', checkedOutAt: outAt });
      const undo = ok(
        await call('correctAttendance', { eventId: 'e1', studentNo: studentNo(1), op: 'undo_check_in', reason: '扫错了人' }, as('o-branch', minutes(111))),
      );
      expect(undo.row).toMatchObject({ state: 'absent', checkedInAt: null, checkedOutAt: null });
      expect(undo.counts).toMatchObject({ checkedIn: 0, checkedOut: 0 });

      const audit = (await storage.listAudit(10)).filter((a) => a.action.startsWith('attendance.'));
      expect(audit.map((a) => a.action)).toEqual(['attendance.undo_check_in', 'attendance.check_out', 'attendance.check_in']);
      expect(audit[2]).toMatchObject({ actor: 'o-branch', target: `e1:${studentNo(1)}` });
      expect(JSON.parse(audit[2].detail)).toEqual({ reason, at: T.toISOString() });
    });

    it('refuses what needs no correction, an unknown student, a walk-in where none are allowed, and a time to come', async () => {
      await signUp(1);
      const base = { eventId: 'e1', reason: '核对' };
      expect(await call('correctAttendance', { ...base, studentNo: studentNo(1), op: 'undo_check_in' }, as('o-branch'))).toMatchObject({
        ok: false,
        code: 'CORRECTION_NOT_NEEDED',
      });
      expect(await call('correctAttendance', { ...base, studentNo: '20999999', op: 'check_in' }, as('o-branch'))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(await call('correctAttendance', { ...base, studentNo: studentNo(2), op: 'check_in' }, as('o-branch'))).toMatchObject({
        ok: false,
        code: 'CHECKIN_NOT_REGISTERED',
      });
      expect(
        await call('correctAttendance', { ...base, studentNo: studentNo(1), op: 'check_in', at: minutes(60).toISOString() }, as('o-branch')),
      ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(await call('correctAttendance', { ...base, studentNo: studentNo(1), op: 'check_in' }, as('o-other'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect((await storage.listAudit(10)).filter((a) => a.action.startsWith('attendance.'))).toEqual([]);
    });
  });

  describe('event code (正扫): students scan the code on the screen', () => {
    async function eventCode(now: Date = T, purpose: 'in' | 'out' = 'in', eventId = 'e1') {
      return ok(await call('getEventCheckinCode', { eventId, purpose }, as('o-branch', now)));
    }

    it('checks a student in by the code on the screen, once, and refuses a stale photo of it', async () => {
      await signUp(1);
      const shown = await eventCode(minutes(0, new Date(T.getTime() + 7_000)));
      expect(shown.code).toMatch(/^Y1E\./);
      expect(shown.refreshAfterMs).toBe(23_000);
      expect(Date.parse(shown.expiresAt)).toBe(T.getTime() + 60_000);

      const mine = ok(await call('selfCheckin', { code: shown.code }, as('openid-1', minutes(0.5))));
      expect(mine).toMatchObject({
        event: { id: 'e1', title: '百生讲坛：青年与时代' },
        result: { status: 'recorded', duplicate: false, label: '签到成功', member: { studentNo: studentNo(1) } },
      });
      const retry = ok(await call('selfCheckin', { code: shown.code }, as('openid-1', minutes(0.6))));
      expect(retry.result).toMatchObject({ status: 'recorded', duplicate: true });
      const next = ok(await call('selfCheckin', { code: (await eventCode(minutes(1))).code }, as('openid-1', minutes(1))));
      expect(next.result).toMatchObject({ status: 'already', label: '已签到' });
      expect((await storage.attendanceCounts('e1'))!.checkedIn).toBe(1);
      const row = (await storage.getAttendance('e1', studentNo(1)))!;
      expect(row).toMatchObject({ checkinMethod: 'event_code', checkedInBy: 'openid-1' });

      await signUp(3);
      expect(await call('selfCheckin', { code: shown.code }, as('openid-3', minutes(3)))).toMatchObject({ ok: false, code: 'CHECKIN_CODE_EXPIRED' });
    });

    it('refuses forged and malformed codes, and tells a student who scanned a member code what to scan instead', async () => {
      await signUp(1);
      const { code } = await eventCode();
      const forged = code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA');
      expect(await call('selfCheckin', { code: forged }, as('openid-1'))).toMatchObject({ ok: false, code: 'CHECKIN_CODE_FORGED' });
      const memberCode = (await phoneOf(1)).code(T);
      const res = await call('selfCheckin', { code: memberCode }, as('openid-1'));
      expect(res).toMatchObject({ ok: false, code: 'CHECKIN_CODE_MALFORMED', message: expect.stringContaining('活动码') });
      expect(await call('selfCheckin', { code: 'hello' }, as('openid-1'))).toMatchObject({ ok: false, code: 'CHECKIN_CODE_MALFORMED' });
    });

    it('refuses a student not signed up, and one outside the check-in time, with sentences addressed to them', async () => {
      const { code } = await eventCode();
      const res = await call('selfCheckin', { code }, as('openid-2'));
      expect(res).toMatchObject({ ok: false, code: 'CHECKIN_NOT_REGISTERED', message: expect.stringContaining('你没有报名') });
      await signUp(1);
      const late = minutes(150);
      const after = await call('selfCheckin', { code: (await eventCode(late)).code }, as('openid-1', late));
      expect(after).toMatchObject({ ok: false, code: 'CHECKIN_NOT_OPEN', message: expect.stringContaining('不在签到时间内') });
    });

    it('asks for the location where the event has a venue radius, and refuses a phone too far away', async () => {
      await storage.putEvents([
        makeEvent({ id: 'e-geo', title: '图书馆讲座', capacity: 5, seatsLeft: 5, geofence: { lat: 30.0, lng: 120.0, radiusM: 200 }, ...HOST }),
      ]);
      await signUp(1, 'e-geo');
      await signUp(3, 'e-geo');
      const { code } = await eventCode(T, 'in', 'e-geo');
      expect(await call('selfCheckin', { code }, as('openid-1'))).toMatchObject({ ok: false, code: 'CHECKIN_LOCATION_REQUIRED' });
      // ~1.1 km north.
      const far = await call('selfCheckin', { code, location: { lat: 30.01, lng: 120.0, accuracy: 30 } }, as('openid-1'));
      expect(far).toMatchObject({ ok: false, code: 'CHECKIN_OUT_OF_RANGE', message: expect.stringContaining('200 米') });
      // ~250 m away with a reported accuracy of 80 m: within 200 + 80.
      const edge = await call('selfCheckin', { code, location: { lat: 30.00225, lng: 120.0, accuracy: 80 } }, as('openid-1'));
      expect(edge).toMatchObject({ ok: true, data: { result: { status: 'recorded' } } });
      // A claimed accuracy of 5 km widens the radius by 100 m at most.
      const vague = await call('selfCheckin', { code, location: { lat: 30.0036, lng: 120.0, accuracy: 5000 } }, as('openid-3'));
      expect(vague).toMatchObject({ ok: false, code: 'CHECKIN_OUT_OF_RANGE' });
    });

    it('is only shown to the event’s staff, and says how long until the next code', async () => {
      expect(await call('getEventCheckinCode', { eventId: 'e1', purpose: 'in' }, as('o-other'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call('getEventCheckinCode', { eventId: 'e1', purpose: 'in' }, as('openid-1'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const shown = await eventCode(new Date(T.getTime() + 29_999));
      expect(shown.refreshAfterMs).toBe(1);
      expect(shown.counts).toEqual({ registered: 0, checkedIn: 0, checkedOut: 0 });
    });
  });

  describe('passes, lists and the student’s own view', () => {
    it('issues a pass that expires a day after the event, and refuses once check-out has closed', async () => {
      await signUp(1);
      const pass = ok(await call('issueCheckinPass', { eventId: 'e1' }, as('openid-1', NOW)));
      const event = (await storage.getEvent('e1'))!;
      const lastUse = Math.max(Date.parse(event.endAt), Date.parse(event.checkoutEndAt));
      expect(Date.parse(pass.expiresAt)).toBe(lastUse + 86_400_000);
      expect(pass.windowSeconds).toBe(30);
      expect(pass.deviceKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const late = await call('issueCheckinPass', { eventId: 'e1' }, as('openid-1', new Date(Date.parse(event.checkoutEndAt) + 1000)));
      expect(late).toMatchObject({ ok: false, code: 'CHECKIN_NOT_OPEN', message: expect.stringContaining('已经结束') });
    });

    it('answers INTERNAL naming the missing configuration when the server has no check-in keys', async () => {
      await signUp(1);
      const res = await call('issueCheckinPass', { eventId: 'e1' }, as('openid-1', NOW, null));
      expect(res).toEqual({ ok: false, code: 'INTERNAL', message: '签到密钥未配置，请联系管理员' });
      expect(await call('recordScans', { eventId: 'e1', scans: [scan('Y1.x')] }, as('o-branch', T, null))).toMatchObject({
        ok: false,
        code: 'INTERNAL',
      });
    });

    it('shows the student their own check-in on the event page', async () => {
      await signUp(1);
      expect(ok(await call('getEvent', { eventId: 'e1' }, as('openid-1'))).myAttendance).toBeNull();
      await record([scan((await phoneOf(1)).code(T))]);
      const mine = ok(await call('getEvent', { eventId: 'e1' }, as('openid-1')));
      expect(mine.myAttendance).toEqual({ checkedInAt: T.toISOString(), checkedOutAt: null });
      expect(ok(await call('getEvent', { eventId: 'e1' }, { ...as('x'), caller: { kind: 'anonymous' } })).myAttendance).toBeNull();
    });

    it('lists the events each officer may run check-in for, with their counts', async () => {
      await signUp(1);
      await record([scan((await phoneOf(1)).code(T))]);
      const ids = async (openid: string) => ok(await call('listCheckinEvents', {}, as(openid))).events.map((e: any) => e.id);
      expect(await ids('o-branch')).toEqual(['e1', 'e2']);
      expect(await ids('o-other')).toEqual(['e-nursing']);
      expect(await ids('o-college')).toEqual(['e1', 'e2']);
      expect(await ids('openid-1')).toEqual([]);
      const e1 = ok(await call('listCheckinEvents', {}, as('o-branch'))).events[0];
      expect(e1.counts).toEqual({ registered: 1, checkedIn: 1, checkedOut: 0 });
    });

    it('lists who came first, latest arrival on top, then who did not, by student number', async () => {
      for (const i of [1, 3, 4]) await signUp(i);
      await record([scan((await phoneOf(4)).code(T))]);
      await record([scan((await phoneOf(1)).code(minutes(2)))], 'o-branch', minutes(2));
      const list = ok(await call('getEventAttendance', { eventId: 'e1' }, as('o-branch', minutes(3))));
      // One page, by 学号 (the page sorts for display: arrivals newest first, then absentees).
      expect(list.rows.map((r: any) => [r.studentNo, r.state])).toEqual([
        [studentNo(1), 'in'],
        [studentNo(3), 'absent'],
        [studentNo(4), 'in'],
      ]);
      expect(list.next).toBeNull();
      expect(list.staff).toEqual([]);
    });
  });
});
