import type { Category, ErrorCode, EventStatus, RegistrationStatus, StudentProfile } from '../types';
// Leaf modules only, never the area indexes: records are what every area builds on, so they must not reach back
// through an index into the areas (checkin/staff needs identity, which needs records).
import type { AttendanceRecord, CheckinRules, ScanRefusal } from './checkin/attendance';
import type { EventHost } from './checkin/event-host';
import type { MemberCodeRefusal } from './checkin/member-code';
import type { EventCreditRule } from './credits/rules';
import type { Audience, KindDetails } from './publishing/details';
import type { LotteryPublic, SignupMode } from './lottery/terms';
import type { PriorityRule } from './lottery/priority';

/** What the storage keeps of an event. Counters are kept on the event so a sign-up never counts rows. */
export interface EventRecord extends Omit<CheckinRules, 'id' | 'status' | 'startAt' | 'endAt'>, EventHost {
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
  /** Optional venue for event-code (正扫) check-in: students must be within radiusM metres. */
  geofence: { lat: number; lng: number; radiusM: number } | null;
  /** Members checked in / checked out (kept on the event so a scan never counts rows). */
  checkedInCount: number;
  checkedOutCount: number;
  /** What attendance earns (defaultCreditRule from category and credits unless the organiser set one). */
  creditRule: EventCreditRule;
  /** What the kind needs (track and speaker, roles and hours, team sizes, level...); null for events from before. */
  details: KindDetails | null;
  /** Who may sign up (EVERYONE when empty). */
  audience: Audience;
  /** Sign-ups are applications an organiser approves (registration status 'pending' until then). */
  approvalRequired: boolean;
  /** Account that created it ('system' for seeded and older events). */
  createdBy: string;
  updatedAt: string;
  cancelReason: string | null;
  /** 先到先得 ('first_come') or 抽签 ('lottery'): set while a draft, fixed from publishing on. */
  signupMode: SignupMode;
  /** The organiser's priority weights for a lottery, editable while a draft; publishing commits them (lottery.priority). */
  lotteryPriority: PriorityRule[];
  /**
   * A lottery's public side (null for first-come events and for lottery drafts): the commitment and priority rules shown
   * before the window opens, and after the draw the revealed seed and its figures. The secrets (the seed until the
   * draw, the pseudonym key) are kept apart, in the lottery area's own storage.
   */
  lottery: LotteryPublic | null;
  /** The cover picture's file (FileStore id, kept as long as the event has it); null: the kind's artwork. */
  coverFileId: string | null;
}

/**
 * What a list of events shows of each one — the catalogue's cards (EventSummary), the organisers' list (lifecycle,
 * applications, check-ins, last change), the officers' check-in list (its windows, venue, counters) and who hosts it
 * and runs its check-in (the callers' scope) — and so all that a listing reads: the CloudBase adapter projects its
 * queries to these fields (an event's description, details and credit rule stay home; the cards show who may sign up).
 */
export const EVENT_LISTING_FIELDS = [
  'id',
  'title',
  'category',
  'tag',
  'organizer',
  'location',
  'startAt',
  'endAt',
  'signupStartAt',
  'signupEndAt',
  'cancelDeadlineAt',
  'capacity',
  'seatsLeft',
  'waitlistCount',
  'waitlistEnabled',
  'credits',
  'status',
  'approvalRequired',
  'audience',
  'checkedInCount',
  'checkedOutCount',
  'updatedAt',
  'hostKind',
  'hostUnit',
  'hostCollege',
  'staffOpenids',
  'checkinStartAt',
  'checkinEndAt',
  'checkoutEndAt',
  'checkoutRequired',
  'minStayRatio',
  'allowWalkIns',
  'geofence',
  // Fair seats (issue 16): the card says 抽签 and the button 申请抽签.
  'signupMode',
  // 活动管理's 开奖 row shows a drawn lottery's result (applicants, winners) instead of the button.
  'lottery',
  'coverFileId',
] as const satisfies ReadonlyArray<keyof EventRecord>;

export type EventListing = Pick<EventRecord, (typeof EVENT_LISTING_FIELDS)[number]>;

/** The listing's fields of an event (nothing else). */
export function toEventListing(e: EventListing): EventListing {
  const out = {} as Record<string, unknown>;
  for (const field of EVENT_LISTING_FIELDS) out[field] = e[field];
  return out as EventListing;
}

/** Where a page of the catalogue's order (start, then id) ends: the next page starts after this event. */
export interface EventCursor {
  startAt: string;
  id: string;
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
  | 'approvalRequired'
  | 'audience'
  | 'signupMode'
  | 'lottery'
>;

export interface RegistrationRecord {
  /** deterministic: `${eventId}:${studentNo}`, so one student has at most one registration per event. */
  id: string;
  eventId: string;
  studentNo: string;
  status: RegistrationStatus;
  /** waitlist ticket while (or since) waiting; null for those confirmed straight away. */
  waitlistSeq: number | null;
  /** Sequence number of the latest check-in pass issued (0: none); passes with a lower number are revoked. */
  passSeq: number;
  createdAt: string;
  updatedAt: string;
  /** While `queued` (a rush on CloudBase): when the sign-up arrived; its place in the queue follows it. */
  queuedAt?: string;
  /** A queued sign-up refused when placed (EVENT_FULL, EVENT_CANCELLED, SIGNUP_CLOSED): the student's answer. */
  refusal?: ErrorCode;
  /**
   * A queued sign-up placed on the waitlist: its place in line when placed, and when (only while that placement is
   * the registration's latest change). See placedPositionIfFresh.
   */
  placed?: { position: number; at: string };
  /**
   * A lottery application (status 'applied', and after the draw whatever it became): the weight its priority rules
   * gave it when it was made, and from the draw on its pseudonym and 1-based place in the drawn order.
   */
  lottery?: RegistrationLottery;
}

export interface RegistrationLottery {
  weight: number;
  pseudonym: string | null;
  rank: number | null;
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

/** A processed scan, kept so that a retried request or a batch uploaded twice is answered, not applied, again. */
export interface ScanRecord {
  /** The scanning app's nonce for this scan. */
  scanId: string;
  eventId: string;
  studentNo: string;
  purpose: 'in' | 'out';
  /** When the scan happened (the phone's clock for offline scans). */
  scannedAt: string;
  receivedAt: string;
  by: string;
  offline: boolean;
  outcome: ScanOutcome;
}

/** What a scan did: recorded, nothing (already), or refused with a code. */
export interface ScanOutcome {
  status: 'recorded' | 'already' | 'refused';
  code: ScanRefusal | MemberCodeRefusal | null;
  /** The attendance after the scan (what is on record, for already). */
  attendance: AttendanceRecord | null;
}

export interface AttendanceCounts {
  /** Confirmed registrations. */
  registered: number;
  checkedIn: number;
  checkedOut: number;
}

/** One line of an event's attendance list: registered members and walk-ins. */
export interface EventAttendanceRow {
  student: StudentProfile;
  /** Null for a walk-in without any registration. */
  registration: { status: RegistrationStatus; passSeq: number } | null;
  attendance: AttendanceRecord | null;
}
