import type Database from 'better-sqlite3';
import {
  DEFAULT_PLAN_ITEMS,
  DEFAULT_TARGETS,
  NOTIFICATION_KINDS,
  type EventRecord,
  type NotificationKind,
  type OutboxMessage,
  type PlanSettings,
  type RegistrationRecord,
  type TeamRecord,
} from '../../../core';
import type { RegistrationExportRow } from '../ports';
import {
  eventFromRow,
  outboxFromRow,
  registrationFromRow,
  studentFromRow,
  teamFromRow,
  type EventRow,
  type OutboxRow,
  type RegistrationRow,
  type StudentRow,
  type TeamRow,
} from './rows';

type ExportRow = StudentRow & {
  event_id: string; status: string; waitlist_seq: number | null; pass_seq: number; created_at: string; updated_at: string;
  event_title: string; event_start_at: string; checked_in_at: string | null; checked_out_at: string | null;
};

/** The committee's reads (issue 6) on the main connection: plain statements, outside the group commit. */
export class SqliteCommitteeReads {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      // Registrations are keyed (student, event) with no index by event for confirmed rows (a confirmed sign-up
      // writes one B-tree), so an event's list reads the table through: an organiser's page, like the attendance list.
      registrationsOfEvent: db.prepare<[{ eventId: string; statuses: string }], RegistrationRow>(
        `SELECT * FROM registrations
          WHERE event_id = @eventId AND status IN (SELECT value FROM json_each(@statuses))
          ORDER BY created_at, student_no`,
      ),
      team: db.prepare<[string], TeamRow>('SELECT * FROM teams WHERE id = ?'),
      teamByCode: db.prepare<[string], TeamRow>('SELECT * FROM teams WHERE join_code = ?'),
      teamOfStudent: db.prepare<[string, string], TeamRow>(
        `SELECT t.* FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.event_id = ? AND m.student_no = ?`,
      ),
      members: db.prepare<[string], string>('SELECT student_no FROM team_members WHERE team_id = ? ORDER BY position').pluck(),
      teams: db.prepare<[{ eventId: string | null; status: string | null; studentNo: string | null }], TeamRow>(
        `SELECT t.* FROM teams t
          WHERE (@eventId IS NULL OR t.event_id = @eventId)
            AND (@status IS NULL OR t.status = @status)
            AND (@studentNo IS NULL OR EXISTS (
                  SELECT 1 FROM team_members m WHERE m.student_no = @studentNo AND m.team_id = t.id))
          ORDER BY t.created_at, t.id`,
      ),
      due: db.prepare<[string, number], OutboxRow>(
        `SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY deadline_at, key LIMIT ?`,
      ),
      countDue: db.prepare<[string], number>(`SELECT count(*) FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?`).pluck(),
      outbox: db.prepare<[{ status: string | null; eventId: string | null; limit: number }], OutboxRow>(
        `SELECT * FROM outbox WHERE (@status IS NULL OR status = @status) AND (@eventId IS NULL OR event_id = @eventId)
          ORDER BY created_at DESC, key DESC LIMIT @limit`,
      ),
      consents: db.prepare<[string], { kind: string; remaining: number }>('SELECT kind, remaining FROM consents WHERE student_no = ?'),
      consentOf: db.prepare<[string, string], number>('SELECT max(remaining, 0) FROM consents WHERE student_no = ? AND kind = ?').pluck(),
      plan: db.prepare<[], string>('SELECT settings FROM plan_settings WHERE id = 1').pluck(),
      export: db.prepare<[{ eventId: string | null; college: string | null; branch: string | null }], ExportRow>(
        `SELECT s.*, r.event_id, r.status, r.waitlist_seq, r.pass_seq, r.created_at, r.updated_at,
                e.title AS event_title, e.start_at AS event_start_at, a.checked_in_at, a.checked_out_at
           FROM registrations r
           JOIN students s ON s.student_no = r.student_no
           JOIN events e ON e.id = r.event_id
           LEFT JOIN attendance a ON a.event_id = r.event_id AND a.student_no = r.student_no
          WHERE (@eventId IS NULL OR r.event_id = @eventId)
            AND (@college IS NULL OR s.college = @college)
            AND (@branch IS NULL OR s.branch = @branch)
          ORDER BY e.start_at, r.event_id, r.student_no`,
      ),
      toClose: db.prepare<[string], EventRow>(
        `SELECT * FROM events WHERE status = 'published' AND signup_end_at <= ? ORDER BY signup_end_at, id`,
      ),
      startingWithin: db.prepare<[string, string], EventRow>(
        `SELECT * FROM events WHERE status IN ('published', 'closed') AND start_at > ? AND start_at <= ? ORDER BY start_at, id`,
      ),
    };
  }

  listRegistrationsOfEvent(eventId: string, statuses: RegistrationRecord['status'][]): RegistrationRecord[] {
    if (statuses.length === 0) return [];
    return this.q.registrationsOfEvent.all({ eventId, statuses: JSON.stringify(statuses) }).map(registrationFromRow);
  }

  getTeam(teamId: string): TeamRecord | null {
    return this.teamFrom(this.q.team.get(teamId));
  }

  findTeamByJoinCode(joinCode: string): TeamRecord | null {
    return this.teamFrom(this.q.teamByCode.get(joinCode));
  }

  teamOfStudent(eventId: string, studentNo: string): TeamRecord | null {
    return this.teamFrom(this.q.teamOfStudent.get(eventId, studentNo));
  }

  listTeams(filter: { eventId?: string; status?: TeamRecord['status']; studentNo?: string }): TeamRecord[] {
    return this.q.teams
      .all({ eventId: filter.eventId ?? null, status: filter.status ?? null, studentNo: filter.studentNo ?? null })
      .map((row) => teamFromRow(row, this.q.members.all(row.id)));
  }

  dueNotifications(now: Date, limit: number): OutboxMessage[] {
    return this.q.due.all(now.toISOString(), limit).map(outboxFromRow);
  }

  countDueNotifications(now: Date): number {
    return this.q.countDue.get(now.toISOString()) ?? 0;
  }

  listOutbox(filter: { status?: OutboxMessage['status']; eventId?: string; limit: number }): OutboxMessage[] {
    return this.q.outbox.all({ status: filter.status ?? null, eventId: filter.eventId ?? null, limit: filter.limit }).map(outboxFromRow);
  }

  consentsLeft(pairs: ReadonlyArray<{ studentNo: string; kind: NotificationKind }>): Map<string, number> {
    const out = new Map<string, number>();
    for (const p of pairs) out.set(`${p.studentNo}:${p.kind}`, this.q.consentOf.get(p.studentNo, p.kind) ?? 0);
    return out;
  }

  consents(studentNo: string): Record<NotificationKind, number> {
    const out = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, 0])) as Record<NotificationKind, number>;
    for (const r of this.q.consents.all(studentNo)) out[r.kind as NotificationKind] = r.remaining;
    return out;
  }

  /** The stored plan, or a copy of the defaults (through JSON: a caller that edits what it got changes nothing). */
  planSettings(): PlanSettings {
    const stored = this.q.plan.get();
    return JSON.parse(stored ?? JSON.stringify({ targets: DEFAULT_TARGETS, planItems: DEFAULT_PLAN_ITEMS })) as PlanSettings;
  }

  /** Registrations of every status, by the event's start, the event and the student number. */
  listRegistrationsForExport(filter: { eventId?: string; college?: string; branch?: string }): RegistrationExportRow[] {
    const rows = this.q.export.all({ eventId: filter.eventId ?? null, college: filter.college ?? null, branch: filter.branch ?? null });
    return rows.map((r) => ({
      registration: registrationFromRow(r),
      student: studentFromRow(r),
      eventTitle: r.event_title,
      eventStartAt: r.event_start_at,
      checkedInAt: r.checked_in_at,
      checkedOutAt: r.checked_out_at,
    }));
  }

  listEventsToClose(now: Date): EventRecord[] {
    return this.q.toClose.all(now.toISOString()).map(eventFromRow);
  }

  listEventsStartingWithin(now: Date, leadMs: number): EventRecord[] {
    return this.q.startingWithin.all(now.toISOString(), new Date(now.getTime() + leadMs).toISOString()).map(eventFromRow);
  }

  private teamFrom(row: TeamRow | undefined): TeamRecord | null {
    return row ? teamFromRow(row, this.q.members.all(row.id)) : null;
  }
}
