/**
 * An event's 小程序码 (or, on the local server, a plain QR of the H5 page), generated once and kept: WeChat's
 * wxacode.getUnlimited is rate-limited, and every poster of one event may carry the same code. The image lives in
 * file storage (`fileId`); this record says which scene it carries and where scanning leads.
 */
export interface PosterCodeRecord {
  eventId: string;
  /** `e=<event id>` or an alias `s=<…>` (scene.ts): unique across events. */
  scene: string;
  kind: 'wxacode' | 'qr';
  /** What scanning opens: the mini program page with its scene, or the H5 address. */
  target: string;
  /** The PNG in the FileStore. */
  fileId: string;
  createdAt: string;
}

/** Poster codes are kept this long after the event ends; the file store's sweep removes them afterwards. */
export const POSTER_CODE_KEEP_DAYS = 90;

/** Until when the code's file is kept: 90 days after the event ends, and never less than 90 days from now. */
export function posterCodeKeptUntil(eventEndAt: string, now: Date): Date {
  const keep = POSTER_CODE_KEEP_DAYS * 86_400_000;
  return new Date(Math.max(Date.parse(eventEndAt) + keep, now.getTime() + keep));
}
