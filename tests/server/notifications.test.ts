import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { RETRY_DELAYS_MS, type OutboxMessage } from '../../core';
import { startJobScheduler } from '../../server/local/job-scheduler';
import type { NotificationSender } from '../../server/features/notifications/sender';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeEvent, makeStudent, studentNo } from '../support/factories';

/**
 * Reminders through the handlers, as the app and the timer use them: a student's tap records consent, the timed job
 * queues and sends, the outbox keeps every message once per reason, a refusal is respected, a failed send is retried
 * with backoff and reported after the last try. The event e1 opens for sign-up a day before NOW, closes in two days
 * and starts in four (NOW + 96 h); its reminders are due from NOW + 72 h.
 */
const START = at(96);
const REMIND_AT = at(73); // 23 hours before the start
const TITLE = '百生讲坛：青年与时代';

let storage: StoragePort;

/** A sender that records what it was asked to send, failing while `failing` says so. */
function recordingSender(failing: (n: number) => boolean = () => false) {
  const sent: Array<{ key: string; openid: string }> = [];
  let tries = 0;
  const sender: NotificationSender = {
    async send(message, openid) {
      tries++;
      if (failing(tries)) throw new Error('errcode 43101: user refuse to accept the msg');
      sent.push({ key: message.key, openid });
    },
  };
  return { sender, sent, tries: () => tries };
}

function as(openid: string | null, now: Date = NOW, sender?: NotificationSender): HandlerContext {
  return {
    storage,
    caller: openid ? { kind: 'wechat', openid } : { kind: 'anonymous' },
    now: () => now,
    demoMode: false,
    notificationSender: sender,
  };
}

async function call(action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> {
  return dispatch({ action, payload }, ctx);
}

function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}

const student = (i: number, now: Date = NOW) => as(`openid-${i}`, now);
const runJobs = async (now: Date, sender?: NotificationSender) => ok(await call('runScheduledJobs', {}, as('o-admin', now, sender)));
const outbox = async (status?: OutboxMessage['status']): Promise<OutboxMessage[]> =>
  ok(await call('listOutbox', status ? { status } : {}, as('o-admin'))).messages;
const consent = async (i: number, results: Array<[OutboxMessage['kind'], boolean]>) =>
  ok(await call('recordSubscribeConsent', { results: results.map(([kind, accepted]) => ({ kind, accepted })) }, student(i))).remaining;
const nothing = { queued: 0, sent: 0, retried: 0, failed: 0, skipped: 0, closed: 0, penalised: 0, left: 0, placed: 0 };

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('reminders and the outbox through the handlers on %s', (_adapter, makeStorage) => {
  let errors: jest.SpyInstance;
  beforeEach(async () => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    storage = makeStorage();
    await storage.putStudents([1, 2, 3, 4].map((i) => makeStudent(i)));
    await storage.putEvents([makeEvent({ id: 'e1', title: TITLE, capacity: 5, startAt: START.toISOString(), endAt: at(98).toISOString() })]);
    await storage.grantRole(
      { openid: 'o-admin', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'o-admin', detail: '{}' },
    );
    await storage.grantRole(
      { openid: 'o-college', role: 'college_officer', scope: '信息工程学院', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'o-college', detail: '{}' },
    );
  });
  afterEach(async () => {
    errors.mockRestore();
    await storage.close();
  });

  describe('consent', () => {
    it('adds one message per kind the student allowed, and nothing for a refusal', async () => {
      expect(await consent(1, [['event_reminder', true], ['waitlist_promoted', false], ['event_cancelled', true]])).toEqual({
        event_reminder: 1,
        waitlist_promoted: 0,
        event_cancelled: 1,
      });
      // Another tap later: each allow is good for one more message.
      expect(await consent(1, [['event_reminder', true]])).toMatchObject({ event_reminder: 2, event_cancelled: 1 });
      expect(await consent(1, [])).toMatchObject({ event_reminder: 2 });
    });

    it('is the bound student\'s own: an account without a student is refused', async () => {
      expect(await call('recordSubscribeConsent', { results: [{ kind: 'event_reminder', accepted: true }] }, as('o-stranger'))).toMatchObject({
        ok: false,
        code: 'NOT_BOUND',
      });
      expect(await call('recordSubscribeConsent', { results: [{ kind: 'event_reminder', accepted: true }], studentNo: studentNo(2) }, student(1))).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
    });
  });

  describe('reminders', () => {
    it('sends a student who consented exactly one reminder for an event starting within 24 hours, however often the job runs', async () => {
      ok(await call('signUp', { eventId: 'e1' }, student(1)));
      await consent(1, [['event_reminder', true]]);
      const { sender, sent } = recordingSender();

      // 25 hours before the start: too early (the window has closed, so the job closes sign-ups).
      expect(await runJobs(at(71), sender)).toEqual({ ...nothing, closed: 1 });
      expect(await runJobs(REMIND_AT, sender)).toEqual({ ...nothing, queued: 1, sent: 1 });
      expect(await runJobs(REMIND_AT, sender)).toEqual(nothing);
      expect(await runJobs(at(80), sender)).toEqual(nothing);

      expect(sent).toEqual([{ key: `event_reminder:e1:${studentNo(1)}`, openid: 'openid-1' }]);
      const [message] = await outbox();
      expect(message).toMatchObject({
        kind: 'event_reminder',
        studentNo: studentNo(1),
        eventId: 'e1',
        status: 'sent',
        attempts: 1,
        sentAt: REMIND_AT.toISOString(),
        lastError: null,
      });
      expect(message.data).toMatchObject({ title: TITLE, place: '图书馆报告厅' });
      expect(message.data.time).toMatch(/^2026-03-06 \d\d:\d\d$/);
      expect(await consent(1, [])).toMatchObject({ event_reminder: 0 });
    });

    it('skips a student who refused or never allowed: recorded, not sent, and not tried again', async () => {
      for (const i of [1, 2, 3]) ok(await call('signUp', { eventId: 'e1' }, student(i)));
      await consent(1, [['event_reminder', true]]);
      await consent(2, [['event_reminder', false]]);
      // 3 allowed cancellation notices only: that is no consent to a reminder.
      await consent(3, [['event_cancelled', true]]);
      const { sender, sent } = recordingSender();

      expect(await runJobs(REMIND_AT, sender)).toEqual({ ...nothing, queued: 3, sent: 1, skipped: 2, closed: 1 });
      expect(await runJobs(at(75), sender)).toEqual(nothing);
      expect(sent.map((s) => s.openid)).toEqual(['openid-1']);
      const skipped = await outbox('skipped');
      expect(skipped.map((m) => m.studentNo).sort()).toEqual([studentNo(2), studentNo(3)]);
      expect(skipped.every((m) => m.lastError === '未授权订阅消息' && m.sentAt === null)).toBe(true);
      expect(await consent(3, [])).toMatchObject({ event_cancelled: 1 });
    });

    it('reminds only the confirmed, not the waitlisted, and nobody of a cancelled event', async () => {
      await storage.putEvents([
        makeEvent({ id: 'e-small', capacity: 1, startAt: START.toISOString(), endAt: at(98).toISOString() }),
        makeEvent({ id: 'e-off', capacity: 5, startAt: START.toISOString(), endAt: at(98).toISOString() }),
      ]);
      ok(await call('signUp', { eventId: 'e-small' }, student(1)));
      ok(await call('signUp', { eventId: 'e-small' }, student(2)));
      ok(await call('signUp', { eventId: 'e-off' }, student(3)));
      await storage.changeEventStatus('e-off', 'cancel', '场地调整', { at: NOW.toISOString(), actor: 'o-admin', action: 'event.cancel', target: 'e-off', detail: '{}' });
      await runJobs(REMIND_AT);
      const reminders = (await outbox()).filter((m) => m.kind === 'event_reminder');
      expect(reminders.map((m) => m.key)).toEqual([`event_reminder:e-small:${studentNo(1)}`]);
    });
  });

  describe('failed sends', () => {
    it('retries a failing send with backoff, then marks it failed and reports it in the job\'s result', async () => {
      ok(await call('signUp', { eventId: 'e1' }, student(1)));
      await consent(1, [['event_reminder', true]]);
      const { sender, tries } = recordingSender(() => true);

      expect(await runJobs(REMIND_AT, sender)).toEqual({ ...nothing, queued: 1, retried: 1, closed: 1 });
      let [message] = await outbox('pending');
      expect(message).toMatchObject({ attempts: 1, nextAttemptAt: new Date(REMIND_AT.getTime() + 60_000).toISOString() });
      expect(message.lastError).toContain('43101');
      // The consent was not used up by a send that failed.
      expect(await consent(1, [])).toMatchObject({ event_reminder: 1 });
      // Not due before its backoff has passed.
      expect(await runJobs(new Date(REMIND_AT.getTime() + 59_000), sender)).toEqual(nothing);

      let clock = REMIND_AT.getTime();
      for (const [n, delay] of RETRY_DELAYS_MS.entries()) {
        clock += delay;
        const last = n === RETRY_DELAYS_MS.length - 1;
        expect(await runJobs(new Date(clock), sender)).toEqual(last ? { ...nothing, failed: 1 } : { ...nothing, retried: 1 });
      }
      expect(tries()).toBe(RETRY_DELAYS_MS.length + 1);
      [message] = await outbox('failed');
      expect(message).toMatchObject({ key: `event_reminder:e1:${studentNo(1)}`, status: 'failed', attempts: RETRY_DELAYS_MS.length + 1, sentAt: null });
      expect(message.lastError).toContain('43101');
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('failed after 6 tries'));
      // Failed is final: later runs neither send nor report it again.
      expect(await runJobs(new Date(clock + 86_400_000), recordingSender().sender)).toEqual(nothing);
      expect(await outbox('pending')).toEqual([]);
    });

    it('sends on the retry when the next try works, using the consent once', async () => {
      ok(await call('signUp', { eventId: 'e1' }, student(1)));
      await consent(1, [['event_reminder', true]]);
      const { sender, sent } = recordingSender((n) => n === 1);
      expect(await runJobs(REMIND_AT, sender)).toMatchObject({ retried: 1, sent: 0 });
      expect(await runJobs(new Date(REMIND_AT.getTime() + RETRY_DELAYS_MS[0]), sender)).toEqual({ ...nothing, sent: 1 });
      expect(sent).toHaveLength(1);
      expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
      expect(await consent(1, [])).toMatchObject({ event_reminder: 0 });
    });
  });

  describe('waitlist promotion and cancellation', () => {
    beforeEach(async () => {
      await storage.putEvents([makeEvent({ id: 'e1', title: TITLE, capacity: 1, startAt: START.toISOString(), endAt: at(98).toISOString() })]);
    });

    it('tells a student who moves up from the waitlist once, however often they move up for the same event', async () => {
      ok(await call('signUp', { eventId: 'e1' }, student(1)));
      expect(ok(await call('signUp', { eventId: 'e1' }, student(2))).registration.status).toBe('waitlisted');
      await consent(1, [['waitlist_promoted', true]]);
      await consent(2, [['waitlist_promoted', true], ['waitlist_promoted', true]]);
      await consent(2, [['waitlist_promoted', true]]);

      ok(await call('cancelRegistration', { eventId: 'e1' }, student(1))); // 2 moves up
      ok(await call('signUp', { eventId: 'e1' }, student(1)));
      ok(await call('cancelRegistration', { eventId: 'e1' }, student(2))); // 1 moves up
      ok(await call('signUp', { eventId: 'e1' }, student(2)));
      ok(await call('cancelRegistration', { eventId: 'e1' }, student(1))); // 2 moves up again: same reason, no new message

      const queued = await outbox('pending');
      expect(queued.map((m) => m.key).sort()).toEqual([`waitlist_promoted:e1:${studentNo(1)}`, `waitlist_promoted:e1:${studentNo(2)}`]);
      expect(queued.find((m) => m.studentNo === studentNo(2))?.data.note).toContain('候补成功');

      const { sender, sent } = recordingSender();
      expect(await runJobs(at(1), sender)).toEqual({ ...nothing, sent: 2 });
      expect(await runJobs(at(2), sender)).toEqual(nothing);
      expect(sent.map((s) => s.openid).sort()).toEqual(['openid-1', 'openid-2']);
      expect(await consent(2, [])).toMatchObject({ waitlist_promoted: 1 });
    });

    it('tells everyone signed up that the event is cancelled, once, with the reason', async () => {
      ok(await call('signUp', { eventId: 'e1' }, student(1)));
      ok(await call('signUp', { eventId: 'e1' }, student(2))); // waitlisted
      await consent(1, [['event_cancelled', true]]);

      const cancelled = ok(await call('changeEventStatus', { eventId: 'e1', action: 'cancel', reason: '场地临时调整' }, as('o-admin', at(1))));
      expect(cancelled.notified).toBe(2);
      expect(await call('changeEventStatus', { eventId: 'e1', action: 'cancel', reason: '场地临时调整' }, as('o-admin', at(2)))).toMatchObject({
        ok: true,
        data: { notified: 0 },
      });
      const notices = await outbox();
      expect(notices.map((m) => m.key).sort()).toEqual([`event_cancelled:e1:${studentNo(1)}`, `event_cancelled:e1:${studentNo(2)}`]);
      expect(notices[0].data.note).toBe('活动已取消：场地临时调整');

      const { sender, sent } = recordingSender();
      expect(await runJobs(at(2), sender)).toEqual({ ...nothing, sent: 1, skipped: 1 });
      expect(await runJobs(at(3), sender)).toEqual(nothing);
      // No reminder for an event that will not happen.
      expect(await runJobs(REMIND_AT, sender)).toEqual(nothing);
      expect(sent).toEqual([{ key: `event_cancelled:e1:${studentNo(1)}`, openid: 'openid-1' }]);
    });
  });

  describe('closing sign-ups on time', () => {
    it('closes the published events whose sign-up window has ended, once, and leaves the others', async () => {
      await storage.putEvents([
        makeEvent({ id: 'e-ended', signupEndAt: at(-1).toISOString() }),
        makeEvent({ id: 'e-draft', status: 'draft', signupEndAt: at(-1).toISOString() }),
      ]);
      expect(await runJobs(NOW)).toEqual({ ...nothing, closed: 1 });
      expect(await runJobs(NOW)).toEqual(nothing);
      expect((await storage.getEvent('e-ended'))?.status).toBe('closed');
      expect((await storage.getEvent('e-draft'))?.status).toBe('draft');
      expect((await storage.getEvent('e1'))?.status).toBe('published');
      expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'event.close', actor: 'system', target: 'e-ended' });

      // e1's window ends at NOW + 48 h.
      expect(await runJobs(at(48))).toEqual({ ...nothing, closed: 1 });
      expect((await storage.getEvent('e1'))?.status).toBe('closed');
      expect(await call('signUp', { eventId: 'e1' }, student(1, at(48)))).toMatchObject({ ok: false, code: 'SIGNUP_CLOSED' });
    });
  });

  describe('who may run the job and read the outbox', () => {
    it('is the committee only', async () => {
      for (const action of ['runScheduledJobs', 'listOutbox'] as const) {
        expect(await call(action, {}, as('o-college'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
        expect(await call(action, {}, student(1))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      }
    });

    it('lists the outbox by status, newest reasons included, up to the limit', async () => {
      for (const i of [1, 2, 3]) ok(await call('signUp', { eventId: 'e1' }, student(i)));
      await consent(1, [['event_reminder', true]]);
      await runJobs(REMIND_AT);
      expect(await outbox()).toHaveLength(3);
      expect(await outbox('sent')).toHaveLength(1);
      expect(await outbox('skipped')).toHaveLength(2);
      expect(ok(await call('listOutbox', { limit: 2 }, as('o-admin'))).messages).toHaveLength(2);
    });
  });
});

describe('the local scheduler (server/local/job-scheduler.ts)', () => {
  const waitFor = async (check: () => boolean, ms = 2000) => {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  beforeEach(async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    await storage.putStudents([makeStudent(1)]);
    await storage.putEvents([makeEvent({ id: 'e1', startAt: START.toISOString(), endAt: at(98).toISOString() })]);
    await storage.signUp('e1', studentNo(1), NOW);
    await storage.addConsent(studentNo(1), 'event_reminder', 1);
  });
  afterEach(() => storage.close());

  it('runs the job on its interval, never two runs at once, and waits for the one in progress when stopped', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let sends = 0;
    const sender: NotificationSender = {
      async send() {
        sends++;
        await gate;
      },
    };
    const log: string[] = [];
    const scheduler = startJobScheduler({ storage, sender, intervalMs: 10, now: () => REMIND_AT, log: (l) => log.push(l) });
    await waitFor(() => sends === 1);
    await new Promise((r) => setTimeout(r, 80)); // several ticks while the first run waits on its send
    expect(sends).toBe(1);
    release();
    await waitFor(() => log.length === 1);
    expect(log[0]).toContain('已发送 1');
    const stopped = scheduler.stop();
    await stopped;
    expect((await storage.listOutbox({ limit: 10 }))[0]).toMatchObject({ status: 'sent' });
  });

  it('logs a failed run and tries again on the next tick', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let calls = 0;
    const original = storage.listEventsToClose.bind(storage);
    storage.listEventsToClose = async (now: Date) => {
      calls++;
      if (calls === 1) throw new Error('database is locked');
      return original(now);
    };
    const log: string[] = [];
    const scheduler = startJobScheduler({ storage, sender: recordingSender().sender, intervalMs: 10, now: () => REMIND_AT, log: (l) => log.push(l) });
    await waitFor(() => log.length === 1);
    await scheduler.stop();
    expect(errors).toHaveBeenCalledWith('[jobs] scheduled run failed', expect.objectContaining({ message: 'database is locked' }));
    expect(calls).toBeGreaterThanOrEqual(2);
    errors.mockRestore();
  });
});

describe('overlapping runs of the timed job', () => {
  it('never send one message twice nor mark a sent one skipped (runs in one process are serialised)', async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    await storage.putStudents([1].map((i) => makeStudent(i)));
    await storage.putEvents([makeEvent({ id: 'e1', title: TITLE, capacity: 5, startAt: START.toISOString(), endAt: at(98).toISOString() })]);
    await storage.grantRole(
      { openid: 'o-admin', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'o-admin', detail: '{}' },
    );
    await consent(1, [['event_reminder', true]]);
    ok(await call('signUp', { eventId: 'e1' }, student(1)));
    // A slow sender, so two runs started together would overlap inside the send.
    const sent: string[] = [];
    const slow: NotificationSender = {
      async send(message) {
        await new Promise((r) => setTimeout(r, 30));
        sent.push(message.key);
      },
    };
    const [a, b] = await Promise.all([runJobs(REMIND_AT, slow), runJobs(REMIND_AT, slow)]);
    expect(a.sent + b.sent).toBe(1);
    expect(a.skipped + b.skipped).toBe(0);
    expect(sent).toEqual([`event_reminder:e1:${studentNo(1)}`]);
    expect((await outbox()).map((m) => m.status)).toEqual(['sent']);
    await storage.close();
  });
});
