import type { Role } from '../../../types';
import type {
  AcceptOutcome,
  AuditDraft,
  AuditRecord,
  BindAttempts,
  BindClaim,
  BindWrite,
  LoginTicket,
  RevokeOutcome,
  RoleGrant,
  RoleInvitation,
  WebSession,
} from '../../../core';

/**
 * Accounts: binding to the roster, roles, the audit log, web-login tickets and sessions (secrets only as hashes), and
 * rate limits. Every change writes its audit entry in the same atomic step.
 */
export interface AccountsPort {
  getBindAttempts(openid: string): Promise<BindAttempts | null>;
  /**
   * Takes one binding try for the account before its guess is checked (claimBindAttempt), reading and writing in one
   * atomic step: a burst of any size gets at most BIND_MAX_FAILURES grants. A refused claim writes nothing.
   */
  claimBindAttempt(openid: string, now: Date): Promise<BindClaim>;
  /** Binds an unbound student to an account with no student, and clears the account's failed attempts. */
  bindStudent(studentNo: string, openid: string, audit: AuditDraft): Promise<BindWrite>;
  /** Unbinds a student; answers the openid it was bound to, or null if it was not bound. */
  unbindStudent(studentNo: string, audit: AuditDraft): Promise<string | null>;
  rolesOf(openid: string): Promise<RoleGrant[]>;
  /** Grants (idempotent) or revokes a role; answers the account's roles afterwards. */
  grantRole(grant: RoleGrant, audit: AuditDraft): Promise<RoleGrant[]>;
  revokeRole(openid: string, role: Role, scope: string, audit: AuditDraft): Promise<RoleGrant[]>;
  /** Accounts holding any role (for the demo switch and the committee's role page). */
  listRoleGrants(): Promise<RoleGrant[]>;
  /** Newest first. */
  listAudit(limit: number): Promise<AuditRecord[]>;
  createLoginTicket(ticket: LoginTicket): Promise<void>;
  /** Marks a pending, unexpired ticket confirmed by this account (mayConfirm, atomically); false otherwise. */
  confirmLoginTicket(idHash: string, openid: string, now: Date): Promise<boolean>;
  /**
   * A poll: while pending answers 'pending'; a confirmed ticket is consumed (pollOutcome, atomically) and a session
   * for its account created from `session`; anything else is 'invalid'. A ticket is exchanged at most once.
   */
  exchangeLoginTicket(
    idHash: string,
    now: Date,
    session: Omit<WebSession, 'openid'>,
  ): Promise<{ outcome: 'pending' } | { outcome: 'invalid' } | { outcome: 'exchanged'; session: WebSession }>;
  getWebSession(tokenHash: string): Promise<WebSession | null>;
  revokeWebSession(tokenHash: string, now: Date): Promise<void>;
  /**
   * Counts one hit on a rate-limit bucket (key + window start) atomically and answers whether it is within `limit`.
   */
  hitRateLimit(key: string, windowStart: Date, limit: number): Promise<boolean>;

  /** Stores a new invitation (only the code's hash) with its audit entry. */
  createInvitation(invitation: RoleInvitation, audit: AuditDraft): Promise<void>;
  getInvitationByCodeHash(codeHash: string): Promise<RoleInvitation | null>;
  /** Newest first. */
  listInvitations(limit: number): Promise<RoleInvitation[]>;
  /** Marks an unused invitation revoked (idempotent) with its audit entry; a used one is refused (INVITATION_USED). */
  revokeInvitation(id: string, now: Date, audit: AuditDraft): Promise<RevokeOutcome>;
  /**
   * Accepts an open invitation for `openid` in one atomic step: marks it used, grants its role (idempotent, granted
   * by the invitation's creator) and writes the audit entry `auditFor(invitation)`. Refusals (acceptRefusal) write
   * nothing; of two acceptances racing for one invitation exactly one wins.
   */
  acceptInvitation(codeHash: string, openid: string, now: Date, auditFor: (invitation: RoleInvitation) => AuditDraft): Promise<AcceptOutcome>;
  /**
   * Names of accounts, in bulk: the student bound to the account, else the name of the latest invitation it accepted.
   * Accounts with neither are absent.
   */
  namesOfAccounts(openids: readonly string[]): Promise<Map<string, string>>;
  /** Accounts known by an accepted invitation whose invitee name starts with `prefix`, by name, at most `limit`. */
  searchInvitedAccounts(prefix: string, limit: number): Promise<Array<{ openid: string; name: string }>>;
}
