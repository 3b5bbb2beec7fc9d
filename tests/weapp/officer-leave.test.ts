/**
 * 请假审批 in the BUILT weapp (dist/weapp, packages/officer/leave/index) rendered in miniprogram-simulate, with the real
 * handlers on a seeded SQLite database behind wx.cloud.callFunction (see ./harness.ts). The committee publishes an
 * event of 23级软件技术1班团支部 for two whose cancel deadline has passed; two confirmed students ask for leave and a
 * third waits. The branch's officer (2023011102) sees both pending; 不批准 without a reason is stopped on the phone,
 * with one the card shows the result and the student's view has the reason; 批准 passes the seat to the one waiting.
 */
import { eventFields } from '../support/event-fields';
import { bootWeapp, callAs, createBackend, openPage, visibleText, type Backend, type PageHandle } from './harness';

const OFFICER_OPENID = 'o-demo-2023011102';
const ADMIN = 'o-demo-admin';
const [ASKER, APPROVED, WAITING] = ['2023011101', '2023011105', '2023011106'];
const REFUSAL = '请补充医院开具的证明';

jest.setTimeout(40_000);

let backend: Backend;
let page: PageHandle;
let eventId: string;

const ask = (action: string, payload: object, openid: string) => callAs(backend, action, payload, openid);

beforeAll(async () => {
  backend = await createBackend({ openid: OFFICER_OPENID });
  bootWeapp(backend);
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const fields = eventFields({
    title: '团支部主题团日：走进社区',
    host: { kind: 'branch', unit: '23级软件技术1班团支部' },
    capacity: 2,
    signupStartAt: hours(-3),
    signupEndAt: hours(2),
    cancelDeadlineAt: hours(-1),
    startAt: hours(3),
    endAt: hours(5),
  });
  eventId = (await ask('saveEvent', { fields }, ADMIN)).event.id;
  await ask('changeEventStatus', { eventId, action: 'publish' }, ADMIN);
  for (const s of [ASKER, APPROVED, WAITING]) await ask('signUp', { eventId }, `o-demo-${s}`);
  await ask('requestLeave', { eventId, reason: '发烧 38.5 度，校医院建议休息两天' }, `o-demo-${ASKER}`);
  await ask('requestLeave', { eventId, reason: '家中有急事，需当天回家' }, `o-demo-${APPROVED}`);
});

afterAll(async () => {
  page?.close();
  await backend?.close();
});

// data-* attributes do not reach the simulator's tree: a card is known by the 学号 it shows.
const card = (studentNo: string) => page.findAll('leave-card').find((c) => visibleText(c).includes(studentNo))!;

describe('weapp build, 请假审批 (packages/officer/leave/index)', () => {
  it('lists the pending requests of the officer\'s events with who, the event and the reason', async () => {
    page = await openPage('packages/officer/leave/index', {}, backend);
    await page.waitFor('the two leave cards', () => page.findAll('leave-card').length === 2);
    expect(visibleText(card(ASKER))).toContain('发烧 38.5 度');
    expect(visibleText(card(ASKER))).toContain('团支部主题团日：走进社区');
    expect(visibleText(card(ASKER))).toContain('未附照片');
    expect(visibleText(page.find('leave-tab-pending'))).toContain('2');
  });

  it('stops 不批准 without a reason; with one, the card shows the result and the student sees the reason', async () => {
    await page.tap(page.find('leave-refuse', card(ASKER)));
    await page.tap(await page.waitFor('the refusal sheet', () => page.findAll('leave-refuse-submit')[0]));
    await page.waitForText('请填写不批准的原因');
    await page.type(page.find('leave-refuse-reason'), REFUSAL);
    await page.tap(page.find('leave-refuse-submit'));
    await page.waitFor('the card to show the refusal', () => visibleText(card(ASKER)).includes('未批准'));
    expect(visibleText(card(ASKER))).toContain(REFUSAL);
    const fairness = await ask('getEventFairness', { eventId }, `o-demo-${ASKER}`);
    expect(fairness.myLeave).toMatchObject({ status: 'refused', decisionReason: REFUSAL });
  });

  it('批准 (after confirming) passes the seat to the student waiting, and the card says so', async () => {
    await page.tap(page.find('leave-approve', card(APPROVED)));
    await page.tap(await page.waitFor('the confirm dialog', () => page.findAll('nut-dialog-footer-ok')[0]));
    await page.waitFor('the card to show the approval', () => visibleText(card(APPROVED)).includes('名额已递补给候补'));
    expect((await ask('getMySignup', { eventId }, `o-demo-${WAITING}`)).registration.status).toBe('confirmed');
    // The excused student no longer holds a registration (cancelled without a mark).
    expect((await ask('getMySignup', { eventId }, `o-demo-${APPROVED}`)).registration).toBeNull();
    await page.waitFor('no pending count left', () => visibleText(page.find('leave-tab-pending')).includes('0'));
  });
});
