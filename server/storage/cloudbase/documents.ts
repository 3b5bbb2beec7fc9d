import type { Role } from '../../../types';
import { defaultCheckinSettings } from '../../domain';
import type {
  AttendanceRecord,
  AuditDraft,
  AuditRecord,
  BindAttempts,
  CheckinMethod,
  EventRecord,
  LoginTicket,
  RegistrationRecord,
  RoleGrant,
  ScanOutcome,
  ScanRecord,
  StudentRecord,
  WebSession,
} from '../../domain';
import type { WxDoc } from './wx-db';

/**
 * Documents ↔ domain records. Field names are the domain's (camelCase); the record id lives in `_id` only:
 * students by student number, events by event id, registrations by `${eventId}:${studentNo}`. Instants stay ISO
 * strings, as in the domain, so they sort and compare as text in queries.
 *
 * Identity:
 * - `accounts`: `_id` = openid, `{ studentNo, boundAt }`, written with the student's `openid` in one transaction.
 *   Its key is what makes "one student per account" hold without a unique index (students carry the binding too,
 *   and stay the source of truth: an `accounts` document whose student no longer names this openid is stale).
 * - `bindAttempts`: `_id` = openid, `{ failures, lockedUntil }`.
 * - `roleGrants`: `_id` = `${openid}:${role}:${scope}`, `{ openid, role, scope, grantedBy, grantedAt }`.
 * - `auditLog`: `_id` chosen by the database, `{ id, at, actor, action, target, detail }`; `id` is a number
 *   (Date.parse(at) · 1000 + a per-container sequence), see CloudbaseStorage.
 *
 * Web login (only hashes of the secrets are stored):
 * - `loginTickets`: `_id` = the ticket's idHash, `{ idHash, status, openid, createdAt, expiresAt }`.
 * - `webSessions`: `_id` = the token's hash, `{ tokenHash, openid, createdAt, expiresAt, revokedAt }`.
 *
 * Check-in:
 * - `events` carry the check-in rules, host and staff, and the counters `checkedInCount, checkedOutCount`.
 *   Documents written before check-in existed read with the defaults (`defaultCheckinSettings`, host: the
 *   committee, no staff, no geofence, counters 0).
 * - `registrations` carry `passSeq` (0 when missing).
 * - `attendance`: `_id` = `${eventId}:${studentNo}` (one per member and event), every field of AttendanceRecord.
 * - `scans`: `_id` = the scan id (the scanning app's nonce), `{ eventId, studentNo, purpose, scannedAt, receivedAt,
 *   by, offline, outcome: { status, code, attendance } }`; never changed once written.
 */
export const COLLECTIONS = {
  students: 'students',
  events: 'events',
  registrations: 'registrations',
  accounts: 'accounts',
  bindAttempts: 'bindAttempts',
  roleGrants: 'roleGrants',
  auditLog: 'auditLog',
  loginTickets: 'loginTickets',
  webSessions: 'webSessions',
  attendance: 'attendance',
  scans: 'scans',
} as const;

export type EventDoc = Omit<EventRecord, 'id'> & { _id: string };
export type RegistrationDoc = Omit<RegistrationRecord, 'id'> & { _id: string };
export type StudentDoc = StudentRecord & { _id: string };

export function eventToDoc(e: EventRecord): EventDoc {
  const { id, ...rest } = e;
  return { _id: id, ...rest };
}

export function eventFromDoc(d: WxDoc): EventRecord {
  return {
    id: String(d._id),
    title: d.title as string,
    category: d.category as EventRecord['category'],
    tag: d.tag as string,
    organizer: d.organizer as string,
    location: d.location as string,
    description: d.description as string,
    startAt: d.startAt as string,
    endAt: d.endAt as string,
    signupStartAt: d.signupStartAt as string,
    signupEndAt: d.signupEndAt as string,
    cancelDeadlineAt: d.cancelDeadlineAt as string,
    capacity: d.capacity as number,
    waitlistEnabled: d.waitlistEnabled === true,
    credits: d.credits as number,
    status: d.status as EventRecord['status'],
    seatsLeft: d.seatsLeft as number,
    waitlistCount: d.waitlistCount as number,
    waitlistSeq: d.waitlistSeq as number,
    ...checkinFieldsFromDoc(d),
  };
}

/** The check-in part of an event document; documents from before check-in existed get the defaults. */
function checkinFieldsFromDoc(d: WxDoc): Omit<EventRecord, keyof EventRecordBeforeCheckin> {
  const defaults = defaultCheckinSettings(d.startAt as string, d.endAt as string, d.category as string);
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  const fence = d.geofence as EventRecord['geofence'] | undefined;
  return {
    checkinStartAt: text(d.checkinStartAt, defaults.checkinStartAt),
    checkinEndAt: text(d.checkinEndAt, defaults.checkinEndAt),
    checkoutEndAt: text(d.checkoutEndAt, defaults.checkoutEndAt),
    checkoutRequired: typeof d.checkoutRequired === 'boolean' ? d.checkoutRequired : defaults.checkoutRequired,
    minStayRatio: typeof d.minStayRatio === 'number' ? d.minStayRatio : defaults.minStayRatio,
    allowWalkIns: typeof d.allowWalkIns === 'boolean' ? d.allowWalkIns : defaults.allowWalkIns,
    hostKind: (text(d.hostKind, 'committee') as EventRecord['hostKind']),
    hostUnit: text(d.hostUnit, ''),
    hostCollege: text(d.hostCollege, ''),
    staffOpenids: Array.isArray(d.staffOpenids) ? d.staffOpenids.filter((o): o is string => typeof o === 'string') : [],
    geofence: fence && typeof fence === 'object' ? { lat: fence.lat, lng: fence.lng, radiusM: fence.radiusM } : null,
    checkedInCount: count(d.checkedInCount),
    checkedOutCount: count(d.checkedOutCount),
  };
}

/** The fields every event document has had since the first release. */
type EventRecordBeforeCheckin = Pick<
  EventRecord,
  | 'id'
  | 'title'
  | 'category'
  | 'tag'
  | 'organizer'
  | 'location'
  | 'description'
  | 'startAt'
  | 'endAt'
  | 'signupStartAt'
  | 'signupEndAt'
  | 'cancelDeadlineAt'
  | 'capacity'
  | 'waitlistEnabled'
  | 'credits'
  | 'status'
  | 'seatsLeft'
  | 'waitlistCount'
  | 'waitlistSeq'
>;

export function registrationToDoc(r: RegistrationRecord): RegistrationDoc {
  const { id, ...rest } = r;
  return { _id: id, ...rest };
}

export function registrationFromDoc(d: WxDoc): RegistrationRecord {
  return {
    id: String(d._id),
    eventId: d.eventId as string,
    studentNo: d.studentNo as string,
    status: d.status as RegistrationRecord['status'],
    waitlistSeq: typeof d.waitlistSeq === 'number' ? d.waitlistSeq : null,
    passSeq: typeof d.passSeq === 'number' ? d.passSeq : 0,
    createdAt: d.createdAt as string,
    updatedAt: d.updatedAt as string,
  };
}

export function studentToDoc(s: StudentRecord): StudentDoc {
  return { _id: s.studentNo, ...s };
}

export function studentFromDoc(d: WxDoc): StudentRecord {
  return {
    studentNo: String(d.studentNo ?? d._id),
    openid: typeof d.openid === 'string' ? d.openid : null,
    name: d.name as string,
    college: d.college as string,
    className: d.className as string,
    branch: d.branch as string,
    grade: d.grade as string,
    isLeagueMember: d.isLeagueMember === true,
    // Documents written before the second factor existed have no such field: null, like an empty one.
    secondFactorHash: typeof d.secondFactorHash === 'string' ? d.secondFactorHash : null,
  };
}

export function bindAttemptsFromDoc(openid: string, d: WxDoc): BindAttempts {
  return {
    openid,
    failures: typeof d.failures === 'number' ? d.failures : 0,
    lockedUntil: typeof d.lockedUntil === 'string' ? d.lockedUntil : null,
  };
}

/** Deterministic: a grant of the same role and scope to the same account is one document (idempotent grants). */
export function roleGrantId(openid: string, role: Role, scope: string): string {
  return `${openid}:${role}:${scope}`;
}

export function roleGrantToDoc(g: RoleGrant): Record<string, unknown> {
  return { openid: g.openid, role: g.role, scope: g.scope, grantedBy: g.grantedBy, grantedAt: g.grantedAt };
}

export function roleGrantFromDoc(d: WxDoc): RoleGrant {
  return {
    openid: d.openid as string,
    role: d.role as Role,
    scope: typeof d.scope === 'string' ? d.scope : '',
    grantedBy: d.grantedBy as string,
    grantedAt: d.grantedAt as string,
  };
}

/** No `_id`: the database invents one (an audit entry is only ever added, never addressed by id). */
export function auditToDoc(id: number, a: AuditDraft): WxDoc {
  return { id, at: a.at, actor: a.actor, action: a.action, target: a.target, detail: a.detail };
}

export function auditFromDoc(d: WxDoc): AuditRecord {
  return {
    id: d.id as number,
    at: d.at as string,
    actor: d.actor as string,
    action: d.action as string,
    target: d.target as string,
    detail: d.detail as string,
  };
}

export function loginTicketToDoc(t: LoginTicket): Record<string, unknown> {
  return { idHash: t.idHash, status: t.status, openid: t.openid, createdAt: t.createdAt, expiresAt: t.expiresAt };
}

export function loginTicketFromDoc(d: WxDoc): LoginTicket {
  return {
    idHash: String(d.idHash ?? d._id),
    status: d.status as LoginTicket['status'],
    openid: typeof d.openid === 'string' ? d.openid : null,
    createdAt: d.createdAt as string,
    expiresAt: d.expiresAt as string,
  };
}

export function webSessionToDoc(s: WebSession): Record<string, unknown> {
  return { tokenHash: s.tokenHash, openid: s.openid, createdAt: s.createdAt, expiresAt: s.expiresAt, revokedAt: s.revokedAt };
}

export function webSessionFromDoc(d: WxDoc): WebSession {
  return {
    tokenHash: String(d.tokenHash ?? d._id),
    openid: d.openid as string,
    createdAt: d.createdAt as string,
    expiresAt: d.expiresAt as string,
    revokedAt: typeof d.revokedAt === 'string' ? d.revokedAt : null,
  };
}

/** Attendance and registrations share the key: one of each per member and event. */
export function attendanceId(eventId: string, studentNo: string): string {
  return `${eventId}:${studentNo}`;
}

export function attendanceToDoc(a: AttendanceRecord): Record<string, unknown> {
  return {
    eventId: a.eventId,
    studentNo: a.studentNo,
    walkIn: a.walkIn,
    checkedInAt: a.checkedInAt,
    checkedInBy: a.checkedInBy,
    checkinMethod: a.checkinMethod,
    checkedOutAt: a.checkedOutAt,
    checkedOutBy: a.checkedOutBy,
    checkoutMethod: a.checkoutMethod,
    updatedAt: a.updatedAt,
  };
}

export function attendanceFromDoc(d: WxDoc): AttendanceRecord {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    eventId: d.eventId as string,
    studentNo: d.studentNo as string,
    walkIn: d.walkIn === true,
    checkedInAt: text(d.checkedInAt),
    checkedInBy: text(d.checkedInBy),
    checkinMethod: text(d.checkinMethod) as CheckinMethod | null,
    checkedOutAt: text(d.checkedOutAt),
    checkedOutBy: text(d.checkedOutBy),
    checkoutMethod: text(d.checkoutMethod) as CheckinMethod | null,
    updatedAt: d.updatedAt as string,
  };
}

/** `_id` is the scan id. */
export function scanToDoc(s: ScanRecord): Record<string, unknown> {
  return {
    eventId: s.eventId,
    studentNo: s.studentNo,
    purpose: s.purpose,
    scannedAt: s.scannedAt,
    receivedAt: s.receivedAt,
    by: s.by,
    offline: s.offline,
    outcome: {
      status: s.outcome.status,
      code: s.outcome.code,
      attendance: s.outcome.attendance && attendanceToDoc(s.outcome.attendance),
    },
  };
}

export function scanFromDoc(d: WxDoc): ScanRecord {
  const outcome = (d.outcome ?? {}) as Record<string, unknown>;
  return {
    scanId: String(d._id),
    eventId: d.eventId as string,
    studentNo: d.studentNo as string,
    purpose: d.purpose as ScanRecord['purpose'],
    scannedAt: d.scannedAt as string,
    receivedAt: d.receivedAt as string,
    by: d.by as string,
    offline: d.offline === true,
    outcome: {
      status: outcome.status as ScanOutcome['status'],
      code: typeof outcome.code === 'string' ? (outcome.code as ScanOutcome['code']) : null,
      attendance: outcome.attendance && typeof outcome.attendance === 'object' ? attendanceFromDoc(outcome.attendance as WxDoc) : null,
    },
  };
}

/** A document body without `_id`, as `doc(id).set/update` want it (the SDK refuses to write `_id`). */
export function withoutId<T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}
