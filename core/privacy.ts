import type { ErrorCode } from '../types';

/**
 * A student's request that the committee delete their personal information (我的数据 → 申请删除). One request per
 * student at a time: a new one may be filed once the last was completed (the audit log keeps every request and its
 * completion). Completing it erases what the privacy policy lets go — the binding of the WeChat account, shared
 * transcripts (revoked), subscribe-message consents, web-login sessions, failed binding attempts — and keeps what
 * it must: the roster entry (the school's), registrations, attendance, the credit ledger behind any transcript an
 * employer may verify, appeals and the audit log.
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
}

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
