import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FakeWxDb } from '../../server/storage/cloudbase/fake-wx-db';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { makeEvent, makeStudent, studentNo } from '../support/factories';

/**
 * The build is a test: scripts/build-functions.mjs bundles cloudfunctions/api, and the bundle itself is loaded with
 * wx-server-sdk replaced by a fake `cloud` whose database() is the stand-in and whose getWXContext() answers the
 * OPENID a test chooses. What runs is exactly what would be uploaded.
 */
const root = resolve(__dirname, '../..');
const bundlePath = join(root, 'cloudfunctions/api/index.js');

const mockCloud = {
  openid: undefined as string | undefined,
  db: null as FakeWxDb | null,
  initConfig: null as unknown,
  databaseConfig: null as unknown,
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
