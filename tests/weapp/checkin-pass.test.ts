/**
 * 签到码 in the BUILT weapp (dist/weapp, packages/checkin/pass/index) rendered in miniprogram-simulate, with the real
 * handlers on SQLite behind wx.cloud.callFunction (see ./harness.ts). The QR code is read back from the image the
 * page shows (as an officer's scanner would), verified with the server's keys, and scanned by an officer through
 * the real recordScans handler; the page then follows the attendance by itself.
 *
 * The student is 2024021101 of 医学院 (no seeded sign-ups), confirmed for the volunteering under way at seed time
 * (e-volunteer-now: open to 医学院 only; it records check-out, so the page offers 签到 / 签退). The officer is 2024021102, 医学院's
 * college officer, who may scan for the 医学院 event. The tests run in order on one page.
 */
import { WINDOW_MS, verifyMemberCode, windowOf, type CheckinPurpose } from '../../core/checkin';
import { dispatch } from '../../server/dispatch';
import type { ActionOutput } from '../../types/actions';
import { nodeEd25519Verify } from '../../server/security/checkin-keys';
import { bootWeapp, createBackend, openPage, visibleText, type Backend, type PageHandle } from './harness';
import { readQrDataUrl } from './qr-image';

const STUDENT_NO = '2024021101';
const EVENT_ID = 'e-volunteer-now';
const OFFICER_OPENID = 'o-demo-2024021102';
/** The page asks for the status every 10 s: a change must show within one poll and a margin. */
const POLL_WAIT_MS = 14_000;

jest.setTimeout(40_000);

let backend: Backend;
let page: PageHandle;
let scanPage: PageHandle | undefined;

beforeAll(async () => {
  backend = await createBackend({ openid: `o-demo-${STUDENT_NO}` });
  // Sign-up for this event closed a day before it began: the registration is made as of when it was open.
  const event = await backend.storage.getEvent(EVENT_ID);
  if (!event) throw new Error(`the seed has no ${EVENT_ID}`);
  const outcome = await backend.storage.signUp(EVENT_ID, STUDENT_NO, new Date(Date.parse(event.signupStartAt) + 60_000));
  expect(JSON.stringify(outcome)).toContain('confirmed');
  teachSimulator();
  bootWeapp(backend);
});

/**
 * Two things the simulator leaves out and this page needs, added before the app boots: its built-in <image> keeps
 * no properties (so the code's image src would be lost: declare `src`), and its storage APIs are no-ops (give it a
 * memory, so the pass the page keeps can be checked). miniprogram-simulate is the same module the harness requires.
 */
function teachSimulator(): void {
  require('miniprogram-simulate');
  (require('j-component') as { register(def: Record<string, unknown>): string }).register({
    id: 'image',
    tagName: 'wx-image',
    template: '<slot/>',
    properties: { src: { type: String, value: '' }, mode: { type: String, value: '' } },
  });
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const memory = new Map<string, string>();
  wx.setStorageSync = (key: string, value: unknown) => void memory.set(key, JSON.stringify(value));
  wx.getStorageSync = (key: string) => (memory.has(key) ? JSON.parse(memory.get(key)!) : '');
  wx.removeStorageSync = (key: string) => void memory.delete(key);
  wx.getStorageInfoSync = () => ({ keys: [...memory.keys()], currentSize: 0, limitSize: 10240 });
  // WeChat's scanner: answers with whatever the test put in front of the camera.
  wx.scanCode = (opts: { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void }) => {
    const res = nextScan === null ? { errMsg: 'scanCode:fail cancel' } : { result: nextScan, scanType: 'QR_CODE', errMsg: 'scanCode:ok' };
    setTimeout(() => {
      if (nextScan === null) opts.fail?.(res);
      else opts.success?.(res);
      opts.complete?.(res);
    }, 0);
  };
}

/** What wx.scanCode reads next (null: the user cancels). */
let nextScan: string | null = null;

afterAll(async () => {
  page?.close();
  scanPage?.close();
  await backend?.close();
});

/** The image src the page renders for the code (a property of the simulator's wx-image, see teachSimulator). */
function qrSource(): string | null {
  const img = page.findAll('checkin-qr__img')[0] as (HTMLElement & { __wxElement?: { __propData?: { src?: string } } }) | undefined;
  if (!img) return null;
  const src = img.__wxElement?.__propData?.src ?? '';
  return src.startsWith('data:image/gif;base64,') ? src : null;
}

/** What a scanner reads from the page now. */
function scannedCode(): string | null {
  const src = qrSource();
  return src ? readQrDataUrl(src) : null;
}

function verify(code: string, purpose: CheckinPurpose) {
  return verifyMemberCode(code, { eventId: EVENT_ID, purpose, at: new Date(), trustedKeys: backend.checkinKeys.trusted }, nodeEd25519Verify);
}

async function officerScans(code: string, purpose: CheckinPurpose) {
  const result = await dispatch(
    {
      action: 'recordScans',
      payload: { eventId: EVENT_ID, scans: [{ scanId: `weapp-${purpose}-${Date.now()}`, code, purpose, scannedAt: new Date().toISOString(), offline: false }] },
    },
    { storage: backend.storage, caller: { kind: 'wechat', openid: OFFICER_OPENID }, now: () => new Date(), demoMode: false, checkinKeys: backend.checkinKeys },
  );
  if (!result.ok) throw new Error(`recordScans refused: ${result.code} ${result.message}`);
  return (result.data as ActionOutput<'recordScans'>).results[0];
}

const passIssues = () => backend.calls.filter((c) => c.action === 'issueCheckinPass');

describe('weapp build, 签到码 (packages/checkin/pass/index)', () => {
  let firstCode: string;

  it('shows the student, the event, 签到 / 签退 and a QR code that verifies as this student\'s code for this window', async () => {
    const student = await backend.storage.findStudentByNo(STUDENT_NO);
    const event = await backend.storage.getEvent(EVENT_ID);
    page = await openPage('packages/checkin/pass/index', { eventId: EVENT_ID }, backend);

    firstCode = await page.waitFor('a QR code that reads back', () => scannedCode());
    const check = verify(firstCode, 'in');
    expect(check).toMatchObject({ ok: true, claims: { e: EVENT_ID, s: STUDENT_NO } });
    // The code is for the window of now (or the next one if the test straddled a boundary).
    if (check.ok) expect(Math.abs(check.window - windowOf(Date.now()))).toBeLessThanOrEqual(1);

    await page.waitForText(student!.name);
    const text = page.text();
    expect(text).toContain(event!.title);
    expect(text).toContain(student!.className);
    expect(visibleText(page.find('purpose-in'))).toBe('签到');
    expect(visibleText(page.find('purpose-out'))).toBe('签退');
    expect(text).toMatch(/\d+ 秒后自动更新/);
    expect(text).toContain('截图');
    expect(visibleText(page.find('checkin-status'))).toBe('未签到');
    expect(passIssues()).toHaveLength(1);
  });

  it('keeps the pass on the phone (wx storage), so codes need no network later', () => {
    const wxApi = (globalThis as unknown as { wx: { getStorageSync(key: string): unknown } }).wx;
    const stored = wxApi.getStorageSync(`ysc.checkin.pass.${EVENT_ID}`) as { pass?: string; deviceKey?: string; studentNo?: string };
    expect(stored).toMatchObject({ studentNo: STUDENT_NO });
    expect(firstCode).toContain(stored.pass);
    expect(typeof stored.deviceKey).toBe('string');
  });

  it('an officer scans it: 签到成功, and the page shows 已签到 HH:mm within a poll, then the 签退 code', async () => {
    const result = await officerScans(scannedCode()!, 'in');
    expect(result).toMatchObject({ status: 'recorded', label: '签到成功', member: { studentNo: STUDENT_NO } });

    await page.waitFor('已签到 HH:mm', () => /^已签到 \d\d:\d\d$/.test(visibleText(page.find('checkin-status'))), POLL_WAIT_MS);
    // Checked in at an event that records hours: what the student shows next is the check-out code.
    const outCode = await page.waitFor('a 签退 code', () => {
      const code = scannedCode();
      return code && verify(code, 'out').ok ? code : null;
    });
    expect(verify(outCode, 'in')).toMatchObject({ ok: false, code: 'CHECKIN_CODE_WRONG_PURPOSE' });
    // Polling asked for the status, never for a new pass.
    expect(backend.calls.filter((c) => c.action === 'getEvent').length).toBeGreaterThanOrEqual(2);
    expect(passIssues()).toHaveLength(1);
  });

  it('the 签退 scan is recorded and the page shows 已签退', async () => {
    const result = await officerScans(scannedCode()!, 'out');
    expect(result).toMatchObject({ status: 'recorded', label: '签退成功' });
    await page.waitFor('已签退 HH:mm', () => /^已签退 \d\d:\d\d$/.test(visibleText(page.find('checkin-status'))), POLL_WAIT_MS);
    expect(passIssues()).toHaveLength(1);
  });

  it('a code of the current window stops being accepted two windows later (a screenshot is useless)', () => {
    const later = new Date(Date.now() + 2 * WINDOW_MS + 1000);
    const check = verifyMemberCode(firstCode, { eventId: EVENT_ID, purpose: 'in', at: later, trustedKeys: backend.checkinKeys.trusted }, nodeEd25519Verify);
    expect(check).toMatchObject({ ok: false, code: 'CHECKIN_CODE_EXPIRED' });
  });
});

describe('weapp build, 扫码签到 (packages/checkin/scan/index)', () => {
  it('扫一扫 scans the event code with wx.scanCode and shows the answer of selfCheckin in large type', async () => {
    const code = await dispatch(
      { action: 'getEventCheckinCode', payload: { eventId: EVENT_ID, purpose: 'in' } },
      { storage: backend.storage, caller: { kind: 'wechat', openid: OFFICER_OPENID }, now: () => new Date(), demoMode: false, checkinKeys: backend.checkinKeys },
    );
    if (!code.ok) throw new Error(`getEventCheckinCode refused: ${code.code}`);
    nextScan = (code.data as ActionOutput<'getEventCheckinCode'>).code;

    scanPage = await openPage('packages/checkin/scan/index', {}, backend);
    const start = await scanPage.waitFor('扫一扫', () => scanPage!.findAll('scan-start')[0]);
    expect(scanPage.text()).toContain('扫一扫');
    await scanPage.tap(start);

    // Checked in (and out) above: the event code says so rather than recording twice.
    await scanPage.waitFor('a result', () => scanPage!.findAll('scan-result-label')[0]);
    expect(visibleText(scanPage.find('scan-result-label'))).toBe('已签到');
    expect(scanPage.text()).toContain('医学院志愿服务');
    const call = backend.calls.filter((c) => c.action === 'selfCheckin');
    expect(call).toHaveLength(1);
    expect(call[0]).toMatchObject({ ok: true, payload: { code: nextScan } });
  });
});
