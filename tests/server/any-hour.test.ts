import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { DEMO_ADMIN_OPENID, seedDemoData } from '../../server/local/seed';
import type { NotificationSender } from '../../server/features/notifications/sender';
import { generateKeyringConfig, keyringFromConfig } from '../../server/security/checkin-keys';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { studentPhone } from '../support/checkin-phone';
import { eventFields } from '../support/event-fields';
import { SHANGHAI_MOMENTS } from '../support/test-moment';

/**
 * Green at every hour: the time-sensitive paths — the demo seed, the scheduled jobs and their reminders, sign-up
 * windows, check-in at an event under way and the dashboard's year and month — run in process at each of the awkward
 * Shanghai moments (just after midnight, the small hours when a whole day's reminders fall due, noon, just before
 * midnight, the last minutes of a month and of a year). Each moment gets a fresh demo seeded around it.
 */
const KEYS = keyringFromConfig(generateKeyringConfig('khour'));
const CONSENTING = '2024021101';
const SILENT = '2025021101';
const HOUR = 3_600_000;

describe.each(SHANGHAI_MOMENTS)('at %s', (_label, now) => {
  let storage: SqliteStorage;
  const sent: string[] = [];
  const sender: NotificationSender = { send: async (message) => void sent.push(message.key) };
  const as = (openid: string | null, at: Date = now): HandlerContext => ({
    storage,
    caller: openid ? { kind: 'wechat', openid } : { kind: 'anonymous' },
    now: () => at,
    demoMode: false,
    checkinKeys: KEYS,
    notificationSender: sender,
  });
  const call = (action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> => dispatch({ action, payload }, ctx);
  const ok = async <T = any>(result: Promise<ApiResult<T>>): Promise<T> => {
    const r = await result;
    if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
    return r.data;
  };
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
  const shanghaiParts = (d: Date) => {
    const s = new Date(d.getTime() + 8 * HOUR);
    return { year: s.getUTCFullYear(), month: s.getUTCMonth() + 1 };
  };

  beforeAll(async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    await seedDemoData(storage, now);
  });
  afterAll(() => storage.close());

  it('seeds events under way that officers can check members in at, right now', async () => {
    const running = (await storage.listEvents({})).filter((e) => e.status === 'published' && Date.parse(e.startAt) <= now.getTime() && now.getTime() < Date.parse(e.endAt));
    expect(running.map((e) => e.id)).toEqual(expect.arrayContaining(['e-lecture-now', 'e-volunteer-now']));
    const lecture = running.find((e) => e.id === 'e-lecture-now')!;
    const member = (await storage.listRegistrationsOfEvent(lecture.id, ['confirmed']))[0];
    const issued = await ok(call('issueCheckinPass', { eventId: lecture.id }, as(`o-demo-${member.studentNo}`)));
    const code = studentPhone(issued.pass, issued.deviceKey).code(now);
    const scan = { scanId: `hour-${now.getTime()}`, code, purpose: 'in', scannedAt: now.toISOString(), offline: false };
    const { results } = await ok(call('recordScans', { eventId: lecture.id, scans: [scan] }, as('o-demo-2023011102')));
    expect(results[0]).toMatchObject({ status: 'recorded' });
  });

  it('lists events open for sign-up, and a student with no sign-ups gets a seat in one', async () => {
    const { events } = await ok(call('listEvents', {}, as(null)));
    const records = new Map((await storage.listEvents({})).map((e) => [e.id, e]));
    const open = events.filter((e: any) => {
      const r = records.get(e.id)!;
      return e.status === 'published' && Date.parse(e.signupStartAt) <= now.getTime() && now.getTime() < Date.parse(e.signupEndAt) && e.seatsLeft > 0 && !r.approvalRequired && r.audience.colleges.length === 0;
    });
    expect(open.length).toBeGreaterThanOrEqual(3);
    const { registration } = await ok(call('signUp', { eventId: open[0].id }, as('o-demo-2023011101')));
    expect(registration.status).toBe('confirmed');
  });

  it('runs the scheduled jobs through everything due, sends what was allowed, and leaves nothing for later', async () => {
    // An event published at this moment, starting within the hour-rounded next 24 hours: its reminders are due now.
    const start = new Date(Math.ceil(at(2).getTime() / HOUR) * HOUR);
    const fields = eventFields({
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      signupStartAt: at(-1).toISOString(),
      signupEndAt: new Date(start.getTime() - HOUR / 2).toISOString(),
      cancelDeadlineAt: new Date(start.getTime() - HOUR / 2).toISOString(),
      capacity: 40,
    });
    const { event } = await ok(call('saveEvent', { fields }, as(DEMO_ADMIN_OPENID)));
    await ok(call('changeEventStatus', { eventId: event.id, action: 'publish' }, as(DEMO_ADMIN_OPENID)));
    for (let tap = 0; tap < 3; tap++) {
      await ok(call('recordSubscribeConsent', { results: [{ kind: 'event_reminder', accepted: true }] }, as(`o-demo-${CONSENTING}`)));
    }
    await ok(call('signUp', { eventId: event.id }, as(`o-demo-${CONSENTING}`)));
    await ok(call('signUp', { eventId: event.id }, as(`o-demo-${SILENT}`)));

    const report = await ok(call('runScheduledJobs', {}, as(DEMO_ADMIN_OPENID)));
    expect(report).toMatchObject({ failed: 0, left: 0 });
    expect(await storage.countDueNotifications(now)).toBe(0);
    expect(sent).toContain(`event_reminder:${event.id}:${CONSENTING}`);
    const mine = await storage.listOutbox({ eventId: event.id, limit: 10 });
    expect(Object.fromEntries(mine.map((m) => [m.studentNo, m.status]))).toEqual({ [CONSENTING]: 'sent', [SILENT]: 'skipped' });

    // A run a minute later sends nothing twice.
    const again = await ok(call('runScheduledJobs', {}, as(DEMO_ADMIN_OPENID, at(1 / 60))));
    expect(again).toMatchObject({ sent: 0, left: 0 });
  });

  it('closes sign-ups whose window has ended by this moment, and only those', async () => {
    await ok(call('runScheduledJobs', {}, as(DEMO_ADMIN_OPENID)));
    for (const e of await storage.listEvents({})) {
      if (e.status === 'published') expect(Date.parse(e.signupEndAt)).toBeGreaterThan(now.getTime());
    }
  });

  it('shows the dashboard for the Shanghai year, counting an event of this moment in this Shanghai month', async () => {
    const { year, month } = shanghaiParts(now);
    const dashboard = await ok(call('getDashboard', {}, as(DEMO_ADMIN_OPENID)));
    expect(dashboard.year).toBe(year);
    const published = (await storage.listEvents({})).filter(
      (e) => (e.status === 'published' || e.status === 'closed') && shanghaiParts(new Date(e.startAt)).year === year && shanghaiParts(new Date(e.startAt)).month === month,
    );
    const row = dashboard.months.find((m: any) => m.month === month);
    expect(row.events).toBe(published.length);
  });
});
