import type { ActionOutput, ActionParsedInput } from '../../../types';
import type { HandlerContext } from '../shared/context';

const STUDENT_NO = /^[0-9]{6,20}$/;
const EVENT_ID = /^e-[0-9A-Za-z_-]{1,60}$/;
/** Targets that name no person or event: files, settings, invitations, teams (their detail says what they are). */
const NOT_AN_ACCOUNT = /^(t-|system$|planSettings$|creditSettings$|[0-9a-f]{12}$)|\.(xlsx|csv)$/i;

/**
 * The audit log, newest first, with the names of the people and the titles of the events its entries mention, so that
 * the page can write each entry as a sentence (who did what, to whom, on which event). Targets are ids of several
 * kinds (`<event>:<student>`, `<event>:<openid>`, a student number, an openid, an event id); each part is looked up
 * once, in bulk: events by id, students by number, accounts by openid.
 */
export async function listAuditLog(input: ActionParsedInput<'listAuditLog'>, ctx: HandlerContext): Promise<ActionOutput<'listAuditLog'>> {
  const entries = await ctx.storage.listAudit(input.limit ?? 100);
  const eventIds = new Set<string>();
  const studentNos = new Set<string>();
  const openids = new Set<string>();
  const sort = (part: string) => {
    if (!part || NOT_AN_ACCOUNT.test(part)) return;
    if (EVENT_ID.test(part)) eventIds.add(part);
    else if (STUDENT_NO.test(part)) studentNos.add(part);
    else openids.add(part);
  };
  for (const e of entries) {
    sort(e.actor);
    for (const part of e.target.split(':')) sort(part);
    const openidInDetail = /"openid":"([^"]+)"/.exec(e.detail)?.[1];
    if (openidInDetail) openids.add(openidInDetail);
  }
  const [events, students, accounts] = await Promise.all([
    ctx.storage.getEventsByIds([...eventIds]),
    ctx.storage.findStudentsByNos([...studentNos]),
    ctx.storage.namesOfAccounts([...openids]),
  ]);
  const names: Record<string, string> = {};
  for (const [openid, name] of accounts) names[openid] = name;
  for (const s of students) names[s.studentNo] = s.name;
  return { entries, names, events: Object.fromEntries(events.map((e) => [e.id, e.title])) };
}
