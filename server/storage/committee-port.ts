import type {
  AuditDraft,
  EventRecord,
  OutboxMessage,
  NotificationKind,
  PlanSettings,
  RegistrationRecord,
  StudentRecord,
  TeamRecord,
} from '../../core';
import type { Category } from '../../types';

/**
 * The committee's tools (issue 6): publishing, approval of applications, social-practice teams, the notification
 * outbox and consents, the dashboard's aggregates, and exports. Part of StoragePort (port.ts extends it); one
 * contract suite (tests/contract/committee-contract.ts) runs against every adapter. Refusals are ApiError, thrown
 * before any write.
 */

/** The fields an organiser edits: everything but id, counters, status and check-in staff. */
export type EditableEventFields = Omit<
  EventRecord,
  'id' | 'status' | 'seatsLeft' | 'waitlistCount' | 'waitlistSeq' | 'checkedInCount' | 'checkedOutCount' | 'staffOpenids' | 'createdBy' | 'cancelReason'
>;

export interface DashboardAggregates {
  /** Students on the roster (of the college, when filtered). */
  students: number;
  /** By category and Shanghai month (1–12) of the event's start, over events starting in [from, to). */
  byCategoryMonth: Array<{ category: Category; month: number; events: number; registrations: number; attendances: number }>;
  /** Distinct students with a confirmed registration of a social-practice event in range. */
  practiceStudents: number;
  byCollege: Array<{ college: string; students: number; registrations: number; attendances: number; practiceStudents: number }>;
  byBranch: Array<{ branch: string; college: string; students: number; registrations: number; attendances: number }>;
}

export interface RegistrationExportRow {
  registration: RegistrationRecord;
  student: StudentRecord;
  eventTitle: string;
  eventStartAt: string;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

export interface CommitteeStoragePort {
  // Publishing
  /** Creates an event (status draft or published) with zeroed counters; ApiError INVALID_INPUT if the id exists. */
  createEvent(event: EventRecord, audit: AuditDraft): Promise<EventRecord>;
  /**
   * Edits the organiser's fields atomically, keeping every counter. A capacity change moves seatsLeft by the same
   * delta; below the confirmed count → CAPACITY_BELOW_CONFIRMED. A cancelled event → EVENT_CANCELLED. NOT_FOUND.
   */
  updateEventFields(eventId: string, fields: EditableEventFields, audit: AuditDraft): Promise<EventRecord>;
  /**
   * Moves an event along its lifecycle (mayTransition / statusAfter, core/publishing) atomically; the
   * reason is kept for a cancellation. STATUS_CHANGE_NOT_ALLOWED when the transition is not allowed; NOT_FOUND.
   */
  changeEventStatus(eventId: string, action: 'publish' | 'close' | 'reopen' | 'cancel', reason: string | null, audit: AuditDraft): Promise<EventRecord>;
  /** The event's registrations with these statuses, by creation time. */
  listRegistrationsOfEvent(eventId: string, statuses: RegistrationRecord['status'][]): Promise<RegistrationRecord[]>;
  /**
   * Approves (a seat: confirmed, seatsLeft − 1; EVENT_FULL when none is left) or rejects (cancelled) a pending
   * application, atomically with its audit entry. NOT_PENDING if the registration is not pending.
   */
  decideApplication(eventId: string, studentNo: string, approve: boolean, now: Date, audit: AuditDraft): Promise<{ registration: RegistrationRecord; event: EventRecord }>;

  // Social-practice teams (rules: core/teams)
  /** Creates a team; TEAM_ALREADY_IN_ONE if the leader is in a team of that event. The join code must be unused. */
  createTeam(team: TeamRecord): Promise<TeamRecord>;
  getTeam(teamId: string): Promise<TeamRecord | null>;
  findTeamByJoinCode(joinCode: string): Promise<TeamRecord | null>;
  teamOfStudent(eventId: string, studentNo: string): Promise<TeamRecord | null>;
  listTeams(filter: { eventId?: string; status?: TeamRecord['status']; studentNo?: string }): Promise<TeamRecord[]>;
  /** decideJoin inside the transaction; NOT_FOUND for an unknown code (TEAM_CODE_INVALID). */
  joinTeam(joinCode: string, studentNo: string, now: Date): Promise<TeamRecord>;
  leaveTeam(teamId: string, studentNo: string, now: Date): Promise<TeamRecord>;
  /** Leader only (TEAM_NOT_LEADER); name, project, mentor. */
  updateTeam(teamId: string, by: string, patch: Partial<Pick<TeamRecord, 'name' | 'project' | 'mentor'>>, now: Date): Promise<TeamRecord>;
  /**
   * The team signs up as one unit, atomically: decideTeamSignup; the event must take sign-ups (decideSignup's
   * window and status rules); every member gets a confirmed registration (one already confirmed keeps theirs), and
   * seatsLeft drops by the number of new ones (EVENT_FULL if there are not enough seats); status signed_up.
   */
  signUpTeam(teamId: string, by: string, now: Date): Promise<TeamRecord>;
  submitTeamReport(teamId: string, by: string, report: Omit<NonNullable<TeamRecord['report']>, 'submittedAt'>, now: Date): Promise<TeamRecord>;
  /** approved or returned (with the reason), with its audit entry. TEAM_NOT_SUBMITTED unless report_submitted. */
  reviewTeam(teamId: string, approve: boolean, by: string, reason: string, now: Date, audit: AuditDraft): Promise<TeamRecord>;

  // Notifications: the outbox is keyed by reason (outboxKey); consents are one message each.
  /** Inserts the messages whose key is not in the outbox yet; answers how many were new. */
  enqueueNotifications(messages: OutboxMessage[]): Promise<number>;
  /** Pending messages due at `now` (nextAttemptAt ≤ now), the nearest deadline first (then by key). */
  dueNotifications(now: Date, limit: number): Promise<OutboxMessage[]>;
  /** How many pending messages are due at `now` (what a run that ran out of time leaves for the next). */
  countDueNotifications(now: Date): Promise<number>;
  /** Marks these messages skipped with the reason, in bulk; only those still pending change. */
  skipNotifications(keys: readonly string[], reason: string): Promise<void>;
  /** Remaining consents for each (student, kind), keyed `<studentNo>:<kind>`; 0 when none was ever given. */
  consentsLeft(pairs: ReadonlyArray<{ studentNo: string; kind: NotificationKind }>): Promise<Map<string, number>>;
  /** Replaces a message's status fields (after a try). */
  saveNotification(message: OutboxMessage): Promise<void>;
  /** Newest first; optionally only one status and / or one event's messages. */
  listOutbox(filter: { status?: OutboxMessage['status']; eventId?: string; limit: number }): Promise<OutboxMessage[]>;
  addConsent(studentNo: string, kind: NotificationKind, accepted: number): Promise<number>;
  /** Uses one consent atomically; false when none is left. */
  consumeConsent(studentNo: string, kind: NotificationKind): Promise<boolean>;
  consents(studentNo: string): Promise<Record<NotificationKind, number>>;

  // Dashboard and plan
  /** Aggregates for the dashboard in one pass per table; must answer in well under a second for 200,000 registrations. */
  dashboardAggregates(from: Date, to: Date, college: string | null): Promise<DashboardAggregates>;
  planSettings(): Promise<PlanSettings>;
  putPlanSettings(settings: PlanSettings, audit: AuditDraft): Promise<void>;

  // Exports
  listRegistrationsForExport(filter: { eventId?: string; college?: string; branch?: string }): Promise<RegistrationExportRow[]>;
  /** Events whose sign-up window has ended but that are still published (the timer closes them). */
  listEventsToClose(now: Date): Promise<EventRecord[]>;
  /** Published or closed events starting in (now, now + leadMs]: reminders are due (see reminderDue). */
  listEventsStartingWithin(now: Date, leadMs: number): Promise<EventRecord[]>;
}
