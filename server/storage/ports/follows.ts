/** Followed topics (关注, core/follows) and the record of which events' alerts were queued. */
export interface FollowsPort {
  followsOf(studentNo: string): Promise<string[]>;
  /** Follows or unfollows (both idempotent). */
  setFollow(studentNo: string, topic: string, follow: boolean, now: Date): Promise<void>;
  /** Students following any of these topics, each once, by student number. */
  followersOf(topics: readonly string[]): Promise<string[]>;
  /** Whether the event's alerts were queued already. */
  followAlertsQueued(eventId: string): Promise<boolean>;
  markFollowAlertsQueued(eventId: string, queued: number, now: Date): Promise<void>;
}
