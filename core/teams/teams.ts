/**
 * Social-practice teams (三下乡 / 返家乡): a student leader creates a team for a project, members join with a code,
 * the team signs up as one unit within the event's size limits, a teacher mentor is named, the team submits its
 * report, and the committee reviews it — awarding credits to every member at once. One team per student per event.
 */
export type TeamStatus = 'forming' | 'signed_up' | 'report_submitted' | 'approved' | 'returned';

export interface TeamRecord {
  id: string;
  eventId: string;
  name: string;
  project: string;
  leaderStudentNo: string;
  /** Student numbers, the leader first. */
  members: string[];
  mentor: string;
  /** Six characters (no 0/O/1/I) the leader shares with members. */
  joinCode: string;
  status: TeamStatus;
  report: { title: string; summary: string; link: string; submittedAt: string } | null;
  review: { by: string; at: string; reason: string } | null;
  createdAt: string;
  updatedAt: string;
}

export type TeamRefusal =
  | 'TEAM_ALREADY_IN_ONE'
  | 'TEAM_FULL'
  | 'TEAM_NOT_FORMING'
  | 'TEAM_TOO_SMALL'
  | 'TEAM_NOT_LEADER'
  | 'TEAM_CODE_INVALID'
  | 'TEAM_NO_MENTOR'
  | 'TEAM_NOT_SIGNED_UP'
  | 'TEAM_NOT_SUBMITTED';

export interface TeamLimits {
  teamSizeMin: number;
  teamSizeMax: number;
}

export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A join code from six random bytes (the caller supplies randomness: the domain has no I/O). */
export function joinCodeFrom(random: Uint8Array): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += JOIN_CODE_ALPHABET[random[i] % JOIN_CODE_ALPHABET.length];
  return code;
}

export function decideJoin(team: TeamRecord, limits: TeamLimits, studentNo: string, teamOfStudent: string | null): TeamRefusal | null {
  if (teamOfStudent) return 'TEAM_ALREADY_IN_ONE';
  if (team.status !== 'forming') return 'TEAM_NOT_FORMING';
  if (team.members.length >= limits.teamSizeMax) return 'TEAM_FULL';
  return team.members.includes(studentNo) ? 'TEAM_ALREADY_IN_ONE' : null;
}

export function decideLeave(team: TeamRecord, studentNo: string): TeamRefusal | null {
  if (team.status !== 'forming') return 'TEAM_NOT_FORMING';
  if (team.leaderStudentNo === studentNo) return 'TEAM_NOT_LEADER';
  return null;
}

/** Whether the leader may sign the team up now: forming, within the size limits, with a mentor. */
export function decideTeamSignup(team: TeamRecord, limits: TeamLimits, by: string): TeamRefusal | null {
  if (team.leaderStudentNo !== by) return 'TEAM_NOT_LEADER';
  if (team.status !== 'forming') return 'TEAM_NOT_FORMING';
  if (team.members.length < limits.teamSizeMin) return 'TEAM_TOO_SMALL';
  if (team.members.length > limits.teamSizeMax) return 'TEAM_FULL';
  if (!team.mentor.trim()) return 'TEAM_NO_MENTOR';
  return null;
}

export function decideReportSubmission(team: TeamRecord, by: string): TeamRefusal | null {
  if (team.leaderStudentNo !== by) return 'TEAM_NOT_LEADER';
  if (team.status !== 'signed_up' && team.status !== 'returned') return 'TEAM_NOT_SIGNED_UP';
  return null;
}

export function decideReview(team: TeamRecord): TeamRefusal | null {
  return team.status === 'report_submitted' ? null : 'TEAM_NOT_SUBMITTED';
}
