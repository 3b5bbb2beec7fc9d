import { ApiError } from '../../../types';
import { completeRefusal, ERASED_LEAVE_REASON, requestRefusal, type AuditRecord, type DataRequest, type ErasureReport } from '../../../core';
import type { PrivacyPort } from '../ports';
import { attendanceFromRow, scanFromRow, type AttendanceRow, type ScanRow } from './checkin';
import { leaveFromRow, markFromRow, type LeaveRow, type MarkRow } from './conduct';
import type { SqliteKit } from './kit';
import { outboxFromRow, type OutboxRow } from './notifications';
import { registrationFromRow, type RegistrationRow } from './rows';

interface DataRequestRow {
  student_no: string; id: string; openid: string | null; status: string; note: string; created_at: string;
  completed_at: string | null; completed_by: string | null; reply: string | null; erased: string | null;
}

function requestFromRow(r: DataRequestRow): DataRequest {
  return {
    id: r.id, studentNo: r.student_no, openid: r.openid, status: r.status as DataRequest['status'], note: r.note,
    createdAt: r.created_at, completedAt: r.completed_at, completedBy: r.completed_by, reply: r.reply,
    erased: r.erased === null ? null : (JSON.parse(r.erased) as ErasureReport),
  };
}

/**
 * A student's own data on SQLite. Requests: one row per student (the latest request), filed and completed by
 * conditional writes in the group commit, each with its audit line. Erasure: one job, so all of it commits or none.
 */
export function sqlitePrivacy(kit: SqliteKit): PrivacyPort {
  const db = kit.db;
  const q = {
    latest: db.prepare<[string], DataRequestRow>('SELECT * FROM data_requests WHERE student_no = ?'),
    byId: db.prepare<[string], DataRequestRow>('SELECT * FROM data_requests WHERE id = ?'),
    byAccount: db.prepare<[string], DataRequestRow>('SELECT * FROM data_requests WHERE openid = ? ORDER BY created_at DESC, id DESC LIMIT 1'),
    file: db.prepare<[DataRequestRow]>(
      `INSERT INTO data_requests (student_no, id, openid, status, note, created_at, completed_at, completed_by, reply, erased)
       VALUES (@student_no, @id, @openid, @status, @note, @created_at, NULL, NULL, NULL, NULL)
       ON CONFLICT (student_no) DO UPDATE SET id = excluded.id, openid = excluded.openid, status = excluded.status,
         note = excluded.note, created_at = excluded.created_at, completed_at = NULL, completed_by = NULL, reply = NULL,
         erased = NULL
       WHERE data_requests.status <> 'pending'`,
    ),
    list: db.prepare<[{ status: string | null; limit: number }], DataRequestRow>(
      `SELECT * FROM data_requests WHERE (@status IS NULL OR status = @status)
        ORDER BY status = 'completed', CASE WHEN status = 'pending' THEN created_at END ASC, completed_at DESC, id
        LIMIT @limit`,
    ),
    complete: db.prepare<[{ id: string; at: string; by: string; reply: string; erased: string }]>(
      `UPDATE data_requests SET status = 'completed', completed_at = @at, completed_by = @by, reply = @reply, erased = @erased
        WHERE id = @id AND status = 'pending'`,
    ),
    revokeShares: db.prepare<[string, string]>('UPDATE transcript_shares SET revoked_at = ? WHERE student_no = ? AND revoked_at IS NULL'),
    dropConsents: db.prepare<[string]>('DELETE FROM consents WHERE student_no = ?'),
    endSessions: db.prepare<[string, string, string]>(
      'UPDATE web_sessions SET revoked_at = ? WHERE openid = ? AND revoked_at IS NULL AND expires_at > ?',
    ),
    clearAttempts: db.prepare<[string]>('DELETE FROM bind_attempts WHERE openid = ?'),
    dropFollows: db.prepare<[string]>('DELETE FROM follows WHERE student_no = ?'),
    dropMarks: db.prepare<[string]>('DELETE FROM no_show_marks WHERE student_no = ?'),
    dropBlock: db.prepare<[string]>('DELETE FROM signup_blocks WHERE student_no = ?'),
    clearLeaves: db.prepare<[{ student: string; reason: string }]>(
      `UPDATE leave_requests SET reason = @reason, photo_file_id = NULL
        WHERE student_no = @student AND (reason <> @reason OR photo_file_id IS NOT NULL)`,
    ),
    leaves: db.prepare<[string], LeaveRow>('SELECT * FROM leave_requests WHERE student_no = ? ORDER BY created_at, event_id'),
    marks: db.prepare<[string], MarkRow>('SELECT * FROM no_show_marks WHERE student_no = ? ORDER BY recorded_at, event_id'),
    registrations: db.prepare<[string], RegistrationRow>('SELECT * FROM registrations WHERE student_no = ? ORDER BY event_id'),
    attendance: db.prepare<[string], AttendanceRow>('SELECT * FROM attendance WHERE student_no = ? ORDER BY event_id'),
    scans: db.prepare<[string], ScanRow>('SELECT * FROM scans WHERE student_no = ? ORDER BY scanned_at, scan_id'),
    appealEvents: db.prepare<[string], string>('SELECT event_id FROM appeals WHERE student_no = ?').pluck(),
    audit: db.prepare<[string, string], AuditRecord>(
      `SELECT * FROM audit_log WHERE target IN (SELECT value FROM json_each(?)) OR actor IN (SELECT value FROM json_each(?))
        ORDER BY id`,
    ),
    outbox: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE student_no = ? ORDER BY created_at, key'),
    sessions: db.prepare<[string], { created_at: string; expires_at: string; revoked_at: string | null }>(
      'SELECT created_at, expires_at, revoked_at FROM web_sessions WHERE openid = ? ORDER BY created_at',
    ),
    attempts: db.prepare<[string], { failures: number; locked_until: string | null }>(
      'SELECT failures, locked_until FROM bind_attempts WHERE openid = ?',
    ),
  };

  return {
    async latestDataRequest(studentNo) {
      const row = q.latest.get(studentNo);
      return row ? requestFromRow(row) : null;
    },

    async latestDataRequestOfAccount(openid) {
      const row = q.byAccount.get(openid);
      return row ? requestFromRow(row) : null;
    },

    fileDataRequest(request, audit) {
      return kit.run(() => {
        const latest = q.latest.get(request.studentNo);
        const refusal = requestRefusal(latest ? requestFromRow(latest) : null);
        if (refusal) throw new ApiError(refusal);
        q.file.run({
          student_no: request.studentNo, id: request.id, openid: request.openid, status: 'pending', note: request.note,
          created_at: request.createdAt, completed_at: null, completed_by: null, reply: null, erased: null,
        });
        kit.audit(audit);
        return requestFromRow(q.latest.get(request.studentNo)!);
      });
    },

    async findDataRequest(id) {
      const row = q.byId.get(id);
      return row ? requestFromRow(row) : null;
    },

    async listDataRequests(filter) {
      return q.list.all({ status: filter.status ?? null, limit: filter.limit }).map(requestFromRow);
    },

    completeDataRequest(id, completion, audit) {
      return kit.run(() => {
        const row = q.byId.get(id);
        const refusal = completeRefusal(row ? requestFromRow(row) : null, id);
        if (refusal) throw new ApiError(refusal);
        q.complete.run({ id, at: completion.at, by: completion.by, reply: completion.reply, erased: JSON.stringify(completion.erased) });
        kit.audit(audit);
        return requestFromRow(q.byId.get(id)!);
      });
    },

    erasePersonalData(studentNo, openids, now) {
      return kit.run(() => {
        const at = now.toISOString();
        let sessionsEnded = 0;
        let bindAttemptsCleared = false;
        for (const openid of new Set(openids)) {
          sessionsEnded += q.endSessions.run(at, openid, at).changes;
          bindAttemptsCleared = q.clearAttempts.run(openid).changes > 0 || bindAttemptsCleared;
        }
        return {
          sharesRevoked: q.revokeShares.run(at, studentNo).changes,
          consentsRemoved: q.dropConsents.run(studentNo).changes,
          sessionsEnded,
          bindAttemptsCleared,
          followsRemoved: q.dropFollows.run(studentNo).changes,
          noShowMarksRemoved: q.dropMarks.run(studentNo).changes,
          blockLifted: q.dropBlock.run(studentNo).changes > 0,
          leavesCleared: q.clearLeaves.run({ student: studentNo, reason: ERASED_LEAVE_REASON }).changes,
        };
      });
    },

    async personalRecords(studentNo, openid) {
      const registrations = q.registrations.all(studentNo).map(registrationFromRow);
      const attendance = q.attendance.all(studentNo).map(attendanceFromRow);
      const events = new Set([...registrations.map((r) => r.eventId), ...attendance.map((a) => a.eventId), ...q.appealEvents.all(studentNo)]);
      const targets = [studentNo, ...[...events].map((e) => `${e}:${studentNo}`), ...(openid ? [openid] : [])];
      const attempts = openid ? q.attempts.get(openid) : undefined;
      return {
        registrations,
        attendance,
        scans: q.scans.all(studentNo).map(scanFromRow),
        audit: q.audit.all(JSON.stringify(targets), JSON.stringify(openid ? [openid] : [])),
        outbox: q.outbox.all(studentNo).map(outboxFromRow),
        webSessions: openid
          ? q.sessions.all(openid).map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at, revokedAt: s.revoked_at }))
          : [],
        bindAttempts: openid && attempts ? { openid, failures: attempts.failures, lockedUntil: attempts.locked_until } : null,
        leaves: q.leaves.all(studentNo).map(leaveFromRow),
        noShowMarks: q.marks.all(studentNo).map(markFromRow),
      };
    },

    recordAudit(audit) {
      return kit.run(() => kit.audit(audit));
    },
  };
}
