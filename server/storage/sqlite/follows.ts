import type { FollowsPort } from '../ports';
import type { SqliteKit } from './kit';

/** Followed topics on SQLite: one row per (student, topic); an index by topic finds an event's followers. */
export function sqliteFollows(kit: SqliteKit): FollowsPort {
  const { db } = kit;
  const q = {
    of: db.prepare<[string], string>('SELECT topic FROM follows WHERE student_no = ? ORDER BY topic').pluck(),
    follow: db.prepare<[string, string, string]>('INSERT INTO follows (student_no, topic, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    unfollow: db.prepare<[string, string]>('DELETE FROM follows WHERE student_no = ? AND topic = ?'),
    followers: db.prepare<[string], string>(
      'SELECT DISTINCT student_no FROM follows WHERE topic IN (SELECT value FROM json_each(?)) ORDER BY student_no',
    ).pluck(),
    queued: db.prepare<[string], number>('SELECT count(*) FROM follow_alerts WHERE event_id = ?').pluck(),
    markQueued: db.prepare<[string, string, number]>(
      'INSERT INTO follow_alerts (event_id, queued_at, queued) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING',
    ),
  };
  return {
    async followsOf(studentNo) {
      return q.of.all(studentNo);
    },
    setFollow(studentNo, topic, follow, now) {
      return kit.run(() => {
        if (follow) q.follow.run(studentNo, topic, now.toISOString());
        else q.unfollow.run(studentNo, topic);
      });
    },
    async followersOf(topics) {
      return topics.length ? q.followers.all(JSON.stringify(topics)) : [];
    },
    async followAlertsQueued(eventId) {
      return q.queued.get(eventId)! > 0;
    },
    markFollowAlertsQueued(eventId, queued, now) {
      return kit.run(() => {
        q.markQueued.run(eventId, now.toISOString(), queued);
      });
    },
  };
}
