import type { AuditDraft } from '../../../core';
import type { JobRecord, JobsPort } from '../ports';
import { COLLECTIONS } from './documents';
import { inPool, readDoc, type CloudbaseKit } from './kit';
import type { WxDoc } from './wx-db';

const { jobs: JOBS, jobChunks: JOB_CHUNKS } = COLLECTIONS;

const chunkId = (jobId: string, index: number) => `${jobId}:${index}`;

/** The counters a job's report may hold: fixed words, so they are safe as field paths of an update. */
const REPORT_KEYS = new Set(['created', 'updated', 'awarded', 'alreadyAwarded']);

function jobFromDoc(d: WxDoc): JobRecord {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const report = (d.report && typeof d.report === 'object' ? d.report : {}) as Record<string, unknown>;
  return {
    jobId: String(d._id),
    kind: d.kind as JobRecord['kind'],
    owner: String(d.owner),
    fileId: String(d.fileId),
    fileName: String(d.fileName),
    status: d.status as JobRecord['status'],
    total: Number(d.total ?? 0),
    done: Number(d.done ?? 0),
    chunks: Number(d.chunks ?? 0),
    chunksDone: Number(d.chunksDone ?? 0),
    report: Object.fromEntries(Object.entries(report).map(([k, n]) => [k, Number(n ?? 0)])),
    error: text(d.error),
    createdAt: String(d.createdAt),
    updatedAt: String(d.updatedAt),
    finishedAt: text(d.finishedAt),
    leaseUntil: text(d.leaseUntil),
  };
}

/** `leaseUntil` is '' when free: '' sorts before every instant, so a claim is one condition `leaseUntil ≤ now`. */
function jobToDoc(job: JobRecord): Record<string, unknown> {
  const { jobId: _jobId, ...fields } = job;
  return { ...fields, leaseUntil: job.leaseUntil ?? '', finishedAt: job.finishedAt ?? '', error: job.error ?? '' };
}

/**
 * Bulk jobs on CloudBase: `jobs/<jobId>` and a document per chunk, `jobChunks/<jobId>:<index>` (a chunk of 500 rows is
 * about 100 KB). Claiming the lease is one conditional update (atomic on its own); recording a chunk is a transaction
 * on the job (2 operations), so the job's counters never count a chunk twice.
 */
export class CloudbaseJobs implements JobsPort {
  constructor(private readonly kit: CloudbaseKit) {}

  /**
   * The chunks first (`bulkConcurrency` `set`s side by side), then the job and its audit entry in one transaction:
   * a job never exists without its rows. A failure before the job is written removes the chunks again (a process
   * killed at that moment would leave them: the one case the sweep does not cover).
   */
  async createJob(job: JobRecord, chunks: ReadonlyArray<readonly unknown[]>, audit: AuditDraft): Promise<void> {
    try {
      await inPool(chunks.map((rows, index) => ({ rows, index })), this.kit.bulkConcurrency, async ({ rows, index }) => {
        await this.kit.db.collection(JOB_CHUNKS).doc(chunkId(job.jobId, index)).set({ data: { jobId: job.jobId, index, rows } });
      });
      await this.kit.transact(async (t) => {
        await t.collection(JOBS).add({ data: { _id: job.jobId, ...jobToDoc(job) } });
        await this.kit.addAudit(t, audit);
      });
    } catch (error) {
      // No job names these rows: take them back rather than leave personal data nothing will ever sweep.
      await this.dropJobChunks(job.jobId).catch(() => undefined);
      throw error;
    }
  }

  async getJob(jobId: string): Promise<JobRecord | null> {
    const doc = await readDoc(this.kit.db.collection(JOBS).doc(jobId));
    return doc ? jobFromDoc(doc) : null;
  }

  /** `where({ _id, status: 'running', leaseUntil ≤ now }).update({ leaseUntil })`, then a read: 2 operations. */
  async claimJob(jobId: string, now: Date, until: Date): Promise<JobRecord | null> {
    const _ = this.kit.command;
    const { stats } = await this.kit.db
      .collection(JOBS)
      .where({ _id: jobId, status: 'running', leaseUntil: _.lte(now.toISOString()) })
      .update({ data: { leaseUntil: until.toISOString() } });
    return stats.updated === 1 ? this.getJob(jobId) : null;
  }

  async jobChunk(jobId: string, index: number): Promise<unknown[] | null> {
    const doc = await readDoc(this.kit.db.collection(JOB_CHUNKS).doc(chunkId(jobId, index)));
    return doc && Array.isArray(doc.rows) ? (doc.rows as unknown[]) : null;
  }

  /** A transaction on the job: read it; if `index` is the next chunk, `_.inc` its counters (2 operations). */
  async finishJobChunk(jobId: string, index: number, rows: number, report: Record<string, number>, now: Date): Promise<JobRecord> {
    const _ = this.kit.command;
    return this.kit.transact(async (t) => {
      const ref = t.collection(JOBS).doc(jobId);
      const doc = await readDoc(ref);
      if (!doc) throw new Error(`job ${jobId} is gone`);
      const job = jobFromDoc(doc);
      if (job.chunksDone !== index || job.status !== 'running') return job;
      const last = index + 1 >= job.chunks;
      const stamp = now.toISOString();
      const data: Record<string, unknown> = { chunksDone: _.inc(1), done: _.inc(rows), updatedAt: stamp };
      const sums = { ...job.report };
      for (const [key, n] of Object.entries(report)) {
        if (!REPORT_KEYS.has(key)) throw new Error(`job report key ${key}`);
        data[`report.${key}`] = _.inc(n);
        sums[key] = (sums[key] ?? 0) + n;
      }
      if (last) Object.assign(data, { status: 'done', finishedAt: stamp });
      await ref.update({ data });
      return { ...job, chunksDone: index + 1, done: job.done + rows, report: sums, updatedAt: stamp, ...(last ? { status: 'done' as const, finishedAt: stamp } : {}) };
    });
  }

  /** One conditional update: only a running job fails. */
  async failJob(jobId: string, error: string, now: Date): Promise<void> {
    const stamp = now.toISOString();
    await this.kit.db.collection(JOBS).where({ _id: jobId, status: 'running' }).update({ data: { status: 'failed', error, updatedAt: stamp, finishedAt: stamp, leaseUntil: '' } });
  }

  async releaseJob(jobId: string): Promise<void> {
    await this.kit.db.collection(JOBS).doc(jobId).update({ data: { leaseUntil: '' } });
  }

  /** One `where({ jobId }).remove()`. */
  async dropJobChunks(jobId: string): Promise<void> {
    await this.kit.db.collection(JOB_CHUNKS).where({ jobId }).remove();
  }

  async expireJobs(before: Date, now: Date, limit: number): Promise<number> {
    const _ = this.kit.command;
    const { data } = await this.kit.db.collection(JOBS).where({ status: 'running', createdAt: _.lt(before.toISOString()) }).limit(limit).get();
    await inPool(data, this.kit.readConcurrency, async (doc) => {
      const jobId = String(doc._id);
      await this.failJob(jobId, '任务长时间未完成，已过期，请重新导入', now);
      await this.dropJobChunks(jobId);
    });
    return data.length;
  }
}
