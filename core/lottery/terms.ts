import type { ErrorCode } from '../../types';
import type { EventRules } from '../records';
import { DRAW_VERSION, runDraw, type DrawApplicant } from './draw';
import type { PriorityRule } from './priority';
import { toHex, utf8Bytes, type Sha256 } from './sha256';

/**
 * A lottery event's life, beside the event's own (core/publishing):
 *
 *   publish (before the window opens) ── applying (window open: each student writes their own application)
 *     ── the window closes ── DRAW_SETTLE_MS later the draw is due (the timer, or the organiser's 开奖)
 *     ── drawn: winners confirmed, the rest waitlisted in drawn order; the seed and the list are published.
 *
 * The settle time makes sure no application accepted just before the close is still on its way when the applicants
 * are read (a cloud function call lasts at most 20 s): the set drawn from is the set accepted.
 */
export const SIGNUP_MODES = ['first_come', 'lottery'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

export const DRAW_SETTLE_MS = 60_000;

/** What everyone may see of a lottery: the terms from publishing on, the outcome from the draw on. */
export interface LotteryPublic {
  version: typeof DRAW_VERSION;
  /** SHA-256 of the secret seed (commitmentOf), shown before the window opens. */
  commitment: string;
  /** Committed with the seed; the event page shows them. */
  priority: PriorityRule[];
  committedAt: string;
  /** Null until the draw. */
  drawnAt: string | null;
  /** The seed, revealed at the draw. */
  seed: string | null;
  /** Seats drawn for (the free seats when the draw ran), applicants and winners. */
  seats: number | null;
  applicants: number | null;
  winners: number | null;
  /** SHA-256 of the drawn order (pseudonyms, one a line): what a resumed draw checks it recomputed. */
  orderDigest: string | null;
  /**
   * Every applicant's placement is written. SQLite writes them with the decision; CloudBase decides in one
   * transaction and writes the placements after it (resumed by the next call until complete).
   */
  complete: boolean;
}

export function committedLottery(commitment: string, priority: readonly PriorityRule[], at: Date): LotteryPublic {
  return {
    version: DRAW_VERSION,
    commitment,
    priority: priority.map((r) => ({ ...r })),
    committedAt: at.toISOString(),
    drawnAt: null,
    seed: null,
    seats: null,
    applicants: null,
    winners: null,
    orderDigest: null,
    complete: false,
  };
}

export type LotteryPhase = 'before_window' | 'applying' | 'closing' | 'due' | 'drawn';

/** Where a lottery event stands at `now` (null for a first-come event). */
export function lotteryPhase(event: Pick<EventRules, 'signupMode' | 'lottery' | 'signupStartAt' | 'signupEndAt'>, now: Date): LotteryPhase | null {
  if (event.signupMode !== 'lottery') return null;
  if (event.lottery?.drawnAt) return 'drawn';
  const t = now.getTime();
  if (t < Date.parse(event.signupStartAt)) return 'before_window';
  if (t < Date.parse(event.signupEndAt)) return 'applying';
  if (t < Date.parse(event.signupEndAt) + DRAW_SETTLE_MS) return 'closing';
  return 'due';
}

/**
 * Why the draw may not run now, or null: only a published or closed lottery event, once, from DRAW_SETTLE_MS after
 * its window closed. A draw already decided but not yet written through (CloudBase) is not refused: it is resumed.
 */
export function drawRefusal(event: Pick<EventRules, 'status' | 'signupMode' | 'lottery' | 'signupStartAt' | 'signupEndAt'>, now: Date): ErrorCode | null {
  if (event.status === 'draft') return 'NOT_FOUND';
  if (event.status === 'cancelled') return 'EVENT_CANCELLED';
  if (event.signupMode !== 'lottery' || !event.lottery) return 'LOTTERY_NOT_LOTTERY';
  if (event.lottery.drawnAt) return event.lottery.complete ? 'LOTTERY_DRAWN' : null;
  const phase = lotteryPhase(event, now);
  return phase === 'due' ? null : 'LOTTERY_NOT_DUE';
}

/** One application as the draw reads it. */
export interface LotteryApplicant {
  studentNo: string;
  pseudonym: string;
  weight: number;
}

export interface DrawPlacement {
  studentNo: string;
  pseudonym: string;
  status: 'confirmed' | 'waitlisted';
  /** 1-based place in the drawn order. */
  rank: number;
  /** The waitlist ticket (drawn order), for those waitlisted. */
  waitlistSeq: number | null;
}

export interface DrawAssignment {
  placements: DrawPlacement[];
  counters: Pick<EventRules, 'seatsLeft' | 'waitlistCount' | 'waitlistSeq'>;
  /** The event's lottery after the draw (complete: false; the adapter sets it once every placement is written). */
  lottery: LotteryPublic;
}

/**
 * The draw applied to the event: the first `seatsLeft` of the drawn order are confirmed, the rest waitlisted with
 * tickets in drawn order (so a winner who cancels passes the seat to the next in that order, core/cancel-rules.ts).
 */
export function assignDraw(
  event: Pick<EventRules, 'id' | 'seatsLeft' | 'waitlistCount' | 'waitlistSeq'> & { lottery: LotteryPublic },
  applicants: readonly LotteryApplicant[],
  seed: string,
  sha256: Sha256,
  now: Date,
): DrawAssignment {
  const seats = event.seatsLeft;
  const drawInput: DrawApplicant[] = applicants.map((a) => ({ pseudonym: a.pseudonym, weight: a.weight }));
  const { order } = runDraw({ eventId: event.id, seed, seats, applicants: drawInput }, sha256);
  const byPseudonym = new Map(applicants.map((a) => [a.pseudonym, a]));
  let ticket = event.waitlistSeq;
  const placements = order.map((pseudonym, i): DrawPlacement => {
    const a = byPseudonym.get(pseudonym)!;
    const won = i < seats;
    return { studentNo: a.studentNo, pseudonym, status: won ? 'confirmed' : 'waitlisted', rank: i + 1, waitlistSeq: won ? null : ++ticket };
  });
  const winners = Math.min(seats, order.length);
  return {
    placements,
    counters: { seatsLeft: seats - winners, waitlistCount: event.waitlistCount + (order.length - winners), waitlistSeq: ticket },
    lottery: {
      ...event.lottery,
      drawnAt: now.toISOString(),
      seed,
      seats,
      applicants: order.length,
      winners,
      orderDigest: orderDigest(order, sha256),
      complete: false,
    },
  };
}

/** SHA-256 of the drawn order, one pseudonym a line. */
export function orderDigest(order: readonly string[], sha256: Sha256): string {
  return toHex(sha256(utf8Bytes(order.join('\n'))));
}
