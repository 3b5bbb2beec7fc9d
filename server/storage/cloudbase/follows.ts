import type { FollowsPort } from '../ports';
import { COLLECTIONS } from './documents';
import { readDoc, type CloudbaseKit } from './kit';

const { follows: FOLLOWS, followAlerts: ALERTS } = COLLECTIONS;

/**
 * Followed topics on CloudBase: one document per (student, topic), `_id` = `<studentNo>:<topic as hex>` (topics are
 * Chinese; the hex keeps ids to letters and digits), so following twice writes one document. Indexes: `studentNo`,
 * `topic` + `studentNo`.
 */
export class CloudbaseFollows implements FollowsPort {
  constructor(private readonly kit: CloudbaseKit) {}

  async followsOf(studentNo: string): Promise<string[]> {
    const docs = await this.kit.fetchAll(this.kit.db.collection(FOLLOWS).where({ studentNo }), [['topic', 'asc']]);
    return docs.map((d) => String(d.topic));
  }

  async setFollow(studentNo: string, topic: string, follow: boolean, now: Date): Promise<void> {
    const ref = this.kit.db.collection(FOLLOWS).doc(followId(studentNo, topic));
    if (follow) await ref.set({ data: { studentNo, topic, createdAt: now.toISOString() } });
    else if (await readDoc(ref)) await ref.remove();
  }

  async followersOf(topics: readonly string[]): Promise<string[]> {
    if (!topics.length) return [];
    const _ = this.kit.command;
    const docs = await this.kit.fetchAll(this.kit.db.collection(FOLLOWS).where({ topic: _.in([...topics]) }), [['studentNo', 'asc']], {
      pageSize: this.kit.bulkPageSize,
    });
    return [...new Set(docs.map((d) => String(d.studentNo)))];
  }

  async followAlertsQueued(eventId: string): Promise<boolean> {
    return (await readDoc(this.kit.db.collection(ALERTS).doc(eventId))) !== null;
  }

  async markFollowAlertsQueued(eventId: string, queued: number, now: Date): Promise<void> {
    await this.kit.db.collection(ALERTS).doc(eventId).set({ data: { queuedAt: now.toISOString(), queued } });
  }
}

function followId(studentNo: string, topic: string): string {
  return `${studentNo}:${Buffer.from(topic, 'utf8').toString('hex')}`;
}
