import type { ActionName, ApiResult, EventFields } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { outboxKey } from '../../core';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { eventFields } from '../support/event-fields';
import { NOW, at, makeEvent, makeStudent, studentNo } from '../support/factories';

/**
 * Publishing through the handlers, as the committee's pages call them: a draft is the organisers' alone until it is
 * published, an edit keeps every seat taken, cancelling tells everyone signed up once, an audience keeps others out,
 * applications wait for an organiser. College officers publish for their college and its branches only.
 */
const COLLEGE = '信息工程学院';
const BRANCH = '计科2401团支部';
const OTHER_COLLEGE = '医学院';

let storage: StoragePort;

function as(openid: string | null, now: Date = NOW): HandlerContext {
  return { storage, caller: openid ? { kind: 'wechat', openid } : { kind: 'anonymous' }, now: () => now, demoMode: false };
}

const student = (i: number, now: Date = NOW) => as(`openid-${i}`, now);
/** Contexts are made per call: the storage changes for every test. */
const admin = () => as('o-admin');
const collegeOfficer = () => as('o-college');
const otherOfficer = () => as('o-med');

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

async function grant(openid: string, role: 'branch_officer' | 'college_officer' | 'committee_admin', scope: string) {
  await storage.grantRole(
    { openid, role, scope, grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: openid, detail: '{}' },
  );
}

async function save(fields: EventFields, ctx = admin(), eventId?: string) {
  return ok(await call('saveEvent', { ...(eventId ? { eventId } : {}), fields }, ctx)).event;
}

async function publish(eventId: string, ctx = admin()) {
  return ok(await call('changeEventStatus', { eventId, action: 'publish' }, ctx));
}

async function listedIds(ctx: HandlerContext): Promise<string[]> {
  return ok(await call('listEvents', {}, ctx)).events.map((e: { id: string }) => e.id);
}

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('publishing through the handlers on %s', (_adapter, makeStorage) => {
  beforeEach(async () => {
    storage = makeStorage();
    await storage.putStudents([
      ...[1, 2, 3, 4, 5, 6].map((i) => makeStudent(i, { branch: BRANCH, college: COLLEGE, className: '计科2401' })),
      makeStudent(7, { branch: '护理2401团支部', college: OTHER_COLLEGE, className: '护理2401' }),
      makeStudent(8, { branch: '软件2301团支部', college: COLLEGE, className: '软件2301', grade: '2023' }),
    ]);
    await grant('o-admin', 'committee_admin', '');
    await grant('o-college', 'college_officer', COLLEGE);
    await grant('o-med', 'college_officer', OTHER_COLLEGE);
    await grant('o-branch', 'branch_officer', BRANCH);
  });

  afterEach(async () => {
    await storage.close();
  });

  it('publishes a first-aid session end to end: a draft students cannot see, previewed as they will see it, then signed up for', async () => {
    const draft = await save(eventFields());
    expect(draft).toMatchObject({ lifecycle: 'draft', status: 'draft', tag: '普及培训', category: 'firstaid', seatsLeft: 3, pendingApplications: 0 });
    expect(draft.id).toMatch(/^e-[a-z2-7]{10}$/);

    // A draft does not exist for students: not listed, not found, no sign-up.
    expect(await listedIds(student(1))).not.toContain(draft.id);
    expect(refused(await call('getEvent', { eventId: draft.id }, student(1))).code).toBe('NOT_FOUND');
    expect(refused(await call('signUp', { eventId: draft.id }, student(1))).code).toBe('NOT_FOUND');
    expect(await storage.getRegistration(draft.id, studentNo(1))).toBeNull();

    const preview = ok(await call('previewEvent', { eventId: draft.id }, admin()));
    expect(preview.lifecycle).toBe('draft');
    expect(preview.fields).toEqual({ ...eventFields(), coverFileId: null });
    // Check-in from half an hour before the start until the end; check-out until an hour after it.
    expect(preview.event).toMatchObject({
      checkinStartAt: at(95.5).toISOString(),
      checkinEndAt: at(98).toISOString(),
      checkoutEndAt: at(99).toISOString(),
      checkoutRequired: true,
    });

    const published = await publish(draft.id);
    expect(published).toMatchObject({ notified: 0, event: { lifecycle: 'published', status: 'published' } });
    // What students now see is what the preview showed, but published.
    expect(ok(await call('getEvent', { eventId: draft.id }, student(1))).event).toEqual({ ...preview.event, status: 'published' });

    const signed = ok(await call('signUp', { eventId: draft.id }, student(1)));
    expect(signed).toMatchObject({ registration: { status: 'confirmed' }, event: { seatsLeft: 2 } });
    const listed = ok(await call('listEvents', {}, student(1))).events.find((e: { id: string }) => e.id === draft.id);
    expect(listed).toMatchObject({ title: '红十字应急救护普及培训（第一期）', myStatus: 'confirmed', seatsLeft: 2 });
    expect(await listedIds(as(null))).toContain(draft.id);

    const audit = (await storage.listAudit(10)).filter((a) => a.target === draft.id).map((a) => [a.action, a.actor]);
    expect(audit).toEqual([
      ['event.publish', 'o-admin'],
      ['event.create', 'o-admin'],
    ]);
    expect(await storage.getEvent(draft.id)).toMatchObject({ createdBy: 'o-admin', hostKind: 'committee', hostUnit: '', hostCollege: '' });
  });

  it('edits a published event and keeps every seat taken and the waitlist', async () => {
    const { id } = await save(eventFields({ capacity: 3 }));
    await publish(id);
    for (const i of [1, 2, 3, 4]) ok(await call('signUp', { eventId: id }, student(i)));
    const edited = await save(eventFields({ capacity: 5, title: '应急救护普及培训（改期）', location: '大学生活动中心' }), admin(), id);
    expect(edited).toMatchObject({ id, lifecycle: 'published', capacity: 5, seatsLeft: 2, waitlistCount: 1, title: '应急救护普及培训（改期）' });
    expect(await storage.getRegistration(id, studentNo(2))).toMatchObject({ status: 'confirmed' });
    expect(await storage.getRegistration(id, studentNo(4))).toMatchObject({ status: 'waitlisted' });
    expect(ok(await call('getEvent', { eventId: id }, student(5))).event).toMatchObject({ title: '应急救护普及培训（改期）', location: '大学生活动中心' });

    const [entry] = await storage.listAudit(1);
    expect(entry).toMatchObject({ action: 'event.update', target: id });
    expect(JSON.parse(entry.detail).changed.sort()).toEqual(['capacity', 'location', 'title']);

    expect(refused(await call('saveEvent', { eventId: id, fields: eventFields({ capacity: 2 }) }, admin())).code).toBe('CAPACITY_BELOW_CONFIRMED');
    expect(refused(await call('saveEvent', { eventId: 'e-unknown', fields: eventFields() }, admin())).code).toBe('NOT_FOUND');
  });

  it('cancelling needs a reason and tells everyone signed up once; a cancelled event cannot be cancelled again', async () => {
    const { id } = await save(eventFields({ capacity: 2 }));
    await publish(id);
    for (const i of [1, 2, 3]) ok(await call('signUp', { eventId: id }, student(i)));
    ok(await call('signUp', { eventId: id }, student(4)));
    ok(await call('cancelRegistration', { eventId: id }, student(4)));

    const noReason = refused(await call('changeEventStatus', { eventId: id, action: 'cancel' }, admin()));
    expect(noReason.code).toBe('INVALID_INPUT');
    expect(noReason.message).toContain('原因');
    expect((await storage.getEvent(id))?.status).toBe('published');

    const cancelled = ok(await call('changeEventStatus', { eventId: id, action: 'cancel', reason: '培训教室临时征用，改期另行通知' }, admin()));
    expect(cancelled).toMatchObject({ notified: 3, event: { lifecycle: 'cancelled' } });
    const outbox = await storage.listOutbox({ limit: 100 });
    // The two confirmed and the one waiting; not the student who had cancelled.
    expect(outbox.map((m) => m.key).sort()).toEqual([1, 2, 3].map((i) => outboxKey('event_cancelled', id, studentNo(i))).sort());
    expect(outbox[0]).toMatchObject({ kind: 'event_cancelled', status: 'pending', eventId: id });
    expect(outbox[0].data.note).toContain('培训教室临时征用');

    // Cancelling again heals a lost queueing step and queues nothing twice.
    expect(ok(await call('changeEventStatus', { eventId: id, action: 'cancel', reason: '再取消一次' }, admin()))).toMatchObject({ notified: 0, event: { lifecycle: 'cancelled' } });
    expect(await storage.listOutbox({ limit: 100 })).toHaveLength(3);
    expect((await storage.getEvent(id))?.cancelReason).toBe('培训教室临时征用，改期另行通知');
    // Still listed for those signed up, marked cancelled; no more sign-ups.
    expect(ok(await call('getEvent', { eventId: id }, student(1))).event.status).toBe('cancelled');
    expect(refused(await call('signUp', { eventId: id }, student(5))).code).toBe('EVENT_CANCELLED');
    expect(refused(await call('saveEvent', { eventId: id, fields: eventFields() }, admin())).code).toBe('EVENT_CANCELLED');
  });

  it('closes sign-ups early and reopens them', async () => {
    const { id } = await save(eventFields());
    await publish(id);
    expect(ok(await call('changeEventStatus', { eventId: id, action: 'close' }, admin())).event.lifecycle).toBe('closed');
    expect(refused(await call('signUp', { eventId: id }, student(1))).code).toBe('SIGNUP_CLOSED');
    expect(await listedIds(student(1))).toContain(id);
    expect(refused(await call('changeEventStatus', { eventId: id, action: 'publish' }, admin())).code).toBe('STATUS_CHANGE_NOT_ALLOWED');
    ok(await call('changeEventStatus', { eventId: id, action: 'reopen' }, admin()));
    expect(ok(await call('signUp', { eventId: id }, student(1))).registration.status).toBe('confirmed');
  });

  it('tells the waitlisted student who takes a freed seat, once', async () => {
    const { id } = await save(eventFields({ capacity: 1 }));
    await publish(id);
    ok(await call('signUp', { eventId: id }, student(1)));
    ok(await call('signUp', { eventId: id }, student(2)));
    ok(await call('cancelRegistration', { eventId: id }, student(1)));
    expect(await storage.getRegistration(id, studentNo(2))).toMatchObject({ status: 'confirmed' });
    const outbox = await storage.listOutbox({ limit: 10 });
    expect(outbox.map((m) => m.key)).toEqual([outboxKey('waitlist_promoted', id, studentNo(2))]);
  });

  it('refuses students outside the audience before anything is written', async () => {
    const cases: Array<[Partial<EventFields['audience']>, number, string]> = [
      [{ colleges: [OTHER_COLLEGE] }, 1, 'AUDIENCE_COLLEGE'],
      [{ grades: ['2023'] }, 1, 'AUDIENCE_GRADE'],
      [{ leagueMembersOnly: true }, 1, 'AUDIENCE_LEAGUE_ONLY'],
    ];
    for (const [audience, i, code] of cases) {
      const { id } = await save(eventFields({ audience: { colleges: [], grades: [], leagueMembersOnly: false, ...audience } }));
      await publish(id);
      const refusal = refused(await call('signUp', { eventId: id }, student(i)));
      expect([audience, refusal.code]).toEqual([audience, code]);
      expect(refusal.message).toMatch(/本活动只面向/);
      expect(await storage.getRegistration(id, studentNo(i))).toBeNull();
      expect((await storage.getEvent(id))?.seatsLeft).toBe(3);
    }
    // Those inside it sign up as usual: 医学院's student 7, 2023's student 8, league member 2.
    const medical = await save(eventFields({ audience: { colleges: [OTHER_COLLEGE], grades: [], leagueMembersOnly: false } }));
    await publish(medical.id);
    expect(ok(await call('signUp', { eventId: medical.id }, student(7))).registration.status).toBe('confirmed');
    const league = await save(eventFields({ audience: { colleges: [COLLEGE], grades: ['2024'], leagueMembersOnly: true } }));
    await publish(league.id);
    expect(ok(await call('signUp', { eventId: league.id }, student(2))).registration.status).toBe('confirmed');
  });

  it('takes applications that hold no seat until an organiser approves them', async () => {
    const fields = eventFields({
      title: '校运会志愿者招募',
      category: 'volunteer',
      details: { kind: 'volunteer', roles: ['检录引导', '终点服务'], hours: 4, recruitment: 'interview' },
      capacity: 1,
      approvalRequired: true,
      host: { kind: 'branch', unit: BRANCH },
      creditRule: { base: { kind: 'per_hour', module: 'service', perHour: 50, cap: 200 }, assessmentBonus: null },
    });
    const { id } = await save(fields, collegeOfficer());
    await publish(id, collegeOfficer());
    for (const [i, when] of [[2, at(0.1)], [1, at(0.2)]] as const) {
      expect(ok(await call('signUp', { eventId: id }, student(i, when))).registration.status).toBe('pending');
    }
    expect((await storage.getEvent(id))?.seatsLeft).toBe(1);

    const managed = ok(await call('listManagedEvents', { lifecycle: 'published' }, collegeOfficer())).events;
    expect(managed.map((e: { id: string }) => e.id)).toEqual([id]);
    expect(managed[0]).toMatchObject({ approvalRequired: true, pendingApplications: 2, tag: '志愿者招募' });

    const applications = ok(await call('listApplications', { eventId: id }, collegeOfficer())).applications;
    expect(applications.map((a: { studentNo: string }) => a.studentNo)).toEqual([studentNo(2), studentNo(1)]);
    expect(applications[0]).toMatchObject({ name: '学生2', className: '计科2401', college: COLLEGE, appliedAt: at(0.1).toISOString() });
    expect(refused(await call('listApplications', { eventId: id }, otherOfficer())).code).toBe('FORBIDDEN');

    const decide = (i: number, approve: boolean, reason?: string, ctx = collegeOfficer()) =>
      call('decideApplication', { eventId: id, studentNo: studentNo(i), approve, ...(reason ? { reason } : {}) }, ctx);
    expect(refused(await decide(2, false)).code).toBe('INVALID_INPUT');
    expect(refused(await decide(2, true, undefined, otherOfficer())).code).toBe('FORBIDDEN');
    expect(ok(await decide(2, true))).toEqual({ status: 'confirmed', seatsLeft: 0 });
    expect(refused(await decide(1, true)).code).toBe('EVENT_FULL');
    expect(ok(await decide(1, false, '名额已满，欢迎报名下次活动'))).toEqual({ status: 'cancelled', seatsLeft: 0 });
    expect(refused(await decide(1, false, '重复处理')).code).toBe('NOT_PENDING');
    expect((await storage.listAudit(5)).map((a) => a.action).slice(0, 2)).toEqual(['application.reject', 'application.approve']);
    expect(ok(await call('listEvents', {}, student(2))).events.find((e: { id: string }) => e.id === id).myStatus).toBe('confirmed');
  });

  it('lets a college officer publish for the college and its branches, and nothing else', async () => {
    const forBranch = await save(eventFields({ host: { kind: 'branch', unit: BRANCH } }), collegeOfficer());
    expect(await storage.getEvent(forBranch.id)).toMatchObject({ hostKind: 'branch', hostUnit: BRANCH, hostCollege: COLLEGE, createdBy: 'o-college' });
    const forCollege = await save(eventFields({ host: { kind: 'college', unit: COLLEGE } }), collegeOfficer());
    expect(await storage.getEvent(forCollege.id)).toMatchObject({ hostKind: 'college', hostUnit: COLLEGE, hostCollege: COLLEGE });

    for (const host of [{ kind: 'college', unit: OTHER_COLLEGE }, { kind: 'committee', unit: '' }, { kind: 'branch', unit: '护理2401团支部' }] as const) {
      expect([host, refused(await call('saveEvent', { fields: eventFields({ host }) }, collegeOfficer())).code]).toEqual([host, 'FORBIDDEN']);
    }
    const unknownBranch = refused(await call('saveEvent', { fields: eventFields({ host: { kind: 'branch', unit: '不存在团支部' } }) }, admin()));
    expect(unknownBranch.code).toBe('INVALID_INPUT');
    expect(unknownBranch.message).toContain('host.unit');

    // Another college's officer can neither see, edit, publish nor preview them.
    for (const [action, payload] of [
      ['previewEvent', { eventId: forBranch.id }],
      ['changeEventStatus', { eventId: forBranch.id, action: 'publish' }],
      ['saveEvent', { eventId: forBranch.id, fields: eventFields({ host: { kind: 'college', unit: OTHER_COLLEGE } }) }],
    ] as const) {
      expect([action, refused(await call(action, payload, otherOfficer())).code]).toEqual([action, 'FORBIDDEN']);
    }
    // Nor may the college officer move their event to another host.
    expect(refused(await call('saveEvent', { eventId: forBranch.id, fields: eventFields() }, collegeOfficer())).code).toBe('FORBIDDEN');
    // A branch officer is not a publisher.
    expect(refused(await call('saveEvent', { fields: eventFields({ host: { kind: 'branch', unit: BRANCH } }) }, as('o-branch'))).code).toBe('FORBIDDEN');

    const committee = await save(eventFields({ title: '校级讲座' }));
    const ids = async (ctx: HandlerContext) => ok(await call('listManagedEvents', {}, ctx)).events.map((e: { id: string }) => e.id).sort();
    expect(await ids(collegeOfficer())).toEqual([forBranch.id, forCollege.id].sort());
    expect(await ids(otherOfficer())).toEqual([]);
    expect(await ids(admin())).toEqual([forBranch.id, forCollege.id, committee.id].sort());
    expect(ok(await call('listManagedEvents', { lifecycle: 'published' }, admin())).events).toEqual([]);
  });

  it('refuses fields that contradict each other, naming the field', async () => {
    const cases: Array<[Partial<EventFields>, string]> = [
      [{ endAt: at(96).toISOString() }, 'endAt'],
      [{ signupStartAt: at(48).toISOString() }, 'signupStartAt'],
      [{ signupEndAt: at(97).toISOString() }, 'signupEndAt'],
      [{ cancelDeadlineAt: at(97).toISOString() }, 'cancelDeadlineAt'],
      [{ category: 'lecture' }, 'details.kind'],
      [
        {
          category: 'practice',
          details: { kind: 'practice', mode: '三下乡', teamSizeMin: 6, teamSizeMax: 3, destination: '孝昌县', reportDueAt: at(500).toISOString() },
        },
        'teamSizeMin',
      ],
      [{ creditRule: { base: { kind: 'fixed', module: 'sports', amount: 100 }, assessmentBonus: null } }, 'creditRule.base.module'],
      [{ creditRule: { base: { kind: 'fixed', module: 'skills', amount: 100 }, assessmentBonus: { module: 'nope', amount: 50 } } }, 'assessmentBonus'],
      [{ checkoutRequired: false, creditRule: { base: { kind: 'per_hour', module: 'service', perHour: 50, cap: 200 }, assessmentBonus: null } }, 'checkoutRequired'],
    ];
    for (const [overrides, field] of cases) {
      const refusal = refused(await call('saveEvent', { fields: eventFields(overrides) }, admin()));
      expect([field, refusal.code]).toEqual([field, 'INVALID_INPUT']);
      expect(refusal.message).toContain(field);
      expect(refusal.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await storage.listEvents({})).toEqual([]);
  });

  it('previews an event saved before kinds had details with the kind\'s fields left to fill in', async () => {
    await storage.putEvents([makeEvent({ id: 'e-old', category: 'practice', details: null, hostKind: 'college', hostUnit: COLLEGE, hostCollege: COLLEGE })]);
    const preview = ok(await call('previewEvent', { eventId: 'e-old' }, collegeOfficer()));
    expect(preview.fields.details).toMatchObject({ kind: 'practice', destination: '' });
    expect(preview.fields.host).toEqual({ kind: 'college', unit: COLLEGE });
    expect(preview.lifecycle).toBe('published');
  });
});
