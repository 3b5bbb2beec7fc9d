import { readRosterTable } from '../../server/spreadsheets/read-table';
import { NOW, makeStudents } from '../support/factories';
import { startTestServer } from '../support/local-server';

/**
 * The local server's download links (GET /files/<token>), as a browser uses them after an export: the file as an
 * attachment under its own name, never cached; a link nobody was given is 404 whatever it looks like (the token is
 * signed, a file id alone is not a link); a link past its ten minutes is 410.
 */
describe('local server: download links', () => {
  let clock = NOW.getTime();
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  const admin = { 'X-Demo-User': 'openid-admin' };

  beforeAll(async () => {
    srv = await startTestServer({ demoMode: true, now: () => new Date(clock) });
    await srv.storage.putStudents(makeStudents(3));
    await srv.storage.grantRole(
      { openid: 'openid-admin', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'openid-admin', detail: '{}' },
    );
  });
  afterAll(() => srv.stop());
  beforeEach(() => {
    clock = NOW.getTime();
  });

  async function exportCredits() {
    const res = await srv.post('exportCredits', {}, admin);
    expect(res.status).toBe(200);
    return res.body.data as { fileId: string; fileName: string; url: string; expiresAt: string; rowCount: number; size: number };
  }

  it('answers an export as a link, and the link downloads the xlsx as an attachment, uncached', async () => {
    const file = await exportCredits();
    expect(file).toEqual({
      fileId: expect.stringMatching(/^f-[a-z2-7]{26}$/),
      fileName: expect.stringMatching(/^第二课堂学分-全校-\d{8}\.xlsx$/),
      url: expect.stringMatching(/^\/files\/f-[a-z2-7]{26}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/),
      expiresAt: new Date(NOW.getTime() + 600_000).toISOString(),
      rowCount: 3,
      size: expect.any(Number),
    });
    const res = await fetch(`${srv.base}${file.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(file.size);
    expect(readRosterTable(bytes, file.fileName).rows).toHaveLength(4);
    const head = await fetch(`${srv.base}${file.url}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('hands out a different link for every export', async () => {
    const a = await exportCredits();
    const b = await exportCredits();
    expect(a.fileId).not.toBe(b.fileId);
    expect(a.url).not.toBe(b.url);
  });

  it('answers 404 to a link nobody was given: a file id alone, an altered signature or time, anything else', async () => {
    const file = await exportCredits();
    const [id, stamp, mac] = file.url.slice('/files/'.length).split('.');
    const later = (parseInt(stamp, 36) + 3600).toString(36);
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    for (const path of [`/files/${id}`, `/files/${id}.${stamp}.${flipped}`, `/files/${id}.${later}.${mac}`, '/files/', '/files/..%2F..%2Fapp.db', `/files/${id}.${stamp}.${mac}x`]) {
      const res = await fetch(`${srv.base}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.json()).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    }
  });

  it('answers 410 once the link\'s ten minutes are over', async () => {
    const file = await exportCredits();
    clock = NOW.getTime() + 9 * 60_000;
    expect((await fetch(`${srv.base}${file.url}`)).status).toBe(200);
    clock = NOW.getTime() + 10 * 60_000 + 1_000;
    const res = await fetch(`${srv.base}${file.url}`);
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND', message: '下载链接已过期，请重新导出' });
  });

  it('downloads only: any other method is 405', async () => {
    const file = await exportCredits();
    expect((await fetch(`${srv.base}${file.url}`, { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('takes an upload part of 64 KB of base64 but refuses a body over its limit with 413', async () => {
    const start = await srv.post('startUpload', { purpose: 'roster', fileName: 'a.csv', size: 49_152 * 2 }, admin);
    const part = Buffer.alloc(49_152, 65).toString('base64');
    expect((await srv.post('uploadPart', { uploadId: start.body.data.uploadId, index: 0, dataBase64: part }, admin)).status).toBe(200);
    const huge = await srv.post('uploadPart', { uploadId: start.body.data.uploadId, index: 1, dataBase64: part + 'A'.repeat(40_000) }, admin);
    expect(huge.status).toBe(413);
    expect((await srv.post('importRoster', { fileId: 'f-' + 'a'.repeat(26), commit: false, pad: 'x'.repeat(70_000) }, admin)).status).toBe(413);
  });
});
