import { ApiError } from '../../../types';
import {
  blockFor,
  countersAfterCancel,
  decideLeaveAnswer,
  decideLeaveRequest,
  leaveId,
  mayPromote,
  DEFAULT_BLOCK_RULE,
  type AuditDraft,
  type BlockRule,
  type EventRecord,
  type LeaveRecord,
  type LeaveStatus,
  type NoShowMark,
  type RegistrationRecord,
  type SignupBlock,
} from '../../../core';
import type { ConductPort } from '../ports';
import { COLLECTIONS, registrationFromDoc, withoutId } from './documents';
import { isDuplicateKey, StaleReadError } from './errors';
import { inOrder, readDoc, readEventIn, readRegistrationIn, type CloudbaseKit } from './kit';
import type { WxDoc } from './wx-db';

const { settings: SETTINGS, signupBlocks: BLOCKS, leaveRequests: LEAVES, noShowMarks: MARKS, registrations: REGISTRATIONS, events: EVENTS } = COLLECTIONS;

/** The `settings` document that holds the sign-up block rule. */
export const CONDUCT_SETTINGS_ID = 'conduct';

export const leaveFromDoc = (d: WxDoc): LeaveRecord => ({
  id: String(d._id),
  eventId: String(d.eventId),
  studentNo: String(d.studentNo),
  status: d.status as LeaveStatus,
  reason: String(d.reason),
  photoFileId: typeof d.photoFileId === 'string' ? d.photoFileId : null,
  createdAt: String(d.createdAt),
  decidedAt: typeof d.decidedAt === 'string' ? d.decidedAt : null,
  decidedBy: typeof d.decidedBy === 'string' ? d.decidedBy : null,
  decisionReason: typeof d.decisionReason === 'string' ? d.decisionReason : null,
});

export const markFromDoc = (d: WxDoc): NoShowMark => ({
  eventId: String(d.eventId),
  studentNo: String(d.studentNo),
  eventTitle: String(d.eventTitle),
  term: String(d.term),
  recordedAt: String(d.recordedAt),
  removedAt: typeof d.removedAt === 'string' ? d.removedAt : null,
  removedReason: typeof d.removedReason === 'string' ? d.removedReason : null,
});

const blockFromDoc = (d: WxDoc): SignupBlock => ({
  studentNo: String(d._id),
  term: String(d.term),
  until: String(d.until),
  marks: Number(d.marks),
  eventTitles: Array.isArray(d.eventTitles) ? d.eventTitles.map(String) : [],
  reason: String(d.reason),
  updatedAt: String(d.updatedAt),
});

/**
 * Leave, no-show marks and sign-up blocks on CloudBase. A leave request and its answer are each one transaction with
 * their audit entry (the answer, like a cancellation, finds the first in line by a query before and re-reads it by id
 * inside). A mark is an `add` with a deterministic `_id` (once per event and student); the block is then worked out
 * from the student's marks of the term (a query, outside any transaction, so it is done after the mark is written
 * and is idempotent: any later recompute gives the same block). This container's block writes for one student run in
 * one lane.
 */
export class CloudbaseConduct implements ConductPort {
  constructor(private readonly kit: CloudbaseKit) {}

  async blockRule(): Promise<BlockRule> {
    const doc = await readDoc(this.kit.db.collection(SETTINGS).doc(CONDUCT_SETTINGS_ID));
    return doc ? { enabled: doc.enabled === true, marksPerTerm: Number(doc.marksPerTerm), blockDays: Number(doc.blockDays) } : { ...DEFAULT_BLOCK_RULE };
  }

  async putBlockRule(rule: BlockRule, now: Date, audit: AuditDraft): Promise<{ lifted: number }> {
    await this.kit.transact(async (t) => {
      await t.collection(SETTINGS).doc(CONDUCT_SETTINGS_ID).set({ data: { enabled: rule.enabled, marksPerTerm: rule.marksPerTerm, blockDays: rule.blockDays } });
      await this.kit.addAudit(t, audit);
    });
    if (rule.enabled) return { lifted: 0 };
    const _ = this.kit.command;
    const stamp = now.toISOString();
    const { stats } = await this.kit.db.collection(BLOCKS).where({ until: _.gt(stamp) }).update({ data: { until: stamp, updatedAt: stamp } });
    return { lifted: stats.updated };
  }

  async getSignupBlock(studentNo: string): Promise<SignupBlock | null> {
    const doc = await readDoc(this.kit.db.collection(BLOCKS).doc(studentNo));
    return doc ? blockFromDoc(doc) : null;
  }

  async getLeave(eventId: string, studentNo: string): Promise<LeaveRecord | null> {
    const doc = await readDoc(this.kit.db.collection(LEAVES).doc(leaveId(eventId, studentNo)));
    return doc ? leaveFromDoc(doc) : null;
  }

  async requestLeave(leave: LeaveRecord, now: Date, audit: AuditDraft): Promise<LeaveRecord> {
    return this.kit.transact(async (t) => {
      const event = await readEventIn(t, leave.eventId);
      const registration = await readRegistrationIn(t, leave.eventId, leave.studentNo);
      const existingDoc = await readDoc(t.collection(LEAVES).doc(leave.id));
      const decision = decideLeaveRequest(event, registration, existingDoc ? leaveFromDoc(existingDoc) : null, now);
      if (decision.kind === 'refuse') throw new ApiError(decision.code);
      await t.collection(LEAVES).doc(leave.id).set({ data: leaveDoc(leave) });
      await this.kit.addAudit(t, audit);
      return leave;
    });
  }

  async listLeaves(filter: { eventIds?: readonly string[]; status?: LeaveStatus }): Promise<LeaveRecord[]> {
    const _ = this.kit.command;
    const base = filter.status ? { status: filter.status } : {};
    if (!filter.eventIds) {
      return (await this.kit.fetchAll(this.kit.db.collection(LEAVES).where(base), [['createdAt', 'desc']])).map(leaveFromDoc);
    }
    const out: LeaveRecord[] = [];
    for (let i = 0; i < filter.eventIds.length; i += 100) {
      const ids = filter.eventIds.slice(i, i + 100);
      const docs = await this.kit.fetchAll(this.kit.db.collection(LEAVES).where({ ...base, eventId: _.in([...ids]) }), [['createdAt', 'desc']]);
      out.push(...docs.map(leaveFromDoc));
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  }

  async decideLeave(
    eventId: string,
    studentNo: string,
    decision: { approve: boolean; reason: string | null; by: string; at: Date },
    rule: BlockRule,
    audit: AuditDraft,
  ): Promise<{ leave: LeaveRecord; promoted: RegistrationRecord | null; event: EventRecord }> {
    const id = leaveId(eventId, studentNo);
    const outcome = await this.kit.withRetries(async () => {
      // Queries are not transactional: the first in line is looked up before and re-checked by id inside.
      const { data } = await inOrder(this.kit.db.collection(REGISTRATIONS).where({ eventId, status: 'waitlisted' }), [['waitlistSeq', 'asc']]).limit(1).get();
      const candidateId = data.length ? String(data[0]._id) : null;
      return this.kit.transaction(async (t) => {
        const leaveDocument = await readDoc(t.collection(LEAVES).doc(id));
        const answer = decideLeaveAnswer(leaveDocument ? leaveFromDoc(leaveDocument) : null, decision.approve, decision.reason);
        if (answer.kind === 'refuse') throw new ApiError(answer.code, answer.code === 'INVALID_INPUT' ? '不批准请假须写明原因（reason），同学会看到' : undefined);
        const event = await readEventIn(t, eventId);
        const stamp = decision.at.toISOString();
        const leave: LeaveRecord = {
          ...leaveFromDoc(leaveDocument!),
          status: answer.kind === 'approve' ? 'approved' : 'refused',
          decidedAt: stamp,
          decidedBy: decision.by,
          decisionReason: decision.reason,
        };
        let promoted: RegistrationRecord | null = null;
        let after = event;
        let markTerm: string | null = null;
        if (answer.kind === 'approve') {
          const registration = await readRegistrationIn(t, eventId, studentNo);
          if (registration?.status === 'confirmed') {
            if (mayPromote(event, decision.at) && event.waitlistCount > 0) {
              if (!candidateId) throw new StaleReadError('the waitlist changed');
              const candidate = await readDoc(t.collection(REGISTRATIONS).doc(candidateId));
              if (!candidate || candidate.status !== 'waitlisted') throw new StaleReadError('the first in line changed');
              promoted = { ...registrationFromDoc(candidate), status: 'confirmed', updatedAt: stamp };
              await t.collection(REGISTRATIONS).doc(candidateId).update({ data: { status: 'confirmed', updatedAt: stamp } });
            }
            await t.collection(REGISTRATIONS).doc(registration.id).update({ data: { status: 'cancelled', updatedAt: stamp } });
            const counters = countersAfterCancel(event, registration, promoted !== null);
            await t.collection(EVENTS).doc(eventId).update({ data: { ...counters } });
            after = { ...event, ...counters };
          }
          const mark = await readDoc(t.collection(MARKS).doc(id));
          if (mark && typeof mark.removedAt !== 'string') {
            await t.collection(MARKS).doc(id).update({ data: { removedAt: stamp, removedReason: '请假已批准' } });
            markTerm = String(mark.term);
          }
        }
        await t.collection(LEAVES).doc(id).set({ data: leaveDoc(leave) });
        await this.kit.addAudit(t, audit);
        return { leave, promoted, event: after, markTerm };
      });
    });
    if (outcome.markTerm) await this.settleBlock(studentNo, outcome.markTerm, rule, decision.at);
    return { leave: outcome.leave, promoted: outcome.promoted, event: outcome.event };
  }

  async recordNoShowMark(mark: NoShowMark, rule: BlockRule, now: Date): Promise<{ recorded: boolean; block: SignupBlock | null }> {
    try {
      await this.kit.db.collection(MARKS).add({ data: { _id: leaveId(mark.eventId, mark.studentNo), ...mark } });
    } catch (error) {
      if (!isDuplicateKey(error) && !(await readDoc(this.kit.db.collection(MARKS).doc(leaveId(mark.eventId, mark.studentNo))))) throw error;
      return { recorded: false, block: null };
    }
    return { recorded: true, block: await this.settleBlock(mark.studentNo, mark.term, rule, now) };
  }

  async removeNoShowMark(eventId: string, studentNo: string, reason: string, rule: BlockRule, now: Date): Promise<{ removed: boolean; block: SignupBlock | null }> {
    const id = leaveId(eventId, studentNo);
    const mark = await readDoc(this.kit.db.collection(MARKS).doc(id));
    if (!mark || typeof mark.removedAt === 'string') return { removed: false, block: null };
    const { stats } = await this.kit.db
      .collection(MARKS)
      .where({ _id: id, removedAt: null })
      .update({ data: { removedAt: now.toISOString(), removedReason: reason } });
    if (stats.updated !== 1) return { removed: false, block: null };
    return { removed: true, block: await this.settleBlock(studentNo, String(mark.term), rule, now) };
  }

  async listNoShowMarks(studentNo: string, term: string): Promise<NoShowMark[]> {
    const docs = await this.kit.fetchAll(this.kit.db.collection(MARKS).where({ studentNo, term }), [['recordedAt', 'asc']]);
    return docs.map(markFromDoc);
  }

  /** The block the student's marks of the term call for, written, or the running one ended (one lane per student). */
  private settleBlock(studentNo: string, term: string, rule: BlockRule, now: Date): Promise<SignupBlock | null> {
    return this.kit.inLane(`block:${studentNo}`, async () => {
      const block = blockFor(studentNo, term, await this.listNoShowMarks(studentNo, term), rule, now);
      const ref = this.kit.db.collection(BLOCKS).doc(studentNo);
      if (block) {
        await ref.set({ data: withoutId({ _id: studentNo, ...block }) });
        return block;
      }
      const current = await readDoc(ref);
      if (current && current.term === term && String(current.until) > now.toISOString()) {
        await ref.update({ data: { until: now.toISOString(), updatedAt: now.toISOString() } });
      }
      return null;
    });
  }
}

function leaveDoc(leave: LeaveRecord): Record<string, unknown> {
  return {
    eventId: leave.eventId,
    studentNo: leave.studentNo,
    status: leave.status,
    reason: leave.reason,
    photoFileId: leave.photoFileId,
    createdAt: leave.createdAt,
    decidedAt: leave.decidedAt,
    decidedBy: leave.decidedBy,
    decisionReason: leave.decisionReason,
  };
}
