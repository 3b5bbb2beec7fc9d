import * as v from 'valibot';
import { CATEGORIES, EVENT_STATUSES, REGISTRATION_STATUSES, ROLES, SIGNUP_MODES } from './enums';
import { CHECKIN_PURPOSES, SCAN_CONFLICTS } from './checkin';

export * from './enums';

/** ISO-8601 instant in UTC, e.g. 2026-03-05T06:00:00.000Z. */
const Instant = v.pipe(v.string(), v.isoTimestamp());

export const EventSummarySchema = v.object({
  id: v.string(),
  title: v.string(),
  category: v.picklist(CATEGORIES),
  /** Sub-kind shown as a tag: 团支部赛道, 学雷锋, 三下乡, 普及培训, ... */
  tag: v.string(),
  organizer: v.string(),
  location: v.string(),
  startAt: Instant,
  endAt: Instant,
  signupStartAt: Instant,
  signupEndAt: Instant,
  cancelDeadlineAt: Instant,
  capacity: v.number(),
  seatsLeft: v.number(),
  waitlistCount: v.number(),
  waitlistEnabled: v.boolean(),
  credits: v.number(),
  status: v.picklist(EVENT_STATUSES),
  /** Who may sign up: empty lists mean everyone (the catalogue card says 仅限医学院). */
  audience: v.object({ colleges: v.array(v.string()), grades: v.array(v.string()), leagueMembersOnly: v.boolean() }),
  /** Sign-ups are applications the organiser approves (the button says 提交申请). */
  approvalRequired: v.boolean(),
  /**
   * The event's own cover picture, when the organiser uploaded one: a short-lived link to the stored file (on
   * CloudBase a temporary cloud storage URL, on the local server `/files/<token>`), good for an hour or more; cards
   * show the artwork of the event's kind when it is null or absent.
   */
  coverUrl: v.optional(v.nullable(v.string())),
  /** 先到先得 or 抽签 (a lottery: students apply during the window, the draw runs after it closes). */
  signupMode: v.picklist(SIGNUP_MODES),
});
export type EventSummary = v.InferOutput<typeof EventSummarySchema>;

/** What a sign-up or cancellation changes about an event: a client merges it into the event it shows. */
export const EventCountersSchema = v.object({
  id: v.string(),
  status: v.picklist(EVENT_STATUSES),
  capacity: v.number(),
  seatsLeft: v.number(),
  waitlistCount: v.number(),
  waitlistEnabled: v.boolean(),
});
export type EventCounters = v.InferOutput<typeof EventCountersSchema>;

export const EventDetailSchema = v.object({
  ...EventSummarySchema.entries,
  description: v.string(),
  /** Check-in rules a student's pass page needs: when codes are accepted and whether check-out is recorded. */
  checkinStartAt: v.string(),
  checkinEndAt: v.string(),
  checkoutEndAt: v.string(),
  checkoutRequired: v.boolean(),
  /** What the kind adds (track and speaker, roles and hours, team sizes, level...); null for older events. */
  details: v.nullable(
    v.variant('kind', [
      v.object({ kind: v.literal('lecture'), track: v.string(), speaker: v.string(), topic: v.string() }),
      v.object({ kind: v.literal('volunteer'), roles: v.array(v.string()), hours: v.number(), recruitment: v.picklist(['open', 'approval', 'interview']) }),
      v.object({ kind: v.literal('practice'), mode: v.string(), teamSizeMin: v.number(), teamSizeMax: v.number(), destination: v.string(), reportDueAt: v.string() }),
      v.object({ kind: v.literal('firstaid'), level: v.string(), assessment: v.boolean() }),
      v.object({ kind: v.literal('theme'), theme: v.string() }),
    ]),
  ),
  /**
   * How attendance is credited, for the student to read: a fixed amount, or per counted hour (perHour, hundredths)
   * up to a ceiling (cap, hundredths); where hours are recorded, a stay under minStayRatio of the event counts none.
   */
  creditRule: v.object({
    kind: v.picklist(['fixed', 'per_hour', 'none']),
    perHour: v.nullable(v.number()),
    cap: v.nullable(v.number()),
    minStayRatio: v.number(),
  }),
});
export type EventDetail = v.InferOutput<typeof EventDetailSchema>;

export const MyRegistrationSchema = v.object({
  id: v.string(),
  eventId: v.string(),
  status: v.picklist(REGISTRATION_STATUSES),
  /** 1-based place among those still waiting; null unless waitlisted. */
  waitlistPosition: v.nullable(v.number()),
  createdAt: Instant,
  updatedAt: Instant,
});
export type MyRegistration = v.InferOutput<typeof MyRegistrationSchema>;

export const StudentProfileSchema = v.object({
  studentNo: v.string(),
  name: v.string(),
  college: v.string(),
  className: v.string(),
  branch: v.string(),
  grade: v.string(),
  isLeagueMember: v.boolean(),
});
export type StudentProfile = v.InferOutput<typeof StudentProfileSchema>;

/** A role held by an account: `scope` is the branch (branch_officer) or college (college_officer) it covers. */
export const RoleGrantSchema = v.object({
  role: v.picklist(ROLES),
  scope: v.string(),
});
export type RoleGrantView = v.InferOutput<typeof RoleGrantSchema>;

/** A member as an officer sees them: the profile and whether a WeChat account is bound. */
export const MemberSchema = v.object({
  ...StudentProfileSchema.entries,
  bound: v.boolean(),
});
export type Member = v.InferOutput<typeof MemberSchema>;

export const AuditEntrySchema = v.object({
  id: v.number(),
  at: v.string(),
  actor: v.string(),
  action: v.string(),
  target: v.string(),
  detail: v.string(),
});
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;

/** One identity the local demo lets a tester act as (X-Demo-User: `id`). */
export const DemoUserSchema = v.object({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  kind: v.picklist(['student', 'officer', 'admin', 'unbound']),
});
export type DemoUser = v.InferOutput<typeof DemoUserSchema>;

/** An event as its check-in staff see it: times and rules of check-in. */
export const CheckinEventSchema = v.object({
  id: v.string(),
  title: v.string(),
  category: v.picklist(CATEGORIES),
  tag: v.string(),
  organizer: v.string(),
  location: v.string(),
  status: v.picklist(EVENT_STATUSES),
  startAt: v.string(),
  endAt: v.string(),
  checkinStartAt: v.string(),
  checkinEndAt: v.string(),
  checkoutEndAt: v.string(),
  checkoutRequired: v.boolean(),
  minStayRatio: v.number(),
  allowWalkIns: v.boolean(),
  /** Event-code check-in only within this radius of the venue, when set. */
  geofence: v.nullable(v.object({ lat: v.number(), lng: v.number(), radiusM: v.number() })),
});
export type CheckinEvent = v.InferOutput<typeof CheckinEventSchema>;

export const AttendanceCountsSchema = v.object({ registered: v.number(), checkedIn: v.number(), checkedOut: v.number() });
export type AttendanceCountsView = v.InferOutput<typeof AttendanceCountsSchema>;

export const ScanMemberSchema = v.object({ studentNo: v.string(), name: v.string(), className: v.string() });

/** The answer to one scan: what the scanner shows in large type (label), and why (message). */
export const ScanResultSchema = v.object({
  scanId: v.string(),
  status: v.picklist(['recorded', 'already', 'refused']),
  /** This scan id had been processed before (a retry, or a batch uploaded twice): nothing was written now. */
  duplicate: v.boolean(),
  purpose: v.picklist(CHECKIN_PURPOSES),
  code: v.nullable(v.string()),
  label: v.string(),
  message: v.string(),
  member: v.nullable(ScanMemberSchema),
  /** The attendance time on record (for already: the first scan's). */
  at: v.nullable(v.string()),
  conflict: v.nullable(v.picklist(SCAN_CONFLICTS)),
});
export type ScanResult = v.InferOutput<typeof ScanResultSchema>;

export const AttendanceRowSchema = v.object({
  studentNo: v.string(),
  name: v.string(),
  className: v.string(),
  branch: v.string(),
  registration: v.nullable(v.picklist(REGISTRATION_STATUSES)),
  walkIn: v.boolean(),
  state: v.picklist(['absent', 'in', 'out']),
  checkedInAt: v.nullable(v.string()),
  checkedOutAt: v.nullable(v.string()),
  checkinMethod: v.nullable(v.picklist(['member_code', 'event_code', 'manual'])),
  hours: v.number(),
  hoursCounted: v.boolean(),
});
export type AttendanceRow = v.InferOutput<typeof AttendanceRowSchema>;

/** A check-in helper of one event as the organiser sees them: a person, never a bare openid. */
export const CheckinStaffSchema = v.object({
  /** What setCheckinStaff takes back as `account` (the helper's openid): picked and shown, never typed. */
  account: v.string(),
  /** The bound student's name, else the name on the invitation the account accepted (a teacher); null: neither. */
  name: v.nullable(v.string()),
  /** A student's 学号 and 团支部; null for a teacher. */
  studentNo: v.nullable(v.string()),
  branch: v.nullable(v.string()),
});
export type CheckinStaff = v.InferOutput<typeof CheckinStaffSchema>;

/** What an officer's phone downloads to scan with no network. */
export const OfflineMemberSchema = v.object({
  studentNo: v.string(),
  name: v.string(),
  className: v.string(),
  /** Passes with a lower sequence number are revoked. */
  passSeq: v.number(),
  checkedInAt: v.nullable(v.string()),
  checkedOutAt: v.nullable(v.string()),
});
export type OfflineMember = v.InferOutput<typeof OfflineMemberSchema>;

/** Credits in the API are integers in hundredths of a credit (250 = 2.5 学分), so sums are exact. */
export const CreditModuleSchema = v.object({ id: v.string(), name: v.string(), order: v.number(), active: v.boolean() });
export type CreditModuleView = v.InferOutput<typeof CreditModuleSchema>;

export const CreditSettingsSchema = v.object({
  modules: v.array(CreditModuleSchema),
  requirement: v.object({ overallMin: v.number(), perModule: v.record(v.string(), v.number()) }),
  noShow: v.object({ enabled: v.boolean(), threshold: v.number(), module: v.string(), amount: v.number() }),
});
export type CreditSettingsView = v.InferOutput<typeof CreditSettingsSchema>;

export const LedgerEntrySchema = v.object({
  key: v.string(),
  at: v.string(),
  module: v.string(),
  moduleName: v.string(),
  /** Hundredths of a credit; negative for reversals and penalties. */
  amount: v.number(),
  hours: v.number(),
  kind: v.picklist(['award', 'reversal', 'penalty']),
  sourceType: v.picklist(['attendance', 'assessment', 'appeal', 'manual', 'team', 'no_show', 'contest']),
  eventId: v.nullable(v.string()),
  /** The event's title, or a description of the source (e.g. the manual award's reason). */
  title: v.string(),
  rule: v.string(),
  reason: v.nullable(v.string()),
});
export type LedgerEntryView = v.InferOutput<typeof LedgerEntrySchema>;

export const ModuleProgressSchema = v.object({ id: v.string(), name: v.string(), have: v.number(), need: v.number(), met: v.boolean() });
export type ModuleProgressView = v.InferOutput<typeof ModuleProgressSchema>;

export const AppealSchema = v.object({
  id: v.string(),
  eventId: v.string(),
  eventTitle: v.string(),
  studentNo: v.string(),
  name: v.string(),
  className: v.string(),
  note: v.string(),
  status: v.picklist(['pending', 'accepted', 'rejected']),
  createdAt: v.string(),
  decidedAt: v.nullable(v.string()),
  decisionReason: v.nullable(v.string()),
});
export type AppealView = v.InferOutput<typeof AppealSchema>;

export const TranscriptSnapshotSchema = v.object({
  name: v.string(),
  studentNo: v.string(),
  college: v.string(),
  className: v.string(),
  modules: v.array(v.object({ id: v.string(), name: v.string(), amount: v.number() })),
  total: v.number(),
  hours: v.number(),
  requirementMet: v.boolean(),
  timeline: v.nullable(v.array(v.object({ at: v.string(), title: v.string(), module: v.string(), amount: v.number(), hours: v.number() }))),
  ledgerDigest: v.string(),
  /** Who issued it, as the site settings said when it was shared (absent on shares made before they existed). */
  issuer: v.optional(v.object({ schoolName: v.string(), issuerName: v.string() })),
});
export type TranscriptSnapshotView = v.InferOutput<typeof TranscriptSnapshotSchema>;

/** The school as the app names it (the transcript's header, the issuing committee); the committee may change it. */
export const SiteSettingsSchema = v.object({
  /** 湖北职业技术学院 */
  schoolName: v.string(),
  /** 共青团湖北职业技术学院委员会: who issues transcripts (above the seal). */
  issuerName: v.string(),
});
export type SiteSettingsView = v.InferOutput<typeof SiteSettingsSchema>;

export const ShareSchema = v.object({
  shareId: v.string(),
  issuedAt: v.string(),
  revokedAt: v.nullable(v.string()),
  total: v.number(),
  includesTimeline: v.boolean(),
});
export type ShareView = v.InferOutput<typeof ShareSchema>;

export const CreditGroupSchema = v.object({
  /** The college or branch name. */
  group: v.string(),
  college: v.string(),
  students: v.number(),
  studentsWithCredits: v.number(),
  byModule: v.record(v.string(), v.number()),
  total: v.number(),
  /** Average per student, hundredths. */
  average: v.number(),
  /** Students meeting the graduation requirement. */
  metRequirement: v.number(),
  hours: v.number(),
});
export type CreditGroupView = v.InferOutput<typeof CreditGroupSchema>;
