import type { AuditDraft } from '../../../core';

/**
 * Bulk jobs (a roster import, a sheet of credit awards): the validated rows stored in chunks when the job is created,
 * then written a chunk at a time by as many calls as it takes (continueJob), each within a time budget well under the
 * function's 20 s. Writing a chunk is idempotent (students upserted by number, awards keyed by file and row), so a
 * chunk written again after a crash changes nothing. A call takes the job's lease first, so two calls never work on
 * one job at once; a call that crashed loses the lease when it runs out, and the next call resumes from the last
 * chunk recorded as finished.
 */
export interface JobRecord {
  jobId: string;
  kind: 'roster' | 'creditAwards';
  /** The account (openid) that created it. */
  owner: string;
  fileId: string;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  /** Rows in all, and rows finished. */
  total: number;
  done: number;
  chunks: number;
  /** Chunks finished: 0 … chunks. The next chunk to write is `chunksDone`. */
  chunksDone: number;
  /** Counters summed over the finished chunks (created / updated; awarded / alreadyAwarded). */
  report: Record<string, number>;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** While a call works on the job: until when it may. */
  leaseUntil: string | null;
}

export interface JobsPort {
  /** Stores the chunks (rows as plain JSON) and the job, with the audit entry of the import that created it. */
  createJob(job: JobRecord, chunks: ReadonlyArray<readonly unknown[]>, audit: AuditDraft): Promise<void>;
  getJob(jobId: string): Promise<JobRecord | null>;
  /**
   * Takes the lease of a running job until `until`, atomically, if nobody holds a lease that is still live at `now`:
   * answers the job, or null when it is not running or another call holds it (getJob tells which).
   */
  claimJob(jobId: string, now: Date, until: Date): Promise<JobRecord | null>;
  /** The rows of chunk `index`, or null when there is no such chunk (the job is done, or expired). */
  jobChunk(jobId: string, index: number): Promise<unknown[] | null>;
  /**
   * Records chunk `index` as finished if it is the next one (chunksDone === index): chunksDone + 1, done + rows,
   * report + the chunk's counters, and status 'done' after the last. A chunk recorded already changes nothing (a
   * call that resumed after a crash and wrote it again). Answers the job after.
   */
  finishJobChunk(jobId: string, index: number, rows: number, report: Record<string, number>, now: Date): Promise<JobRecord>;
  /** Stops a job for good with a reason (a chunk that can never be written). */
  failJob(jobId: string, error: string, now: Date): Promise<void>;
  /** Ends the caller's lease, so that the next call need not wait for it to run out. */
  releaseJob(jobId: string): Promise<void>;
  /** Drops the stored rows of a finished or failed job (they hold personal data and are not needed any more). */
  dropJobChunks(jobId: string): Promise<void>;
  /**
   * Upkeep: jobs created before `before` that are still running are failed (expired), and their chunks dropped; at
   * most `limit` jobs. Answers how many.
   */
  expireJobs(before: Date, now: Date, limit: number): Promise<number>;
}
