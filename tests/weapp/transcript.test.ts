/**
 * 我的成绩单 in the BUILT weapp (dist/weapp, packages/transcript/index/index) rendered in miniprogram-simulate, with the
 * real handlers on a seeded SQLite database behind wx.cloud.callFunction (see ./harness.ts). The seed gives the demo
 * students a credit history; the page must show what getMyTranscript computes from the ledger: the total against
 * the requirement, every module, the hours and the entries. Then the share page issues a code that verifies.
 */
import { dispatch } from '../../server/dispatch';
import type { ActionOutput } from '../../types/actions';
import { formatCredits, hoursText, signedCredits } from '../../src/utils/credits';
import { bootWeapp, createBackend, hasClass, openPage, visibleText, type Backend, type PageHandle } from './harness';
import { readQrDataUrl } from './qr-image';

const STUDENT_NO = '2024011101';
const OPENID = `o-demo-${STUDENT_NO}`;

jest.setTimeout(40_000);

let backend: Backend;
const opened: PageHandle[] = [];

beforeAll(async () => {
  backend = await createBackend({ openid: OPENID });
  // The simulator's built-in <image> keeps no properties: declare `src`, so the QR's data URL can be read back.
  require('miniprogram-simulate');
  (require('j-component') as { register(def: Record<string, unknown>): string }).register({
    id: 'image',
    tagName: 'wx-image',
    template: '<slot/>',
    properties: { src: { type: String, value: '' }, mode: { type: String, value: '' } },
  });
  bootWeapp(backend);
});

afterAll(async () => {
  for (const page of opened) page.close();
  await backend?.close();
});

async function ask<A extends 'getMyTranscript' | 'verifyTranscript'>(action: A, payload: object): Promise<{ ok: boolean; data?: ActionOutput<A>; code?: string }> {
  const result = await dispatch(
    { action, payload: payload as never },
    { storage: backend.storage, caller: backend.caller, now: () => new Date(), demoMode: false, idHashKey: backend.idHashKey, checkinKeys: backend.checkinKeys },
  );
  return result.ok ? { ok: true, data: result.data as ActionOutput<A> } : { ok: false, code: result.code };
}

describe('weapp build, 我的成绩单 (packages/transcript/index/index)', () => {
  it('shows the demo student\'s total against the requirement, each module, the hours and the ledger entries', async () => {
    const expected = await ask('getMyTranscript', {});
    expect(expected.ok).toBe(true);
    const transcript = expected.data!;
    // The seed gives demo students a history: the page has something to show.
    expect(transcript.entries.length).toBeGreaterThan(0);

    const page = await openPage('packages/transcript/index/index', {}, backend);
    opened.push(page);
    const total = await page.waitFor('the total', () => page.findAll('transcript-total')[0]);
    expect(visibleText(total)).toBe(formatCredits(transcript.overall.have));
    expect(page.text()).toContain(`/ ${formatCredits(transcript.overall.need)} 学分`);
    expect(visibleText(page.find('transcript-hours'))).toBe(hoursText(transcript.hours));
    expect(page.text()).toContain(transcript.student.name);

    // Every module, with what was earned and the requirement's ✓ where met.
    const rows = page.findAll('module-row');
    expect(rows).toHaveLength(transcript.modules.length);
    transcript.modules.forEach((m, i) => {
      expect(visibleText(rows[i])).toContain(m.name);
      expect(visibleText(page.find('module-have', rows[i]))).toBe(formatCredits(m.have));
      expect(page.findAll('module-met', rows[i]).length).toBe(m.met ? 1 : 0);
    });

    // The ledger, newest first, with signed amounts and a source tag on each.
    const entries = page.findAll('ledger-entry');
    expect(entries.length).toBe(Math.min(transcript.entries.length, 20));
    expect(visibleText(page.find('ledger-amount', entries[0]))).toBe(signedCredits(transcript.entries[0].amount));
    expect(visibleText(entries[0])).toContain(transcript.entries[0].title);
    for (const e of entries) expect(page.findAll('ledger-tag', e)).toHaveLength(1);

    // The way to a verifiable transcript.
    const share = page.findAll('transcript-share').find((el) => hasClass(el, 'transcript-share'));
    expect(share).toBeTruthy();
    expect(backend.calls.filter((c) => c.action === 'getMyTranscript' && c.ok).length).toBeGreaterThan(0);
  });

  it('the share page issues a code shown grouped, with a QR of the H5 verify address, and the code verifies', async () => {
    const page = await openPage('packages/transcript/share/index', {}, backend);
    opened.push(page);
    const create = await page.waitFor('the create button', () => page.findAll('share-create')[0]);
    await page.tap(create);
    const code = await page.waitFor('the code', () => page.findAll('share-code')[0]);
    const shown = visibleText(code);
    expect(shown).toMatch(/^[0-9A-Za-z]{4}(-[0-9A-Za-z]{4}){3}$/);
    // The QR, read back from the image the page shows, carries the H5 verify page (the build's H5_SITE_ORIGIN) with
    // this code; the same address is printed under it.
    const img = page.findAll('transcript-qr__img')[0] as (HTMLElement & { __wxElement?: { __propData?: { src?: string } } }) | undefined;
    const src = img?.__wxElement?.__propData?.src ?? '';
    expect(src.startsWith('data:image/gif;base64,')).toBe(true);
    const url = readQrDataUrl(src) ?? '';
    expect(url).toMatch(/^https?:\/\/[^/]+\/#\/packages\/transcript\/verify\/index\?code=/);
    expect(decodeURIComponent(url.split('code=')[1]).replace(/-/g, '')).toBe(shown.replace(/-/g, ''));
    expect(visibleText(page.find('share-url'))).toBe(url);
    // weapp: forwarding to a chat, instead of the print button.
    expect(page.findAll('share-forward').length).toBeGreaterThan(0);

    const verified = await ask('verifyTranscript', { code: shown });
    expect(verified.ok).toBe(true);
    expect(verified.data!.snapshot.studentNo).not.toBe(STUDENT_NO); // masked unless the student chose otherwise
  });
});
