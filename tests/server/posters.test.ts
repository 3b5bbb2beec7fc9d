import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { localMiniCodes } from '../../server/local/local-mini-codes';
import { MiniCodeError, type MiniCodeMaker } from '../../server/features/sharing/mini-codes';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeEvent, makeStudent } from '../support/factories';
import { tempFileStore } from '../support/files';
import { readQrFromPng } from '../support/png-qr';

/**
 * 活动海报 through the handlers, on the local server's kind of code (a plain QR of the H5 event page): made once per
 * event and kept in file storage, handed out as short-lived links, its scene resolving to the event; refused for a
 * draft, a cancelled event and anyone who does not run the event; a platform refusal stores nothing.
 */
const SITE = 'http://127.0.0.1:8787';
const ADMIN = 'o-admin';
let storage: SqliteStorage;
let files: ReturnType<typeof tempFileStore>;
let made: string[];
let maker: MiniCodeMaker;

function as(openid: string | null, now: Date = NOW): HandlerContext {
  return { storage, files, miniCodes: maker, caller: openid ? { kind: 'wechat', openid } : { kind: 'anonymous' }, now: () => now, demoMode: false };
}
const call = (action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> => dispatch({ action, payload }, ctx);
function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}
async function png(url: string, now: Date = NOW): Promise<Uint8Array> {
  const found = await files.resolve(url.replace(/^\/files\//, ''), now);
  if (!found.ok) throw new Error(`${url}: ${found.reason}`);
  return new Uint8Array(require('node:fs').readFileSync(found.path));
}

beforeEach(async () => {
  storage = new SqliteStorage({ file: ':memory:' });
  files = tempFileStore();
  made = [];
  const local = localMiniCodes(() => SITE);
  maker = { kind: local.kind, make: async (scene) => (made.push(scene), local.make(scene)) };
  await storage.putStudents([makeStudent(1, { openid: 'openid-1' })]);
  await storage.putEvents([
    makeEvent({ id: 'e-abcdefghij', title: '百生讲坛：青年与时代' }),
    makeEvent({ id: 'e-draft', status: 'draft' }),
    makeEvent({ id: 'e-cancelled', status: 'cancelled' }),
    makeEvent({ id: 'e-an-imported-event-with-a-very-long-id-2026', title: '长编号活动' }),
  ]);
  await storage.grantRole(
    { openid: ADMIN, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: ADMIN, detail: '{}' },
  );
});
afterEach(async () => {
  await storage.close();
  files.cleanup();
});

describe('活动海报', () => {
  it('answers the event\'s facts and a link to its code; the code is a QR of the H5 event page whose scene names the event', async () => {
    const poster = ok(await call('getEventPoster', { eventId: 'e-abcdefghij' }, as(ADMIN)));
    expect(poster.event).toMatchObject({ id: 'e-abcdefghij', title: '百生讲坛：青年与时代', location: '图书馆报告厅', organizer: '校团委' });
    expect(poster.code).toMatchObject({ kind: 'qr', scene: 'e=e-abcdefghij', target: `${SITE}/#/pages/event/index?scene=e%3De-abcdefghij` });
    expect(poster.code.url).toMatch(/^\/files\//);
    expect(Date.parse(poster.code.expiresAt) - NOW.getTime()).toBe(10 * 60_000);
    expect(readQrFromPng(await png(poster.code.url))).toBe(poster.code.target);
    // Scanning leads to the page, which asks the server what the scene names: this event.
    expect(ok(await call('resolveEventScene', { scene: poster.code.scene }, as(null)))).toEqual({ eventId: 'e-abcdefghij' });
  });

  it('makes the code once: later posters reuse it (new links to the same file), the platform is not asked again', async () => {
    const first = ok(await call('getEventPoster', { eventId: 'e-abcdefghij' }, as(ADMIN)));
    const later = ok(await call('getEventPoster', { eventId: 'e-abcdefghij' }, as(ADMIN, at(1))));
    expect(made).toEqual(['e=e-abcdefghij']);
    expect(later.code.createdAt).toBe(first.code.createdAt);
    expect(later.code.url).not.toBe(first.code.url);
    expect(Buffer.from(await png(later.code.url, at(1)))).toEqual(Buffer.from(await png(first.code.url)));
  });

  it('gives an event whose id does not fit a scene a stored alias, which resolves to it', async () => {
    const poster = ok(await call('getEventPoster', { eventId: 'e-an-imported-event-with-a-very-long-id-2026' }, as(ADMIN)));
    expect(poster.code.scene).toMatch(/^s=[a-z2-7]{10}$/);
    expect(poster.code.scene.length).toBeLessThanOrEqual(32);
    expect(ok(await call('resolveEventScene', { scene: poster.code.scene }, as(null)))).toEqual({ eventId: 'e-an-imported-event-with-a-very-long-id-2026' });
    expect(await call('resolveEventScene', { scene: 's=aaaaaaaaaa' }, as(null))).toMatchObject({ ok: false, code: 'SCENE_UNKNOWN' });
    expect(await call('resolveEventScene', { scene: 'x=1' }, as(null))).toMatchObject({ ok: false, code: 'SCENE_UNKNOWN' });
  });

  it('makes a new code when the kept file is gone, with the same scene (posters already printed still open the event)', async () => {
    const first = ok(await call('getEventPoster', { eventId: 'e-abcdefghij' }, as(ADMIN)));
    const stored = await storage.getPosterCode('e-abcdefghij');
    await files.remove([stored!.fileId]);
    const again = ok(await call('getEventPoster', { eventId: 'e-abcdefghij' }, as(ADMIN, at(2))));
    expect(made).toEqual(['e=e-abcdefghij', 'e=e-abcdefghij']);
    expect(again.code.scene).toBe(first.code.scene);
    expect((await storage.getPosterCode('e-abcdefghij'))!.fileId).not.toBe(stored!.fileId);
  });

  it('has no poster for a draft or a cancelled event, and none for a student', async () => {
    expect(await call('getEventPoster', { eventId: 'e-draft' }, as(ADMIN))).toMatchObject({ ok: false, code: 'EVENT_NOT_PUBLISHED', message: '活动发布后才能生成海报' });
    expect(await call('getEventPoster', { eventId: 'e-cancelled' }, as(ADMIN))).toMatchObject({ ok: false, code: 'EVENT_CANCELLED' });
    expect(await call('getEventPoster', { eventId: 'e-abcdefghij' }, as('openid-1'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(made).toEqual([]);
  });

  it('answers MINI_CODE_FAILED in Chinese when WeChat refuses, storing nothing; the next poster tries again', async () => {
    const refusing: MiniCodeMaker = { kind: 'wxacode', make: async () => { throw new MiniCodeError('errcode 45009: quota'); } };
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const refused = await call('getEventPoster', { eventId: 'e-abcdefghij' }, { ...as(ADMIN), miniCodes: refusing });
    expect(refused).toMatchObject({ ok: false, code: 'MINI_CODE_FAILED' });
    expect((refused as { message: string }).message).toMatch(/小程序码暂时无法生成/);
    expect(spy.mock.calls.join(' ')).toMatch(/45009/);
    spy.mockRestore();
    expect(await storage.getPosterCode('e-abcdefghij')).toBeNull();
    expect(ok(await call('getEventPoster', { eventId: 'e-abcdefghij' }, as(ADMIN))).code.scene).toBe('e=e-abcdefghij');
  });
});
