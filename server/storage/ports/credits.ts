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
  /**
   * Per student and module: sum of amounts and of hours, over the whole ledger (the committee's views and exports).
   * Read from the per-student totals kept with the ledger (every write of ledger entries updates its student's totals
   * in the same atomic step), not computed from the ledger: a read of one document per student, a page of 1,000 at
   * a time on CloudBase. Modules that net to zero are answered with 0.
   */
  ledgerTotals(): Promise<Array<{ studentNo: string; module: string; amount: number; hours: number }>>;
  /** Every entry of the ledger that names this event (any student), in the order written. */
  ledgerEntriesOfEvent(eventId: string): Promise<LedgerEntry[]>;
  /**
   * Upkeep (the one-off backfill when totals are introduced, and a check any time after): recomputes the totals of
   * up to `limit` students of the roster, in student-number order after `after`, from their ledger entries, and
   * rewrites those that differ. `next` is where the following call starts, null after the last student.
   */
  rebuildCreditTotals(after: string | null, limit: number): Promise<{ checked: number; changed: number; next: string | null }>;
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
