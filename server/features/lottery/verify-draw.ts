import { checkPublishedDraw, type PriorityRule } from '../../../core';
import type { ActionOutput, ApiResult } from '../../../types';
import { nodeSha256 } from '../../security/lottery-secrets';

/** Asks one action of the API (over HTTP in the script; a test passes dispatch itself). */
export type AskApi = (action: 'getLotteryResult', payload: { eventId: string; page: number }) => Promise<ApiResult<ActionOutput<'getLotteryResult'>>>;

export interface DrawVerification {
  ok: boolean;
  /** What the script prints, line by line (Chinese, for the committee and for students). */
  lines: string[];
}

/**
 * Checks a published draw from the outside, as anyone may (`npm run verify-draw -- <event>`): every page of
 * getLotteryResult, then checkPublishedDraw (core) on the published seed, commitment, seats, rules and applicants —
 * nothing of the server's own order is trusted. Prints the winners and the waitlist as recomputed.
 */
export async function verifyDraw(eventId: string, ask: AskApi): Promise<DrawVerification> {
  const first = await ask('getLotteryResult', { eventId, page: 1 });
  if (!first.ok) return { ok: false, lines: [`无法取得抽签结果：${first.message}（${first.code}）`] };
  const result = first.data;
  const applicants = [...result.applicants];
  for (let page = 2; page <= result.pages; page++) {
    const next = await ask('getLotteryResult', { eventId, page });
    if (!next.ok) return { ok: false, lines: [`第 ${page} 页取得失败：${next.message}（${next.code}）`] };
    applicants.push(...next.data.applicants);
  }
  const priority = result.priority.map((p) =>
    p.kind === 'college' ? { kind: 'college', college: p.target, weight: p.weight } : { kind: 'new_to_module', module: p.target, weight: p.weight },
  ) as PriorityRule[];
  const check = checkPublishedDraw({ eventId, commitment: result.commitment, seed: result.seed, seats: result.seats, priority, applicants }, nodeSha256);
  const ok = check.seedMatches && check.weightsAllowed && check.ranksMatch && applicants.length === result.total;
  const lines = [
    `活动：${result.title}（${eventId}）`,
    `承诺值：${result.commitment}`,
    `公布的种子：${result.seed}`,
    `种子与承诺值${check.seedMatches ? '一致' : '不一致'}；名额 ${result.seats}，申请 ${result.total} 人（已取得 ${applicants.length} 人）`,
    ...(result.priority.length ? [`优先规则：${result.priority.map((p) => p.label).join('；')}`] : []),
    `中签（按抽中顺序）：${check.winners.join(' ') || '无'}`,
    `候补（按顺序）：${check.waitlist.join(' ') || '无'}`,
    ...check.problems,
    ok ? '核对通过：公布的结果与按公开算法重算的结果一致' : '核对未通过',
  ];
  return { ok, lines };
}
