/**
 * 抽签核对 in the BUILT weapp (dist/weapp, packages/lottery/verify/index) rendered in miniprogram-simulate, with the real
 * handlers on a seeded SQLite database behind wx.cloud.callFunction (see ./harness.ts). The seed's 百生讲坛 lottery is
 * drawn; an applicant left waiting opens the verify page: the draw checks out on the phone, and their own line (their
 * 化名 from getEventFairness) is the one marked 这是你.
 */
import { dispatch } from '../../server/dispatch';
import type { ActionOutput } from '../../types/actions';
import { bootWeapp, createBackend, openPage, visibleText, type Backend, type PageHandle } from './harness';

const EVENT_ID = 'e-lottery-lecture';

jest.setTimeout(40_000);

let backend: Backend;
let page: PageHandle | null = null;

beforeAll(async () => {
  backend = await createBackend({ openid: 'o-demo-nobody' });
  bootWeapp(backend);
});

afterAll(async () => {
  page?.close();
  await backend?.close();
});

async function fairnessAs(openid: string): Promise<ActionOutput<'getEventFairness'>> {
  const result = await dispatch(
    { action: 'getEventFairness', payload: { eventId: EVENT_ID } },
    { storage: backend.storage, caller: { kind: 'wechat', openid }, now: () => new Date(), demoMode: false, idHashKey: backend.idHashKey, checkinKeys: backend.checkinKeys },
  );
  if (!result.ok) throw new Error(`getEventFairness: ${result.code}`);
  return result.data as ActionOutput<'getEventFairness'>;
}

describe('weapp build, 抽签核对 (packages/lottery/verify/index)', () => {
  it('checks the draw on the phone and marks the viewer’s own line 这是你', async () => {
    // One of the seeded applicants left waiting (a line below the winners), acting as themselves.
    const waiting = await backend.storage.listWaitlist(EVENT_ID);
    expect(waiting.length).toBeGreaterThan(1);
    const openid = `o-demo-${waiting[1].studentNo}`;
    const mine = (await fairnessAs(openid)).lottery!.mine!;
    expect(mine).toMatchObject({ status: 'waitlisted' });
    backend.caller = { kind: 'wechat', openid };

    page = await openPage('packages/lottery/verify/index', { id: EVENT_ID }, backend);
    await page.waitForText('核对通过');
    const own = page.findAll('lottery-verify__line--mine');
    expect(own).toHaveLength(1);
    expect(visibleText(page.find('lottery-verify__pseudonym', own[0]))).toBe(mine.pseudonym);
    expect(visibleText(own[0])).toContain('这是你');
    expect(visibleText(page.find('lottery-verify__state', own[0]))).toBe(`候补 ${mine.waitlistPosition}`);
    expect(page.text()).toContain(`标出的一行是你（化名 ${mine.pseudonym}，第 ${mine.rank} 位）`);
    // The page asked for the viewer's 化名 beside the published result.
    expect(backend.calls.map((c) => c.action)).toEqual(expect.arrayContaining(['getLotteryResult', 'getEventFairness']));
  });
});
