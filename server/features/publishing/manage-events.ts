import { ApiError, type ActionOutput, type ActionParsedInput, type EventStatus } from '../../../types';
import { toEventDetail, toEventSummary, type EventListing, type EventRecord } from '../../../core';
import { queueCancellationNotices } from '../notifications/queue';
import { auditDraft } from '../shared/audit-draft';
import type { HandlerContext } from '../shared/context';
import { callerRoles, requireOpenid } from '../shared/caller';
import { changedFields, editableFieldsOf, fieldsOfEvent, refuseLotteryTermsChange, validateEventFields } from './fields';
import { organises, requireOrganisedEvent, resolveHost } from './scope';
import { randomId } from '../shared/random-id';
import { publishLotteryEvent } from '../lottery/publish';
import { requireCleanText } from '../content/require-clean';
import { readEventPage } from '../shared/event-pages';
import { coverLink } from '../files/cover-links';
import { adoptCover, decideCover, releaseCover, unadoptCover } from './covers';

type ManagedEvent = ActionOutput<'listManagedEvents'>['events'][number];

/** An event as its organisers see it: the student's card, its lifecycle, and what waits for them. */
export async function toManagedEvent(ctx: HandlerContext, e: EventListing): Promise<ManagedEvent> {
  // Only events that take applications can have pending ones: the others cost no read.
  const [pending, coverUrl] = await Promise.all([
    e.approvalRequired ? ctx.storage.listRegistrationsOfEvent(e.id, ['pending']).then((r) => r.length) : 0,
    coverLink(ctx, e),
  ]);
  return {
    ...toEventSummary(e),
    coverUrl,
    lifecycle: e.status,
    approvalRequired: e.approvalRequired,
    pendingApplications: pending,
    checkedInCount: e.checkedInCount,
    updatedAt: e.updatedAt,
    lotteryDraw: e.lottery?.drawnAt
      ? { drawnAt: e.lottery.drawnAt, applicants: e.lottery.applicants ?? 0, winners: e.lottery.winners ?? 0 }
      : null,
  };
}

/**
 * 新建 / 修改活动. A new event is a draft (only its organisers see it, in previewEvent) until published. Editing a
 * published event changes what students see at once and keeps every counter: seats taken, the waitlist, check-ins.
 * The host decides who may: a college officer publishes in the name of their college or one of its branches.
 */
export async function saveEvent(input: ActionParsedInput<'saveEvent'>, ctx: HandlerContext): Promise<ActionOutput<'saveEvent'>> {
  const [openid, roles] = await Promise.all([requireOpenid(ctx), callerRoles(ctx)]);
  const now = ctx.now();
  const existing = input.eventId ? (await requireOrganisedEvent(input.eventId, ctx)).event : null;
  validateEventFields(input.fields, await ctx.storage.creditSettings());
  const host = await resolveHost(ctx, input.fields.host);
  if (!organises(roles, host)) throw new ApiError('FORBIDDEN', '院团总支只能以本学院或所属团支部的名义发布活动');
  // What students will read: checked before anything is written (a draft too: it is published as it is).
  await requireCleanText(ctx, openid, 'forum', [
    { label: '活动名称', text: input.fields.title },
    { label: '活动地点', text: input.fields.location },
    { label: '活动介绍', text: input.fields.description },
  ]);

  const cover = await decideCover(ctx, input.fields.coverFileId, existing, openid);

  const write = (): Promise<EventRecord> => {
    if (existing) {
      const fields = editableFieldsOf(input.fields, host, existing.geofence, cover.coverFileId, now);
      refuseLotteryTermsChange(existing, fields);
      const audit = auditDraft(ctx, openid, 'event.update', existing.id, { title: fields.title, changed: changedFields(existing, fields) });
      return ctx.storage.updateEventFields(existing.id, fields, audit);
    }
    const fields = editableFieldsOf(input.fields, host, null, cover.coverFileId, now);
    const event: EventRecord = {
      ...fields,
      lottery: null,
      id: randomId('e'),
      status: 'draft',
      seatsLeft: fields.capacity,
      waitlistCount: 0,
      waitlistSeq: 0,
      checkedInCount: 0,
      checkedOutCount: 0,
      staffOpenids: [],
      createdBy: openid,
      cancelReason: null,
    };
    const audit = auditDraft(ctx, openid, 'event.create', event.id, {
      title: event.title,
      category: event.category,
      host: { kind: event.hostKind, unit: event.hostUnit },
    });
    return ctx.storage.createEvent(event, audit);
  };

  // A new cover is kept before the write and given back if the write is refused; the old one is let go after it.
  await adoptCover(ctx, cover);
  let saved: EventRecord;
  try {
    saved = await write();
  } catch (error) {
    await unadoptCover(ctx, cover);
    throw error;
  }
  await releaseCover(ctx, cover);
  return { event: await toManagedEvent(ctx, saved) };
}

/**
 * 发布 / 关闭报名 / 重新开放 / 取消. Cancelling needs a reason and tells everyone signed up (confirmed, waiting or
 * applied), once each: the outbox is keyed by reason. Cancelling an already cancelled event changes nothing but
 * queues the notices again (a no-op for those already queued), so a failure between the status change and the
 * queueing is healed by repeating the request instead of losing the notices.
 */
export async function changeEventStatus(
  input: ActionParsedInput<'changeEventStatus'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'changeEventStatus'>> {
  const { event, openid } = await requireOrganisedEvent(input.eventId, ctx);
  const now = ctx.now();
  if (input.action === 'cancel' && !input.reason) {
    throw new ApiError('INVALID_INPUT', '取消活动须写明原因（reason），系统会把原因告诉所有已报名的同学');
  }
  const reason = input.reason ?? null;
  const audit = auditDraft(ctx, openid, `event.${input.action}`, event.id, reason ? { reason } : {});
  if (input.action === 'cancel' && event.status === 'cancelled') {
    const notified = await queueCancellationNotices(ctx.storage, event, event.cancelReason ?? reason!, now);
    return { event: await toManagedEvent(ctx, event), notified };
  }
  const changed =
    input.action === 'publish' && event.signupMode === 'lottery'
      ? await publishLotteryEvent(ctx, event, audit)
      : await ctx.storage.changeEventStatus(event.id, input.action, input.action === 'cancel' ? reason : null, audit);
  const notified = input.action === 'cancel' ? await queueCancellationNotices(ctx.storage, changed, reason!, now) : 0;
  return { event: await toManagedEvent(ctx, changed), notified };
}

/** 预览: the event exactly as a student's page will show it (drafts included), and the form to edit it. */
export async function previewEvent(input: ActionParsedInput<'previewEvent'>, ctx: HandlerContext): Promise<ActionOutput<'previewEvent'>> {
  const { event } = await requireOrganisedEvent(input.eventId, ctx);
  return { event: { ...toEventDetail(event), coverUrl: await coverLink(ctx, event) }, fields: fieldsOfEvent(event), lifecycle: event.status };
}

/**
 * The events the caller organises (all, for the committee), drafts included, by start; optionally one lifecycle. A
 * page a call (types/pages.ts): the committee's whole year is over 1 MB.
 */
export async function listManagedEvents(
  input: ActionParsedInput<'listManagedEvents'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'listManagedEvents'>> {
  const roles = await callerRoles(ctx);
  const wanted: EventStatus | undefined = input.lifecycle;
  const { events, next } = await readEventPage(ctx, input, (e) => organises(roles, e) && (!wanted || e.status === wanted));
  return { events: await Promise.all(events.map((e) => toManagedEvent(ctx, e))), next };
}
