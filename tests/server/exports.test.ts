import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { readRosterTable } from '../../server/spreadsheets/read-table';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeEvent, makeStudent, studentNo } from '../support/factories';
import { downloaded, tempFileStore } from '../support/files';

/**
 * exportData, read back with the reader the committee imports rosters with. Branch A (计科2401) holds a first-aid
 * training on Friday 2026-03-06 at 10:00 (campus time), with a walk-in; the committee a lecture on Thursday at 10:00.
 * Students 1–4 and 6 are branch A's, 5 is branch B's (same college), 7 is 医学院's. Exports happen Friday afternoon.
 */
const COLLEGE = '信息工程学院';
const BRANCH_A = '计科2401团支部';
const BRANCH_B = '软件2401团支部';
const OTHER_COLLEGE = '医学院';
const LATER = at(99);

let storage: StoragePort;
let files: ReturnType<typeof tempFileStore>;

function as(openid: string, now: Date = LATER): HandlerContext {
  return { storage, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false, files };
}

function call(action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> {
  return dispatch({ action, payload }, ctx);
}

function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}

function code(result: ApiResult<unknown>): string {
  if (result.ok) throw new Error('expected a refusal');
  return result.code;
}

async function exported(openid: string, payload: object): Promise<{ fileName: string; rowCount: number; rows: string[][] }> {
  const file = ok(await call('exportData', payload, as(openid)));
  expect(file).not.toHaveProperty('contentBase64');
  const table = readRosterTable(await downloaded(files, file, LATER), file.fileName);
  expect(table.format).toBe('xlsx');
  expect(table.rows.length - 1).toBe(file.rowCount);
  return { fileName: file.fileName, rowCount: file.rowCount, rows: table.rows };
}

async function grant(openid: string, role: 'branch_officer' | 'college_officer' | 'committee_admin', scope: string) {
  await storage.grantRole(
    { openid, role, scope, grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: openid, detail: '{}' },
  );
}

async function correct(eventId: string, i: number, op: 'check_in' | 'check_out', when: Date) {
  ok(await call('correctAttendance', { eventId, studentNo: studentNo(i), op, at: when.toISOString(), reason: '现场核对' }, as('o-admin')));
}

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('exports on %s', (_adapter, makeStorage) => {
  beforeEach(async () => {
    storage = makeStorage();
    files = tempFileStore();
    await storage.putStudents([
      ...[1, 2, 3, 4, 6].map((i) => makeStudent(i, { branch: BRANCH_A, college: COLLEGE, className: '计科2401' })),
      makeStudent(5, { branch: BRANCH_B, college: COLLEGE, className: '软件2401' }),
      makeStudent(7, { branch: '护理2401团支部', college: OTHER_COLLEGE, className: '护理2401' }),
    ]);
    await storage.putEvents([
      makeEvent({
        id: 'e-aid', title: '应急救护普及培训', category: 'firstaid', credits: 1, capacity: 10, seatsLeft: 10, allowWalkIns: true,
        hostKind: 'branch', hostUnit: BRANCH_A, hostCollege: COLLEGE,
      }),
      makeEvent({
        id: 'e-lec', title: '百生讲坛：青年与时代', credits: 0.5, capacity: 10, seatsLeft: 10,
        startAt: at(72).toISOString(), endAt: at(74).toISOString(), cancelDeadlineAt: at(60).toISOString(),
      }),
    ]);
    await grant('o-admin', 'committee_admin', '');
    await grant('o-college', 'college_officer', COLLEGE);
    await grant('o-med', 'college_officer', OTHER_COLLEGE);
    await grant('o-branch', 'branch_officer', BRANCH_A);
    await grant('o-branch-b', 'branch_officer', BRANCH_B);
    for (const i of [1, 2, 3, 7]) await storage.signUp('e-aid', studentNo(i), NOW);
    for (const i of [1, 5, 4]) await storage.signUp('e-lec', studentNo(i), NOW);
    await storage.cancel('e-lec', studentNo(4), at(1));
    // 1 stays the whole training (2 counted hours, 1 credit); 2 never checks out; 6 walks in. 1 and 5 attend the lecture.
    await correct('e-aid', 1, 'check_in', at(96));
    await correct('e-aid', 1, 'check_out', at(98));
    await correct('e-aid', 2, 'check_in', at(96.5));
    await correct('e-aid', 6, 'check_in', at(96.25));
    await correct('e-lec', 1, 'check_in', at(72));
    await correct('e-lec', 5, 'check_in', at(72.1));
  });

  afterEach(async () => {
    await storage.close();
    files.cleanup();
  });

  it('exports an event\'s sign-ups with Chinese headers and campus times', async () => {
    const file = await exported('o-branch', { kind: 'registrations', eventId: 'e-aid' });
    expect(file.fileName).toBe('报名名单-应急救护普及培训-20260306.xlsx');
    const row = (i: number, college = COLLEGE, className = '计科2401', branch = BRANCH_A) =>
      ['应急救护普及培训', '2026-03-06 10:00', studentNo(i), `学生${i}`, college, className, branch, '已报名', '2026-03-02 10:00'];
    expect(file.rows).toEqual([
      ['活动', '活动开始', '学号', '姓名', '学院', '班级', '团支部', '报名状态', '报名时间'],
      row(1),
      row(2),
      row(3),
      row(7, OTHER_COLLEGE, '护理2401', '护理2401团支部'),
    ]);
  });

  it('exports a branch\'s sign-ups of every event, cancelled ones marked, by the events\' start', async () => {
    const file = await exported('o-branch', { kind: 'registrations', branch: BRANCH_A });
    expect(file.rows.slice(1).map((r) => [r[0], r[2], r[7]])).toEqual([
      ['百生讲坛：青年与时代', studentNo(1), '已报名'],
      ['百生讲坛：青年与时代', studentNo(4), '已取消'],
      ['应急救护普及培训', studentNo(1), '已报名'],
      ['应急救护普及培训', studentNo(2), '已报名'],
      ['应急救护普及培训', studentNo(3), '已报名'],
    ]);
  });

  it('exports an event\'s attendance, walk-ins included, with hours where the event records them', async () => {
    const file = await exported('o-branch', { kind: 'attendance', eventId: 'e-aid' });
    expect(file.rows).toEqual([
      ['活动', '活动开始', '学号', '姓名', '学院', '班级', '团支部', '报名状态', '签到时间', '签退时间', '时长(小时)', '时长是否计入'],
      ['应急救护普及培训', '2026-03-06 10:00', studentNo(1), '学生1', COLLEGE, '计科2401', BRANCH_A, '已报名', '2026-03-06 10:00', '2026-03-06 12:00', '2', '是'],
      ['应急救护普及培训', '2026-03-06 10:00', studentNo(2), '学生2', COLLEGE, '计科2401', BRANCH_A, '已报名', '2026-03-06 10:30', '', '0', '否'],
      ['应急救护普及培训', '2026-03-06 10:00', studentNo(6), '学生6', COLLEGE, '计科2401', BRANCH_A, '现场参加（未报名）', '2026-03-06 10:15', '', '0', '否'],
    ]);
  });

  it('exports a college\'s attendance across events: only those who came', async () => {
    const file = await exported('o-college', { kind: 'attendance', college: COLLEGE });
    expect(file.rows.slice(1).map((r) => [r[0], r[2], r[8], r[10], r[11]])).toEqual([
      ['百生讲坛：青年与时代', studentNo(1), '2026-03-05 10:00', '', '不计时长'],
      ['百生讲坛：青年与时代', studentNo(5), '2026-03-05 10:06', '', '不计时长'],
      ['应急救护普及培训', studentNo(1), '2026-03-06 10:00', '2', '是'],
      ['应急救护普及培训', studentNo(2), '2026-03-06 10:30', '0', '否'],
    ]);
  });

  it('exports each student\'s credits by module for a branch, and an event\'s participants with what it credited', async () => {
    const branch = await exported('o-college', { kind: 'credits', branch: BRANCH_A });
    expect(branch.fileName).toBe(`第二课堂学分-${BRANCH_A}-20260306.xlsx`);
    const header = branch.rows[0];
    expect(header.slice(0, 5)).toEqual(['学号', '姓名', '学院', '班级', '团支部']);
    expect(header.slice(-3)).toEqual(['总学分', '志愿时长(小时)', '是否达到毕业要求']);
    const column = (name: string) => header.indexOf(name);
    const pick = (r: string[]) => [r[0], r[column('思想政治与道德修养')], r[column('技能培训及其他')], r[column('总学分')], r[column('志愿时长(小时)')]];
    expect(branch.rows.slice(1).map(pick)).toEqual([
      [studentNo(1), '0.5', '1', '1.5', '2'],
      [studentNo(2), '0', '0', '0', '0'],
      [studentNo(3), '0', '0', '0', '0'],
      [studentNo(4), '0', '0', '0', '0'],
      [studentNo(6), '0', '0', '0', '0'],
    ]);

    const lecture = await exported('o-admin', { kind: 'credits', eventId: 'e-lec' });
    expect(lecture.rows[0][5]).toBe('本活动学分');
    expect(lecture.rows.slice(1).map((r) => [r[0], r[5], r[lecture.rows[0].indexOf('总学分')]])).toEqual([
      [studentNo(1), '0.5', '1.5'],
      [studentNo(5), '0.5', '0.5'],
    ]);
  });

  it('narrows by every filter given: an event\'s sign-ups of one college', async () => {
    const file = await exported('o-branch', { kind: 'registrations', eventId: 'e-aid', college: OTHER_COLLEGE });
    expect(file.rows.slice(1).map((r) => r[2])).toEqual([studentNo(7)]);
  });

  it('exports only what the caller is responsible for, and needs a scope', async () => {
    const refusal = async (openid: string, payload: object) => code(await call('exportData', payload, as(openid)));
    expect(await refusal('o-admin', { kind: 'registrations' })).toBe('INVALID_INPUT');
    expect(await refusal('o-admin', { kind: 'registrations', eventId: 'e-unknown' })).toBe('NOT_FOUND');
    expect(await refusal('o-branch-b', { kind: 'registrations', eventId: 'e-aid' })).toBe('FORBIDDEN');
    expect(await refusal('o-branch-b', { kind: 'attendance', branch: BRANCH_A })).toBe('FORBIDDEN');
    expect(await refusal('o-branch', { kind: 'credits', college: COLLEGE })).toBe('FORBIDDEN');
    expect(await refusal('o-branch', { kind: 'registrations', eventId: 'e-lec' })).toBe('FORBIDDEN');
    expect(await refusal('o-med', { kind: 'credits', branch: BRANCH_A })).toBe('FORBIDDEN');
    expect(await refusal('o-med', { kind: 'registrations', college: COLLEGE })).toBe('FORBIDDEN');
    expect(await refusal('openid-1', { kind: 'registrations', branch: BRANCH_A })).toBe('FORBIDDEN');
    // Allowed: a college officer for a branch of the college (found through the roster), the committee for anything.
    expect((await exported('o-college', { kind: 'registrations', branch: BRANCH_B })).rowCount).toBe(1);
    expect((await exported('o-admin', { kind: 'registrations', college: OTHER_COLLEGE })).rowCount).toBe(1);
    expect((await exported('o-med', { kind: 'registrations', college: OTHER_COLLEGE })).rowCount).toBe(1);
  });
});
