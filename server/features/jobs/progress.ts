import type { JobProgress } from '../../../types';
import type { JobRecord } from '../../storage/ports';

/** What a page shows of a job: its counters, and when to ask again if another call holds it. */
export function jobProgress(job: JobRecord, retryAfterMs: number | null = null): JobProgress {
  const fields = {
    jobId: job.jobId,
    fileName: job.fileName,
    status: job.status,
    done: job.done,
    total: job.total,
    chunksDone: job.chunksDone,
    chunks: job.chunks,
    retryAfterMs,
    error: job.error,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
  };
  const n = (key: string) => job.report[key] ?? 0;
  return job.kind === 'roster'
    ? { kind: 'roster', ...fields, report: { created: n('created'), updated: n('updated') } }
    : { kind: 'creditAwards', ...fields, report: { awarded: n('awarded'), alreadyAwarded: n('alreadyAwarded') } };
}
