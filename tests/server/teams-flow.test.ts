import type { ActionName, ApiResult, EventFields } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { attendanceKeyBase, summarize } from '../../core';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { eventFields } from '../support/event-fields';
import { NOW, at, makeStudent, studentNo } from '../support/factories';

/**
 * Social-practice teams through the handlers: a leader creates a team, members join by code, the leader signs the
 * whole team up and reports, and the organisers review — crediting every member once. Teams of 2 to 3 for a 三下乡
 * project of 信息工程学院's branch; 2 credits (社会实践与志愿服务) a member.
 */
const COLLEGE = '信息工程学院';
const BRANCH = '计科2401团支部';
const OTHER_COLLEGE = '医学院';
const PRACTICE: Partial<EventFields> = {
  title: '暑期“三下乡”乡村振兴调研',
  category: 'practice',
  details: { kind: 'practice', mode: '三下乡', teamSizeMin: 2, teamSizeMax: 3, destination: '孝昌县', reportDueAt: at(24 * 60).toISOString() },
  capacity: 10,
  host: { kind: 'branch', unit: BRANCH },
  creditRule: { base: { kind: 'fixed', module: 'service', amount: 200 }, assessmentBonus: null },
  credits: 2,
  checkoutRequired: false,
};

let storage: StoragePort;
let eventId: string;

function as(openid: string, now: Date = NOW): HandlerContext {
  return { storage, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false };
}
const student = (i: number, now: Date = NOW) => as(`openid-${i}`, now);
const admin = () => as('o-admin');

function call(action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> {
  return dispatch({ action, payload }, ctx);
}

function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}

function code(result: ApiResult<unknown>): string {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data).slice(0, 200)}`);
  return result.code;
}

async function grant(openid: string, role: 'branch_officer' | 'college_officer' | 'committee_admin', scope: string) {
  await storage.grantRole(
    { openid, role, scope, grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: openid, detail: '{}' },
  );
}

async function publishedEvent(fields: Partial<EventFields>): Promise<string> {
  const { id } = ok(await call('saveEvent', { fields: eventFields(fields) }, admin())).event;
  ok(await call('changeEventStatus', { eventId: id, action: 'publish' }, admin()));
  return id;
}

async function createTeam(leader: number, extra: { mentor?: string; event?: string } = {}) {
  const payload = { eventId: extra.event ?? eventId, name: `第${leader}实践队`, project: '乡村小学支教与调研', mentor: extra.mentor ?? '王老师' };
  return ok(await call('createTeam', payload, student(leader))).team;
}

async function join(i: number, joinCode: string) {
  return call('joinTeam', { joinCode }, student(i));
}

const REPORT = { title: '孝昌县乡村小学支教调研报告', summary: '两周里我们在三所乡村小学支教，走访了四十户家庭，整理了调研数据。', link: 'https://pan.example.edu.cn/s/report' };

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('social-practice teams through the handlers on %s', (_adapter, makeStorage) => {
  beforeEach(async () => {
    storage = makeStorage();
    await storage.putStudents([
      ...[1, 2, 3, 4, 5, 6].map((i) => makeStudent(i, { branch: BRANCH, college: COLLEGE, className: '计科2401' })),
      makeStudent(7, { branch: '护理2401团支部', college: OTHER_COLLEGE, className: '护理2401' }),
    ]);
    await grant('o-admin', 'committee_admin', '');
    await grant('o-college', 'college_officer', COLLEGE);
    await grant('o-med', 'college_officer', OTHER_COLLEGE);
    eventId = await publishedEvent(PRACTICE);
  });

  afterEach(async () => {
    await storage.close();
  });

  it('forms a team, signs it up as one, reports, and credits every member once on approval', async () => {
    const created = await createTeam(1, { mentor: '' });
    expect(created).toMatchObject({
      eventId,
      eventTitle: '暑期“三下乡”乡村振兴调研',
      status: 'forming',
      leader: { studentNo: studentNo(1), name: '学生1' },
      members: [{ studentNo: studentNo(1), name: '学生1', className: '计科2401' }],
      limits: { teamSizeMin: 2, teamSizeMax: 3 },
    });
    expect(created.id).toMatch(/^t-[a-z2-7]{10}$/);
    expect(created.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);

    expect(code(await call('signUpTeam', { teamId: created.id }, student(1)))).toBe('TEAM_TOO_SMALL');
    // The code as typed, in lower case: the schema reads it in upper case.
    const joined = ok(await join(2, created.joinCode.toLowerCase())).team;
    expect(joined.members.map((m: { studentNo: string }) => m.studentNo)).toEqual([studentNo(1), studentNo(2)]);
    expect(joined.joinCode).toBe(created.joinCode);

    expect(code(await call('updateTeam', { teamId: created.id, mentor: '李老师' }, student(2)))).toBe('TEAM_NOT_LEADER');
    expect(code(await call('signUpTeam', { teamId: created.id }, student(2)))).toBe('TEAM_NOT_LEADER');
    expect(code(await call('signUpTeam', { teamId: created.id }, student(1)))).toBe('TEAM_NO_MENTOR');
    expect(ok(await call('updateTeam', { teamId: created.id, mentor: '李老师' }, student(1))).team.mentor).toBe('李老师');
    expect(code(await call('submitTeamReport', { teamId: created.id, ...REPORT }, student(1)))).toBe('TEAM_NOT_SIGNED_UP');

    const signed = ok(await call('signUpTeam', { teamId: created.id }, student(1))).team;
    expect(signed.status).toBe('signed_up');
    for (const i of [1, 2]) expect(await storage.getRegistration(eventId, studentNo(i))).toMatchObject({ status: 'confirmed' });
    expect((await storage.getEvent(eventId))?.seatsLeft).toBe(8);
    expect(ok(await call('listEvents', {}, student(2))).events.find((e: { id: string }) => e.id === eventId).myStatus).toBe('confirmed');
    expect(code(await join(3, created.joinCode))).toBe('TEAM_NOT_FORMING');
    expect(code(await call('leaveTeam', { teamId: created.id }, student(2)))).toBe('TEAM_NOT_FORMING');

    expect(code(await call('submitTeamReport', { teamId: created.id, ...REPORT }, student(2)))).toBe('TEAM_NOT_LEADER');
    const reported = ok(await call('submitTeamReport', { teamId: created.id, ...REPORT }, student(1))).team;
    expect(reported).toMatchObject({ status: 'report_submitted', report: { ...REPORT, submittedAt: NOW.toISOString() } });

    // Reviewers see the team, not its join code.
    const listed = ok(await call('listTeams', { eventId, status: 'report_submitted' }, admin())).teams;
    expect(listed.map((t: { id: string }) => t.id)).toEqual([created.id]);
    expect(listed[0].joinCode).toBeNull();

    const review = ok(await call('reviewTeam', { teamId: created.id, approve: true, reason: '调研扎实，报告完整' }, as('o-college', at(2))));
    expect(review).toMatchObject({ credited: 2, team: { status: 'approved', review: { at: at(2).toISOString(), reason: '调研扎实，报告完整' }, joinCode: null } });
    for (const i of [1, 2]) {
      const ledger = await storage.listLedger(studentNo(i));
      expect(ledger).toEqual([
        expect.objectContaining({ key: attendanceKeyBase(eventId, studentNo(i)), kind: 'award', sourceType: 'team', module: 'service', amount: 200, eventId }),
      ]);
      const transcript = ok(await call('getMyTranscript', {}, student(i, at(3))));
      expect(transcript.entries.map((e: { sourceType: string; amount: number }) => [e.sourceType, e.amount])).toEqual([['team', 200]]);
    }
    expect(await storage.listLedger(studentNo(3))).toEqual([]);

    expect(code(await call('reviewTeam', { teamId: created.id, approve: true, reason: '再审一次' }, admin()))).toBe('TEAM_NOT_SUBMITTED');
    expect(summarize(await storage.listLedger(studentNo(1))).total).toBe(200);
    expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'team.approve', target: created.id, actor: 'o-college' });

    const mine = ok(await call('getMyTeams', {}, student(2))).teams;
    expect(mine).toEqual([expect.objectContaining({ id: created.id, status: 'approved', joinCode: created.joinCode })]);
    expect(ok(await call('getMyTeams', {}, student(3))).teams).toEqual([]);
  });

  it('returns a report with the reason; the team reports again and is then approved', async () => {
    const team = await createTeam(1);
    ok(await join(2, team.joinCode));
    ok(await call('signUpTeam', { teamId: team.id }, student(1)));
    ok(await call('submitTeamReport', { teamId: team.id, ...REPORT }, student(1)));
    expect(code(await call('reviewTeam', { teamId: team.id, approve: false, reason: '缺' }, admin()))).toBe('INVALID_INPUT');
    const returned = ok(await call('reviewTeam', { teamId: team.id, approve: false, reason: '缺少活动照片，请补充后再提交' }, admin()));
    expect(returned).toMatchObject({ credited: 0, team: { status: 'returned', review: { reason: '缺少活动照片，请补充后再提交' } } });
    expect(await storage.listLedger(studentNo(1))).toEqual([]);
    expect(code(await call('reviewTeam', { teamId: team.id, approve: true, reason: '通过' }, admin()))).toBe('TEAM_NOT_SUBMITTED');

    ok(await call('submitTeamReport', { teamId: team.id, ...REPORT, link: 'https://pan.example.edu.cn/s/report-v2' }, student(1)));
    expect(ok(await call('reviewTeam', { teamId: team.id, approve: true, reason: '补充完整，通过' }, admin())).credited).toBe(2);
  });

  it('does not credit a member twice who already holds the event\'s credit', async () => {
    const team = await createTeam(1);
    ok(await join(2, team.joinCode));
    ok(await call('signUpTeam', { teamId: team.id }, student(1)));
    ok(await call('submitTeamReport', { teamId: team.id, ...REPORT }, student(1)));
    // Student 2 was credited for the event already (an appeal, say): same source, same amount.
    const base = attendanceKeyBase(eventId, studentNo(2));
    await storage.settleCredit(studentNo(2), base, {
      base, studentNo: studentNo(2), module: 'service', amount: 200, hours: 0, sourceType: 'appeal', eventId, rule: '申诉通过', reason: '现场签到表',
      confirmedBy: 'o-admin', at: NOW.toISOString(),
    }, 'o-admin', '', NOW);
    expect(ok(await call('reviewTeam', { teamId: team.id, approve: true, reason: '通过' }, admin())).credited).toBe(2);
    expect((await storage.listLedger(studentNo(2))).map((e) => [e.kind, e.sourceType, e.amount])).toEqual([['award', 'appeal', 200]]);
    expect((await storage.listLedger(studentNo(1))).map((e) => [e.kind, e.sourceType, e.amount])).toEqual([['award', 'team', 200]]);
  });

  it('one team per student and event; members leave only while forming, the leader never', async () => {
    const a = await createTeam(1);
    const b = await createTeam(4);
    expect(code(await call('createTeam', { eventId, name: '第二支队', project: '另一个项目', mentor: '' }, student(1)))).toBe('TEAM_ALREADY_IN_ONE');
    ok(await join(2, a.joinCode));
    expect(code(await join(2, b.joinCode))).toBe('TEAM_ALREADY_IN_ONE');
    expect(code(await join(2, a.joinCode))).toBe('TEAM_ALREADY_IN_ONE');
    expect(code(await call('leaveTeam', { teamId: a.id }, student(1)))).toBe('TEAM_NOT_LEADER');
    expect(ok(await call('leaveTeam', { teamId: a.id }, student(2)))).toEqual({ left: true });
    expect(ok(await join(2, b.joinCode)).team.members).toHaveLength(2);
    ok(await join(3, b.joinCode));
    expect(code(await join(5, b.joinCode))).toBe('TEAM_FULL');
    expect(code(await join(5, 'ZZZZZZ'))).toBe('TEAM_CODE_INVALID');
    expect(code(await call('joinTeam', { joinCode: 'ab' }, student(5)))).toBe('INVALID_INPUT');
    expect(ok(await call('getMyTeams', {}, student(1))).teams.map((t: { id: string }) => t.id)).toEqual([a.id]);
  });

  it('takes teams only for a social-practice event that students can see', async () => {
    const lecture = await publishedEvent({});
    expect(code(await call('createTeam', { eventId: lecture, name: '讲座队', project: '听讲座', mentor: '' }, student(1)))).toBe('INVALID_INPUT');
    const { id: draft } = ok(await call('saveEvent', { fields: eventFields(PRACTICE) }, admin())).event;
    expect(code(await call('createTeam', { eventId: draft, name: '草稿队', project: '草稿项目', mentor: '' }, student(1)))).toBe('NOT_FOUND');
    expect(code(await call('createTeam', { eventId: 'e-unknown', name: '无名队', project: '无名项目', mentor: '' }, student(1)))).toBe('NOT_FOUND');
  });

  it('keeps everyone in a team inside the event\'s audience', async () => {
    const medical = await publishedEvent({ ...PRACTICE, host: { kind: 'college', unit: OTHER_COLLEGE }, audience: { colleges: [OTHER_COLLEGE], grades: [], leagueMembersOnly: false } });
    expect(code(await call('createTeam', { eventId: medical, name: '信工队', project: '支教', mentor: '' }, student(1)))).toBe('AUDIENCE_COLLEGE');
    const team = await createTeam(7, { event: medical });
    const refusal = await join(1, team.joinCode);
    expect(code(refusal)).toBe('AUDIENCE_COLLEGE');
    expect(ok(await call('getMyTeams', {}, student(7))).teams[0].members).toHaveLength(1);
  });

  it('shows teams to the organisers of their event only', async () => {
    const ours = await createTeam(1);
    const medical = await publishedEvent({ ...PRACTICE, host: { kind: 'college', unit: OTHER_COLLEGE } });
    const theirs = await createTeam(7, { event: medical });
    const ids = async (openid: string, payload: object = {}) => ok(await call('listTeams', payload, as(openid))).teams.map((t: { id: string }) => t.id).sort();
    expect(await ids('o-college')).toEqual([ours.id]);
    expect(await ids('o-med')).toEqual([theirs.id]);
    expect(await ids('o-admin')).toEqual([ours.id, theirs.id].sort());
    expect(code(await call('listTeams', { eventId }, as('o-med')))).toBe('FORBIDDEN');
    expect(code(await call('reviewTeam', { teamId: ours.id, approve: false, reason: '不在本院范围' }, as('o-med')))).toBe('FORBIDDEN');
    expect(code(await call('reviewTeam', { teamId: 't-unknown', approve: false, reason: '没有这个团队' }, admin()))).toBe('NOT_FOUND');
    expect(code(await call('listTeams', {}, student(1)))).toBe('FORBIDDEN');
  });
});
