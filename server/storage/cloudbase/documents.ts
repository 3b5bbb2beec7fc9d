import type { ErrorCode } from '../../../types';
import { defaultCheckinSettings, defaultCreditRule, EVERYONE, toEventListing } from '../../../core';
import type {
  Audience,
  AttendanceRecord,
  AuditDraft,
  AuditRecord,
  CheckinMethod,
  EventCreditRule,
  EventListing,
  EventRecord,
  KindDetails,
  LotteryPublic,
  PriorityRule,
  RegistrationLottery,
  RegistrationRecord,
  StudentRecord,
} from '../../../core';
import type { WxDoc } from './wx-db';

/**
 * The collections, and documents ↔ domain records for those several areas share (events, registrations, students,
 * attendance, the audit log); a collection only one area reads has its mapping next to that area (accounts.ts,
 * checkin.ts, credits-documents.ts, teams.ts, notifications.ts). Field names are the domain's (camelCase); the record
 * id lives in `_id` only: students by student number, events by event id, registrations by `${eventId}:${studentNo}`.
 * Instants stay ISO strings, as in the domain, so they sort and compare as text in queries.
 *
 * Identity:
 * - `accounts`: `_id` = openid, `{ studentNo, boundAt }`, written with the student's `openid` in one transaction.
 *   Its key is what makes "one student per account" hold without a unique index (students carry the binding too,
 *   and stay the source of truth: an `accounts` document whose student no longer names this openid is stale).
 * - `bindAttempts`: `_id` = openid, `{ failures, lockedUntil }`.
 * - `roleGrants`: `_id` = `${openid}:${role}:${scope}`, `{ openid, role, scope, grantedBy, grantedAt }`.
 * - `roleInvitations`: `_id` = the code's SHA-256, `{ id, role, scope, inviteeName, createdBy, createdAt, expiresAt,
 *   acceptedBy, acceptedAt, revokedAt }` (core/invitations.ts); accepting reads and writes it by `_id` in the
 *   transaction that also writes the role grant and the audit entry.
 * - `auditLog`: `_id` chosen by the database, `{ id, at, actor, action, target, detail }`; `id` is a number
 *   (Date.parse(at) · 1000 + a per-container sequence), see the kit's addAudit (kit.ts).
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
 *
 * Credits:
 * - `events` carry `creditRule`; documents written before credits existed read with defaultCreditRule(category,
 *   credits).
 * - `ledger`: `_id` = the entry's key (unique by construction), every other field of LedgerEntry, and `seq` (a number
 *   that grows in the order entries are written, see credits.ts). Append-only.
 * - `ledgerHeads`: `_id` = a source's base key, `{ studentNo, entries }`: a copy of every entry of that source (its
 *   awards and their reversals, usually one or two). Entries never change, so the copy never goes stale; it is what
 *   a settlement reads (one document by id, inside its transaction) instead of querying the ledger.
 * - `appeals`: `_id` = `${eventId}:${studentNo}`, every other field of AppealRecord.
 * - `transcriptShares`: `_id` = the code's hash, every other field of TranscriptShare (the snapshot as an object).
 * - `rateLimits`: `_id` = SHA-256 of `${key}|${windowStart}`, `{ key, windowStart, count }`.
 * - `settings`: `_id` = 'credits', `{ modules, requirement, noShow }`.
 *
 * The committee's tools (issue 6):
 * - `events` carry `details, audience, approvalRequired, createdBy, updatedAt, cancelReason`. Documents written
 *   before read with details null, audience everyone, approvalRequired false, createdBy 'system', cancelReason null
 *   and updatedAt the event's sign-up start (by then it surely existed: its own best guess, as SQLite's migration 006).
 * - `registrations` may be `pending` (an application to an event that requires approval: no seat, no ticket).
 * - `teams`: `_id` = the team id, every other field of TeamRecord.
 * - `teamMembers`: `_id` = `${eventId}:${studentNo}`, `{ teamId, eventId, studentNo }`: the lock that makes "one team
 *   per student per event" hold; written and removed in the same transaction as the team's `members`.
 * - `teamCodes`: `_id` = the join code, `{ teamId, eventId }`: the code's owner (codes are never reused).
 * - `outbox`: `_id` = the message's key (`<kind>:<eventId>:<studentNo>`, the reason), every other field of
 *   OutboxMessage: the key makes "never twice for the same reason" hold without a unique index.
 * - `consents`: `_id` = `${studentNo}:${kind}`, `{ studentNo, kind, remaining }`.
 * - `settings`: `_id` = 'plan', `{ targets, planItems }`.
 *
 * Bulk work and files (issue 17):
 * - `creditTotals`: `_id` = the student number, `{ studentNo, modules: [{ module, amount, hoursTenths }], v }`: the
 *   sums of the student's ledger, written in the same transaction as the entries (`v` grows with every write).
 * - `uploads`: `_id` = the upload id, every other field of UploadSession; `uploadParts`: `_id` = `${uploadId}:${index}`,
 *   `{ uploadId, index, data }` (the part's bytes as base64, up to 64 KB of text).
 * - `jobs`: `_id` = the job id, every other field of JobRecord; `jobChunks`: `_id` = `${jobId}:${index}`, `{ jobId,
 *   index, rows }` (a chunk's validated rows).
 * - `files`: `_id` = our file id, `{ cloudFileId, name, contentType, size, sha256, purpose, owner, createdAt, expiresAt }`:
 *   the record of a file kept in cloud storage (server/storage/cloudbase/file-store.ts).
 *
 * Fair seats (issue 16):
 * - `events` carry `signupMode` ('first_come' when missing), `lotteryPriority` ([] when missing) and `lottery` (the
 *   lottery's public side, null when missing).
 * - `registrations` may be `applied` (a lottery application) and carry `lotteryWeight`, and from the draw on
 *   `lotteryPseudonym` and `drawRank` (top-level fields: queries reach them without dotted paths).
 * - `lotteries`: `_id` = the event id, `{ seed, pseudonymKey, commitment, committedAt }`: the secrets (lottery.ts).
 * - `leaveRequests`: `_id` = `${eventId}:${studentNo}`, every other field of LeaveRecord.
 * - `noShowMarks`: `_id` = `${eventId}:${studentNo}`, every field of NoShowMark; `signupBlocks`: `_id` = the student
 *   number, every field of SignupBlock; `settings`: `_id` = 'conduct', the BlockRule (conduct.ts).
 * - `follows`: `_id` = `${studentNo}:${topic}`, `{ studentNo, topic, createdAt }`; `followAlerts`: `_id` = the event
 *   id, `{ queuedAt, queued }` (follows.ts).
 * 百生讲坛 and the lecturer team (server/storage/cloudbase/contest.ts):
 * - `contestRounds`: `_id` = the round id, every other field of ContestRound (sheet, judges, assignments and results
 *   as nested values) and `judgeOpenids` (the judges' accounts, queried for "the rounds I judge").
 * - `contestEntries`: `_id` = `<roundId>.<track>.<key>` (one per entrant, track and round), every other field.
 * - `contestScores`: `_id` = `<entryId>:<judge openid>` (one per entry and judge), every other field of ContestScore.
 * - `lecturers`: `_id` = `<year>:<openid>`, every field of Lecturer; `lecturerTalks`: `_id` = the talk id.
 * At home in WeChat (issue 15):
 * - `posterCodes`: `_id` = the event id, `{ scene, kind, target, fileId, createdAt }`: the event's 小程序码, generated
 *   once (the PNG in cloud storage, its record in `files`); an alias scene is found by a query on `scene`.
 * - `dataRequests`: `_id` = the student number, `{ id, openid, status, note, createdAt, completedAt, completedBy,
 *   reply, erased }`: the student's latest request to delete their personal information (one at a time, so its key
 *   is the student); found by its public `id` with a query.
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
  ledger: 'ledger',
  ledgerHeads: 'ledgerHeads',
  appeals: 'appeals',
  transcriptShares: 'transcriptShares',
  rateLimits: 'rateLimits',
  settings: 'settings',
  teams: 'teams',
  teamMembers: 'teamMembers',
  teamCodes: 'teamCodes',
  outbox: 'outbox',
  consents: 'consents',
  creditTotals: 'creditTotals',
  uploads: 'uploads',
  uploadParts: 'uploadParts',
  jobs: 'jobs',
  jobChunks: 'jobChunks',
  files: 'files',
  roleInvitations: 'roleInvitations',
  lotteries: 'lotteries',
  leaveRequests: 'leaveRequests',
  noShowMarks: 'noShowMarks',
  signupBlocks: 'signupBlocks',
  follows: 'follows',
  followAlerts: 'followAlerts',
  contestRounds: 'contestRounds',
  contestEntries: 'contestEntries',
  contestScores: 'contestScores',
  lecturers: 'lecturers',
  lecturerTalks: 'lecturerTalks',
  posterCodes: 'posterCodes',
  dataRequests: 'dataRequests',
} as const;

/** The `settings` document that holds the committee's PlanSettings (yearly targets and monthly schedule). */
export const PLAN_SETTINGS_ID = 'plan';

/** The `settings` document that holds the committee's CreditSettings. */
export const CREDIT_SETTINGS_ID = 'credits';

/** The `settings` document that holds the SiteSettings (the school's names on transcripts). */
export const SITE_SETTINGS_ID = 'site';

export type EventDoc = Omit<EventRecord, 'id'> & { _id: string };
export type RegistrationDoc = Omit<RegistrationRecord, 'id' | 'lottery'> & { _id: string; lotteryWeight?: number; lotteryPseudonym?: string | null; drawRank?: number | null };
export type StudentDoc = StudentRecord & { _id: string };

export function eventToDoc(e: EventRecord): EventDoc {
  const { id, ...rest } = e;
  return { _id: id, ...rest };
}

/**
 * An event document read with the listing's projection (EVENT_LISTING_FIELDS) as its listing: every listed field is
 * mapped as eventFromDoc maps it (its defaults for documents from before depend on listed fields only); nothing else
 * is answered, so no default stands in for a field that was not read.
 */
export function eventListingFromDoc(d: WxDoc): EventListing {
  return toEventListing(eventFromDoc(d));
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
    creditRule: creditRuleFromDoc(d),
    ...publishingFieldsFromDoc(d),
    // Fair seats (issue 16): documents from before are first come, first served.
    signupMode: d.signupMode === 'lottery' ? 'lottery' : 'first_come',
    lotteryPriority: Array.isArray(d.lotteryPriority) ? (d.lotteryPriority as PriorityRule[]) : [],
    lottery: d.lottery && typeof d.lottery === 'object' ? (d.lottery as LotteryPublic) : null,
  };
}

/** The publishing part of an event document (issue 6); documents from before get what they implied. */
function publishingFieldsFromDoc(
  d: WxDoc,
): Pick<EventRecord, 'details' | 'audience' | 'approvalRequired' | 'createdBy' | 'updatedAt' | 'cancelReason' | 'coverFileId'> {
  const details = d.details as KindDetails | null | undefined;
  const audience = d.audience as Partial<Audience> | null | undefined;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);
  return {
    details: details && typeof details === 'object' && typeof details.kind === 'string' ? details : null,
    audience:
      audience && typeof audience === 'object'
        ? { colleges: strings(audience.colleges), grades: strings(audience.grades), leagueMembersOnly: audience.leagueMembersOnly === true }
        : { ...EVERYONE, colleges: [], grades: [] },
    approvalRequired: d.approvalRequired === true,
    createdBy: typeof d.createdBy === 'string' ? d.createdBy : 'system',
    // Before publishing existed nothing recorded edits: by its sign-up start the event surely existed.
    updatedAt: typeof d.updatedAt === 'string' ? d.updatedAt : (d.signupStartAt as string),
    cancelReason: typeof d.cancelReason === 'string' ? d.cancelReason : null,
    // Events from before covers have none (the kind's artwork).
    coverFileId: typeof d.coverFileId === 'string' ? d.coverFileId : null,
  };
}

/** The event's credit rule; documents written before credits existed get the default of their category and credits. */
function creditRuleFromDoc(d: WxDoc): EventCreditRule {
  const rule = d.creditRule as EventCreditRule | undefined;
  if (rule && typeof rule === 'object' && rule.base && typeof rule.base.kind === 'string') {
    return { base: rule.base, assessmentBonus: rule.assessmentBonus ?? null };
  }
  return defaultCreditRule(d.category as string, typeof d.credits === 'number' ? d.credits : 0);
}

/** The check-in part of an event document; documents from before check-in existed get the defaults. */
function checkinFieldsFromDoc(
  d: WxDoc,
): Omit<
  EventRecord,
  keyof EventRecordBeforeCheckin | 'creditRule' | 'details' | 'audience' | 'approvalRequired' | 'createdBy' | 'updatedAt' | 'cancelReason' | 'signupMode' | 'lotteryPriority' | 'lottery' | 'coverFileId'
> {
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
  // `placed` is written by the drainer alone, as placedPosition and placedAt (signup-queue.ts). A lottery
  // application's fields sit at the top level, so queries reach them without dotted paths.
  const { id, placed: _placed, lottery, ...rest } = r;
  return { _id: id, ...rest, ...(lottery ? { lotteryWeight: lottery.weight, lotteryPseudonym: lottery.pseudonym, drawRank: lottery.rank } : {}) };
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
    ...(typeof d.lotteryWeight === 'number' ? { lottery: registrationLotteryFromDoc(d) } : {}),
    // Only while queued, and only for a sign-up refused when placed: the record has them nowhere else.
    ...(d.status === 'queued' && typeof d.queuedAt === 'string' ? { queuedAt: d.queuedAt } : {}),
    ...(d.status === 'cancelled' && typeof d.refusal === 'string' ? { refusal: d.refusal as ErrorCode } : {}),
    ...(d.status === 'waitlisted' && typeof d.placedPosition === 'number' && typeof d.placedAt === 'string'
      ? { placed: { position: d.placedPosition, at: d.placedAt } }
      : {}),
  };
}

function registrationLotteryFromDoc(d: WxDoc): RegistrationLottery {
  return {
    weight: d.lotteryWeight as number,
    pseudonym: typeof d.lotteryPseudonym === 'string' ? d.lotteryPseudonym : null,
    rank: typeof d.drawRank === 'number' ? d.drawRank : null,
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

/** A document body without `_id`, as `doc(id).set/update` want it (the SDK refuses to write `_id`). */
export function withoutId<T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}
