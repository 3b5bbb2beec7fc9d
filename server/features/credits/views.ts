import type { AppealView, LedgerEntryView } from '../../../types';
import type { AppealRecord, CreditSettings, EventRecord, LedgerEntry, StudentRecord } from '../../../core';
import type { HandlerContext } from '../shared/context';

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
  manual: '手工记分',
  team: '团队活动',
  no_show: '缺席扣分',
};

export function toLedgerEntryView(e: LedgerEntry, moduleName: ModuleNames, events: ReadonlyMap<string, Pick<EventRecord, 'title'>>): LedgerEntryView {
  const event = e.eventId ? events.get(e.eventId) : undefined;
  const title = event?.title ?? (e.sourceType === 'manual' && e.reason ? e.reason : SOURCE_TITLES[e.sourceType]);
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

/** Events by id, read in one call (unknown ids are absent). */
export async function eventsById(ctx: HandlerContext, ids: Iterable<string | null>): Promise<Map<string, EventRecord>> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (!unique.length) return new Map();
  const events = await ctx.storage.getEventsByIds(unique);
  return new Map(events.map((e) => [e.id, e]));
}

/** Roster entries by student number, read in bulk (unknown numbers are absent). */
export async function studentsByNo(ctx: HandlerContext, studentNos: Iterable<string>): Promise<Map<string, StudentRecord>> {
  const found = await ctx.storage.findStudentsByNos([...new Set(studentNos)]);
  return new Map(found.map((s) => [s.studentNo, s]));
}

/**
 * Every student of the roster, in one read (one pass; CloudBase pages through it). The roster import caps a file at
 * 20,000 rows and a school has far fewer than this, so the limit only guards against a runaway read.
 */
export const WHOLE_ROSTER = 500_000;
