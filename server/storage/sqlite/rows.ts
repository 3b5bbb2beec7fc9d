import {
  registrationId,
  type AppealRecord,
  type Audience,
  type AttendanceRecord,
  type KindDetails,
  type OutboxMessage,
  type TeamRecord,
  type EventCreditRule,
  type LedgerEntry,
  type TranscriptShare,
  type CheckinRules,
  type EventRecord,
  type EventRules,
  type RegistrationRecord,
  type RoleGrant,
  type ScanOutcome,
  type ScanRecord,
  type StudentRecord,
} from '../../../core';

/** Column names are snake_case in SQLite; these map rows to the domain's records and back. */
export interface EventRow {
  id: string; title: string; category: string; tag: string; organizer: string; location: string;
  description: string; start_at: string; end_at: string; signup_start_at: string; signup_end_at: string;
  cancel_deadline_at: string; capacity: number; waitlist_enabled: number; credits: number; status: string;
  seats_left: number; waitlist_count: number; waitlist_seq: number;
  checkin_start_at: string; checkin_end_at: string; checkout_end_at: string; checkout_required: number;
  min_stay_ratio: number; allow_walk_ins: number; host_kind: string; host_unit: string; host_college: string;
  staff_openids: string; geofence: string | null; checked_in_count: number; checked_out_count: number;
  credit_rule: string; details: string | null; audience: string; approval_required: number; created_by: string;
  updated_at: string; cancel_reason: string | null;
}

/** Every column of events, in table order (statements that write a whole event list them all). */
export const EVENT_COLUMNS: ReadonlyArray<keyof EventRow> = [
  'id', 'title', 'category', 'tag', 'organizer', 'location', 'description', 'start_at', 'end_at', 'signup_start_at',
  'signup_end_at', 'cancel_deadline_at', 'capacity', 'waitlist_enabled', 'credits', 'status', 'seats_left',
  'waitlist_count', 'waitlist_seq', 'checkin_start_at', 'checkin_end_at', 'checkout_end_at', 'checkout_required',
  'min_stay_ratio', 'allow_walk_ins', 'host_kind', 'host_unit', 'host_college', 'staff_openids', 'geofence',
  'checked_in_count', 'checked_out_count', 'credit_rule', 'details', 'audience', 'approval_required', 'created_by',
  'updated_at', 'cancel_reason',
];

export interface RegistrationRow {
  event_id: string; student_no: string; status: string; waitlist_seq: number | null; pass_seq: number;
  created_at: string; updated_at: string;
}

export interface AttendanceRow {
  event_id: string; student_no: string; walk_in: number; checked_in_at: string | null; checked_in_by: string | null;
  checkin_method: string | null; checked_out_at: string | null; checked_out_by: string | null;
  checkout_method: string | null; updated_at: string;
}

export interface ScanRow {
  scan_id: string; event_id: string; student_no: string; purpose: string; scanned_at: string; received_at: string;
  scanned_by: string; offline: number; outcome: string;
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

/**
 * Every property written out in one literal (no spreads of partial objects): V8 then builds the object with one
 * fixed shape, measured 60× cheaper per row than spreading, which is most of a 300-entry transcript's time.
 */
export function eventFromRow(r: EventRow): EventRecord {
  return {
    id: r.id, status: r.status as EventRecord['status'], capacity: r.capacity, waitlistEnabled: r.waitlist_enabled === 1,
    signupStartAt: r.signup_start_at, signupEndAt: r.signup_end_at, cancelDeadlineAt: r.cancel_deadline_at,
    startAt: r.start_at, endAt: r.end_at, seatsLeft: r.seats_left, waitlistCount: r.waitlist_count, waitlistSeq: r.waitlist_seq,
    approvalRequired: r.approval_required === 1,
    checkinStartAt: r.checkin_start_at, checkinEndAt: r.checkin_end_at, checkoutEndAt: r.checkout_end_at,
    checkoutRequired: r.checkout_required === 1, minStayRatio: r.min_stay_ratio, allowWalkIns: r.allow_walk_ins === 1,
    title: r.title, category: r.category as EventRecord['category'], tag: r.tag, organizer: r.organizer,
    location: r.location, description: r.description, credits: r.credits,
    hostKind: r.host_kind as EventRecord['hostKind'], hostUnit: r.host_unit, hostCollege: r.host_college,
    staffOpenids: JSON.parse(r.staff_openids) as string[],
    geofence: r.geofence === null ? null : (JSON.parse(r.geofence) as EventRecord['geofence']),
    checkedInCount: r.checked_in_count, checkedOutCount: r.checked_out_count,
    creditRule: JSON.parse(r.credit_rule) as EventCreditRule,
    details: r.details === null ? null : (JSON.parse(r.details) as KindDetails),
    audience: JSON.parse(r.audience) as Audience,
    createdBy: r.created_by, updatedAt: r.updated_at, cancelReason: r.cancel_reason,
  };
}

/** The columns a sign-up or cancel loads: what the rules read, nothing else (text costs time to decode). */
export type EventRulesRow = Pick<
  EventRow,
  | 'id' | 'status' | 'capacity' | 'waitlist_enabled' | 'signup_start_at' | 'signup_end_at' | 'cancel_deadline_at'
  | 'start_at' | 'seats_left' | 'waitlist_count' | 'waitlist_seq' | 'approval_required' | 'audience'
>;
export const EVENT_RULES_COLUMNS =
  'id, status, capacity, waitlist_enabled, signup_start_at, signup_end_at, cancel_deadline_at, start_at, seats_left, ' +
  'waitlist_count, waitlist_seq, approval_required, audience';

export function eventRulesFromRow(r: EventRulesRow): EventRules {
  return {
    id: r.id, status: r.status as EventRecord['status'], capacity: r.capacity, waitlistEnabled: r.waitlist_enabled === 1,
    signupStartAt: r.signup_start_at, signupEndAt: r.signup_end_at, cancelDeadlineAt: r.cancel_deadline_at,
    startAt: r.start_at, seatsLeft: r.seats_left, waitlistCount: r.waitlist_count, waitlistSeq: r.waitlist_seq,
    approvalRequired: r.approval_required === 1, audience: JSON.parse(r.audience) as Audience,
  };
}

/**
 * The columns a scan or a correction loads: the check-in rules, and the counters it answers with (registered is
 * capacity minus seats left).
 */
export type CheckinRulesRow = Pick<
  EventRow,
  | 'id' | 'status' | 'start_at' | 'end_at' | 'checkin_start_at' | 'checkin_end_at' | 'checkout_end_at'
  | 'checkout_required' | 'min_stay_ratio' | 'allow_walk_ins' | 'capacity' | 'seats_left' | 'checked_in_count'
  | 'checked_out_count'
>;
export const CHECKIN_RULES_COLUMNS =
  'id, status, start_at, end_at, checkin_start_at, checkin_end_at, checkout_end_at, checkout_required, ' +
  'min_stay_ratio, allow_walk_ins, capacity, seats_left, checked_in_count, checked_out_count';

export function checkinRulesFromRow(r: Omit<CheckinRulesRow, 'capacity' | 'seats_left' | 'checked_in_count' | 'checked_out_count'>): CheckinRules {
  return {
    id: r.id, status: r.status as CheckinRules['status'], startAt: r.start_at, endAt: r.end_at,
    checkinStartAt: r.checkin_start_at, checkinEndAt: r.checkin_end_at, checkoutEndAt: r.checkout_end_at,
    checkoutRequired: r.checkout_required === 1, minStayRatio: r.min_stay_ratio, allowWalkIns: r.allow_walk_ins === 1,
  };
}

export function eventToRow(e: EventRecord): EventRow {
  return {
    id: e.id, title: e.title, category: e.category, tag: e.tag, organizer: e.organizer, location: e.location,
    description: e.description, start_at: e.startAt, end_at: e.endAt, signup_start_at: e.signupStartAt,
    signup_end_at: e.signupEndAt, cancel_deadline_at: e.cancelDeadlineAt, capacity: e.capacity,
    waitlist_enabled: e.waitlistEnabled ? 1 : 0, credits: e.credits, status: e.status, seats_left: e.seatsLeft,
    waitlist_count: e.waitlistCount, waitlist_seq: e.waitlistSeq,
    checkin_start_at: e.checkinStartAt, checkin_end_at: e.checkinEndAt, checkout_end_at: e.checkoutEndAt,
    checkout_required: e.checkoutRequired ? 1 : 0, min_stay_ratio: e.minStayRatio, allow_walk_ins: e.allowWalkIns ? 1 : 0,
    host_kind: e.hostKind, host_unit: e.hostUnit, host_college: e.hostCollege,
    staff_openids: JSON.stringify(e.staffOpenids), geofence: e.geofence === null ? null : JSON.stringify(e.geofence),
    checked_in_count: e.checkedInCount, checked_out_count: e.checkedOutCount,
    credit_rule: JSON.stringify(e.creditRule),
    details: e.details === null ? null : JSON.stringify(e.details), audience: JSON.stringify(e.audience),
    approval_required: e.approvalRequired ? 1 : 0, created_by: e.createdBy, updated_at: e.updatedAt,
    cancel_reason: e.cancelReason,
  };
}

export function registrationFromRow(r: RegistrationRow): RegistrationRecord {
  return {
    id: registrationId(r.event_id, r.student_no), eventId: r.event_id, studentNo: r.student_no, status: r.status as RegistrationRecord['status'],
    waitlistSeq: r.waitlist_seq, passSeq: r.pass_seq, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function attendanceFromRow(r: AttendanceRow): AttendanceRecord {
  return {
    eventId: r.event_id, studentNo: r.student_no, walkIn: r.walk_in === 1, checkedInAt: r.checked_in_at,
    checkedInBy: r.checked_in_by, checkinMethod: r.checkin_method as AttendanceRecord['checkinMethod'],
    checkedOutAt: r.checked_out_at, checkedOutBy: r.checked_out_by,
    checkoutMethod: r.checkout_method as AttendanceRecord['checkoutMethod'], updatedAt: r.updated_at,
  };
}

export function attendanceToRow(a: AttendanceRecord): AttendanceRow {
  return {
    event_id: a.eventId, student_no: a.studentNo, walk_in: a.walkIn ? 1 : 0, checked_in_at: a.checkedInAt,
    checked_in_by: a.checkedInBy, checkin_method: a.checkinMethod, checked_out_at: a.checkedOutAt,
    checked_out_by: a.checkedOutBy, checkout_method: a.checkoutMethod, updated_at: a.updatedAt,
  };
}

export function scanFromRow(r: ScanRow): ScanRecord {
  return {
    scanId: r.scan_id, eventId: r.event_id, studentNo: r.student_no, purpose: r.purpose as ScanRecord['purpose'],
    scannedAt: r.scanned_at, receivedAt: r.received_at, by: r.scanned_by, offline: r.offline === 1,
    outcome: JSON.parse(r.outcome) as ScanOutcome,
  };
}

export function scanToRow(s: ScanRecord): ScanRow {
  return {
    scan_id: s.scanId, event_id: s.eventId, student_no: s.studentNo, purpose: s.purpose, scanned_at: s.scannedAt,
    received_at: s.receivedAt, scanned_by: s.by, offline: s.offline ? 1 : 0, outcome: JSON.stringify(s.outcome),
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

export interface LedgerRow {
  seq?: number; key: string; student_no: string; module: string; amount: number; hours_tenths: number; kind: string;
  source_type: string; event_id: string | null; rule: string; reverses: string | null; reason: string | null;
  confirmed_by: string; at: string;
}

/**
 * Hours are kept in tenths (integers, so sums are exact; attendance hours are tenths already). `|| 0` turns the -0
 * of a reversed zero into 0, as the column stores it.
 */
export function ledgerToRow(e: LedgerEntry): LedgerRow {
  return {
    key: e.key, student_no: e.studentNo, module: e.module, amount: e.amount || 0, hours_tenths: Math.round(e.hours * 10) || 0,
    kind: e.kind, source_type: e.sourceType, event_id: e.eventId, rule: e.rule, reverses: e.reverses,
    reason: e.reason, confirmed_by: e.confirmedBy, at: e.at,
  };
}

export function ledgerFromRow(r: LedgerRow): LedgerEntry {
  return {
    key: r.key, studentNo: r.student_no, module: r.module, amount: r.amount, hours: r.hours_tenths / 10,
    kind: r.kind as LedgerEntry['kind'], sourceType: r.source_type as LedgerEntry['sourceType'], eventId: r.event_id,
    rule: r.rule, reverses: r.reverses, reason: r.reason, confirmedBy: r.confirmed_by, at: r.at,
  };
}

export interface AppealRow {
  id: string; event_id: string; student_no: string; note: string; status: string; created_at: string;
  decided_at: string | null; decided_by: string | null; decision_reason: string | null;
}

export function appealFromRow(r: AppealRow): AppealRecord {
  return {
    id: r.id, eventId: r.event_id, studentNo: r.student_no, note: r.note, status: r.status as AppealRecord['status'],
    createdAt: r.created_at, decidedAt: r.decided_at, decidedBy: r.decided_by, decisionReason: r.decision_reason,
  };
}

export function appealToRow(a: AppealRecord): AppealRow {
  return {
    id: a.id, event_id: a.eventId, student_no: a.studentNo, note: a.note, status: a.status, created_at: a.createdAt,
    decided_at: a.decidedAt, decided_by: a.decidedBy, decision_reason: a.decisionReason,
  };
}

export interface ShareRow {
  code_hash: string; share_id: string; student_no: string; issued_at: string; revoked_at: string | null; snapshot: string;
}

export function shareFromRow(r: ShareRow): TranscriptShare {
  return {
    codeHash: r.code_hash, shareId: r.share_id, studentNo: r.student_no, issuedAt: r.issued_at, revokedAt: r.revoked_at,
    snapshot: JSON.parse(r.snapshot) as TranscriptShare['snapshot'],
  };
}

export function shareToRow(s: TranscriptShare): ShareRow {
  return {
    code_hash: s.codeHash, share_id: s.shareId, student_no: s.studentNo, issued_at: s.issuedAt, revoked_at: s.revokedAt,
    snapshot: JSON.stringify(s.snapshot),
  };
}

export interface TeamRow {
  id: string; event_id: string; name: string; project: string; leader_student_no: string; mentor: string;
  join_code: string; status: string; report: string | null; review: string | null; created_at: string; updated_at: string;
}

/** A team's row and its members (student numbers in position order, the leader first). */
export function teamFromRow(r: TeamRow, members: string[]): TeamRecord {
  return {
    id: r.id, eventId: r.event_id, name: r.name, project: r.project, leaderStudentNo: r.leader_student_no, members,
    mentor: r.mentor, joinCode: r.join_code, status: r.status as TeamRecord['status'],
    report: r.report === null ? null : (JSON.parse(r.report) as TeamRecord['report']),
    review: r.review === null ? null : (JSON.parse(r.review) as TeamRecord['review']),
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function teamToRow(t: TeamRecord): TeamRow {
  return {
    id: t.id, event_id: t.eventId, name: t.name, project: t.project, leader_student_no: t.leaderStudentNo, mentor: t.mentor,
    join_code: t.joinCode, status: t.status, report: t.report === null ? null : JSON.stringify(t.report),
    review: t.review === null ? null : JSON.stringify(t.review), created_at: t.createdAt, updated_at: t.updatedAt,
  };
}

export interface OutboxRow {
  key: string; kind: string; student_no: string; event_id: string; data: string; status: string; attempts: number;
  next_attempt_at: string; last_error: string | null; created_at: string; sent_at: string | null; deadline_at: string;
}

export function outboxFromRow(r: OutboxRow): OutboxMessage {
  return {
    key: r.key, kind: r.kind as OutboxMessage['kind'], studentNo: r.student_no, eventId: r.event_id,
    data: JSON.parse(r.data) as Record<string, string>, status: r.status as OutboxMessage['status'], attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
    deadlineAt: r.deadline_at,
  };
}

export function outboxToRow(m: OutboxMessage): OutboxRow {
  return {
    key: m.key, kind: m.kind, student_no: m.studentNo, event_id: m.eventId, data: JSON.stringify(m.data), status: m.status,
    attempts: m.attempts, next_attempt_at: m.nextAttemptAt, last_error: m.lastError, created_at: m.createdAt, sent_at: m.sentAt,
    deadline_at: m.deadlineAt,
  };
}
