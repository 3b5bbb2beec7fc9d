import type { JobRecord, JobsPort } from '../ports';
import type { SqliteKit } from './kit';

interface JobRow {
  job_id: string; kind: string; owner: string; file_id: string; file_name: string; status: string; total: number;
  done: number; chunks: number; chunks_done: number; report: string; error: string | null; created_at: string;
  updated_at: string; finished_at: string | null; lease_until: string | null;
}

function jobFromRow(r: JobRow): JobRecord {
  return {
    jobId: r.job_id, kind: r.kind as JobRecord['kind'], owner: r.owner, fileId: r.file_id, fileName: r.file_name,
    status: r.status as JobRecord['status'], total: r.total, done: r.done, chunks: r.chunks, chunksDone: r.chunks_done,
    report: JSON.parse(r.report) as Record<string, number>, error: r.error, createdAt: r.created_at, updatedAt: r.updated_at,
    finishedAt: r.finished_at, leaseUntil: r.lease_until,
  };
}

/** Bulk jobs on SQLite: a row per job, a row per chunk (its rows as JSON); every change is one job of the group commit. */
export function sqliteJobs(kit: SqliteKit): JobsPort {
  const { db } = kit;
  const q = {
    insert: db.prepare<[JobRow]>(
      `INSERT INTO jobs (job_id, kind, owner, file_id, file_name, status, total, done, chunks, chunks_done, report, error,
         created_at, updated_at, finished_at, lease_until)
       VALUES (@job_id, @kind, @owner, @file_id, @file_name, @status, @total, @done, @chunks, @chunks_done, @report,
         @error, @created_at, @updated_at, @finished_at, @lease_until)`,
    ),
    insertChunk: db.prepare<[string, number, string]>('INSERT INTO job_chunks (job_id, idx, rows) VALUES (?, ?, ?)'),
    get: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE job_id = ?'),
    claim: db.prepare<[{ id: string; now: string; until: string }]>(
      `UPDATE jobs SET lease_until = @until
        WHERE job_id = @id AND status = 'running' AND (lease_until IS NULL OR lease_until <= @now)`,
    ),
    chunk: db.prepare<[string, number], string>('SELECT rows FROM job_chunks WHERE job_id = ? AND idx = ?').pluck(),
    advance: db.prepare<[{ id: string; index: number; rows: number; report: string; now: string }]>(
      `UPDATE jobs SET chunks_done = chunks_done + 1, done = done + @rows, report = @report, updated_at = @now,
         status = CASE WHEN chunks_done + 1 >= chunks THEN 'done' ELSE status END,
         finished_at = CASE WHEN chunks_done + 1 >= chunks THEN @now ELSE finished_at END
        WHERE job_id = @id AND chunks_done = @index AND status = 'running'`,
    ),
    fail: db.prepare<[{ id: string; error: string; now: string }]>(
      `UPDATE jobs SET status = 'failed', error = @error, updated_at = @now, finished_at = @now, lease_until = NULL
        WHERE job_id = @id AND status = 'running'`,
    ),
    release: db.prepare<[string]>('UPDATE jobs SET lease_until = NULL WHERE job_id = ?'),
    dropChunks: db.prepare<[string]>('DELETE FROM job_chunks WHERE job_id = ?'),
    stale: db.prepare<[string, number], string>(
      `SELECT job_id FROM jobs WHERE status = 'running' AND created_at < ? ORDER BY created_at LIMIT ?`,
    ).pluck(),
  };

  const jobOf = (jobId: string): JobRecord => {
    const row = q.get.get(jobId);
    if (!row) throw new Error(`job ${jobId} is gone`);
    return jobFromRow(row);
  };

  return {
    createJob(job, chunks, audit) {
      return kit.run(() => {
        chunks.forEach((rows, i) => q.insertChunk.run(job.jobId, i, JSON.stringify(rows)));
        q.insert.run({
          job_id: job.jobId, kind: job.kind, owner: job.owner, file_id: job.fileId, file_name: job.fileName, status: job.status,
          total: job.total, done: job.done, chunks: job.chunks, chunks_done: job.chunksDone, report: JSON.stringify(job.report),
          error: job.error, created_at: job.createdAt, updated_at: job.updatedAt, finished_at: job.finishedAt, lease_until: job.leaseUntil,
        });
        kit.audit(audit);
      });
    },

    async getJob(jobId) {
      const row = q.get.get(jobId);
      return row ? jobFromRow(row) : null;
    },

    claimJob(jobId, now, until) {
      return kit.run(() => (q.claim.run({ id: jobId, now: now.toISOString(), until: until.toISOString() }).changes === 1 ? jobOf(jobId) : null));
    },

    async jobChunk(jobId, index) {
      const rows = q.chunk.get(jobId, index);
      return rows === undefined ? null : (JSON.parse(rows) as unknown[]);
    },

    finishJobChunk(jobId, index, rows, report, now) {
      return kit.run(() => {
        const job = jobOf(jobId);
        if (job.chunksDone !== index || job.status !== 'running') return job;
        const sum = { ...job.report };
        for (const [k, n] of Object.entries(report)) sum[k] = (sum[k] ?? 0) + n;
        q.advance.run({ id: jobId, index, rows, report: JSON.stringify(sum), now: now.toISOString() });
        return jobOf(jobId);
      });
    },

    failJob(jobId, error, now) {
      return kit.run(() => {
        q.fail.run({ id: jobId, error, now: now.toISOString() });
      });
    },

    releaseJob(jobId) {
      return kit.run(() => {
        q.release.run(jobId);
      });
    },

    dropJobChunks(jobId) {
      return kit.run(() => {
        q.dropChunks.run(jobId);
      });
    },

    expireJobs(before, now, limit) {
      return kit.run(() => {
        const ids = q.stale.all(before.toISOString(), limit);
        for (const id of ids) {
          q.fail.run({ id, error: '任务长时间未完成，已过期，请重新导入', now: now.toISOString() });
          q.dropChunks.run(id);
        }
        return ids.length;
      });
    },
  };
}
