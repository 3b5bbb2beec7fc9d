import { createHash } from 'node:crypto';
import { UPLOAD_PART_BYTES, type ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { encodePng } from '../../server/local/seed-covers';
import { NOW, makeStudents } from '../support/factories';
import { tempFileStore } from '../support/files';

/**
 * Uploads in parts, through the handlers: one protocol for the mini program and the browser, every call far under
 * the ~100 KB a callFunction should carry; parts in any order and again; limits per purpose refused with codes and
 * Chinese sentences; an upload is its uploader's alone, and is forgotten after an hour.
 */
let storage: SqliteStorage;
let files: ReturnType<typeof tempFileStore>;
const as = (openid: string, now = NOW): HandlerContext => ({ storage, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false, files });
const call = (action: string, payload: unknown, ctx = as('o-admin')) => dispatch({ action, payload }, ctx);
function ok(result: ApiResult<any>): any {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}
const chinese = /[\u4e00-\u9fa5]/;

/** A CSV of about `size` bytes, every byte meaningful (a part in the wrong place would show). */
function csvOf(size: number): Buffer {
  let text = '学号,姓名';
  for (let i = 0; text.length < size; i++) text += `\n2024${String(i).padStart(6, '0')},学生${i}`;
  return Buffer.from(text, 'utf8').subarray(0, size);
}
const partOf = (bytes: Buffer, i: number) => bytes.subarray(i * UPLOAD_PART_BYTES, (i + 1) * UPLOAD_PART_BYTES).toString('base64');

beforeEach(async () => {
  storage = new SqliteStorage({ file: ':memory:' });
  files = tempFileStore();
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

it('takes a file in parts of 48 KiB, in any order and sent twice, each call under 70 KB, and puts it together exactly', async () => {
  const bytes = csvOf(200_000);
  const started = ok(await call('startUpload', { purpose: 'roster', fileName: '名单.csv', size: bytes.length }));
  expect(started).toEqual({ uploadId: expect.stringMatching(/^u-[a-z2-7]{26}$/), partBytes: 49_152, parts: 5, expiresAt: new Date(NOW.getTime() + 3_600_000).toISOString() });
  for (const i of [4, 2, 0, 3, 1, 2]) {
    const payload = { uploadId: started.uploadId, index: i, dataBase64: partOf(bytes, i) };
    expect(Buffer.byteLength(JSON.stringify({ action: 'uploadPart', payload }))).toBeLessThan(70_000);
    expect(ok(await call('uploadPart', payload))).toEqual({ index: i, bytes: Math.min(49_152, bytes.length - i * 49_152) });
  }
  const finished = ok(await call('finishUpload', { uploadId: started.uploadId }));
  expect(finished).toEqual({ fileId: expect.stringMatching(/^f-[a-z2-7]{26}$/), fileName: '名单.csv', size: 200_000, sha256: createHash('sha256').update(bytes).digest('hex') });
  expect(Buffer.from((await files.read(finished.fileId, NOW))!).equals(bytes)).toBe(true);
  expect(await files.info(finished.fileId, NOW)).toMatchObject({ purpose: 'roster', owner: 'o-admin' });
  // Finishing again (the first answer was lost) answers the same file; a part sent again changes nothing.
  expect(ok(await call('finishUpload', { uploadId: started.uploadId }))).toEqual(finished);
  expect(ok(await call('uploadPart', { uploadId: started.uploadId, index: 0, dataBase64: partOf(bytes, 0) }))).toEqual({ index: 0, bytes: 49_152 });
});

it('refuses what a purpose does not take, before any part is sent, in sentences that say what to do', async () => {
  const tooLarge = await call('startUpload', { purpose: 'roster', fileName: '名单.xlsx', size: 10 * 1024 * 1024 + 1 });
  expect(tooLarge).toMatchObject({ ok: false, code: 'UPLOAD_TOO_LARGE', message: expect.stringMatching(/10\.0 MB/) });
  const wrongType = await call('startUpload', { purpose: 'creditAwards', fileName: '记分.pdf', size: 1000 });
  expect(wrongType).toMatchObject({ ok: false, code: 'UPLOAD_TYPE_NOT_ALLOWED', message: expect.stringMatching(/\.xlsx 或 \.csv/) });
  expect(await call('startUpload', { purpose: 'roster', fileName: '名单.csv', size: 0 })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(/空/) });
  expect(await call('startUpload', { purpose: 'photos', fileName: 'a.csv', size: 10 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  for (const r of [tooLarge, wrongType]) expect((r as { message: string }).message).toMatch(chinese);
});

it('refuses a part out of range, of the wrong size, or not canonical base64, and one larger than a part may be', async () => {
  const bytes = csvOf(60_000);
  const { uploadId } = ok(await call('startUpload', { purpose: 'roster', fileName: 'a.csv', size: bytes.length }));
  expect(await call('uploadPart', { uploadId, index: 2, dataBase64: partOf(bytes, 0) })).toMatchObject({ ok: false, code: 'UPLOAD_PART_INVALID', message: expect.stringMatching(/共 2 片/) });
  expect(await call('uploadPart', { uploadId, index: 1, dataBase64: partOf(bytes, 0) })).toMatchObject({ ok: false, code: 'UPLOAD_PART_INVALID', message: expect.stringMatching(/应为 10848 字节/) });
  expect(await call('uploadPart', { uploadId, index: 1, dataBase64: `${partOf(bytes, 1)}==` })).toMatchObject({ ok: false, code: 'UPLOAD_PART_INVALID' });
  expect(await call('uploadPart', { uploadId, index: 0, dataBase64: Buffer.alloc(49_153).toString('base64') })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(/分片过大/) });
});

it('will not finish while parts are missing, and names them', async () => {
  const bytes = csvOf(150_000);
  const { uploadId } = ok(await call('startUpload', { purpose: 'roster', fileName: 'a.csv', size: bytes.length }));
  ok(await call('uploadPart', { uploadId, index: 1, dataBase64: partOf(bytes, 1) }));
  expect(await call('finishUpload', { uploadId })).toMatchObject({ ok: false, code: 'UPLOAD_INCOMPLETE', message: '文件还差 3 片没有传到（序号 0、2、3），请补传后再完成上传' });
});

it('refuses a file whose content is not the type its name says', async () => {
  const text = Buffer.from('学号,姓名\n20240001,张三\n');
  const { uploadId } = ok(await call('startUpload', { purpose: 'roster', fileName: '名单.xlsx', size: text.length }));
  ok(await call('uploadPart', { uploadId, index: 0, dataBase64: text.toString('base64') }));
  expect(await call('finishUpload', { uploadId })).toMatchObject({ ok: false, code: 'UPLOAD_TYPE_NOT_ALLOWED', message: expect.stringMatching(/不是 \.xlsx 文件/) });
});

it('takes a leave photo from a bound student (not only from those who may upload covers), and refuses one without a 学号', async () => {
  await storage.putStudents(makeStudents(1).map((s) => ({ ...s, openid: 'o-student' })));
  const png = encodePng(3, 4, () => [250, 250, 250]);
  const { uploadId } = ok(await call('startUpload', { purpose: 'leavePhoto', fileName: '病假条.png', size: png.length }, as('o-student')));
  ok(await call('uploadPart', { uploadId, index: 0, dataBase64: png.toString('base64') }, as('o-student')));
  const { fileId } = ok(await call('finishUpload', { uploadId }, as('o-student')));
  expect(await files.info(fileId, NOW)).toMatchObject({ purpose: 'leavePhoto', owner: 'o-student' });
  expect(await call('startUpload', { purpose: 'leavePhoto', fileName: '病假条.png', size: png.length }, as('o-stranger'))).toMatchObject({ ok: false, code: 'NOT_BOUND' });
});

it('lets nobody else send parts to an upload or finish it, and forgets it after an hour', async () => {
  const bytes = csvOf(1000);
  const { uploadId } = ok(await call('startUpload', { purpose: 'roster', fileName: 'a.csv', size: bytes.length }));
  const other = as('o-admin-2');
  expect(await call('uploadPart', { uploadId, index: 0, dataBase64: partOf(bytes, 0) }, other)).toMatchObject({ ok: false, code: 'UPLOAD_NOT_FOUND' });
  expect(await call('finishUpload', { uploadId }, other)).toMatchObject({ ok: false, code: 'UPLOAD_NOT_FOUND' });
  const later = as('o-admin', new Date(NOW.getTime() + 3_600_001));
  expect(await call('uploadPart', { uploadId, index: 0, dataBase64: partOf(bytes, 0) }, later)).toMatchObject({ ok: false, code: 'UPLOAD_NOT_FOUND', message: expect.stringMatching(chinese) });
  expect(await call('uploadPart', { uploadId: 'u-unknownunknownunknownunkno', index: 0, dataBase64: 'AAAA' })).toMatchObject({ ok: false, code: 'UPLOAD_NOT_FOUND' });
});

it('answers INTERNAL naming the missing configuration when no file store is set up', async () => {
  const res = await dispatch({ action: 'startUpload', payload: { purpose: 'roster', fileName: 'a.csv', size: 10 } }, { ...as('o-admin'), files: undefined });
  expect(res).toMatchObject({ ok: false, code: 'INTERNAL', message: expect.stringMatching(/文件存储未配置/) });
});
