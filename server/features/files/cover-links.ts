import type { HandlerContext } from '../shared/context';

/**
 * An event's cover as answered: a short-lived link made from the stored file, never the picture inline (a page of
 * cards with pictures would pass CloudBase's 1 MB answer, and a phone should not carry images in JSON).
 *
 * A link is good until the end of the hour after this one (one to two hours): long enough for a page left open, and
 * the same link for every call within a clock hour, so the local server's links can be cached by the browser. On CloudBase
 * the link is a temporary cloud storage URL (getTempFileURL) good for as long.
 */
export const COVER_LINK_MS = 3_600_000;

/** Until when covers' links handed out at `now` work. */
export function coverLinksUntil(now: Date): Date {
  return new Date(Math.floor(now.getTime() / COVER_LINK_MS) * COVER_LINK_MS + 2 * COVER_LINK_MS);
}

/**
 * The links of these events' covers, by event id (events without one, or whose file is gone: absent). A failure of
 * the file store costs the pictures, never the list: cards fall back to the kind's artwork.
 */
export async function coverLinks(
  ctx: HandlerContext,
  events: ReadonlyArray<{ id: string; coverFileId: string | null }>,
): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const withCover = events.filter((e) => e.coverFileId);
  if (!withCover.length || !ctx.files) return links;
  const files = ctx.files;
  const now = ctx.now();
  const until = coverLinksUntil(now);
  await Promise.all(
    withCover.map(async (e) => {
      try {
        const url = await files.downloadUrl(e.coverFileId!, until, now);
        if (url) links.set(e.id, url);
      } catch (error) {
        console.warn(`[covers] no link for the cover of ${e.id}`, error);
      }
    }),
  );
  return links;
}

/** One event's cover link, or null. */
export async function coverLink(ctx: HandlerContext, event: { id: string; coverFileId: string | null }): Promise<string | null> {
  return (await coverLinks(ctx, [event])).get(event.id) ?? null;
}
