import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { DEFAULT_PLAN_ITEMS, DEFAULT_TARGETS, type EventRecord, type Lecturer, type LecturerTalk } from '../../core';
import { DASHBOARD_BEHIND_LIMIT } from '../../types';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, detailsFor, makeEvent, makeStudent, studentNo } from '../support/factories';

/**
 * The yearly-target dashboard through the handlers, on a small year whose every figure is known: events at the edges
 * of Shanghai's months and year, the plan's four targets, the months against the plan's schedule, and who may see
 * which college.
 */
const IE = '信息工程学院';
const MED = '医学院';
const ARCH = '建筑技术学院';
const B1 = '计科2401团支部';
const B2 = '计科2402团支部';
const B3 = '护理2401团支部';

let storage: StoragePort;

function as(openid: string | null, now: Date = NOW): HandlerContext {
  return { storage, caller: openid ? { kind: 'wechat', openid } : { kind: 'anonymous' }, now: () => now, demoMode: false };
}

async function call(action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> {
  return dispatch({ action, payload }, ctx);
}

function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}

const audit = (action: string, target: string) => ({ at: NOW.toISOString(), actor: 'system', action, target, detail: '{}' });

async function grant(openid: string, role: 'branch_officer' | 'college_officer' | 'committee_admin', scope: string) {
  await storage.grantRole({ openid, role, scope, grantedBy: 'system', grantedAt: NOW.toISOString() }, audit('grantRole', openid));
}

/**
 * Eleven students: 1–4 IE/B1, 5–6 IE/B2, 7–10 MED/B3, 11 ARCH (no activity). Events, by the Shanghai month of their
 * start (UTC+8):
 *   F0 firstaid  2025-12-31 23:59:59 — last year: 3 came.                          (not counted in 2026)
 *   F1 firstaid  2026-02-01 00:00 (Jan 31 16:00Z) — month 2: 1, 2, 7 confirmed; 1, 7 came.
 *   V1 volunteer 2026-03-01 00:00 (Feb 28 16:00Z) — month 3: 1, 2, 3, 5 signed up, 5 cancelled; 1, 2 came.
 *   V2 volunteer month 3, cancelled by the committee: 4 had signed up.                (not counted)
 *   T1 theme     2026-03-10 — month 3: 1, 2, 3, 4, 7, 8 confirmed; 1, 2, 3, 7 came.
 *   P1 practice  2026-07-10 — month 7: 1, 7, 8 confirmed.
 *   F2 firstaid  2026-12-31 23:59 (15:59Z) — month 12: 8 confirmed and came.
 *   F3 firstaid  2027-01-01 00:00 (Dec 31 16:00Z) — next year: 9 came.              (not counted in 2026)
 */
async function seedYear(): Promise<void> {
  await storage.putStudents([
    ...[1, 2, 3, 4].map((i) => makeStudent(i, { college: IE, branch: B1 })),
    ...[5, 6].map((i) => makeStudent(i, { college: IE, branch: B2, className: '计科2402' })),
    ...[7, 8, 9, 10].map((i) => makeStudent(i, { college: MED, branch: B3, className: '护理2401' })),
    makeStudent(11, { college: ARCH, branch: '建工2401团支部', className: '建工2401' }),
  ]);
  const ev = (id: string, category: EventRecord['category'], startAt: string): EventRecord =>
    makeEvent({ id, category, startAt, endAt: new Date(Date.parse(startAt) + 2 * 3_600_000).toISOString(), capacity: 20, details: detailsFor(category) });
  await storage.putEvents([
    ev('F0', 'firstaid', '2025-12-31T15:59:59.000Z'),
    ev('F1', 'firstaid', '2026-01-31T16:00:00.000Z'),
    ev('V1', 'volunteer', '2026-02-28T16:00:00.000Z'),
    ev('V2', 'volunteer', '2026-03-20T02:00:00.000Z'),
    ev('T1', 'theme', '2026-03-10T02:00:00.000Z'),
    ev('P1', 'practice', '2026-07-10T00:00:00.000Z'),
    ev('F2', 'firstaid', '2026-12-31T15:59:00.000Z'),
    ev('F3', 'firstaid', '2026-12-31T16:00:00.000Z'),
  ]);
  const up = async (eventId: string, ...students: number[]) => {
    for (const i of students) await storage.signUp(eventId, studentNo(i), NOW);
  };
  const came = async (eventId: string, ...students: number[]) => {
    for (const i of students) {
      await storage.correctAttendance(
        { eventId, studentNo: studentNo(i), op: 'check_in', at: NOW, by: 'o-admin' },
        audit('correctAttendance', `${eventId}:${studentNo(i)}`),
        NOW,
      );
    }
  };
  await up('F0', 3);
  await came('F0', 3);
  await up('F1', 1, 2, 7);
  await came('F1', 1, 7);
  await up('V1', 1, 2, 3, 5);
  await storage.cancel('V1', studentNo(5), NOW);
  await came('V1', 1, 2);
  await up('V2', 4);
  await storage.changeEventStatus('V2', 'cancel', '场地调整', audit('event.cancel', 'V2'));
  await up('T1', 1, 2, 3, 4, 7, 8);
  await came('T1', 1, 2, 3, 7);
  await up('P1', 1, 7, 8);
  await up('F2', 8);
  await came('F2', 8);
  await up('F3', 9);
  await came('F3', 9);
}

const zero = { lecture: 0, volunteer: 0, practice: 0, firstaid: 0, theme: 0 };
const target = (data: any, metric: string) => data.targets.find((t: { metric: string }) => t.metric === metric);

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('the dashboard through the handlers on %s', (_adapter, makeStorage) => {
  beforeEach(async () => {
    storage = makeStorage();
    await seedYear();
    await grant('o-admin', 'committee_admin', '');
    await grant('o-ie', 'college_officer', IE);
    await grant('o-branch', 'branch_officer', B1);
  });
  afterEach(() => storage.close());

  describe('figures', () => {
    it('counts the four target figures over the Shanghai year: first-aid and theme attendances, volunteer sign-ups, the practice share', async () => {
      const d = ok(await call('getDashboard', {}, as('o-admin')));
      expect(d.year).toBe(2026);
      expect(d.students).toBe(11);
      // F1 (1, 7) and F2 (8); F0 and F3 fall in the neighbouring years.
      expect(target(d, 'firstaid_trainees')).toMatchObject({ actual: 3, met: false, value: 2500, comparator: '>=' });
      // V1's three confirmed (5 cancelled); V2 was cancelled by the committee.
      expect(target(d, 'volunteer_signups')).toMatchObject({ actual: 3, met: false });
      expect(target(d, 'theme_participations')).toMatchObject({ actual: 4, met: false });
      // 3 of 11 students in social practice: 27.27… shown with one decimal.
      expect(target(d, 'practice_share')).toMatchObject({ actual: 27.3, unit: '%', met: false });
      expect(target(d, 'firstaid_trainees').ratio).toBeCloseTo(3 / 2500, 10);
      expect(d.targets.map((t: { metric: string }) => t.metric)).toEqual(DEFAULT_TARGETS.map((t) => t.metric));
      expect(d.generatedAt).toBe(NOW.toISOString());
    });

    it('puts each event in the Shanghai month of its start: midnight on the 1st belongs to the new month, 23:59 on Dec 31 to December', async () => {
      const d = ok(await call('getDashboard', { year: 2026 }, as('o-admin')));
      expect(d.months).toHaveLength(12);
      expect(d.months.map((m: { month: number }) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      const month = (n: number) => d.months[n - 1];
      expect(month(1)).toMatchObject({ events: 0, registrations: zero, attendances: zero });
      expect(month(2)).toMatchObject({ events: 1, registrations: { ...zero, firstaid: 3 }, attendances: { ...zero, firstaid: 2 } });
      expect(month(3)).toMatchObject({
        events: 2,
        registrations: { ...zero, volunteer: 3, theme: 6 },
        attendances: { ...zero, volunteer: 2, theme: 4 },
      });
      expect(month(7)).toMatchObject({ events: 1, registrations: { ...zero, practice: 3 }, attendances: zero });
      expect(month(12)).toMatchObject({ events: 1, registrations: { ...zero, firstaid: 1 }, attendances: { ...zero, firstaid: 1 } });
      const total = d.months.reduce((n: number, m: { events: number }) => n + m.events, 0);
      expect(total).toBe(5);
    });

    it('sets the plan\'s monthly schedule beside each month, marking the items whose kind of event took place', async () => {
      const d = ok(await call('getDashboard', {}, as('o-admin')));
      const plan = (n: number) => d.months[n - 1].plan.map((p: { category: string | null; hasEvents: boolean }) => [p.category, p.hasEvents]);
      expect(plan(2)).toEqual([['firstaid', true]]);
      // March: theme and volunteering happened, 百生讲坛 did not start.
      expect(plan(3)).toEqual([['theme', true], ['volunteer', true], ['lecture', false]]);
      expect(plan(6)).toEqual([['practice', false]]);
      // 7-8月 is listed under both months; only July had a practice event.
      expect(plan(7)).toEqual([['practice', true]]);
      expect(plan(8)).toEqual([['practice', false]]);
      expect(plan(10)).toEqual([[null, false]]);
      expect(plan(1)).toEqual([]);
      expect(d.months[1].plan[0].text).toBe(DEFAULT_PLAN_ITEMS[0].text);
    });

    it('breaks the year down by college and by branch, every college of the roster included', async () => {
      const d = ok(await call('getDashboard', {}, as('o-admin')));
      const byName = <T extends { college?: string; branch?: string }>(rows: T[], key: 'college' | 'branch') =>
        [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
      expect(byName(d.byCollege, 'college')).toEqual(
        byName(
          [
            { college: IE, students: 6, registrations: 10, attendances: 6, practiceStudents: 1 },
            { college: MED, students: 4, registrations: 6, attendances: 3, practiceStudents: 2 },
            { college: ARCH, students: 1, registrations: 0, attendances: 0, practiceStudents: 0 },
          ],
          'college',
        ),
      );
      expect(d.byBranch.find((b: { branch: string }) => b.branch === B2)).toEqual({ branch: B2, college: IE, students: 2, registrations: 0, attendances: 0 });
      expect(d.byBranch.find((b: { branch: string }) => b.branch === B1)).toEqual({ branch: B1, college: IE, students: 4, registrations: 10, attendances: 6 });
    });

    it('takes the year from the clock in Shanghai: half past midnight on Jan 1 is already the new year', async () => {
      const newYearsNight = new Date('2025-12-31T16:30:00.000Z');
      expect(ok(await call('getDashboard', {}, as('o-admin', newYearsNight))).year).toBe(2026);
      expect(ok(await call('getDashboard', {}, as('o-admin', new Date('2025-12-31T15:30:00.000Z')))).year).toBe(2025);
    });

    it('shows another year when asked: 2025 has only F0, in December', async () => {
      const d = ok(await call('getDashboard', { year: 2025 }, as('o-admin')));
      expect(d.year).toBe(2025);
      expect(target(d, 'firstaid_trainees').actual).toBe(1);
      expect(d.months[11]).toMatchObject({ events: 1, attendances: { ...zero, firstaid: 1 } });
      expect(target(d, 'practice_share').actual).toBe(0);
    });
  });

  describe('scope', () => {
    it('shows a college officer their own college by default', async () => {
      const d = ok(await call('getDashboard', {}, as('o-ie')));
      expect(d.students).toBe(6);
      expect(d.byCollege).toEqual([{ college: IE, students: 6, registrations: 10, attendances: 6, practiceStudents: 1 }]);
      expect(d.byBranch.map((b: { branch: string }) => b.branch).sort()).toEqual([B1, B2].sort());
      // Only the college's own students count: F1's 1 (7 is MED), 1 of 6 in practice.
      expect(target(d, 'firstaid_trainees').actual).toBe(1);
      expect(target(d, 'practice_share').actual).toBe(16.7);
      expect(ok(await call('getDashboard', { college: IE }, as('o-ie'))).students).toBe(6);
    });

    it('refuses a college officer another college, and branch officers, students and strangers altogether', async () => {
      expect(await call('getDashboard', { college: MED }, as('o-ie'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call('getDashboard', {}, as('o-branch'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call('getDashboard', {}, as('openid-1'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call('getDashboard', {}, as(null))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    });

    it('lets the committee look at any one college', async () => {
      const d = ok(await call('getDashboard', { college: MED }, as('o-admin')));
      expect(d.students).toBe(4);
      expect(d.byCollege).toEqual([{ college: MED, students: 4, registrations: 6, attendances: 3, practiceStudents: 2 }]);
      expect(target(d, 'practice_share').actual).toBe(50);
      expect(target(d, 'practice_share').met).toBe(true);
    });
  });

  describe('the lecturer team (青年讲师团)', () => {
    const SEPTEMBER = new Date('2026-09-10T02:00:00.000Z');
    const DECEMBER = new Date('2026-12-10T02:00:00.000Z');
    const member = (openid: string, overrides: Partial<Lecturer> = {}): Lecturer => ({
      year: 2026, openid, level: 'school', college: IE, active: true, addedBy: 'o-admin', updatedAt: NOW.toISOString(), ...overrides,
    });
    let n = 0;
    const talk = (openid: string, onCampus: boolean, status: LecturerTalk['status'] = 'confirmed', year = 2026): LecturerTalk => ({
      id: `t-${++n}`, year, openid, date: `${year}-03-01`, place: '报告厅', onCampus, audience: 60, topic: '青春向党', photo: null, status,
      decidedBy: status === 'pending' ? null : 'o-admin', decidedAt: status === 'pending' ? null : NOW.toISOString(), decisionReason: null, createdAt: NOW.toISOString(),
    });

    /**
     * School-level members 1 (two on campus), 2 (one on campus, one waiting), 3 (the whole year: three on, one off) and
     * 7 (nothing yet, 医学院); 4 left the team, 5 is a college-level member (no number asked of them).
     */
    beforeEach(async () => {
      for (const l of [member('openid-1'), member('openid-2'), member('openid-3'), member('openid-7', { college: MED }), member('openid-4', { active: false }), member('openid-5', { level: 'college' })]) {
        await storage.putLecturer(l, audit('lecturer.save', l.openid));
      }
      for (const t of [
        talk('openid-1', true), talk('openid-1', true),
        talk('openid-2', true), talk('openid-2', true, 'pending'),
        talk('openid-3', true), talk('openid-3', true), talk('openid-3', true), talk('openid-3', false),
        talk('openid-7', true, 'rejected'),
      ]) {
        await storage.addLecturerTalk(t);
      }
    });

    const progressOf = (on: number, expectedOn: number, off: number, expectedOff: number) =>
      expect.objectContaining({ onCampus: { done: on, need: 3, expected: expectedOn }, offCampus: { done: off, need: 1, expected: expectedOff } });

    it('counts the school-level members on track and behind by September, the one who has nothing first, with their confirmed talks against 3 and 1', async () => {
      const d = ok(await call('getDashboard', {}, as('o-admin', SEPTEMBER)));
      expect(d.lecturers).toEqual({
        members: 4,
        onTrack: 2,
        behind: 2,
        met: 1,
        pendingTalks: 1,
        behindMembers: [
          { name: '学生7', college: MED, progress: progressOf(0, 2, 0, 0) },
          { name: '学生2', college: IE, progress: progressOf(1, 2, 0, 0) },
        ],
      });
    });

    it('expects the whole year by December: member 1 falls behind too; in March nobody is behind yet', async () => {
      const december = ok(await call('getDashboard', {}, as('o-admin', DECEMBER))).lecturers;
      expect(december).toMatchObject({ members: 4, onTrack: 1, behind: 3, met: 1 });
      expect(december.behindMembers.map((m: { name: string }) => m.name)).toEqual(['学生7', '学生2', '学生1']);
      expect(december.behindMembers[2].progress).toEqual(progressOf(2, 3, 0, 1));
      expect(ok(await call('getDashboard', {}, as('o-admin'))).lecturers).toMatchObject({ members: 4, onTrack: 4, behind: 0, behindMembers: [] });
    });

    it('leaves the section out of a college\'s view (the team is the school\'s): a college officer\'s and the committee\'s look at one college', async () => {
      expect(ok(await call('getDashboard', {}, as('o-ie', SEPTEMBER))).lecturers).toBeNull();
      expect(ok(await call('getDashboard', { college: IE }, as('o-admin', SEPTEMBER))).lecturers).toBeNull();
    });

    it('names at most DASHBOARD_BEHIND_LIMIT members behind, counting all of them, and stays small', async () => {
      // Last year's team of 55 who gave no talks: a past year expects all of it, so all are behind.
      for (let i = 0; i < DASHBOARD_BEHIND_LIMIT + 5; i++) {
        const openid = `o-l-${String(i).padStart(2, '0')}`;
        await storage.putLecturer(member(openid, { year: 2025 }), audit('lecturer.save', openid));
      }
      await storage.addLecturerTalk(talk('o-l-00', true, 'confirmed', 2025));
      const d = ok(await call('getDashboard', { year: 2025 }, as('o-admin', SEPTEMBER)));
      expect(d.lecturers).toMatchObject({ members: 55, onTrack: 0, behind: 55, met: 0, pendingTalks: 0 });
      expect(d.lecturers.behindMembers).toHaveLength(DASHBOARD_BEHIND_LIMIT);
      // Least done first: the one with a talk is past the cut.
      expect(d.lecturers.behindMembers.every((m: { progress: { onCampus: { done: number; expected: number } } }) => m.progress.onCampus.done === 0 && m.progress.onCampus.expected === 3)).toBe(true);
      expect(JSON.stringify(d.lecturers).length).toBeLessThan(20_000);
    });
  });

  describe('targets as data', () => {
    const planOf = (values: { firstaid: number; volunteer: number; theme: number; practice: number }) => ({
      targets: [
        { metric: 'firstaid_trainees', label: '应急救护培训', comparator: '>=', value: values.firstaid, unit: '人次' },
        { metric: 'volunteer_signups', label: '志愿服务报名', comparator: '>', value: values.volunteer, unit: '人次' },
        { metric: 'theme_participations', label: '主题教育参与', comparator: '>', value: values.theme, unit: '人次' },
        { metric: 'practice_share', label: '社会实践比例', comparator: '>=', value: values.practice, unit: '%' },
      ],
      planItems: [{ months: [3, 3], text: '三月的志愿服务', category: 'volunteer' }],
    });

    it('judges the figures against the stored targets: "at least" meets at the value, "over" does not', async () => {
      expect(ok(await call('updatePlanSettings', planOf({ firstaid: 3, volunteer: 3, theme: 3, practice: 27.3 }), as('o-admin')))).toEqual({ saved: true });
      const d = ok(await call('getDashboard', {}, as('o-admin')));
      expect(d.targets.map((t: { metric: string; met: boolean; ratio: number }) => [t.metric, t.met])).toEqual([
        ['firstaid_trainees', true],
        ['volunteer_signups', false],
        ['theme_participations', true],
        ['practice_share', true],
      ]);
      expect(target(d, 'theme_participations').ratio).toBeCloseTo(4 / 3, 10);
      expect(d.months[2].plan).toEqual([{ text: '三月的志愿服务', category: 'volunteer', hasEvents: true }]);
      expect(d.months[1].plan).toEqual([]);
    });

    it('answers the plan\'s defaults until the committee saves its own, then the saved plan, audited', async () => {
      expect(ok(await call('getPlanSettings', {}, as('o-ie')))).toEqual({ targets: DEFAULT_TARGETS, planItems: DEFAULT_PLAN_ITEMS });
      ok(await call('updatePlanSettings', planOf({ firstaid: 3000, volunteer: 7000, theme: 52000, practice: 55 }), as('o-admin')));
      const plan = ok(await call('getPlanSettings', {}, as('o-admin')));
      expect(plan.targets.map((t: { value: number }) => t.value)).toEqual([3000, 7000, 52000, 55]);
      expect(plan.planItems).toEqual([{ months: [3], text: '三月的志愿服务', category: 'volunteer' }]);
      expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'planSettings.update', actor: 'o-admin', target: 'planSettings' });
    });

    it('lets only the committee change the plan, and refuses a plan that names a metric twice or the wrong unit', async () => {
      const plan = planOf({ firstaid: 1, volunteer: 1, theme: 1, practice: 1 });
      expect(await call('updatePlanSettings', plan, as('o-ie'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await call('getPlanSettings', {}, as('openid-1'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const twice = { ...plan, targets: [plan.targets[0], plan.targets[0]] };
      expect(await call('updatePlanSettings', twice, as('o-admin'))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      const wrongUnit = { ...plan, targets: [{ ...plan.targets[3], unit: '人次' }] };
      expect(await call('updatePlanSettings', wrongUnit, as('o-admin'))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      const overHundred = { ...plan, targets: [{ ...plan.targets[3], value: 120 }] };
      expect(await call('updatePlanSettings', overHundred, as('o-admin'))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(ok(await call('getPlanSettings', {}, as('o-admin'))).targets).toEqual(DEFAULT_TARGETS);
    });
  });
});
