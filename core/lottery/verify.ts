import { drawProblem, runDraw, seedMatchesCommitment } from './draw';
import { allowedWeights, type PriorityRule } from './priority';
import type { Sha256 } from './sha256';

/**
 * Checking a published draw, as the verify page and `npm run verify-draw` do: from what getLotteryResult publishes —
 * the commitment shown before the window opened, the revealed seed, the seats, the priority rules and every
 * applicant's pseudonym, weight and place — recompute the draw and compare. Nothing here trusts the server's order:
 * only its inputs.
 */
export interface PublishedDraw {
  eventId: string;
  commitment: string;
  seed: string;
  seats: number;
  priority: readonly PriorityRule[];
  applicants: ReadonlyArray<{ pseudonym: string; weight: number; rank: number }>;
}

export interface DrawCheck {
  /** The seed is the one committed to before the window opened. */
  seedMatches: boolean;
  /** Every weight is one the committed rules allow. */
  weightsAllowed: boolean;
  /** Every published place is the recomputed one. */
  ranksMatch: boolean;
  /** The recomputed outcome. */
  winners: string[];
  waitlist: string[];
  /** Pseudonyms whose published place differs from the recomputed one (at most 20), or a word on what is wrong. */
  problems: string[];
}

export function checkPublishedDraw(published: PublishedDraw, sha256: Sha256): DrawCheck {
  const seedMatches = seedMatchesCommitment(published.seed, published.commitment, sha256);
  const allowed = new Set(allowedWeights(published.priority));
  const weightsAllowed = published.applicants.every((a) => allowed.has(a.weight));
  const input = { eventId: published.eventId, seed: published.seed, seats: published.seats, applicants: published.applicants.map((a) => ({ pseudonym: a.pseudonym, weight: a.weight })) };
  const problem = drawProblem(input);
  if (problem) return { seedMatches, weightsAllowed, ranksMatch: false, winners: [], waitlist: [], problems: [problem] };
  const result = runDraw(input, sha256);
  const rankOf = new Map(result.order.map((p, i) => [p, i + 1]));
  const mismatched = published.applicants.filter((a) => rankOf.get(a.pseudonym) !== a.rank);
  const problems = mismatched.slice(0, 20).map((a) => `${a.pseudonym}：公布为第 ${a.rank} 位，重算为第 ${rankOf.get(a.pseudonym)} 位`);
  if (!weightsAllowed) problems.unshift('有申请人的权重不在公示的优先规则之内');
  if (!seedMatches) problems.unshift('公布的种子与报名前公示的承诺值不符');
  return { seedMatches, weightsAllowed, ranksMatch: mismatched.length === 0, winners: result.winners, waitlist: result.waitlist, problems };
}
