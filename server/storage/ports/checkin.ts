import type {
  AttendanceCounts,
  AttendanceRecord,
  AuditDraft,
  CorrectionOp,
  EventAttendanceRow,
  ScanAttempt,
  ScanRecord,
} from '../../../core';

/**
 * Check-in. Each scan is one atomic step on (event, student): no scan reads a whole registration list.
 */
export interface CheckinPort {
  /**
   * Issues a new check-in pass for the student's confirmed registration: increments and answers its pass sequence
   * number, which revokes every older pass. NOT_SIGNED_UP unless the registration is confirmed.
   */
  issuePassSeq(eventId: string, studentNo: string, now: Date): Promise<number>;
  getScan(scanId: string): Promise<ScanRecord | null>;
  /** The stored scans of these ids (unknown ids are absent), read in bulk. */
  getScans(scanIds: readonly string[]): Promise<ScanRecord[]>;
  /**
   * One scan, atomically. A scan id seen before answers its stored record with `duplicate: true` and changes nothing.
   * Otherwise: reads the event (CheckinRules), the registration and the attendance; asks `decideScan`; applies a
   * 'record' decision (attendance row + the event's checked-in/out counters); stores the scan with its outcome.
   * An unknown event is NOT_FOUND (thrown before any write).
   */
  recordScan(
    input: { scanId: string; eventId: string; attempt: ScanAttempt; offline: boolean },
    now: Date,
  ): Promise<{ duplicate: boolean; scan: ScanRecord; counts: AttendanceCounts }>;
  /**
   * A batch of scans of one event (an officer's offline queue, at most MAX_SCANS_PER_CALL), each as recordScan would
   * record it: scans of one member in the order given, scans of different members independently (adapters write them
   * side by side). A scan id seen before, or twice in the batch, answers its stored record with `duplicate: true`.
   * Outcomes in the order of `scans`; `counts` after the batch. An unknown event is NOT_FOUND before any write.
   */
  recordScanBatch(
    eventId: string,
    scans: ReadonlyArray<{ scanId: string; attempt: ScanAttempt; offline: boolean }>,
    now: Date,
  ): Promise<{ outcomes: Array<{ duplicate: boolean; scan: ScanRecord }>; counts: AttendanceCounts }>;
  /**
   * An officer's correction (decideCorrection), with its audit entry in the same atomic step. A refusal is thrown
   * as ApiError with the decision's code before any write.
   */
  correctAttendance(
    input: { eventId: string; studentNo: string; op: CorrectionOp; at: Date; by: string },
    audit: AuditDraft,
    now: Date,
  ): Promise<{ attendance: AttendanceRecord; counts: AttendanceCounts }>;
  getAttendance(eventId: string, studentNo: string): Promise<AttendanceRecord | null>;
  attendanceCounts(eventId: string): Promise<AttendanceCounts | null>;
  /**
   * The event's list for officers: every confirmed registration, and everyone checked in without one (walk-ins, and
   * members whose registration was cancelled after they came), with their roster profile; by student number.
   */
  listEventAttendance(eventId: string): Promise<EventAttendanceRow[]>;
  /** Adds or removes an account from the event's check-in staff; answers the staff list afterwards. */
  setEventStaff(eventId: string, openid: string, assigned: boolean, audit: AuditDraft): Promise<string[]>;
}
