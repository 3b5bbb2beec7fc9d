import { AWARD_LABELS, CONTEST_TRACK_LABELS } from '../../types/contest';
import type { AwardDraft } from '../credits/ledger';
import type { ContestCredits, ContestEntry, ContestRound, EntryResult } from './records';

/**
 * What a published round is worth on the ledger, per member of each entry: entering (`ctn:`), advancing (`cta:`) and
 * an award (`ctw:`), each its own source keyed by the entry and the student, so publishing again — or a retry after a
 * crash half-way — settles each to the same entry and never twice. Worth nothing (an amount of 0, not advanced, no
 * award): no source.
 */

export const DEFAULT_CONTEST_CREDITS: ContestCredits = { module: 'ideology', entered: 50, advanced: 100, awards: [300, 200, 100] };

export interface ContestCreditSource {
  studentNo: string;
  base: string;
  target: AwardDraft;
}

const credits = (hundredths: number) => `${Math.round(hundredths) / 100} 学分`;

export function contestCreditSources(
  round: Pick<ContestRound, 'title' | 'credits'>,
  entry: Pick<ContestEntry, 'id' | 'members' | 'topic' | 'track'>,
  result: Pick<EntryResult, 'advanced' | 'award'>,
  by: string,
  at: Date,
): ContestCreditSource[] {
  const { module, entered, advanced, awards } = round.credits;
  const parts: Array<{ prefix: string; amount: number; rule: string }> = [{ prefix: 'ctn', amount: entered, rule: `百生讲坛参赛 ${credits(entered)}` }];
  if (result.advanced) parts.push({ prefix: 'cta', amount: advanced, rule: `百生讲坛晋级 ${credits(advanced)}` });
  if (result.award) {
    const amount = awards[result.award - 1];
    parts.push({ prefix: 'ctw', amount, rule: `百生讲坛${AWARD_LABELS[result.award - 1]} ${credits(amount)}` });
  }
  const reason = `${round.title}（${CONTEST_TRACK_LABELS[entry.track]}）：${entry.topic}`;
  return entry.members.flatMap((studentNo) =>
    parts
      .filter((p) => p.amount > 0)
      .map((p) => ({
        studentNo,
        base: `${p.prefix}:${entry.id}:${studentNo}`,
        target: {
          base: `${p.prefix}:${entry.id}:${studentNo}`,
          studentNo,
          module,
          amount: p.amount,
          hours: 0,
          sourceType: 'contest' as const,
          eventId: null,
          rule: p.rule,
          reason,
          confirmedBy: by,
          at: at.toISOString(),
        },
      })),
  );
}
