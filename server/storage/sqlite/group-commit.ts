import type Database from 'better-sqlite3';

type Job = { work: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** Most jobs in one transaction. */
  maxBatch?: number;
  /**
   * Errors a job throws *before it has written anything* (refusals such as "sign-up closed"). They need no rollback,
   * so a batch whose jobs only succeed or refuse this way runs without a savepoint per job.
   */
  isCleanRefusal?: (error: unknown) => boolean;
}

/**
 * Group commit: writes that arrive in the same event-loop turn run in one transaction and are answered only after
 * COMMIT returns. With synchronous=FULL one fsync then covers a whole batch instead of one per request (measured in
 * bench/: this is what lets durable sign-ups keep pace with a bare HTTP server).
 *
 * The jobs run back to back, with no savepoint each (measured: savepoints cost a tenth of a sign-up). If one throws
 * anything but a clean refusal (a constraint violation, a bug), it may have written half its work, so the whole
 * transaction is rolled back and the batch run again without that job, which alone fails. If COMMIT itself fails,
 * every job of the batch is rejected and nothing of it is written.
 */
export class GroupCommitter {
  private queue: Job[] = [];
  private scheduled = false;
  private closed = false;
  private readonly maxBatch: number;
  private readonly isCleanRefusal: (error: unknown) => boolean;
  // Prepared once: exec() would parse these statements again for every job of every batch.
  private readonly sql;

  constructor(
    private readonly db: Database.Database,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.isCleanRefusal = options.isCleanRefusal ?? (() => false);
    this.sql = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
  }

  run<T>(work: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Runs everything queued so far; used at close so that no accepted write is dropped. */
  close(): void {
    while (this.queue.length) this.flushBatch(this.queue.splice(0, this.maxBatch));
    this.closed = true;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length) this.flushBatch(batch);
  }

  private flushBatch(batch: Job[]): void {
    // Jobs that failed in a way that may have left partial writes; they are not run again.
    const broken = new Map<number, unknown>();
    let outcomes: Outcome[] | null = null;
    try {
      while (!outcomes) {
        this.sql.begin.run();
        outcomes = this.runAll(batch, broken);
        if (outcomes) this.sql.commit.run();
        else this.sql.rollback.run();
      }
    } catch (error) {
      if (this.db.inTransaction) this.sql.rollback.run();
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const o = outcomes![i];
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
  }

  /**
   * Runs the batch back to back inside the open transaction. Returns null after recording in `broken` the first job
   * that failed other than by a clean refusal: the caller rolls back and runs the batch again without it.
   */
  private runAll(batch: Job[], broken: Map<number, unknown>): Outcome[] | null {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < batch.length; i++) {
      if (broken.has(i)) {
        outcomes.push({ ok: false, error: broken.get(i) });
        continue;
      }
      try {
        outcomes.push({ ok: true, value: batch[i].work() });
      } catch (error) {
        if (!this.isCleanRefusal(error)) {
          broken.set(i, error);
          return null;
        }
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }
}
