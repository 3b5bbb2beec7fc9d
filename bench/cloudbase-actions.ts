import {
  DEFAULT_CREDIT_MODULES,
  DEFAULT_NO_SHOW_POLICY,
  DEFAULT_PLAN_ITEMS,
  DEFAULT_REQUIREMENT,
  DEFAULT_TARGETS,
} from '../core';
import { ACTION_NAMES, MAX_SCANS_PER_CALL, type ActionCall } from '../types';
import type { Caller, HandlerContext } from '../server/dispatch';
import { dispatch } from '../server/dispatch';
import { ACCESS } from '../server/dispatch/access';
import { CALL_PAYLOAD_LIMIT_BYTES, CALL_RESULT_LIMIT_BYTES } from '../server/dispatch/limits';
import { generateKeyringConfig, keyringFromConfig } from '../server/security/checkin-keys';
import type { NotificationSender } from '../server/features/notifications/sender';
import { CloudbaseFileStore } from '../server/storage/cloudbase/file-store';
import type { WxCloudStorage } from '../server/storage/cloudbase/wx-storage';
import { realCloud } from '../tests/support/cloudbase-backend';
import { CALL_BUDGET_MS, DEFAULT_LATENCY_MS, measureCall, measuredCloudbase, type CallMeasurement } from '../tests/support/cloudbase-backend/measure';
import { pinStorageTransport, StorageBackend } from '../tests/support/cloudbase-storage';
import { studentPhone } from '../tests/support/checkin-phone';
import { buildCsv, buildXlsx } from '../tests/support/roster-files';
import {
  COLLEGE_OFFICER_OPENID,
  COMMITTEE_OPENID,
  EVENTS,
  NOW,
  OFFICER_BRANCH,
  OFFICER_COLLEGE,
  PERSONAS,
  REGISTRATIONS,
  STUDENTS,
  TODAY,
  TODAY_MEMBERS,
  openidOf,
  seedSchool,
  studentNoOf,
  studentOf,
  todayMember,
} from './cloudbase-school';

/**
 * Every action of the contract, measured as a typical caller makes it on CloudBase at school scale
 * (bench/cloudbase-school.ts: 20,000 students, 2,000 events, 200,000 registrations, a 20,000-row roster, an offline
 * batch of 100 scans): through the `api` function's door (server/dispatch/limits.ts) and `dispatch`, on the REAL
 * wx-server-sdk over the in-process backend — its database and its cloud storage (uploads, exports' files) — each
 * request costing 20 ms of simulated time (tests/support/cloudbase-backend/measure.ts). Calls run one at a time, in a
 * warm container that has met its caller (the identity cache), in the order a day would bring them (a team forms
 * before it signs up). Work the page does in several calls is measured call by call: a list of events a page a call
 * (one row for all its pages, with the largest answer), a file uploaded in parts, an import's job continued.
 *
 * Prints a markdown table: action, caller, database operations (billable), requests (with starting and ending
 * transactions; cloud storage's apart), simulated wall time at 20 ms, compute on this machine (measured, not
 * simulated: the function's own CPU; CloudBase's is likely slower), result size, verdict against the targets:
 * student-facing ≤ 1 s simulated, no call over 20 s, no result over 1 MB, no request over 100 KB.
 *   node dist/bench/cloudbase-actions.js [events=2000] [registrations=200000]   (bench/cloudbase-actions.mjs)
 */
const SIZE = { events: Number(process.argv[2] ?? EVENTS), registrations: Number(process.argv[3] ?? REGISTRATIONS) };

type Audience = 'student' | 'public' | 'officer' | 'committee';
interface Row {
  label: string;
  caller: string;
  audience: Audience;
  m: CallMeasurement;
  expected: string | null;
  note?: string;
  /** Requests to cloud storage (uploads, files, links). */
  storageRequests: number;
  /** A row for several calls: how many, the slowest one's simulated time, the actions (the figures are their sums). */
  calls?: { count: number; slowestMs: number; actions: string[] };
}

const log = (text: string) => process.stderr.write(`${text}\n`);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

async function main() {
  // A warm container that has met its callers keeps knowing them through the whole bench (the default forgets after a
  // minute of the adapter's clock, which here is simulated time).
  const world = measuredCloudbase({ latencyMs: DEFAULT_LATENCY_MS, now: () => NOW, storage: { identityCacheMs: 24 * 3_600_000 } });
  const { backend, clock, storage } = world;
  // Cloud storage, in process like the database, its latency on the same simulated clock (uploads, exports' files).
  await pinStorageTransport();
  const cloudStorage = new StorageBackend({ latencyMs: DEFAULT_LATENCY_MS, clock });
  const files = new CloudbaseFileStore(realCloud() as unknown as WxCloudStorage, world.db);
  const keys = keyringFromConfig(generateKeyringConfig('kbench'));
  // A subscribe message is one round trip to WeChat's openapi: modelled at the same latency.
  const wechatSender: NotificationSender = { send: () => clock.delay(DEFAULT_LATENCY_MS) };
  const ctx = (caller: Caller, extra: Partial<HandlerContext> = {}) =>
    world.context(caller, { idHashKey: 'bench-id-hash-key', checkinKeys: keys, notificationSender: wechatSender, files, ...extra });

  // ---------------------------------------------------------------- the school, at 0 latency
  backend.useLatency(0, clock);
  const counts = await seedSchool(world, SIZE);
  log(`[${elapsed()}] seeded: ${JSON.stringify(counts)}`);

  const S = studentNoOf(PERSONAS.student);
  const wechat = (openid: string): Caller => ({ kind: 'wechat', openid });
  const student = wechat(openidOf(S));
  const officer = wechat(openidOf(studentNoOf(PERSONAS.branchOfficer)));
  const collegeOfficer = wechat(COLLEGE_OFFICER_OPENID);
  const committee = wechat(COMMITTEE_OPENID);
  const anonymous: Caller = { kind: 'anonymous' };
  const grant = (openid: string, role: 'branch_officer' | 'college_officer' | 'committee_admin', scope: string) =>
    storage.grantRole(
      { openid, role, scope, grantedBy: 'seed', grantedAt: '2026-02-20T02:00:00.000Z' },
      { at: '2026-02-20T02:00:00.000Z', actor: 'seed', action: 'grantRole', target: openid, detail: '{}' },
    );
  await grant(openidOf(studentNoOf(PERSONAS.branchOfficer)), 'branch_officer', OFFICER_BRANCH);
  await grant(COLLEGE_OFFICER_OPENID, 'college_officer', OFFICER_COLLEGE);
  await grant(COMMITTEE_OPENID, 'committee_admin', '');

  // Passes for today's members (the officer's offline batch scans them), issued as the app would ask for them.
  const member = (k: number) => wechat(openidOf(studentNoOf(todayMember(k))));
  const phones: Array<ReturnType<typeof studentPhone>> = [];
  for (let k = 0; k < 760; k++) {
    const r = await dispatch({ action: 'issueCheckinPass', payload: { eventId: TODAY } }, ctx(member(k)));
    if (!r.ok) throw new Error(`seeding passes: ${r.code} ${r.message}`);
    const { pass, deviceKey } = r.data as { pass: string; deviceKey: string };
    phones.push(studentPhone(pass, deviceKey));
  }
  // A warm container has met its callers: the identity cache answers who they are.
  for (const c of [student, officer, collegeOfficer, committee, member(760), member(790), ...PERSONAS.teammates.map((i) => wechat(openidOf(studentNoOf(i))))]) {
    await dispatch({ action: 'getMe', payload: {} }, ctx(c));
  }
  log(`[${elapsed()}] passes issued, callers warm`);
  backend.useLatency(DEFAULT_LATENCY_MS, clock);

  // ---------------------------------------------------------------- the calls
  const rows: Row[] = [];
  async function measure(
    label: string,
    who: string,
    audience: Audience,
    call: ActionCall,
    c: HandlerContext,
    options: { expected?: string | null; note?: string } = {},
  ): Promise<CallMeasurement> {
    cloudStorage.resetCounters();
    const m = await measureCall(world, call, c, { enforce: false });
    const row: Row = { label, caller: who, audience, m, expected: options.expected ?? null, note: options.note, storageRequests: cloudStorage.requests() };
    rows.push(row);
    log(`[${elapsed()}] ${label}: ${m.ok ? 'ok' : m.code} ${m.ops} ops, ${m.simulatedMs} ms simulated, ${(m.computeMs / 1000).toFixed(2)} s compute, ${m.resultBytes} B`);
    return m;
  }
  /**
   * Several calls the page makes one after another for one piece of work (`next` (the call made from the previous
   * answer, or null when done): every page of a list, a job continued): one row of their sums, the largest answer,
   * the slowest call. Answers the last measurement.
   */
  async function measureSeries(
    label: string,
    who: string,
    audience: Audience,
    first: ActionCall,
    next: (m: CallMeasurement) => ActionCall | null,
    c: HandlerContext,
  ): Promise<CallMeasurement[]> {
    const all: CallMeasurement[] = [];
    let storageRequests = 0;
    for (let call: ActionCall | null = first; call && all.length < 200; ) {
      cloudStorage.resetCounters();
      const m = await measureCall(world, call, c, { enforce: false });
      storageRequests += cloudStorage.requests();
      all.push(m);
      call = m.ok ? next(m) : null;
    }
    const sum = (f: (m: CallMeasurement) => number) => all.reduce((t, m) => t + f(m), 0);
    const failed = all.find((m) => !m.ok);
    const m: CallMeasurement = {
      ...(failed ?? all[all.length - 1]),
      ops: sum((x) => x.ops),
      requests: sum((x) => x.requests),
      oversizedQueries: sum((x) => x.oversizedQueries),
      simulatedMs: sum((x) => x.simulatedMs),
      computeMs: sum((x) => x.computeMs),
      afterAnswer: sum((x) => x.afterAnswer),
      resultBytes: Math.max(...all.map((x) => x.resultBytes)),
      payloadBytes: Math.max(...all.map((x) => x.payloadBytes)),
    };
    const slowestMs = Math.max(...all.map((x) => x.simulatedMs));
    const actions = [...new Set(all.map((x) => x.action))];
    rows.push({ label: `${label}: ${all.length} call${all.length > 1 ? 's' : ''}`, caller: who, audience, m, expected: null, storageRequests, calls: { count: all.length, slowestMs, actions } });
    log(`[${elapsed()}] ${label}: ${all.length} calls, ${m.ok ? 'ok' : m.code} ${m.ops} ops, ${m.simulatedMs} ms simulated (slowest ${slowestMs} ms), largest answer ${m.resultBytes} B`);
    return all;
  }
  /** The next page of a list of events, from an answer's `next`. */
  const nextPage = (call: ActionCall) => (m: CallMeasurement): ActionCall | null => {
    const cursor = data(m)?.next as string | null | undefined;
    return cursor ? { action: call.action, payload: { ...(call.payload as object), cursor } } : null;
  };
  /** A file as the page uploads it: startUpload, its parts one after another, finishUpload; the first of each measured. */
  async function upload(purpose: 'roster' | 'creditAwards', fileName: string, bytes: Uint8Array, c: HandlerContext, measured: boolean): Promise<string> {
    const size = bytes.length;
    const start: ActionCall = { action: 'startUpload', payload: { purpose, fileName, size } };
    const started = measured ? data(await measure(`startUpload (${fileName}, ${kb(size)})`, 'committee', 'committee', start, c)) : ok(await dispatch(start, c));
    const parts = started.parts as number;
    for (let i = 0; i < parts; i++) {
      const part: ActionCall = {
        action: 'uploadPart',
        payload: { uploadId: started.uploadId, index: i, dataBase64: Buffer.from(bytes.subarray(i * started.partBytes, (i + 1) * started.partBytes)).toString('base64') },
      };
      if (measured && i === 0) await measure(`uploadPart (1 of ${parts}, 48 KiB)`, 'committee', 'committee', part, c);
      else ok(await dispatch(part, c));
    }
    const finish: ActionCall = { action: 'finishUpload', payload: { uploadId: started.uploadId } };
    const finished = measured ? data(await measure(`finishUpload (${parts} parts)`, 'committee', 'committee', finish, c)) : ok(await dispatch(finish, c));
    return finished.fileId as string;
  }
  /** An import's job continued until it is done, as the page does (continueJob, one call after another). */
  const continued = (m: CallMeasurement): ActionCall | null => {
    const job = (data(m)?.job ?? data(m)) as { jobId: string; status: string } | undefined;
    return job && job.status === 'running' ? { action: 'continueJob', payload: { jobId: job.jobId } } : null;
  };
  const data = (m: CallMeasurement) => (m.result.ok ? (m.result.data as any) : undefined);
  const ok = (r: { ok: boolean }): any => {
    if (!r.ok) throw new Error(`set-up call refused: ${JSON.stringify(r).slice(0, 300)}`);
    return (r as { data: unknown }).data;
  };
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

  // A student's day.
  await measure('getMe', 'student', 'student', { action: 'getMe', payload: {} }, ctx(student));
  const catalogue: ActionCall = { action: 'listEvents', payload: {} };
  await measureSeries(`listEvents (all ${counts.events} events, a page a call)`, 'student', 'student', catalogue, nextPage(catalogue), ctx(student));
  const lectures: ActionCall = { action: 'listEvents', payload: { category: 'lecture' } };
  await measureSeries('listEvents (one category)', 'student', 'student', lectures, nextPage(lectures), ctx(student));
  await measure('getEvent', 'student', 'student', { action: 'getEvent', payload: { eventId: 'ev-open' } }, ctx(student));
  const signUp = await measure('signUp (confirmed)', 'student', 'student', { action: 'signUp', payload: { eventId: 'ev-open' } }, ctx(student));
  await measure('getMySignup', 'student', 'student', { action: 'getMySignup', payload: { eventId: 'ev-open' } }, ctx(student));
  await measure('signUp (sign-up opened a minute ago: the intake queue)', 'student', 'student', { action: 'signUp', payload: { eventId: 'ev-rush' } }, ctx(student));
  await measure(`listMyRegistrations (${counts.studentRegistrations + 2})`, 'student', 'student', { action: 'listMyRegistrations', payload: {} }, ctx(student));
  await measure('cancelRegistration (first in line moves up)', 'student', 'student', { action: 'cancelRegistration', payload: { eventId: 'ev-full' } }, ctx(student));
  await measure('getCreditSettings', 'student', 'student', { action: 'getCreditSettings', payload: {} }, ctx(student));
  await measure('recordSubscribeConsent', 'student', 'student', { action: 'recordSubscribeConsent', payload: { results: [{ kind: 'event_reminder', accepted: true }] } }, ctx(student));
  const newcomer = studentOf(PERSONAS.unbound);
  await measure('bindStudent', 'new WeChat user', 'student', { action: 'bindStudent', payload: { studentNo: newcomer.studentNo, name: newcomer.name } }, ctx(wechat('o-new-wechat-user')));

  // Web login (the H5 site through HTTP access).
  const start = await measure('startWebLogin', 'browser', 'public', { action: 'startWebLogin', payload: {} }, ctx(anonymous));
  const ticket = data(start)?.ticket as string;
  await measure('confirmWebLogin', 'student', 'student', { action: 'confirmWebLogin', payload: { ticket } }, ctx(student));
  const poll = await measure('pollWebLogin', 'browser', 'public', { action: 'pollWebLogin', payload: { ticket } }, ctx(anonymous));
  await measure('endWebSession', 'browser (signed in)', 'public', { action: 'endWebSession', payload: {} }, ctx({ kind: 'session', token: data(poll)?.sessionToken as string }));

  // Check-in at today's lecture (800 members).
  await measure('issueCheckinPass', 'student', 'student', { action: 'issueCheckinPass', payload: { eventId: TODAY } }, ctx(member(760)));
  const code = await measure('getEventCheckinCode', 'branch officer', 'officer', { action: 'getEventCheckinCode', payload: { eventId: TODAY, purpose: 'in' } }, ctx(officer));
  await measure('selfCheckin (event code)', 'student', 'student', { action: 'selfCheckin', payload: { code: data(code)?.code } }, ctx(member(790)));
  const scan = (k: number, offline: boolean, at: Date) => ({
    scanId: `scan-${offline ? 'off' : 'on'}-${String(k).padStart(4, '0')}`,
    code: phones[k].code(at, 'in'),
    purpose: 'in' as const,
    scannedAt: at.toISOString(),
    offline,
  });
  await measure('recordScans (online, 1 scan)', 'branch officer', 'officer', { action: 'recordScans', payload: { eventId: TODAY, scans: [scan(0, false, NOW)] } }, ctx(officer));
  const offlineAt = (k: number) => new Date(NOW.getTime() - 20 * 60_000 + k * 1000);
  // The offline scanner's queue of 500 goes up MAX_SCANS_PER_CALL (100) a call: the first call measured.
  const batch = { action: 'recordScans', payload: { eventId: TODAY, scans: Array.from({ length: MAX_SCANS_PER_CALL }, (_, j) => scan(1 + j, true, offlineAt(j))) } };
  await measure(`recordScans (offline batch, ${MAX_SCANS_PER_CALL} scans: the most a call takes)`, 'branch officer', 'officer', batch, ctx(officer));
  await measure(`getCheckinPackage (${TODAY_MEMBERS_LABEL} members)`, 'branch officer', 'officer', { action: 'getCheckinPackage', payload: { eventId: TODAY } }, ctx(officer));
  await measure('listCheckinEvents', 'branch officer', 'officer', { action: 'listCheckinEvents', payload: {} }, ctx(officer));
  const everyCheckin: ActionCall = { action: 'listCheckinEvents', payload: {} };
  await measureSeries('listCheckinEvents (committee: every event, a page a call)', 'committee', 'committee', everyCheckin, nextPage(everyCheckin), ctx(committee));
  await measure(`getEventAttendance (${TODAY_MEMBERS_LABEL} members)`, 'branch officer', 'officer', { action: 'getEventAttendance', payload: { eventId: TODAY } }, ctx(officer));
  await measure(
    'correctAttendance',
    'branch officer',
    'officer',
    { action: 'correctAttendance', payload: { eventId: TODAY, studentNo: studentNoOf(todayMember(750)), op: 'check_in', reason: '手机没电，现场核对身份' } },
    ctx(officer),
  );
  await measure(`exportAttendance (${TODAY_MEMBERS_LABEL} members)`, 'branch officer', 'officer', { action: 'exportAttendance', payload: { eventId: TODAY } }, ctx(officer));
  await measure('setCheckinStaff', 'branch officer', 'officer', { action: 'setCheckinStaff', payload: { eventId: TODAY, account: 'o-helper-0001', assigned: true } }, ctx(officer));

  // Credits.
  await measure('getMyTranscript', 'student', 'student', { action: 'getMyTranscript', payload: {} }, ctx(student));
  const share = await measure('createTranscriptShare', 'student', 'student', { action: 'createTranscriptShare', payload: { includeTimeline: true, showStudentNo: false } }, ctx(student));
  await measure('verifyTranscript', 'employer (web)', 'public', { action: 'verifyTranscript', payload: { code: data(share)?.code } }, ctx(anonymous, { clientAddress: '203.0.113.7' }));
  await measure('revokeTranscriptShare', 'student', 'student', { action: 'revokeTranscriptShare', payload: { shareId: data(share)?.shareId } }, ctx(student));
  await measure('fileAppeal', 'student', 'student', { action: 'fileAppeal', payload: { eventId: counts.pastMissed, note: '我参加了活动，但是没有记入学分' } }, ctx(student));
  await measure('listAppeals', 'committee', 'committee', { action: 'listAppeals', payload: { status: 'pending' } }, ctx(committee));
  await measure('decideAppeal (accepted, credited)', 'committee', 'committee', { action: 'decideAppeal', payload: { appealId: `${counts.pastMissed}:${S}`, accept: true, reason: '签到表核对无误' } }, ctx(committee));
  await measure(`getCreditOverview (school, by college)`, 'committee', 'committee', { action: 'getCreditOverview', payload: { groupBy: 'college' } }, ctx(committee));
  await measure(`getCreditOverview (a college, by branch)`, 'college officer', 'officer', { action: 'getCreditOverview', payload: { groupBy: 'branch', college: OFFICER_COLLEGE } }, ctx(collegeOfficer));
  await measure(`exportCredits (a college, ${STUDENTS / 10} students)`, 'college officer', 'officer', { action: 'exportCredits', payload: { college: OFFICER_COLLEGE } }, ctx(collegeOfficer));
  await measure(`exportCredits (school, ${STUDENTS} students)`, 'committee', 'committee', { action: 'exportCredits', payload: {} }, ctx(committee));
  const awards = [['学号', '模块', '学分', '事由'], ...Array.from({ length: 500 }, (_, k) => [studentNoOf(8000 + k), '社会实践与志愿服务', '1', '校运会志愿者'])];
  const awardFileId = await upload('creditAwards', 'awards.csv', buildCsv(awards), ctx(committee), false);
  await measureSeries(
    'importCreditAwards (500 rows, commit) and continueJob until done',
    'committee',
    'committee',
    { action: 'importCreditAwards', payload: { fileId: awardFileId, commit: true } },
    continued,
    ctx(committee),
  );
  await measure('rebuildCreditTotals (the one-off backfill, first call)', 'committee', 'committee', { action: 'rebuildCreditTotals', payload: {} }, ctx(committee));
  await measure(
    'updateCreditSettings',
    'committee',
    'committee',
    { action: 'updateCreditSettings', payload: { modules: DEFAULT_CREDIT_MODULES, requirement: DEFAULT_REQUIREMENT, noShow: DEFAULT_NO_SHOW_POLICY } },
    ctx(committee),
  );

  // Accounts and roles.
  await measure('listBranchMembers (40)', 'branch officer', 'officer', { action: 'listBranchMembers', payload: { branch: OFFICER_BRANCH } }, ctx(officer));
  const appointee = studentOf(4321);
  await measure('grantRole', 'committee', 'committee', { action: 'grantRole', payload: { account: appointee.studentNo, role: 'branch_officer', scope: appointee.branch } }, ctx(committee));
  await measure('revokeRole', 'committee', 'committee', { action: 'revokeRole', payload: { account: appointee.studentNo, role: 'branch_officer', scope: appointee.branch } }, ctx(committee));
  await measure('unbindStudent', 'committee', 'committee', { action: 'unbindStudent', payload: { studentNo: studentNoOf(9876), reason: '学生换了手机号' } }, ctx(committee));
  await measure('listAuditLog (100)', 'committee', 'committee', { action: 'listAuditLog', payload: { limit: 100 } }, ctx(committee));
  // People picked, not typed (the committee's desk): the roster searched, branches listed, a teacher invited.
  const sought = studentOf(4321);
  await measure('searchRoster (a surname, first page)', 'committee', 'committee', { action: 'searchRoster', payload: { query: sought.name.slice(0, 1) } }, ctx(committee));
  await measure('searchRoster (a 学号 prefix)', 'branch officer', 'officer', { action: 'searchRoster', payload: { query: sought.studentNo.slice(0, 8) } }, ctx(officer));
  await measure('listBranches', 'committee', 'committee', { action: 'listBranches', payload: {} }, ctx(committee));
  const invited = await measure(
    'createRoleInvitation',
    'committee',
    'committee',
    { action: 'createRoleInvitation', payload: { role: 'college_officer', scope: OFFICER_COLLEGE, inviteeName: '李老师' } },
    ctx(committee),
  );
  const teacher = wechat('o-teacher-bench-0001');
  await measure('getRoleInvitation', 'teacher', 'public', { action: 'getRoleInvitation', payload: { code: data(invited)?.code } }, ctx(teacher));
  await measure('acceptRoleInvitation', 'teacher', 'public', { action: 'acceptRoleInvitation', payload: { code: data(invited)?.code } }, ctx(teacher));
  const spare = ok(await dispatch({ action: 'createRoleInvitation', payload: { role: 'college_officer', scope: OFFICER_COLLEGE, inviteeName: '王老师' } }, ctx(committee)));
  await measure('revokeRoleInvitation', 'committee', 'committee', { action: 'revokeRoleInvitation', payload: { invitationId: spare.invitation.id } }, ctx(committee));
  await measure('listRoleInvitations', 'committee', 'committee', { action: 'listRoleInvitations', payload: {} }, ctx(committee));
  await measure('getImportTemplate (roster)', 'committee', 'committee', { action: 'getImportTemplate', payload: { kind: 'roster' } }, ctx(committee));
  await measure('getSiteSettings', 'student', 'student', { action: 'getSiteSettings', payload: {} }, ctx(student));
  await measure(
    'updateSiteSettings',
    'committee',
    'committee',
    { action: 'updateSiteSettings', payload: { schoolName: '湖北职业技术学院', issuerName: '共青团湖北职业技术学院委员会' } },
    ctx(committee),
  );

  // The roster: the whole school, 20,000 rows (the same students, so the import updates).
  const header = ['学号', '姓名', '二级学院', '班级', '团支部', '是否团员', '年级'];
  const roster = [header, ...Array.from({ length: STUDENTS }, (_, i) => {
    const s = studentOf(i);
    return [s.studentNo, s.name, s.college, s.className, s.branch, s.isLeagueMember ? '是' : '否', s.grade];
  })];
  const rosterFileId = await upload('roster', 'roster.xlsx', buildXlsx(roster), ctx(committee), true);
  await measure(`importRoster (${STUDENTS} rows, preview)`, 'committee', 'committee', { action: 'importRoster', payload: { fileId: rosterFileId, commit: false } }, ctx(committee));
  const rosterJob = await measureSeries(
    `importRoster (${STUDENTS} rows, commit) and continueJob until done`,
    'committee',
    'committee',
    { action: 'importRoster', payload: { fileId: rosterFileId, commit: true } },
    continued,
    ctx(committee),
  );
  // The same work call by call: the commit (validates, stores the chunks, starts writing) and the slowest continueJob.
  rows.push({ label: `importRoster (${STUDENTS} rows, commit): the first call`, caller: 'committee', audience: 'committee', m: rosterJob[0], expected: null, storageRequests: 0 });
  const slowestContinue = rosterJob.slice(1).reduce((a, b) => (b.simulatedMs > a.simulatedMs ? b : a), rosterJob[rosterJob.length - 1]);
  rows.push({ label: `continueJob (roster import: the slowest of ${rosterJob.length - 1})`, caller: 'committee', audience: 'committee', m: slowestContinue, expected: null, storageRequests: 0 });

  // Publishing.
  const iso = (days: number, hours = 0) => new Date(NOW.getTime() + days * 86_400_000 + hours * 3_600_000).toISOString();
  const fields = {
    title: '红十字应急救护普及培训（第二期）',
    category: 'firstaid',
    details: { kind: 'firstaid', level: '普及培训', assessment: true },
    organizer: OFFICER_COLLEGE,
    location: '医学院技能中心 201',
    description: '心肺复苏与 AED 使用，理论与实操。',
    startAt: iso(10),
    endAt: iso(10, 2),
    signupStartAt: iso(1),
    signupEndAt: iso(8),
    cancelDeadlineAt: iso(9),
    capacity: 120,
    waitlistEnabled: true,
    approvalRequired: false,
    audience: { colleges: [], grades: [], leagueMembersOnly: false },
    creditRule: { base: { kind: 'fixed', module: 'skills', amount: 100 }, assessmentBonus: null },
    credits: 1,
    host: { kind: 'college', unit: OFFICER_COLLEGE },
    checkoutRequired: true,
    minStayRatio: 0.6,
    allowWalkIns: false,
  };
  await measure('saveEvent (new)', 'college officer', 'officer', { action: 'saveEvent', payload: { fields } }, ctx(collegeOfficer));
  await measure('previewEvent', 'college officer', 'officer', { action: 'previewEvent', payload: { eventId: 'ev-draft' } }, ctx(collegeOfficer));
  await measure('changeEventStatus (publish)', 'college officer', 'officer', { action: 'changeEventStatus', payload: { eventId: 'ev-draft', action: 'publish' } }, ctx(collegeOfficer));
  await measure('changeEventStatus (cancel, ~100 notified)', 'committee', 'committee', { action: 'changeEventStatus', payload: { eventId: 'ev-open', action: 'cancel', reason: '场地临时征用，活动取消' } }, ctx(committee));
  const managed: ActionCall = { action: 'listManagedEvents', payload: {} };
  await measureSeries(`listManagedEvents (school, ${counts.events}, a page a call)`, 'committee', 'committee', managed, nextPage(managed), ctx(committee));
  await measureSeries('listManagedEvents (a college)', 'college officer', 'officer', managed, nextPage(managed), ctx(collegeOfficer));
  await measure('listApplications (30)', 'college officer', 'officer', { action: 'listApplications', payload: { eventId: 'ev-volunteer' } }, ctx(collegeOfficer));
  await measure(
    'decideApplication (approve)',
    'college officer',
    'officer',
    { action: 'decideApplication', payload: { eventId: 'ev-volunteer', studentNo: studentNoOf(7000 + 30 * 3), approve: true } },
    ctx(collegeOfficer),
  );

  // A social-practice team, from forming to its credits.
  const [mate1, mate2, mate3] = PERSONAS.teammates.map((i) => wechat(openidOf(studentNoOf(i))));
  const team = await measure('createTeam', 'student', 'student', { action: 'createTeam', payload: { eventId: 'ev-practice', name: '星火实践队', project: '乡村振兴调研', mentor: '' } }, ctx(student));
  const teamId = data(team)?.team?.id as string;
  const joinCode = data(team)?.team?.joinCode as string;
  await measure('joinTeam', 'student', 'student', { action: 'joinTeam', payload: { joinCode } }, ctx(mate1));
  await dispatch({ action: 'joinTeam', payload: { joinCode } }, ctx(mate2));
  await dispatch({ action: 'joinTeam', payload: { joinCode } }, ctx(mate3));
  await measure('leaveTeam', 'student', 'student', { action: 'leaveTeam', payload: { teamId } }, ctx(mate3));
  await measure('updateTeam', 'student', 'student', { action: 'updateTeam', payload: { teamId, mentor: '王老师' } }, ctx(student));
  await measure('signUpTeam (3 members)', 'student', 'student', { action: 'signUpTeam', payload: { teamId } }, ctx(student));
  await measure(
    'submitTeamReport',
    'student',
    'student',
    { action: 'submitTeamReport', payload: { teamId, title: '乡村振兴调研报告', summary: '我们在孝昌县的三个村开展了为期两周的乡村振兴调研活动。', link: '' } },
    ctx(student),
  );
  await measure('getMyTeams', 'student', 'student', { action: 'getMyTeams', payload: {} }, ctx(student));
  await measure('listTeams', 'committee', 'committee', { action: 'listTeams', payload: { eventId: 'ev-practice' } }, ctx(committee));
  await measure('reviewTeam (approve, credit 3)', 'committee', 'committee', { action: 'reviewTeam', payload: { teamId, approve: true, reason: '报告完整，同意记入学分' } }, ctx(committee));

  // Reminders, the dashboard, exports.
  await measure('listOutbox', 'committee', 'committee', { action: 'listOutbox', payload: {} }, ctx(committee));
  await measure('summarizeOutbox', 'committee', 'committee', { action: 'summarizeOutbox', payload: {} }, ctx(committee));
  await measure('runScheduledJobs', 'committee', 'committee', { action: 'runScheduledJobs', payload: {} }, ctx(committee));
  await measure('getDashboard (school, 2026)', 'committee', 'committee', { action: 'getDashboard', payload: { year: 2026 } }, ctx(committee));
  await measure('getDashboard (a college)', 'college officer', 'officer', { action: 'getDashboard', payload: { year: 2026 } }, ctx(collegeOfficer));
  await measure('getPlanSettings', 'committee', 'committee', { action: 'getPlanSettings', payload: {} }, ctx(committee));
  await measure('updatePlanSettings', 'committee', 'committee', { action: 'updatePlanSettings', payload: { targets: DEFAULT_TARGETS, planItems: DEFAULT_PLAN_ITEMS } }, ctx(committee));
  await measure('exportData (registrations, a branch)', 'branch officer', 'officer', { action: 'exportData', payload: { kind: 'registrations', branch: OFFICER_BRANCH } }, ctx(officer));
  await measure('exportData (attendance, today\'s event)', 'branch officer', 'officer', { action: 'exportData', payload: { kind: 'attendance', eventId: TODAY } }, ctx(officer));
  await measure('exportData (registrations, a college)', 'college officer', 'officer', { action: 'exportData', payload: { kind: 'registrations', college: OFFICER_COLLEGE } }, ctx(collegeOfficer));
  await measure('exportData (credits, a college)', 'college officer', 'officer', { action: 'exportData', payload: { kind: 'credits', college: OFFICER_COLLEGE } }, ctx(collegeOfficer));
  await measure('listDemoUsers', 'anyone', 'public', { action: 'listDemoUsers', payload: {} }, ctx(anonymous), { expected: 'FORBIDDEN', note: 'local demo mode only' });

  // ---------------------------------------------------------------- the table
  const measuredAction = (a: string) => rows.some((r) => r.m.action === a || r.calls?.actions.includes(a));
  const missing = ACTION_NAMES.filter((a) => !measuredAction(a));
  const s = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`);
  const size = (b: number) => (b < 1024 ? `${b} B` : b < 1024 * 1024 ? `${(b / 1024).toFixed(1)} KB` : `${(b / 1024 / 1024).toFixed(2)} MB`);
  const verdict = (r: Row): string => {
    const { m } = r;
    const problems: string[] = [];
    if (m.payloadBytes > CALL_PAYLOAD_LIMIT_BYTES) problems.push(`request ${size(m.payloadBytes)} > 100 KB`);
    if (m.resultBytes > CALL_RESULT_LIMIT_BYTES) problems.push(`result ${size(m.resultBytes)} > 1 MB`);
    // A call may take 20 s (a series: each of its calls); a student waits for all of a series' calls together.
    const slowest = r.calls ? r.calls.slowestMs : m.simulatedMs;
    if (slowest > CALL_BUDGET_MS) problems.push(`${s(slowest)} > 20 s`);
    else if ((r.audience === 'student' || r.audience === 'public') && m.simulatedMs > 1000) problems.push(`${s(m.simulatedMs)} > 1 s for a student`);
    if (m.afterAnswer) problems.push(`${m.afterAnswer} requests after answering (a container is frozen once it returns)`);
    if (m.oversizedQueries) problems.push(`${m.oversizedQueries} database read${m.oversizedQueries > 1 ? 's' : ''} over 1 MB (-602001)`);
    if (!m.ok && m.code !== r.expected && !(m.refused && r.expected === null)) problems.push(`answered ${m.code}`);
    if (r.note) problems.push(r.note);
    const over = problems.filter((p) => p !== r.note);
    return over.length ? `**✗** ${problems.join('; ')}` : `✓${r.note ? ` (${r.note})` : ''}`;
  };
  const lines = [
    `School: ${counts.students.toLocaleString('en')} students, ${counts.events.toLocaleString('en')} events, ${counts.registrations.toLocaleString('en')} registrations, ${counts.attendance.toLocaleString('en')} attendances, ${counts.ledger.toLocaleString('en')} ledger entries; ${DEFAULT_LATENCY_MS} ms a request (simulated); Node ${process.version}`,
    '',
    '| action | caller | database operations | requests | simulated wall time | compute here | result | verdict |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const requests = `${r.m.requests.toLocaleString('en')}${r.storageRequests ? ` + ${r.storageRequests} storage` : ''}`;
      const time = `${s(r.m.simulatedMs)}${r.calls && r.calls.count > 1 ? ` (slowest call ${s(r.calls.slowestMs)})` : ''}`;
      const result = r.m.ok ? `${size(r.m.resultBytes)}${r.calls && r.calls.count > 1 ? ' (largest)' : ''}` : `${r.m.code} (${size(r.m.resultBytes)})`;
      return `| ${r.label} | ${r.caller} | ${r.m.ops.toLocaleString('en')} | ${requests} | ${time} | ${s(Math.round(r.m.computeMs))} | ${result} | ${verdict(r)} |`;
    }),
  ];
  console.log(lines.join('\n'));
  const failing = rows.filter((r) => verdict(r).startsWith('**✗**'));
  console.log(`\n${rows.length} calls, ${ACTION_NAMES.length - missing.length} of ${ACTION_NAMES.length} actions; ${failing.length} miss a target: ${failing.map((r) => r.label).join(', ') || 'none'}.`);
  console.log(`Warm sign-up: ${signUp.ops} database operations (target 3). Bench time on this machine: ${elapsed()}.`);
  const forgotten = Object.keys(ACCESS).filter((a) => !measuredAction(a));
  if (missing.length || forgotten.length) {
    console.error(`actions not measured: ${[...new Set([...missing, ...forgotten])].join(', ')}`);
    process.exit(1);
  }
}

const TODAY_MEMBERS_LABEL = String(TODAY_MEMBERS);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
