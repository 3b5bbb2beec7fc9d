import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { requireEvent } from '../shared/lookups';
import type { HandlerContext } from '../shared/context';
import { moduleNamer, priorityViews } from './views';

/** Applicants per page of the published list: ~40 bytes each, so a page stays near 160 KB, far under 1 MB. */
export const RESULT_PAGE_SIZE = 4000;

/**
 * The published draw (anyone, no login): everything needed to recompute it — the commitment shown before the window
 * opened, the revealed seed, the seats, the committed priority rules — and every applicant's pseudonym, weight and
 * place, a page at a time in pseudonym order. A draft is not found; a lottery not drawn yet says so.
 */
export async function getLotteryResult(input: ActionParsedInput<'getLotteryResult'>, ctx: HandlerContext): Promise<ActionOutput<'getLotteryResult'>> {
  const event = await requireEvent(input.eventId, ctx);
  if (event.status === 'draft') throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  const lottery = event.lottery;
  if (event.signupMode !== 'lottery' || !lottery) throw new ApiError('LOTTERY_NOT_LOTTERY');
  if (!lottery.drawnAt || !lottery.seed || lottery.seats === null) throw new ApiError('LOTTERY_NOT_DRAWN');
  if (!lottery.complete) throw new ApiError('LOTTERY_WRITING');
  const total = lottery.applicants ?? 0;
  const pages = Math.max(1, Math.ceil(total / RESULT_PAGE_SIZE));
  const page = Math.min(input.page ?? 1, pages);
  const applicants = await ctx.storage.drawnApplicants(event.id, (page - 1) * RESULT_PAGE_SIZE, RESULT_PAGE_SIZE);
  return {
    eventId: event.id,
    title: event.title,
    version: lottery.version,
    commitment: lottery.commitment,
    seed: lottery.seed,
    seats: lottery.seats,
    drawnAt: lottery.drawnAt,
    priority: priorityViews(lottery.priority, await moduleNamer(ctx)),
    applicants,
    total,
    page,
    pages,
  };
}
