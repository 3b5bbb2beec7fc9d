/**
 * 学分申诉 in the BUILT weapp (dist/weapp, packages/officer/appeals/index) rendered in miniprogram-simulate, with the
 * real handlers on a seeded SQLite database behind wx.cloud.callFunction (see ./harness.ts). The seed leaves pending
 * appeals on a past event of 23级软件技术1班团支部, whose officer is 2023011102: the page lists them, a rejection
 * without a reason is stopped on the phone, and accepting one puts the event's credits on the student's ledger.
 */
import { dispatch } from '../../server/dispatch';
import type { ActionOutput } from '../../types/actions';
import { bootWeapp, createBackend, openPage, visibleText, type Backend, type PageHandle } from './harness';

const OFFICER_OPENID = 'o-demo-2023011102';

jest.setTimeout(40_000);

let backend: Backend;
let page: PageHandle;

beforeAll(async () => {
  backend = await createBackend({ openid: OFFICER_OPENID });
  bootWeapp(backend);
});

afterAll(async () => {
  page?.close();
  await backend?.close();
});

async function ask<A extends 'listAppeals' | 'getMyTranscript'>(action: A, payload: object, openid: string): Promise<ActionOutput<A>> {
  const result = await dispatch(
    { action, payload: payload as never },
    { storage: backend.storage, caller: { kind: 'wechat', openid }, now: () => new Date(), demoMode: false, idHashKey: backend.idHashKey, checkinKeys: backend.checkinKeys },
  );
  if (!result.ok) throw new Error(`${action}: ${result.code}`);
  return result.data as ActionOutput<A>;
}

describe('weapp build, 学分申诉 (packages/officer/appeals/index)', () => {
  it('lists the pending appeals of the officer\'s events, with the student\'s note', async () => {
    const { appeals } = await ask('listAppeals', { status: 'pending' }, OFFICER_OPENID);
    expect(appeals.length).toBeGreaterThan(0);
    page = await openPage('packages/officer/appeals/index', {}, backend);
    await page.waitFor('the appeal cards', () => page.findAll('appeal-card').length === appeals.length);
    for (const a of appeals) {
      expect(page.text()).toContain(a.name);
      expect(page.text()).toContain(a.note);
    }
    expect(visibleText(page.find('appeals-tab-pending'))).toContain(String(appeals.length));
  });

  it('stops a rejection without a reason, then accepts an appeal: the credits reach the student\'s transcript', async () => {
    const { appeals } = await ask('listAppeals', { status: 'pending' }, OFFICER_OPENID);
    // Cards are oldest first, as is the list once ordered.
    const first = [...appeals].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
    const card = page.findAll('appeal-card')[0];
    expect(visibleText(card)).toContain(first.name);

    await page.tap(page.find('appeal-reject', card));
    await page.tap(await page.waitFor('the decision sheet', () => page.findAll('decision-submit')[0]));
    await page.waitForText('请填写驳回原因');
    await page.tap(page.find('decision-close'));

    await page.tap(page.find('appeal-accept', page.findAll('appeal-card')[0]));
    // 通过 starts with a reason (已核实到场): confirming sends it.
    await page.tap(await page.waitFor('the decision sheet', () => page.findAll('decision-submit')[0]));
    await page.waitFor('the card to leave the pending list', () => page.findAll('appeal-card').length === appeals.length - 1);
    expect(backend.calls.some((c) => c.action === 'decideAppeal' && c.ok)).toBe(true);

    const transcript = await ask('getMyTranscript', {}, `o-demo-${first.studentNo}`);
    const credited = transcript.entries.filter((e) => e.sourceType === 'appeal' && e.eventId === first.eventId);
    expect(credited.length).toBeGreaterThan(0);
    expect(transcript.appeals.find((a) => a.id === first.id)?.status).toBe('accepted');
  });
});
