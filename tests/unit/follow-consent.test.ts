/**
 * The 关注 tap on the phone (src/stores/follows.ts over src/services/subscribe-consent.weapp.ts), against the real
 * handlers on SQLite: WeChat is asked for the new_event template only, before anything is sent; an 允许 is recorded
 * (one more alert) before the follow, so the count the page shows next includes it; a refusal records nothing and
 * still follows; 补充提醒次数 adds one per 允许; the sign-up's ask never includes the new_event template. The weapp
 * build's defined SUBSCRIBE_TEMPLATE_IDS is a global here.
 */
import type { ActionName } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, makeStudent, studentNo } from '../support/factories';

const mockSent: string[] = [];
let mockAnswer: (action: string, payload: unknown) => Promise<unknown>;
const mockAsk = jest.fn();

jest.mock('../../src/services/transport', () => ({
  transport: (action: string, payload: Record<string, unknown>) => {
    mockSent.push(action);
    return mockAnswer(action, payload);
  },
}));
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { requestSubscribeMessage: (...args: unknown[]) => mockAsk(...args) } }));
// The store imports the platform's consent service: here the mini program's.
jest.mock('../../src/services/subscribe-consent', () => jest.requireActual('../../src/services/subscribe-consent.weapp'));

import { useFollowsStore } from '../../src/stores/follows';
import { askSubscribeConsent } from '../../src/services/subscribe-consent.weapp';

const g = globalThis as unknown as { SUBSCRIBE_TEMPLATE_IDS: Record<string, string> };
let storage: SqliteStorage;
const ctx = (): HandlerContext => ({ storage, caller: { kind: 'wechat', openid: 'openid-1' }, now: () => NOW, demoMode: false });

beforeEach(async () => {
  g.SUBSCRIBE_TEMPLATE_IDS = { event_reminder: 'T-REMIND', event_cancelled: 'T-CANCEL', new_event: 'T-NEW' };
  mockSent.length = 0;
  mockAsk.mockReset();
  storage = new SqliteStorage({ file: ':memory:' });
  await storage.putStudents([makeStudent(1)]);
  mockAnswer = (action, payload) => dispatch({ action: action as ActionName, payload }, ctx());
  useFollowsStore.getState().reset();
});
afterEach(async () => {
  await storage.close();
});

it('asks for the alert template inside the 关注 tap, records the 允许, then follows: the count includes it', async () => {
  mockAsk.mockResolvedValue({ 'T-NEW': 'accept', errMsg: 'requestSubscribeMessage:ok' });
  const outcome = await useFollowsStore.getState().setFollow('volunteer', true);
  expect(mockAsk).toHaveBeenCalledWith({ tmplIds: ['T-NEW'] });
  expect(mockSent).toEqual(['recordSubscribeConsent', 'setFollow']);
  expect(outcome).toEqual({ ok: true, consent: 'accepted', alertsLeft: 1 });
  expect(useFollowsStore.getState()).toMatchObject({ alertsLeft: 1, pending: null });
  expect(useFollowsStore.getState().topics.find((t) => t.id === 'volunteer')?.followed).toBe(true);
  expect((await storage.consents(studentNo(1))).new_event).toBe(1);
});

it('follows after a refusal without recording anything, and unfollowing asks nothing', async () => {
  mockAsk.mockResolvedValue({ 'T-NEW': 'reject' });
  expect(await useFollowsStore.getState().setFollow('firstaid', true)).toEqual({ ok: true, consent: 'refused', alertsLeft: 0 });
  mockAsk.mockRejectedValue(new Error('requestSubscribeMessage:fail 20004 main switch off'));
  expect(await useFollowsStore.getState().setFollow('theme', true)).toMatchObject({ ok: true, consent: 'refused' });
  expect(mockSent).toEqual(['setFollow', 'setFollow']);
  mockAsk.mockClear();
  await useFollowsStore.getState().setFollow('firstaid', false);
  expect(mockAsk).not.toHaveBeenCalled();
  expect(await storage.followsOf(studentNo(1))).toEqual(['theme']);
});

it('补充提醒次数 adds one alert per 允许, and none for a refusal', async () => {
  mockAsk.mockResolvedValue({ 'T-NEW': 'accept' });
  await useFollowsStore.getState().addAlert();
  expect(await useFollowsStore.getState().addAlert()).toEqual({ ok: true, consent: 'accepted', alertsLeft: 2 });
  mockAsk.mockResolvedValue({ 'T-NEW': 'reject' });
  expect(await useFollowsStore.getState().addAlert()).toEqual({ ok: true, consent: 'refused', alertsLeft: 2 });
  expect(useFollowsStore.getState().alertsLeft).toBe(2);
});

it('asks nothing in a build without the alert template, and the sign-up never asks for it', async () => {
  g.SUBSCRIBE_TEMPLATE_IDS = { event_reminder: 'T-REMIND', event_cancelled: 'T-CANCEL' };
  expect(await useFollowsStore.getState().setFollow('practice', true)).toMatchObject({ ok: true, consent: 'unavailable' });
  expect(mockAsk).not.toHaveBeenCalled();

  g.SUBSCRIBE_TEMPLATE_IDS = { event_reminder: 'T-REMIND', event_cancelled: 'T-CANCEL', new_event: 'T-NEW' };
  mockAsk.mockResolvedValue({ 'T-REMIND': 'accept', 'T-CANCEL': 'reject' });
  await askSubscribeConsent();
  expect(mockAsk).toHaveBeenCalledWith({ tmplIds: ['T-REMIND', 'T-CANCEL'] });
  // Recorded in the background (it must not hold the sign-up up): the reminder, not an alert.
  for (let i = 0; i < 100 && (await storage.consents(studentNo(1))).event_reminder === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await storage.consents(studentNo(1))).toMatchObject({ event_reminder: 1, event_cancelled: 0, new_event: 0 });
});
