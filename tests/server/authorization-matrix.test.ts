import { ACTION_NAMES, type ActionName, type Role } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { ACCESS } from '../../server/dispatch/access';
import {
  DEFAULT_CONTEST_CREDITS,
  DEFAULT_CREDIT_MODULES,
  DEFAULT_SHEET,
  DEFAULT_NO_SHOW_POLICY,
  DEFAULT_PLAN_ITEMS,
  DEFAULT_REQUIREMENT,
  DEFAULT_TARGETS,
  mayRunCheckin,
  type ContestRound,
  type RoleInvitation,
} from '../../core';
import { shareCodeHash, shareIdOf } from '../../server/features/credits/share-code';
import { generateKeyringConfig, keyringFromConfig } from '../../server/security/checkin-keys';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { eventFields } from '../support/event-fields';
import { NOW, detailsFor, makeEvent, makeStudent, makeTeam } from '../support/factories';
import { tempFileStore } from '../support/files';
import { localMiniCodes } from '../../server/local/local-mini-codes';

/**
 * Every action × every kind of caller, generated from the access table (server/dispatch/access.ts): a caller the
 * table lets in is never refused for who they are; any other gets the table's refusal. An action added without a
 * rule fails to compile (ACCESS is typed by ActionName) and an action without a sample payload below fails this test.
 */
const BRANCH_A = '24级软件技术1班团支部';
const BRANCH_B = '24级护理1班团支部';
const COLLEGE_A = '信息技术学院';
/** The sample event e1 is branch A's; one account with no role was assigned to run its check-in. */
const HOST = { hostKind: 'branch', hostUnit: BRANCH_A, hostCollege: COLLEGE_A, staffOpenids: ['openid-staff'] } as const;
/** Branch A's other events: a social practice (team-1 of student 1 has reported) and one taking applications. */
const BRANCH_A_HOST = { hostKind: 'branch', hostUnit: BRANCH_A, hostCollege: COLLEGE_A } as const;
const KEYS = keyringFromConfig(generateKeyringConfig('kmatrix'));
/** An open invitation to be 院团总支 of college A (world() stores it). */
const INVITATION_CODE = 'ABCD-EFGH-JKMN-PQRS';
const INVITATION_HASH = shareCodeHash('ABCDEFGHJKMNPQRS');
const INVITATION: RoleInvitation = {
  id: shareIdOf(INVITATION_HASH), codeHash: INVITATION_HASH, role: 'college_officer', scope: COLLEGE_A, inviteeName: '王老师',
  createdBy: 'openid-admin', createdAt: NOW.toISOString(), expiresAt: new Date(NOW.getTime() + 72 * 3_600_000).toISOString(),
  acceptedBy: null, acceptedAt: null, revokedAt: null,
};

interface Persona {
  name: string;
  openid: string | null;
  /** The roster entry bound to the account, if any. */
  student: boolean;
  roles: Array<{ role: Role; scope: string }>;
  /** For scoped actions (listBranchMembers of branch A): whether the persona's role covers branch A. */
  coversBranchA: boolean;
}

const PERSONAS: Persona[] = [
  { name: 'anonymous visitor', openid: null, student: false, roles: [], coversBranchA: false },
  { name: 'WeChat user not bound', openid: 'openid-new', student: false, roles: [], coversBranchA: false },
  { name: 'student of branch A', openid: 'openid-1', student: true, roles: [], coversBranchA: false },
  { name: 'branch officer of branch A', openid: 'openid-2', student: true, roles: [{ role: 'branch_officer', scope: BRANCH_A }], coversBranchA: true },
  { name: 'branch officer of another branch', openid: 'openid-5', student: true, roles: [{ role: 'branch_officer', scope: BRANCH_B }], coversBranchA: false },
  { name: 'college officer of branch A’s college', openid: 'openid-college', student: false, roles: [{ role: 'college_officer', scope: COLLEGE_A }], coversBranchA: true },
  { name: 'college officer of another college', openid: 'openid-college-b', student: false, roles: [{ role: 'college_officer', scope: '医学院' }], coversBranchA: false },
  { name: 'committee admin', openid: 'openid-admin', student: false, roles: [{ role: 'committee_admin', scope: '' }], coversBranchA: true },
  { name: 'check-in helper assigned to e1 (no role)', openid: 'openid-staff', student: false, roles: [], coversBranchA: false },
  { name: '百生讲坛 judge of the whole school (a teacher)', openid: 'openid-judge', student: false, roles: [{ role: 'contest_judge', scope: '' }], coversBranchA: true },
];

/** College A's 百生讲坛 round, taking entries (world() stores it): the scoped contest actions are about it. */
const ROUND_A: ContestRound = {
  id: 'r-college-a', year: 2026, level: 'college', college: COLLEGE_A, title: '信息技术学院院赛', description: '', tracks: ['speaker', 'branch'],
  entryMode: 'open', deadlineAt: new Date(NOW.getTime() + 7 * 86_400_000).toISOString(), status: 'open', sheet: DEFAULT_SHEET, conflictRule: true,
  judgesPerEntry: null, credits: DEFAULT_CONTEST_CREDITS, eventId: null, judges: [], assignments: [], entrySeq: 0, results: null,
  createdBy: 'openid-admin', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(),
};
const UNKNOWN_FILE = 'f-unknownunknownunknownunkno';

/** A valid payload for every action; scoped ones are about branch A. */
const SAMPLE: Record<ActionName, unknown> = {
  listEvents: {},
  getEvent: { eventId: 'e1' },
  getMySignup: { eventId: 'e1' },
  getMe: {},
  signUp: { eventId: 'e1' },
  cancelRegistration: { eventId: 'e1' },
  listMyRegistrations: {},
  bindStudent: { studentNo: '20240003', name: '学生3' },
  unbindStudent: { studentNo: '20240001', reason: '学生换了手机号' },
  grantRole: { account: '20240001', role: 'branch_officer', scope: BRANCH_A },
  revokeRole: { account: '20240002', role: 'branch_officer', scope: BRANCH_A },
  listBranchMembers: { branch: BRANCH_A },
  listAuditLog: {},
  // A file id nobody uploaded: whoever the table lets in is refused for the file (FILE_NOT_FOUND), never for who they are.
  importRoster: { fileId: 'f-unknownunknownunknownunkno', commit: false },
  startWebLogin: {},
  confirmWebLogin: { ticket: 'an-unknown-ticket-of-sufficient-length' },
  pollWebLogin: { ticket: 'an-unknown-ticket-of-sufficient-length' },
  endWebSession: {},
  listDemoUsers: {},
  issueCheckinPass: { eventId: 'e1' },
  recordScans: {
    eventId: 'e1',
    scans: [{ scanId: 'scan-matrix-1', code: 'Y1.not.a.real.code.at-all', purpose: 'in', scannedAt: NOW.toISOString(), offline: false }],
  },
  selfCheckin: { code: 'Y1E.ZTE.1.i.not-a-tag' },
  getEventCheckinCode: { eventId: 'e1', purpose: 'in' },
  getCheckinPackage: { eventId: 'e1' },
  listCheckinEvents: {},
  getEventAttendance: { eventId: 'e1' },
  correctAttendance: { eventId: 'e1', studentNo: '20240001', op: 'check_in', reason: '手机没电，现场核对身份' },
  exportAttendance: { eventId: 'e1' },
  setCheckinStaff: { eventId: 'e1', account: 'openid-helper', assigned: true },
  getMyTranscript: {},
  createTranscriptShare: { includeTimeline: false, showStudentNo: false },
  revokeTranscriptShare: { shareId: '0123456789ab' },
  verifyTranscript: { code: 'ABCD-EFGH-JKMN-PQRS' },
  fileAppeal: { eventId: 'e1', note: '我参加了活动，但是没有记入学分' },
  listAppeals: { status: 'pending' },
  /** The appeal of student 3 on e1 (branch A's event), filed in world(). */
  decideAppeal: { appealId: 'e1:20240003', accept: false, reason: '签到表中没有该同学' },
  getCreditOverview: { groupBy: 'branch', college: COLLEGE_A },
  exportCredits: { college: COLLEGE_A },
  importCreditAwards: { fileId: 'f-unknownunknownunknownunkno', commit: false },
  getCreditSettings: {},
  getSiteSettings: {},
  updateSiteSettings: { schoolName: '湖北职业技术学院', issuerName: '共青团湖北职业技术学院委员会' },
  updateCreditSettings: {
    modules: DEFAULT_CREDIT_MODULES,
    requirement: DEFAULT_REQUIREMENT,
    noShow: DEFAULT_NO_SHOW_POLICY,
  },
  saveEvent: { fields: eventFields({ host: { kind: 'branch', unit: BRANCH_A } }) },
  changeEventStatus: { eventId: 'e1', action: 'close' },
  previewEvent: { eventId: 'e1' },
  listManagedEvents: {},
  listApplications: { eventId: 'e-apply' },
  decideApplication: { eventId: 'e-apply', studentNo: '20240003', approve: true },
  createTeam: { eventId: 'e-practice', name: '星火实践队', project: '乡村振兴调研', mentor: '王老师' },
  joinTeam: { joinCode: 'ABC234' },
  leaveTeam: { teamId: 'team-1' },
  updateTeam: { teamId: 'team-1', mentor: '李老师' },
  signUpTeam: { teamId: 'team-1' },
  submitTeamReport: { teamId: 'team-1', title: '乡村小学支教报告', summary: '我们在孝昌县的三所乡村小学开展了为期两周的支教活动。', link: '' },
  getMyTeams: {},
  listTeams: { eventId: 'e-practice' },
  reviewTeam: { teamId: 'team-1', approve: false, reason: '报告缺少活动照片，请补充后再提交' },
  recordSubscribeConsent: { results: [{ kind: 'event_reminder', accepted: true }] },
  listOutbox: {},
  runScheduledJobs: {},
  getDashboard: { college: COLLEGE_A },
  getPlanSettings: {},
  updatePlanSettings: { targets: DEFAULT_TARGETS, planItems: DEFAULT_PLAN_ITEMS },
  exportData: { kind: 'registrations', branch: BRANCH_A },
  startUpload: { purpose: 'roster', fileName: '名单.csv', size: 1000 },
  uploadPart: { uploadId: 'u-unknownunknownunknownunkno', index: 0, dataBase64: 'AAAA' },
  finishUpload: { uploadId: 'u-unknownunknownunknownunkno' },
  continueJob: { jobId: 'j-unknownunknownunknownunkno' },
  rebuildCreditTotals: {},
  searchRoster: { query: '学生' },
  listBranches: {},
  createRoleInvitation: { role: 'college_officer', scope: COLLEGE_A, inviteeName: '王老师' },
  listRoleInvitations: {},
  revokeRoleInvitation: { invitationId: INVITATION.id },
  getRoleInvitation: { code: INVITATION_CODE },
  acceptRoleInvitation: { code: INVITATION_CODE },
  summarizeOutbox: {},
  getImportTemplate: { kind: 'roster' },
  getContestHome: {},
  submitContestEntry: { roundId: ROUND_A.id, track: 'speaker', topic: '青春向党', outline: '一、学习二十大精神；二、青年的担当与行动', materials: [] },
  updateContestEntry: { entryId: 'r-college-a.speaker.unknown', topic: '青春向党', outline: '一、学习二十大精神；二、青年的担当与行动', materials: [] },
  withdrawContestEntry: { entryId: 'r-college-a.speaker.unknown' },
  getContestMaterialLink: { entryId: 'r-college-a.speaker.unknown', fileId: UNKNOWN_FILE },
  listMyJudging: {},
  getJudgingEntry: { entryId: 'r-college-a.speaker.unknown' },
  submitContestScore: { entryId: 'r-college-a.speaker.unknown', marks: { content: 90 } },
  saveContestRound: {
    roundId: ROUND_A.id,
    fields: {
      year: 2026, level: 'college', college: COLLEGE_A, title: '信息技术学院院赛', tracks: ['speaker'], entryMode: 'open',
      deadlineAt: ROUND_A.deadlineAt, sheet: DEFAULT_SHEET, conflictRule: true, judgesPerEntry: null, credits: DEFAULT_CONTEST_CREDITS, eventId: null,
    },
  },
  listContestRounds: {},
  getContestRound: { roundId: ROUND_A.id },
  setContestJudges: { roundId: ROUND_A.id, judges: [] },
  startContestJudging: { roundId: ROUND_A.id },
  publishContestResults: { roundId: ROUND_A.id, advance: { kind: 'top', n: 3 }, awards: [1, 1, 1] },
  saveLecturer: { year: 2026, account: '20240001', level: 'school', college: '', active: true },
  listLecturers: {},
  recordLecturerTalk: { date: '2026-03-01', place: '图书馆报告厅', onCampus: true, audience: 80, topic: '青春向党', photoFileId: UNKNOWN_FILE },
  getMyLecturerTalks: {},
  listLecturerTalks: {},
  decideLecturerTalk: { talkId: 't-unknown', confirm: true },
  getLecturerTalkPhoto: { talkId: 't-unknown' },
  getEventPoster: { eventId: 'e1' },
  resolveEventScene: { scene: 'e=e1' },
  exportMyData: {},
  unbindMyself: { confirm: '解除绑定' },
  requestDataDeletion: { note: '我已毕业，请删除我的信息' },
  getMyDataRequest: {},
  listDataRequests: {},
  // An id nobody filed: the committee is refused for the request (NOT_FOUND), never for who it is.
  completeDataRequest: { requestId: '0123456789ab', reply: '已按隐私政策处理' },
};

/**
 * Scoped actions whose scope narrows the answer instead of refusing: an officer lists the appeals of the events they
 * may run check-in for, whatever they are (an empty list for an officer of another branch); a college officer lists
 * the events their college organises.
 */
const FILTERED_BY_SCOPE: ReadonlySet<ActionName> = new Set<ActionName>(['listAppeals', 'listManagedEvents', 'listContestRounds', 'listMyJudging']);

/** Judges act only on entries assigned to them: the sample entry is unknown, so every judge is let in and answered NOT_FOUND. */
const JUDGE_ACTIONS: ReadonlySet<ActionName> = new Set<ActionName>(['getJudgingEntry', 'submitContestScore']);

const ACCESS_REFUSALS = ['FORBIDDEN', 'NOT_BOUND', 'NOT_SIGNED_IN'];

function expectedRefusal(action: ActionName, p: Persona, demoMode: boolean): string | null {
  const access = ACCESS[action];
  // The door lets any account start an upload; the purpose says who may (a roster is the committee's).
  if (action === 'startUpload' && p.openid) return p.roles.some((r) => r.role === 'committee_admin') ? null : 'FORBIDDEN';
  if (JUDGE_ACTIONS.has(action) && access.who === 'role' && p.roles.some((r) => access.roles.includes(r.role))) return null;
  switch (access.who) {
    case 'anyone':
      return null;
    case 'account':
      return p.openid ? null : 'NOT_SIGNED_IN';
    case 'student':
      return p.student ? null : 'NOT_BOUND';
    case 'demo':
      return demoMode ? null : 'FORBIDDEN';
    case 'staff':
      if (!p.openid) return 'NOT_SIGNED_IN';
      return mayRunCheckin(p.roles, p.openid, HOST) ? null : 'FORBIDDEN';
    case 'role':
      if (!p.roles.some((r) => access.roles.includes(r.role))) return 'FORBIDDEN';
      return access.scoped && !p.coversBranchA && !FILTERED_BY_SCOPE.has(action) ? 'FORBIDDEN' : null;
  }
}

async function world(): Promise<SqliteStorage> {
  const storage = new SqliteStorage({ file: ':memory:' });
  await storage.putStudents([
    makeStudent(1, { branch: BRANCH_A, college: COLLEGE_A, openid: 'openid-1' }),
    makeStudent(2, { branch: BRANCH_A, college: COLLEGE_A, openid: 'openid-2' }),
    makeStudent(3, { branch: BRANCH_A, college: COLLEGE_A, openid: null }),
    makeStudent(5, { branch: BRANCH_B, college: '医学院', openid: 'openid-5' }),
  ]);
  await storage.putEvents([
    makeEvent({ id: 'e1', ...HOST, staffOpenids: [...HOST.staffOpenids] }),
    makeEvent({ id: 'e-practice', category: 'practice', tag: '三下乡', details: detailsFor('practice'), ...BRANCH_A_HOST }),
    makeEvent({ id: 'e-apply', category: 'volunteer', approvalRequired: true, details: { kind: 'volunteer', roles: ['导诊'], hours: 3, recruitment: 'approval' }, ...BRANCH_A_HOST }),
  ]);
  await storage.signUp('e-apply', '20240003', NOW);
  await storage.createTeam(makeTeam({ eventId: 'e-practice', status: 'report_submitted', report: { title: '支教报告', summary: '两周支教，三所小学。', link: '', submittedAt: NOW.toISOString() } }));
  await storage.fileAppeal(
    { id: 'e1:20240003', eventId: 'e1', studentNo: '20240003', note: '我参加了活动，但是没有记入学分', status: 'pending', createdAt: NOW.toISOString(), decidedAt: null, decidedBy: null, decisionReason: null },
    { at: NOW.toISOString(), actor: 'system', action: 'appeal.file', target: 'e1:20240003', detail: '{}' },
  );
  await storage.createContestRound(ROUND_A, { at: NOW.toISOString(), actor: 'openid-admin', action: 'contest.round.create', target: ROUND_A.id, detail: '{}' });
  await storage.createInvitation(INVITATION, { at: NOW.toISOString(), actor: 'openid-admin', action: 'invitation.create', target: INVITATION.id, detail: '{}' });
  for (const p of PERSONAS) {
    for (const r of p.roles) {
      await storage.grantRole(
        { openid: p.openid!, role: r.role, scope: r.scope, grantedBy: 'system', grantedAt: NOW.toISOString() },
        { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: p.openid!, detail: '{}' },
      );
    }
  }
  return storage;
}

describe('authorization matrix', () => {
  it('has a rule and a sample payload for every action of the contract', () => {
    expect(Object.keys(ACCESS).sort()).toEqual([...ACTION_NAMES].sort());
    expect(Object.keys(SAMPLE).sort()).toEqual([...ACTION_NAMES].sort());
  });

  const cases = ACTION_NAMES.flatMap((action) =>
    PERSONAS.flatMap((persona) => [false, true].map((demoMode) => ({ action, persona, demoMode }))),
  ).filter((c) => c.demoMode === false || ACCESS[c.action].who === 'demo');

  it.each(cases.map((c) => [c.action, c.persona.name, c.demoMode ? 'demo mode' : 'production', c] as const))(
    '%s as %s (%s)',
    async (_a, _p, _m, { action, persona, demoMode }) => {
      const storage = await world();
      const files = tempFileStore();
      const ctx: HandlerContext = {
        storage,
        caller: persona.openid ? { kind: 'wechat', openid: persona.openid } : { kind: 'anonymous' },
        now: () => NOW,
        demoMode,
        checkinKeys: KEYS,
        files,
        miniCodes: localMiniCodes(() => 'http://127.0.0.1:8787'),
      };
      const result = await dispatch({ action, payload: SAMPLE[action] }, ctx);
      const refusal = expectedRefusal(action, persona, demoMode);
      if (refusal) {
        expect(result).toMatchObject({ ok: false, code: refusal });
      } else if (!result.ok) {
        // Let in by the table: any refusal must be about the request, not about who is asking.
        expect(ACCESS_REFUSALS).not.toContain(result.code);
      }
      await storage.close();
      files.cleanup();
    },
  );
});
