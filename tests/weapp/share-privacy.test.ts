/**
 * Sharing and WeChat's privacy agreement in the BUILT weapp (dist/weapp), rendered in miniprogram-simulate over the
 * real handlers on a seeded SQLite database (see ./harness.ts).
 *
 * - 活动详情 exposes onShareAppMessage: the card's path opens that event and carries nothing about the person sharing
 *   (no openid, no student number); the title says the time, the place and the seats left.
 * - 扫码签到: the first scan waits on WeChat's privacy agreement (onNeedPrivacyAuthorization → the app's PrivacySheet).
 *   拒绝 leaves the page usable with a sentence on what cannot be done (and the typed-code form); 同意 (the
 *   open-type="agreePrivacyAuthorization" button) lets the waiting call go on to wx.scanCode.
 *
 * WeChat's privacy machinery is played here the way the documentation describes it: requirePrivacyAuthorize answers
 * at once once agreed; otherwise it fires the listener the app registered and waits for resolve({ event }).
 */
import { bootWeapp, createBackend, openPage, visibleText, type Backend, type PageHandle } from './harness';

const OPENID = 'o-demo-2024011101';
const STUDENT_NO = '2024011101';
const EVENT_ID = 'e-firstaid-basic';
const CONTRACT = '《测试学院青年第二课堂隐私保护指引》';

jest.setTimeout(40_000);

type Resolve = (answer: { event: string; buttonId?: string }) => void;
const privacy = {
  agreed: false,
  listener: null as null | ((resolve: Resolve, info: { referrer: string }) => void),
  answers: [] as Array<{ event: string; buttonId?: string }>,
  scans: 0,
};

/** WeChat's privacy APIs and its scanner, before the app boots (Taro exposes what `wx` has when taro.js loads). */
function teachPrivacy(): void {
  require('miniprogram-simulate');
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  type Cb = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };
  const later = (fn: () => void) => setTimeout(fn, 0);
  wx.onNeedPrivacyAuthorization = (listener: typeof privacy.listener) => {
    privacy.listener = listener;
  };
  wx.getPrivacySetting = (opts: Cb) =>
    later(() => opts.success?.({ needAuthorization: !privacy.agreed, privacyContractName: CONTRACT, errMsg: 'getPrivacySetting:ok' }));
  wx.openPrivacyContract = (opts: Cb = {}) => later(() => opts.success?.({ errMsg: 'openPrivacyContract:ok' }));
  wx.requirePrivacyAuthorize = (opts: Cb = {}) => {
    if (privacy.agreed || !privacy.listener) {
      later(() => opts.success?.({ errMsg: 'requirePrivacyAuthorize:ok' }));
      return;
    }
    privacy.listener((answer) => {
      privacy.answers.push(answer);
      if (answer.event === 'exposureAuthorization') return;
      if (answer.event === 'agree') {
        privacy.agreed = true;
        later(() => opts.success?.({ errMsg: 'requirePrivacyAuthorize:ok' }));
      } else {
        later(() => opts.fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' }));
      }
    }, { referrer: 'requirePrivacyAuthorize' });
  };
  wx.scanCode = (opts: Cb) => {
    privacy.scans++;
    later(() => opts.fail?.({ errMsg: privacy.agreed ? 'scanCode:fail cancel' : 'scanCode:fail privacy permission is not authorized' }));
  };
}

let backend: Backend;
const opened: PageHandle[] = [];

beforeAll(async () => {
  backend = await createBackend({ openid: OPENID });
  teachPrivacy();
  bootWeapp(backend);
});

afterAll(async () => {
  for (const page of opened) page.close();
  await backend?.close();
});

type PageInstance = { route: string; onShareAppMessage?: (o: { from: string }) => { title: string; path: string; imageUrl?: string } };
function pageInstance(route: string): PageInstance {
  const pages = (globalThis as unknown as { getCurrentPages(): PageInstance[] }).getCurrentPages();
  const page = pages.find((p) => p.route === route);
  if (!page) throw new Error(`no page ${route} on the stack`);
  return page;
}

describe('weapp build, sharing an event (pages/event/index)', () => {
  it('exposes a share handler whose card opens this event and carries nothing personal', async () => {
    const event = await backend.storage.getEvent(EVENT_ID);
    if (!event) throw new Error(`seed has no ${EVENT_ID}`);
    const page = await openPage('pages/event/index', { id: EVENT_ID }, backend);
    opened.push(page);
    await page.waitForText(event.title);

    const instance = pageInstance('pages/event/index');
    expect(typeof instance.onShareAppMessage).toBe('function');
    const card = instance.onShareAppMessage!({ from: 'menu' });
    expect(card.path).toBe(`/pages/event/index?id=${EVENT_ID}`);
    expect(card.title).toContain(event.title);
    expect(card.title).toContain(event.location);
    expect(card.title).toMatch(/剩 \d+ 席|已满|名额已满/);
    const shared = JSON.stringify(card);
    expect(shared).not.toContain(OPENID);
    expect(shared).not.toContain(STUDENT_NO);
  });
});

describe('weapp build, the privacy agreement before scanning (packages/checkin/scan/index)', () => {
  let scan: PageHandle;

  it('the first scan waits on the app privacy sheet, with the guide name from getPrivacySetting; 拒绝 leaves the page usable', async () => {
    scan = await openPage('packages/checkin/scan/index', {}, backend);
    opened.push(scan);
    await scan.tap(await scan.waitFor('扫一扫', () => scan.findAll('scan-start')[0]));

    const sheet = await scan.waitFor('the privacy sheet', () => scan.findAll('privacy-sheet')[0]);
    await scan.waitFor('the guide name', () => visibleText(scan.find('privacy-contract')) === CONTRACT);
    expect(visibleText(sheet)).toContain('摄像头扫码');
    expect(privacy.answers).toEqual([{ event: 'exposureAuthorization' }]);
    // Nothing scanned while the agreement is pending.
    expect(privacy.scans).toBe(0);

    await scan.tap(scan.find('privacy-disagree'));
    await scan.waitFor('the sheet gone', () => scan.findAll('privacy-sheet').length === 0);
    await scan.waitForText('你未同意隐私保护指引，无法使用摄像头扫码');
    expect(privacy.answers.at(-1)).toEqual({ event: 'disagree' });
    expect(privacy.scans).toBe(0);
    // Still usable: the typed-code form is offered and the scan button is there to try again.
    expect(scan.findAll('scan-start').length).toBeGreaterThan(0);
    expect(scan.text()).toContain('签到码');
  });

  it('同意 (open-type agreePrivacyAuthorization) answers agree with the button id and the scan goes on', async () => {
    await scan.tap(scan.find('scan-start'));
    await scan.waitFor('the privacy sheet again', () => scan.findAll('privacy-sheet')[0]);
    await scan.trigger(scan.find('privacy-agree'), 'agreeprivacyauthorization', { errMsg: 'agreePrivacyAuthorization:ok' });
    await scan.waitFor('the scanner opened', () => privacy.scans === 1);
    expect(privacy.answers.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' });
    expect(scan.findAll('privacy-sheet')).toHaveLength(0);

    // Agreed once: the next scan goes straight to the scanner.
    await scan.tap(scan.find('scan-start'));
    await scan.waitFor('the scanner again', () => privacy.scans === 2);
    expect(scan.findAll('privacy-sheet')).toHaveLength(0);
  });
});
