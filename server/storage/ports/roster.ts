import type { AuditDraft, RosterEntry, StudentRecord } from '../../../core';

/**
 * The roster: students and who is bound to which WeChat account (identity reads are per call, so adapters read only the key).
 */
export interface RosterPort {
  findStudentByOpenid(openid: string): Promise<StudentRecord | null>;
  /** The student number bound to an openid, or null. Every call resolves its caller, so adapters read only the key. */
  studentNoByOpenid(openid: string): Promise<string | null>;
  /** Whether the roster has this student number. */
  hasStudent(studentNo: string): Promise<boolean>;
  findStudentByNo(studentNo: string): Promise<StudentRecord | null>;
  /** Roster entries by student number, read in bulk; unknown numbers are absent. */
  findStudentsByNos(studentNos: readonly string[]): Promise<StudentRecord[]>;
  listStudents(limit: number): Promise<StudentRecord[]>;
  /** Students of one league branch, by student number. */
  listStudentsOfBranch(branch: string): Promise<StudentRecord[]>;
  /**
   * A roster import: adds new students and updates known ones in place, never touching a binding (openid) and
   * keeping a stored second factor when the file has none. One audit entry for the whole import.
   */
  importStudents(entries: RosterEntry[], audit: AuditDraft): Promise<{ created: number; updated: number }>;
  /**
   * The same writes as importStudents for one chunk of a roster job, without the audit entry (the job's creation
   * has it). Idempotent: writing a chunk again changes nothing (its students then count as updated). Every entry of
   * the chunk is written, or the call fails: writing the chunk again completes it.
   */
  upsertStudents(entries: RosterEntry[]): Promise<{ created: number; updated: number }>;
  /** Bulk load for seeding and imports: insert or replace by id. */
  putStudents(students: StudentRecord[]): Promise<void>;
  /**
   * Students whose name or student number starts with `prefix`, by student number, a page at `offset`; `total` counts
   * every match.
   */
  searchStudents(prefix: string, offset: number, limit: number): Promise<{ students: StudentRecord[]; total: number }>;
  /** Every (college, branch) on the roster with its number of students, by college then branch. */
  branchDirectory(): Promise<Array<{ college: string; branch: string; students: number }>>;
  /** Students bound to these accounts, in bulk. */
  findStudentsByOpenids(openids: readonly string[]): Promise<StudentRecord[]>;
}
