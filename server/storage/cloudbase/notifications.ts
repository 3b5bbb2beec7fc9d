import { NOTIFICATION_KINDS, type NotificationKind, type OutboxMessage } from '../../../core';
import type { NotificationsPort } from '../ports';
import { COLLECTIONS } from './documents';
import { inBatches, readDoc, type CloudbaseKit } from './kit';
import type { WxDoc, WxQuery } from './wx-db';

const { outbox: OUTBOX, consents: CONSENTS } = COLLECTIONS;

/**
 * Notifications on CloudBase: the outbox (`outbox/<key>`, the key being the reason, so "never twice for the same
 * reason" holds without a unique index) and consents (`consents/<studentNo>:<kind>`, one message each).
 */
export class CloudbaseNotifications implements NotificationsPort {
  constructor(private readonly kit: CloudbaseKit) {}

  /**
   * Insert-if-absent by key (`outbox/<key>`): one query per 100 keys finds those queued already (`_id` in …), then
   * one `add` per new message (20 in flight). A key queued by someone else in between makes its `add` fail; the
   * message is then read (rare path) and, being there, not counted. The job that queues reminders runs again and
   * again over the same reasons, so the common case (all queued already) costs 1 operation per 100.
   */
  async enqueueNotifications(messages: OutboxMessage[]): Promise<number> {
    const unique = new Map<string, OutboxMessage>();
    for (const m of messages) if (!unique.has(m.key)) unique.set(m.key, m);
    if (!unique.size) return 0;
    const queued = new Set((await this.kit.fetchByIds(OUTBOX, [...unique.keys()])).map((d) => String(d._id)));
    const fresh = [...unique.values()].filter((m) => !queued.has(m.key));
    const outbox = this.kit.db.collection(OUTBOX);
    let added = 0;
    await inBatches(fresh, async (m) => {
      try {
        await outbox.add({ data: { _id: m.key, ...outboxToDoc(m) } });
        added++;
      } catch (error) {
        if (await readDoc(outbox.doc(m.key))) return;
        throw error;
      }
    });
    return added;
  }

  /**
   * One query per 100 (and one that finds the end unless `limit` is reached): pending, `nextAttemptAt` ≤ now, the
   * nearest deadline first (`_id` breaks ties).
   */
  async dueNotifications(now: Date, limit: number): Promise<OutboxMessage[]> {
    const max = Math.floor(limit);
    if (!(max > 0)) return [];
    return (await this.kit.fetchAll(dueQuery(this.kit, now), [['deadlineAt', 'asc']], { max })).map(outboxFromDoc);
  }

  /** One `count`. */
  async countDueNotifications(now: Date): Promise<number> {
    return (await dueQuery(this.kit, now).count()).total;
  }

  /**
   * One `where(_id in …).update` per 100 keys, outside any transaction: marking a message skipped is the same write
   * whoever makes it, and only pending messages are touched (one sent meanwhile by another run stays sent).
   */
  async skipNotifications(keys: readonly string[], reason: string): Promise<void> {
    const _ = this.kit.command;
    for (let i = 0; i < keys.length; i += this.kit.pageSize) {
      const batch = keys.slice(i, i + this.kit.pageSize);
      await this.kit.db.collection(OUTBOX).where({ _id: _.in(batch), status: 'pending' }).update({ data: { status: 'skipped', lastError: reason } });
    }
  }

  /** One query per 100 (`_id` in the students' consent documents): remaining consents by `<studentNo>:<kind>`. */
  async consentsLeft(pairs: ReadonlyArray<{ studentNo: string; kind: NotificationKind }>): Promise<Map<string, number>> {
    const ids = [...new Set(pairs.map((p) => consentId(p.studentNo, p.kind)))];
    const out = new Map<string, number>(ids.map((id) => [id, 0]));
    for (const doc of await this.kit.fetchByIds(CONSENTS, ids)) {
      out.set(String(doc._id), typeof doc.remaining === 'number' ? Math.max(0, doc.remaining) : 0);
    }
    return out;
  }

  /** One `update` of the status fields (a message that is gone stays gone). */
  async saveNotification(message: OutboxMessage): Promise<void> {
    await this.kit.db.collection(OUTBOX).doc(message.key).update({
      data: {
        status: message.status,
        attempts: message.attempts,
        nextAttemptAt: message.nextAttemptAt,
        lastError: message.lastError,
        sentAt: message.sentAt,
      },
    });
  }

  /** One aggregation per 1000 groups: `match` the status (when asked), `group` by event, kind and status, counting. */
  async outboxCounts(status?: OutboxMessage['status']): Promise<Array<{ eventId: string; kind: NotificationKind; status: OutboxMessage['status']; count: number }>> {
    const $ = this.kit.command.aggregate;
    const rows = await this.kit.aggregateAll(
      OUTBOX,
      (p) => (status ? p.match({ status }) : p).group({ _id: { eventId: '$eventId', kind: '$kind', status: '$status' }, count: $.sum(1) }),
      ['_id.eventId', '_id.kind', '_id.status'],
    );
    return rows.map((row) => {
      const id = (row._id ?? {}) as unknown as { eventId: string; kind: NotificationKind; status: OutboxMessage['status'] };
      return { eventId: id.eventId, kind: id.kind, status: id.status, count: Number(row.count ?? 0) };
    });
  }

  /** Newest first (`createdAt` desc, then `_id`), 100 a page. */
  async listOutbox(filter: { status?: OutboxMessage['status']; eventId?: string; limit: number }): Promise<OutboxMessage[]> {
    const max = Math.floor(filter.limit);
    if (!(max > 0)) return [];
    const collection = this.kit.db.collection(OUTBOX);
    const condition: Record<string, unknown> = {};
    if (filter.status) condition.status = filter.status;
    if (filter.eventId) condition.eventId = filter.eventId;
    const query = Object.keys(condition).length ? collection.where(condition) : collection;
    return (await this.kit.fetchAll(query, [['createdAt', 'desc']], { max })).map(outboxFromDoc);
  }

  /**
   * One transaction on `consents/<studentNo>:<kind>`: read the count, add to it (`_.inc`, or create the document):
   * 2 operations; answers the count after. Nothing accepted: the read only.
   */
  async addConsent(studentNo: string, kind: NotificationKind, accepted: number): Promise<number> {
    const _ = this.kit.command;
    const id = consentId(studentNo, kind);
    const add = Math.max(0, Math.floor(accepted));
    return this.kit.inLane(`consent:${id}`, () =>
      this.kit.transact(async (t) => {
        const ref = t.collection(CONSENTS).doc(id);
        const doc = await readDoc(ref);
        const remaining = doc && typeof doc.remaining === 'number' ? Math.max(0, doc.remaining) : 0;
        if (add === 0) return remaining;
        if (doc) await ref.update({ data: { remaining: _.inc(add) } });
        else await ref.set({ data: { studentNo, kind, remaining: add } });
        return remaining + add;
      }),
    );
  }

  /**
   * One conditional update, atomic on its own: `where({ _id, remaining: _.gt(0) })` takes one (`_.inc(-1)`);
   * updated nothing → none left (or no document): false.
   */
  async consumeConsent(studentNo: string, kind: NotificationKind): Promise<boolean> {
    const _ = this.kit.command;
    const { stats } = await this.kit.db
      .collection(CONSENTS)
      .where({ _id: consentId(studentNo, kind), remaining: _.gt(0) })
      .update({ data: { remaining: _.inc(-1) } });
    return stats.updated > 0;
  }

  /** One query (`_id` in the student's kinds). */
  async consents(studentNo: string): Promise<Record<NotificationKind, number>> {
    return consentsFromDocs(await this.kit.fetchByIds(CONSENTS, NOTIFICATION_KINDS.map((k) => consentId(studentNo, k))));
  }
}

/** Pending messages whose next try is due. */
function dueQuery(kit: CloudbaseKit, now: Date): WxQuery {
  const _ = kit.command;
  return kit.db.collection(OUTBOX).where({ status: 'pending', nextAttemptAt: _.lte(now.toISOString()) });
}

// ---- documents (collections and fields: documents.ts) ----

/** `_id` is the key. */
function outboxToDoc(m: OutboxMessage): Record<string, unknown> {
  return {
    kind: m.kind,
    studentNo: m.studentNo,
    eventId: m.eventId,
    data: { ...m.data },
    status: m.status,
    attempts: m.attempts,
    nextAttemptAt: m.nextAttemptAt,
    lastError: m.lastError,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
    deadlineAt: m.deadlineAt,
  };
}

export function outboxFromDoc(d: WxDoc): OutboxMessage {
  const data = d.data && typeof d.data === 'object' ? (d.data as Record<string, unknown>) : {};
  return {
    key: String(d._id),
    kind: d.kind as NotificationKind,
    studentNo: d.studentNo as string,
    eventId: d.eventId as string,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)])),
    status: d.status as OutboxMessage['status'],
    attempts: typeof d.attempts === 'number' ? d.attempts : 0,
    nextAttemptAt: d.nextAttemptAt as string,
    lastError: typeof d.lastError === 'string' ? d.lastError : null,
    createdAt: d.createdAt as string,
    sentAt: typeof d.sentAt === 'string' ? d.sentAt : null,
    // Messages queued before deadlines existed sort first and, their creation being past, are skipped, not sent late.
    deadlineAt: typeof d.deadlineAt === 'string' ? d.deadlineAt : (d.createdAt as string),
  };
}

function consentId(studentNo: string, kind: NotificationKind): string {
  return `${studentNo}:${kind}`;
}

/** Every kind, 0 unless a document says more. */
function consentsFromDocs(docs: readonly WxDoc[]): Record<NotificationKind, number> {
  const out = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, 0])) as Record<NotificationKind, number>;
  for (const d of docs) {
    const kind = d.kind as NotificationKind;
    if (kind in out && typeof d.remaining === 'number') out[kind] = Math.max(0, d.remaining);
  }
  return out;
}
