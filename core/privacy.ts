import type { ErrorCode } from '../types';

/**
 * A student's request that the committee delete their personal information (我的数据 → 申请删除). One request per
 * student at a time: a new one may be filed once the last was completed (the audit log keeps every request and its
 * completion). Completing it erases what the privacy policy lets go — the binding of the WeChat account, shared
 * transcripts (revoked), subscribe-message consents, web-login sessions, failed binding attempts, and of fair seats
 * (issue 16) the followed topics, no-show marks and any sign-up block, the reasons and photos of leave requests (the
 * decision stays: it explains the attendance record) and lottery applications still open (withdrawn) — and keeps
 * what it must: the roster entry (the school's), registrations (a drawn application's weight, place and pseudonym
 * among them: the published list everyone checks the draw with), attendance, the credit ledger behind any
 * transcript an employer may verify, appeals and the audit log.
 */
export interface DataRequest {
  /** 12 hex, random: what the committee's page names. */
  id: string;
  studentNo: string;
  /** The account that filed it (its sessions and binding attempts are erased with it); never shown. */
  openid: string | null;
  status: 'pending' | 'completed';
  note: string;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  reply: string | null;
  erased: ErasureReport | null;
}

export interface ErasureReport {
  unbound: boolean;
  sharesRevoked: number;
  consentsRemoved: number;
  sessionsEnded: number;
  bindAttemptsCleared: boolean;
  /** Fair seats (issue 16); absent from requests completed before these were erased. */
  followsRemoved?: number;
  noShowMarksRemoved?: number;
  blockLifted?: boolean;
  /** Leave requests whose reason and photo were cleared (the decision kept). */
  leavesCleared?: number;
  /** Photo files of those requests deleted from the file store. */
  leavePhotosDeleted?: number;
  /** Lottery applications still open, withdrawn (as the student could): the draw gives no seat to an erased account. */
  applicationsWithdrawn?: number;
}

/** What a leave request's reason reads once erased (the request and its decision stay). */
export const ERASED_LEAVE_REASON = '（已按删除申请清除）';

/** Whether a new request may be filed over the student's latest one (null: it may). */
export function requestRefusal(latest: DataRequest | null): ErrorCode | null {
  return latest?.status === 'pending' ? 'DATA_REQUEST_OPEN' : null;
}

/** Whether the committee may complete this request now (null: it may). */
export function completeRefusal(request: DataRequest | null, requestId: string): ErrorCode | null {
  if (!request || request.id !== requestId) return 'NOT_FOUND';
  if (request.status !== 'pending') return 'DATA_REQUEST_DONE';
  return null;
}
