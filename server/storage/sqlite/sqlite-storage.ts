import Database from 'better-sqlite3';
import { ApiError } from '../../../types';
import {
  countersAfterCancel,
  countersAfterSignup,
  decideCancel,
  decideSignup,
  mayPromote,
  type EventRecord,
  type EventState,
  type RegistrationRecord,
  type StudentRecord,
} from '../../domain';
import type { CancelOutcome, EventFilter, SignupOutcome, StoragePort } from '../port';
import { GroupCommitter } from './group-commit';
import { migrate } from './migrate';
import {
  EVENT_STATE_COLUMNS,
  eventFromRow,
  eventStateFromRow,
  eventToRow,
  registrationFromRow,
  studentFromRow,
  studentToRow,
  type EventRow,
  type EventStateRow,
  type RegistrationRow,
  type StudentRow,
} from './rows';

export interface SqliteOptions {
  /** Database file, or ':memory:' for a throw-away database. */
  file: string;
  /** FULL survives power loss (default); NORMAL survives a killed process but may lose the last commits on an OS crash. */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * The embedded adapter: SQLite through better-sqlite3, WAL, durable commits, writes grouped per event-loop turn.
 * Every sign-up and cancel runs inside one (savepoint of a) transaction opened with BEGIN IMMEDIATE, so they are
 * serialised against other writers, including other processes using the same file.
 */
export class SqliteStorage implements StoragePort {
  readonly db: Database.Database;
  private readonly writer: GroupCommitter;
  private readonly q;

  constructor(options: SqliteOptions) {
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    // A college's whole roster and term fit in memory: a 64 MB page cache and memory-mapped reads keep look-ups
    // (the student of every request, the event of every sign-up) off the read() syscall path.
    this.db.pragma('cache_size = -65536');
    this.db.pragma('mmap_size = 268435456');
    migrate(this.db);
    // Refusals (ApiError) are thrown before a job writes anything: see signUp and cancel.
    this.writer = new GroupCommitter(this.db, { isCleanRefusal: (e) => e instanceof ApiError });
    const db = this.db;
    this.q = {
      studentByOpenid: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE openid = ?'),
      studentByNo: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE student_no = ?'),
      studentNoByOpenid: db.prepare<[string], string>('SELECT student_no FROM students WHERE openid = ?').pluck(),
      hasStudent: db.prepare<[string], number>('SELECT 1 FROM students WHERE student_no = ?').pluck(),
      students: db.prepare<[number], StudentRow>('SELECT * FROM students ORDER BY student_no LIMIT ?'),
      event: db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
      eventState: db.prepare<[string], EventStateRow>(`SELECT ${EVENT_STATE_COLUMNS} FROM events WHERE id = ?`),
      events: db.prepare<[{ category: string | null; keyword: string | null }], EventRow>(
        `SELECT * FROM events
          WHERE (@category IS NULL OR category = @category)
            AND (@keyword IS NULL OR instr(title, @keyword) > 0 OR instr(organizer, @keyword) > 0
                 OR instr(tag, @keyword) > 0 OR instr(location, @keyword) > 0)
          ORDER BY start_at`,
      ),
      registration: db.prepare<[string, string], RegistrationRow>(
        'SELECT * FROM registrations WHERE event_id = ? AND student_no = ?',
      ),
      activeOfStudent: db.prepare<[string], RegistrationRow>(
        "SELECT * FROM registrations WHERE student_no = ? AND status != 'cancelled' ORDER BY created_at DESC",
      ),
      aheadInLine: db.prepare<[string, number], { n: number }>(
        "SELECT count(*) AS n FROM registrations WHERE event_id = ? AND status = 'waitlisted' AND waitlist_seq < ?",
      ),
      line: db.prepare<[string], RegistrationRow>(
        "SELECT * FROM registrations WHERE event_id = ? AND status = 'waitlisted' ORDER BY waitlist_seq",
      ),
      firstInLine: db.prepare<[string], RegistrationRow>(
        "SELECT * FROM registrations WHERE event_id = ? AND status = 'waitlisted' ORDER BY waitlist_seq LIMIT 1",
      ),
      takeSeat: db.prepare<[string]>('UPDATE events SET seats_left = seats_left - 1 WHERE id = ? AND seats_left > 0'),
      setCounters: db.prepare<[number, number, number, string]>(
        'UPDATE events SET seats_left = ?, waitlist_count = ?, waitlist_seq = ? WHERE id = ?',
      ),
      insertRegistration: db.prepare(
        // Only the (event, student) key may be skipped silently; any other constraint still fails the job.
        `INSERT INTO registrations (event_id, student_no, status, waitlist_seq, created_at, updated_at)
         VALUES (@event_id, @student_no, @status, @waitlist_seq, @created_at, @updated_at)
         ON CONFLICT (event_id, student_no) DO NOTHING`,
      ),
      renewRegistration: db.prepare(
        `UPDATE registrations SET status = @status, waitlist_seq = @waitlist_seq, created_at = @created_at,
                updated_at = @updated_at WHERE event_id = @event_id AND student_no = @student_no AND status = 'cancelled'`,
      ),
      setStatus: db.prepare<[string, string, string, string]>(
        'UPDATE registrations SET status = ?, updated_at = ? WHERE event_id = ? AND student_no = ?',
      ),
      putStudent: db.prepare(
        `INSERT INTO students (student_no, openid, name, college, class_name, branch, grade, is_league_member)
         VALUES (@student_no, @openid, @name, @college, @class_name, @branch, @grade, @is_league_member)
         ON CONFLICT (student_no) DO UPDATE SET openid = excluded.openid, name = excluded.name,
           college = excluded.college, class_name = excluded.class_name, branch = excluded.branch,
           grade = excluded.grade, is_league_member = excluded.is_league_member`,
      ),
      putEvent: db.prepare(
        `INSERT OR REPLACE INTO events (id, title, category, tag, organizer, location, description, start_at, end_at,
           signup_start_at, signup_end_at, cancel_deadline_at, capacity, waitlist_enabled, credits, status, seats_left,
           waitlist_count, waitlist_seq)
         VALUES (@id, @title, @category, @tag, @organizer, @location, @description, @start_at, @end_at,
           @signup_start_at, @signup_end_at, @cancel_deadline_at, @capacity, @waitlist_enabled, @credits, @status,
           @seats_left, @waitlist_count, @waitlist_seq)`,
      ),
    };
  }

  async findStudentByOpenid(openid: string): Promise<StudentRecord | null> {
    const row = this.q.studentByOpenid.get(openid);
    return row ? studentFromRow(row) : null;
  }

  async findStudentByNo(studentNo: string): Promise<StudentRecord | null> {
    const row = this.q.studentByNo.get(studentNo);
    return row ? studentFromRow(row) : null;
  }

  async studentNoByOpenid(openid: string): Promise<string | null> {
    return this.q.studentNoByOpenid.get(openid) ?? null;
  }

  async hasStudent(studentNo: string): Promise<boolean> {
    return this.q.hasStudent.get(studentNo) === 1;
  }

  async listStudents(limit: number): Promise<StudentRecord[]> {
    return this.q.students.all(limit).map(studentFromRow);
  }

  async listEvents(filter: EventFilter): Promise<EventRecord[]> {
    const keyword = filter.keyword ? filter.keyword : null;
    return this.q.events.all({ category: filter.category ?? null, keyword }).map(eventFromRow);
  }

  async getEvent(eventId: string): Promise<EventRecord | null> {
    const row = this.q.event.get(eventId);
    return row ? eventFromRow(row) : null;
  }

  async getRegistration(eventId: string, studentNo: string): Promise<RegistrationRecord | null> {
    const row = this.q.registration.get(eventId, studentNo);
    return row ? registrationFromRow(row) : null;
  }

  async listActiveRegistrationsOfStudent(studentNo: string): Promise<RegistrationRecord[]> {
    return this.q.activeOfStudent.all(studentNo).map(registrationFromRow);
  }

  async waitlistPosition(registration: RegistrationRecord): Promise<number | null> {
    if (registration.status !== 'waitlisted' || registration.waitlistSeq === null) return null;
    return 1 + this.q.aheadInLine.get(registration.eventId, registration.waitlistSeq)!.n;
  }

  async listWaitlist(eventId: string): Promise<RegistrationRecord[]> {
    return this.q.line.all(eventId).map(registrationFromRow);
  }

  /**
   * One job of the group commit. It throws ApiError only before its first write (the committer relies on that), and
   * reads the student's registration only when it needs to: a first sign-up is an insert that skips an existing
   * (event, student) key, and only a key already taken (signed up before, or cancelled) costs the extra read.
   */
  signUp(eventId: string, studentNo: string, now: Date): Promise<SignupOutcome> {
    return this.writer.run(() => {
      const event = this.eventState(eventId);
      let decision = decideSignup(event, null, now);
      if (decision.kind === 'refuse') {
        // An active registration outranks every other refusal (ALREADY_SIGNED_UP says what the student needs).
        decision = decideSignup(event, this.registrationOf(eventId, studentNo), now);
        throw new ApiError(decision.kind === 'refuse' ? decision.code : 'INTERNAL');
      }
      const counters = countersAfterSignup(event, decision.kind);
      const stamp = now.toISOString();
      const row: RegistrationRow = {
        event_id: eventId,
        student_no: studentNo,
        status: decision.kind === 'confirm' ? 'confirmed' : 'waitlisted',
        waitlist_seq: decision.kind === 'waitlist' ? counters.waitlistSeq : null,
        created_at: stamp,
        updated_at: stamp,
      };
      if (this.q.insertRegistration.run(row).changes === 0) {
        const existing = this.registrationOf(eventId, studentNo);
        const again = decideSignup(event, existing, now);
        if (again.kind === 'refuse') throw new ApiError(again.code);
        // A cancelled registration signs up again.
        if (this.q.renewRegistration.run(row).changes !== 1) throw new Error(`registration ${eventId}:${studentNo} vanished`);
      }
      if (decision.kind === 'confirm') {
        // The seat is taken by a conditional write even inside the transaction: belt and braces. Failing here comes
        // after a write, so it is a plain Error: the committer rolls this job back whole.
        if (this.q.takeSeat.run(eventId).changes !== 1) throw new Error(`no seat left in ${eventId} despite the check`);
      } else {
        this.q.setCounters.run(counters.seatsLeft, counters.waitlistCount, counters.waitlistSeq, eventId);
      }
      return {
        registration: registrationFromRow(row),
        event: { ...event, ...counters },
        waitlistPosition: decision.kind === 'waitlist' ? counters.waitlistCount : null,
      };
    });
  }

  private eventState(eventId: string): EventState {
    const row = this.q.eventState.get(eventId);
    if (!row) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
    return eventStateFromRow(row);
  }

  private registrationOf(eventId: string, studentNo: string): RegistrationRecord | null {
    const row = this.q.registration.get(eventId, studentNo);
    return row ? registrationFromRow(row) : null;
  }

  cancel(eventId: string, studentNo: string, now: Date): Promise<CancelOutcome> {
    return this.writer.run(() => {
      const event = this.eventState(eventId);
      const registration = this.registrationOf(eventId, studentNo);
      const decision = decideCancel(event, registration, now);
      if (decision.kind === 'refuse') throw new ApiError(decision.code);
      const reg = registration!;
      const stamp = now.toISOString();
      this.q.setStatus.run('cancelled', stamp, eventId, studentNo);

      let promoted: RegistrationRecord | null = null;
      if (decision.freesSeat && mayPromote(event, now)) {
        const next = this.q.firstInLine.get(eventId);
        if (next) {
          this.q.setStatus.run('confirmed', stamp, eventId, next.student_no);
          promoted = { ...registrationFromRow(next), status: 'confirmed', updatedAt: stamp };
        }
      }
      const counters = countersAfterCancel(event, reg, promoted !== null);
      this.q.setCounters.run(counters.seatsLeft, counters.waitlistCount, event.waitlistSeq, eventId);
      return {
        registration: { ...reg, status: 'cancelled', updatedAt: stamp },
        event: { ...event, ...counters },
        promoted,
      };
    });
  }

  async putStudents(students: StudentRecord[]): Promise<void> {
    await this.writer.run(() => {
      for (const s of students) this.q.putStudent.run(studentToRow(s));
    });
  }

  async putEvents(events: EventRecord[]): Promise<void> {
    await this.writer.run(() => {
      for (const e of events) this.q.putEvent.run(eventToRow(e));
    });
  }

  async close(): Promise<void> {
    this.writer.close();
    this.db.close();
  }
}
