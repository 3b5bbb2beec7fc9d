import { sha256 } from '@noble/hashes/sha2';
import { create } from 'zustand';
import { checkPublishedDraw, type DrawCheck } from '../../../../core/lottery/verify';
import type { PriorityRule } from '../../../../core/lottery/priority';
import type { ActionOutput } from '../../../../types/actions';
import { call, messageOf } from '../../../services/api';

type Result = ActionOutput<'getLotteryResult'>;

interface VerifyState {
  phase: 'idle' | 'loading' | 'done' | 'failed';
  result: Result | null;
  check: DrawCheck | null;
  /** Applicants fetched (every page), against the published total. */
  fetched: number;
  /** The caller's own 化名 in this draw (getEventFairness `mine.pseudonym`), so the page can point at their line. */
  mine: string | null;
  error: string | null;
  verify: (eventId: string) => Promise<void>;
}

/**
 * 抽签核对 on the phone: every page of the published draw, then the core's check (seed against the commitment, weights
 * against the rules, each place recomputed) with SHA-256 in pure JS — nothing the server says about the order is
 * taken on trust. The same check as `npm run verify-draw`.
 */
export const useLotteryVerifyStore = create<VerifyState>()((set) => ({
  phase: 'idle',
  result: null,
  check: null,
  fetched: 0,
  mine: null,
  error: null,
  async verify(eventId) {
    set({ phase: 'loading', error: null, check: null, mine: null });
    // Best effort, beside the check: a visitor who is not a bound applicant (or a failed read) just sees no own line.
    const mine = call('getEventFairness', { eventId }).then((f) => f.lottery?.mine?.pseudonym ?? null, () => null);
    try {
      const first = await call('getLotteryResult', { eventId, page: 1 });
      const applicants = [...first.applicants];
      for (let page = 2; page <= first.pages; page++) applicants.push(...(await call('getLotteryResult', { eventId, page })).applicants);
      const priority = first.priority.map((p) =>
        p.kind === 'college' ? { kind: 'college', college: p.target, weight: p.weight } : { kind: 'new_to_module', module: p.target, weight: p.weight },
      ) as PriorityRule[];
      const check = checkPublishedDraw({ eventId, commitment: first.commitment, seed: first.seed, seats: first.seats, priority, applicants }, sha256);
      set({ phase: 'done', result: { ...first, applicants }, check, fetched: applicants.length, mine: await mine });
    } catch (error) {
      set({ phase: 'failed', error: messageOf(error) });
    }
  },
}));
