import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { signPass, WINDOW_MS, type PassClaims } from '../../../core';
import { newDeviceKey } from '../../security/checkin-keys';
import { requireKeyring } from './common';
import { requireEvent } from '../shared/lookups';
import type { HandlerContext } from '../shared/context';
import { requireStudentNo } from '../shared/caller';

const DAY_MS = 86_400_000;

/**
 * A student's check-in pass for one event: a fresh device key (its private half goes to this phone only) and the
 * server's signature over the event, the student, the pass number, the device's public key and an expiry. Asking
 * again issues a higher pass number, which revokes the pass on any other phone (a lost phone, a shared screenshot
 * of the pass itself). Only a confirmed registration gets one (the storage refuses with NOT_SIGNED_UP).
 */
export async function issueCheckinPass(
  input: ActionParsedInput<'issueCheckinPass'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'issueCheckinPass'>> {
  const studentNo = await requireStudentNo(ctx);
  const keyring = requireKeyring(ctx);
  const now = ctx.now();
  const event = await requireEvent(input.eventId, ctx);
  if (event.status === 'cancelled') throw new ApiError('CHECKIN_EVENT_CANCELLED');
  if (now.getTime() > Date.parse(event.checkoutEndAt)) {
    throw new ApiError('CHECKIN_NOT_OPEN', '本活动的签到、签退已经结束，无法再领取签到码');
  }
  const seq = await ctx.storage.issuePassSeq(event.id, studentNo, now);
  const device = newDeviceKey();
  // The pass outlives the last moment it can be used (check-out may close after the end) by a day of clock slack.
  const lastUse = Math.max(Date.parse(event.endAt), Date.parse(event.checkoutEndAt));
  const expiresSec = Math.floor((lastUse + DAY_MS) / 1000);
  const claims: PassClaims = { v: 1, k: keyring.signerKid, e: event.id, s: studentNo, q: seq, p: device.publicKey, x: expiresSec };
  return {
    eventId: event.id,
    pass: signPass(claims, keyring.sign),
    deviceKey: device.seed,
    expiresAt: new Date(expiresSec * 1000).toISOString(),
    windowSeconds: WINDOW_MS / 1000,
  };
}
