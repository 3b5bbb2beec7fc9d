import type { ErrorCode, Role } from '../types';

/**
 * One-time role invitations: the committee invites a person who is not on the roster (a teacher) to a role and scope;
 * the invitation is a code shown once (QR, link, or typed), stored only as its hash; the person, signed in with
 * WeChat, accepts it and their account gets the role. Single use, with an expiry; the committee may revoke it until
 * it is used. Pure rules here; the storage makes acceptance one atomic step.
 */
export const INVITATION_DEFAULT_HOURS = 72;
export const INVITATION_MAX_HOURS = 24 * 14;

export interface RoleInvitation {
  /** Public id: the first 12 hex of the code's hash (what the list, the audit log and revocation name). */
  id: string;
  codeHash: string;
  role: Role;
  scope: string;
  /** Who the committee means to invite (a teacher's name): their account is known by it afterwards. */
  inviteeName: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedBy: string | null;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export type InvitationState = 'open' | 'accepted' | 'revoked' | 'expired';

export function invitationState(inv: Pick<RoleInvitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now: Date): InvitationState {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  if (now.getTime() >= Date.parse(inv.expiresAt)) return 'expired';
  return 'open';
}

/** Why an invitation cannot be accepted now (null: it can). Used first wins: accepted, revoked, expired. */
export function acceptRefusal(inv: RoleInvitation | null, now: Date): ErrorCode | null {
  if (!inv) return 'INVITATION_UNKNOWN';
  const state = invitationState(inv, now);
  if (state === 'accepted') return 'INVITATION_USED';
  if (state === 'revoked') return 'INVITATION_REVOKED';
  if (state === 'expired') return 'INVITATION_EXPIRED';
  return null;
}

/** The outcome of the atomic acceptance, decided where the data lives. */
export type AcceptOutcome = { accepted: true; invitation: RoleInvitation } | { accepted: false; refusal: ErrorCode };

/** Revoking: only an open or expired invitation changes; accepted ones stay (the role is revoked on its own). */
export type RevokeOutcome = { revoked: true; invitation: RoleInvitation } | { revoked: false; refusal: ErrorCode; invitation: RoleInvitation | null };

export function revokeRefusal(inv: RoleInvitation | null): ErrorCode | null {
  if (!inv) return 'NOT_FOUND';
  if (inv.acceptedAt) return 'INVITATION_USED';
  return null;
}
