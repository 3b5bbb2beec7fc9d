import type { FollowOutcome } from '../stores/follows';

/**
 * The toast after a 关注 tap (the follows page, the catalogue's strip): what WeChat's answer means for the student's
 * alerts. `followed` is the new state, or null for 补充提醒次数.
 */
export function followToast(outcome: Extract<FollowOutcome, { ok: true }>, followed: boolean | null): string {
  if (followed === false) return '已取消关注';
  if (outcome.consent === 'accepted') return followed ? `已关注，剩余提醒 ${outcome.alertsLeft} 次` : `剩余提醒 ${outcome.alertsLeft} 次`;
  if (outcome.consent === 'refused') return followed ? '已关注。未允许提醒，暂时收不到微信通知' : '未允许，提醒次数没有增加';
  return '已关注';
}
