import type { EventRecord, RegistrationRecord } from '../records';
import type { AttendanceRecord } from '../checkin/attendance';
import { LEAVE_AFTER_END_MS, type LeaveRecord } from './leave-rules';
import { shanghaiClockText, shanghaiDateText, termOf } from './term';

/**
 * No-shows that cost a place (the committee's optional rule, beside the credit deduction of core/credits): a
 * confirmed student who neither came nor was excused gets a mark; `marksPerTerm` marks in one term block new
 * sign-ups for `blockDays` from the latest of them. An approved leave or a corrected check-in removes a mark, and
 * the block is worked out again from the marks left (so it may end, or end sooner).
 *
 * A mark is recorded once the time for leave is over (LEAVE_AFTER_END_MS after the event ended) and never while a
 * leave request waits for its answer. Marks are kept per (event, student); a mark once removed is not recorded again.
 */
export interface BlockRule {
  enabled: boolean;
  marksPerTerm: number;
  blockDays: number;
}

export const DEFAULT_BLOCK_RULE: BlockRule = { enabled: false, marksPerTerm: 3, blockDays: 7 };

export const MARK_AFTER_END_MS = LEAVE_AFTER_END_MS;

export interface NoShowMark {
  eventId: string;
  studentNo: string;
  /** The event's title, for the block's reason. */
  eventTitle: string;
  /** Term of the event (termOf its start). */
  term: string;
  recordedAt: string;
  /** Set when an approved leave or a corrected check-in took the mark away. */
  removedAt: string | null;
  removedReason: string | null;
}

export interface SignupBlock {
  studentNo: string;
  term: string;
  /** Sign-ups are refused until this instant. */
  until: string;
  /** How many marks in the term caused it, and their events. */
  marks: number;
  eventTitles: string[];
  reason: string;
  updatedAt: string;
}

/** Whether a confirmed registration of an ended event is a no-show to mark at `now`. */
export function markDue(
  event: Pick<EventRecord, 'status' | 'endAt'>,
  registration: Pick<RegistrationRecord, 'status'> | null,
  attendance: Pick<AttendanceRecord, 'checkedInAt'> | null,
  leave: Pick<LeaveRecord, 'status'> | null,
  now: Date,
): boolean {
  if (event.status !== 'published' && event.status !== 'closed') return false;
  if (now.getTime() < Date.parse(event.endAt) + MARK_AFTER_END_MS) return false;
  if (registration?.status !== 'confirmed' || attendance?.checkedInAt) return false;
  return leave?.status !== 'pending' && leave?.status !== 'approved';
}

export function newMark(event: Pick<EventRecord, 'id' | 'title' | 'startAt'>, studentNo: string, now: Date): NoShowMark {
  return { eventId: event.id, studentNo, eventTitle: event.title, term: termOf(event.startAt).id, recordedAt: now.toISOString(), removedAt: null, removedReason: null };
}

/** A title in “”, its own quotation marks turned to the inner ‘’ (“‘学习二十大’主题团日”, not ““学习二十大”主题团日”). */
function quoted(title: string): string {
  return `“${title.replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/**
 * The block the student's standing marks of a term call for under the rule, or null: `marksPerTerm` or more marks
 * block until `blockDays` after the latest one.
 */
export function blockFor(studentNo: string, term: string, marks: readonly NoShowMark[], rule: BlockRule, now: Date): SignupBlock | null {
  if (!rule.enabled) return null;
  const standing = marks.filter((m) => m.term === term && m.removedAt === null && m.studentNo === studentNo);
  if (standing.length < rule.marksPerTerm) return null;
  const latest = Math.max(...standing.map((m) => Date.parse(m.recordedAt)));
  const until = new Date(latest + rule.blockDays * 86_400_000).toISOString();
  const titles = [...standing].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)).map((m) => m.eventTitle);
  return {
    studentNo,
    term,
    until,
    marks: standing.length,
    eventTitles: titles,
    reason: `本学期 ${standing.length} 次报名后未到场且未请假（${titles.slice(0, 3).map(quoted).join('、')}${titles.length > 3 ? ' 等' : ''}）`,
    updatedAt: now.toISOString(),
  };
}

/** Whether a block still runs at `now`. */
export function blockActive(block: Pick<SignupBlock, 'until'> | null, now: Date): boolean {
  return !!block && Date.parse(block.until) > now.getTime();
}

/** What a blocked sign-up answers: the reason and the end date, in one sentence. */
export function blockMessage(block: Pick<SignupBlock, 'until' | 'reason'>): string {
  return `${block.reason}，暂停报名至 ${shanghaiDateText(block.until)} ${shanghaiClockText(block.until)}。如有误，请联系活动主办方更正签到`;
}

/** Whether a rule is acceptable, in words, or null. */
export function blockRuleProblem(rule: BlockRule): string | null {
  if (!Number.isInteger(rule.marksPerTerm) || rule.marksPerTerm < 1 || rule.marksPerTerm > 20) return '每学期缺席次数应为 1–20 的整数（marksPerTerm）';
  if (!Number.isInteger(rule.blockDays) || rule.blockDays < 1 || rule.blockDays > 90) return '限制报名天数应为 1–90 的整数（blockDays）';
  return null;
}
