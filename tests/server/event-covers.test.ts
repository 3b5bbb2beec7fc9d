import { readFileSync } from 'node:fs';
import type { ActionName, ApiResult, EventFields } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { sweepExpired } from '../../server/features/files/sweep';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { encodePng } from '../../server/local/seed-covers';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import { eventFields } from '../support/event-fields';
import { NOW, makeStudent } from '../support/factories';
import { tempFileStore, upload } from '../support/files';

/**
 * Event covers through the handlers (发布活动 → the catalogue): a picture goes up in parts for purpose `cover`, is
 * checked by its bytes (JPEG, PNG, WebP; 2 MB), is kept for as long as an event uses it, and every list answers it
 * as a short-lived link to the stored file, never inline. A cover that is not the caller's own unused upload is
 * refused; removing or replacing one lets the old file go once its links have expired.
 */
let storage: StoragePort;
let files: ReturnType<typeof tempFileStore>;

const HOUR = 3_600_000;
const later = (ms: number) => new Date(NOW.getTime() + ms);
const as = (openid: string, now = NOW): HandlerContext => ({ storage, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false, files });
const admin = (now = NOW) => as('o-admin', now);
const call = (action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> => dispatch({ action, payload }, ctx);
function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}
const chinese = /[\u4e00-\u9fa5]/;

/** A small real PNG (4×3, red). */
const PNG = encodePng(4, 3, () => [200, 30, 40]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([100, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(92, 1)]);

/** The bytes behind a link the API answered, as GET /files/<token> would send them (or why not). */
async function fetched(url: string, at: Date): Promise<Buffer | string> {
  const found = await files.resolve(url.replace(/^\/files\//, ''), at);
  return found.ok ? readFileSync(found.path) : found.reason;
}

async function save(fields: Partial<EventFields>, ctx = admin(), eventId?: string) {
  return call('saveEvent', { ...(eventId ? { eventId } : {}), fields: eventFields(fields) }, ctx);
}

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('event covers through the handlers on %s', (_adapter, makeStorage) => {
  beforeEach(async () => {
    storage = makeStorage();
    files = tempFileStore();
    await storage.putStudents([makeStudent(1)]);
    for (const openid of ['o-admin', 'o-admin-2']) {
      await storage.grantRole(
        { openid, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
        { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: openid, detail: '{}' },
      );
    }
  });
  afterEach(async () => {
    await storage.close();
    files.cleanup();
  });

  it('saves an event with an uploaded PNG and answers it to students as a link to the same bytes, never inline', async () => {
    const fileId = await upload(admin(), 'cover', 'cover.png', PNG);
    expect(await files.info(fileId, NOW)).toMatchObject({ purpose: 'cover', contentType: 'image/png', owner: 'o-admin' });
    const saved = ok(await save({ coverFileId: fileId }));
    expect(saved.event.coverUrl).toMatch(/^\/files\//);
    ok(await call('changeEventStatus', { eventId: saved.event.id, action: 'publish' }, admin()));

    const student = as('openid-1');
    const listed = ok(await call('listEvents', {}, student)).events.find((e: { id: string }) => e.id === saved.event.id);
    expect(listed.coverUrl).toMatch(/^\/files\//);
    expect(JSON.stringify(listed)).not.toContain(PNG.toString('base64').slice(0, 16));
    expect(await fetched(listed.coverUrl, later(HOUR))).toEqual(PNG);
    // The link lasts until the end of the next clock hour (NOW is 10:00 in Shanghai: until 12:00), and not beyond.
    expect(await fetched(listed.coverUrl, later(2 * HOUR + 60_000))).toBe('expired');
    const detail = ok(await call('getEvent', { eventId: saved.event.id }, student)).event;
    expect(await fetched(detail.coverUrl, NOW)).toEqual(PNG);
    const preview = ok(await call('previewEvent', { eventId: saved.event.id }, admin()));
    expect(preview.fields.coverFileId).toBe(fileId);
    expect(preview.event.coverUrl).toMatch(/^\/files\//);
    ok(await call('signUp', { eventId: saved.event.id }, student));
    const mine = ok(await call('listMyRegistrations', {}, student)).registrations[0];
    expect(await fetched(mine.event.coverUrl, NOW)).toEqual(PNG);
    // The same link all hour (a browser may cache the picture).
    expect(ok(await call('listEvents', {}, as('openid-1', later(20 * 60_000)))).events[0].coverUrl).toBe(listed.coverUrl);
  });

  it('keeps a cover as long as its event has it: the sweep a week later leaves it', async () => {
    const fileId = await upload(admin(), 'cover', 'cover.png', PNG);
    const saved = ok(await save({ coverFileId: fileId }));
    const weekLater = later(7 * 24 * HOUR);
    await sweepExpired(storage, files, weekLater);
    expect(await files.read(fileId, weekLater)).not.toBeNull();
    const again = ok(await call('previewEvent', { eventId: saved.event.id }, admin(weekLater)));
    expect(await fetched(again.event.coverUrl, weekLater)).toEqual(PNG);
  });

  it('an event without a cover answers null (the card shows its kind’s artwork)', async () => {
    const saved = ok(await save({}));
    expect(saved.event.coverUrl).toBeNull();
    expect(ok(await call('previewEvent', { eventId: saved.event.id }, admin())).fields.coverFileId).toBeNull();
  });

  it('takes JPEG, PNG and WebP by their bytes whatever their names, and refuses anything else with IMAGE_TYPE_NOT_ALLOWED', async () => {
    expect((await files.info(await upload(admin(), 'cover', 'IMG_0001', JPEG), NOW))?.contentType).toBe('image/jpeg');
    expect((await files.info(await upload(admin(), 'cover', 'photo.jpg', WEBP), NOW))?.contentType).toBe('image/webp');
    expect((await files.info(await upload(admin(), 'cover', 'a.webp', PNG), NOW))?.contentType).toBe('image/png');
    const notImages: Array<[string, Buffer]> = [
      ['animation.png', Buffer.from('GIF89a' + 'x'.repeat(50))],
      ['drawing.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ['名单.png', Buffer.from('学号,姓名\n2024000001,张三')],
    ];
    for (const [name, bytes] of notImages) {
      const { uploadId } = ok(await call('startUpload', { purpose: 'cover', fileName: name, size: bytes.length }, admin()));
      ok(await call('uploadPart', { uploadId, index: 0, dataBase64: bytes.toString('base64') }, admin()));
      const refusal = await call('finishUpload', { uploadId }, admin());
      expect(refusal).toMatchObject({ ok: false, code: 'IMAGE_TYPE_NOT_ALLOWED', message: expect.stringMatching(/JPG、PNG 或 WebP/) });
      expect((refusal as { message: string }).message).toMatch(chinese);
    }
  });

  it('a college officer uploads a cover for their events, but not a roster (the committee’s alone)', async () => {
    await storage.grantRole(
      { openid: 'o-college', role: 'college_officer', scope: '信息工程学院', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'o-college', detail: '{}' },
    );
    const officer = as('o-college');
    const fileId = await upload(officer, 'cover', 'c.png', PNG);
    expect(await files.info(fileId, NOW)).toMatchObject({ owner: 'o-college', purpose: 'cover' });
    for (const purpose of ['roster', 'creditAwards']) {
      expect(await call('startUpload', { purpose, fileName: 'a.csv', size: 10 }, officer)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await call('startUpload', { purpose: 'cover', fileName: 'c.png', size: 10 }, as('openid-1'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('refuses a picture over 2 MB before any part is sent (IMAGE_TOO_LARGE)', async () => {
    const refusal = await call('startUpload', { purpose: 'cover', fileName: 'big.jpg', size: 2 * 1024 * 1024 + 1 }, admin());
    expect(refusal).toMatchObject({ ok: false, code: 'IMAGE_TOO_LARGE', message: expect.stringMatching(/2\.0 MB/) });
    expect(ok(await call('startUpload', { purpose: 'cover', fileName: 'ok.jpg', size: 2 * 1024 * 1024 }, admin())).parts).toBe(43);
  });

  it("refuses a cover that is not the caller's own unused cover upload (FILE_NOT_FOUND), writing nothing", async () => {
    const others = await upload(as('o-admin-2'), 'cover', 'c.png', PNG);
    const roster = await upload(admin(), 'roster', '名单.csv', Buffer.from('学号,姓名\n2024000001,张三'));
    const unknown = 'f-aaaaaaaaaaaaaaaaaaaaaaaaaa';
    const expired = await upload(admin(), 'cover', 'old.png', PNG);
    for (const [coverFileId, ctx] of [[others, admin()], [roster, admin()], [unknown, admin()], [expired, admin(later(25 * HOUR))]] as const) {
      const refusal = await save({ coverFileId }, ctx);
      expect(refusal).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND', message: expect.stringMatching(/封面/) });
    }
    expect(ok(await call('listManagedEvents', {}, admin())).events).toHaveLength(0);
    // Already another event's cover: not a second time (removing it from one would take it from the other).
    const used = await upload(admin(), 'cover', 'c.png', PNG);
    ok(await save({ coverFileId: used }));
    expect(await save({ coverFileId: used, title: '另一个活动' })).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
  });

  it('another organiser may save an event whose cover they did not upload, and absent keeps the cover', async () => {
    const fileId = await upload(admin(), 'cover', 'c.png', PNG);
    const { event } = ok(await save({ coverFileId: fileId }));
    ok(await save({ coverFileId: fileId, title: '改了标题' }, as('o-admin-2'), event.id));
    const fields: Partial<EventFields> = eventFields({ title: '再改一次' });
    delete fields.coverFileId;
    ok(await call('saveEvent', { eventId: event.id, fields }, as('o-admin-2')));
    expect(ok(await call('previewEvent', { eventId: event.id }, admin())).fields).toMatchObject({ title: '再改一次', coverFileId: fileId });
  });

  it('removes or replaces a cover: the old file works until its links expire, then the sweep deletes it; audited', async () => {
    const first = await upload(admin(), 'cover', 'a.png', PNG);
    const { event } = ok(await save({ coverFileId: first }));
    const oldLink = ok(await call('previewEvent', { eventId: event.id }, admin())).event.coverUrl;
    const second = await upload(admin(), 'cover', 'b.png', encodePng(2, 2, () => [0, 0, 255]));
    ok(await save({ coverFileId: second }, admin(), event.id));
    expect(await fetched(oldLink, later(HOUR))).toEqual(PNG);
    await sweepExpired(storage, files, later(4 * HOUR));
    expect(await files.info(first, later(4 * HOUR))).toBeNull();
    expect(await files.info(second, later(4 * HOUR))).not.toBeNull();

    const removed = ok(await save({ coverFileId: null }, admin(), event.id));
    expect(removed.event.coverUrl).toBeNull();
    await sweepExpired(storage, files, later(8 * HOUR));
    expect(await files.info(second, later(8 * HOUR))).toBeNull();
    const audits = await storage.listAudit(10);
    expect(audits.filter((a) => a.action === 'event.update').map((a) => JSON.parse(a.detail).changed)).toEqual(
      expect.arrayContaining([expect.arrayContaining(['coverFileId'])]),
    );
  });
});
