import type { LotteryView } from '../../../types';
import { describePriority, lotteryPhase, type EventRecord, type PriorityRule, type RegistrationRecord } from '../../../core';
import type { HandlerContext } from '../shared/context';

/** A rule as the event page shows it, with the module's name from the committee's settings. */
export function priorityViews(rules: readonly PriorityRule[], moduleName: (id: string) => string): LotteryView['priority'] {
  return rules.map((r) => ({
    kind: r.kind,
    target: r.kind === 'college' ? r.college : r.module,
    weight: r.weight,
    label: describePriority(r, moduleName),
  }));
}

export async function moduleNamer(ctx: HandlerContext): Promise<(id: string) => string> {
  const { modules } = await ctx.storage.creditSettings();
  const names = new Map(modules.map((m) => [m.id, m.name]));
  return (id) => names.get(id) ?? id;
}

/**
 * A lottery event's lottery as everyone sees it, and the caller's own application. Applications are counted while
 * the draw is ahead (one count), never before the window opens.
 */
export async function lotteryViewOf(
  ctx: HandlerContext,
  event: EventRecord,
  mine: { registration: RegistrationRecord; waitlistPosition: number | null } | null,
): Promise<LotteryView | null> {
  const lottery = event.lottery;
  if (event.signupMode !== 'lottery' || !lottery) return null;
  const now = ctx.now();
  const phase = lotteryPhase(event, now)!;
  const applicants = lottery.drawnAt ? (lottery.applicants ?? 0) : phase === 'before_window' ? 0 : await ctx.storage.countLotteryApplications(event.id);
  const r = mine?.registration;
  const shown = r?.lottery && (r.status !== 'cancelled' || r.lottery.rank !== null);
  return {
    eventId: event.id,
    version: lottery.version,
    phase,
    commitment: lottery.commitment,
    committedAt: lottery.committedAt,
    priority: priorityViews(lottery.priority, await moduleNamer(ctx)),
    applicants,
    drawnAt: lottery.drawnAt,
    seed: lottery.seed,
    seats: lottery.seats,
    winners: lottery.winners,
    complete: lottery.complete,
    mine:
      r && shown
        ? { status: r.status, weight: r.lottery!.weight, pseudonym: r.lottery!.pseudonym, rank: r.lottery!.rank, waitlistPosition: mine.waitlistPosition }
        : null,
  };
}
