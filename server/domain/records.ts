import type { Category, EventStatus, RegistrationStatus, StudentProfile } from '../../types';

/** What the storage keeps of an event. Counters are kept on the event so a sign-up never counts rows. */
export interface EventRecord {
  id: string;
  title: string;
  category: Category;
  tag: string;
  organizer: string;
  location: string;
  description: string;
  startAt: string;
  endAt: string;
  signupStartAt: string;
  signupEndAt: string;
  cancelDeadlineAt: string;
  capacity: number;
  waitlistEnabled: boolean;
  credits: number;
  status: EventStatus;
  /** capacity minus confirmed registrations; never below zero. */
  seatsLeft: number;
  /** registrations currently waiting. */
  waitlistCount: number;
  /** last waitlist ticket handed out; only grows, so it orders the waitlist fairly. */
  waitlistSeq: number;
}

/** What the sign-up and cancel rules read of an event, and all that a sign-up or cancel needs to load. */
export type EventRules = Pick<
  EventRecord,
  | 'id'
  | 'status'
  | 'capacity'
  | 'waitlistEnabled'
  | 'signupStartAt'
  | 'signupEndAt'
  | 'cancelDeadlineAt'
  | 'startAt'
  | 'seatsLeft'
  | 'waitlistCount'
  | 'waitlistSeq'
>;

export interface RegistrationRecord {
  /** deterministic: `${eventId}:${studentNo}`, so one student has at most one registration per event. */
  id: string;
  eventId: string;
  studentNo: string;
  status: RegistrationStatus;
  /** waitlist ticket while (or since) waiting; null for those confirmed straight away. */
  waitlistSeq: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface StudentRecord extends StudentProfile {
  /** WeChat OPENID bound to this roster entry, or null while unbound. */
  openid: string | null;
  /** Keyed hash (HMAC-SHA256) of the ID number's last six characters, when the roster has them; never the digits. */
  secondFactorHash: string | null;
}

/** One change of binding, role or roster: who, when, what. Never edited or deleted. */
export interface AuditRecord {
  id: number;
  at: string;
  /** The acting account's openid, or 'system'. */
  actor: string;
  action: string;
  target: string;
  /** JSON with the details (never a second factor). */
  detail: string;
}

export type AuditDraft = Omit<AuditRecord, 'id'>;

export function registrationId(eventId: string, studentNo: string): string {
  return `${eventId}:${studentNo}`;
}

/** A roster row as imported: everything but the binding, which an import never changes. */
export type RosterEntry = Omit<StudentRecord, 'openid'>;
