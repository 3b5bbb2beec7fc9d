import { NOTIFICATION_KINDS, type NotificationKind, type OutboxMessage } from '../../../core';
import type { NotificationsPort } from '../ports';
import type { SqliteKit } from './kit';

export interface OutboxRow {
  key: string; kind: string; student_no: string; event_id: string; data: string; status: string; attempts: number;
  next_attempt_at: string; last_error: string | null; created_at: string; sent_at: string | null; deadline_at: string;
}

export function outboxFromRow(r: OutboxRow): OutboxMessage {
  return {
    key: r.key, kind: r.kind as OutboxMessage['kind'], studentNo: r.student_no, eventId: r.event_id,
    data: JSON.parse(r.data) as Record<string, string>, status: r.status as OutboxMessage['status'], attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
    deadlineAt: r.deadline_at,
  };
}

function outboxToRow(m: OutboxMessage): OutboxRow {
  return {
    key: m.key, kind: m.kind, student_no: m.studentNo, event_id: m.eventId, data: JSON.stringify(m.data), status: m.status,
    attempts: m.attempts, next_attempt_at: m.nextAttemptAt, last_error: m.lastError, created_at: m.createdAt, sent_at: m.sentAt,
    deadline_at: m.deadlineAt,
  };
}

/**
 * Notifications on SQLite: the outbox, keyed by reason (a message is queued once however often the job that queues
 * it runs), and the consents, one message each (used by a conditional decrement).
 */
export function sqliteNotifications(kit: SqliteKit): NotificationsPort {
  const { db } = kit;
  const q = {
    outboxCounts: db.prepare<[{ status: string | null }], { event_id: string; kind: string; status: string; count: number }>(
      `SELECT event_id, kind, status, count(*) AS count FROM outbox WHERE (@status IS NULL OR status = @status)
       GROUP BY event_id, kind, status`,
    ),
    enqueue: db.prepare<[OutboxRow]>(
      `INSERT INTO outbox (key, kind, student_no, event_id, data, status, attempts, next_attempt_at, last_error,
         created_at, sent_at, deadline_at)
       VALUES (@key, @kind, @student_no, @event_id, @data, @status, @attempts, @next_attempt_at, @last_error,
         @created_at, @sent_at, @deadline_at)
       ON CONFLICT (key) DO NOTHING`,
    ),
    due: db.prepare<[string, number], OutboxRow>(
      `SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY deadline_at, key LIMIT ?`,
    ),
    countDue: db.prepare<[string], number>(`SELECT count(*) FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?`).pluck(),
    skipMessage: db.prepare<[string, string]>(`UPDATE outbox SET status = 'skipped', last_error = ? WHERE key = ? AND status = 'pending'`),
    saveMessage: db.prepare<[OutboxRow]>(
      `UPDATE outbox SET status = @status, attempts = @attempts, next_attempt_at = @next_attempt_at,
         last_error = @last_error, sent_at = @sent_at WHERE key = @key`,
    ),
    outbox: db.prepare<[{ status: string | null; eventId: string | null; limit: number }], OutboxRow>(
      `SELECT * FROM outbox WHERE (@status IS NULL OR status = @status) AND (@eventId IS NULL OR event_id = @eventId)
        ORDER BY created_at DESC, key DESC LIMIT @limit`,
    ),
    consents: db.prepare<[string], { kind: string; remaining: number }>('SELECT kind, remaining FROM consents WHERE student_no = ?'),
    consentOf: db.prepare<[string, string], number>('SELECT max(remaining, 0) FROM consents WHERE student_no = ? AND kind = ?').pluck(),
    addConsent: db.prepare<[string, string, number], number>(
      `INSERT INTO consents (student_no, kind, remaining) VALUES (?, ?, ?)
       ON CONFLICT (student_no, kind) DO UPDATE SET remaining = remaining + excluded.remaining RETURNING remaining`,
    ).pluck(),
    consumeConsent: db.prepare<[string, string]>(
      'UPDATE consents SET remaining = remaining - 1 WHERE student_no = ? AND kind = ? AND remaining > 0',
    ),
  };

  return {
    /** Inserts the messages whose key is new (a key twice in one call counts once); answers how many. */
    enqueueNotifications(messages) {
      if (messages.length === 0) return Promise.resolve(0);
      return kit.run(() => {
        let added = 0;
        for (const m of messages) added += q.enqueue.run(outboxToRow(m)).changes;
        return added;
      });
    },

    async dueNotifications(now, limit) {
      return q.due.all(now.toISOString(), limit).map(outboxFromRow);
    },

    async countDueNotifications(now) {
      return q.countDue.get(now.toISOString()) ?? 0;
    },

    skipNotifications(keys, reason) {
      if (keys.length === 0) return Promise.resolve();
      return kit.run(() => {
        for (const key of keys) q.skipMessage.run(reason, key);
      });
    },

    async consentsLeft(pairs) {
      const out = new Map<string, number>();
      for (const p of pairs) out.set(`${p.studentNo}:${p.kind}`, q.consentOf.get(p.studentNo, p.kind) ?? 0);
      return out;
    },

    saveNotification(message) {
      return kit.run(() => {
        q.saveMessage.run(outboxToRow(message));
      });
    },

    async outboxCounts(status) {
      const rows = q.outboxCounts.all({ status: status ?? null });
      return rows.map((r) => ({ eventId: r.event_id, kind: r.kind as NotificationKind, status: r.status as OutboxMessage['status'], count: r.count }));
    },

    async listOutbox(filter) {
      return q.outbox.all({ status: filter.status ?? null, eventId: filter.eventId ?? null, limit: filter.limit }).map(outboxFromRow);
    },

    addConsent(studentNo, kind, accepted) {
      return kit.run(() => q.addConsent.get(studentNo, kind, accepted)!);
    },

    consumeConsent(studentNo, kind) {
      return kit.run(() => q.consumeConsent.run(studentNo, kind).changes === 1);
    },

    async consents(studentNo) {
      const out = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, 0])) as Record<NotificationKind, number>;
      for (const r of q.consents.all(studentNo)) out[r.kind as NotificationKind] = r.remaining;
      return out;
    },
  };
}
