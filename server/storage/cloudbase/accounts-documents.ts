import type { Role } from '../../../types';
import type { BindAttempts, LoginTicket, RoleGrant, RoleInvitation, WebSession } from '../../../core';
import type { WxDoc } from './wx-db';

/** The accounts area's documents as records and back (collections and fields: documents.ts; the adapter: accounts.ts). */
export function bindAttemptsFromDoc(openid: string, d: WxDoc): BindAttempts {
  return {
    openid,
    failures: typeof d.failures === 'number' ? d.failures : 0,
    lockedUntil: typeof d.lockedUntil === 'string' ? d.lockedUntil : null,
  };
}

/** Deterministic: a grant of the same role and scope to the same account is one document (idempotent grants). */
export function roleGrantId(openid: string, role: Role, scope: string): string {
  return `${openid}:${role}:${scope}`;
}

export function roleGrantToDoc(g: RoleGrant): Record<string, unknown> {
  return { openid: g.openid, role: g.role, scope: g.scope, grantedBy: g.grantedBy, grantedAt: g.grantedAt };
}

export function roleGrantFromDoc(d: WxDoc): RoleGrant {
  return {
    openid: d.openid as string,
    role: d.role as Role,
    scope: typeof d.scope === 'string' ? d.scope : '',
    grantedBy: d.grantedBy as string,
    grantedAt: d.grantedAt as string,
  };
}

export function loginTicketToDoc(t: LoginTicket): Record<string, unknown> {
  return { idHash: t.idHash, status: t.status, openid: t.openid, createdAt: t.createdAt, expiresAt: t.expiresAt };
}

export function loginTicketFromDoc(d: WxDoc): LoginTicket {
  return {
    idHash: String(d.idHash ?? d._id),
    status: d.status as LoginTicket['status'],
    openid: typeof d.openid === 'string' ? d.openid : null,
    createdAt: d.createdAt as string,
    expiresAt: d.expiresAt as string,
  };
}

export function webSessionToDoc(s: WebSession): Record<string, unknown> {
  return { tokenHash: s.tokenHash, openid: s.openid, createdAt: s.createdAt, expiresAt: s.expiresAt, revokedAt: s.revokedAt };
}

export function webSessionFromDoc(d: WxDoc): WebSession {
  return {
    tokenHash: String(d.tokenHash ?? d._id),
    openid: d.openid as string,
    createdAt: d.createdAt as string,
    expiresAt: d.expiresAt as string,
    revokedAt: typeof d.revokedAt === 'string' ? d.revokedAt : null,
  };
}

export function invitationToDoc(i: RoleInvitation): Record<string, unknown> {
  return {
    id: i.id, role: i.role, scope: i.scope, inviteeName: i.inviteeName, createdBy: i.createdBy, createdAt: i.createdAt,
    expiresAt: i.expiresAt, acceptedBy: i.acceptedBy, acceptedAt: i.acceptedAt, revokedAt: i.revokedAt,
  };
}

export function invitationFromDoc(d: WxDoc): RoleInvitation {
  const text = (x: unknown) => (typeof x === 'string' ? x : null);
  return {
    id: String(d.id), codeHash: String(d._id), role: d.role as Role, scope: typeof d.scope === 'string' ? d.scope : '',
    inviteeName: String(d.inviteeName ?? ''), createdBy: String(d.createdBy ?? ''), createdAt: String(d.createdAt),
    expiresAt: String(d.expiresAt), acceptedBy: text(d.acceptedBy), acceptedAt: text(d.acceptedAt), revokedAt: text(d.revokedAt),
  };
}
