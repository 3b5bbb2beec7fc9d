import { ACTION_NAMES, type ActionName, type Role } from '../../types';
import { dispatch, type HandlerContext } from '../../server/handlers';
import { ACCESS } from '../../server/handlers/access';
import { mayRunCheckin } from '../../server/domain';
import { generateKeyringConfig, keyringFromConfig } from '../../server/security/checkin-keys';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, makeEvent, makeStudent } from '../support/factories';

/**
 * Every action × every kind of caller, generated from the access table (server/handlers/access.ts): a caller the
 * table lets in is never refused for who they are; any other gets the table's refusal. An action added without a
 * rule fails to compile (ACCESS is typed by ActionName) and an action without a sample payload below fails this test.
 */
const BRANCH_A = '24级软件技术1班团支部';
const BRANCH_B = '24级护理1班团支部';
const COLLEGE_A = '信息技术学院';
/** The sample event e1 is branch A's; one account with no role was assigned to run its check-in. */
const HOST = { hostKind: 'branch', hostUnit: BRANCH_A, hostCollege: COLLEGE_A, staffOpenids: ['openid-staff'] } as const;
const KEYS = keyringFromConfig(generateKeyringConfig('kmatrix'));

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
];

/** A valid payload for every action; scoped ones are about branch A. */
const SAMPLE: Record<ActionName, unknown> = {
  listEvents: {},
  getEvent: { eventId: 'e1' },
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
  importRoster: {
    fileName: 'roster.csv',
    contentBase64: Buffer.from('学号,姓名,学院,班级,团支部,是否团员,年级\n20249999,新同学,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级\n').toString('base64'),
    commit: false,
  },
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
};

const ACCESS_REFUSALS = ['FORBIDDEN', 'NOT_BOUND', 'NOT_SIGNED_IN'];

function expectedRefusal(action: ActionName, p: Persona, demoMode: boolean): string | null {
  const access = ACCESS[action];
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
      return access.scoped && !p.coversBranchA ? 'FORBIDDEN' : null;
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
  await storage.putEvents([makeEvent({ id: 'e1', ...HOST, staffOpenids: [...HOST.staffOpenids] })]);
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
      const ctx: HandlerContext = {
        storage,
        caller: persona.openid ? { kind: 'wechat', openid: persona.openid } : { kind: 'anonymous' },
        now: () => NOW,
        demoMode,
        checkinKeys: KEYS,
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
    },
  );
});
