import { ApiError, type ActionName, type Role } from '../../types';
import type { HandlerContext } from '../features/shared/context';
import { callerRoles, requireOpenid, requireStudentNo } from '../features/shared/caller';

/**
 * Who may call each action: one table a reader can audit, enforced by dispatch() before any handler runs, and the
 * source of the authorization matrix test (tests/server/authorization-matrix.test.ts). Its type makes an action
 * without a rule a compile error. Scope (which branch or college) is checked by the handler against the data, since
 * only the data knows which branch a request is about: see `scoped`.
 */
export type Access =
  /** Anyone, signed in or not (browsing). */
  | { who: 'anyone' }
  /** A WeChat account, bound to a student or not (binding itself). */
  | { who: 'account' }
  /** A bound student, acting only on their own registrations. */
  | { who: 'student' }
  /** An account holding one of these roles; `scoped` means the handler also checks the role's branch or college. */
  | { who: 'role'; roles: readonly Role[]; scoped: boolean }
  /**
   * Check-in staff of one event: an account that mayRunCheckin (core/checkin/staff.ts) for the event named
   * in the payload: officers whose scope covers the event's host, the committee, and accounts the organiser
   * assigned (who may hold no role at all). The door checks for an account; the handler checks the event.
   */
  | { who: 'staff' }
  /** Only on a local server started in demo mode. */
  | { who: 'demo' };

const OFFICERS: readonly Role[] = ['branch_officer', 'college_officer', 'committee_admin'];
const COMMITTEE: readonly Role[] = ['committee_admin'];
const COLLEGE_AND_UP: readonly Role[] = ['college_officer', 'committee_admin'];
const JUDGES: readonly Role[] = ['contest_judge'];

export const ACCESS: { readonly [A in ActionName]: Access } = {
  // 百生讲坛. Entering is a bound student's (their own entry, or their branch's as its officer or named team: checked
  // by the handler); a material's link is for the entrant side, the entry's judges and the round's organisers.
  getContestHome: { who: 'account' },
  submitContestEntry: { who: 'student' },
  updateContestEntry: { who: 'student' },
  withdrawContestEntry: { who: 'student' },
  getContestMaterialLink: { who: 'account' },
  // Judges score only the entries assigned to them (the handler checks the assignment).
  listMyJudging: { who: 'role', roles: JUDGES, scoped: true },
  getJudgingEntry: { who: 'role', roles: JUDGES, scoped: true },
  submitContestScore: { who: 'role', roles: JUDGES, scoped: true },
  // Rounds: the committee's school round and any college's; a college officer their own college's round.
  saveContestRound: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  listContestRounds: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  getContestRound: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  setContestJudges: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  startContestJudging: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  publishContestResults: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  // The lecturer team: the committee keeps the list and confirms talks; a member records their own.
  saveLecturer: { who: 'role', roles: COMMITTEE, scoped: false },
  listLecturers: { who: 'role', roles: COMMITTEE, scoped: false },
  recordLecturerTalk: { who: 'account' },
  getMyLecturerTalks: { who: 'account' },
  listLecturerTalks: { who: 'role', roles: COMMITTEE, scoped: false },
  decideLecturerTalk: { who: 'role', roles: COMMITTEE, scoped: false },
  getLecturerTalkPhoto: { who: 'account' },
  listEvents: { who: 'anyone' },
  getEvent: { who: 'anyone' },
  getMe: { who: 'anyone' },
  signUp: { who: 'student' },
  getMySignup: { who: 'student' },
  cancelRegistration: { who: 'student' },
  listMyRegistrations: { who: 'student' },
  bindStudent: { who: 'account' },
  unbindStudent: { who: 'role', roles: COMMITTEE, scoped: false },
  grantRole: { who: 'role', roles: COMMITTEE, scoped: false },
  revokeRole: { who: 'role', roles: COMMITTEE, scoped: false },
  listAuditLog: { who: 'role', roles: COMMITTEE, scoped: false },
  importRoster: { who: 'role', roles: COMMITTEE, scoped: false },
  startWebLogin: { who: 'anyone' },
  confirmWebLogin: { who: 'account' },
  pollWebLogin: { who: 'anyone' },
  endWebSession: { who: 'anyone' },
  listBranchMembers: { who: 'role', roles: OFFICERS, scoped: true },
  listDemoUsers: { who: 'demo' },
  issueCheckinPass: { who: 'student' },
  selfCheckin: { who: 'student' },
  listCheckinEvents: { who: 'account' },
  recordScans: { who: 'staff' },
  getEventCheckinCode: { who: 'staff' },
  getCheckinPackage: { who: 'staff' },
  getEventAttendance: { who: 'staff' },
  correctAttendance: { who: 'staff' },
  exportAttendance: { who: 'staff' },
  setCheckinStaff: { who: 'role', roles: OFFICERS, scoped: true },
  getMyTranscript: { who: 'student' },
  createTranscriptShare: { who: 'student' },
  revokeTranscriptShare: { who: 'student' },
  verifyTranscript: { who: 'anyone' },
  fileAppeal: { who: 'student' },
  listAppeals: { who: 'role', roles: OFFICERS, scoped: true },
  decideAppeal: { who: 'role', roles: OFFICERS, scoped: true },
  getCreditOverview: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  exportCredits: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  importCreditAwards: { who: 'role', roles: COMMITTEE, scoped: false },
  getCreditSettings: { who: 'anyone' },
  updateCreditSettings: { who: 'role', roles: COMMITTEE, scoped: false },
  getSiteSettings: { who: 'anyone' },
  updateSiteSettings: { who: 'role', roles: COMMITTEE, scoped: false },
  saveEvent: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  changeEventStatus: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  previewEvent: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  listManagedEvents: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  listApplications: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  decideApplication: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  createTeam: { who: 'student' },
  joinTeam: { who: 'student' },
  leaveTeam: { who: 'student' },
  updateTeam: { who: 'student' },
  signUpTeam: { who: 'student' },
  submitTeamReport: { who: 'student' },
  getMyTeams: { who: 'student' },
  listTeams: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  reviewTeam: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  recordSubscribeConsent: { who: 'student' },
  listOutbox: { who: 'role', roles: COMMITTEE, scoped: false },
  runScheduledJobs: { who: 'role', roles: COMMITTEE, scoped: false },
  getDashboard: { who: 'role', roles: COLLEGE_AND_UP, scoped: true },
  getPlanSettings: { who: 'role', roles: COLLEGE_AND_UP, scoped: false },
  updatePlanSettings: { who: 'role', roles: COMMITTEE, scoped: false },
  exportData: { who: 'role', roles: OFFICERS, scoped: true },
  // Files and bulk work: an upload's purpose says who may start it (startUpload checks it: a roster or a sheet of
  // awards is the committee's, a contest entry's material a bound student's, a talk's photo a lecturer's); an upload,
  // the file it became and its import are the uploader's own (checked by the handlers). Every job is the committee's.
  startUpload: { who: 'account' },
  uploadPart: { who: 'account' },
  finishUpload: { who: 'account' },
  continueJob: { who: 'role', roles: COMMITTEE, scoped: false },
  rebuildCreditTotals: { who: 'role', roles: COMMITTEE, scoped: false },
  searchRoster: { who: 'role', roles: OFFICERS, scoped: false },
  listBranches: { who: 'role', roles: OFFICERS, scoped: false },
  createRoleInvitation: { who: 'role', roles: COMMITTEE, scoped: false },
  listRoleInvitations: { who: 'role', roles: COMMITTEE, scoped: false },
  revokeRoleInvitation: { who: 'role', roles: COMMITTEE, scoped: false },
  getRoleInvitation: { who: 'account' },
  acceptRoleInvitation: { who: 'account' },
  summarizeOutbox: { who: 'role', roles: COMMITTEE, scoped: false },
  getImportTemplate: { who: 'role', roles: COMMITTEE, scoped: false },
  // At home in WeChat: posters for the event's staff; a scanned scene for anyone; a student's own data for themself.
  getEventPoster: { who: 'staff' },
  resolveEventScene: { who: 'anyone' },
  exportMyData: { who: 'student' },
  unbindMyself: { who: 'student' },
  requestDataDeletion: { who: 'student' },
  getMyDataRequest: { who: 'account' },
  listDataRequests: { who: 'role', roles: COMMITTEE, scoped: false },
  completeDataRequest: { who: 'role', roles: COMMITTEE, scoped: false },
};

/** Refuses the call unless the table lets this caller in: NOT_BOUND, NOT_SIGNED_IN or FORBIDDEN. */
export async function enforceAccess(action: ActionName, ctx: HandlerContext): Promise<void> {
  const access = ACCESS[action];
  switch (access.who) {
    case 'anyone':
      return;
    case 'account':
    case 'staff':
      await requireOpenid(ctx);
      return;
    case 'student':
      await requireStudentNo(ctx);
      return;
    case 'demo':
      if (!ctx.demoMode) throw new ApiError('FORBIDDEN', '演示用户切换仅在本地演示模式下可用');
      return;
    case 'role': {
      const roles = await callerRoles(ctx);
      if (!roles.some((g) => access.roles.includes(g.role))) throw new ApiError('FORBIDDEN');
      return;
    }
  }
}
