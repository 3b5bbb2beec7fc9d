import type { PosterCodeRecord } from '../../../core';

/**
 * Sharing: the 小程序码 of each event's posters, generated once (wxacode.getUnlimited is rate-limited) and reused.
 * The image itself is in the FileStore; here only which scene it carries.
 */
export interface SharingPort {
  getPosterCode(eventId: string): Promise<PosterCodeRecord | null>;
  /**
   * Stores the event's code in one atomic step, unless another is stored already: answers the stored record (this
   * one if it won). `replacing` names the file of a stored record known to be gone (its file expired): a record
   * naming that file is replaced. Two posters generated at once for one event end with one code, whichever came
   * first; the loser's file is the caller's to remove. Scenes are unique by construction (the event id, or an alias
   * of 50 random bits).
   */
  putPosterCode(code: PosterCodeRecord, replacing: string | null): Promise<PosterCodeRecord>;
  /** The event a stored scene (an alias) names, or null. */
  eventIdOfScene(scene: string): Promise<string | null>;
}
