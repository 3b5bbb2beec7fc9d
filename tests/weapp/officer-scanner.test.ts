/**
 * 扫码签到 for officers in the BUILT weapp (dist/weapp, packages/officer/scan/index) rendered in miniprogram-simulate,
 * with the real handlers on SQLite behind wx.cloud.callFunction (see ./harness.ts). The officer is 2023011102, whose
 * branch hosts the lecture under way at seed time (e-lecture-now); the students' codes are made here as their phones
 * make them, from passes the real issueCheckinPass handler signs. Then the cloud is cut (callFunction fails as it
 * does with no signal): the page judges codes itself with the downloaded list, and uploads them when it is back.
 */
import { composeMemberCode } from '../../core/checkin';
import { dispatch } from '../../server/dispatch';
import { deviceSigner } from '../../src/shared/services/checkin-crypto';
import type { ActionOutput } from '../../types/actions';
import { bootWeapp, createBackend, openPage, visibleText, type Backend, type PageHandle } from './harness';

const EVENT_ID = 'e-lecture-now';
const OFFICER_OPENID = 'o-demo-2023011102';

jest.setTimeout(40_000);

let backend: Backend;
let page: PageHandle;
/** While true, wx.cloud.callFunction fails the way it does on a phone with no signal. */
let cloudDown = false;

beforeAll(async () => {
  backend = await createBackend({ openid: OFFICER_OPENID });
  teachSimulator();
  bootWeapp(backend);
  const wx = (globalThis as unknown as { wx: { cloud: { callFunction: (opts: Record<string, unknown>) => unknown } } }).wx;
  const real = wx.cloud.callFunction;
  wx.cloud.callFunction = (opts) => {
    if (!cloudDown) return real(opts);
    const err = { errMsg: 'cloud.callFunction:fail network error' };
    const callbacks = opts as { fail?: (e: unknown) => void; complete?: (e: unknown) => void };
    if (typeof callbacks.fail === 'function' || typeof callbacks.complete === 'function') {
      setTimeout(() => {
        callbacks.fail?.(err);
        callbacks.complete?.(err);
      }, 0);
      return undefined;
    }
    return Promise.reject(err);
  };
});

afterAll(async () => {
  page?.close();
  await backend?.close();
});

/**
 * What the simulator leaves out and this page uses: storage with a memory (the offline list and the queue live there),
 * and WeChat's <camera> (an empty element here: the scans are typed).
 */
function teachSimulator(): void {
  require('miniprogram-simulate');
  (require('j-component') as { register(def: Record<string, unknown>): string }).register({
    id: 'camera',
    tagName: 'wx-camera',
    template: '<slot/>',
    properties: { mode: { type: String, value: '' }, devicePosition: { type: String, value: '' }, flash: { type: String, value: '' } },
  });
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const memory = new Map<string, string>();
  wx.setStorageSync = (key: string, value: unknown) => void memory.set(key, JSON.stringify(value));
  wx.getStorageSync = (key: string) => (memory.has(key) ? JSON.parse(memory.get(key)!) : '');
  wx.removeStorageSync = (key: string) => void memory.delete(key);
  wx.getStorageInfoSync = () => ({ keys: [...memory.keys()], currentSize: 0, limitSize: 10240 });
}

/** A member code as the student's phone shows it now, from a pass the real handler issues. */
async function codeOf(studentNo: string): Promise<string> {
  const answer = await dispatch(
    { action: 'issueCheckinPass', payload: { eventId: EVENT_ID } },
    { storage: backend.storage, caller: { kind: 'wechat', openid: `o-demo-${studentNo}` }, now: () => new Date(), demoMode: false, checkinKeys: backend.checkinKeys },
  );
  if (!answer.ok) throw new Error(`issueCheckinPass for ${studentNo}: ${answer.code}`);
  const pass = answer.data as ActionOutput<'issueCheckinPass'>;
  return composeMemberCode(pass.pass, new Date(), 'in', deviceSigner(pass.deviceKey));
}

/**
 * Types a code into the entry and taps 提交; answers the result panel's label once the panel changed (weapp renders no
 * data-* attributes, so the panel's text tells a new result from the last one: each scan here differs from the one
 * before).
 */
async function scan(code: string): Promise<string> {
  const before = visibleText(page.find('scanner-result'));
  await page.type(page.find('scanner-code-input'), code);
  await page.tap(page.find('scanner-code-submit'));
  const panel = await page.waitFor('a new result', () => {
    const el = page.find('scanner-result');
    return visibleText(el) !== before ? el : null;
  });
  return visibleText(page.find('scanner-result-label', panel));
}

async function attendanceOf(studentNo: string) {
  return backend.storage.getAttendance(EVENT_ID, studentNo);
}

describe('weapp build, 扫码签到 for officers (packages/officer/scan/index)', () => {
  it('downloads the offline list on opening and shows the count', async () => {
    page = await openPage('packages/officer/scan/index', { eventId: EVENT_ID }, backend);
    await page.waitForText('离线名单已下载');
    await page.waitFor('the count', () => /已到\s*0\s*\/\s*报名\s*7/.test(visibleText(page.find('scanner-count'))));
    expect(page.text()).toContain('单次扫码'); // WeChat's scanner as the fallback to the scanCode camera
  });

  it('a typed member code is recorded online: 签到成功 with the name; a second scan says 已签到', async () => {
    const code = await codeOf('2023011103');
    expect(await scan(code)).toBe('签到成功');
    expect(page.text()).toContain('林睿泽');
    expect((await attendanceOf('2023011103'))?.checkedInAt).toBeTruthy();
    expect(await scan(code)).toBe('已签到');
  });

  it('with no signal the phone judges codes itself, marks them 离线 and queues them; they upload when it is back', async () => {
    const code = await codeOf('2023011104');
    cloudDown = true;
    expect(await scan(code)).toBe('签到成功');
    expect(page.text()).toContain('离线');
    expect(page.text()).toContain('郑思雨');
    await page.waitForText('待上传 1 条');
    expect(await attendanceOf('2023011104')).toBeNull();

    cloudDown = false;
    await page.tap(page.find('scanner-upload'));
    await page.waitForText('离线记录已上传 1 条，全部有效');
    expect((await attendanceOf('2023011104'))?.checkedInAt).toBeTruthy();
    expect(backend.calls.filter((c) => c.action === 'recordScans' && c.ok)).toHaveLength(3);
  });
});
