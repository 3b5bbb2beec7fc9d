import type { AppealView, LedgerEntryView } from '../../../types';
import type { AppealRecord, CreditSettings, EventRecord, LedgerEntry, StudentRecord } from '../../../core';

/** What the credit handlers share: names of modules and events, and the views of entries and appeals. */

export type ModuleNames = (id: string) => string;

/** Module names from the settings (a renamed module shows its new name on old entries); an unknown id as itself. */
export function moduleNamesOf(settings: CreditSettings): ModuleNames {
  const names = new Map(settings.modules.map((m) => [m.id, m.name]));
  return (id) => names.get(id) ?? id;
}

const SOURCE_TITLES: Record<LedgerEntry['sourceType'], string> = {
  attendance: '活动学分',
  assessment: '考核加分',
  appeal: '申诉补记',
  manual: '团委认定学分',
  team: '团队活动',
  no_show: '缺席扣分',
  contest: '百生讲坛',
};

export function toLedgerEntryView(e: LedgerEntry, moduleName: ModuleNames, events: ReadonlyMap<string, Pick<EventRecord, 'title'>>): LedgerEntryView {
  const event = e.eventId ? events.get(e.eventId) : undefined;
  const title = event?.title ?? ((e.sourceType === 'manual' || e.sourceType === 'contest') && e.reason ? e.reason : SOURCE_TITLES[e.sourceType]);
  return {
    key: e.key,
    at: e.at,
    module: e.module,
    moduleName: moduleName(e.module),
    amount: e.amount,
    hours: e.hours,
    kind: e.kind,
    sourceType: e.sourceType,
    eventId: e.eventId,
    title,
    rule: e.rule,
    reason: e.reason,
  };
}

export function toAppealView(
  a: AppealRecord,
  event: Pick<EventRecord, 'title'> | undefined,
  student: Pick<StudentRecord, 'name' | 'className'> | null | undefined,
): AppealView {
  return {
    id: a.id,
    eventId: a.eventId,
    eventTitle: event?.title ?? '（活动已删除）',
    studentNo: a.studentNo,
    name: student?.name ?? '',
    className: student?.className ?? '',
    note: a.note,
    status: a.status,
    createdAt: a.createdAt,
    decidedAt: a.decidedAt,
    decisionReason: a.decisionReason,
  };
}

