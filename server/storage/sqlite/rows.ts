import {
  registrationId,
  type EventRecord,
  type EventRules,
  type RegistrationRecord,
  type RoleGrant,
  type StudentRecord,
} from '../../domain';

/** Column names are snake_case in SQLite; these map rows to the domain's records and back. */
export interface EventRow {
  id: string; title: string; category: string; tag: string; organizer: string; location: string;
  description: string; start_at: string; end_at: string; signup_start_at: string; signup_end_at: string;
  cancel_deadline_at: string; capacity: number; waitlist_enabled: number; credits: number; status: string;
  seats_left: number; waitlist_count: number; waitlist_seq: number;
}

export interface RegistrationRow {
  event_id: string; student_no: string; status: string; waitlist_seq: number | null;
  created_at: string; updated_at: string;
}

export interface StudentRow {
  student_no: string; openid: string | null; name: string; college: string; class_name: string; branch: string;
  grade: string; is_league_member: number; second_factor_hash: string | null;
}

export interface RoleGrantRow {
  openid: string; role: string; scope: string; granted_by: string; granted_at: string;
}

export function roleGrantFromRow(r: RoleGrantRow): RoleGrant {
  return { openid: r.openid, role: r.role as RoleGrant['role'], scope: r.scope, grantedBy: r.granted_by, grantedAt: r.granted_at };
}

export function eventFromRow(r: EventRow): EventRecord {
  return {
    ...eventRulesFromRow(r),
    title: r.title, category: r.category as EventRecord['category'], tag: r.tag, organizer: r.organizer,
    location: r.location, description: r.description, endAt: r.end_at, credits: r.credits,
  };
}

/** The columns a sign-up or cancel loads: what the rules read, nothing else (text costs time to decode). */
export type EventRulesRow = Pick<
  EventRow,
  | 'id' | 'status' | 'capacity' | 'waitlist_enabled' | 'signup_start_at' | 'signup_end_at' | 'cancel_deadline_at'
  | 'start_at' | 'seats_left' | 'waitlist_count' | 'waitlist_seq'
>;
export const EVENT_RULES_COLUMNS =
  'id, status, capacity, waitlist_enabled, signup_start_at, signup_end_at, cancel_deadline_at, start_at, seats_left, ' +
  'waitlist_count, waitlist_seq';

export function eventRulesFromRow(r: EventRulesRow): EventRules {
  return {
    id: r.id, status: r.status as EventRecord['status'], capacity: r.capacity, waitlistEnabled: r.waitlist_enabled === 1,
    signupStartAt: r.signup_start_at, signupEndAt: r.signup_end_at, cancelDeadlineAt: r.cancel_deadline_at,
    startAt: r.start_at, seatsLeft: r.seats_left, waitlistCount: r.waitlist_count, waitlistSeq: r.waitlist_seq,
  };
}

export function eventToRow(e: EventRecord): EventRow {
  return {
    id: e.id, title: e.title, category: e.category, tag: e.tag, organizer: e.organizer, location: e.location,
    description: e.description, start_at: e.startAt, end_at: e.endAt, signup_start_at: e.signupStartAt,
    signup_end_at: e.signupEndAt, cancel_deadline_at: e.cancelDeadlineAt, capacity: e.capacity,
    waitlist_enabled: e.waitlistEnabled ? 1 : 0, credits: e.credits, status: e.status, seats_left: e.seatsLeft,
    waitlist_count: e.waitlistCount, waitlist_seq: e.waitlistSeq,
  };
}

export function registrationFromRow(r: RegistrationRow): RegistrationRecord {
  return {
    id: registrationId(r.event_id, r.student_no), eventId: r.event_id, studentNo: r.student_no, status: r.status as RegistrationRecord['status'],
    waitlistSeq: r.waitlist_seq, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function studentFromRow(r: StudentRow): StudentRecord {
  return {
    studentNo: r.student_no, openid: r.openid, name: r.name, college: r.college, className: r.class_name,
    branch: r.branch, grade: r.grade, isLeagueMember: r.is_league_member === 1, secondFactorHash: r.second_factor_hash,
  };
}

export function studentToRow(s: StudentRecord): StudentRow {
  return {
    student_no: s.studentNo, openid: s.openid, name: s.name, college: s.college, class_name: s.className,
    branch: s.branch, grade: s.grade, is_league_member: s.isLeagueMember ? 1 : 0, second_factor_hash: s.secondFactorHash,
  };
}
