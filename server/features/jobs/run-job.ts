import { ApiError, type JobProgress } from '../../../types';
import type { AuditDraft, AwardDraft, RosterEntry } from '../../../core';
import { unguessableId } from '../../security/unguessable-id';
import type { JobRecord, StoragePort } from '../../storage/ports';
import { elapsedClock, type HandlerContext } from '../shared/context';
import { jobProgress } from './progress';

/**
 * Bulk jobs: a committed import's rows are stored in chunks (createJob), then written a chunk at a time — by the
 * import's own call while its time budget lasts, then by continueJob calls from the page until done.
 *
 * Resumption: a call takes the job's lease (25 s, longer than the function's 20 s timeout, so a live call never
 * loses it), writes chunk `chunksDone`, records it (finishJobChunk: only if it is still the next one), and so on while
 * its budget lasts; then it releases the lease and answers the progress. A call that crashed or timed out leaves the
 * lease to run out; the next call then writes the same chunk again, which is harmless (students are upserted by
 * number, awards keyed by file and row), and goes on from there. Two calls at once: the second finds the lease held
 * and answers the progress with `retryAfterMs`.
 */

/** Rows a chunk holds: a roster chunk is ~100 KB as a document, and takes ~1 s to write on CloudBase. */
export const CHUNK_ROWS = 500;
/** Default time budget of a call (HandlerContext.jobBudgetMs). */
export const DEFAULT_JOB_BUDGET_MS = 8_000;
/** The lease a call holds while it works: longer than the function's 20 s timeout. */
export const JOB_LEASE_MS = 25_000;

/** What one chunk of each kind writes, and the counters it adds to the job's report. */
const WRITERS: Record<JobRecord['kind'], (storage: StoragePort, rows: unknown[]) => Promise<Record<string, number>>> = {
  async roster(storage, rows) {
    return storage.upsertStudents(rows as RosterEntry[]);
  },
  async creditAwards(storage, rows) {
    const written = await storage.awardMany(rows as AwardDraft[]);
    return { awarded: written.length, alreadyAwarded: rows.length - written.length };
  },
};

export function chunksOf<T>(rows: readonly T[], size = CHUNK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Stores a committed import's rows as a job, with the import's audit entry; answers the job, not started. */
export async function createJob(
  ctx: HandlerContext,
  kind: JobRecord['kind'],
  file: { fileId: string; fileName: string },
  owner: string,
  rows: readonly unknown[],
  audit: (jobId: string) => AuditDraft,
): Promise<JobRecord> {
  const stamp = ctx.now().toISOString();
  const chunks = chunksOf(rows);
  const job: JobRecord = {
    jobId: unguessableId('j'),
    kind,
    owner,
    fileId: file.fileId,
    fileName: file.fileName,
    status: 'running',
    total: rows.length,
    done: 0,
    chunks: chunks.length,
    chunksDone: 0,
    report: kind === 'roster' ? { created: 0, updated: 0 } : { awarded: 0, alreadyAwarded: 0 },
    error: null,
    createdAt: stamp,
    updatedAt: stamp,
    finishedAt: null,
    leaseUntil: null,
  };
  await ctx.storage.createJob(job, chunks, audit(job.jobId));
  return job;
}

/**
 * Works on the job for this call: takes the lease, writes chunks while the budget lasts (at least one), releases
 * the lease, and answers the progress. `startedAt` is when the call began (on the call's clock, elapsedClock), so an
 * import that spent its time reading the file leaves the rest to the next call.
 */
export async function advanceJob(ctx: HandlerContext, jobId: string, startedAt = elapsedClock(ctx)()): Promise<JobProgress> {
  const { storage } = ctx;
  const elapsed = elapsedClock(ctx);
  const budget = ctx.jobBudgetMs ?? DEFAULT_JOB_BUDGET_MS;
  const now = ctx.now();
  const job = await storage.getJob(jobId);
  if (!job) throw new ApiError('JOB_NOT_FOUND');
  if (job.status !== 'running') return jobProgress(job);
  const claimed = await storage.claimJob(jobId, now, new Date(now.getTime() + JOB_LEASE_MS));
  if (!claimed) {
    const current = (await storage.getJob(jobId)) ?? job;
    const held = current.leaseUntil ? Date.parse(current.leaseUntil) - now.getTime() : 0;
    return jobProgress(current, current.status === 'running' ? Math.max(1_000, held) : null);
  }
  let current = claimed;
  let slowest = 0;
  try {
    while (current.status === 'running') {
      const began = elapsed();
      const index = current.chunksDone;
      const rows = await storage.jobChunk(jobId, index);
      if (!rows) {
        await storage.failJob(jobId, '任务的数据已丢失，无法继续，请重新导入', ctx.now());
        current = (await storage.getJob(jobId)) ?? current;
        break;
      }
      const report = await WRITERS[current.kind](storage, rows);
      current = await storage.finishJobChunk(jobId, index, rows.length, report, ctx.now());
      slowest = Math.max(slowest, elapsed() - began);
      // Another chunk only if it fits in what is left of the budget (judged by the slowest chunk so far).
      if (elapsed() - startedAt + slowest > budget) break;
    }
  } finally {
    if (current.status === 'running') {
      await storage.releaseJob(jobId).catch((error: unknown) => console.warn(`[job ${jobId}] lease not released; it runs out by itself`, error));
    }
  }
  if (current.status !== 'running') await storage.dropJobChunks(jobId);
  return jobProgress(current);
}
