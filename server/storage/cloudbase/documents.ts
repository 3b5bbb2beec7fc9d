import type { Role } from '../../../types';
import type {
  AuditDraft,
  AuditRecord,
  BindAttempts,
  EventRecord,
  LoginTicket,
  RegistrationRecord,
  RoleGrant,
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
  };
}

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

/** A document body without `_id`, as `doc(id).set/update` want it (the SDK refuses to write `_id`). */
export function withoutId<T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}
