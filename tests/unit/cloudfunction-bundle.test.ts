import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FakeWxDb } from '../../server/storage/cloudbase/fake-wx-db';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { makeEvent, makeStudent, studentNo } from '../support/factories';
import { startClockAt } from '../support/fixed-clock';

// The functions read the clock themselves (new Date()): this file's clock starts at TEST_MOMENT, whatever the hour.
startClockAt();

/**
 * The build is a test: scripts/build-functions.mjs bundles cloudfunctions/api and cloudfunctions/timer, and each bundle
 * itself is loaded with wx-server-sdk replaced by a fake `cloud` whose database() is the stand-in, whose
 * getWXContext() answers the OPENID a test chooses and whose openapi.subscribeMessage.send records what it is asked
 * (or fails as a test says). What runs is exactly what would be uploaded.
 */
const root = resolve(__dirname, '../..');
const bundlePath = join(root, 'cloudfunctions/api/index.js');

const mockCloud = {
  openid: undefined as string | undefined,
  db: null as FakeWxDb | null,
  initConfig: null as unknown,
  databaseConfig: null as unknown,
  /** What subscribeMessage.send was asked to send; `sendError` makes it reject instead. */
  sent: [] as Array<{ touser: string; templateId: string; page: string; data: Record<string, { value: string }> }>,
  sendError: null as null | { errCode: number; errMsg: string },
};

jest.mock('wx-server-sdk', () => {
  const actual = jest.requireActual('wx-server-sdk');
  actual.init({ env: actual.DYNAMIC_CURRENT_ENV });
  const command = actual.database().command;
  const { FakeWxDb: Fake } = jest.requireActual('../../server/storage/cloudbase/fake-wx-db');
  return {
    DYNAMIC_CURRENT_ENV: actual.DYNAMIC_CURRENT_ENV,
    init: (config: unknown) => {
      mockCloud.initConfig = config;
    },
    database: (config?: { throwOnNotFound?: boolean }) => {
      mockCloud.databaseConfig = config;
      mockCloud.db = new Fake({ command, throwOnNotFound: config?.throwOnNotFound });
      return mockCloud.db;
    },
    getWXContext: () => (mockCloud.openid ? { OPENID: mockCloud.openid, APPID: 'wx-test-app' } : {}),
    openapi: {
      subscribeMessage: {
        send: async (args: (typeof mockCloud.sent)[number]) => {
          if (mockCloud.sendError) throw mockCloud.sendError;
          mockCloud.sent.push(args);
          return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
        },
      },
    },
  };
});

type Main = (event: unknown, context: unknown) => Promise<{ ok: boolean; code?: string; data?: any }>;
let main: Main;
const NOW_EVENT = makeEvent({
  id: 'ev-1',
  signupStartAt: new Date(Date.now() - 86_400_000).toISOString(),
  signupEndAt: new Date(Date.now() + 86_400_000).toISOString(),
  cancelDeadlineAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  startAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  endAt: new Date(Date.now() + 3 * 86_400_000 + 7_200_000).toISOString(),
});

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts/build-functions.mjs'), 'api'], { cwd: root, stdio: 'pipe' });
  main = require(bundlePath).main;
  const seed = new CloudbaseStorage(mockCloud.db!);
  await seed.putStudents([makeStudent(1, { openid: 'openid-alice' }), makeStudent(2, { openid: 'openid-bob' })]);
  await seed.putEvents([NOW_EVENT]);
}, 60_000);

beforeEach(() => {
  mockCloud.openid = 'openid-alice';
});

describe('cloud function bundle (cloudfunctions/api/index.js)', () => {
  it('is built under the 500 KB budget and exports main', () => {
    expect(existsSync(bundlePath)).toBe(true);
    expect(statSync(bundlePath).size).toBeLessThan(500 * 1024);
    expect(typeof main).toBe('function');
  });

  it('initialises the SDK for the current environment and reads missing documents as null', () => {
    expect(mockCloud.initConfig).toEqual({ env: jest.requireActual('wx-server-sdk').DYNAMIC_CURRENT_ENV });
    expect(mockCloud.databaseConfig).toEqual({ throwOnNotFound: false });
  });

  it('acts as the OPENID of the WeChat context, whatever openid, userInfo or studentNo the body names', async () => {
    const res = await main(
      {
        action: 'signUp',
        payload: { eventId: 'ev-1' },
        userInfo: { openId: 'openid-bob', appId: 'wx-test-app' },
        openid: 'openid-bob',
        OPENID: 'openid-bob',
        studentNo: studentNo(2),
      },
      {},
    );
    expect(res.ok).toBe(true);
    expect(res.data.registration.id).toBe(`ev-1:${studentNo(1)}`);
    const storage = new CloudbaseStorage(mockCloud.db!);
    expect(await storage.getRegistration('ev-1', studentNo(2))).toBeNull();

    const me = await main({ action: 'getMe', payload: {}, userInfo: { openId: 'openid-bob' } }, {});
    expect(me).toMatchObject({ ok: true, data: { bound: true, student: { studentNo: studentNo(1) } } });
  });

  it('treats a call without an OPENID in its context as anonymous, even if the body claims one', async () => {
    mockCloud.openid = undefined;
    const me = await main({ action: 'getMe', payload: {}, userInfo: { openId: 'openid-alice' }, openid: 'openid-alice' }, {});
    expect(me).toMatchObject({ ok: true, data: { bound: false, student: null } });
    expect(await main({ action: 'signUp', payload: { eventId: 'ev-1' }, openid: 'openid-bob' }, {})).toMatchObject({
      ok: false,
      code: 'NOT_BOUND',
    });
  });

  it('refuses an identity smuggled into the payload with INVALID_INPUT', async () => {
    const res = await main({ action: 'signUp', payload: { eventId: 'ev-1', studentNo: studentNo(2) } }, {});
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('answers UNKNOWN_ACTION for an action the contract does not have', async () => {
    expect(await main({ action: 'dropDatabase', payload: {} }, {})).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(await main({ payload: {} }, {})).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });

  it('answers INVALID_INPUT for a malformed payload', async () => {
    expect(await main({ action: 'getEvent', payload: { eventId: 42 } }, {})).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await main({ action: 'getEvent', payload: 'ev-1' }, {})).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('serves a whole round trip: sign up, see it, cancel it', async () => {
    mockCloud.openid = 'openid-bob';
    expect((await main({ action: 'signUp', payload: { eventId: 'ev-1' } }, {})).ok).toBe(true);
    const detail = await main({ action: 'getEvent', payload: { eventId: 'ev-1' } }, {});
    expect(detail.data.myRegistration).toMatchObject({ status: 'confirmed' });
    const cancelled = await main({ action: 'cancelRegistration', payload: { eventId: 'ev-1' } }, {});
    expect(cancelled).toMatchObject({ ok: true, data: { registration: { status: 'cancelled' } } });
  });

  it('over HTTP access (no WeChat context) acts as the web-login session named by the Bearer header, never X-Demo-User', async () => {
    mockCloud.openid = undefined;
    const http = (action: string, payload: unknown, headers: Record<string, string>) =>
      main({ httpMethod: 'POST', path: `/api/${action}`, headers, body: JSON.stringify(payload), isBase64Encoded: false }, {});
    const { ticket } = (await http('startWebLogin', {}, {})).data;
    mockCloud.openid = 'openid-bob';
    expect(await main({ action: 'confirmWebLogin', payload: { ticket } }, {})).toMatchObject({ ok: true });
    mockCloud.openid = undefined;
    const { sessionToken } = (await http('pollWebLogin', { ticket }, {})).data;
    const me = await http('getMe', {}, { Authorization: `Bearer ${sessionToken}` });
    expect(me).toMatchObject({ ok: true, data: { signedIn: true, student: { studentNo: studentNo(2) } } });
    expect(await http('getMe', {}, { 'X-Demo-User': studentNo(1) })).toMatchObject({ ok: true, data: { signedIn: false } });
    expect(await http('getMe', {}, { authorization: `Bearer ${'N'.repeat(43)}` })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    const malformed = await main({ httpMethod: 'POST', path: '/api/signUp', headers: {}, body: '{oops', isBase64Encoded: false }, {});
    expect(malformed).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

/**
 * The timer function: the trigger's call carries no user, and the job runs with the CloudBase storage and WeChat's
 * subscribe messages, templates from SUBSCRIBE_TEMPLATES. Its events are placed around this file's clock (TEST_MOMENT
 * and on), which the function reads (new Date()).
 */
describe('timer function bundle (cloudfunctions/timer/index.js)', () => {
  const timerPath = join(root, 'cloudfunctions/timer/index.js');
  const HOUR = 3_600_000;
  const iso = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
  type TimerMain = (event: unknown, context: unknown) => Promise<Record<string, unknown>>;
  let timer: TimerMain;
  let storage: CloudbaseStorage;
  const savedTemplates = process.env.SUBSCRIBE_TEMPLATES;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'scripts/build-functions.mjs'), 'timer'], { cwd: root, stdio: 'pipe' });
    process.env.SUBSCRIBE_TEMPLATES = JSON.stringify({
      event_reminder: { id: 'tpl-remind', fields: { title: 'thing1', time: 'time2', place: 'thing3', note: 'thing4' } },
    });
    timer = require(timerPath).main;
    storage = new CloudbaseStorage(mockCloud.db!);
    await storage.putStudents([makeStudent(3, { openid: 'openid-carol' }), makeStudent(4, { openid: 'openid-dave' })]);
    const soon = (id: string, title: string) =>
      makeEvent({ id, title, signupStartAt: iso(-48), signupEndAt: iso(1), cancelDeadlineAt: iso(1), startAt: iso(3), endAt: iso(5) });
    await storage.putEvents([
      soon('ev-soon', '红十字应急救护普及培训（第一期·图书馆报告厅）'),
      soon('ev-later', '主题团日'),
      makeEvent({ id: 'ev-ended', signupStartAt: iso(-48), signupEndAt: iso(-1), cancelDeadlineAt: iso(-1), startAt: iso(30), endAt: iso(32) }),
    ]);
    await storage.signUp('ev-soon', studentNo(3), new Date());
    await storage.addConsent(studentNo(3), 'event_reminder', 1);
  }, 60_000);

  afterAll(() => {
    if (savedTemplates === undefined) delete process.env.SUBSCRIBE_TEMPLATES;
    else process.env.SUBSCRIBE_TEMPLATES = savedTemplates;
  });

  let logs: jest.SpyInstance;
  beforeEach(() => {
    mockCloud.openid = undefined;
    mockCloud.sent.length = 0;
    mockCloud.sendError = null;
    logs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => logs.mockRestore());

  it('is built under the 500 KB budget and exports main', () => {
    expect(statSync(timerPath).size).toBeLessThan(500 * 1024);
    expect(typeof timer).toBe('function');
    expect(mockCloud.initConfig).toEqual({ env: jest.requireActual('wx-server-sdk').DYNAMIC_CURRENT_ENV });
  });

  it('refuses a call from a user of the app (an OPENID in its context) without running the job', async () => {
    mockCloud.openid = 'openid-carol';
    expect(await timer({}, {})).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(mockCloud.sent).toEqual([]);
    expect((await storage.getEvent('ev-ended'))?.status).toBe('published');
  });

  it('runs the scheduled jobs on a trigger, whatever identity or action the event names: closes sign-ups, sends the reminder', async () => {
    const trigger = { Type: 'Timer', TriggerName: 'every5min', Time: new Date().toISOString() };
    const report = await timer({ ...trigger, userInfo: { openId: 'openid-dave' }, openid: 'openid-dave', action: 'grantRole', payload: {} }, {});
    expect(report).toEqual({ queued: 1, sent: 1, retried: 0, failed: 0, skipped: 0, closed: 1, penalised: 0, left: 0, placed: 0 });
    expect((await storage.getEvent('ev-ended'))?.status).toBe('closed');
    expect(mockCloud.sent).toHaveLength(1);
    const [message] = mockCloud.sent;
    expect(message).toMatchObject({ touser: 'openid-carol', templateId: 'tpl-remind', page: 'pages/event/index?id=ev-soon' });
    // WeChat refuses a `thing` value over 20 characters: cut, not failed.
    expect(message.data.thing1.value).toBe('红十字应急救护普及培训（第一期·图书馆报告厅）'.slice(0, 20));
    expect(message.data.time2.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(await storage.consents(studentNo(3))).toMatchObject({ event_reminder: 0 });
    expect(await storage.rolesOf('openid-dave')).toEqual([]);

    // The trigger fires again five minutes later: nothing is sent twice.
    expect(await timer(trigger, {})).toEqual({ queued: 0, sent: 0, retried: 0, failed: 0, skipped: 0, closed: 0, penalised: 0, left: 0, placed: 0 });
    expect(mockCloud.sent).toHaveLength(1);
  });

  it('keeps a send WeChat refused for a retry, with its error code', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await storage.signUp('ev-later', studentNo(4), new Date());
    await storage.addConsent(studentNo(4), 'event_reminder', 1);
    mockCloud.sendError = { errCode: -604101, errMsg: 'function has no permission to call this API' };
    expect(await timer({}, {})).toMatchObject({ queued: 1, sent: 0, retried: 1 });
    const [pending] = await storage.listOutbox({ status: 'pending', limit: 10 });
    expect(pending).toMatchObject({ key: `event_reminder:ev-later:${studentNo(4)}`, attempts: 1 });
    expect(pending.lastError).toContain('-604101');
    expect(await storage.consents(studentNo(4))).toMatchObject({ event_reminder: 1 });
    errors.mockRestore();
  });
});
