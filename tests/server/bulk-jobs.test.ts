import type { ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { JOB_LEASE_MS } from '../../server/features/jobs/run-job';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, makeStudent, makeStudents, studentNo } from '../support/factories';
import { tempFileStore, upload } from '../support/files';
import { buildCsv, rosterRows } from '../support/roster-files';

/**
 * Bulk jobs through the handlers: a committed import becomes a job of chunks of 500 rows; each call writes chunks
 * while its budget lasts (here 0: exactly one chunk a call, so progress shows between calls) and answers
 * `{ done, total, status, report }`; a call that crashed half-way through a chunk is resumed by the next call once
 * its lease ran out, writing that chunk again harmlessly; a finished job answers the same and writes nothing.
 */
const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

// Thousands of rows through the real SDK per test: seconds alone, more than jest's 5 s default on a loaded machine.
jest.setTimeout(60_000);

function ok(result: ApiResult<any>): any {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}

describe.each(ADAPTERS)('bulk jobs on %s', (_adapter, makeStorage) => {
  let storage: StoragePort;
  let files: ReturnType<typeof tempFileStore>;
  let clock: Date;
  const as = (openid: string, over: Partial<HandlerContext> = {}): HandlerContext => ({
    storage, caller: { kind: 'wechat', openid }, now: () => clock, demoMode: false, files, idHashKey: 'k', jobBudgetMs: 0, ...over,
  });
  const call = (action: string, payload: unknown, ctx = as('o-admin')) => dispatch({ action, payload }, ctx);

  beforeEach(async () => {
    storage = makeStorage();
    files = tempFileStore();
    clock = NOW;
    await storage.grantRole(
      { openid: 'o-admin', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'o-admin', detail: '{}' },
    );
  });
  afterEach(async () => {
    await storage.close();
    files.cleanup();
  });

  async function startRosterJob(rows: number) {
    const fileId = await upload(as('o-admin'), 'roster', '名单.csv', buildCsv(rosterRows(rows)));
    return ok(await call('importRoster', { fileId, commit: true }));
  }

  it('imports 1,200 students in 3 chunks, one a call, with progress between calls', async () => {
    const started = await startRosterJob(1_200);
    expect(started).toMatchObject({ dataRows: 1_200, cleanRows: 1_200, committed: true });
    expect(started.job).toMatchObject({ kind: 'roster', status: 'running', done: 500, total: 1_200, chunksDone: 1, chunks: 3, retryAfterMs: null, report: { created: 500, updated: 0 } });
    const second = ok(await call('continueJob', { jobId: started.job.jobId }));
    expect(second).toMatchObject({ status: 'running', done: 1_000, chunksDone: 2 });
    const last = ok(await call('continueJob', { jobId: started.job.jobId }));
    expect(last).toMatchObject({ status: 'done', done: 1_200, total: 1_200, chunksDone: 3, report: { created: 1_200, updated: 0 }, finishedAt: NOW.toISOString() });
    expect(await storage.listStudents(10_000)).toHaveLength(1_200);
    // Called again (a page that did not see the last answer): the same progress, nothing written.
    const audits = (await storage.listAudit(500)).length;
    expect(ok(await call('continueJob', { jobId: started.job.jobId }))).toEqual(last);
    expect((await storage.listAudit(500)).length).toBe(audits);
  });

  it('a call that finds another one working answers the progress and when to ask again', async () => {
    const started = await startRosterJob(1_200);
    expect(await storage.claimJob(started.job.jobId, clock, new Date(clock.getTime() + JOB_LEASE_MS))).not.toBeNull();
    const busy = ok(await call('continueJob', { jobId: started.job.jobId }));
    expect(busy).toMatchObject({ status: 'running', chunksDone: 1, retryAfterMs: JOB_LEASE_MS });
  });

  it('resumes after a call crashed half-way through a chunk: the chunk is written again, every student once', async () => {
    await storage.putStudents([makeStudent(1, { studentNo: '2024000001', name: '旧名字', openid: 'openid-bound' })]);
    const started = await startRosterJob(1_200);
    // The next call dies after writing half of its chunk, without releasing the job (the process is gone).
    const crashing = Object.assign(Object.create(storage) as StoragePort, {
      async upsertStudents(entries: Parameters<StoragePort['upsertStudents']>[0]) {
        await storage.upsertStudents(entries.slice(0, 250));
        throw new Error('the function was killed here');
      },
      async releaseJob() {},
    });
    expect(await call('continueJob', { jobId: started.job.jobId }, as('o-admin', { storage: crashing }))).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await storage.listStudents(10_000)).toHaveLength(750);
    // Within the lease: nobody may take over yet, and the page is told when to try again.
    expect(ok(await call('continueJob', { jobId: started.job.jobId }))).toMatchObject({ chunksDone: 1, retryAfterMs: JOB_LEASE_MS });
    clock = new Date(NOW.getTime() + JOB_LEASE_MS + 1);
    const resumed = ok(await call('continueJob', { jobId: started.job.jobId }));
    expect(resumed).toMatchObject({ status: 'running', chunksDone: 2, done: 1_000, retryAfterMs: null });
    const last = ok(await call('continueJob', { jobId: started.job.jobId }));
    expect(last).toMatchObject({ status: 'done', done: 1_200 });
    // The crashed call's 250 count as updated when its chunk is written again; the totals are exact.
    expect(last.report.created + last.report.updated).toBe(1_200);
    expect(last.report.updated).toBe(250 + 1);
    const students = await storage.listStudents(10_000);
    expect(students).toHaveLength(1_200);
    expect(new Set(students.map((s) => s.studentNo)).size).toBe(1_200);
    expect(await storage.findStudentByNo('2024000001')).toMatchObject({ openid: 'openid-bound' });
  });

  it('answers JOB_NOT_FOUND for a job nobody created, and keeps the job to the committee', async () => {
    expect(await call('continueJob', { jobId: 'j-unknownunknownunknownunkno' })).toMatchObject({ ok: false, code: 'JOB_NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    const started = await startRosterJob(10);
    await storage.putStudents([makeStudent(99, { openid: 'openid-student' })]);
    expect(await call('continueJob', { jobId: started.job.jobId }, as('openid-student'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('awards 1,100 rows of a sheet in 3 chunks; the same sheet again awards nothing; the overview reads the totals', async () => {
    await storage.putStudents(makeStudents(100));
    const rows = [['学号', '模块', '学分', '事由'], ...Array.from({ length: 1_100 }, (_, k) => [studentNo((k % 100) + 1), '文化艺术与身心发展', '0.5', `第 ${k} 项`])];
    const bytes = buildCsv(rows);
    let job = ok(await call('importCreditAwards', { fileId: await upload(as('o-admin'), 'creditAwards', '记分.csv', bytes), commit: true })).job;
    while (job.status === 'running') job = ok(await call('continueJob', { jobId: job.jobId }));
    expect(job).toMatchObject({ kind: 'creditAwards', status: 'done', done: 1_100, chunks: 3, report: { awarded: 1_100, alreadyAwarded: 0 } });
    let again = ok(await call('importCreditAwards', { fileId: await upload(as('o-admin'), 'creditAwards', '记分.csv', bytes), commit: true })).job;
    while (again.status === 'running') again = ok(await call('continueJob', { jobId: again.jobId }));
    expect(again.report).toEqual({ awarded: 0, alreadyAwarded: 1_100 });
    const overview = ok(await call('getCreditOverview', { groupBy: 'college' }));
    expect(overview.groups).toEqual([expect.objectContaining({ students: 100, total: 1_100 * 50, studentsWithCredits: 100 })]);
  });
});
