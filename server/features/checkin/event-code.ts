import { ApiError, type ActionOutput, type ActionParsedInput, type ErrorCode } from '../../../types';
import { settleAfterScan } from '../credits/settle-attendance';
import { CODE_PREFIX, distanceMeters, windowAcceptedUntil, windowOf, WINDOW_MS, type ScanRefusal } from '../../../core';
import { campusDateTime } from '../shared/campus-time';
import { eventCodeTag } from '../../security/checkin-keys';
import { composeEventCode, isEventCode, verifyEventCode, type EventCodeRefusal } from '../../security/event-code';
import { currentCounts, requireCheckinStaff, requireKeyring } from './common';
import { requireEvent } from '../shared/lookups';
import { memberLookup, resultOfScan } from './results';
import type { HandlerContext } from '../shared/context';
import { requireOpenid, requireStudentNo } from '../shared/caller';

/** A phone's reported accuracy widens the radius by at most this much, so "±5 km" cannot check in from home. */
const MAX_ACCURACY_ALLOWANCE_M = 100;

/**
 * The event code (正扫) for the officer's screen: rotates every 30-second window. `refreshAfterMs` says when the
 * next window starts; a code stays accepted one window longer (windowAcceptedUntil) for students mid-scan.
 */
export async function getEventCheckinCode(
  input: ActionParsedInput<'getEventCheckinCode'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'getEventCheckinCode'>> {
  const { event } = await requireCheckinStaff(input.eventId, ctx);
  const keyring = requireKeyring(ctx);
  if (event.status === 'cancelled') throw new ApiError('CHECKIN_EVENT_CANCELLED');
  const now = ctx.now();
  const window = windowOf(now);
  return {
    code: composeEventCode(keyring.eventCodeSecret, event.id, input.purpose, now),
    expiresAt: windowAcceptedUntil(window).toISOString(),
    refreshAfterMs: (window + 1) * WINDOW_MS - now.getTime(),
    counts: await currentCounts(event, ctx),
  };
}

/** Refusals in the student's own words (the shared messages address the officer who scans). */
const CODE_MESSAGES: Record<EventCodeRefusal, string> = {
  CHECKIN_CODE_MALFORMED: '这不是活动签到码，请扫描活动现场大屏或团干部手机上的活动码',
  CHECKIN_CODE_FORGED: '活动码无效，请扫描活动现场展示的活动码',
  CHECKIN_CODE_EXPIRED: '活动码已过期（每 30 秒更新，照片和截图无效），请扫描现场正在展示的活动码',
  CHECKIN_CODE_NOT_YET_VALID: '活动码无效，请扫描现场正在展示的活动码',
};
const SCAN_MESSAGES: Partial<Record<ScanRefusal, string>> = {
  CHECKIN_NOT_REGISTERED: '你没有报名这个活动（本活动不接受现场报名）',
  CHECKIN_WAITLISTED: '你仍在候补中，没有获得名额，无法签到',
  CHECKIN_REGISTRATION_CANCELLED: '你已取消报名，无法签到',
  CHECKIN_NOT_CHECKED_IN: '你还没有签到，不能签退',
};

/**
 * A student checks themself in (or out) by scanning the event code. The code proves presence at the screen within
 * the last minute; the optional venue radius adds the phone's location. Refusals are thrown (the student's page
 * shows the message); the answer's result is recorded or already.
 */
export async function selfCheckin(input: ActionParsedInput<'selfCheckin'>, ctx: HandlerContext): Promise<ActionOutput<'selfCheckin'>> {
  const [studentNo, openid] = await Promise.all([requireStudentNo(ctx), requireOpenid(ctx)]);
  const keyring = requireKeyring(ctx);
  const now = ctx.now();
  const code = input.code.trim();
  if (!isEventCode(code)) {
    const message = code.startsWith(`${CODE_PREFIX}.`)
      ? '这是同学的个人签到码，需由团干部扫描；自助签到请扫描活动现场展示的活动码'
      : CODE_MESSAGES.CHECKIN_CODE_MALFORMED;
    throw new ApiError('CHECKIN_CODE_MALFORMED', message);
  }
  const verified = verifyEventCode(keyring.eventCodeSecret, code, now);
  if (!verified.ok) throw new ApiError(verified.code, CODE_MESSAGES[verified.code]);
  const event = await requireEvent(verified.eventId, ctx);

  if (event.geofence) {
    if (!input.location) throw new ApiError('CHECKIN_LOCATION_REQUIRED');
    const distance = distanceMeters(input.location, event.geofence);
    const allowance = Math.min(input.location.accuracy ?? 0, MAX_ACCURACY_ALLOWANCE_M);
    if (distance > event.geofence.radiusM + allowance) {
      throw new ApiError(
        'CHECKIN_OUT_OF_RANGE',
        `你距离活动地点约 ${Math.round(distance)} 米，需在 ${event.geofence.radiusM} 米范围内签到，请到现场后再扫码`,
      );
    }
  }

  // One scan id per student, event, purpose and code window: the same code sent twice (a retry) is one scan. Keyed
  // with the server's secret so that nobody can predict, and so take, the id of someone else's scan.
  const window = code.split('.')[2];
  const scanId = `self-${window}-${verified.purpose}-${eventCodeTag(keyring.eventCodeSecret, `self|${event.id}|${studentNo}`)}`;
  const { scan, duplicate } = await ctx.storage.recordScan(
    {
      scanId,
      eventId: event.id,
      attempt: { studentNo, purpose: verified.purpose, at: now, by: openid, method: 'event_code', passSeq: null },
      offline: false,
    },
    now,
  );
  if (scan.outcome.status === 'refused') {
    const refusal = (scan.outcome.code ?? 'CHECKIN_NOT_OPEN') as ErrorCode;
    const closes = verified.purpose === 'in' ? event.checkinEndAt : event.checkoutEndAt;
    const message =
      refusal === 'CHECKIN_NOT_OPEN'
        ? `不在${verified.purpose === 'in' ? '签到' : '签退'}时间内（${campusDateTime(event.checkinStartAt)} 至 ${campusDateTime(closes)}）`
        : SCAN_MESSAGES[refusal as ScanRefusal];
    throw new ApiError(refusal, message);
  }
  await settleAfterScan(ctx.storage, event, scan, duplicate, now);
  return { result: resultOfScan(scan, duplicate, await memberLookup(ctx)(studentNo)), event: { id: event.id, title: event.title } };
}
