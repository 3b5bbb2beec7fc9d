import type { ActionOutput, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { hashSecondFactor } from '../../server/security/second-factor';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, makeStudent } from '../support/factories';
import { tempFileStore, upload } from '../support/files';

const KEY = 'roster-test-key';
const HEADER = '学号,姓名,二级学院,班级,团支部,是否团员,年级,身份证后六位';

function csv(lines: string[]): Uint8Array {
  return Buffer.from([HEADER, ...lines].join('\n'), 'utf8');
}

describe('the committee imports a roster', () => {
  let storage: SqliteStorage;
  let files: ReturnType<typeof tempFileStore>;
  const admin = (): HandlerContext => ({ storage, caller: { kind: 'wechat', openid: 'openid-admin' }, now: () => NOW, demoMode: false, idHashKey: KEY, files });
  const importRoster = async (bytes: Uint8Array, commit: boolean, cleanRowsOnly?: boolean) => {
    const fileId = await upload(admin(), 'roster', '名单.csv', bytes);
    return dispatch({ action: 'importRoster', payload: { fileId, commit, ...(cleanRowsOnly ? { cleanRowsOnly } : {}) } }, admin());
  };
  const data = (r: ApiResult<unknown>) => {
    if (!r.ok) throw new Error(`refused ${r.code}: ${r.message}`);
    return r.data as ActionOutput<'importRoster'>;
  };

  beforeEach(async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    files = tempFileStore();
    await storage.putStudents([makeStudent(9, { studentNo: '20240101', name: '旧名字', openid: 'openid-bound' })]);
    await storage.grantRole(
      { openid: 'openid-admin', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'openid-admin', detail: '{}' },
    );
  });
  afterEach(async () => {
    await storage.close();
    files.cleanup();
  });

  const clean = csv([
    '20240101,王子涵,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,12345X',
    '20240102,李欣怡,信息技术学院,24级软件技术1班,24级软件技术1班团支部,否,2024级,',
  ]);

  it('previews a file without writing anything', async () => {
    const res = data(await importRoster(clean, false));
    expect(res).toMatchObject({ format: 'csv', dataRows: 2, cleanRows: 2, committed: false, job: null, problemCount: 0, problemsFile: null });
    expect(await storage.findStudentByNo('20240102')).toBeNull();
  });

  it('imports a clean file as a job, keeping an existing binding and hashing the ID digits', async () => {
    const res = data(await importRoster(clean, true));
    expect(res).toMatchObject({ committed: true, job: { kind: 'roster', status: 'done', done: 2, total: 2, report: { created: 1, updated: 1 } } });
    expect(await storage.findStudentByNo('20240101')).toMatchObject({ name: '王子涵', openid: 'openid-bound', secondFactorHash: hashSecondFactor(KEY, '12345X') });
    expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'importRoster', actor: 'openid-admin', target: '名单.csv' });
    expect((await storage.listAudit(1))[0].detail).not.toContain('12345');
  });

  it('imports nothing from a file with row errors, and reports each row', async () => {
    const broken = csv([
      '20240103,赵一,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,',
      '20240103,赵二,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,',
      '20240104,,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,',
    ]);
    const res = data(await importRoster(broken, true));
    expect(res).toMatchObject({ committed: false, job: null });
    expect(res.problems.map((p) => [p.row, p.code])).toEqual(expect.arrayContaining([[3, 'DUPLICATE_STUDENT_NO'], [4, 'MISSING_NAME']]));
    expect(await storage.findStudentByNo('20240103')).toBeNull();
  });

  it('imports only the clean rows when the admin explicitly chooses so', async () => {
    const mixed = csv([
      '20240105,钱三,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,',
      '20240106,,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,',
    ]);
    const res = data(await importRoster(mixed, true, true));
    expect(res).toMatchObject({ committed: true, job: { report: { created: 1 } } });
    expect(await storage.findStudentByNo('20240105')).not.toBeNull();
    expect(await storage.findStudentByNo('20240106')).toBeNull();
  });

  it('refuses a file whose content is not what its name says at the upload, and an unreadable spreadsheet at the import', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    await expect(upload(admin(), 'roster', '名单.xlsx', png)).rejects.toThrow(/UPLOAD_TYPE_NOT_ALLOWED .*\.xlsx/);
    const fileId = await upload(admin(), 'roster', '名单.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]));
    const res = await dispatch({ action: 'importRoster', payload: { fileId, commit: true } }, admin());
    expect(res).toMatchObject({ ok: false, code: 'ROSTER_UNREADABLE' });
  });
});
