import type {
  AppealRecord,
  AuditDraft,
  AwardDraft,
  CreditSettings,
  LedgerEntry,
  SettlementTarget,
  SiteSettings,
  TranscriptShare,
} from '../../../core';

/**
 * Credits. The ledger is append-only (no entry is ever updated or deleted) and unique by entry key; appeals and shared
 * transcripts beside it.
 */
export interface CreditsPort {
  /** The committee's settings; the defaults (DEFAULT_CREDIT_MODULES, DEFAULT_REQUIREMENT, DEFAULT_NO_SHOW_POLICY) until set. */
  creditSettings(): Promise<CreditSettings>;
  putCreditSettings(settings: CreditSettings, audit: AuditDraft): Promise<void>;
  /** The school's names on transcripts (DEFAULT_SITE_SETTINGS until set); replaced whole, with its audit entry. */
  siteSettings(): Promise<SiteSettings>;
  putSiteSettings(settings: SiteSettings, audit: AuditDraft): Promise<void>;
  /**
   * Settles one source atomically: reads the student's entries of `base`, asks decideSettlement(existing, base,
   * target, by, reason, at) and appends what it answers (0–2 entries). Answers the entries appended. Two concurrent
   * settlements of one source must not both append (unique keys make the loser retry or answer []).
   */
  settleCredit(studentNo: string, base: string, target: SettlementTarget, by: string, reason: string, at: Date): Promise<LedgerEntry[]>;
  /** Appends many independent awards (bulk manual awards): each by decideAward against its own base; answers those written. */
  awardMany(drafts: AwardDraft[]): Promise<LedgerEntry[]>;
  /** The student's entries in the order they were written. */
  listLedger(studentNo: string): Promise<LedgerEntry[]>;
  /** Per student and module: sum of amounts and of hours, over the whole ledger (the committee's views and exports). */
  ledgerTotals(): Promise<Array<{ studentNo: string; module: string; amount: number; hours: number }>>;
  getAppeal(id: string): Promise<AppealRecord | null>;
  /**
   * Files (or re-files after a rejection) an appeal. APPEAL_EXISTS when one is pending or accepted. Answers it.
   */
  fileAppeal(appeal: AppealRecord, audit: AuditDraft): Promise<AppealRecord>;
  /** Appeals, newest first, optionally only of these statuses / this student / these events. */
  listAppeals(filter: { status?: AppealRecord['status'][]; studentNo?: string; eventIds?: readonly string[] }): Promise<AppealRecord[]>;
  /**
   * Decides a pending appeal and, when accepted with a target, settles its credit — one atomic step with its audit
   * entry. APPEAL_DECIDED if it is no longer pending; NOT_FOUND if unknown.
   */
  decideAppeal(
    id: string,
    decision: { status: 'accepted' | 'rejected'; by: string; reason: string; at: Date },
    credit: { base: string; target: SettlementTarget } | null,
    audit: AuditDraft,
  ): Promise<{ appeal: AppealRecord; entries: LedgerEntry[] }>;
  createShare(share: TranscriptShare): Promise<void>;
  getShare(codeHash: string): Promise<TranscriptShare | null>;
  listShares(studentNo: string): Promise<TranscriptShare[]>;
  /** Revokes the student's own share; false if unknown, not theirs, or already revoked. */
  revokeShare(shareId: string, studentNo: string, at: Date): Promise<boolean>;
}
