import type { LecturerLevel } from '../../types/contest';
import type { ContestRefusal, Lecturer, LecturerTalk } from './records';

/**
 * The youth lecturer team (青年讲师团). The plan: "校级讲师团成员至少在校内开展宣讲3场，校外1场" — a school-level member
 * gives at least three talks on campus and one off campus a year. College-level members have no stated number: their
 * talks are counted, never behind. Only talks the committee confirmed count.
 */
export const LECTURER_REQUIREMENTS: Readonly<Record<LecturerLevel, { onCampus: number; offCampus: number }>> = {
  school: { onCampus: 3, offCampus: 1 },
  college: { onCampus: 0, offCampus: 0 },
};

/**
 * What the year expects by the end of a Shanghai month: the requirement × months gone / 12, rounded down — three on
 * campus means one by April, two by August, three by December; one off campus means one by December. A year already
 * past expects all of it, one not begun nothing.
 */
export function expectedTalks(need: number, year: number, nowYear: number, nowMonth: number): number {
  if (year < nowYear) return need;
  if (year > nowYear) return 0;
  return Math.floor((need * nowMonth) / 12);
}

export interface LecturerProgress {
  onCampus: { done: number; need: number; expected: number };
  offCampus: { done: number; need: number; expected: number };
  pending: number;
  met: boolean;
  behind: boolean;
}

/** A member's year so far, from their talks (any talks passed are filtered to theirs and the year). */
export function lecturerProgress(lecturer: Pick<Lecturer, 'year' | 'openid' | 'level' | 'active'>, talks: readonly LecturerTalk[], nowYear: number, nowMonth: number): LecturerProgress {
  const need = LECTURER_REQUIREMENTS[lecturer.level];
  const mine = talks.filter((t) => t.openid === lecturer.openid && t.year === lecturer.year);
  const confirmed = mine.filter((t) => t.status === 'confirmed');
  const on = confirmed.filter((t) => t.onCampus).length;
  const off = confirmed.length - on;
  const expectedOn = expectedTalks(need.onCampus, lecturer.year, nowYear, nowMonth);
  const expectedOff = expectedTalks(need.offCampus, lecturer.year, nowYear, nowMonth);
  return {
    onCampus: { done: on, need: need.onCampus, expected: expectedOn },
    offCampus: { done: off, need: need.offCampus, expected: expectedOff },
    pending: mine.filter((t) => t.status === 'pending').length,
    met: on >= need.onCampus && off >= need.offCampus,
    behind: lecturer.active && (on < expectedOn || off < expectedOff),
  };
}

/** A talk's day must not be after today (Shanghai), nor in another year than the one it counts for. */
export function talkDateRefusal(date: string, today: string): ContestRefusal | null {
  if (date > today) return { code: 'INVALID_INPUT', message: '宣讲日期不能晚于今天：宣讲结束后再登记' };
  return null;
}

/** The committee confirms or returns a pending talk once. */
export function decideTalk(talk: Pick<LecturerTalk, 'status'>): ContestRefusal | null {
  return talk.status === 'pending' ? null : { code: 'TALK_DECIDED' };
}

/** Members behind first, then by least done, then by name. */
export function byProgress<T extends { name: string; progress: LecturerProgress }>(a: T, b: T): number {
  const done = (p: LecturerProgress) => p.onCampus.done + p.offCampus.done;
  return Number(b.progress.behind) - Number(a.progress.behind) || done(a.progress) - done(b.progress) || a.name.localeCompare(b.name, 'zh');
}
