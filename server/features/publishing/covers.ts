import { ApiError, type EventFields } from '../../../types';
import type { EventRecord } from '../../../core';
import { COVER_LINK_MS, coverLinksUntil } from '../files/cover-links';
import { requireFiles, UPLOADED_FILE_MS } from '../files/file-answers';
import type { HandlerContext } from '../shared/context';

/**
 * An event's cover file: uploaded for purpose `cover` by the organiser (startUpload … finishUpload), it lives a day
 * like any upload until an event is saved with it; then it is kept for as long as the event has it. Replaced or
 * removed, it is let go: it stays until the links already handed out have expired, and the sweep deletes it.
 */

/** A kept cover's expiry: far enough to mean "as long as its event has it" (ISO strings still sort). */
export const KEPT_UNTIL = new Date('9999-12-31T00:00:00.000Z');

const NOT_USABLE = '封面图片已过期或不存在，请重新上传封面';

/** What a save does with the cover: the id to store, and the file to keep (a new cover) before the write. */
export interface CoverChange {
  coverFileId: string | null;
  /** A newly chosen cover, to be kept from now on (null: nothing new). */
  adopt: string | null;
  /** The cover it replaces or removes, to let go after the write (null: nothing to let go). */
  release: string | null;
}

/**
 * The cover a save asks for, checked: absent keeps the event's own; null removes it; the event's current cover is
 * kept as it is (another organiser may save an event whose cover they did not upload); any other must be the
 * caller's own finished upload of purpose `cover`, not already some event's cover — else FILE_NOT_FOUND (a caller
 * learns nothing of others' files). Nothing is written here.
 */
export async function decideCover(
  ctx: HandlerContext,
  requested: EventFields['coverFileId'],
  existing: Pick<EventRecord, 'coverFileId'> | null,
  openid: string,
): Promise<CoverChange> {
  const current = existing?.coverFileId ?? null;
  if (requested === undefined || requested === current) return { coverFileId: current, adopt: null, release: null };
  if (requested === null) return { coverFileId: null, adopt: null, release: current };
  const file = await requireFiles(ctx).info(requested, ctx.now());
  const kept = file ? Date.parse(file.expiresAt) >= KEPT_UNTIL.getTime() : false;
  if (!file || file.owner !== openid || file.purpose !== 'cover' || kept) throw new ApiError('FILE_NOT_FOUND', NOT_USABLE);
  return { coverFileId: requested, adopt: requested, release: current };
}

/** Keeps a newly chosen cover before the event is written (a write that then fails leaves it a day's upload again). */
export async function adoptCover(ctx: HandlerContext, change: CoverChange): Promise<void> {
  if (!change.adopt) return;
  const kept = await requireFiles(ctx).keep(change.adopt, KEPT_UNTIL, ctx.now());
  if (!kept) throw new ApiError('FILE_NOT_FOUND', NOT_USABLE);
}

/** A write that failed after adoptCover: the file goes back to an upload's lifetime. Never fails the call further. */
export async function unadoptCover(ctx: HandlerContext, change: CoverChange): Promise<void> {
  if (!change.adopt) return;
  const now = ctx.now();
  await requireFiles(ctx)
    .keep(change.adopt, new Date(now.getTime() + UPLOADED_FILE_MS), now)
    .catch((error: unknown) => console.warn(`[covers] ${change.adopt} stays kept after a failed save`, error));
}

/**
 * After the write: the replaced or removed cover is let go — it lives until every link already handed out has
 * expired (coverLinksUntil), then the sweep deletes it. A failure only leaves a file behind, logged.
 */
export async function releaseCover(ctx: HandlerContext, change: CoverChange): Promise<void> {
  if (!change.release || !ctx.files) return;
  const now = ctx.now();
  const until = new Date(coverLinksUntil(now).getTime() + COVER_LINK_MS);
  await ctx.files.keep(change.release, until, now).catch((error: unknown) => console.warn(`[covers] ${change.release} not let go`, error));
}
