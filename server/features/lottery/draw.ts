import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { drawRefusal, outboxKey, type DrawPlacement, type EventRecord, type OutboxMessage } from '../../../core';
import { nodeSha256 } from '../../security/lottery-secrets';
import type { StoragePort } from '../../storage/ports';
import { requireOrganisedEvent } from '../publishing/scope';
import { campusDateTime } from '../shared/campus-time';
import type { HandlerContext } from '../shared/context';
import { lotteryViewOf } from './views';

/**
 * 开奖. The timer draws every lottery whose window closed (drawDueLotteries); the organiser may draw by hand from the
 * same moment on (a minute after the close, DRAW_SETTLE_MS). Either way the draw is one port call (atomic where the
 * data lives) and each applicant then hears the result: in the app (their status) and by subscribe message.
 */
export async function drawLottery(input: ActionParsedInput<'drawLottery'>, ctx: HandlerContext): Promise<ActionOutput<'drawLottery'>> {
  const { event, openid } = await requireOrganisedEvent(input.eventId, ctx);
  const now = ctx.now();
  const refusal = drawRefusal(event, now);
  if (refusal) throw new ApiError(refusal);
  const outcome = await runDraw(ctx.storage, event, now, openid);
  return { lottery: (await lotteryViewOf(ctx, outcome.event, null))!, placed: outcome.placements.length };
}

async function runDraw(storage: StoragePort, event: EventRecord, now: Date, actor: string) {
  const audit = { at: now.toISOString(), actor, action: 'lottery.draw', target: event.id, detail: '{}' };
  const outcome = await storage.drawLottery(event.id, now, nodeSha256, audit);
  // The seat is given either way: a notice that cannot be queued now is logged (the timer does not queue it again).
  await queueResultNotices(storage, outcome.event, outcome.placements, now).catch((error) =>
    console.error(`[lottery] result notices of ${event.id} not queued`, error),
  );
  return outcome;
}

/** The timer's step: every lottery event whose draw is due (or decided and not yet written through). */
export async function drawDueLotteries(storage: StoragePort, now: Date): Promise<number> {
  const due = (await storage.listEvents({})).filter((e) => e.signupMode === 'lottery' && drawRefusal(e, now) === null);
  let drawn = 0;
  for (const event of due) {
    try {
      await runDraw(storage, event, now, 'system');
      drawn++;
    } catch (error) {
      // One event's failure must not stop the others; the next run tries again.
      console.error(`[lottery] draw of ${event.id} failed`, error);
    }
  }
  return drawn;
}

/** 中签 / 候补第 N 位, one message per applicant (keyed by reason: a draw written in two calls queues each once). */
export function resultMessages(event: EventRecord, placements: readonly DrawPlacement[], now: Date): OutboxMessage[] {
  const seats = event.lottery?.seats ?? 0;
  return placements.map((p) => ({
    key: outboxKey('lottery_result', event.id, p.studentNo),
    kind: 'lottery_result',
    studentNo: p.studentNo,
    eventId: event.id,
    data: {
      title: event.title,
      time: campusDateTime(event.startAt),
      place: event.location,
      note: p.status === 'confirmed' ? '恭喜中签，已为你确认名额，请准时参加' : `未中签，候补第 ${p.rank - seats} 位，有人取消时按抽签顺序递补`,
    },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    lastError: null,
    createdAt: now.toISOString(),
    sentAt: null,
    deadlineAt: event.startAt,
  }));
}

async function queueResultNotices(storage: StoragePort, event: EventRecord, placements: readonly DrawPlacement[], now: Date): Promise<number> {
  return placements.length ? storage.enqueueNotifications(resultMessages(event, placements, now)) : 0;
}
