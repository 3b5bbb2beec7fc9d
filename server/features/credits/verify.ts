import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { normaliseShareCode, shareCodeHash } from './share-code';
import type { HandlerContext } from '../shared/context';

/**
 * Lookups allowed per asker: a verifier types a code or two; a script trying codes is stopped long before it could
 * matter (80-bit codes are unguessable anyway; the limit keeps the cost of a flood down). Counted before anything
 * else, malformed codes included, so a flood of junk is limited like a flood of guesses.
 */
export const VERIFY_LIMITS = { perMinute: 10, perHour: 60 } as const;

/**
 * Who is asking, for the buckets: the network address (the socket locally, the HTTP access gateway's client address
 * on CloudBase); a mini-program caller, who has none, by their WeChat account; else one shared bucket.
 */
function askerOf(ctx: HandlerContext): string {
  if (ctx.clientAddress) return ctx.clientAddress;
  if (ctx.caller.kind === 'wechat') return `wx:${ctx.caller.openid}`;
  return 'all';
}

function windowStart(now: Date, ms: number): Date {
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/**
 * The public verify page (an employer, signed in or not): a valid code answers the snapshot fixed when the student
 * issued it and when that was, so a changed figure on a printed copy shows against the genuine one. A malformed or
 * unknown code is TRANSCRIPT_CODE_UNKNOWN, a revoked one TRANSCRIPT_REVOKED; neither reveals whose it was.
 */
export async function verifyTranscript(input: ActionParsedInput<'verifyTranscript'>, ctx: HandlerContext): Promise<ActionOutput<'verifyTranscript'>> {
  const now = ctx.now();
  const asker = askerOf(ctx);
  const [minuteOk, hourOk] = await Promise.all([
    ctx.storage.hitRateLimit(`verify:${asker}`, windowStart(now, 60_000), VERIFY_LIMITS.perMinute),
    ctx.storage.hitRateLimit(`verify-hour:${asker}`, windowStart(now, 3_600_000), VERIFY_LIMITS.perHour),
  ]);
  if (!minuteOk) throw new ApiError('RATE_LIMITED');
  if (!hourOk) throw new ApiError('RATE_LIMITED', '查询过于频繁，请一小时后再试');
  const code = normaliseShareCode(input.code);
  if (!code) throw new ApiError('TRANSCRIPT_CODE_UNKNOWN');
  const share = await ctx.storage.getShare(shareCodeHash(code));
  if (!share) throw new ApiError('TRANSCRIPT_CODE_UNKNOWN');
  if (share.revokedAt) throw new ApiError('TRANSCRIPT_REVOKED');
  return { shareId: share.shareId, issuedAt: share.issuedAt, snapshot: share.snapshot };
}
