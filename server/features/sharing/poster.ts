import { randomBytes } from 'node:crypto';
import { ApiError, type ActionOutput, type ActionParsedInput, type PosterEvent } from '../../../types';
import { aliasScene, directScene, parseScene, posterCodeKeptUntil, type EventRecord, type PosterCodeRecord } from '../../../core';
import { requireCheckinStaff } from '../checkin/common';
import { DOWNLOAD_LINK_MS, requireFiles } from '../files/file-answers';
import type { HandlerContext } from '../shared/context';
import { MiniCodeError, type MiniCodeMaker } from './mini-codes';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function randomBase32(length: number): string {
  return [...randomBytes(length)].map((b) => BASE32[b % 32]).join('');
}

function requireMiniCodes(ctx: HandlerContext): MiniCodeMaker {
  if (!ctx.miniCodes) throw new ApiError('INTERNAL', '小程序码生成未配置，请联系管理员');
  return ctx.miniCodes;
}

function posterEventOf(e: EventRecord): PosterEvent {
  return {
    id: e.id, title: e.title, category: e.category, tag: e.tag, organizer: e.organizer, location: e.location, startAt: e.startAt,
    endAt: e.endAt, signupEndAt: e.signupEndAt, credits: e.credits, capacity: e.capacity, seatsLeft: e.seatsLeft,
  };
}

/**
 * The event's code, made once and kept: the stored one while its file is there; otherwise a new one, made by the
 * port (WeChat's 小程序码, or a plain QR locally), put in file storage and recorded — keeping the scene of a code
 * whose file expired, so that posters already printed still open the event. Two organisers asking at once may both
 * make one; the first recorded wins and the other's file is removed.
 */
async function posterCodeOf(event: EventRecord, ctx: HandlerContext): Promise<{ code: PosterCodeRecord; url: string; until: Date }> {
  const files = requireFiles(ctx);
  const now = ctx.now();
  const until = new Date(now.getTime() + DOWNLOAD_LINK_MS);
  const stored = await ctx.storage.getPosterCode(event.id);
  if (stored) {
    const url = await files.downloadUrl(stored.fileId, until, now);
    if (url) return { code: stored, url, until };
  }
  const maker = requireMiniCodes(ctx);
  const scene = stored?.scene ?? directScene(event.id) ?? aliasScene(randomBase32(10));
  let made;
  try {
    made = await maker.make(scene);
  } catch (error) {
    if (error instanceof MiniCodeError) {
      console.error(`[poster] ${event.id}: ${error.detail}`);
      throw new ApiError('MINI_CODE_FAILED');
    }
    throw error;
  }
  const file = await files.put(
    { name: `活动码-${event.id}.png`, contentType: 'image/png', bytes: made.bytes, purpose: 'posterCode', owner: 'system', expiresAt: posterCodeKeptUntil(event.endAt, now) },
    now,
  );
  const code: PosterCodeRecord = { eventId: event.id, scene, kind: maker.kind, target: made.target, fileId: file.fileId, createdAt: now.toISOString() };
  const kept = await ctx.storage.putPosterCode(code, stored?.fileId ?? null);
  if (kept.fileId !== file.fileId) await files.remove([file.fileId]);
  const url = await files.downloadUrl(kept.fileId, until, now);
  if (!url) throw new Error(`poster code ${kept.fileId} of ${event.id} vanished as it was stored`);
  return { code: kept, url, until };
}

/**
 * 活动海报: the event's facts and its code for an organiser to print or save. Who may: the event's check-in staff
 * (its organisers' officers, the committee, and helpers assigned to it). A draft has no poster yet
 * (EVENT_NOT_PUBLISHED: the code would open a page students cannot see), a cancelled event none any more.
 */
export async function getEventPoster(input: ActionParsedInput<'getEventPoster'>, ctx: HandlerContext): Promise<ActionOutput<'getEventPoster'>> {
  const { event } = await requireCheckinStaff(input.eventId, ctx);
  if (event.status === 'draft') throw new ApiError('EVENT_NOT_PUBLISHED');
  if (event.status === 'cancelled') throw new ApiError('EVENT_CANCELLED', '该活动已取消，不能再生成海报');
  const { code, url, until } = await posterCodeOf(event, ctx);
  return {
    event: posterEventOf(event),
    code: { kind: code.kind, scene: code.scene, target: code.target, url, expiresAt: until.toISOString(), createdAt: code.createdAt },
  };
}

/** A scanned code's scene → its event: `e=<id>` names it; an alias is looked up. Anything else: SCENE_UNKNOWN. */
export async function resolveEventScene(input: ActionParsedInput<'resolveEventScene'>, ctx: HandlerContext): Promise<ActionOutput<'resolveEventScene'>> {
  const parsed = parseScene(input.scene);
  if (parsed?.kind === 'event') return { eventId: parsed.eventId };
  const eventId = parsed?.kind === 'alias' ? await ctx.storage.eventIdOfScene(parsed.scene) : null;
  if (!eventId) throw new ApiError('SCENE_UNKNOWN');
  return { eventId };
}
