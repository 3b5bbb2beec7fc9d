import type { AuditDraft, BlockRule, EventRecord, LeaveRecord, LeaveStatus, NoShowMark, RegistrationRecord, SignupBlock } from '../../../core';

/**
 * Conduct: leave (请假), no-show marks and sign-up blocks (the committee's optional rule, core/conduct). Every change
 * is one atomic step that decides with the core from what it read and refuses before writing.
 */
export interface ConductPort {
  /** The block rule; DEFAULT_BLOCK_RULE until the committee sets one. */
  blockRule(): Promise<BlockRule>;
  /** Saves the rule with its audit entry; turning it off ends every running block at `now` (answers how many). */
  putBlockRule(rule: BlockRule, now: Date, audit: AuditDraft): Promise<{ lifted: number }>;
  getSignupBlock(studentNo: string): Promise<SignupBlock | null>;
  getLeave(eventId: string, studentNo: string): Promise<LeaveRecord | null>;
  /**
   * Files a leave request (or files again after a refusal) with its audit entry, deciding with decideLeaveRequest from
   * the event, the registration and any earlier request read in the same step. Refusals: NOT_FOUND, EVENT_CANCELLED,
   * NOT_SIGNED_UP, LEAVE_NOT_NEEDED, LEAVE_TOO_LATE, LEAVE_EXISTS.
   */
  requestLeave(leave: LeaveRecord, now: Date, audit: AuditDraft): Promise<LeaveRecord>;
  /** Requests, newest first, optionally of these events and of one status. */
  listLeaves(filter: { eventIds?: readonly string[]; status?: LeaveStatus }): Promise<LeaveRecord[]>;
  /**
   * Answers a pending request with its audit entry. Approving cancels the registration (the seat passes to the first
   * in line when the event has not started: `promoted`), removes a no-show mark already recorded and works the block
   * out again under `rule`. Refusing keeps the student signed up. Refusals: NOT_FOUND, LEAVE_DECIDED, INVALID_INPUT.
   */
  decideLeave(
    eventId: string,
    studentNo: string,
    decision: { approve: boolean; reason: string | null; by: string; at: Date },
    rule: BlockRule,
    audit: AuditDraft,
  ): Promise<{ leave: LeaveRecord; promoted: RegistrationRecord | null; event: EventRecord }>;
  /** Records a mark once per (event, student) — a mark removed before is not recorded again — and works out the block. */
  recordNoShowMark(mark: NoShowMark, rule: BlockRule, now: Date): Promise<{ recorded: boolean; block: SignupBlock | null }>;
  /** Removes a standing mark (a corrected check-in) and works the block out again; false when there was none. */
  removeNoShowMark(eventId: string, studentNo: string, reason: string, rule: BlockRule, now: Date): Promise<{ removed: boolean; block: SignupBlock | null }>;
  /** The student's marks of a term (standing and removed), oldest first. */
  listNoShowMarks(studentNo: string, term: string): Promise<NoShowMark[]>;
}
