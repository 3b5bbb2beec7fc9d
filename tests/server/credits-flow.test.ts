import { createHash } from 'node:crypto';
import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { attendanceKeyBase, summarize, type LedgerEntry } from '../../core';
import { readRosterTable } from '../../server/spreadsheets/read-table';
import { generateKeyringConfig, keyringFromConfig } from '../../server/security/checkin-keys';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { scanId, studentPhone } from '../support/checkin-phone';
import { NOW, at, makeEvent, makeStudent, studentNo } from '../support/factories';
import { buildCsv, buildXlsx, buildZip } from '../support/roster-files';
import { downloaded, tempFileStore, upload } from '../support/files';

/**
 * Credits through the handlers, as the mini program and the verify page call them: check-in earns at once, the
 * ledger's key is the source (retries, re-uploads, appeals after a late check-in never double), undo reverses,
 * transcripts are shared under unguessable codes and verified by anyone, the committee sees and exports by scope and
 * awards in bulk from a file. Events are branch 计科2401's and start at T.
 */
const BRANCH = '计科2401团支部';
const COLLEGE = '信息工程学院';
const OTHER_COLLEGE = '医学院';
const T = at(96);
const minutes = (n: number, from: Date = T) => new Date(from.getTime() + n * 60_000);
const hours = (n: number, from: Date = T) => new Date(from.getTime() + n * 3_600_000);
const KEYS = keyringFromConfig(generateKeyringConfig('kcredit'));
const HOST = { hostKind: 'branch' as const, hostUnit: BRANCH, hostCollege: COLLEGE };
const LECTURE = '百生讲坛：青年与时代';

let storage: StoragePort;
let files: ReturnType<typeof tempFileStore>;

function as(openid: string | null, now: Date = T, extra: Partial<HandlerContext> = {}): HandlerContext {
  return {
    storage,
    caller: openid ? { kind: 'wechat', openid } : { kind: 'anonymous' },
    now: () => now,
    demoMode: false,
    checkinKeys: KEYS,
    files,
    ...extra,
  };
}

/** The committee's bulk award of a file: uploaded in parts, then imported by its id; the job's final report. */
async function importAwards(fileName: string, bytes: Uint8Array, commit: boolean, ctx: HandlerContext) {
  const fileId = await upload(ctx, 'creditAwards', fileName, bytes);
  return call('importCreditAwards', { fileId, commit }, ctx);
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

async function phoneOf(i: number, eventId = 'e1') {
  const data = ok(await call('issueCheckinPass', { eventId }, as(`openid-${i}`, NOW)));
  return studentPhone(data.pass, data.deviceKey);
}

function scan(code: string, overrides: Partial<{ scanId: string; purpose: 'in' | 'out'; scannedAt: string; offline: boolean }> = {}) {
  return { scanId: scanId(), code, purpose: 'in' as const, scannedAt: T.toISOString(), offline: false, ...overrides };
}

async function record(scans: unknown[], now: Date = T, eventId = 'e1', by = 'o-branch') {
  return ok(await call('recordScans', { eventId, scans }, as(by, now)));
}

async function correct(i: number, op: string, now: Date, extra: { at?: string; eventId?: string } = {}) {
  const { eventId = 'e1', ...rest } = extra;
  return ok(await call('correctAttendance', { eventId, studentNo: studentNo(i), op, reason: '现场核对后更正', ...rest }, as('o-branch', now)));
}

async function transcript(i: number, now: Date = hours(3)) {
  return ok(await call('getMyTranscript', {}, as(`openid-${i}`, now)));
}

async function ledger(i: number): Promise<LedgerEntry[]> {
  return storage.listLedger(studentNo(i));
}

async function grant(openid: string, role: 'branch_officer' | 'college_officer' | 'committee_admin', scope: string) {
  await storage.grantRole(
    { openid, role, scope, grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: openid, detail: '{}' },
  );
}

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('credits through the handlers on %s', (_adapter, makeStorage) => {
  beforeEach(async () => {
    storage = makeStorage();
    files = tempFileStore();
    await storage.putStudents([
      ...[1, 2, 3, 4, 5, 6].map((i) => makeStudent(i, { branch: BRANCH, college: COLLEGE, className: '计科2401' })),
      makeStudent(7, { branch: '护理2401团支部', college: OTHER_COLLEGE, className: '护理2401' }),
      makeStudent(8, { branch: '软件2401团支部', college: COLLEGE, className: '软件2401' }),
    ]);
    await storage.putEvents([
      // 2 credits a time (思想政治与道德修养), check-in only.
      makeEvent({ id: 'e1', title: LECTURE, capacity: 10, seatsLeft: 10, credits: 2, ...HOST }),
      // Volunteering for 8 hours: 0.5 a counted hour, at most 3 (社会实践与志愿服务); check-out required.
      makeEvent({
        id: 'e-vol',
        title: '社区助老志愿服务',
        category: 'volunteer',
        capacity: 10,
        seatsLeft: 10,
        startAt: T.toISOString(),
        endAt: hours(8).toISOString(),
        creditRule: { base: { kind: 'per_hour', module: 'service', perHour: 50, cap: 300 }, assessmentBonus: null },
        ...HOST,
      }),
      // First-aid training: a fixed 1 credit, but only once the stay is counted at check-out.
      makeEvent({ id: 'e-aid', title: '红十字救护员培训', category: 'firstaid', capacity: 10, seatsLeft: 10, credits: 1, ...HOST }),
      makeEvent({ id: 'e-none', title: '观影活动', capacity: 10, seatsLeft: 10, credits: 0, ...HOST }),
    ]);
    await grant('o-branch', 'branch_officer', BRANCH);
    await grant('o-other', 'branch_officer', '护理2401团支部');
    await grant('o-college', 'college_officer', COLLEGE);
    await grant('o-college-b', 'college_officer', OTHER_COLLEGE);
    await grant('o-admin', 'committee_admin', '');
  });
  afterEach(async () => {
    await storage.close();
    files.cleanup();
  });

  describe('automatic credits', () => {
    it('credits a check-in at once, with the event’s rule, the officer who scanned and the module’s name', async () => {
      await signUp(1);
      const phone = await phoneOf(1);
      await record([scan(phone.code(T))]);
      const entries = await ledger(1);
      expect(entries).toEqual([
        expect.objectContaining({
          key: attendanceKeyBase('e1', studentNo(1)),
          module: 'ideology',
          amount: 200,
          kind: 'award',
          sourceType: 'attendance',
          eventId: 'e1',
          rule: '按次 2 学分',
          confirmedBy: 'o-branch',
        }),
      ]);
      const mine = await transcript(1, minutes(1));
      expect(mine.entries).toEqual([
        expect.objectContaining({ amount: 200, module: 'ideology', moduleName: '思想政治与道德修养', title: LECTURE, rule: '按次 2 学分', kind: 'award' }),
      ]);
      expect(mine.modules.find((m: any) => m.id === 'ideology')).toMatchObject({ have: 200, need: 200, met: true });
      expect(mine.overall).toEqual({ have: 200, need: 1000, met: false });
    });

    it('gives one entry however often the attendance is confirmed: a retried request, a second scan, a batch uploaded twice', async () => {
      for (const i of [1, 3, 4]) await signUp(i);
      const [p1, p3, p4] = await Promise.all([1, 3, 4].map((i) => phoneOf(i)));
      const first = scan(p1.code(T), { scanId: 'scan-credit-0001' });
      await record([first]);
      await record([first], minutes(2)); // the answer was lost: the app sends the same scan again
      await record([scan(p1.code(minutes(3)))], minutes(3)); // scanned once more: 已签到
      const batch = [p3, p4].map((p, k) => scan(p.code(minutes(k)), { scannedAt: minutes(k).toISOString(), offline: true }));
      await record(batch, minutes(60));
      await record(batch, minutes(90)); // the phone uploads the same batch again
      for (const i of [1, 3, 4]) {
        const entries = await ledger(i);
        expect(entries).toHaveLength(1);
        expect(summarize(entries).total).toBe(200);
      }
    });

    it('heals a crash between recording the scan and crediting it when the scan is sent again', async () => {
      await signUp(1);
      const phone = await phoneOf(1);
      const failing = Object.create(storage, {
        settleCredit: { value: () => Promise.reject(new Error('the process died here')) },
      });
      const lost = scan(phone.code(T), { scanId: 'scan-crash-0001' });
      const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const crashed = await call('recordScans', { eventId: 'e1', scans: [lost] }, { ...as('o-branch'), storage: failing });
      consoleError.mockRestore();
      expect(crashed).toMatchObject({ ok: false, code: 'INTERNAL' });
      expect((await storage.getAttendance('e1', studentNo(1)))?.checkedInAt).toBe(T.toISOString());
      expect(await ledger(1)).toEqual([]);

      const retry = await record([lost], minutes(1));
      expect(retry.results[0]).toMatchObject({ status: 'recorded', duplicate: true });
      expect((await ledger(1)).map((e) => e.amount)).toEqual([200]);
    });

    it('reverses the credit when the check-in is undone (netting to zero), and awards the next generation when redone', async () => {
      await signUp(1);
      await correct(1, 'check_in', minutes(5));
      await correct(1, 'undo_check_in', minutes(10));
      let entries = await ledger(1);
      expect(entries.map((e) => [e.key, e.kind, e.amount])).toEqual([
        [`att:e1:${studentNo(1)}`, 'award', 200],
        [`rev:att:e1:${studentNo(1)}`, 'reversal', -200],
      ]);
      expect(entries[1]).toMatchObject({ reason: '签到更正：现场核对后更正', confirmedBy: 'o-branch' });
      expect(summarize(entries).total).toBe(0);
      // Retrying the undo changes nothing, on the ledger either.
      expect(await call('correctAttendance', { eventId: 'e1', studentNo: studentNo(1), op: 'undo_check_in', reason: '重复提交' }, as('o-branch', minutes(11)))).toMatchObject({
        ok: false,
        code: 'CORRECTION_NOT_NEEDED',
      });
      expect(await ledger(1)).toHaveLength(2);

      await correct(1, 'check_in', minutes(15));
      entries = await ledger(1);
      expect(entries.map((e) => e.key)).toEqual([`att:e1:${studentNo(1)}`, `rev:att:e1:${studentNo(1)}`, `att:e1:${studentNo(1)}#2`]);
      const mine = await transcript(1, minutes(20));
      expect(mine.entries.map((e: any) => e.kind)).toEqual(['award', 'reversal', 'award']); // newest first
      expect(mine.overall.have).toBe(200);
    });

    it('pays per counted hour at check-out, capped, and nothing for a stay too short', async () => {
      for (const i of [1, 2]) await signUp(i, 'e-vol');
      const phone = await phoneOf(1, 'e-vol');
      await record([scan(phone.code(T))], T, 'e-vol');
      expect(await ledger(1)).toEqual([]); // hours are not known before check-out
      await record([scan(phone.code(hours(8), 'out'), { purpose: 'out', scannedAt: hours(8).toISOString() })], hours(8), 'e-vol');
      expect((await ledger(1)).map((e) => [e.module, e.amount, e.hours, e.rule])).toEqual([['service', 300, 8, '按时长 0.5 学分/小时（上限 3）']]);

      await correct(2, 'check_in', hours(1), { eventId: 'e-vol', at: T.toISOString() });
      await correct(2, 'check_out', hours(1), { eventId: 'e-vol' }); // 1 hour of 8: under 60%
      expect(await ledger(2)).toEqual([]);

      // Undoing the check-out takes the hours and the credit back.
      await correct(1, 'undo_check_out', hours(8.5), { eventId: 'e-vol' });
      expect(summarize(await ledger(1))).toMatchObject({ total: 0, hours: 0 });
      expect((await transcript(1, hours(9))).hours).toBe(0);
    });

    it('waits for the check-out where the event requires one, even for a fixed credit', async () => {
      await signUp(1, 'e-aid');
      const phone = await phoneOf(1, 'e-aid');
      await record([scan(phone.code(T))], T, 'e-aid');
      expect(await ledger(1)).toEqual([]);
      await record([scan(phone.code(hours(2), 'out'), { purpose: 'out', scannedAt: hours(2).toISOString() })], hours(2), 'e-aid');
      expect((await ledger(1)).map((e) => [e.module, e.amount, e.hours])).toEqual([['skills', 100, 2]]);
    });

    it('credits a self check-in by the event code once, confirmed by the student', async () => {
      await signUp(1);
      const shown = ok(await call('getEventCheckinCode', { eventId: 'e1', purpose: 'in' }, as('o-branch', T)));
      ok(await call('selfCheckin', { code: shown.code }, as('openid-1', minutes(0.2))));
      ok(await call('selfCheckin', { code: shown.code }, as('openid-1', minutes(0.4)))); // a retry
      expect((await ledger(1)).map((e) => [e.amount, e.confirmedBy])).toEqual([[200, 'openid-1']]);
    });

    it('credits nothing for an event without credits', async () => {
      await signUp(1, 'e-none');
      await correct(1, 'check_in', minutes(5), { eventId: 'e-none' });
      expect(await ledger(1)).toEqual([]);
    });
  });

  describe('appeals', () => {
    it('credits an accepted appeal with the appeal as the source, and a late check-in afterwards does not double it', async () => {
      await signUp(2);
      const filed = ok(await call('fileAppeal', { eventId: 'e1', note: '我全程参加了，但签到时手机没电' }, as('openid-2', hours(3))));
      expect(filed.appeal).toMatchObject({ id: `e1:${studentNo(2)}`, status: 'pending', eventTitle: LECTURE, name: '学生2', className: '计科2401' });
      expect(await call('fileAppeal', { eventId: 'e1', note: '再提交一次申诉说明' }, as('openid-2', hours(3)))).toMatchObject({ ok: false, code: 'APPEAL_EXISTS' });

      const listed = ok(await call('listAppeals', { status: 'pending' }, as('o-branch', hours(4))));
      expect(listed.appeals.map((a: any) => a.id)).toEqual([`e1:${studentNo(2)}`]);
      expect(ok(await call('listAppeals', {}, as('o-other', hours(4)))).appeals).toEqual([]);
      expect(ok(await call('listAppeals', {}, as('o-admin', hours(4)))).appeals).toHaveLength(1);
      const payload = { appealId: `e1:${studentNo(2)}`, accept: true, reason: '经核对签到表，确实到场' };
      expect(await call('decideAppeal', payload, as('o-other', hours(4)))).toMatchObject({ ok: false, code: 'FORBIDDEN' });

      const decided = ok(await call('decideAppeal', payload, as('o-branch', hours(4))));
      expect(decided.appeal).toMatchObject({ status: 'accepted', decisionReason: '经核对签到表，确实到场' });
      expect(decided.entries).toEqual([expect.objectContaining({ amount: 200, sourceType: 'appeal', module: 'ideology', title: LECTURE })]);
      expect(await call('decideAppeal', payload, as('o-branch', hours(4)))).toMatchObject({ ok: false, code: 'APPEAL_DECIDED' });

      // The officer then finds the paper list and checks the student in by hand: the source is credited already.
      await correct(2, 'check_in', hours(5), { at: T.toISOString() });
      const entries = await ledger(2);
      expect(entries.map((e) => [e.key, e.sourceType, e.amount])).toEqual([[`att:e1:${studentNo(2)}`, 'appeal', 200]]);
      expect(await call('fileAppeal', { eventId: 'e1', note: '我全程参加了，但签到时手机没电' }, as('openid-2', hours(6)))).toMatchObject({
        ok: false,
        code: 'APPEAL_ALREADY_CREDITED',
      });
      expect((await transcript(2, hours(6))).appeals).toEqual([expect.objectContaining({ status: 'accepted' })]);
      expect((await storage.listAudit(20)).map((a) => a.action)).toEqual(expect.arrayContaining(['appeal.file', 'appeal.accept']));
    });

    it('does not double when the appeal is accepted after a late check-in has credited the source', async () => {
      await signUp(2);
      ok(await call('fileAppeal', { eventId: 'e1', note: '我全程参加了，但签到时手机没电' }, as('openid-2', hours(3))));
      await correct(2, 'check_in', hours(3.5), { at: T.toISOString() });
      ok(await call('decideAppeal', { appealId: `e1:${studentNo(2)}`, accept: true, reason: '已补签到' }, as('o-college', hours(4))));
      expect((await ledger(2)).map((e) => e.amount)).toEqual([200]);
    });

    it('rejects with the reason, which the student sees, and lets the student appeal again', async () => {
      await signUp(3);
      ok(await call('fileAppeal', { eventId: 'e1', note: '我参加了活动但没有学分' }, as('openid-3', hours(3))));
      const rejected = ok(await call('decideAppeal', { appealId: `e1:${studentNo(3)}`, accept: false, reason: '签到表和现场照片中均无此人' }, as('o-admin', hours(4))));
      expect(rejected).toMatchObject({ appeal: { status: 'rejected', decisionReason: '签到表和现场照片中均无此人' }, entries: [] });
      expect(await ledger(3)).toEqual([]);
      expect((await transcript(3, hours(5))).appeals).toEqual([expect.objectContaining({ status: 'rejected', decisionReason: '签到表和现场照片中均无此人' })]);
      const again = ok(await call('fileAppeal', { eventId: 'e1', note: '补充：我坐在最后一排，有同学可以作证' }, as('openid-3', hours(6))));
      expect(again.appeal.status).toBe('pending');
    });

    it('credits the hours given for an event that pays per hour', async () => {
      await signUp(4, 'e-vol');
      ok(await call('fileAppeal', { eventId: 'e-vol', note: '签退时扫码失败，实际服务了四个小时' }, as('openid-4', hours(9))));
      const decided = ok(await call('decideAppeal', { appealId: `e-vol:${studentNo(4)}`, accept: true, reason: '负责人确认服务 4 小时', hours: 4 }, as('o-branch', hours(10))));
      expect(decided.entries.map((e: any) => [e.amount, e.hours, e.sourceType])).toEqual([[200, 4, 'appeal']]);
      expect((await transcript(4, hours(10))).hours).toBe(4);
    });

    it('refuses an appeal before the event starts, without a confirmed registration, or for an event without credits', async () => {
      await signUp(5);
      await signUp(5, 'e-none');
      const note = { note: '我参加了活动但没有学分' };
      expect(await call('fileAppeal', { eventId: 'e1', ...note }, as('openid-5', minutes(-60)))).toMatchObject({ ok: false, code: 'APPEAL_NOT_ALLOWED' });
      expect(await call('fileAppeal', { eventId: 'e1', ...note }, as('openid-6', hours(3)))).toMatchObject({ ok: false, code: 'APPEAL_NOT_ALLOWED' });
      expect(await call('fileAppeal', { eventId: 'e-none', ...note }, as('openid-5', hours(3)))).toMatchObject({ ok: false, code: 'APPEAL_NOT_ALLOWED' });
      expect(await call('fileAppeal', { eventId: 'nope', ...note }, as('openid-5', hours(3)))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      await correct(5, 'check_in', minutes(5));
      expect(await call('fileAppeal', { eventId: 'e1', ...note }, as('openid-5', hours(3)))).toMatchObject({ ok: false, code: 'APPEAL_ALREADY_CREDITED' });
    });
  });

  describe('the transcript', () => {
    it('shows totals equal to the sum recomputed from the ledger, whatever happened', async () => {
      for (const e of ['e1', 'e-vol', 'e-aid']) await signUp(1, e);
      await correct(1, 'check_in', minutes(5));
      await correct(1, 'undo_check_in', minutes(6));
      await correct(1, 'check_in', minutes(7));
      await correct(1, 'check_in', minutes(5), { eventId: 'e-vol', at: T.toISOString() });
      await correct(1, 'check_out', hours(6), { eventId: 'e-vol' });
      await correct(1, 'check_in', minutes(5), { eventId: 'e-aid', at: T.toISOString() });
      await correct(1, 'check_out', hours(2), { eventId: 'e-aid' });
      const csv = buildCsv([['学号', '模块', '学分', '事由'], [studentNo(1), '文化艺术与身心发展', '0.75', '校园歌手大赛二等奖']]);
      ok(await importAwards('awards.csv', csv, true, as('o-admin', hours(7))));

      const entries = await ledger(1);
      const recomputed = summarize(entries);
      const mine = await transcript(1, hours(8));
      expect(mine.overall.have).toBe(recomputed.total);
      expect(mine.overall.have).toBe(200 + 300 + 100 + 75);
      expect(mine.entries.reduce((sum: number, e: any) => sum + e.amount, 0)).toBe(recomputed.total);
      for (const m of mine.modules) expect(m.have).toBe(recomputed.byModule[m.id] ?? 0);
      expect(mine.hours).toBe(recomputed.hours);
      expect(mine.hours).toBe(6 + 2);
      expect(mine.entries[0]).toMatchObject({ sourceType: 'manual', title: '校园歌手大赛二等奖', moduleName: '文化艺术与身心发展' });
      expect(mine.student).toMatchObject({ studentNo: studentNo(1), name: '学生1' });
    });

    it('is refused to anyone who is not a bound student', async () => {
      expect(await call('getMyTranscript', {}, as(null))).toMatchObject({ ok: false, code: 'NOT_BOUND' });
      expect(await call('getMyTranscript', {}, as('o-admin'))).toMatchObject({ ok: false, code: 'NOT_BOUND' });
    });
  });

  describe('verifiable transcripts', () => {
    async function credited(i: number) {
      await signUp(i);
      await correct(i, 'check_in', minutes(5));
    }

    it('issues a code that anyone can verify, showing the totals as issued and the student number masked', async () => {
      await credited(1);
      const share = ok(await call('createTranscriptShare', { includeTimeline: false, showStudentNo: false }, as('openid-1', hours(3))));
      expect(share.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      const hash = createHash('sha256').update(share.code.replace(/-/g, '')).digest('hex');
      expect(share.shareId).toBe(hash.slice(0, 12));
      expect(share.verifyPath).toBe(`/#/packages/transcript/verify/index?code=${share.code}`);
      expect(share.snapshot).toMatchObject({ name: '学生1', studentNo: '2024**01', college: COLLEGE, total: 200, hours: 0, requirementMet: false, timeline: null });
      expect(share.snapshot.modules.find((m: any) => m.id === 'ideology')).toEqual({ id: 'ideology', name: '思想政治与道德修养', amount: 200 });
      const entries = await ledger(1);
      const digest = createHash('sha256').update(entries.map((e) => `${e.key}\t${e.amount}\n`).join('')).digest('hex');
      expect(share.snapshot.ledgerDigest).toBe(digest);

      // An employer, not signed in, types the code as printed — or sloppily, in lower case with O for 0.
      const seen = ok(await call('verifyTranscript', { code: share.code }, as(null, hours(30), { clientAddress: '203.0.113.7' })));
      expect(seen).toEqual({ shareId: share.shareId, issuedAt: hours(3).toISOString(), snapshot: share.snapshot });
      const sloppy = share.code.toLowerCase().replace(/0/g, 'o').replace(/-/g, ' ');
      expect(ok(await call('verifyTranscript', { code: sloppy }, as(null, hours(30), { clientAddress: '203.0.113.7' }))).shareId).toBe(share.shareId);

      // Later credits do not change what was issued: a printed copy is checked against what it said then.
      await signUp(1, 'e-aid');
      await correct(1, 'check_in', minutes(5), { eventId: 'e-aid', at: T.toISOString() });
      await correct(1, 'check_out', hours(2), { eventId: 'e-aid' });
      expect(ok(await call('verifyTranscript', { code: share.code }, as(null, hours(31)))).snapshot.total).toBe(200);
      expect((await transcript(1, hours(31))).shares).toEqual([{ shareId: share.shareId, issuedAt: hours(3).toISOString(), revokedAt: null, total: 200, includesTimeline: false }]);
    });

    it('shares the timeline and the full student number only when the student chooses to', async () => {
      await credited(1);
      const share = ok(await call('createTranscriptShare', { includeTimeline: true, showStudentNo: true }, as('openid-1', hours(3))));
      expect(share.snapshot.studentNo).toBe(studentNo(1));
      expect(share.snapshot.timeline).toEqual([{ at: minutes(5).toISOString(), title: LECTURE, module: '思想政治与道德修养', amount: 200, hours: 0 }]);
    });

    it('refuses a tampered code, a made-up one and junk alike as unknown, and a revoked one as revoked', async () => {
      await credited(1);
      const share = ok(await call('createTranscriptShare', { includeTimeline: false, showStudentNo: false }, as('openid-1', hours(3))));
      const verify = async (code: string) => call('verifyTranscript', { code }, as(null, hours(4), { clientAddress: '198.51.100.1' }));
      const last = share.code.at(-1)!;
      const tampered = share.code.slice(0, -1) + (last === 'Z' ? 'Y' : '0123456789ABCDEFGHJKMNPQRSTVWXYZ'['0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(last) + 1]);
      const unknown = await verify(tampered);
      expect(unknown).toMatchObject({ ok: false, code: 'TRANSCRIPT_CODE_UNKNOWN' });
      expect(await verify('ABCD-EFGH-JKMN-PQRS')).toMatchObject({ ok: false, code: 'TRANSCRIPT_CODE_UNKNOWN' });
      expect(await verify('not a code')).toMatchObject({ ok: false, code: 'TRANSCRIPT_CODE_UNKNOWN' });

      // Only the owner can revoke; revoking again answers the same; the code then answers REVOKED, nothing more.
      expect(await call('revokeTranscriptShare', { shareId: share.shareId }, as('openid-2', hours(5)))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(ok(await call('revokeTranscriptShare', { shareId: share.shareId }, as('openid-1', hours(5))))).toEqual({ revoked: true });
      expect(ok(await call('revokeTranscriptShare', { shareId: share.shareId }, as('openid-1', hours(5))))).toEqual({ revoked: true });
      const revoked = await verify(share.code);
      expect(revoked).toMatchObject({ ok: false, code: 'TRANSCRIPT_REVOKED' });
      expect(JSON.stringify(revoked)).not.toContain('学生1');
      expect((revoked as any).message).not.toBe((unknown as any).message);
      expect((await transcript(1, hours(6))).shares[0].revokedAt).toBe(hours(5).toISOString());
    });

    it('limits lookups per address: 10 a minute and 60 an hour, junk counted alike; others are not affected', async () => {
      await credited(1);
      const share = ok(await call('createTranscriptShare', { includeTimeline: false, showStudentNo: false }, as('openid-1', hours(3))));
      const from = (address: string, now: Date) => (code: string) => call('verifyTranscript', { code }, as(null, now, { clientAddress: address }));
      const start = hours(10);
      const guesser = from('192.0.2.66', start);
      for (let n = 0; n < 10; n++) expect(await guesser(`GUES-S000-0000-00${String(n).padStart(2, '0')}`)).toMatchObject({ code: 'TRANSCRIPT_CODE_UNKNOWN' });
      expect(await guesser(share.code)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
      expect(await from('192.0.2.99', start)(share.code)).toMatchObject({ ok: true });
      expect(await from('192.0.2.66', minutes(1, start))(share.code)).toMatchObject({ ok: true });

      // The hour's bucket: five more minutes at the minute's limit reach 60 lookups in all.
      for (let m = 2; m <= 6; m++) for (let n = 0; n < 10; n++) await from('192.0.2.66', minutes(m, start))('junk');
      expect(await from('192.0.2.66', minutes(7, start))(share.code)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
      expect(await from('192.0.2.66', minutes(61, start))(share.code)).toMatchObject({ ok: true });
    });
  });

  describe('the committee’s view', () => {
    async function creditSome() {
      for (const i of [1, 2, 7]) await signUp(i);
      for (const i of [1, 2]) await correct(i, 'check_in', minutes(5));
      // Student 7 (医学院) attends too, checked in by the committee.
      ok(await call('correctAttendance', { eventId: 'e1', studentNo: studentNo(7), op: 'check_in', reason: '校团委现场补签' }, as('o-admin', minutes(5))));
    }

    it('sums by branch within a college officer’s own college only, counting students from the roster', async () => {
      await creditSome();
      const mine = ok(await call('getCreditOverview', { groupBy: 'branch' }, as('o-college', hours(3))));
      expect(mine.groups.map((g: any) => [g.group, g.college, g.students, g.studentsWithCredits, g.total, g.byModule.ideology ?? 0])).toEqual([
        [BRANCH, COLLEGE, 6, 2, 400, 400],
        ['软件2401团支部', COLLEGE, 1, 0, 0, 0],
      ]);
      expect(mine.groups[0].average).toBe(67); // 400 / 6, rounded
      expect(mine.requirementOverall).toBe(1000);
      expect(mine.modules.map((m: any) => m.id)).toEqual(['ideology', 'service', 'innovation', 'culture', 'organization', 'skills']);
      expect(await call('getCreditOverview', { groupBy: 'college', college: OTHER_COLLEGE }, as('o-college', hours(3)))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call('getCreditOverview', { groupBy: 'college' }, as('o-branch', hours(3)))).toMatchObject({ ok: false, code: 'FORBIDDEN' });

      const all = ok(await call('getCreditOverview', { groupBy: 'college' }, as('o-admin', hours(3))));
      expect(all.groups.map((g: any) => [g.group, g.students, g.total])).toEqual(
        expect.arrayContaining([
          [COLLEGE, 7, 400],
          [OTHER_COLLEGE, 1, 200],
        ]),
      );
      expect(all.groups).toHaveLength(2);
    });

    it('counts who meets the graduation requirement as the committee set it', async () => {
      await creditSome();
      const settings = ok(await call('getCreditSettings', {}, as(null)));
      const perModule = Object.fromEntries(Object.keys(settings.requirement.perModule).map((id) => [id, 0]));
      ok(await call('updateCreditSettings', { ...settings, requirement: { overallMin: 200, perModule: { ...perModule, ideology: 200 } } }, as('o-admin', hours(2))));
      const overview = ok(await call('getCreditOverview', { groupBy: 'college', college: COLLEGE }, as('o-admin', hours(3))));
      expect(overview.groups).toEqual([expect.objectContaining({ group: COLLEGE, students: 7, metRequirement: 2 })]);
    });

    it('exports one row per student of the officer’s college, with each module, the total, hours and the requirement', async () => {
      await creditSome();
      const file = ok(await call('exportCredits', {}, as('o-college', hours(3))));
      expect(file.rowCount).toBe(7);
      expect(file.fileName).toBe(`第二课堂学分-${COLLEGE}-${stamp(hours(3))}.xlsx`);
      expect(file).not.toHaveProperty('contentBase64');
      const table = readRosterTable(await downloaded(files, file, hours(3)), file.fileName);
      expect(table.rows[0]).toEqual([
        '学号', '姓名', '学院', '班级', '团支部',
        '思想政治与道德修养', '社会实践与志愿服务', '学术科技与创新创业', '文化艺术与身心发展', '社团活动与社会工作', '技能培训及其他',
        '总学分', '志愿时长(小时)', '是否达到毕业要求',
      ]);
      expect(table.rows[1]).toEqual([studentNo(1), '学生1', COLLEGE, '计科2401', BRANCH, '2', '0', '0', '0', '0', '0', '2', '0', '否']);
      expect(table.rows.slice(1).map((r) => r[0])).not.toContain(studentNo(7));
      expect(await call('exportCredits', { college: COLLEGE }, as('o-college-b', hours(3)))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(ok(await call('exportCredits', {}, as('o-admin', hours(3)))).rowCount).toBe(8);
    });
  });

  describe('bulk manual awards from a file', () => {
    const header = ['学号', '模块', '学分', '事由'];
    const rows = [
      [studentNo(1), '社会实践与志愿服务', '1.5', '校运会志愿者'],
      [studentNo(2), 'culture', '0.25', '合唱比赛'],
      ['20249999', '社会实践与志愿服务', '1', '不存在的学生'],
      [studentNo(3), '不存在的模块', '1', '模块写错'],
      [studentNo(4), '社会实践与志愿服务', '1.234', '三位小数'],
      [studentNo(5), '社会实践与志愿服务', '-1', '负数'],
      [studentNo(6), '社会实践与志愿服务', '1', ''],
    ];

    it('previews with a row-by-row report, commits only the clean rows as a job, and awards nothing twice for the same file', async () => {
      const bytes = buildXlsx([header, ...rows]);
      const admin = as('o-admin', hours(3));
      const fileId = await upload(admin, 'creditAwards', '学分.xlsx', bytes);
      const preview = ok(await call('importCreditAwards', { fileId, commit: false }, admin));
      expect(preview).toMatchObject({ dataRows: 7, cleanRows: 2, committed: false, job: null, problemCount: 5, problemsFile: null });
      expect(preview.problems.map((p: any) => [p.row, p.column, p.code])).toEqual([
        [4, '学号', 'UNKNOWN_STUDENT'],
        [5, '模块', 'UNKNOWN_MODULE'],
        [6, '学分', 'BAD_AMOUNT'],
        [7, '学分', 'BAD_AMOUNT'],
        [8, '事由', 'MISSING_REASON'],
      ]);
      expect(preview.problems[0].message).toBe('第 4 行：学号 20249999 不在学生名单中，请核对学号');
      for (const p of preview.problems) expect(p.message).toMatch(/^第 \d+ 行：[\u4e00-\u9fa5]/);
      expect(await ledger(1)).toEqual([]);

      const committed = ok(await call('importCreditAwards', { fileId, commit: true }, admin));
      expect(committed).toMatchObject({ committed: true, job: { kind: 'creditAwards', status: 'done', done: 2, total: 2, report: { awarded: 2, alreadyAwarded: 0 } } });
      const fileHash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
      expect((await ledger(1)).map((e) => [e.key, e.module, e.amount, e.sourceType, e.reason, e.confirmedBy])).toEqual([
        [`man:${fileHash}:2`, 'service', 150, 'manual', '校运会志愿者', 'o-admin'],
      ]);
      expect((await ledger(2)).map((e) => [e.module, e.amount])).toEqual([['culture', 25]]);

      // The same bytes uploaded again: the same keys, so nothing is awarded twice.
      const again = ok(await importAwards('学分（再次）.xlsx', bytes, true, as('o-admin', hours(4))));
      expect(again).toMatchObject({ committed: true, job: { status: 'done', report: { awarded: 0, alreadyAwarded: 2 } } });
      expect(await ledger(1)).toHaveLength(1);
    });

    it('reports a missing column, and refuses a file it cannot read', async () => {
      const csv = buildCsv([['学号', '学分', '事由'], [studentNo(1), '1', '缺模块列']]);
      const res = ok(await importAwards('a.csv', csv, true, as('o-admin')));
      expect(res).toMatchObject({ dataRows: 0, cleanRows: 0, committed: false, job: null, problems: [expect.objectContaining({ code: 'MISSING_COLUMN', column: '模块' })] });
      // A zip that holds no workbook passes the upload's check (it is a zip) and is refused by the reader.
      const notXlsx = buildZip([{ name: 'readme.txt', data: 'this is not a spreadsheet' }]);
      expect(await importAwards('a.xlsx', notXlsx, false, as('o-admin'))).toMatchObject({ ok: false, code: 'FILE_UNREADABLE' });
    });

    it('lists the first 100 problems and hands out all of them as a file when there are more', async () => {
      const bad = Array.from({ length: 150 }, (_, k) => [`2099${String(k).padStart(4, '0')}`, '社会实践与志愿服务', '1', '不存在的学生']);
      const res = ok(await importAwards('多问题.csv', buildCsv([header, ...bad]), false, as('o-admin', hours(3))));
      expect(res).toMatchObject({ dataRows: 150, cleanRows: 0, problemCount: 150 });
      expect(res.problems).toHaveLength(100);
      expect(res.problemsFile).toMatchObject({ fileName: '多问题-问题清单.xlsx', rowCount: 150, url: expect.stringMatching(/^\/files\//) });
      const table = readRosterTable(await downloaded(files, res.problemsFile, hours(3)), res.problemsFile.fileName);
      expect(table.rows[0]).toEqual(['行', '列', '级别', '代码', '说明']);
      expect(table.rows).toHaveLength(151);
      expect(table.rows[150]).toEqual(['151', '学号', '错误', 'UNKNOWN_STUDENT', '第 151 行：学号 20990149 不在学生名单中，请核对学号']);
    });

    it('imports only a file the caller uploaded for this purpose', async () => {
      const csv = buildCsv([header, rows[0]]);
      const fileId = await upload(as('o-admin'), 'creditAwards', 'a.csv', csv);
      await grant('o-admin-2', 'committee_admin', '');
      expect(await call('importCreditAwards', { fileId, commit: false }, as('o-admin-2'))).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
      const rosterFile = await upload(as('o-admin'), 'roster', 'a.csv', csv);
      expect(await call('importCreditAwards', { fileId: rosterFile, commit: false }, as('o-admin'))).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
      expect(await call('importCreditAwards', { fileId, commit: false }, as('o-admin', hours(25)))).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    });
  });

  describe('settings', () => {
    it('renames a module, which old entries then show, and audits the change', async () => {
      await signUp(1);
      await correct(1, 'check_in', minutes(5));
      const settings = ok(await call('getCreditSettings', {}, as(null)));
      expect(settings.modules).toHaveLength(6);
      const modules = settings.modules.map((m: any) => (m.id === 'ideology' ? { ...m, name: '思想成长' } : m));
      const added = [...modules, { id: 'labor', name: '劳动教育', order: 7, active: true }];
      const updated = ok(await call('updateCreditSettings', { ...settings, modules: added }, as('o-admin', hours(1))));
      expect(updated.modules.map((m: any) => m.name)).toContain('劳动教育');
      expect((await transcript(1, hours(2))).entries[0].moduleName).toBe('思想成长');
      expect((await storage.listAudit(5)).map((a) => a.action)).toContain('creditSettings.update');
    });

    it('refuses a requirement or no-show rule naming no module, a removed module, and anyone but the committee', async () => {
      const settings = ok(await call('getCreditSettings', {}, as(null)));
      const admin = as('o-admin');
      expect(await call('updateCreditSettings', { ...settings, requirement: { overallMin: 0, perModule: { nope: 100 } } }, admin)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
      expect(await call('updateCreditSettings', { ...settings, noShow: { ...settings.noShow, module: 'nope' } }, admin)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      const perModule = { ...settings.requirement.perModule };
      delete perModule.skills;
      const withoutSkills = { ...settings, modules: settings.modules.filter((m: any) => m.id !== 'skills'), requirement: { ...settings.requirement, perModule } };
      expect(await call('updateCreditSettings', withoutSkills, admin)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(await call('updateCreditSettings', settings, as('o-college'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    });

    it('refuses a module id that names a member of Object.prototype (constructor, toString, __proto__, …)', async () => {
      const settings = ok(await call('getCreditSettings', {}, as(null)));
      const admin = as('o-admin');
      for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
        const modules = [...settings.modules, { id, name: '保留字模块', order: 9, active: true }];
        const res = await call('updateCreditSettings', { ...settings, modules }, admin);
        expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
        expect(!res.ok && res.message).toMatch(/[\u4e00-\u9fa5]/);
        const perModule = JSON.parse(`{"${id}": 100}`);
        expect(await call('updateCreditSettings', { ...settings, requirement: { overallMin: 0, perModule } }, admin)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      }
      expect((await storage.creditSettings()).modules.map((m) => m.id)).not.toContain('constructor');
    });

    it('sums credits of a module stored under a reserved id as numbers on the transcript (data from before the check)', async () => {
      const settings = await storage.creditSettings();
      await storage.putCreditSettings(
        { ...settings, modules: [...settings.modules, { id: 'constructor', name: '旧模块', order: 9, active: true }] },
        { at: NOW.toISOString(), actor: 'o-admin', action: 'creditSettings.update', target: '', detail: '{}' },
      );
      await storage.awardMany([
        { base: 'man:old:1', studentNo: studentNo(1), module: 'constructor', amount: 100, hours: 0, sourceType: 'manual', eventId: null, rule: 'manual', reason: '旧数据', confirmedBy: 'o-admin', at: NOW.toISOString() },
      ]);
      const view = await transcript(1, hours(1));
      const row = view.modules.find((m: any) => m.id === 'constructor');
      expect(row).toMatchObject({ have: 100, need: 0 });
      expect(view.overall.have).toBe(100);
      expect(JSON.stringify(view)).not.toMatch(/native code/);
    });
  });
});

function stamp(d: Date): string {
  const c = new Date(d.getTime() + 8 * 3_600_000);
  return `${c.getUTCFullYear()}${String(c.getUTCMonth() + 1).padStart(2, '0')}${String(c.getUTCDate()).padStart(2, '0')}`;
}
