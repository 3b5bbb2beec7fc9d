import type { AuditDraft, TeamRecord } from '../../../core';

/**
 * Social-practice teams (rules: core/teams). Every rule is decided inside the adapter's atomic step.
 */
export interface TeamsPort {
  /** Creates a team; TEAM_ALREADY_IN_ONE if the leader is in a team of that event. The join code must be unused. */
  createTeam(team: TeamRecord): Promise<TeamRecord>;
  getTeam(teamId: string): Promise<TeamRecord | null>;
  findTeamByJoinCode(joinCode: string): Promise<TeamRecord | null>;
  teamOfStudent(eventId: string, studentNo: string): Promise<TeamRecord | null>;
  listTeams(filter: { eventId?: string; status?: TeamRecord['status']; studentNo?: string }): Promise<TeamRecord[]>;
  /** decideJoin inside the transaction; NOT_FOUND for an unknown code (TEAM_CODE_INVALID). */
  joinTeam(joinCode: string, studentNo: string, now: Date): Promise<TeamRecord>;
  leaveTeam(teamId: string, studentNo: string, now: Date): Promise<TeamRecord>;
  /** Leader only (TEAM_NOT_LEADER); name, project, mentor. */
  updateTeam(teamId: string, by: string, patch: Partial<Pick<TeamRecord, 'name' | 'project' | 'mentor'>>, now: Date): Promise<TeamRecord>;
  /**
   * The team signs up as one unit, atomically: decideTeamSignup; the event must take sign-ups (decideSignup's
   * window and status rules); every member gets a confirmed registration (one already confirmed keeps theirs), and
   * seatsLeft drops by the number of new ones (EVENT_FULL if there are not enough seats); status signed_up.
   */
  signUpTeam(teamId: string, by: string, now: Date): Promise<TeamRecord>;
  submitTeamReport(teamId: string, by: string, report: Omit<NonNullable<TeamRecord['report']>, 'submittedAt'>, now: Date): Promise<TeamRecord>;
  /** approved or returned (with the reason), with its audit entry. TEAM_NOT_SUBMITTED unless report_submitted. */
  reviewTeam(teamId: string, approve: boolean, by: string, reason: string, now: Date, audit: AuditDraft): Promise<TeamRecord>;
}
