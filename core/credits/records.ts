import type { CreditModule, GraduationRequirement } from './modules';
import type { NoShowPolicy } from './rules';

/** The committee's credit settings, stored as data (one document / row). */
export interface CreditSettings {
  modules: CreditModule[];
  requirement: GraduationRequirement;
  noShow: NoShowPolicy;
}

/** A student's appeal (申诉) for credit of an event they attended. One per (event, student); re-filed after a rejection. */
export interface AppealRecord {
  /** `<eventId>:<studentNo>`. */
  id: string;
  eventId: string;
  studentNo: string;
  note: string;
  status: 'pending' | 'accepted' | 'rejected';
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

export function appealId(eventId: string, studentNo: string): string {
  return `${eventId}:${studentNo}`;
}

/** What a shared transcript shows: fixed when issued, so a verifier sees exactly what was handed out. */
export interface TranscriptSnapshot {
  name: string;
  /** Shown only if the student chose to (else masked, e.g. 2023****01). */
  studentNo: string;
  college: string;
  className: string;
  modules: Array<{ id: string; name: string; amount: number }>;
  total: number;
  hours: number;
  requirementMet: boolean;
  /** The entries, if the student chose to share them. */
  timeline: Array<{ at: string; title: string; module: string; amount: number; hours: number }> | null;
  /** SHA-256 (hex) of the ledger entries the totals were computed from: ties the snapshot to the ledger. */
  ledgerDigest: string;
  /** Who issued it (the site settings when shared); absent on shares made before the settings existed. */
  issuer?: { schoolName: string; issuerName: string };
}

/** A transcript the student shared. Only the verification code's hash is stored; the code itself is shown once. */
export interface TranscriptShare {
  /** SHA-256 (hex) of the normalised verification code. */
  codeHash: string;
  /** A short public id (first 12 hex of the hash) for the student's list and revocation. */
  shareId: string;
  studentNo: string;
  issuedAt: string;
  revokedAt: string | null;
  snapshot: TranscriptSnapshot;
}
