import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { newTicket, sessionTimes } from '../../../core';
import { newSecret, secretHash } from '../../security/tokens';
import type { HandlerContext } from '../shared/context';
import { requireOpenid } from '../shared/caller';

/** The text a login QR code carries: the mini program recognises the prefix when it scans. */
export const LOGIN_QR_PREFIX = 'ysc-login:';

export async function startWebLogin(_input: ActionParsedInput<'startWebLogin'>, ctx: HandlerContext): Promise<ActionOutput<'startWebLogin'>> {
  const ticket = newSecret();
  const record = newTicket(secretHash(ticket), ctx.now());
  await ctx.storage.createLoginTicket(record);
  return { ticket, qrText: `${LOGIN_QR_PREFIX}${ticket}`, expiresAt: record.expiresAt };
}

/** Scanned and confirmed in the mini program: the ticket now speaks for this WeChat account, for one exchange. */
export async function confirmWebLogin(input: ActionParsedInput<'confirmWebLogin'>, ctx: HandlerContext): Promise<ActionOutput<'confirmWebLogin'>> {
  const openid = await requireOpenid(ctx);
  if (!(await ctx.storage.confirmLoginTicket(secretHash(input.ticket), openid, ctx.now()))) throw new ApiError('TICKET_INVALID');
  return { confirmed: true };
}

/** The browser's poll: pending until confirmed, then the session token, once; expired or used tickets are refused. */
export async function pollWebLogin(input: ActionParsedInput<'pollWebLogin'>, ctx: HandlerContext): Promise<ActionOutput<'pollWebLogin'>> {
  const now = ctx.now();
  const token = newSecret();
  const result = await ctx.storage.exchangeLoginTicket(secretHash(input.ticket), now, {
    tokenHash: secretHash(token),
    ...sessionTimes(now),
    revokedAt: null,
  });
  if (result.outcome === 'invalid') throw new ApiError('TICKET_INVALID');
  if (result.outcome === 'pending') return { status: 'pending' };
  return { status: 'confirmed', sessionToken: token, expiresAt: result.session.expiresAt };
}

/** Logout: the session named by the caller's token stops working at once. */
export async function endWebSession(_input: ActionParsedInput<'endWebSession'>, ctx: HandlerContext): Promise<ActionOutput<'endWebSession'>> {
  if (ctx.caller.kind !== 'session') return { ended: false };
  await ctx.storage.revokeWebSession(secretHash(ctx.caller.token), ctx.now());
  return { ended: true };
}
