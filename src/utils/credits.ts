import type { AppealView, LedgerEntryView } from '../../types/models';

/**
 * The one place that turns the API's credit amounts into text. Amounts are integers in hundredths of a credit
 * (250 = 2.5 学分), so sums stay exact; they are divided only here, for display.
 */

/** 250 → "2.5", 1000 → "10", 125 → "1.25", -50 → "-0.5". */
export function formatCredits(hundredths: number): string {
  const value = Math.round(hundredths);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  if (cents === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** 250 → "2.5 学分". */
export function creditsText(hundredths: number): string {
  return `${formatCredits(hundredths)} 学分`;
}

/** An entry's amount with its sign: "+2.5", "−0.5" (a true minus sign, easier to read than a hyphen). */
export function signedCredits(hundredths: number): string {
  if (hundredths < 0) return `−${formatCredits(-hundredths)}`;
  return `+${formatCredits(hundredths)}`;
}

/** Volunteer hours: "12.5 小时", "0 小时". */
export function hoursText(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} 小时`;
}

/** Progress toward a requirement, 0–100 (a requirement of 0 counts as met). */
export function progressPercent(have: number, need: number): number {
  if (need <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round((have / need) * 100)));
}

/** "还差 1.5 学分" while short of a requirement, else null. */
export function shortfallText(have: number, need: number): string | null {
  return have >= need ? null : `还差 ${creditsText(need - have)}`;
}

export type EntryTag = 'checkin' | 'appeal' | 'manual' | 'reversal' | 'assessment' | 'team' | 'noshow';

/**
 * Where an entry came from, as a short tag on the timeline, in a student's words: 签到 / 申诉 / 团委认定 (a committee's
 * award from a file) / 更正 (a reversing entry; bookkeepers call it 冲正) / 考核 / 团队 / 缺席.
 */
export function entryTag(entry: Pick<LedgerEntryView, 'kind' | 'sourceType'>): { tag: EntryTag; label: string } {
  if (entry.kind === 'reversal') return { tag: 'reversal', label: '更正' };
  switch (entry.sourceType) {
    case 'attendance':
      return { tag: 'checkin', label: '签到' };
    case 'appeal':
      return { tag: 'appeal', label: '申诉' };
    case 'manual':
      return { tag: 'manual', label: '团委认定' };
    case 'assessment':
      return { tag: 'assessment', label: '考核' };
    case 'team':
      return { tag: 'team', label: '团队' };
    case 'no_show':
      return { tag: 'noshow', label: '缺席' };
    default:
      return { tag: 'manual', label: '其他' };
  }
}

export const APPEAL_STATUS_LABELS: Record<AppealView['status'], string> = {
  pending: '处理中',
  accepted: '已通过',
  rejected: '未通过',
};

/** The net credit an event has brought (awards minus reversals), from the transcript's entries. */
export function creditedForEvent(entries: readonly Pick<LedgerEntryView, 'eventId' | 'amount'>[], eventId: string): number {
  return entries.reduce((sum, e) => (e.eventId === eventId ? sum + e.amount : sum), 0);
}

/**
 * How an event's credit is counted, in a student's words: a fixed amount for coming (after check-out where hours are
 * recorded), or so much per hour between check-in and check-out up to a ceiling, with the share of the event one must
 * stay. `rule` is getEvent's creditRule (hundredths), `credits` the amount on the card.
 */
export function creditRuleText(
  rule: { kind: 'fixed' | 'per_hour' | 'none'; perHour: number | null; cap: number | null; minStayRatio: number },
  credits: number,
  checkoutRequired: boolean,
): string {
  if (rule.kind === 'none') return '本活动不记学分';
  const stay = checkoutRequired && rule.minStayRatio > 0 ? `；在场不足活动时长的 ${Math.round(rule.minStayRatio * 100)}% 不计` : '';
  if (rule.kind === 'per_hour' && rule.perHour !== null) {
    const cap = rule.cap ? `，本次最多 ${creditsText(rule.cap)}` : '';
    return `按签到到签退的时长计：每小时 ${creditsText(rule.perHour)}${cap}${stay}`;
  }
  return checkoutRequired ? `签到、签退后记 ${credits} 学分${stay}` : `签到即记 ${credits} 学分`;
}
