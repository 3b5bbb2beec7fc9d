import * as v from 'valibot';
import {
  ApiError,
  actions,
  failure,
  isActionName,
  type ActionCall,
  type ActionName,
  type ActionOutput,
  type ActionParsedInput,
  type ApiResult,
} from '../../types';
import { enforceAccess } from './access';
import { listAuditLog } from '../features/accounts/audit-log';
import { bindStudent, unbindStudent } from '../features/accounts/binding';
import { correctAttendance, getEventAttendance } from '../features/checkin/attendance';
import { getEventCheckinCode, selfCheckin } from '../features/checkin/event-code';
import { exportAttendance } from '../features/checkin/export';
import { issueCheckinPass } from '../features/checkin/passes';
import { getCheckinPackage, recordScans } from '../features/checkin/scans';
import { listCheckinEvents, setCheckinStaff } from '../features/checkin/staff';
import type { HandlerContext } from '../features/shared/context';
import { decideAppeal, fileAppeal, listAppeals } from '../features/credits/appeals';
import { importCreditAwards } from '../features/credits/award-import';
import { exportCredits, getCreditOverview } from '../features/credits/overview';
import { getCreditSettings, updateCreditSettings } from '../features/credits/settings';
import { getSiteSettings, updateSiteSettings } from '../features/credits/site-settings';
import { createTranscriptShare, getMyTranscript, revokeTranscriptShare } from '../features/credits/transcript';
import { verifyTranscript } from '../features/credits/verify';
import { getDashboard, getPlanSettings, updatePlanSettings } from '../features/reports/dashboard';
import { getEvent, listEvents } from '../features/events/catalogue';
import { exportData } from '../features/reports/exports';
import { getMe, listDemoUsers } from '../features/accounts/me';
import { listOutbox, recordSubscribeConsent, runScheduledJobs, summarizeOutbox } from '../features/notifications/actions';
import { acceptRoleInvitation, createRoleInvitation, getRoleInvitation, listRoleInvitations, revokeRoleInvitation } from '../features/accounts/invitations';
import { listBranches, searchRoster } from '../features/roster/search';
import { getImportTemplate } from '../features/roster/templates';
import { changeEventStatus, listManagedEvents, previewEvent, saveEvent } from '../features/publishing/manage-events';
import { decideApplication, listApplications } from '../features/publishing/applications';
import { cancelRegistration, getMySignup, listMyRegistrations, signUp } from '../features/events/registrations';
import { grantRole, listBranchMembers, revokeRole } from '../features/accounts/roles';
import { importRosterFile } from '../features/roster/import-action';
import { createTeam, getMyTeams, joinTeam, leaveTeam, signUpTeam, submitTeamReport, updateTeam } from '../features/teams/teams';
import { listTeams, reviewTeam } from '../features/teams/review';
import { confirmWebLogin, endWebSession, pollWebLogin, startWebLogin } from '../features/accounts/web-login';
import { finishUpload, startUpload, uploadPart } from '../features/files/uploads';
import { continueJob } from '../features/jobs/continue-job';
import { rebuildCreditTotals } from '../features/credits/rebuild-totals';
import { getContestHome, getContestMaterialLink, submitContestEntry, updateContestEntry, withdrawContestEntry } from '../features/contest/entries';
import { getJudgingEntry, listMyJudging, submitContestScore } from '../features/contest/judging';
import { getContestRound, listContestRounds, publishContestResults, saveContestRound, setContestJudges, startContestJudging } from '../features/contest/rounds';
import {
  decideLecturerTalk,
  getLecturerTalkPhoto,
  getMyLecturerTalks,
  listLecturers,
  listLecturerTalks,
  recordLecturerTalk,
  saveLecturer,
} from '../features/contest/lecturers';
import { getEventPoster, resolveEventScene } from '../features/sharing/poster';
import { exportMyData, getMyDataRequest, requestDataDeletion, unbindMyself } from '../features/privacy/my-data';
import { completeDataRequest, listDataRequests } from '../features/privacy/data-requests';

export type { Caller, HandlerContext } from '../features/shared/context';

type Handler<A extends ActionName> = (input: ActionParsedInput<A>, ctx: HandlerContext) => Promise<ActionOutput<A>>;

/** One handler per action of the contract; the type makes a missing handler a compile error. */
export const handlers: { [A in ActionName]: Handler<A> } = {
  getContestHome,
  submitContestEntry,
  updateContestEntry,
  withdrawContestEntry,
  getContestMaterialLink,
  listMyJudging,
  getJudgingEntry,
  submitContestScore,
  saveContestRound,
  listContestRounds,
  getContestRound,
  setContestJudges,
  startContestJudging,
  publishContestResults,
  saveLecturer,
  listLecturers,
  recordLecturerTalk,
  getMyLecturerTalks,
  listLecturerTalks,
  decideLecturerTalk,
  getLecturerTalkPhoto,
  listEvents,
  getEvent,
  signUp,
  getMySignup,
  cancelRegistration,
  listMyRegistrations,
  getMe,
  bindStudent,
  unbindStudent,
  grantRole,
  revokeRole,
  listBranchMembers,
  listAuditLog,
  importRoster: importRosterFile,
  startWebLogin,
  confirmWebLogin,
  pollWebLogin,
  endWebSession,
  listDemoUsers,
  issueCheckinPass,
  recordScans,
  selfCheckin,
  getEventCheckinCode,
  getCheckinPackage,
  listCheckinEvents,
  getEventAttendance,
  correctAttendance,
  exportAttendance,
  setCheckinStaff,
  getMyTranscript,
  createTranscriptShare,
  revokeTranscriptShare,
  verifyTranscript,
  fileAppeal,
  listAppeals,
  decideAppeal,
  getCreditOverview,
  exportCredits,
  importCreditAwards,
  getCreditSettings,
  updateCreditSettings,
  getSiteSettings,
  updateSiteSettings,
  saveEvent,
  changeEventStatus,
  previewEvent,
  listManagedEvents,
  listApplications,
  decideApplication,
  createTeam,
  joinTeam,
  leaveTeam,
  updateTeam,
  signUpTeam,
  submitTeamReport,
  getMyTeams,
  listTeams,
  reviewTeam,
  recordSubscribeConsent,
  listOutbox,
  runScheduledJobs,
  getDashboard,
  getPlanSettings,
  updatePlanSettings,
  exportData,
  startUpload,
  uploadPart,
  finishUpload,
  continueJob,
  rebuildCreditTotals,
  searchRoster,
  listBranches,
  createRoleInvitation,
  listRoleInvitations,
  revokeRoleInvitation,
  getRoleInvitation,
  acceptRoleInvitation,
  summarizeOutbox,
  getImportTemplate,
  getEventPoster,
  resolveEventScene,
  exportMyData,
  unbindMyself,
  requestDataDeletion,
  getMyDataRequest,
  listDataRequests,
  completeDataRequest,
};

/**
 * The single entry for every caller (cloud function, local server, tests): validates the payload with the action's
 * schema at the door, checks the caller against the access table (access.ts), runs the handler, and turns any
 * refusal into `{ ok: false, code, message }`. Unexpected errors are logged and answered as INTERNAL, never with a
 * stack trace.
 */
export async function dispatch(call: ActionCall, ctx: HandlerContext): Promise<ApiResult<unknown>> {
  if (!call || typeof call !== 'object' || !isActionName(call.action)) {
    return failure('UNKNOWN_ACTION', `不支持的操作“${String(call?.action ?? '').slice(0, 40)}”`);
  }
  const name = call.action;
  const parsed = v.safeParse(actions[name].input, call.payload ?? {});
  if (!parsed.success) return failure('INVALID_INPUT', describeIssues(parsed.issues));
  try {
    await enforceAccess(name, ctx);
    const handler = handlers[name] as Handler<typeof name>;
    const data = await handler(parsed.output as never, ctx);
    return { ok: true, data };
  } catch (error) {
    if (error instanceof ApiError) return failure(error.code, error.message);
    console.error(`[${name}] unexpected error`, error);
    return failure('INTERNAL');
  }
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  const path = first.path?.map((p) => String(p.key)).join('.');
  if (first.type === 'strict_object' || first.kind === 'schema' && first.expected === 'never') {
    return `提交的内容包含不支持的字段${path ? `“${path}”` : ''}`;
  }
  const reason = /[\u4e00-\u9fa5]/.test(first.message) ? first.message : `应为 ${first.expected ?? '正确的格式'}`;
  return path ? `字段“${path}”格式不正确：${reason}` : `提交的内容格式不正确：${reason}`;
}
