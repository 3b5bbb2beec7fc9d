/**
 * Fair seats on the committee's side in the BUILT weapp. 缺席限制报名 (dist/weapp, packages/committee/credit-settings/index) rendered in
 * miniprogram-simulate, with the real handlers on a seeded SQLite database behind wx.cloud.callFunction (see
 * ./harness.ts). The committee's account turns the rule on beside 缺席扣分: a number out of range is refused on the
 * phone in Chinese under its field (nothing sent), a good one is saved, and turning it off again says so. 抽签优先
 * (packages/committee/event-edit/index): a rule added to a lottery draft is saved as the event's lotteryPriority.
 */
import { dispatch } from '../../server/dispatch';
import { eventFields } from '../support/event-fields';
import { bootWeapp, createBackend, openPage, type Backend, type PageHandle } from './harness';

const ADMIN_OPENID = 'o-demo-admin';

jest.setTimeout(60_000);

let backend: Backend;
let page: PageHandle;
let form: PageHandle | undefined;

beforeAll(async () => {
  backend = await createBackend({ openid: ADMIN_OPENID });
  bootWeapp(backend);
});

afterAll(async () => {
  page?.close();
  form?.close();
  await backend?.close();
});

describe('weapp build, 缺席限制报名 on 模块与毕业要求 (packages/committee/credit-settings/index)', () => {
  it('refuses a wrong number under its field, saves the rule, and turns it off again', async () => {
    page = await openPage('packages/committee/credit-settings/index', {}, backend);
    const card = await page.waitFor('the block rule card', () => page.findAll('block-rule-save')[0] && page.findAll('settings-block-rule')[0]);
    // Beside the credit deduction, not instead of it.
    expect(page.findAll('settings-noshow')).toHaveLength(1);
    expect(page.text()).toContain('与上面的“缺席扣分”各管各的');

    await page.tap(page.find('block-rule-toggle', card));
    await page.type(page.find('block-rule-days', card), '120');
    await page.tap(page.find('block-rule-save', card));
    await page.waitForText('限制天数请填 1–90 的整数');
    expect(backend.calls.some((c) => c.action === 'updateSignupBlockRule')).toBe(false);

    await page.type(page.find('block-rule-marks', card), '2');
    await page.type(page.find('block-rule-days', card), '10');
    await page.tap(page.find('block-rule-save', card));
    await page.waitForText('已开启：每学期缺席 2 次，限制报名 10 天');
    expect(await backend.storage.blockRule()).toEqual({ enabled: true, marksPerTerm: 2, blockDays: 10 });

    await page.tap(page.find('block-rule-toggle', card));
    await page.tap(page.find('block-rule-save', card));
    await page.waitForText(/已关闭，(当时没有正在生效的报名限制|\d+ 位同学正在生效的报名限制已随之解除)/);
    expect((await backend.storage.blockRule()).enabled).toBe(false);
  });
});

describe('weapp build, 抽签优先 in 发布活动 (packages/committee/event-edit/index)', () => {
  it('adds 本模块尚无学分的同学 ×3 to a lottery draft, shown in the event page\'s words, and saves it', async () => {
    const hour = 3_600_000;
    const at = (hours: number) => new Date(Date.now() + hours * hour).toISOString();
    const fields = eventFields({ title: 'AED 实操小班（抽签·weapp）', signupMode: 'lottery', signupStartAt: at(24), signupEndAt: at(48), cancelDeadlineAt: at(60), startAt: at(72), endAt: at(74) });
    const saved = await dispatch(
      { action: 'saveEvent', payload: { fields } as never },
      { storage: backend.storage, caller: { kind: 'wechat', openid: ADMIN_OPENID }, now: () => new Date(), demoMode: false, idHashKey: backend.idHashKey, checkinKeys: backend.checkinKeys },
    );
    if (!saved.ok) throw new Error(`saveEvent: ${saved.code}`);
    const eventId = (saved.data as { event: { id: string } }).event.id;

    form = await openPage('packages/committee/event-edit/index', { id: eventId }, backend);
    const rules = await form.waitFor('the priority rules', () => form!.findAll('event-lottery-priority')[0]);
    await form.tap(form.find('lottery-priority-add-module', rules));
    await form.tap(await form.waitFor('the weight chips', () => form!.findAll('priority-weight-0-1')[0]));
    await form.waitForText('优先：技能培训及其他模块尚无学分的同学中签机会 ×3');
    await form.tap(form.find('event-save'));
    await form.waitForText('已保存为草稿');
    expect((await backend.storage.getEvent(eventId))?.lotteryPriority).toEqual([{ kind: 'new_to_module', module: 'skills', weight: 3 }]);
  });
});
