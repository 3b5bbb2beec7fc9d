import { ApiError } from '../../../types';
import { completeRefusal, ERASED_LEAVE_REASON, requestRefusal, type AuditDraft, type DataRequest, type ErasureReport } from '../../../core';
import type { PersonalRecords, PrivacyPort, StoredErasure } from '../ports';
import { leaveFromDoc, markFromDoc } from './conduct';
import { scanFromDoc } from './checkin-documents';
import { attendanceFromDoc, auditFromDoc, COLLECTIONS, registrationFromDoc } from './documents';
import { readDoc, type CloudbaseKit } from './kit';
import { outboxFromDoc } from './notifications';
import type { WxDoc } from './wx-db';

const {
  dataRequests: DATA_REQUESTS,
  registrations: REGISTRATIONS,
  attendance: ATTENDANCE,
  scans: SCANS,
  appeals: APPEALS,
  auditLog: AUDIT_LOG,
  outbox: OUTBOX,
  webSessions: WEB_SESSIONS,
  bindAttempts: BIND_ATTEMPTS,
  transcriptShares: SHARES,
  consents: CONSENTS,
  follows: FOLLOWS,
  noShowMarks: MARKS,
  signupBlocks: BLOCKS,
  leaveRequests: LEAVES,
} = COLLECTIONS;

/** Audit targets one query asks for at once (`_.in`). */
const TARGETS_PER_QUERY = 100;

function requestFromDoc(d: WxDoc): DataRequest {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: d.id as string,
    studentNo: String(d._id),
    openid: text(d.openid),
    status: d.status as DataRequest['status'],
    note: typeof d.note === 'string' ? d.note : '',
    createdAt: d.createdAt as string,
    completedAt: text(d.completedAt),
    completedBy: text(d.completedBy),
    reply: text(d.reply),
    erased: d.erased && typeof d.erased === 'object' ? (d.erased as ErasureReport) : null,
  };
}

function requestToDoc(r: DataRequest): Record<string, unknown> {
  return {
    id: r.id, openid: r.openid, status: r.status, note: r.note, createdAt: r.createdAt, completedAt: r.completedAt,
    completedBy: r.completedBy, reply: r.reply, erased: r.erased ? { ...r.erased } : null,
  };
}

/**
 * A student's own data on CloudBase (documents.ts: `dataRequests/<studentNo>`). Filing and completing a request are
 * each one transaction on that document with the audit entry, so two at once conflict and the loser re-runs and is
 * refused. Erasure is a few conditional writes, each idempotent: a crash half-way leaves the request pending, and
 * completing it again finishes the work.
 */
export class CloudbasePrivacy implements PrivacyPort {
  constructor(private readonly kit: CloudbaseKit) {}

  async latestDataRequest(studentNo: string): Promise<DataRequest | null> {
    const doc = await readDoc(this.kit.db.collection(DATA_REQUESTS).doc(studentNo));
    return doc ? requestFromDoc({ ...doc, _id: studentNo }) : null;
  }

  /** One query on `openid`, newest `createdAt` first. */
  async latestDataRequestOfAccount(openid: string): Promise<DataRequest | null> {
    const { data } = await this.kit.db.collection(DATA_REQUESTS).where({ openid }).orderBy('createdAt', 'desc').limit(1).get();
    return data.length ? requestFromDoc(data[0]) : null;
  }

  /** One transaction: read `dataRequests/<studentNo>`, refuse a pending one, else set the new request and add the audit entry. */
  async fileDataRequest(request: DataRequest, audit: AuditDraft): Promise<DataRequest> {
    return this.kit.transact(async (t) => {
      const ref = t.collection(DATA_REQUESTS).doc(request.studentNo);
      const doc = await readDoc(ref);
      const refusal = requestRefusal(doc ? requestFromDoc({ ...doc, _id: request.studentNo }) : null);
      if (refusal) throw new ApiError(refusal);
      const filed: DataRequest = { ...request, status: 'pending', completedAt: null, completedBy: null, reply: null, erased: null };
      await ref.set({ data: requestToDoc(filed) });
      await this.kit.addAudit(t, audit);
      return filed;
    });
  }

  async findDataRequest(id: string): Promise<DataRequest | null> {
    const { data } = await this.kit.db.collection(DATA_REQUESTS).where({ id }).limit(1).get();
    return data.length ? requestFromDoc(data[0]) : null;
  }

  /** Pending ones oldest first, then completed ones newest first: one listing each (up to `limit` in all). */
  async listDataRequests(filter: { status?: DataRequest['status']; limit: number }): Promise<DataRequest[]> {
    const collection = this.kit.db.collection(DATA_REQUESTS);
    const out: DataRequest[] = [];
    if (filter.status !== 'completed') {
      const docs = await this.kit.fetchAll(collection.where({ status: 'pending' }), [['createdAt', 'asc']], { max: filter.limit });
      out.push(...docs.map(requestFromDoc));
    }
    if (filter.status !== 'pending' && out.length < filter.limit) {
      const docs = await this.kit.fetchAll(collection.where({ status: 'completed' }), [['completedAt', 'desc']], { max: filter.limit - out.length });
      out.push(...docs.map(requestFromDoc));
    }
    return out;
  }

  /** One query finds the request's student; one transaction on its document completes it with the audit entry. */
  async completeDataRequest(
    id: string,
    completion: { at: string; by: string; reply: string; erased: ErasureReport },
    audit: AuditDraft,
  ): Promise<DataRequest> {
    const found = await this.findDataRequest(id);
    if (!found) throw new ApiError('NOT_FOUND');
    return this.kit.transact(async (t) => {
      const ref = t.collection(DATA_REQUESTS).doc(found.studentNo);
      const doc = await readDoc(ref);
      const current = doc ? requestFromDoc({ ...doc, _id: found.studentNo }) : null;
      const refusal = completeRefusal(current, id);
      if (refusal) throw new ApiError(refusal);
      const completed: DataRequest = {
        ...current!, status: 'completed', completedAt: completion.at, completedBy: completion.by, reply: completion.reply, erased: completion.erased,
      };
      await ref.update({ data: { status: 'completed', completedAt: completion.at, completedBy: completion.by, reply: completion.reply, erased: { ...completion.erased } } });
      await this.kit.addAudit(t, audit);
      return completed;
    });
  }

  /**
   * Conditional writes, each atomic and idempotent on its own: the student's unrevoked shares get `revokedAt`, the
   * consents are removed, every account's unexpired, unrevoked sessions are revoked and its failed attempts removed;
   * the follows, marks and block are removed, and each leave request not yet cleared is cleared by id (a request
   * filed meanwhile is cleared by the next run, as the committee completes the request again).
   */
  async erasePersonalData(studentNo: string, openids: readonly string[], now: Date): Promise<StoredErasure> {
    const _ = this.kit.command;
    const at = now.toISOString();
    const db = this.kit.db;
    const shares = await db.collection(SHARES).where({ studentNo, revokedAt: null }).update({ data: { revokedAt: at } });
    const consents = await db.collection(CONSENTS).where({ studentNo }).remove();
    let sessionsEnded = 0;
    let bindAttemptsCleared = false;
    for (const openid of new Set(openids)) {
      const sessions = await db.collection(WEB_SESSIONS).where({ openid, revokedAt: null, expiresAt: _.gt(at) }).update({ data: { revokedAt: at } });
      sessionsEnded += sessions.stats.updated;
      const attempts = await db.collection(BIND_ATTEMPTS).where({ _id: openid }).remove();
      bindAttemptsCleared = attempts.stats.removed > 0 || bindAttemptsCleared;
    }
    const follows = await db.collection(FOLLOWS).where({ studentNo }).remove();
    const marks = await db.collection(MARKS).where({ studentNo }).remove();
    const block = await db.collection(BLOCKS).where({ _id: studentNo }).remove();
    const leaves = (await this.kit.fetchAll(db.collection(LEAVES).where({ studentNo }), [['createdAt', 'asc']]))
      .filter((d) => d.reason !== ERASED_LEAVE_REASON || typeof d.photoFileId === 'string');
    for (const d of leaves) await db.collection(LEAVES).doc(String(d._id)).update({ data: { reason: ERASED_LEAVE_REASON, photoFileId: null } });
    return {
      sharesRevoked: shares.stats.updated, consentsRemoved: consents.stats.removed, sessionsEnded, bindAttemptsCleared,
      followsRemoved: follows.stats.removed, noShowMarksRemoved: marks.stats.removed, blockLifted: block.stats.removed > 0,
      leavesCleared: leaves.length,
    };
  }

  /**
   * One listing per collection by `studentNo` (registrations, attendance, scans, appeals' events, outbox, leave
   * requests, no-show marks), the audit entries by target (`_.in`, 100 targets a query) and by actor, and the
   * account's sessions and attempts.
   */
  async personalRecords(studentNo: string, openid: string | null): Promise<PersonalRecords> {
    const _ = this.kit.command;
    const db = this.kit.db;
    const byStudent = (collection: string, sortBy: ReadonlyArray<readonly [string, 'asc' | 'desc']>) =>
      this.kit.fetchAll(db.collection(collection).where({ studentNo }), sortBy);
    const [registrations, attendance, scans, appeals, outbox, leaves, marks] = await Promise.all([
      byStudent(REGISTRATIONS, [['eventId', 'asc']]),
      byStudent(ATTENDANCE, [['eventId', 'asc']]),
      byStudent(SCANS, [['scannedAt', 'asc']]),
      byStudent(APPEALS, [['eventId', 'asc']]),
      byStudent(OUTBOX, [['createdAt', 'asc']]),
      byStudent(LEAVES, [['createdAt', 'asc'], ['eventId', 'asc']]),
      byStudent(MARKS, [['recordedAt', 'asc'], ['eventId', 'asc']]),
    ]);
    const events = new Set([...registrations, ...attendance, ...appeals].map((d) => String(d.eventId)));
    const targets = [studentNo, ...[...events].map((e) => `${e}:${studentNo}`), ...(openid ? [openid] : [])];
    const auditDocs = new Map<string, WxDoc>();
    for (let i = 0; i < targets.length; i += TARGETS_PER_QUERY) {
      const batch = targets.slice(i, i + TARGETS_PER_QUERY);
      for (const d of await this.kit.fetchAll(db.collection(AUDIT_LOG).where({ target: _.in(batch) }), [['id', 'asc']])) auditDocs.set(String(d._id), d);
    }
    if (openid) {
      for (const d of await this.kit.fetchAll(db.collection(AUDIT_LOG).where({ actor: openid }), [['id', 'asc']])) auditDocs.set(String(d._id), d);
    }
    const sessions = openid ? await this.kit.fetchAll(db.collection(WEB_SESSIONS).where({ openid }), [['createdAt', 'asc']]) : [];
    const attempts = openid ? await readDoc(db.collection(BIND_ATTEMPTS).doc(openid)) : null;
    return {
      registrations: registrations.map(registrationFromDoc),
      attendance: attendance.map(attendanceFromDoc),
      scans: scans.map(scanFromDoc),
      audit: [...auditDocs.values()].map(auditFromDoc).sort((a, b) => a.id - b.id),
      outbox: outbox.map(outboxFromDoc),
      webSessions: sessions.map((s) => ({
        createdAt: s.createdAt as string,
        expiresAt: s.expiresAt as string,
        revokedAt: typeof s.revokedAt === 'string' ? s.revokedAt : null,
      })),
      bindAttempts: openid && attempts
        ? { openid, failures: typeof attempts.failures === 'number' ? attempts.failures : 0, lockedUntil: typeof attempts.lockedUntil === 'string' ? attempts.lockedUntil : null }
        : null,
      leaves: leaves.map(leaveFromDoc),
      noShowMarks: marks.map(markFromDoc),
    };
  }

  async recordAudit(audit: AuditDraft): Promise<void> {
    await this.kit.addAudit(this.kit.db, audit);
  }
}
