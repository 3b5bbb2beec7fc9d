/**
 * What each kind of event needs beyond the common fields (the plan's five kinds), and who may attend.
 */
export const LECTURE_TRACKS = ['团支部', '主讲人', '微团课'] as const;
export const PRACTICE_MODES = ['三下乡', '返家乡'] as const;
export const FIRSTAID_LEVELS = ['普及培训', '救护员'] as const;
export const RECRUITMENT_MODES = ['open', 'approval', 'interview'] as const;

export type KindDetails =
  | { kind: 'lecture'; track: (typeof LECTURE_TRACKS)[number]; speaker: string; topic: string }
  | { kind: 'volunteer'; roles: string[]; hours: number; recruitment: (typeof RECRUITMENT_MODES)[number] }
  | {
      kind: 'practice';
      mode: (typeof PRACTICE_MODES)[number];
      teamSizeMin: number;
      teamSizeMax: number;
      destination: string;
      reportDueAt: string;
    }
  | { kind: 'firstaid'; level: (typeof FIRSTAID_LEVELS)[number]; assessment: boolean }
  | { kind: 'theme'; theme: string };

/** Who may sign up: empty lists mean everyone. */
export interface Audience {
  colleges: string[];
  grades: string[];
  leagueMembersOnly: boolean;
}

export const EVERYONE: Audience = { colleges: [], grades: [], leagueMembersOnly: false };

/** Whether an audience admits fewer than everyone (then a sign-up must read the student's profile to decide). */
export function restrictsAudience(audience: Audience): boolean {
  return audience.colleges.length > 0 || audience.grades.length > 0 || audience.leagueMembersOnly;
}

export type AudienceRefusal = 'AUDIENCE_COLLEGE' | 'AUDIENCE_GRADE' | 'AUDIENCE_LEAGUE_ONLY';

/** What an audience rule reads of a student. */
export interface AudienceFacts {
  college: string;
  grade: string;
  isLeagueMember: boolean;
}

/** Why a student is outside an event's audience, or null when they are in it. */
export function audienceRefusal(audience: Audience, student: AudienceFacts): AudienceRefusal | null {
  if (audience.colleges.length && !audience.colleges.includes(student.college)) return 'AUDIENCE_COLLEGE';
  if (audience.grades.length && !audience.grades.includes(student.grade)) return 'AUDIENCE_GRADE';
  if (audience.leagueMembersOnly && !student.isLeagueMember) return 'AUDIENCE_LEAGUE_ONLY';
  return null;
}

/** The tag students see on a card, derived from the details. */
export function tagOf(details: KindDetails): string {
  switch (details.kind) {
    case 'lecture':
      return `${details.track}赛道`;
    case 'volunteer':
      return details.recruitment === 'open' ? '学雷锋' : '志愿者招募';
    case 'practice':
      return details.mode;
    case 'firstaid':
      return details.level;
    case 'theme':
      return '主题教育';
  }
}
