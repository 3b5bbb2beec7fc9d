import { ApiError, type ActionOutput, type ActionParsedInput, type RoleInvitationView } from '../../../types';
import { INVITATION_DEFAULT_HOURS, invitationState, type RoleInvitation } from '../../../core';
import { groupShareCode, newShareCode, normaliseShareCode, shareCodeHash, shareIdOf } from '../credits/share-code';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { requireOpenid } from '../shared/caller';
import { toRoleView } from '../shared/profiles';
import { checkScope } from './roles';

/** The text an invitation's QR code carries: the mini program's scanner recognises the prefix. */
export const INVITE_QR_PREFIX = 'ysc-invite:';
/** The page that accepts an invitation, in the mini program and on H5 (hash route). */
export const INVITE_PAGE = '/packages/committee/invite/index';

/** An invitation as the committee sees it: state as of now, names instead of openids. */
async function views(invitations: RoleInvitation[], ctx: HandlerContext): Promise<RoleInvitationView[]> {
  const now = ctx.now();
  const accounts = invitations.flatMap((i) => (i.acceptedBy ? [i.createdBy, i.acceptedBy] : [i.createdBy]));
  const names = await ctx.storage.namesOfAccounts(accounts);
  return invitations.map((i) => ({
    id: i.id,
    role: i.role,
    scope: i.scope,
    inviteeName: i.inviteeName,
    createdByName: names.get(i.createdBy) ?? (i.createdBy === 'system' ? '系统' : '校团委'),
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    state: invitationState(i, now),
    acceptedAt: i.acceptedAt,
    acceptedByName: i.acceptedBy ? (names.get(i.acceptedBy) ?? i.inviteeName) : null,
    revokedAt: i.revokedAt,
  }));
}

/**
 * A one-time invitation to a role: the code (80 random bits, shown once, grouped like a transcript's) is stored only as
 * its hash. The scope is checked now, as grantRole checks it, so that an accepted invitation grants a valid role.
 */
export async function createRoleInvitation(
  input: ActionParsedInput<'createRoleInvitation'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'createRoleInvitation'>> {
  const actor = await requireOpenid(ctx);
  await checkScope(input.role, input.scope, ctx);
  const code = newShareCode();
  const codeHash = shareCodeHash(code);
  const now = ctx.now();
  const hours = input.expiresInHours ?? INVITATION_DEFAULT_HOURS;
  const invitation: RoleInvitation = {
    id: shareIdOf(codeHash),
    codeHash,
    role: input.role,
    scope: input.scope,
    inviteeName: input.inviteeName,
    createdBy: actor,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    acceptedBy: null,
    acceptedAt: null,
    revokedAt: null,
  };
  await ctx.storage.createInvitation(
    invitation,
    auditDraft(ctx, actor, 'invitation.create', invitation.id, { role: input.role, scope: input.scope, name: input.inviteeName, expiresAt: invitation.expiresAt }),
  );
  const grouped = groupShareCode(code);
  const [view] = await views([invitation], ctx);
  return { invitation: view, code: grouped, qrText: `${INVITE_QR_PREFIX}${grouped}`, path: `${INVITE_PAGE}?code=${grouped}` };
}

export async function listRoleInvitations(
  input: ActionParsedInput<'listRoleInvitations'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'listRoleInvitations'>> {
  const all = await views(await ctx.storage.listInvitations(200), ctx);
  return { invitations: input.state ? all.filter((i) => i.state === input.state) : all };
}

export async function revokeRoleInvitation(
  input: ActionParsedInput<'revokeRoleInvitation'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'revokeRoleInvitation'>> {
  const actor = await requireOpenid(ctx);
  const outcome = await ctx.storage.revokeInvitation(input.invitationId, ctx.now(), auditDraft(ctx, actor, 'invitation.revoke', input.invitationId, {}));
  if (!outcome.revoked) {
    if (outcome.refusal === 'NOT_FOUND') throw new ApiError('NOT_FOUND', '没有找到这份邀请');
    throw new ApiError(outcome.refusal, '这份邀请已被接受，不能撤回；如需收回权限，请在“已授予的角色”中撤销该角色');
  }
  const [view] = await views([outcome.invitation], ctx);
  return { invitation: view };
}

/** The code as typed or scanned (a pasted link or the QR's text work too); null when it cannot be a code. */
function codeHashOf(typed: string): string | null {
  const fromLink = /[?&]code=([^&#\s]+)/.exec(typed)?.[1];
  const raw = fromLink ? decodeURIComponent(fromLink) : typed.startsWith(INVITE_QR_PREFIX) ? typed.slice(INVITE_QR_PREFIX.length) : typed;
  const code = normaliseShareCode(raw);
  return code ? shareCodeHash(code) : null;
}

/** What the invitee sees before accepting: who is invited, to what, until when. Only its code's holder can ask. */
export async function getRoleInvitation(
  input: ActionParsedInput<'getRoleInvitation'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'getRoleInvitation'>> {
  await requireOpenid(ctx);
  const hash = codeHashOf(input.code);
  const invitation = hash ? await ctx.storage.getInvitationByCodeHash(hash) : null;
  if (!invitation) throw new ApiError('INVITATION_UNKNOWN');
  return {
    inviteeName: invitation.inviteeName,
    role: invitation.role,
    scope: invitation.scope,
    expiresAt: invitation.expiresAt,
    state: invitationState(invitation, ctx.now()),
  };
}

/** The invitee, signed in with WeChat, accepts: their account gets the role (single use, audited). */
export async function acceptRoleInvitation(
  input: ActionParsedInput<'acceptRoleInvitation'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'acceptRoleInvitation'>> {
  const openid = await requireOpenid(ctx);
  const hash = codeHashOf(input.code);
  if (!hash) throw new ApiError('INVITATION_UNKNOWN');
  const outcome = await ctx.storage.acceptInvitation(hash, openid, ctx.now(), (inv) =>
    auditDraft(ctx, openid, 'invitation.accept', inv.id, { role: inv.role, scope: inv.scope, name: inv.inviteeName, invitedBy: inv.createdBy }),
  );
  if (!outcome.accepted) throw new ApiError(outcome.refusal);
  const roles = await ctx.storage.rolesOf(openid);
  return { role: outcome.invitation.role, scope: outcome.invitation.scope, roles: roles.map(toRoleView) };
}
