import type {
  AttendanceRecord,
  AuditDraft,
  AuditRecord,
  BindAttempts,
  DataRequest,
  ErasureReport,
  LeaveRecord,
  NoShowMark,
  OutboxMessage,
  RegistrationRecord,
  ScanRecord,
} from '../../../core';

/** What is stored about one student beyond what the other ports already read per student (我的数据's export). */
export interface PersonalRecords {
  /** Every registration, cancelled ones included, by event. */
  registrations: RegistrationRecord[];
  attendance: AttendanceRecord[];
  /** Scans of the student's codes (any officer's), oldest first. */
  scans: ScanRecord[];
  /**
   * Audit entries that name the student or their account: made by the account (`actor`), about the student number
   * (`target`), or about one of their registrations or attendances (`<event>:<student>`). Oldest first.
   */
  audit: AuditRecord[];
  /** Subscribe messages queued for the student, oldest first. */
  outbox: OutboxMessage[];
  /** Web-login sessions of the account (never the token or its hash). */
  webSessions: Array<{ createdAt: string; expiresAt: string; revokedAt: string | null }>;
  bindAttempts: BindAttempts | null;
  /** Leave requests (请假), oldest first: reason, photo's file id, decision. */
  leaves: LeaveRecord[];
  /** No-show marks of every term (standing and removed), oldest first. */
  noShowMarks: NoShowMark[];
}

/** What erasePersonalData changed (the binding, photo files and open applications are the handler's steps). */
export type StoredErasure = Omit<ErasureReport, 'unbound' | 'leavePhotosDeleted' | 'applicationsWithdrawn'>
  & Required<Pick<ErasureReport, 'followsRemoved' | 'noShowMarksRemoved' | 'blockLifted' | 'leavesCleared'>>;

/**
 * A student's own data: requests to delete it (one open request per student), the erasure that completes one, and
 * the records the export gathers.
 */
export interface PrivacyPort {
  /** The student's latest request (pending or completed), or null. */
  latestDataRequest(studentNo: string): Promise<DataRequest | null>;
  /**
   * The latest request this account filed (newest first), whichever student it was for, or null: what an account
   * no longer bound (completing a request unbinds it) reads its answer by.
   */
  latestDataRequestOfAccount(openid: string): Promise<DataRequest | null>;
  /**
   * Files a request with its audit entry in one atomic step; DATA_REQUEST_OPEN (nothing written) while the student's
   * latest request is pending. A completed one is replaced (the audit log keeps it).
   */
  fileDataRequest(request: DataRequest, audit: AuditDraft): Promise<DataRequest>;
  findDataRequest(id: string): Promise<DataRequest | null>;
  /** Pending first (oldest first), then completed (newest first); at most `limit`. */
  listDataRequests(filter: { status?: DataRequest['status']; limit: number }): Promise<DataRequest[]>;
  /**
   * Marks the pending request completed, with its audit entry, in one atomic step. NOT_FOUND for an unknown id (or
   * one replaced by a newer request), DATA_REQUEST_DONE when it is no longer pending; nothing written then.
   */
  completeDataRequest(
    id: string,
    completion: { at: string; by: string; reply: string; erased: ErasureReport },
    audit: AuditDraft,
  ): Promise<DataRequest>;
  /**
   * Erases what the privacy policy lets go besides the binding (unbindStudent removes that), each step idempotent (a
   * crash half-way is completed by running it again): the student's transcript shares revoked, consents removed, the
   * accounts' web sessions ended and their failed binding attempts cleared; the followed topics, no-show marks and
   * sign-up block removed; each leave request's reason replaced by ERASED_LEAVE_REASON and its photo's file id
   * cleared (delete the files first: this forgets their ids). Answers what changed.
   */
  erasePersonalData(studentNo: string, openids: readonly string[], now: Date): Promise<StoredErasure>;
  personalRecords(studentNo: string, openid: string | null): Promise<PersonalRecords>;
  /** An audit entry that accompanies no change (an export of a student's own data was made). */
  recordAudit(audit: AuditDraft): Promise<void>;
}
