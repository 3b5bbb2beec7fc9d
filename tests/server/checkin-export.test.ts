import type { ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { readRosterTable } from '../../server/spreadsheets/read-table';
import { generateKeyringConfig, keyringFromConfig } from '../../server/security/checkin-keys';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { scanId, studentPhone } from '../support/checkin-phone';
import { NOW, makeEvent, makeStudent, studentNo } from '../support/factories';
import { downloaded, tempFileStore } from '../support/files';

/** The attendance export, read back with the same reader the committee imports rosters with. */
const KEYS = keyringFromConfig(generateKeyringConfig('ktest'));
// A volunteering morning: 2026-03-06 09:00–11:00 in Shanghai (01:00–03:00 UTC), walk-ins welcome.
const START = new Date('2026-03-06T01:00:00.000Z');
const END = new Date('2026-03-06T03:00:00.000Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

let storage: SqliteStorage;
let files: ReturnType<typeof tempFileStore>;
const as = (openid: string, now: Date): HandlerContext => ({
  storage,
  caller: { kind: 'wechat', openid },
  now: () => now,
  demoMode: false,
  checkinKeys: KEYS,
  files,
});
function ok(result: ApiResult<any>): any {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}

beforeEach(async () => {
  storage = new SqliteStorage({ file: ':memory:' });
  files = tempFileStore();
  await storage.putStudents([
    makeStudent(1, { name: '张三', className: '计科2402', branch: '计科2402团支部' }),
    makeStudent(2, { name: '李四', className: '计科2401', branch: '计科2401团支部' }),
    makeStudent(3, { name: '王五', className: '计科2401', branch: '计科2401团支部' }),
    makeStudent(4, { name: '赵六', className: '护理2401', branch: '护理2401团支部' }),
  ]);
  await storage.putEvents([
    makeEvent({
      id: 'e-vol',
      title: '社区志愿服务/周末',
      category: 'volunteer',
      startAt: START.toISOString(),
      endAt: END.toISOString(),
      allowWalkIns: true,
      capacity: 5,
      seatsLeft: 5,
    }),
  ]);
  await storage.grantRole(
    { openid: 'o-admin', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'o-admin', detail: '{}' },
  );
});
afterEach(async () => {
  await storage.close();
  files.cleanup();
});

it('exports every registered member and walk-in by class (in pinyin order) with campus times, method and hours, readable as xlsx', async () => {
  for (const i of [1, 2, 3]) ok(await dispatch({ action: 'signUp', payload: { eventId: 'e-vol' } }, as(`openid-${i}`, NOW)));
  // 张三 by member code, stays the whole morning; 李四 by hand, leaves after an hour; 王五 never comes; 赵六 walks in.
  const pass = ok(await dispatch({ action: 'issueCheckinPass', payload: { eventId: 'e-vol' } }, as('openid-1', NOW)));
  const phone = studentPhone(pass.pass, pass.deviceKey);
  const scan = (purpose: 'in' | 'out', when: Date) => ({
    eventId: 'e-vol',
    scans: [{ scanId: scanId(), code: phone.code(when, purpose), purpose, scannedAt: when.toISOString(), offline: false }],
  });
  ok(await dispatch({ action: 'recordScans', payload: scan('in', at(-5)) }, as('o-admin', at(-5))));
  ok(await dispatch({ action: 'recordScans', payload: scan('out', at(125)) }, as('o-admin', at(125))));
  const correct = (no: string, op: string, when: Date) =>
    dispatch({ action: 'correctAttendance', payload: { eventId: 'e-vol', studentNo: no, op, at: when.toISOString(), reason: '现场登记' } }, as('o-admin', at(130)));
  ok(await correct(studentNo(2), 'check_in', at(0)));
  ok(await correct(studentNo(2), 'check_out', at(60)));
  ok(await correct(studentNo(4), 'check_in', at(10)));

  const file = ok(await dispatch({ action: 'exportAttendance', payload: { eventId: 'e-vol' } }, as('o-admin', at(200))));
  expect(file.fileName).toBe('社区志愿服务 周末-签到名单-20260306.xlsx');
  expect(file.rowCount).toBe(4);
  // A link for ten minutes, never the file inline.
  expect(file).toMatchObject({ fileId: expect.stringMatching(/^f-/), url: expect.stringMatching(/^\/files\//), expiresAt: new Date(at(200).getTime() + 600_000).toISOString() });
  expect(file).not.toHaveProperty('contentBase64');
  const table = readRosterTable(await downloaded(files, file, at(205)), file.fileName);
  expect(table.rows).toEqual([
    ['学号', '姓名', '班级', '团支部', '报名状态', '签到时间', '签退时间', '签到方式', '时长(小时)', '时长是否计入'],
    [studentNo(4), '赵六', '护理2401', '护理2401团支部', '现场参加（未报名）', '2026-03-06 09:10', '', '团干部补签', '0', '否'],
    [studentNo(2), '李四', '计科2401', '计科2401团支部', '已报名', '2026-03-06 09:00', '2026-03-06 10:00', '团干部补签', '1', '否'],
    [studentNo(3), '王五', '计科2401', '计科2401团支部', '已报名', '', '', '', '0', '否'],
    [studentNo(1), '张三', '计科2402', '计科2402团支部', '已报名', '2026-03-06 08:55', '2026-03-06 11:05', '扫签到码', '2', '是'],
  ]);
});

it('is refused to anyone not running the event’s check-in', async () => {
  const res = await dispatch({ action: 'exportAttendance', payload: { eventId: 'e-vol' } }, as('openid-1', NOW));
  expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});
