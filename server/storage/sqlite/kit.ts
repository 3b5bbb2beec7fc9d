import type Database from 'better-sqlite3';
import { ApiError } from '../../../types';
import type { AuditDraft, EventRecord, RegistrationRecord } from '../../../core';
import { GroupCommitter } from './group-commit';
import { openDatabase, type Synchronous } from './open-database';
import { eventFromRow, type EventRow, type RegistrationRow } from './rows';

export interface SqliteOptions {
  /** Database file, or ':memory:' for a throw-away database. */
  file: string;
  /** FULL (default) survives power loss; NORMAL survives a killed process but may lose the last commits on an OS crash. */
  synchronous?: Synchronous;
}

export const EVENT_NOT_FOUND = '没有找到这个活动，可能已被删除';

/**
 * What every area of the SQLite adapter shares: one connection (WAL, durable commits, migrated on open), the group
 * commit that runs its writes, the audit line, and the few statements on events and registrations that the jobs of
 * several areas use (prepared once per connection).
 *
 * Reads are plain statements on the connection, outside the group commit. Writes are jobs given to `run`: synchronous
 * functions that the committer runs, with the other jobs of the same event-loop turn, inside one transaction opened
 * with BEGIN IMMEDIATE (so they are serialised against every other writer, other processes on the file included), and
 * answers only after COMMIT. A job throws ApiError only before its first write (the group commit relies on that to
 * skip a rollback); anything that fails after a write is a plain Error, and the committer then rolls that job back
 * whole. The helpers below that write are for use inside jobs only.
 */
export class SqliteKit {
  readonly db: Database.Database;
  private readonly committer: GroupCommitter;
  private readonly q;

  constructor(options: SqliteOptions) {
    this.db = openDatabase(options.file, options.synchronous ?? 'FULL');
    // Jobs throw ApiError only before their first write, so such a refusal needs no rollback.
    this.committer = new GroupCommitter(this.db, { isCleanRefusal: (e) => e instanceof ApiError });
    const db = this.db;
    this.q = {
      audit: db.prepare<[AuditDraft]>(
        'INSERT INTO audit_log (at, actor, action, target, detail) VALUES (@at, @actor, @action, @target, @detail)',
      ),
      event: db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
      registration: db.prepare<[string, string], RegistrationRow>(
        'SELECT * FROM registrations WHERE event_id = ? AND student_no = ?',
      ),
      setRegistrationStatus: db.prepare<[string, string, string, string]>(
        'UPDATE registrations SET status = ?, updated_at = ? WHERE event_id = ? AND student_no = ?',
      ),
      takeSeat: db.prepare<[string]>('UPDATE events SET seats_left = seats_left - 1 WHERE id = ? AND seats_left > 0'),
    };
  }

  /** Runs a write job inside the group commit's transaction; answers (or fails) after COMMIT. */
  run<T>(job: () => T): Promise<T> {
    return this.committer.run(job);
  }

  /** Writes an audit line inside the job, so that it commits (or not) with the change it records. */
  audit(draft: AuditDraft): void {
    this.q.audit.run(draft);
  }

  findEvent(eventId: string): EventRecord | null {
    const row = this.q.event.get(eventId);
    return row ? eventFromRow(row) : null;
  }

  /** The whole event, or NOT_FOUND (a refusal: thrown before the job writes anything). */
  eventOf(eventId: string): EventRecord {
    const row = this.q.event.get(eventId);
    if (!row) throw new ApiError('NOT_FOUND', EVENT_NOT_FOUND);
    return eventFromRow(row);
  }

  registrationRow(eventId: string, studentNo: string): RegistrationRow | undefined {
    return this.q.registration.get(eventId, studentNo);
  }

  setRegistrationStatus(eventId: string, studentNo: string, status: RegistrationRecord['status'], stamp: string): void {
    this.q.setRegistrationStatus.run(status, stamp, eventId, studentNo);
  }

  /** Takes one seat by a conditional write (seats_left > 0); false when none was left. */
  takeSeat(eventId: string): boolean {
    return this.q.takeSeat.run(eventId).changes === 1;
  }

  /** Runs every write already accepted, then closes the connection. */
  close(): void {
    this.committer.close();
    this.db.close();
  }
}
