import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CALL_PAYLOAD_LIMIT_BYTES, CALL_RESULT_LIMIT_BYTES } from '../../server/dispatch/limits';
import { CloudbaseBackend, createRealSdkDatabase, useBackendAsCurrentEnv } from '../support/cloudbase-backend';
import { makeEvent, makeStudent, studentNo } from '../support/factories';
import { seedCrowdedEvent } from '../support/crowded-event';
import { startClockAt } from '../support/fixed-clock';

/**
 * The build is a test: scripts/build-functions.mjs bundles cloudfunctions/api and cloudfunctions/timer, and each bundle
 * itself is loaded and called as CloudBase would. What runs is exactly what would be uploaded, on the REAL
 * wx-server-sdk 4.0.2, with only its last hops replaced:
 * - the database transport is pinned to the in-process backend (tests/support/cloudbase-backend), found by env id:
 *   `TCB_ENV` names the backend, as SCF names the function's environment, and wx-server-sdk's DYNAMIC_CURRENT_ENV
 *   resolves through it;
 * - the WeChat context comes through the environment exactly as SCF provides it: `WX_CONTEXT_KEYS=WX_OPENID,WX_APPID`
 *   and `WX_OPENID`, `WX_APPID` (what `cloud.getWXContext()` reads);
 * - `cloud.openapi.subscribeMessage.send` (its network hop) is replaced on the real module object, recording what it
 *   is asked to send (or failing as a test says).
 * Nothing can reach a network: http, https and DNS are made to throw for the whole run, and checked never called.
 *
 * `runCloudFunctionBundleSuite` runs in two files: as the code runs on Nodejs20.19 (the declared runtime), and with
 * the globals the oldest runtime a deploy may land on (Nodejs16.13) lacks removed (tests/support/oldest-runtime.ts).
 */
export function runCloudFunctionBundleSuite(runtime: { label: string; outDir: string }): void {
  // The functions read the clock themselves (new Date()): this file's clock starts at TEST_MOMENT, whatever the hour.
  startClockAt();

  const root = resolve(__dirname, '../..');
  // Each file builds its own copy (the same bundle), so that two test files never write one file at once.
  const outDir = join(root, 'dist/test-functions', runtime.outDir);
  const build = (fn: string) =>
    execFileSync(process.execPath, [join(root, 'scripts/build-functions.mjs'), '--outdir', outDir, fn], { cwd: root, stdio: 'pipe' }).toString();

  // The WeChat context, through the environment as SCF sets it.
  const envBefore = { ...process.env };
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
  process.env.WX_APPID = 'wx-test-app';
  const actAs = (openid: string | undefined) => {
    if (openid) process.env.WX_OPENID = openid;
    else delete process.env.WX_OPENID;
  };

  const backend = new CloudbaseBackend({ latencyMs: 0 });
  const seedStorage = () => new CloudbaseStorage(createRealSdkDatabase(backend, { throwOnNotFound: false }));

  type Sent = { touser: string; templateId: string; page: string; data: Record<string, { value: string }> };
  const sends = { sent: [] as Sent[], error: null as null | { errCode: number; errMsg: string } };
  const network: jest.SpyInstance[] = [];
  let cloud: any;
  let initSpy: jest.SpyInstance;
  let databaseSpy: jest.SpyInstance;
  let undoEnv: () => void;
  let realOpenapi: unknown;

  beforeAll(() => {
    const refuse = (what: string) => () => {
      throw new Error(`network access attempted in a bundle test: ${what}`);
    };
    for (const [name, method] of [['http', 'request'], ['http', 'get'], ['https', 'request'], ['https', 'get'], ['dns', 'lookup']] as const) {
      network.push(jest.spyOn(require(name), method).mockImplementation(refuse(`${name}.${method}`)));
    }
    undoEnv = useBackendAsCurrentEnv(backend);
    cloud = require('wx-server-sdk');
    initSpy = jest.spyOn(cloud, 'init');
    databaseSpy = jest.spyOn(cloud, 'database');
    realOpenapi = cloud.openapi;
    // The send's network hop, replaced on the real module object (the rest of openapi stays the SDK's own).
    const subscribeMessage = {
      send: async (args: Sent) => {
        if (sends.error) throw sends.error;
        sends.sent.push(args);
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
      },
    };
    cloud.openapi = new Proxy(realOpenapi as object, {
      get: (target, prop, receiver) => (prop === 'subscribeMessage' ? subscribeMessage : Reflect.get(target, prop, receiver)),
    });
  });

  afterAll(() => {
    cloud.openapi = realOpenapi;
    initSpy.mockRestore();
    databaseSpy.mockRestore();
    undoEnv();
    for (const key of Object.keys(process.env)) if (!(key in envBefore)) delete process.env[key];
    Object.assign(process.env, envBefore);
    for (const spy of network) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });

  type Main = (event: unknown, context: unknown) => Promise<{ ok: boolean; code?: string; message?: string; data?: any }>;
  const bundlePath = join(outDir, 'api/index.js');
  let main: Main;
  let buildLog = '';
  const NOW_EVENT = makeEvent({
    id: 'ev-1',
    signupStartAt: new Date(Date.now() - 86_400_000).toISOString(),
    signupEndAt: new Date(Date.now() + 86_400_000).toISOString(),
    cancelDeadlineAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    startAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    endAt: new Date(Date.now() + 3 * 86_400_000 + 7_200_000).toISOString(),
  });

  describe(`cloud function bundle (cloudfunctions/api/index.js), ${runtime.label}`, () => {
    beforeAll(async () => {
      buildLog = build('api');
      main = require(bundlePath).main;
      const seed = seedStorage();
      await seed.putStudents([makeStudent(1, { openid: 'openid-alice' }), makeStudent(2, { openid: 'openid-bob' })]);
      await seed.putEvents([NOW_EVENT]);
    }, 60_000);

    beforeEach(() => actAs('openid-alice'));

    it('is built under the 500 KB budget for the declared runtime (Nodejs20.19) and exports main', () => {
      expect(existsSync(bundlePath)).toBe(true);
      expect(statSync(bundlePath).size).toBeLessThan(500 * 1024);
      expect(buildLog).toContain('(node20.19)');
      expect(typeof main).toBe('function');
    });

    it('initialises the SDK for the current environment and reads missing documents as null', async () => {
      expect(initSpy).toHaveBeenCalledWith({ env: cloud.DYNAMIC_CURRENT_ENV });
      expect(databaseSpy).toHaveBeenCalledWith({ throwOnNotFound: false });
      // The current environment is the one SCF names: its requests reach this backend through TCB_ENV.
      expect(cloud.getWXContext()).toMatchObject({ OPENID: 'openid-alice', APPID: 'wx-test-app', ENV: backend.envId });
      backend.resetCounters();
      expect(await main({ action: 'getEvent', payload: { eventId: 'no-such-event' } }, {})).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(backend.counters().byAction['database.getDocument']).toBeGreaterThan(0);
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
      expect(await seedStorage().getRegistration('ev-1', studentNo(2))).toBeNull();

      const me = await main({ action: 'getMe', payload: {}, userInfo: { openId: 'openid-bob' } }, {});
      expect(me).toMatchObject({ ok: true, data: { bound: true, student: { studentNo: studentNo(1) } } });
    });

    it('treats a call without an OPENID in its context as anonymous, even if the body claims one', async () => {
      actAs(undefined);
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
      actAs('openid-bob');
      expect((await main({ action: 'signUp', payload: { eventId: 'ev-1' } }, {})).ok).toBe(true);
      const detail = await main({ action: 'getEvent', payload: { eventId: 'ev-1' } }, {});
      expect(detail.data.myRegistration).toMatchObject({ status: 'confirmed' });
      const cancelled = await main({ action: 'cancelRegistration', payload: { eventId: 'ev-1' } }, {});
      expect(cancelled).toMatchObject({ ok: true, data: { registration: { status: 'cancelled' } } });
    });

    it('serves the settings every student screen reads (copied defaults: no structuredClone needed)', async () => {
      const settings = await main({ action: 'getCreditSettings', payload: {} }, {});
      expect(settings.ok).toBe(true);
      expect(Array.isArray(settings.data.modules) && settings.data.modules.length > 0).toBe(true);
    });

    const http = (action: string, payload: unknown, headers: Record<string, string>) =>
      main({ httpMethod: 'POST', path: `/api/${action}`, headers, body: JSON.stringify(payload), isBase64Encoded: false }, {});

    it('over HTTP access (no WeChat context) acts as the web-login session named by the Bearer header, never X-Demo-User', async () => {
      actAs(undefined);
      const { ticket } = (await http('startWebLogin', {}, {})).data;
      actAs('openid-bob');
      expect(await main({ action: 'confirmWebLogin', payload: { ticket } }, {})).toMatchObject({ ok: true });
      actAs(undefined);
      const { sessionToken } = (await http('pollWebLogin', { ticket }, {})).data;
      const me = await http('getMe', {}, { Authorization: `Bearer ${sessionToken}` });
      expect(me).toMatchObject({ ok: true, data: { signedIn: true, student: { studentNo: studentNo(2) } } });
      expect(await http('getMe', {}, { 'X-Demo-User': studentNo(1) })).toMatchObject({ ok: true, data: { signedIn: false } });
      expect(await http('getMe', {}, { authorization: `Bearer ${'N'.repeat(43)}` })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
      const malformed = await main({ httpMethod: 'POST', path: '/api/signUp', headers: {}, body: '{oops', isBase64Encoded: false }, {});
      expect(malformed).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    });

    /** An officer's offline batch of `n` scans (~370-character member codes), as the scanning phone uploads it. */
    const offlineBatch = (n: number) => ({
      eventId: 'ev-1',
      scans: Array.from({ length: n }, (_, i) => ({
        scanId: `scan-offline-${String(i).padStart(4, '0')}`,
        code: `Y1.${'p'.repeat(240)}.${'s'.repeat(120)}`,
        purpose: 'in',
        scannedAt: new Date().toISOString(),
        offline: true,
      })),
    });

    it('refuses a request over 100 KB (PAYLOAD_TOO_LARGE, in Chinese) before any handler runs: from the app and over HTTP access', async () => {
      const batch = offlineBatch(500);
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeGreaterThan(CALL_PAYLOAD_LIMIT_BYTES);
      backend.resetCounters();
      const fromApp = await main({ action: 'recordScans', payload: batch, userInfo: { openId: 'openid-alice' } }, {});
      expect(fromApp).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
      expect(fromApp.message).toMatch(/KB/);
      actAs(undefined);
      expect(await http('recordScans', batch, {})).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
      // The gateway may pass the body base64-encoded: the limit is on the body itself.
      const body = Buffer.from(JSON.stringify(batch)).toString('base64');
      expect(await main({ httpMethod: 'POST', path: '/api/recordScans', headers: {}, body, isBase64Encoded: true }, {})).toMatchObject({
        ok: false,
        code: 'PAYLOAD_TOO_LARGE',
      });
      expect(backend.counters().requests).toBe(0);
      // Within the limit the same upload goes on to the handler (which refuses the made-up codes by their own rules).
      expect(await http('recordScans', offlineBatch(100), {})).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    });

    it('answers RESULT_TOO_LARGE (in Chinese) instead of a result over 1 MB, which CloudBase would not deliver: from the app and over HTTP access', async () => {
      // An event of 1,000 members, its check-in run by Alice, each named with 500 characters (far over what a roster
      // allows, written straight into the store): one page of its attendance is ~1.4 MB. Lists answer a page a call
      // and stay far under at real sizes (tests/contract/function-limits.test.ts: a 5,000-member assembly).
      seedCrowdedEvent(backend, { eventId: 'ev-heavy', members: 1000, staffOpenid: 'openid-alice', nameChars: 500 });
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const fromApp = await main({ action: 'getEventAttendance', payload: { eventId: 'ev-heavy' } }, {});
        expect(fromApp).toMatchObject({ ok: false, code: 'RESULT_TOO_LARGE' });
        expect(fromApp.message).toMatch(/MB/);
        expect(errors).toHaveBeenCalledWith(expect.stringContaining(`[getEventAttendance] result of`));
        expect(Buffer.byteLength(JSON.stringify(fromApp))).toBeLessThan(CALL_RESULT_LIMIT_BYTES);
        // Over HTTP access (Alice's web session): the same door.
        actAs(undefined);
        const { ticket } = (await http('startWebLogin', {}, {})).data;
        actAs('openid-alice');
        expect(await main({ action: 'confirmWebLogin', payload: { ticket } }, {})).toMatchObject({ ok: true });
        actAs(undefined);
        const { sessionToken } = (await http('pollWebLogin', { ticket }, {})).data;
        const overHttp = await http('getEventAttendance', { eventId: 'ev-heavy' }, { Authorization: `Bearer ${sessionToken}` });
        expect(overHttp).toMatchObject({ ok: false, code: 'RESULT_TOO_LARGE' });
      } finally {
        errors.mockRestore();
      }
    }, 60_000);
  });

  /**
   * The timer function: the trigger's call carries no user, and the job runs with the CloudBase storage and WeChat's
   * subscribe messages, templates from SUBSCRIBE_TEMPLATES. Its events are placed around this file's clock
   * (TEST_MOMENT and on), which the function reads (new Date()).
   */
  describe(`timer function bundle (cloudfunctions/timer/index.js), ${runtime.label}`, () => {
    const timerPath = join(outDir, 'timer/index.js');
    const HOUR = 3_600_000;
    const iso = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
    type TimerMain = (event: unknown, context: unknown) => Promise<Record<string, unknown>>;
    let timer: TimerMain;
    let storage: CloudbaseStorage;

    beforeAll(async () => {
      buildLog = build('timer');
      process.env.SUBSCRIBE_TEMPLATES = JSON.stringify({
        event_reminder: { id: 'tpl-remind', fields: { title: 'thing1', time: 'time2', place: 'thing3', note: 'thing4' } },
      });
      timer = require(timerPath).main;
      storage = seedStorage();
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

    let logs: jest.SpyInstance;
    beforeEach(() => {
      actAs(undefined);
      sends.sent.length = 0;
      sends.error = null;
      logs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    });
    afterEach(() => logs.mockRestore());

    it('is built under the 500 KB budget for the declared runtime and exports main', () => {
      expect(statSync(timerPath).size).toBeLessThan(500 * 1024);
      expect(buildLog).toContain('(node20.19)');
      expect(typeof timer).toBe('function');
      expect(initSpy).toHaveBeenCalledWith({ env: cloud.DYNAMIC_CURRENT_ENV });
    });

    it('refuses a call from a user of the app (an OPENID in its context) without running the job', async () => {
      actAs('openid-carol');
      expect(await timer({}, {})).toEqual({ ok: false, code: 'FORBIDDEN' });
      expect(sends.sent).toEqual([]);
      expect((await storage.getEvent('ev-ended'))?.status).toBe('published');
    });

    it('runs the scheduled jobs on a trigger, whatever identity or action the event names: closes sign-ups, sends the reminder', async () => {
      const trigger = { Type: 'Timer', TriggerName: 'every5min', Time: new Date().toISOString() };
      const report = await timer({ ...trigger, userInfo: { openId: 'openid-dave' }, openid: 'openid-dave', action: 'grantRole', payload: {} }, {});
      expect(report).toEqual({ queued: 1, sent: 1, retried: 0, failed: 0, skipped: 0, closed: 1, penalised: 0, left: 0, placed: 0, drawn: 0, marked: 0, alerted: 0 });
      expect((await storage.getEvent('ev-ended'))?.status).toBe('closed');
      expect(sends.sent).toHaveLength(1);
      const [message] = sends.sent;
      expect(message).toMatchObject({ touser: 'openid-carol', templateId: 'tpl-remind', page: 'pages/event/index?id=ev-soon' });
      // WeChat refuses a `thing` value over 20 characters: cut, not failed.
      expect(message.data.thing1.value).toBe('红十字应急救护普及培训（第一期·图书馆报告厅）'.slice(0, 20));
      expect(message.data.time2.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      expect(await storage.consents(studentNo(3))).toMatchObject({ event_reminder: 0 });
      expect(await storage.rolesOf('openid-dave')).toEqual([]);

      // The trigger fires again five minutes later: nothing is sent twice.
      expect(await timer(trigger, {})).toEqual({ queued: 0, sent: 0, retried: 0, failed: 0, skipped: 0, closed: 0, penalised: 0, left: 0, placed: 0, drawn: 0, marked: 0, alerted: 0 });
      expect(sends.sent).toHaveLength(1);
    });

    it('keeps a send WeChat refused for a retry, with its error code', async () => {
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      await storage.signUp('ev-later', studentNo(4), new Date());
      await storage.addConsent(studentNo(4), 'event_reminder', 1);
      sends.error = { errCode: -604101, errMsg: 'function has no permission to call this API' };
      expect(await timer({}, {})).toMatchObject({ queued: 1, sent: 0, retried: 1 });
      const [pending] = await storage.listOutbox({ status: 'pending', limit: 10 });
      expect(pending).toMatchObject({ key: `event_reminder:ev-later:${studentNo(4)}`, attempts: 1 });
      expect(pending.lastError).toContain('-604101');
      expect(await storage.consents(studentNo(4))).toMatchObject({ event_reminder: 1 });
      errors.mockRestore();
    });
  });

  describe(`deploy configuration, ${runtime.label}`, () => {
    const rc = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')) as { functions: Array<{ name: string; runtime: string; timeout: number }> };
    const config = (fn: string) => JSON.parse(readFileSync(join(root, 'cloudfunctions', fn, 'config.json'), 'utf8')) as { timeout?: number };

    it('declares Nodejs20.19 for both functions (the build targets it), api 20 s and timer 60 s, in cloudbaserc.json and in the folders DevTools uploads', () => {
      expect(rc.functions.map((f) => [f.name, f.runtime, f.timeout])).toEqual([
        ['api', 'Nodejs20.19', 20],
        ['timer', 'Nodejs20.19', 60],
      ]);
      expect(config('api').timeout).toBe(20);
      expect(config('timer').timeout).toBe(60);
    });
  });
}
