import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import type { OutboxMessage } from '../../core';
import type { NotificationSender } from '../../server/features/notifications/sender';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeEvent, makeStudent, studentNo } from '../support/factories';

/**
 * 活动提醒 through the handlers and the timed job, as the follows page and the timer use them: a student follows kinds
 * (setFollow) and allows alerts at the tap (recordSubscribeConsent, new_event); when an event of a followed kind opens
 * for sign-up, the job queues one alert per follower (within the event's audience) and sends it only against a
 * consent, which it uses up; the next run queues nothing again. Sign-up of the events below opens at NOW + 1 h.
 */
let storage: StoragePort;

function as(openid: string, now: Date = NOW, sender?: NotificationSender): HandlerContext {
  return { storage, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false, notificationSender: sender };
}
async function call(action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> {
  return dispatch({ action, payload }, ctx);
}
function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}

const student = (i: number, now: Date = NOW) => as(`openid-${i}`, now);
const follow = async (i: number, topic: string) => ok(await call('setFollow', { topic, follow: true }, student(i)));
const allow = async (i: number) => ok(await call('recordSubscribeConsent', { results: [{ kind: 'new_event', accepted: true }] }, student(i))).remaining.new_event;
const alertsLeft = async (i: number, now: Date = NOW): Promise<number> => ok(await call('listFollowTopics', {}, student(i, now))).alertsLeft;
const alerts = async (): Promise<OutboxMessage[]> =>
  ok(await call('listOutbox', { limit: 500 }, as('o-admin'))).messages.filter((m: OutboxMessage) => m.kind === 'new_event');
const sentTo = (messages: OutboxMessage[]) => messages.filter((m) => m.status === 'sent').map((m) => `${m.eventId}→${m.studentNo}`).sort();

/** A sender that records whom it sent what. */
function recordingSender() {
  const sent: string[] = [];
  const sender: NotificationSender = {
    async send(message) {
      sent.push(`${message.eventId}→${message.studentNo}`);
    },
  };
  return { sender, sent };
}

/** A published event of a kind whose sign-up opens `opensIn` hours after NOW and closes two days later. */
const opening = (id: string, category: 'volunteer' | 'lecture' | 'firstaid', opensIn: number, more: Parameters<typeof makeEvent>[0] = {}) =>
  makeEvent({ id, title: `活动 ${id}`, category, tag: category === 'lecture' ? '团支部赛道' : '', signupStartAt: at(opensIn).toISOString(), signupEndAt: at(opensIn + 48).toISOString(), ...more });

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('alerts for followed kinds on %s', (_adapter, makeStorage) => {
  let jobs: ReturnType<typeof recordingSender>;
  const run = async (now: Date) => ok(await call('runScheduledJobs', {}, as('o-admin', now, jobs.sender)));

  beforeEach(async () => {
    storage = makeStorage();
    jobs = recordingSender();
    await storage.putStudents([1, 2, 3, 4, 5].map((i) => makeStudent(i)).concat(makeStudent(6, { college: '医学院' })));
    await storage.grantRole(
      { openid: 'o-admin', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'o-admin', detail: '{}' },
    );
    await storage.putEvents([
      opening('vol-1', 'volunteer', 1),
      opening('talk-1', 'lecture', 1),
      opening('aid-1', 'firstaid', 1, { audience: { colleges: ['医学院'], grades: [], leagueMembersOnly: false } }),
    ]);
    // 1 follows 志愿服务 and allowed once; 2 follows it without allowing; 3 allowed but follows nothing; 4 follows
    // 百生讲坛 twice over (all tracks and 团支部赛道) and allowed twice; 5 follows 应急救护 outside its audience; 6 (医学院)
    // follows 应急救护 and allowed once.
    expect(await allow(1)).toBe(1);
    await follow(1, 'volunteer');
    await follow(2, 'volunteer');
    await allow(3);
    await allow(4);
    await allow(4);
    await follow(4, 'lecture');
    await follow(4, 'lecture:团支部赛道');
    await allow(5);
    await follow(5, 'firstaid');
    await allow(6);
    await follow(6, 'firstaid');
  });
  afterEach(async () => {
    await storage.close();
  });

  it('queues nothing before sign-up opens', async () => {
    expect((await run(NOW)).alerted).toBe(0);
    expect(await alerts()).toEqual([]);
  });

  it('sends one alert per consent to each follower of the kind, within the audience, and uses the consent up', async () => {
    const report = await run(at(2));
    // Followers: 1 and 2 (volunteer), 4 once for two matching topics, 6 (in 医学院's audience); not 3, not 5.
    expect(report.alerted).toBe(4);
    const queued = await alerts();
    expect(queued.map((m) => `${m.eventId}→${m.studentNo}`).sort()).toEqual(
      [`aid-1→${studentNo(6)}`, `talk-1→${studentNo(4)}`, `vol-1→${studentNo(1)}`, `vol-1→${studentNo(2)}`].sort(),
    );
    // 2 never allowed: its alert is skipped, not sent.
    expect(sentTo(queued)).toEqual([`aid-1→${studentNo(6)}`, `talk-1→${studentNo(4)}`, `vol-1→${studentNo(1)}`].sort());
    expect(jobs.sent.sort()).toEqual(sentTo(queued));
    expect(queued.find((m) => m.studentNo === studentNo(2))?.status).toBe('skipped');
    expect(queued.find((m) => m.studentNo === studentNo(1))?.data.note).toContain('你关注的活动');
    // Each sent alert used one "allow"; those who got nothing keep theirs.
    expect(await alertsLeft(1)).toBe(0);
    expect(await alertsLeft(4)).toBe(1);
    expect(await alertsLeft(6)).toBe(0);
    expect(await alertsLeft(3)).toBe(1);
    expect(await alertsLeft(5)).toBe(1);
  });

  it('never queues an event\'s alerts twice, however often the job runs', async () => {
    await run(at(2));
    const again = await run(at(3));
    expect(again).toMatchObject({ alerted: 0, sent: 0, skipped: 0 });
    expect(await alerts()).toHaveLength(4);
    expect(jobs.sent).toHaveLength(3);
    expect(await alertsLeft(4)).toBe(1);
  });

  it('sends nothing once the alerts are used up, until the student allows again', async () => {
    await run(at(2));
    expect(await alertsLeft(1)).toBe(0);
    await storage.putEvents([opening('vol-2', 'volunteer', 4), opening('vol-3', 'volunteer', 6)]);
    const used = await run(at(5));
    expect(used.alerted).toBe(2); // to 1 and 2, both without a consent left
    expect(used.sent).toBe(0);
    expect((await alerts()).filter((m) => m.eventId === 'vol-2').map((m) => m.status)).toEqual(['skipped', 'skipped']);
    // 再次允许 on the follows page: one more alert, for the next event only.
    expect(await allow(1)).toBe(1);
    const next = await run(at(7));
    expect(next).toMatchObject({ alerted: 2, sent: 1 });
    expect(sentTo((await alerts()).filter((m) => m.eventId === 'vol-3'))).toEqual([`vol-3→${studentNo(1)}`]);
    expect(await alertsLeft(1)).toBe(0);
  });

  it('stops alerting a kind once unfollowed, and keeps the alerts left', async () => {
    ok(await call('setFollow', { topic: 'volunteer', follow: false }, student(1)));
    expect(await alertsLeft(1)).toBe(1);
    await run(at(2));
    expect((await alerts()).some((m) => m.studentNo === studentNo(1))).toBe(false);
    expect(await alertsLeft(1)).toBe(1);
  });
});
