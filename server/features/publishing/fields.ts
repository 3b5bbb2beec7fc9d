import { ApiError, type EventFields } from '../../../types';
import { defaultCheckinSettings, plainCopy, priorityProblem, tagOf, type CreditSettings, type EventHost, type EventRecord, type KindDetails, type PriorityRule } from '../../../core';
import type { EditableEventFields } from '../../storage/ports';

/**
 * An organiser's form (EventFields) against the event record: what is checked beyond the schema, what is derived
 * (the card's tag, the check-in windows, the host's college), and the form again for an event being edited.
 */

function refuse(message: string): never {
  throw new ApiError('INVALID_INPUT', message);
}

const time = (iso: string) => Date.parse(iso);

/**
 * The rules between fields, each refused with a sentence naming the field: times in order, the details of the
 * event's own kind, team sizes, and a credit rule the committee's settings can honour.
 */
export function validateEventFields(fields: EventFields, settings: Pick<CreditSettings, 'modules'>): void {
  if (time(fields.endAt) <= time(fields.startAt)) refuse('结束时间（endAt）必须晚于开始时间（startAt）');
  if (time(fields.signupStartAt) >= time(fields.signupEndAt)) {
    refuse('报名开始时间（signupStartAt）必须早于报名截止时间（signupEndAt）');
  }
  if (time(fields.signupEndAt) > time(fields.startAt)) refuse('报名截止时间（signupEndAt）不能晚于活动开始时间（startAt）');
  if (time(fields.cancelDeadlineAt) > time(fields.startAt)) {
    refuse('取消报名截止时间（cancelDeadlineAt）不能晚于活动开始时间（startAt）');
  }
  if (fields.details.kind !== fields.category) refuse('活动类别（category）与类别信息（details.kind）不一致，请重新选择类别');
  if (fields.details.kind === 'practice' && fields.details.teamSizeMin > fields.details.teamSizeMax) {
    refuse('团队人数下限（details.teamSizeMin）不能大于上限（details.teamSizeMax）');
  }
  const known = new Set(settings.modules.map((m) => m.id));
  const base = fields.creditRule.base;
  if (base.kind !== 'none' && !known.has(base.module)) refuse(`计分规则的模块「${base.module}」不存在（creditRule.base.module）`);
  const bonus = fields.creditRule.assessmentBonus;
  if (bonus && !known.has(bonus.module)) refuse(`考核加分的模块「${bonus.module}」不存在（creditRule.assessmentBonus.module）`);
  if (base.kind === 'per_hour' && !fields.checkoutRequired) {
    refuse('按时长计分需要签退来记录时长：请打开“需要签退”（checkoutRequired），或改为按次计分（creditRule.base）');
  }
  validateLotteryFields(fields, known);
}

/** A lottery's own rules: no approval step beside the draw, no team practice, priority rules the core accepts. */
function validateLotteryFields(fields: EventFields, modules: ReadonlySet<string>): void {
  const priority = fields.lotteryPriority ?? [];
  if (fields.signupMode !== 'lottery') {
    if (priority.length) refuse('只有抽签报名的活动才能设置抽签优先规则（lotteryPriority）');
    return;
  }
  if (fields.approvalRequired) refuse('抽签报名的活动不能再设“需要审核”：抽签本身决定名额（approvalRequired）');
  if (fields.details.kind === 'practice' && TEAM_PRACTICE.includes(fields.details.mode)) refuse('社会实践团队按团队报名，不能抽签（signupMode）');
  const problem = priorityProblem(priority as PriorityRule[]);
  if (problem) refuse(problem);
  for (const rule of priority) {
    if (rule.kind === 'new_to_module' && !modules.has(rule.module)) refuse(`抽签优先规则的模块「${rule.module}」不存在（lotteryPriority）`);
  }
}

const TEAM_PRACTICE = ['三下乡', '返家乡'];

/**
 * How an event hands out its seats is fixed once it is published: a lottery's commitment and priority rules were
 * shown to everyone (LOTTERY_TERMS_LOCKED), and a first-come event's sign-ups were taken first come.
 */
export function refuseLotteryTermsChange(existing: EventRecord, fields: EditableEventFields): void {
  if (existing.status === 'draft') return;
  if (existing.signupMode !== fields.signupMode || JSON.stringify(existing.lotteryPriority) !== JSON.stringify(fields.lotteryPriority)) {
    throw new ApiError('LOTTERY_TERMS_LOCKED');
  }
}

/**
 * The stored fields of a saved form (the cover as decided by decideCover, covers.ts): the tag from the details, check-in from 30 minutes before the start until the
 * end and check-out until an hour after it (the organiser's own stay rules), the host with its college.
 */
export function editableFieldsOf(
  fields: EventFields,
  host: Pick<EventHost, 'hostKind' | 'hostUnit' | 'hostCollege'>,
  geofence: EventRecord['geofence'],
  coverFileId: string | null,
  now: Date,
): EditableEventFields {
  const windows = defaultCheckinSettings(fields.startAt, fields.endAt, fields.category);
  return {
    title: fields.title,
    category: fields.category,
    tag: tagOf(fields.details as KindDetails),
    organizer: fields.organizer,
    location: fields.location,
    description: fields.description,
    startAt: new Date(fields.startAt).toISOString(),
    endAt: new Date(fields.endAt).toISOString(),
    signupStartAt: new Date(fields.signupStartAt).toISOString(),
    signupEndAt: new Date(fields.signupEndAt).toISOString(),
    cancelDeadlineAt: new Date(fields.cancelDeadlineAt).toISOString(),
    capacity: fields.capacity,
    waitlistEnabled: fields.waitlistEnabled,
    credits: fields.credits,
    checkinStartAt: windows.checkinStartAt,
    checkinEndAt: windows.checkinEndAt,
    checkoutEndAt: windows.checkoutEndAt,
    checkoutRequired: fields.checkoutRequired,
    minStayRatio: fields.minStayRatio,
    allowWalkIns: fields.allowWalkIns,
    hostKind: host.hostKind,
    hostUnit: host.hostUnit,
    hostCollege: host.hostCollege,
    geofence,
    creditRule: plainCopy(fields.creditRule),
    details: plainCopy(fields.details) as KindDetails,
    audience: { colleges: [...fields.audience.colleges], grades: [...fields.audience.grades], leagueMembersOnly: fields.audience.leagueMembersOnly },
    approvalRequired: fields.approvalRequired,
    signupMode: fields.signupMode ?? 'first_come',
    lotteryPriority: plainCopy((fields.lotteryPriority ?? []) as PriorityRule[]),
    coverFileId,
    updatedAt: now.toISOString(),
  };
}

/**
 * Details for an event saved before kinds had them (details null): the kind's fields left for the organiser to fill
 * in, so the edit form opens; saving checks them like any other.
 */
export function placeholderDetails(e: Pick<EventRecord, 'category' | 'endAt'>): KindDetails {
  switch (e.category) {
    case 'lecture':
      return { kind: 'lecture', track: '团支部', speaker: '', topic: '' };
    case 'volunteer':
      return { kind: 'volunteer', roles: [], hours: 0, recruitment: 'open' };
    case 'practice':
      return { kind: 'practice', mode: '三下乡', teamSizeMin: 1, teamSizeMax: 50, destination: '', reportDueAt: e.endAt };
    case 'firstaid':
      return { kind: 'firstaid', level: '普及培训', assessment: false };
    case 'theme':
      return { kind: 'theme', theme: '' };
  }
}

/** The organiser's form of a stored event (previewEvent answers it for the edit page). */
export function fieldsOfEvent(e: EventRecord): EventFields {
  return {
    title: e.title,
    category: e.category,
    details: plainCopy(e.details ?? placeholderDetails(e)),
    organizer: e.organizer,
    location: e.location,
    description: e.description,
    startAt: e.startAt,
    endAt: e.endAt,
    signupStartAt: e.signupStartAt,
    signupEndAt: e.signupEndAt,
    cancelDeadlineAt: e.cancelDeadlineAt,
    capacity: e.capacity,
    waitlistEnabled: e.waitlistEnabled,
    approvalRequired: e.approvalRequired,
    audience: { colleges: [...e.audience.colleges], grades: [...e.audience.grades], leagueMembersOnly: e.audience.leagueMembersOnly },
    creditRule: plainCopy(e.creditRule),
    credits: e.credits,
    host: { kind: e.hostKind, unit: e.hostUnit },
    checkoutRequired: e.checkoutRequired,
    minStayRatio: e.minStayRatio,
    allowWalkIns: e.allowWalkIns,
    signupMode: e.signupMode,
    lotteryPriority: plainCopy(e.lotteryPriority),
    coverFileId: e.coverFileId,
  };
}

/** Names of the fields an edit changed, for its audit entry. */
export function changedFields(before: EventRecord, after: EditableEventFields): string[] {
  return (Object.keys(after) as (keyof EditableEventFields)[]).filter(
    (k) => k !== 'updatedAt' && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}
