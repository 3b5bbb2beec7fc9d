import { outboxKey, type OutboxMessage } from '../../core';
import { runScheduledJobs } from '../../server/features/notifications/scheduled-jobs';
import type { NotificationSender } from '../../server/features/notifications/sender';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeOutboxMessage, makeStudent, studentNo } from '../support/factories';

/**
 * The send loop of the timed job: a message that can be sent never waits behind ones that never will. Skips cost
 * nothing from the send budget, the nearest deadline goes first, nothing is sent after its event has started, and a
 * run that runs out of time says how many it left for the next.
 */
function recordingSender() {
  const sent: string[] = [];
  const sender: NotificationSender = {
    async send(message) {
      sent.push(message.key);
    },
  };
  return { sender, sent };
}

/** A clock for the time budget that moves only when told: each send costs `perSendMs`. */
function budgetClock(perSendMs: number) {
  let now = 0;
  return { elapsedMs: () => now, tick: () => (now += perSendMs) };
}

function reminder(i: number, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return makeOutboxMessage(i, { key: outboxKey('event_reminder', overrides.eventId ?? 'ev-lecture', studentNo(i)), ...overrides });
}

describe.each([
  ['SQLite', () => new SqliteStorage({ file: ':memory:' }) as StoragePort],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false })) as StoragePort],
])('the reminder job on %s', (_name, open) => {
  let storage: StoragePort;
  beforeEach(() => {
    storage = open();
  });
  afterEach(() => storage.close());

  it('sends the 10 consenting students of 1,000 due reminders in the first run, skipping the 990 others', async () => {
    await storage.putStudents(Array.from({ length: 1000 }, (_, i) => makeStudent(i + 1)));
    // The consenting ones are spread over the list, the last of them at the very end.
    const consenting = new Set(Array.from({ length: 10 }, (_, k) => (k + 1) * 100));
    for (const i of consenting) await storage.addConsent(studentNo(i), 'event_reminder', 1);
    await storage.enqueueNotifications(Array.from({ length: 1000 }, (_, i) => reminder(i + 1)));
    const { sender, sent } = recordingSender();

    const report = await runScheduledJobs(storage, sender, NOW);

    expect(report).toMatchObject({ sent: 10, skipped: 990, retried: 0, failed: 0, left: 0 });
    expect(sent.sort()).toEqual([...consenting].map((i) => reminder(i).key).sort());
    expect(await storage.countDueNotifications(NOW)).toBe(0);
    const skipped = await storage.listOutbox({ status: 'skipped', limit: 1000 });
    expect(skipped).toHaveLength(990);
    expect(new Set(skipped.map((m) => m.lastError))).toEqual(new Set(['未授权订阅消息']));
  });

  it('sends the nearest deadline first and, out of time, leaves the rest due and says how many', async () => {
    const n = 12;
    await storage.putStudents(Array.from({ length: n }, (_, i) => makeStudent(i + 1)));
    for (let i = 1; i <= n; i++) await storage.addConsent(studentNo(i), 'event_reminder', 1);
    // Student i's event starts in (n + 1 - i) hours: the last queued is the most urgent.
    await storage.enqueueNotifications(Array.from({ length: n }, (_, k) => reminder(k + 1, { deadlineAt: at(n + 1 - (k + 1)).toISOString() })));
    const clock = budgetClock(10);
    const { sender, sent } = recordingSender();
    const counting: NotificationSender = { send: async (m, o) => (clock.tick(), sender.send(m, o)) };

    const first = await runScheduledJobs(storage, counting, NOW, { budgetMs: 45, elapsedMs: clock.elapsedMs });
    expect(first).toMatchObject({ sent: 5, left: n - 5 });
    expect(sent).toEqual([12, 11, 10, 9, 8].map((i) => reminder(i).key));

    const second = await runScheduledJobs(storage, counting, NOW, { budgetMs: 1_000, elapsedMs: clock.elapsedMs });
    expect(second).toMatchObject({ sent: n - 5, left: 0 });
    expect(sent.slice(5)).toEqual([7, 6, 5, 4, 3, 2, 1].map((i) => reminder(i).key));
  });

  it('never sends a message after its event has started: it is skipped with the reason, its consent kept', async () => {
    await storage.putStudents([makeStudent(1), makeStudent(2)]);
    await storage.addConsent(studentNo(1), 'event_reminder', 1);
    await storage.addConsent(studentNo(2), 'event_reminder', 1);
    await storage.enqueueNotifications([reminder(1, { deadlineAt: at(-0.1).toISOString() }), reminder(2, { deadlineAt: at(1).toISOString() })]);
    const { sender, sent } = recordingSender();

    expect(await runScheduledJobs(storage, sender, NOW)).toMatchObject({ sent: 1, skipped: 1 });
    expect(sent).toEqual([reminder(2).key]);
    expect((await storage.listOutbox({ status: 'skipped', limit: 5 }))[0]).toMatchObject({ studentNo: studentNo(1), lastError: '活动已开始，消息不再发送' });
    expect((await storage.consents(studentNo(1))).event_reminder).toBe(1);
  });

  it('skips a student with no WeChat account bound, whatever consent the record holds', async () => {
    await storage.putStudents([makeStudent(1, { openid: null })]);
    await storage.addConsent(studentNo(1), 'event_reminder', 1);
    await storage.enqueueNotifications([reminder(1)]);
    const { sender, sent } = recordingSender();
    expect(await runScheduledJobs(storage, sender, NOW)).toMatchObject({ sent: 0, skipped: 1 });
    expect(sent).toEqual([]);
    expect((await storage.listOutbox({ limit: 5 }))[0]).toMatchObject({ status: 'skipped', lastError: '未绑定微信' });
  });
});
