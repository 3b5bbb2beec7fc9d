import { ApiError, type ActionOutput, type ActionParsedInput, type DataRequestRow } from '../../../types';
import type { DataRequest, ErasureReport } from '../../../core';
import { auditDraft } from '../shared/audit-draft';
import { requireOpenid } from '../shared/caller';
import type { HandlerContext } from '../shared/context';
import { studentsByNo } from '../shared/lookups';
import { requireFiles } from '../files/file-answers';
import { toDataRequestView } from './my-data';

/** Requests one listing answers at most. */
const LIST_MAX = 200;

async function rowsOf(ctx: HandlerContext, requests: readonly DataRequest[]): Promise<DataRequestRow[]> {
  const students = await studentsByNo(ctx, requests.map((r) => r.studentNo));
  return requests.map((r) => {
    const s = students.get(r.studentNo);
    return { ...toDataRequestView(r), studentNo: r.studentNo, name: s?.name ?? '', college: s?.college ?? '', className: s?.className ?? '' };
  });
}

/** 删除申请 (the committee): pending ones first, oldest first, then completed ones. */
export async function listDataRequests(input: ActionParsedInput<'listDataRequests'>, ctx: HandlerContext): Promise<ActionOutput<'listDataRequests'>> {
  return { requests: await rowsOf(ctx, await ctx.storage.listDataRequests({ status: input.status, limit: LIST_MAX })) };
}

/**
 * Completes a student's request to delete their personal information: removes the binding (audited
 * `privacy.erase_binding`), revokes their shared transcripts, removes their subscribe-message consents, ends their
 * accounts' web sessions and clears failed binding attempts; of fair seats (issue 16) withdraws lottery applications
 * still open, deletes the photos of leave requests from the file store and then (erasePersonalData) clears the
 * requests' reasons and photo ids and removes follows, no-show marks and the sign-up block; then marks the request
 * completed with the reply (audited `privacy.deletion_complete`, with what was erased). Kept, as the policy says: the
 * roster entry, registrations (a drawn application's weight, place and pseudonym: the published list the draw is
 * checked by), attendance, the credit ledger, appeals and the audit log. Every step is idempotent and the request is
 * marked completed last, so a call that fails half-way is finished by calling again (the photos are deleted before
 * their ids are forgotten, so none is left behind).
 */
export async function completeDataRequest(
  input: ActionParsedInput<'completeDataRequest'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'completeDataRequest'>> {
  const actor = await requireOpenid(ctx);
  const request = await ctx.storage.findDataRequest(input.requestId);
  if (!request) throw new ApiError('NOT_FOUND', '没有找到这份申请，可能已被学生重新提交，请刷新后再试');
  if (request.status !== 'pending') throw new ApiError('DATA_REQUEST_DONE');
  const now = ctx.now();
  const previous = await ctx.storage.unbindStudent(
    request.studentNo,
    auditDraft(ctx, actor, 'privacy.erase_binding', request.studentNo, { requestId: request.id }),
  );
  const records = await ctx.storage.personalRecords(request.studentNo, null);
  const applicationsWithdrawn = await withdrawOpenApplications(ctx, request.studentNo, records.registrations.filter((r) => r.status === 'applied').map((r) => r.eventId), now);
  const photos = records.leaves.map((l) => l.photoFileId).filter((id): id is string => id !== null);
  if (photos.length) await requireFiles(ctx).remove(photos);
  const rest = await ctx.storage.erasePersonalData(request.studentNo, [request.openid, previous].filter((o): o is string => !!o), now);
  const erased: ErasureReport = { unbound: previous !== null, ...rest, leavePhotosDeleted: photos.length, applicationsWithdrawn };
  const completed = await ctx.storage.completeDataRequest(
    request.id,
    { at: now.toISOString(), by: actor, reply: input.reply, erased },
    auditDraft(ctx, actor, 'privacy.deletion_complete', request.studentNo, { requestId: request.id, reply: input.reply, erased }),
  );
  const [row] = await rowsOf(ctx, [completed]);
  return { request: row };
}

/** Refusals that leave an application where it is: the window closed (the draw needs the set as it was) or it is gone. */
const KEPT_APPLICATION = new Set(['LOTTERY_APPLICATION_LOCKED', 'LOTTERY_WRITING', 'NOT_SIGNED_UP']);

/**
 * Withdraws the student's lottery applications whose window is still open, as the student could (the same atomic
 * cancel): an erased account is given no seat by a later draw. Answers how many were withdrawn.
 */
async function withdrawOpenApplications(ctx: HandlerContext, studentNo: string, eventIds: readonly string[], now: Date): Promise<number> {
  let withdrawn = 0;
  for (const eventId of eventIds) {
    try {
      await ctx.storage.cancel(eventId, studentNo, now);
      withdrawn++;
    } catch (error) {
      if (!(error instanceof ApiError && KEPT_APPLICATION.has(error.code))) throw error;
    }
  }
  return withdrawn;
}
