import type { EventFields } from '../../../../types/committee-actions';
import type { Category } from '../../../../types/enums';
import { campusTime } from '../../../utils/time';
import { parseCredits } from './credit-input';
import { rulesProblem } from './lottery-priority';

/**
 * 发布活动's form as the organiser types it (strings, campus wall-clock times) and the contract's EventFields.
 * Amounts are typed in 学分 and sent as hundredths; times are picked as Asia/Shanghai dates and times and sent as UTC
 * instants. Pure: the page and its store only call these.
 */
export interface WallTime {
  /** YYYY-MM-DD, campus day. */
  date: string;
  /** HH:mm, campus time. */
  time: string;
}

export type TimeKey = 'start' | 'end' | 'signupStart' | 'signupEnd' | 'cancelDeadline' | 'reportDue';
export type CreditKind = 'fixed' | 'per_hour' | 'none';

export interface EventDraft {
  title: string;
  category: Category;
  organizer: string;
  location: string;
  description: string;
  times: Record<TimeKey, WallTime>;
  capacity: string;
  waitlistEnabled: boolean;
  approvalRequired: boolean;
  /** 抽签: applications during the window, a draw after it closes (fixed once published). */
  lottery: boolean;
  /** A lottery's priority rules (抽签优先, edited while a draft: logic/lottery-priority.ts). */
  lotteryPriority: NonNullable<EventFields['lotteryPriority']>;
  colleges: string[];
  grades: string[];
  leagueMembersOnly: boolean;
  creditKind: CreditKind;
  creditModule: string;
  /** 学分, as typed. */
  creditAmount: string;
  perHour: string;
  cap: string;
  /** 应急救护: extra credit for passing the assessment (学分, empty for none). */
  assessmentBonus: string;
  checkoutRequired: boolean;
  /** Percent, as typed. */
  minStay: string;
  allowWalkIns: boolean;
  hostKind: EventFields['host']['kind'];
  hostUnit: string;
  // Kind-specific details.
  track: '团支部' | '主讲人' | '微团课';
  speaker: string;
  topic: string;
  /** 岗位, separated by 、，, or spaces. */
  roles: string;
  hours: string;
  recruitment: 'open' | 'approval' | 'interview';
  mode: '三下乡' | '返家乡';
  teamSizeMin: string;
  teamSizeMax: string;
  destination: string;
  level: '普及培训' | '救护员';
  assessment: boolean;
  theme: string;
  /** The cover's file (an upload of purpose `cover`, or the event's own); null: the kind's artwork. */
  coverFileId: string | null;
  /** What the form shows of it: the link previewEvent answered, or the picture just picked (a local URL). */
  coverPreview: string | null;
}

/** Field errors keyed by the contract's path inside `fields` (`title`, `details.speaker`, `creditRule.base.amount`…). */
export type FieldErrors = Record<string, string>;

const CAMPUS_OFFSET = '+08:00';

/** A campus date and time as a UTC instant (China keeps UTC+8 all year). */
export function toInstant(t: WallTime): string {
  return new Date(`${t.date}T${t.time}:00${CAMPUS_OFFSET}`).toISOString();
}

export function fromInstant(instant: string | number): WallTime {
  const d = campusTime(instant);
  return { date: d.format('YYYY-MM-DD'), time: d.format('HH:mm') };
}

const HOUR = 3_600_000;

/** Module a category's credits go to unless chosen otherwise (the seeded modules' ids). */
export const DEFAULT_MODULE: Record<Category, string> = {
  lecture: 'ideology',
  volunteer: 'service',
  practice: 'service',
  firstaid: 'skills',
  theme: 'ideology',
};

/**
 * A new event: tomorrow 14:00–16:00, sign-up from this hour until 12:00 on the day, cancellation until then too.
 * `now` is passed in so that tests fix the clock.
 */
export function newDraft(now: number, category: Category = 'lecture', host: { kind: EventFields['host']['kind']; unit: string } = { kind: 'committee', unit: '校团委' }): EventDraft {
  const tomorrow = campusTime(now).add(1, 'day').format('YYYY-MM-DD');
  const thisHour = fromInstant(Math.floor(now / HOUR) * HOUR);
  const signupEnd = { date: tomorrow, time: '12:00' };
  return {
    title: '',
    category,
    organizer: host.unit || '校团委',
    location: '',
    description: '',
    times: {
      start: { date: tomorrow, time: '14:00' },
      end: { date: tomorrow, time: '16:00' },
      signupStart: thisHour,
      signupEnd,
      cancelDeadline: signupEnd,
      reportDue: fromInstant(campusTime(now).add(60, 'day').valueOf()),
    },
    capacity: '100',
    waitlistEnabled: true,
    approvalRequired: false,
    lottery: false,
    lotteryPriority: [],
    colleges: [],
    grades: [],
    leagueMembersOnly: false,
    creditKind: 'fixed',
    creditModule: DEFAULT_MODULE[category],
    creditAmount: '1',
    perHour: '0.5',
    cap: '3',
    assessmentBonus: '',
    checkoutRequired: category === 'volunteer' || category === 'firstaid',
    minStay: '60',
    allowWalkIns: false,
    coverFileId: null,
    coverPreview: null,
    hostKind: host.kind,
    hostUnit: host.unit,
    track: '主讲人',
    speaker: '',
    topic: '',
    roles: '',
    hours: '2',
    recruitment: 'open',
    mode: '三下乡',
    teamSizeMin: '3',
    teamSizeMax: '10',
    destination: '',
    level: '普及培训',
    assessment: true,
    theme: '',
  };
}

/** Changing the kind also moves what follows from it, unless the organiser already chose otherwise. */
export function withCategory(draft: EventDraft, category: Category): EventDraft {
  const moduleWasDefault = draft.creditModule === DEFAULT_MODULE[draft.category];
  return {
    ...draft,
    category,
    creditModule: moduleWasDefault ? DEFAULT_MODULE[category] : draft.creditModule,
    checkoutRequired: category === 'volunteer' || category === 'firstaid',
  };
}

/**
 * A new start time moves the end with it (same length), and pulls the sign-up end and cancel deadline back to the
 * start when they would now fall after it.
 */
export function withTime(draft: EventDraft, key: TimeKey, value: WallTime): EventDraft {
  const times = { ...draft.times, [key]: value };
  if (key === 'start') {
    const delta = Date.parse(toInstant(value)) - Date.parse(toInstant(draft.times.start));
    times.end = fromInstant(Date.parse(toInstant(draft.times.end)) + delta);
    const start = Date.parse(toInstant(value));
    for (const k of ['signupEnd', 'cancelDeadline'] as const) {
      if (Date.parse(toInstant(times[k])) > start) times[k] = value;
    }
  }
  return { ...draft, times };
}

const credit = (text: string, max = 20) => parseCredits(text, max);
const int = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);
const num = (text: string) => (/^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : null);

function details(d: EventDraft, errors: FieldErrors): EventFields['details'] {
  switch (d.category) {
    case 'lecture':
      return { kind: 'lecture', track: d.track, speaker: d.speaker.trim(), topic: d.topic.trim() };
    case 'volunteer': {
      const hours = num(d.hours);
      if (hours === null || hours > 24) errors['details.hours'] = '请填写 0–24 之间的服务时长（小时）';
      const roles = d.roles.split(/[、，,;；\s]+/).map((r) => r.trim()).filter(Boolean);
      return { kind: 'volunteer', roles, hours: hours ?? 0, recruitment: d.recruitment };
    }
    case 'practice': {
      const min = int(d.teamSizeMin);
      const max = int(d.teamSizeMax);
      if (min === null || min < 1 || min > 50) errors['details.teamSizeMin'] = '团队人数下限应为 1–50';
      if (max === null || max < 1 || max > 50) errors['details.teamSizeMax'] = '团队人数上限应为 1–50';
      else if (min !== null && max < min) errors['details.teamSizeMax'] = '人数上限不能少于下限';
      return {
        kind: 'practice',
        mode: d.mode,
        teamSizeMin: min ?? 1,
        teamSizeMax: max ?? 1,
        destination: d.destination.trim(),
        reportDueAt: toInstant(d.times.reportDue),
      };
    }
    case 'firstaid':
      return { kind: 'firstaid', level: d.level, assessment: d.assessment };
    case 'theme':
      return { kind: 'theme', theme: d.theme.trim() };
  }
}

/** The credits a card shows (学分): the fixed amount, or what the whole event earns by the hour (capped). */
function cardCredits(rule: EventFields['creditRule'], durationHours: number): number {
  const base = rule.base;
  if (base.kind === 'fixed') return base.amount / 100;
  if (base.kind === 'per_hour') return Math.min(base.cap || Infinity, Math.round(base.perHour * durationHours)) / 100;
  return 0;
}

/**
 * The draft as the contract's fields, or the errors the organiser can fix before asking the server (numbers that are
 * not numbers, times out of order). Required texts are left to the server, whose INVALID_INPUT names the field.
 */
export function toFields(d: EventDraft): { ok: true; fields: EventFields } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const capacity = int(d.capacity);
  if (capacity === null || capacity < 1 || capacity > 20000) errors.capacity = '名额应为 1–20000 的整数';

  const at = (k: TimeKey) => toInstant(d.times[k]);
  const ms = (k: TimeKey) => Date.parse(at(k));
  if (ms('end') <= ms('start')) errors.endAt = '结束时间应晚于开始时间';
  if (ms('signupEnd') <= ms('signupStart')) errors.signupEndAt = '报名截止应晚于报名开始';
  if (ms('signupEnd') > ms('start')) errors.signupEndAt = '报名截止不能晚于活动开始';
  if (ms('cancelDeadline') > ms('start')) errors.cancelDeadlineAt = '取消截止不能晚于活动开始';

  let base: EventFields['creditRule']['base'];
  if (d.creditKind === 'fixed') {
    const amount = credit(d.creditAmount);
    if (amount === null) errors['creditRule.base.amount'] = '请填写 0–20 学分（最多两位小数）';
    base = { kind: 'fixed', module: d.creditModule, amount: amount ?? 0 };
  } else if (d.creditKind === 'per_hour') {
    const perHour = credit(d.perHour, 5);
    const cap = credit(d.cap, 50);
    if (perHour === null || perHour < 1) errors['creditRule.base.perHour'] = '每小时 0.01–5 学分';
    if (cap === null) errors['creditRule.base.cap'] = '上限 0–50 学分（0 为不设上限）';
    base = { kind: 'per_hour', module: d.creditModule, perHour: perHour ?? 1, cap: cap ?? 0 };
  } else {
    base = { kind: 'none' };
  }
  let assessmentBonus: EventFields['creditRule']['assessmentBonus'] = null;
  if (d.category === 'firstaid' && d.assessment && d.assessmentBonus.trim() && d.creditKind !== 'none') {
    const amount = credit(d.assessmentBonus);
    if (amount === null || amount < 1) errors['creditRule.assessmentBonus.amount'] = '考核加分 0.01–20 学分，不加分请留空';
    else assessmentBonus = { module: d.creditModule, amount };
  }

  const minStay = int(d.minStay);
  if (d.checkoutRequired && (minStay === null || minStay > 100)) errors.minStayRatio = '最短停留应为 0–100 的整数（%）';

  const priorityProblem = d.lottery ? rulesProblem(d.lotteryPriority) : null;
  if (priorityProblem) errors.lotteryPriority = priorityProblem;

  const detailsValue = details(d, errors);
  if (Object.keys(errors).length) return { ok: false, errors };

  const creditRule = { base, assessmentBonus };
  const hours = (ms('end') - ms('start')) / HOUR;
  return {
    ok: true,
    fields: {
      title: d.title.trim(),
      category: d.category,
      details: detailsValue,
      organizer: d.organizer.trim(),
      location: d.location.trim(),
      description: d.description.trim(),
      startAt: at('start'),
      endAt: at('end'),
      signupStartAt: at('signupStart'),
      signupEndAt: at('signupEnd'),
      cancelDeadlineAt: at('cancelDeadline'),
      capacity: capacity!,
      waitlistEnabled: d.waitlistEnabled,
      approvalRequired: d.lottery ? false : d.approvalRequired,
      signupMode: d.lottery ? 'lottery' : 'first_come',
      lotteryPriority: d.lottery ? d.lotteryPriority : [],
      audience: { colleges: d.colleges, grades: d.grades, leagueMembersOnly: d.leagueMembersOnly },
      creditRule,
      credits: Math.min(20, cardCredits(creditRule, hours)),
      host: { kind: d.hostKind, unit: d.hostUnit.trim() },
      checkoutRequired: d.checkoutRequired,
      minStayRatio: d.checkoutRequired ? (minStay ?? 0) / 100 : 0,
      allowWalkIns: d.allowWalkIns,
      coverFileId: d.coverFileId,
    },
  };
}

const creditText = (hundredths: number) => String(hundredths / 100);

/** An existing event's fields back into the form. */
export function fromFields(f: EventFields, now: number): EventDraft {
  const d = newDraft(now, f.category, f.host);
  const base = f.creditRule.base;
  const det = f.details;
  return {
    ...d,
    title: f.title,
    organizer: f.organizer,
    location: f.location,
    description: f.description,
    times: {
      start: fromInstant(f.startAt),
      end: fromInstant(f.endAt),
      signupStart: fromInstant(f.signupStartAt),
      signupEnd: fromInstant(f.signupEndAt),
      cancelDeadline: fromInstant(f.cancelDeadlineAt),
      reportDue: det.kind === 'practice' ? fromInstant(det.reportDueAt) : d.times.reportDue,
    },
    capacity: String(f.capacity),
    waitlistEnabled: f.waitlistEnabled,
    approvalRequired: f.approvalRequired,
    lottery: f.signupMode === 'lottery',
    lotteryPriority: [...(f.lotteryPriority ?? [])],
    colleges: [...f.audience.colleges],
    grades: [...f.audience.grades],
    leagueMembersOnly: f.audience.leagueMembersOnly,
    creditKind: base.kind,
    creditModule: base.kind === 'none' ? d.creditModule : base.module,
    creditAmount: base.kind === 'fixed' ? creditText(base.amount) : d.creditAmount,
    perHour: base.kind === 'per_hour' ? creditText(base.perHour) : d.perHour,
    cap: base.kind === 'per_hour' ? creditText(base.cap) : d.cap,
    assessmentBonus: f.creditRule.assessmentBonus ? creditText(f.creditRule.assessmentBonus.amount) : '',
    checkoutRequired: f.checkoutRequired,
    minStay: String(Math.round(f.minStayRatio * 100)),
    allowWalkIns: f.allowWalkIns,
    coverFileId: f.coverFileId ?? null,
    hostKind: f.host.kind,
    hostUnit: f.host.unit,
    ...(det.kind === 'lecture' ? { track: det.track, speaker: det.speaker, topic: det.topic } : {}),
    ...(det.kind === 'volunteer' ? { roles: det.roles.join('、'), hours: String(det.hours), recruitment: det.recruitment } : {}),
    ...(det.kind === 'practice'
      ? { mode: det.mode, teamSizeMin: String(det.teamSizeMin), teamSizeMax: String(det.teamSizeMax), destination: det.destination }
      : {}),
    ...(det.kind === 'firstaid' ? { level: det.level, assessment: det.assessment } : {}),
    ...(det.kind === 'theme' ? { theme: det.theme } : {}),
  };
}

/**
 * The server's INVALID_INPUT names the first bad field: `字段“fields.details.speaker”格式不正确：请填写主讲人`. Returns
 * the path inside `fields` and the sentence, so the form can show it under that field; null when no field is named.
 */
export function fieldErrorOf(message: string): { path: string; message: string } | null {
  const m = /字段“fields\.([^”]+)”格式不正确：(.+)$/.exec(message);
  if (!m) return null;
  const path = m[1].replace(/\.\d+$/, '');
  return { path, message: m[2] };
}
